/**
 * Output hygiene: strings from AWS and from experiment files are inert wherever fis-gate prints
 * them. Each attack is reproduced against the real renderer, and the oracle is the structure a
 * consumer sees (the runner's command parser, the Markdown line structure, a validating XML
 * parser), not a search for the attack's text.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { XMLValidator } from 'fast-xml-parser'
import { toJunit, xml } from '../../src/report/junit.js'
import { inertLogText } from '../../src/report/log-text.js'
import { code, escapeMarkdown } from '../../src/report/markdown.js'
import { renderRunSummary } from '../../src/report/run-summary.js'
import { renderValidationSummary } from '../../src/report/validation-summary.js'
import type { ExperimentRun } from '../../src/run/model.js'
import type { ValidatedExperiment } from '../../src/validate/validate.js'
import { INJECTED_COMMANDS, runnerCommands } from '../support/runner-commands.js'
import {
  baseTemplate,
  tempWorkspace,
  validateFile,
  type Workspace
} from '../support/validate-files.js'

/** A seeded generator (mulberry32), so every run checks the same inputs. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

describe('log lines', () => {
  const attacks = [
    `FIS: action failed${INJECTED_COMMANDS}`,
    'reason\r::set-output name=verdict::pass',
    'reason\r\n  \t::add-mask::secret',
    '\u00a0\u2028\u0085\u3000::error::forged',
    '::SET-OUTPUT name=verdict::pass',
    'a line with ##[set-output name=verdict;]pass in the middle',
    'nested ###[error]x and ##[group]y',
    '::stop-commands::token'
  ]

  it.each(attacks)('makes every line of %j inert', (attack) => {
    expect(runnerCommands(attack).length).toBeGreaterThan(0)
    expect(runnerCommands(inertLogText(attack))).toEqual([])
  })

  it('escapes a command behind characters .NET may ignore when it compares', () => {
    const escaped = inertLogText('\u200b\ufeff::set-output name=verdict::pass')
    expect(escaped.replace(/^[\u200b\ufeff]*/, '')).toMatch(/^\\::/)
  })

  it('leaves ordinary lines alone, colons and ARNs included', () => {
    const text =
      'role arn:aws:iam::111122223333:role/fis :: ok\n  2026-01-01T10:00:00Z  action a: running'
    expect(inertLogText(text)).toBe(text)
  })

  it('only adds backslashes, keeps the lines the runner sees, and leaves no command (random text)', () => {
    const pieces = ['::', '##[', ']', ':', '#', '[', '\n', '\r', '\r\n', ' ', '\t', '\u00a0']
    const words = ['set-output name=verdict', 'add-mask', 'error', 'stop-commands', 'x', '\\']
    const next = random(7)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () =>
        next() < 0.6 ? pick(pieces) : pick(words)
      ).join('')
      const escaped = inertLogText(text)
      const lines = text.split(/\r\n|\r|\n/)
      expect(runnerCommands(escaped)).toEqual([])
      expect(escaped.split('\n').map((line) => line.replace(/\\/g, ''))).toEqual(
        lines.map((line) => line.replace(/\\/g, ''))
      )
    }
  })
})

// ---- Markdown: the line structure a renderer would see ---------------------------------------

/** Pipes that split a GFM table row: not preceded by a backslash that is itself unescaped. */
function cellCount(row: string): number {
  let count = 0
  for (let index = 0; index < row.length; index++) {
    if (row[index] === '\\') index++
    else if (row[index] === '|') count++
  }
  return count
}

/**
 * The block structure of `markdown` as CommonMark and GFM read it, line by line: fences and what
 * is inside them, headings, HTML blocks, lists, quotes, thematic breaks, setext underlines,
 * indented code, table rows with their cell count, and every HTML tag anywhere in a line.
 */
