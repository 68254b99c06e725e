/** The sweep's job summary and JSON report from plain results: one table, names escaped. */
import { describe, expect, it } from '@jest/globals'
import { toSweepJsonReport } from '../../src/report/json-report.js'
import { renderSweepSummary } from '../../src/report/sweep-summary.js'
import { TAG } from '../../src/run/state.js'
import { sweepRow, type SweepResult } from '../../src/run/sweep.js'

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0)
const hostile = {
  [TAG.repository]: 'octo-org/shop',
  [TAG.runId]: '42',
  [TAG.run]: 'octo-org/shop#42.3/chaos/x',
  [TAG.experiment]: '<img src=x onerror=alert(1)>|**bold**'
}

function result(changes: Partial<SweepResult> = {}): SweepResult {
  return {
    verdict: 'fail',
    reason:
      '1 experiment needed stopping: EXP1 (its workflow run octo-org/shop#42 attempt 3 has ended)',
    dryRun: false,
    region: 'eu-west-1',
    rows: [
      sweepRow(
        'experiment',
        { id: 'EXP1', tags: hostile, status: 'running' },
        NOW - 3_723_000,
        NOW,
        'stopped',
        'its workflow run octo-org/shop#42 attempt 3 has ended'
      ),
      sweepRow(
        'template',
        { id: 'EXT1', tags: { [TAG.run]: 'x' } },
        undefined,
        NOW,
        'left',
        'fis-gate cannot tell whether its run has ended: its tags name no workflow run | <b>'
      )
    ],
    untagged: { experiments: 2, templates: 0 },
    problems: ['FIS ListExperimentTemplates failed: <AccessDenied>'],
    ...changes
  }
}

describe('the sweep summary', () => {
  it('has the banner, one table with every row, and escapes what the tags say', () => {
    const summary = renderSweepSummary(result(), 'https://ghe.example.com/')
    expect(summary).toContain('## ❌ fis-gate sweep: fail')
    expect(summary).toContain(
      '| <code>EXP1</code> | &lt;img src=x onerror=alert(1)&gt;\\|\\*\\*bold\\*\\* | [octo-org/shop\\#42 attempt 3](https://ghe.example.com/octo-org/shop/actions/runs/42/attempts/3) | 1h 2m 3s | 🛑 stopped | its workflow run octo-org/shop\\#42 attempt 3 has ended |'
    )
    expect(summary).toContain(
      '| template <code>EXT1</code> | — | — | — | left | fis-gate cannot tell whether its run has ended: its tags name no workflow run \\| &lt;b&gt; |'
    )
    expect(summary).toContain(
      "Not looked at, without fis-gate's tags: 2 active experiments and 0 templates in eu-west-1."
    )
    expect(summary).toContain('- FIS ListExperimentTemplates failed: &lt;AccessDenied&gt;')
    expect(summary).not.toContain('<img')
    expect(summary).not.toContain('Dry run')
  })

  it('says when it was a dry run, and when nothing carries fis-gate tags', () => {
    const summary = renderSweepSummary(
      result({ verdict: 'pass', reason: 'Nothing needed stopping', rows: [], dryRun: true }),
      'https://github.com'
    )
    expect(summary).toContain('## ✅ fis-gate sweep: pass')
    expect(summary).toContain('**Dry run** (`sweep-dry-run`)')
    expect(summary).toContain(
      "No active experiment and no template in eu-west-1 carries fis-gate's tags."
    )
  })
})

describe('the sweep JSON report', () => {
  it('gives each item its run as repository, run id and attempt, and times as ISO-8601', () => {
    const json = toSweepJsonReport({
      ...result(),
      startedAt: NOW,
      finishedAt: NOW + 1000,
      workflow: {
        repository: 'octo-org/shop',
        runId: '9',
        runAttempt: '1',
        sha: 'abc',
        job: 'sweep',
        execution: 'e1'
      }
    }) as { startedAt: string; items: object[] }
    expect(json.startedAt).toBe('2026-12-02T10:00:00.000Z')
    expect(json.items[0]).toEqual({
      kind: 'experiment',
      id: 'EXP1',
      status: 'running',
      file: '<img src=x onerror=alert(1)>|**bold**',
      run: { repository: 'octo-org/shop', runId: 42, attempt: 3 },
      ageSeconds: 3723,
      outcome: 'stopped',
      why: 'its workflow run octo-org/shop#42 attempt 3 has ended'
    })
    expect(json.items[1]).toMatchObject({ kind: 'template', run: undefined, ageSeconds: undefined })
  })
})
