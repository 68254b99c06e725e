/** The post step's job summary section, from plain cleanup reports: every outcome, escaped, bounded. */
import { describe, expect, it } from '@jest/globals'
import type {
  CleanupReport,
  ExperimentCleanup,
  TemplateCleanup
} from '../../src/run/cleanup-report.js'
import { CLEANUP_SUMMARY_BUDGET, renderCleanupSummary } from '../../src/report/cleanup-summary.js'
import { byteSize } from '../../src/report/summary-budget.js'

const run = { region: 'eu-west-1', runTag: 'octo-org/shop#42.1/chaos/abcd1234' }
const ENDED = Date.UTC(2026, 11, 2, 5, 21, 3, 400)
const console = (id: string) =>
  `https://eu-west-1.console.aws.amazon.com/fis/home?region=eu-west-1#ExperimentDetails:ExperimentId=${id}`

function experiment(changes: Partial<ExperimentCleanup> = {}): ExperimentCleanup {
  return {
    experimentId: 'EXP1',
    file: 'experiments/carts.json',
    foundBy: 'state',
    action: 'stopped',
    lastState: 'stopped',
    endTime: ENDED,
    ...changes
  }
}

function template(changes: Partial<TemplateCleanup> = {}): TemplateCleanup {
  return { templateId: 'EXT1', file: 'experiments/carts.json', outcome: 'deleted', ...changes }
}

function report(changes: Partial<CleanupReport> = {}): CleanupReport {
  return { experiments: [experiment()], templates: [template()], unansweredStarts: [], ...changes }
}

const render = (changes: Partial<CleanupReport> = {}) => renderCleanupSummary(report(changes), run)

/** Table rows: lines starting with a pipe, split on the pipes that are not escaped. */
const cells = (markdown: string): string[][] =>
  markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim())
    )