function structure(markdown: string): string[] {
  const kinds: string[] = []
  let fence: string | undefined
  let previousBlank = true
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence) {
      const closes = marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length
      kinds.push(closes ? 'fence end' : 'in fence')
      if (closes) fence = undefined
      continue
    }
    if (marker) {
      fence = marker
      kinds.push('fence start')
      continue
    }
    const kind = /^ {0,3}#{1,6}(\s|$)/.test(line)
      ? 'heading'
      : /^ {0,3}<[A-Za-z/!?]/.test(line)
        ? 'html block'
        : /^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)
          ? 'thematic break'
          : /^ {0,3}(=+|-+)\s*$/.test(line)
            ? 'setext underline'
            : /^ {0,3}([-+*]|\d{1,9}[.)])(\s|$)/.test(line)
              ? 'list item'
              : /^ {0,3}>/.test(line)
                ? 'quote'
                : /^ {0,3}\[[^\]]+\]:/.test(line)
                  ? 'link reference'
                  : previousBlank && /^( {4}|\t)/.test(line)
                    ? 'indented code'
                    : line.startsWith('|')
                      ? `row of ${cellCount(line)} pipes`
                      : line.trim() === ''
                        ? 'blank'
                        : 'paragraph'
    kinds.push(kind)
    for (const tag of line.matchAll(/<\/?([A-Za-z][\w-]*)(\s[^<>]*)?\/?>/g))
      kinds.push(`tag ${tag[1]}`)
    previousBlank = line.trim() === ''
  }
  return kinds
}

/** The name, and a lone \r (a line break to CommonMark too) before a second heading. */
const HOSTILE = 'x\n```\n# ✅ all checks passed\n<img src=x onerror=alert(1)>| a |\r## ✅ pass'
/** A name with HOSTILE's findings (a `<…>` fill-in, over 64 characters) and no markup at all. */
const PLAIN = `x <y> ${'z'.repeat(64)}`

function gateFile(name: string): object {
  return {
    name,
    template: {
      ...baseTemplate(),
      actions: { [name]: (baseTemplate().actions as { stop: object }).stop }
    },
    hypothesis: {
      checks: [
        {
          name,
          metric: {
            namespace: 'AWS/EC2',
            metricName: 'CPUUtilization',
            stat: 'Average',
            period: 60
          },
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 80
        }
      ]
    }
  }
}

function runOf(experiment: ValidatedExperiment, text: string): ExperimentRun {
  const start = Date.UTC(2026, 0, 1, 10, 0)
  const window = { start, end: start + 180_000 }
  return {
    file: experiment.source.file,
    name: experiment.source.name,
    mode: 'run',
    verdict: 'fail',
    reason: text,
    templateCreated: true,
    templateDeleted: true,
    experimentId: 'EXP1',
    status: 'completed',
    region: 'eu-west-1',
    actions: [{ name: text, actionId: 'aws:ec2:stop-instances', status: 'failed', reason: text }],
    alarms: [
      {
        name: text,
        arn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:x',
        state: 'ALARM',
        stateReason: text,
        firedDuringExperiment: true
      }
    ],
    timeline: [{ time: start, source: 'alarm', name: text, from: 'OK', to: 'ALARM', detail: text }],
    hypothesis: {
      verdict: 'fail',
      reason: text,
      windows: { during: window, settle: 0 },
      checks: [
        {
          name: experiment.source.name,
          status: 'breach',
          phases: [
            {
              phase: 'during',
              status: 'breach',
              reason: text,
              window,
              expectedPeriods: 3,
              datapoints: 3,
              periods: [],
              evaluations: [],
              breachingPeriods: [start + 60_000]
            }
          ]
        }
      ],
      series: [
        {
          check: experiment.source.name,
          points: [0, 1, 2, 3].map((index) => ({
            timestamp: start + index * 60_000,
            value: index * 30
          }))
        }
      ]
    }
  }
}

