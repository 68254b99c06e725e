/**
 * The action in validate mode, through its real flow with a recording ActionIO. The AWS SDK
 * client modules are replaced by constructors that count instances: validate must create none.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  baseTemplate,
  errorMessageOf,
  templateWithErrors,
  tempWorkspace,
  type Workspace
} from '../support/validate-files.js'
import { runValidate, sarifResults, type Recorded } from './run-validate.js'

const constructed: string[] = []
for (const [module, client] of [
  ['@aws-sdk/client-fis', 'FisClient'],
  ['@aws-sdk/client-cloudwatch', 'CloudWatchClient'],
  ['@aws-sdk/client-sts', 'STSClient']
] as const) {
  jest.unstable_mockModule(module, () => ({
    [client]: class {
      constructor() {
        constructed.push(client)
      }
    }
  }))
}

let workspace: Workspace
beforeEach(() => {
  workspace = tempWorkspace()
  constructed.length = 0
})
afterEach(() => workspace.remove())

const run = (inputs: Record<string, string>) => runValidate(workspace.root, inputs)

describe('validate mode', () => {
  it('passes valid files without creating any AWS client', async () => {
    workspace.write('experiments/ok.json', baseTemplate())
    const recorded = await run({})
    expect(constructed).toEqual([])
    expect(recorded.failed).toBeUndefined()
    expect(recorded.outputs).toMatchObject({ verdict: 'pass', 'experiment-ids': '' })
    expect(sarifResults(recorded)).toEqual([
      expect.objectContaining({ ruleId: 'hypothesis/missing' })
    ])
  })

  it('fails with located annotations and a summary on errors, still without AWS', async () => {
    workspace.write('experiments/bad.json', {
      ...baseTemplate(),
      stopConditions: [{ source: 'none' }]
    })
    workspace.write('experiments/broken.json', '{\n  "description": "x",\n}')
    const recorded = await run({})
    expect(constructed).toEqual([])
    expect(recorded.outputs.verdict).toBe('error')
    expect(recorded.failed).toBe(
      'fis-gate: 2 validation errors in 2 files; see the annotations and the job summary'
    )
    expect(recorded.annotations.filter((annotation) => annotation.severity === 'error')).toEqual([
      expect.objectContaining({
        file: 'experiments/broken.json',
        title: 'fis-gate syntax/invalid-json',
        startLine: 3,
        startColumn: 1
      }),
      expect.objectContaining({
        file: 'experiments/bad.json',
        title: 'fis-gate guardrail/stop-conditions',
        startLine: 4,
        startColumn: 3
      })
    ])
    expect(recorded.summary).toMatch(
      /^## ❌ fis-gate validate: error\n\n2 errors in all 2 files; the first at experiments\/broken\.json:3:1: /
    )
  })

  /** How often `text` occurs in what the step logged and annotated. */
  const occurrences = (recorded: Recorded, text: string): number =>
    [...recorded.logs, ...recorded.annotations.map((annotation) => annotation.message)]
      .join('\n')
      .split(text).length - 1

  it('shows each of 15 errors once, within 10 error annotations with the failure', async () => {
    workspace.write('experiments/bad.json', templateWithErrors(15))
    const recorded = await run({ 'require-stop-conditions': 'false' })
    const errors = recorded.annotations.filter((annotation) => annotation.severity === 'error')
    expect(recorded.failed).toBe(
      'fis-gate: 15 validation errors in 1 file; see the annotations and the job summary'
    )
    expect(errors).toHaveLength(9)
    for (let index = 1; index <= 15; index++)
      expect([index, occurrences(recorded, errorMessageOf(index))]).toEqual([index, 1])
    expect(recorded.annotations.at(-1)?.message).toMatch(/^6 more errors are not annotated/)
    expect(recorded.logs).toContain('✗ experiments/bad.json: 15 errors')
    expect(
      [...recorded.logs, recorded.failed, ...recorded.annotations.map((item) => item.message)].join(
        '\n'
      )
    ).not.toContain('(s)')
  })

  it('annotates 10 errors when errors do not fail the step', async () => {
    workspace.write('experiments/bad.json', templateWithErrors(12))
    const recorded = await run({ 'require-stop-conditions': 'false', 'fail-on': 'fail' })
    expect(recorded.failed).toBeUndefined()
    expect(recorded.annotations.filter((item) => item.severity === 'error')).toHaveLength(10)
    for (let index = 1; index <= 12; index++)
      expect([index, occurrences(recorded, errorMessageOf(index))]).toEqual([index, 1])
  })

  it("keeps the glob library's debug lines out of stdout unless debug logging is on", async () => {
    workspace.write('experiments/ok.json', baseTemplate())
    const debugLines = async (debug: boolean): Promise<number> => {
      const written: string[] = []
      const write = process.stdout.write
      const before = process.env.RUNNER_DEBUG
      process.stdout.write = ((chunk: string | Uint8Array) =>
        written.push(String(chunk)) > 0) as typeof process.stdout.write
      if (debug) process.env.RUNNER_DEBUG = '1'
      else delete process.env.RUNNER_DEBUG
      try {
        await run({ experiments: 'experiments/**/*.json' })
      } finally {
        process.stdout.write = write
        if (before === undefined) delete process.env.RUNNER_DEBUG
        else process.env.RUNNER_DEBUG = before
      }
      return written.filter((line) => line.startsWith('::debug::')).length
    }
    expect(await debugLines(false)).toBe(0)
    expect(await debugLines(true)).toBeGreaterThan(0)
  })

  it('reports a glob that matches nothing as an error', async () => {
    const recorded = await run({ experiments: 'chaos/**/*.json' })
    expect(recorded.failed).toMatch(/1 validation error/)
    expect(recorded.annotations[0]).toMatchObject({
      severity: 'error',
      title: 'fis-gate file/no-match',
      message: expect.stringContaining('chaos/**/*.json')
    })
  })

  it('reports patterns whose exclusions leave no file as an error, never a green gate', async () => {
    workspace.write('experiments/ok.json', baseTemplate())
    const recorded = await run({ experiments: 'experiments/*.json\n!experiments/**' })
    expect(recorded.failed).toMatch(/1 validation error/)
    expect(recorded.annotations[0]).toMatchObject({
      severity: 'error',
      title: 'fis-gate file/no-match',
      message: expect.stringContaining('leaves no file once its exclusions apply')
    })
  })

  it('honours the require-stop-conditions input and the vars input', async () => {
    workspace.write('experiments/a.json', {
      ...baseTemplate(),
      stopConditions: [{ source: 'none' }],
      roleArn: 'arn:aws:iam::${ACCOUNT}:role/r'
    })
    const recorded = await run({ 'require-stop-conditions': 'false', vars: 'ACCOUNT=111122223333' })
    expect(recorded.failed).toBeUndefined()
  })

  it.each([
    [{ mode: 'explode' }, /Input mode must be one of validate, plan, run/],
    [{ 'allowed-accounts': '12345' }, /allowed-accounts: "12345" is not a 12-digit AWS account id/],
    [{ 'allowed-regions': 'EU-WEST-1' }, /allowed-regions: "EU-WEST-1"/],
    [{ 'require-stop-conditions': 'maybe' }, /require-stop-conditions must be true or false/],
    [{ vars: 'NOEQUALS' }, /vars line 1: expected NAME=value/],
    [{ 'unknown-actions': 'ignore' }, /unknown-actions must be error or warning, found "ignore"/]
  ])('rejects a bad input %p with a message naming it', async (inputs, message) => {
    await expect(run(inputs as Record<string, string>)).rejects.toThrow(message)
  })
})
