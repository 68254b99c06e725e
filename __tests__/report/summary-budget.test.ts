/**
 * The job summary's 1 MiB budget, piece by piece: what the renderers pick, the run summary's
 * share, and the hard cap where the file is written (through @actions/core, appends counted).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderRunSummary } from '../../src/report/run-summary.js'
import { renderValidationSummary } from '../../src/report/validation-summary.js'
import {
  capSummary,
  fitToBudget,
  SUMMARY_BUDGET,
  STEP_SUMMARY_LIMIT
} from '../../src/report/summary-budget.js'
import type { ExperimentRun, Verdict } from '../../src/run/model.js'
import { runnerIO } from '../../src/runner-io.js'
import type { ValidatedExperiment } from '../../src/validate/validate.js'
import {
  baseTemplate,
  tempWorkspace,
  validateFile,
  type Workspace
} from '../support/validate-files.js'

const bytes = (text: string): number => Buffer.byteLength(text)
const fences = (markdown: string): number => (markdown.match(/^```/gm) ?? []).length

describe('fitToBudget', () => {
  const items = [
    { name: 'a', size: 40, rank: 2 },
    { name: 'b', size: 50, rank: 0 },
    { name: 'c', size: 30, rank: 1 },
    { name: 'd', size: 20, rank: 2 }
  ]
  const fit = (budget: number) =>
    fitToBudget(
      items,
      (item) => item.size,
      (item) => item.rank,
      budget
    )

  it('takes the lowest ranks first and returns them in their original order', () => {
    const { shown, omitted } = fit(100)
    expect(shown.map((item) => item.name)).toEqual(['b', 'c', 'd'])
    expect(omitted.map((item) => item.name)).toEqual(['a'])
  })

  it('never goes over the budget, and takes everything when it fits', () => {
    for (let budget = 0; budget <= 150; budget += 5) {
      const { shown, omitted } = fit(budget)
      expect(shown.reduce((sum, item) => sum + item.size, 0)).toBeLessThanOrEqual(budget)
      expect(shown.length + omitted.length).toBe(items.length)
    }
    expect(fit(140).omitted).toEqual([])
  })
})

describe('capSummary', () => {
  const chart = ['```mermaid', 'xychart-beta', ...Array.from({ length: 200 }, () => '  line [1]')]
  const markdown = [
    '## banner',
    '',
    '<details><summary>Timeline</summary>',
    '',
    ...Array.from({ length: 200 }, (_, index) => `| row ${index} | é |`),
    '',
    '</details>',
    '',
    ...chart,
    '```',
    ''
  ].join('\n')

  it('leaves a summary that fits as it is', () => {
    expect(capSummary(markdown, bytes(markdown))).toBe(markdown)
  })

  it.each([600, 3000, 4000, bytes(markdown) - 1])(
    'cuts whole lines to fit %i bytes, closes what it cut open and says so',
    (room) => {
      const capped = capSummary(markdown, room)
      expect(bytes(capped)).toBeLessThanOrEqual(room)
      // What is left once the note and the closing lines it added are taken off.
      const lines = capped.slice(0, capped.indexOf('\n**The rest')).split('\n')
      while (['```', '</details>', ''].includes(lines.at(-1) ?? 'none')) lines.pop()
      const kept = lines.join('\n')
      expect(kept.length).toBeGreaterThan(0)
      expect(markdown.startsWith(kept)).toBe(true)
      expect(fences(capped) % 2).toBe(0)
      expect((capped.match(/<details>/g) ?? []).length).toBe(
        (capped.match(/<\/details>/g) ?? []).length
      )
      expect(capped).toMatch(/The rest of this summary was cut/)
    }
  )

  it('writes nothing when not even the note fits', () => {
    expect(capSummary(markdown, 10)).toBe('')
  })
})

describe('the run summary', () => {
  const run = (index: number, verdict: Verdict): ExperimentRun => ({
    file: `experiments/file-${index}.json`,
    name: `file-${index}`,
    mode: 'run',
    verdict,
    reason: `reason ${index} `.repeat(80),
    templateCreated: false,
    templateDeleted: false,
    actions: [],
    alarms: [],
    timeline: Array.from({ length: 20 }, (_, event) => ({
      time: event * 1000,
      source: 'fis-gate' as const,
      name: `event ${event}`,
      to: 'done',
      detail: 'detail '.repeat(100)
    }))
  })

  it('keeps the verdict, reason and links of a run whose evidence alone is over the budget', () => {
    const huge = { ...run(1, 'fail'), experimentId: 'EXPhuge', region: 'eu-west-1' }
    huge.timeline = Array.from({ length: 3000 }, (_, event) => ({
      time: event * 1000,
      source: 'fis-gate' as const,
      name: `event ${event}`,
      to: 'done',
      detail: 'detail '.repeat(100)
    }))
    const markdown = renderRunSummary({
      mode: 'run',
      verdict: 'fail',
      runs: [huge, run(2, 'pass')],
      experiments: []
    })
    expect(bytes(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(markdown).toMatch(/^### ❌ fail — experiments\/file-1\.json$/m)
    expect(markdown).toContain('evidence is too large for the job summary')
    expect(markdown).toContain('#ExperimentDetails:ExperimentId=EXPhuge')
    expect(markdown).toMatch(/^### ✅ pass — experiments\/file-2\.json$/m)
    expect(markdown).not.toMatch(/not shown here/)
  })

  it('fits its share of the step with thousands of runs, the worst shown and the rest counted', () => {
    const runs = Array.from({ length: 3000 }, (_, index) =>
      run(index, index % 100 === 7 ? 'fail' : 'pass')
    )
    const markdown = renderRunSummary({ mode: 'run', verdict: 'fail', runs, experiments: [] })
    expect(bytes(markdown)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    const shown = (markdown.match(/^### (✅|❌) (pass|fail) — /gm) ?? []).map((line) =>
      line.includes('fail') ? 'fail' : 'pass'
    )
    expect(shown.filter((verdict) => verdict === 'fail')).toHaveLength(30)
    const note = /\*\*(\d+) more experiments are not shown here\*\* \((\d+) ✅ pass\)/.exec(
      markdown
    )
    expect(Number(note?.[1])).toBe(3000 - shown.length)
    expect(Number(note?.[2])).toBe(3000 - shown.length)
  })
})

describe('the hard cap where the summary is written', () => {
  let directory: string
  let previous: string | undefined
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'fis-gate-summary-'))
    previous = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = join(directory, 'step_summary')
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
  })
  afterEach(() => {
    if (previous === undefined) delete process.env.GITHUB_STEP_SUMMARY
    else process.env.GITHUB_STEP_SUMMARY = previous
    rmSync(directory, { recursive: true, force: true })
  })

  it('keeps every append of the step together under 1 MiB', async () => {
    const part = (label: string) =>
      Array.from({ length: 7000 }, (_, index) => `| ${label} ${index} | ${'é'.repeat(40)} |`).join(
        '\n'
      )
    await runnerIO.appendSummary(part('first'))
    await runnerIO.appendSummary(part('second'))
    await runnerIO.appendSummary(part('third'))
    const path = process.env.GITHUB_STEP_SUMMARY as string
    expect(statSync(path).size).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT)
    const written = readFileSync(path, 'utf8')
    expect(written).toContain('| first 6999 |')
    expect(written).toContain('| second 0 |')
    expect(written).toMatch(/The rest of this summary was cut/)
  })
})

describe('the validation summary', () => {
  let workspace: Workspace
  beforeAll(() => {
    workspace = tempWorkspace()
  })
  afterAll(() => workspace.remove())

  it('shows the files with errors first when not all fit, in file order, and counts the rest', async () => {
    const experiments: ValidatedExperiment[] = []
    for (let index = 0; index < 30; index++) {
      const template = baseTemplate()
      if (index % 6 === 5) template.roleArn = 'arn:aws:iam::12345:role/short'
      const path = `experiments/file-${String(index).padStart(2, '0')}.json`
      workspace.write(path, template)
      const { validated } = await validateFile(workspace, path)
      if (validated) experiments.push(validated)
    }
    const full = renderValidationSummary({ experiments, otherFindings: [] })
    const markdown = renderValidationSummary({ experiments, otherFindings: [] }, bytes(full) / 3)
    expect(bytes(markdown)).toBeLessThanOrEqual(bytes(full) / 3)
    const headings = markdown.match(/^### .*$/gm) ?? []
    const failing = headings.filter((line) => line.startsWith('### ❌'))
    expect(failing.map((line) => /file-(\d+)/.exec(line)?.[1])).toEqual([
      '05',
      '11',
      '17',
      '23',
      '29'
    ])
    const files = headings.map((line) => Number(/file-(\d+)/.exec(line)?.[1]))
    expect(files).toEqual([...files].sort((a, b) => a - b))
    const note = /\*\*(\d+) more files are not shown here\*\* \((\d+) with warnings\)/.exec(
      markdown
    )
    expect(Number(note?.[1])).toBe(30 - headings.length)
  })
})