describe('the job summary', () => {
  let workspace: Workspace
  const validated = async (name: string): Promise<ValidatedExperiment> => {
    const path = `experiments/${name === HOSTILE ? 'hostile' : 'plain'}.json`
    workspace.write(path, gateFile(name))
    const { validated } = await validateFile(workspace, path)
    if (!validated) throw new Error('the gate file did not load')
    return validated
  }
  beforeAll(() => {
    workspace = tempWorkspace()
  })
  afterAll(() => workspace.remove())

  it('keeps the structure of the validation summary whatever the experiment and check are called', async () => {
    const render = async (name: string) =>
      renderValidationSummary({ experiments: [await validated(name)], otherFindings: [] })
    const hostile = await render(HOSTILE)
    expect(hostile).toContain('onerror')
    expect(structure(hostile)).toEqual(structure(await render(PLAIN)))
  })

  it('keeps the structure of the run summary, chart and timeline included, whatever AWS and the file say', async () => {
    const render = async (name: string) => {
      const experiment = await validated(name)
      return renderRunSummary({
        mode: 'run',
        verdict: 'fail',
        runs: [runOf(experiment, name)],
        experiments: [experiment]
      })
    }
    const hostile = await render(HOSTILE)
    const plain = await render(PLAIN)
    expect(plain).toContain('```mermaid')
    expect(plain).toContain('<details>')
    expect(structure(hostile)).toEqual(structure(plain))
  })

  it.each([
    ['a list item', '- item'],
    ['an ordered list', '1. first'],
    ['a thematic break', '***'],
    ['a setext underline', '==='],
    ['indented code', '    code'],
    ['a quote', '> quoted'],
    ['math', '$\\Huge{✅}$'],
    ['a link reference', '[x]: https://example.com']
  ])('does not let a value start %s at the start of a line', (_name, value) => {
    const paragraph = `\n\n${escapeMarkdown(value)}\n\n`
    expect(structure(paragraph)).toEqual(structure('\n\nplain\n\n'))
    expect(escapeMarkdown(value)).not.toMatch(/(^|[^\\])\$/)
  })

  it('keeps inline code to one cell and one element', () => {
    const value = 'a|b`c</code><b>d\ne'
    expect(structure(`| ${code(value)} |`)).toEqual(structure(`| ${code('x')} |`))
  })
})

// ---- JUnit ----------------------------------------------------------------------------------

/** XML 1.0's Char production, code point by code point. */
function xmlCharacters(text: string): boolean {
  for (const character of text) {
    const point = character.codePointAt(0) as number
    const allowed =
      point === 0x9 ||
      point === 0xa ||
      point === 0xd ||
      (point >= 0x20 && point <= 0xd7ff) ||
      (point >= 0xe000 && point <= 0xfffd) ||
      (point >= 0x10000 && point <= 0x10ffff)
    if (!allowed) return false
  }
  return true
}

describe('JUnit', () => {
  const forbidden = 'a\u0000b\u0008c\u000bd\u001fe\ufffef\uffffg\ud800h\udc00i'

  it('drops every character XML 1.0 forbids and keeps the rest, astral characters included', () => {
    expect(xml(`${forbidden}\t\n\r😀 é`)).toBe('abcdefghi\t\n\r😀 é')
  })

  it('writes a well-formed document from names, reasons and timelines holding them', () => {
    const run: ExperimentRun = {
      file: `experiments/${forbidden}.json`,
      name: forbidden,
      mode: 'run',
      verdict: 'fail',
      reason: forbidden,
      templateCreated: true,
      templateDeleted: true,
      experimentId: 'EXP1',
      status: 'completed',
      actions: [{ name: forbidden, actionId: 'aws:fis:wait', status: 'completed' }],
      alarms: [],
      timeline: [{ time: 0, source: 'alarm', name: forbidden, to: forbidden }],
      hypothesis: {
        verdict: 'fail',
        reason: forbidden,
        windows: { during: { start: 0, end: 1 }, settle: 0 },
        series: [],
        checks: [
          {
            name: forbidden,
            status: 'breach',
            phases: [
              {
                phase: 'during',
                status: 'breach',
                reason: forbidden,
                window: { start: 0, end: 1 },
                expectedPeriods: 1,
                datapoints: 1,
                periods: [],
                evaluations: [],
                breachingPeriods: [0]
              }
            ]
          }
        ]
      }
    }
    const document = toJunit([run], 0)
    expect(XMLValidator.validate(document)).toBe(true)
    expect(xmlCharacters(document)).toBe(true)
    expect(xmlCharacters(forbidden)).toBe(false)
  })
})
