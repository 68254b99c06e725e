/**
 * The pull-request comment's Markdown from plain data: the verdict first, plan resources and run
 * checks per file, mentions and markup in names made inert, and GitHub's body limit kept however
 * many files and findings there are.
 */
import { describe, expect, it } from '@jest/globals'
import {
  COMMENT_LIMIT,
  renderComment,
  type CommentInput
} from '../../src/pull-request/comment-body.js'
import type { ExperimentRun } from '../../src/run/model.js'
import type { Finding } from '../../src/validate/findings.js'

const base = (overrides: Partial<CommentInput>): CommentInput => ({
  marker: '<!-- fis-gate comment: workflow=ci job=chaos -->',
  mode: 'plan',
  verdict: 'pass',
  headSha: 'a'.repeat(40),
  files: [],
  fileUrl: (file, line) =>
    `https://github.com/o/r/blob/${'a'.repeat(40)}/${file}${line ? `#L${line}` : ''}`,
  runUrl: 'https://github.com/o/r/actions/runs/1',
  ...overrides
})

const run = (overrides: Partial<ExperimentRun>): ExperimentRun => ({
  file: 'experiments/carts.json',
  name: 'carts',
  mode: 'plan',
  verdict: 'pass',
  reason: 'Targets resolved with actionsMode skip-all; no fault was injected',
  templateCreated: true,
  templateDeleted: true,
  actions: [],
  alarms: [],
  timeline: [],
  ...overrides
})

describe('renderComment', () => {
  it('starts with the marker and the verdict, and lists what plan resolved', () => {
    const body = renderComment(
      base({
        files: [
          {
            file: 'experiments/carts.json',
            change: 'modified',
            findings: [],
            diff: [],
            run: run({
              resolvedTargets: [
                {
                  targetName: 'cartsTasks',
                  resourceType: 'aws:ecs:task',
                  identifier: 'arn:aws:ecs:eu-west-1:1:task/a'
                }
              ]
            })
          }
        ]
      })
    )
    const lines = body.split('\n')
    expect(lines[0]).toBe('<!-- fis-gate comment: workflow=ci job=chaos -->')
    expect(lines[1]).toBe('## ✅ fis-gate plan: pass — 1 changed experiment file')
    expect(lines).toContain(
      '- <code>cartsTasks</code> → <code>aws:ecs:task</code> <code>arn:aws:ecs:eu-west-1:1:task/a</code>'
    )
    expect(lines).toContain('**Changes against the base:** none that change what runs')
  })

  it('shows a run verdict with its checks, and makes mentions and markup in names inert', () => {
    const body = renderComment(
      base({
        mode: 'run',
        verdict: 'fail',
        files: [
          {
            file: 'experiments/carts.json',
            change: 'modified',
            findings: [],
            diff: [],
            run: run({
              mode: 'run',
              verdict: 'fail',
              reason: 'The hypothesis breached: @octocat look',
              hypothesis: {
                verdict: 'fail',
                reason: 'x',
                windows: { during: { start: 0, end: 1 }, settle: 0 },
                series: [],
                checks: [{ name: '# p95 <b>latency</b>', status: 'breach', phases: [] }]
              }
            })
          }
        ]
      })
    )
    expect(body).toContain('**Run:** ❌ `fail` — The hypothesis breached: @\u2060octocat look')
    expect(body).toContain('- ❌ check \\# p95 &lt;b&gt;latency&lt;/b&gt;: breach')
    expect(body).not.toMatch(/@octocat|<b>/)
  })

  it('stays under GitHub’s body limit with many files, errors first, and counts the rest', () => {
    const finding = (file: string, index: number): Finding => ({
      file,
      line: index + 1,
      column: 1,
      rule: 'schema/type',
      severity: 'error',
      message: `value ${'x'.repeat(400)} is not a string`
    })
    const files = Array.from({ length: 400 }, (_, index) => {
      const file = `experiments/file-${index}.json`
      return {
        file,
        change: 'modified' as const,
        findings: index % 2 ? [] : Array.from({ length: 40 }, (_, n) => finding(file, n)),
        diff: []
      }
    })
    const body = renderComment(base({ mode: 'validate', verdict: 'error', files }))
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const shown = body.split('\n').filter((line) => line.startsWith('### '))
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((line) => line.startsWith('### ❌'))).toBe(true)
    const omitted = Number(/\*\*(\d+) more files not shown\*\*/.exec(body)?.[1])
    expect(shown.length + omitted).toBe(400)
    expect(body).toContain('- … and 15 more findings in the job summary')
  })
})