describe('renderCleanupSummary', () => {
  it('a stop FIS confirmed: the outcome first, the experiment linked, its state and the end FIS reported', () => {
    const markdown = render()
    expect(markdown.split('\n')[0]).toBe('## ✅ Nothing left running (fis-gate post step)')
    expect(cells(markdown)).toEqual([
      ['Experiment', 'File', 'Post step', 'FIS state', 'Ended (from FIS)'],
      ['---', '---', '---', '---', '---'],
      [
        `[<code>EXP1</code>](<${console('EXP1')}>)`,
        'experiments/carts.json',
        '🛑 stopped it; FIS confirmed it ended',
        '<code>stopped</code>',
        '2026-12-02 05:21:03 UTC'
      ],
      ['Template', 'File', 'Post step'],
      ['---', '---', '---'],
      ['<code>EXT1</code>', 'experiments/carts.json', '🗑️ deleted']
    ])
    expect(markdown).not.toMatch(/What to do/)
  })

  it('an experiment that was stopping already, and one found only by the run tag', () => {
    const markdown = render({
      experiments: [
        experiment({ action: 'stop-awaited' }),
        experiment({ experimentId: 'EXP2', file: undefined, foundBy: 'run-tag' })
      ]
    })
    expect(cells(markdown).slice(2, 4)).toEqual([
      [
        expect.any(String),
        'experiments/carts.json',
        'it was stopping already; waited until FIS confirmed it ended',
        '<code>stopped</code>',
        '2026-12-02 05:21:03 UTC'
      ],
      [
        `[<code>EXP2</code>](<${console('EXP2')}>)`,
        '—',
        "found by this run's tag; 🛑 stopped it; FIS confirmed it ended",
        '<code>stopped</code>',
        '2026-12-02 05:21:03 UTC'
      ]
    ])
  })

  it('one line when the main step had ended and deleted everything itself', () => {
    expect(
      render({
        experiments: [experiment({ action: 'already-ended', lastState: 'completed' })],
        templates: [template({ outcome: 'deleted-by-main' })]
      })
    ).toBe(
      `## ✅ Nothing left running: [<code>EXP1</code>](<${console('EXP1')}>) ended (<code>completed</code> at 2026-12-02 05:21:03 UTC); template <code>EXT1</code> deleted by the main step (fis-gate post step)\n`
    )
    expect(render({ experiments: [], templates: [template({ outcome: 'deleted-by-main' })] })).toBe(
      '## ✅ Nothing left running: template <code>EXT1</code> deleted by the main step (fis-gate post step)\n'
    )
  })

  it('an experiment that ended by itself while its stop failed is already ended, with the reason', () => {
    const markdown = render({
      experiments: [
        experiment({
          action: 'already-ended',
          stopError: 'FIS StopExperiment EXP1 failed: ValidationException: already ended'
        })
      ]
    })
    expect(cells(markdown)[2]?.[2]).toBe(
      'nothing: it ended by itself while its stop failed (FIS StopExperiment EXP1 failed: ValidationException: already ended)'
    )
  })

  it('a stop FIS did not confirm: the heading says so, and what to do', () => {
    const markdown = render({
      experiments: [
        experiment({
          action: 'not-confirmed',
          lastState: 'running',
          endTime: undefined,
          stopError: 'FIS StopExperiment EXP1 failed: AccessDeniedException: not authorized'
        })
      ],
      templates: [template({ outcome: 'delete-failed', reason: 'AccessDeniedException: no' })]
    })
    expect(markdown.split('\n')[0]).toBe(
      '## ⚠️ Could not confirm that 1 experiment ended: a fault may still be active (fis-gate post step)'
    )
    expect(cells(markdown)[2]?.slice(2)).toEqual([
      '⚠️ could not confirm that it ended (FIS StopExperiment EXP1 failed: AccessDeniedException: not authorized)',
      '<code>running</code>',
      'not confirmed'
    ])
    expect(cells(markdown)[5]?.[2]).toBe('⚠️ could not delete: AccessDeniedException: no')
    expect(markdown).toContain(
      [
        '**What to do:**',
        `- <code>EXP1</code>: stop it with <code>aws fis stop-experiment --id EXP1 --region eu-west-1</code> or in [the FIS console](<${console('EXP1')}>), and check that FIS shows it <code>stopped</code>.`,
        '- template <code>EXT1</code>: delete it with <code>aws fis delete-experiment-template --id EXT1 --region eu-west-1</code> or in [the FIS console](<https://eu-west-1.console.aws.amazon.com/fis/home?region=eu-west-1#Experiments>) (a template costs nothing, but it can be started again).'
      ].join('\n')
    )
  })

  it('templates kept with cleanup: false, already gone, or undeletable: nothing is running, the heading says what is left', () => {
    const markdown = render({
      templates: [
        template({ outcome: 'kept', reason: 'cleanup: false' }),
        template({ templateId: 'EXT2', outcome: 'gone' }),
        template({ templateId: 'EXT3', outcome: 'delete-failed', reason: 'Throttling' })
      ]
    })
    expect(markdown.split('\n')[0]).toBe(
      '## ✅ Nothing left running; ⚠️ 1 template could not be deleted (fis-gate post step)'
    )
    expect(
      cells(markdown)
        .slice(5)
        .map((row) => row[2])
    ).toEqual(['kept (cleanup: false)', 'already gone', '⚠️ could not delete: Throttling'])
  })

  describe('a StartExperiment the main step never saw answered', () => {
    const start = { templateId: 'EXT9', file: 'experiments/carts.json' }

    it('found by the tag, or ruled out by the search', () => {
      expect(
        render({ unansweredStarts: [{ ...start, experimentId: 'EXP1' }], templates: [] })
      ).toContain(
        "The main step never saw the answer to its StartExperiment for experiments/carts.json: the search by this run's tag found <code>EXP1</code> (in the table)."
      )
      const none = render({ experiments: [], templates: [], unansweredStarts: [start] })
      expect(none.split('\n')[0]).toBe('## ✅ Nothing left running (fis-gate post step)')
      expect(none).toContain('found nothing, so FIS started nothing for it.')
    })

    it.each([
      [
        { unsearched: 'FIS ListExperiments failed: AccessDeniedException: no' },
        "and the search by this run's tag failed (FIS ListExperiments failed: AccessDeniedException: no): ⚠️ an experiment may be running that nobody can name."
      ],
      [
        { searchCutShort: true },
        "and the post step was cancelled before its search by this run's tag ended: ⚠️ FIS may yet start it."
      ]
    ])('not ruled out (%o): not confirmed, with what to do', (changes, words) => {
      const markdown = render({
        experiments: [],
        templates: [],
        unansweredStarts: [start],
        ...changes
      })
      expect(markdown.split('\n')[0]).toMatch(/^## ⚠️ Could not confirm that 1 experiment ended/)
      expect(markdown).toContain(words)
      expect(markdown).toContain(
        '- look in [the FIS console](<https://eu-west-1.console.aws.amazon.com/fis/home?region=eu-west-1#Experiments>) for an active experiment tagged <code>fis-gate:run</code> = <code>octo-org/shop\\#42.1/chaos/abcd1234</code>, and stop it.'
      )
    })
  })

  it('writes nothing when there is nothing to account for', () => {
    expect(render({ experiments: [], templates: [] })).toBe('')
  })

  it('escapes hostile ids, files and reasons: no HTML, no heading, no broken table, no pasteable command', () => {
    const hostile = 'EXP1|<img src=x onerror=alert(1)>\n# owned `rm -rf` [x](javascript:alert(1))'
    const markdown = render({
      experiments: [
        experiment({
          experimentId: hostile,
          file: 'a|b\n## c <script>.json',
          action: 'not-confirmed',
          lastState: 'running|<b>',
          endTime: undefined,
          stopError: 'denied\n</details>\n```\n| x | y |'
        })
      ],
      templates: [
        template({ templateId: `T${hostile}`, outcome: 'delete-failed', reason: hostile })
      ]
    })
    expect(markdown).not.toMatch(/<(img|script|b|\/details)\b/)
    expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      expect.stringMatching(/^## ⚠️ Could not confirm/)
    ])
    expect(markdown).not.toMatch(/^```/m)
    const rows = cells(markdown)
    expect(rows.map((row) => row.length)).toEqual([5, 5, 5, 3, 3, 3])
    // The id is in the console link, encoded; never in a command a person might paste.
    expect(markdown).not.toMatch(/aws fis/)
    expect(markdown).toContain(encodeURIComponent(hostile))
  })

  it('stays within its budget with many experiments, what may still be running first, the rest counted', () => {
    const experiments = Array.from({ length: 3000 }, (_, index) =>
      experiment({
        experimentId: `EXP${index}`,
        ...(index % 1000 === 999
          ? { action: 'not-confirmed' as const, lastState: 'running', endTime: undefined }
          : { stopError: 'x'.repeat(500), action: 'already-ended' as const })
      })
    )
    const markdown = render({ experiments })
    expect(byteSize(markdown)).toBeLessThan(CLEANUP_SUMMARY_BUDGET + 4096)
    for (const id of ['EXP999', 'EXP1999', 'EXP2999'])
      expect(markdown).toContain(`- <code>${id}</code>: stop it`)
    const shown = cells(markdown).length - 5
    expect(markdown).toMatch(
      new RegExp(
        `\\*\\*${3000 - shown} more items are not shown here\\*\\* \\(${3000 - shown} experiments\\)`
      )
    )
    expect(markdown.split('\n')[0]).toMatch(/^## ⚠️ Could not confirm that 3 experiments ended/)
  })
})
