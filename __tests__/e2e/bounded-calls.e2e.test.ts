/**
 * A gate that cannot be hung or left claiming what it did not do, on the wall clock: a silent
 * connection on STS, StartExperiment or GetExperiment ends the step on its own, within `timeout`
 * and a bounded margin, with `error`, and leaves no experiment running; a StopExperiment FIS
 * refuses fails the step naming the experiment and what to do; permissions and throttling that
 * stop preflight give every file its verdict and every report; a bad report-dir is a located input
 * error. The harness kills a step that outlives its limit, so each test also shows the step ended
 * by itself.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  startEmulator,
  type CallRecord,
  type Emulator,
  type Scenario
} from '../../emulator/index.js'
import {
  killRunningActions,
  POST_SCRIPT,
  runAction,
  type ActionRunOptions,
  type ActionRunResult
} from '../support/action-harness.js'
import { cartsTemplate } from '../support/emulator-clients.js'
import { testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let emulator: Emulator | undefined
let workspace: Workspace | undefined
let runCounter = 0

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

async function world(faults: Scenario['faults']): Promise<Emulator> {
  emulator = await startEmulator({ scenario: testScenario({ faults }) })
  return emulator
}

interface Report {
  verdict: string
  experiments: { file: string; verdict: string; reason: string }[]
}

async function run(
  inputs: Record<string, string>,
  options: Partial<ActionRunOptions> = {},
  files: Record<string, object> = {
    'experiments/carts.json': { template: cartsTemplate({ duration: 'PT12H' }) }
  }
): Promise<{ result: ActionRunResult; report?: Report }> {
  workspace = tempWorkspace(files)
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: `bounded-${Date.now()}-${++runCounter}`,
    inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '500ms', ...inputs },
    ...options
  })
  const reportPath = result.outputs.report
  const report = reportPath ? (JSON.parse(readFileSync(reportPath, 'utf8')) as Report) : undefined
  return { result, report }
}

const calls = (records: readonly CallRecord[], operation: string): CallRecord[] =>
  records.filter((call) => call.operation === operation)

/** The step ended by itself (the harness kills one that outlives its limit). */
function endedOnItsOwn(result: ActionRunResult): void {
  expect([result.timedOut, result.signal]).toEqual([false, null])
}

describe('a silent connection', () => {
  it('on STS GetCallerIdentity ends the step with error once the call budget (the timeout) runs out; nothing starts', async () => {
    await world([{ type: 'hang', services: ['sts'] }])
    const { result, report } = await run({ timeout: '5s' })
    endedOnItsOwn(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verdict).toBe('error')
    expect(report?.experiments[0]?.reason).toMatch(
      /^STS GetCallerIdentity failed: CallTimeoutError: no answer within 5 s/
    )
    expect(calls(result.calls, 'CreateExperimentTemplate')).toEqual([])
    expect(calls(result.calls, 'StartExperiment')).toEqual([])
  })

  it('on a StartExperiment FIS processed: the experiment is found by its tag and stopped, the verdict is error', async () => {
    await world([{ type: 'hang', operations: ['StartExperiment'], afterProcessing: true }])
    const { result, report } = await run({ timeout: '5s' })
    endedOnItsOwn(result)
    expect(result.outputs.verdict).toBe('error')
    const id = emulator?.experiments()[0]?.id
    expect(report?.experiments[0]?.reason).toMatch(
      new RegExp(
        `^FIS StartExperiment failed: CallTimeoutError: no answer within 5 s .*; FIS had started ${id}, and fis-gate asked FIS to stop it`
      )
    )
    expect(calls(result.calls, 'StartExperiment')).toHaveLength(1)
    expect(calls(result.calls, 'StopExperiment').map((call) => call.status)).toEqual([200])
    expect(JSON.parse(result.state['fis-gate-run'] ?? '{}')).toMatchObject({
      experiments: [{ experimentId: id }]
    })
    // The post step confirms the end, and deletes the template.
    const post = await runAction({
      script: POST_SCRIPT,
      emulator,
      state: result.state,
      runnerTemp: workspace?.runnerTemp
    })
    expect(post.exitCode).toBe(0)
    expect(emulator?.experiments().map((experiment) => experiment.status)).toEqual(['stopped'])
    expect(calls(post.calls, 'DeleteExperimentTemplate').map((call) => call.status)).toEqual([200])
  })

  it('on GetExperiment does not outlive the timeout: the experiment is stopped at the deadline and confirmed', async () => {
    await world([{ type: 'hang', operations: ['GetExperiment'], limit: 2 }])
    const { result, report } = await run({ timeout: '5s' })
    endedOnItsOwn(result)
    expect(result.outputs.verdict).toBe('error')
    expect(report?.experiments[0]?.reason).toBe(
      'The experiment did not finish within the timeout of 5s; fis-gate stopped it (FIS state stopped)'
    )
    const hung = calls(result.calls, 'GetExperiment').filter(
      (call) => call.errorCode === 'ConnectionHung'
    )
    expect(hung).toHaveLength(2)
    expect(emulator?.experiments().map((experiment) => experiment.status)).toEqual(['stopped'])
  })
})

describe('cancellation', () => {
  it('while StartExperiment hangs: nothing more is started, what FIS started is stopped, the verdict is cancelled', async () => {
    await world([{ type: 'hang', operations: ['StartExperiment'], afterProcessing: true }])
    const { result, report } = await run(
      {},
      {
        signal: {
          signal: 'SIGINT',
          whenCalls: (records) => records.some((call) => call.operation === 'StartExperiment')
        }
      }
    )
    endedOnItsOwn(result)
    expect(result.outputs.verdict).toBe('cancelled')
    expect(report?.experiments[0]?.reason).toMatch(
      /^FIS StartExperiment failed: CancelledError: the workflow was cancelled \(SIGINT\); FIS had started EXP\w+, and fis-gate asked FIS to stop it/
    )
    expect(calls(result.calls, 'StartExperiment')).toHaveLength(1)
    expect(emulator?.experiments().map((experiment) => experiment.status)).toEqual([
      expect.stringMatching(/^(stopping|stopped)$/)
    ])
  })

  it('with StopExperiment denied: the step fails naming the experiment, the CLI command and the console link', async () => {
    await world([{ type: 'access-denied', operations: ['StopExperiment'] }])
    const { result, report } = await run(
      {},
      { signal: { signal: 'SIGINT', whenStdout: /experiment started/ } }
    )
    endedOnItsOwn(result)
    const id = emulator?.experiments()[0]?.id as string
    expect(emulator?.experiments()[0]?.status).toBe('running')
    expect(result.outputs.verdict).toBe('cancelled')
    expect(report?.experiments[0]?.reason).toBe(
      'The workflow was cancelled; fis-gate asked FIS to stop it, and FIS has not confirmed that it ended (last state running)'
    )
    const failure = result.annotations.find(
      (annotation) => annotation.level === 'error' && annotation.message.startsWith('fis-gate:')
    )
    expect(failure?.message).toContain(
      `FIS has not confirmed that ${id} (experiments/carts.json) ended (last state running): stop it with \`aws fis stop-experiment --id ${id} --region eu-west-1\` or in the FIS console: https://eu-west-1.console.aws.amazon.com/fis/home?region=eu-west-1#ExperimentDetails:ExperimentId=${id}`
    )
    expect(result.stdout).not.toMatch(/fis-gate stopped/)
  })
})

describe('preflight that AWS refuses', () => {
  it('AccessDenied on ListExperiments (the lock) is each file’s error, with every report written', async () => {
    await world([{ type: 'access-denied', operations: ['ListExperiments'] }])
    const { result, report } = await run(
      {},
      {},
      {
        'experiments/carts.json': { template: cartsTemplate() },
        'experiments/orders.json': { template: cartsTemplate({ tags: { service: 'orders' } }) }
      }
    )
    endedOnItsOwn(result)
    expect(result.exitCode).toBe(1)
    expect(
      report?.experiments.map((experiment) => [experiment.verdict, experiment.reason])
    ).toEqual(
      ['carts', 'orders'].map(() => [
        'error',
        expect.stringMatching(
          /^FIS ListExperiments failed: AccessDeniedException: .* — the CI role lacks a permission: see docs\/iam-policy.json; fis-gate reads the active experiments to hold the account and Region eu-west-1, so nothing was started$/
        )
      ])
    )
    for (const output of ['report', 'junit', 'sarif'])
      expect(readFileSync(result.outputs[output] as string, 'utf8').length).toBeGreaterThan(0)
    expect(calls(result.calls, 'StartExperiment')).toEqual([])
  })

  it('throttling on every call of every service gives an error verdict, not a crash', async () => {
    await world([{ type: 'throttling' }])
    const { result, report } = await run({})
    endedOnItsOwn(result)
    expect(result.outputs.verdict).toBe('error')
    expect(report?.experiments[0]?.reason).toMatch(
      /^STS GetCallerIdentity failed: Throttling: Rate exceeded .*AWS kept throttling after all retries/
    )
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('report-dir', () => {
  it.each([
    ['a file', (root: string) => join(root, 'report.txt'), /is not a directory/],
    [
      'a path under a file',
      (root: string) => join(root, 'report.txt', 'x'),
      /cannot be created \(ENOTDIR\)/
    ],
    ['a path under /proc', () => '/proc/fis-gate-reports', /cannot be created \(ENOENT\)/]
  ])('that is %s is a located input error before anything runs', async (_name, path, why) => {
    await world([])
    workspace = tempWorkspace({ 'experiments/carts.json': { template: cartsTemplate() } })
    mkdirSync(workspace.runnerTemp, { recursive: true })
    writeFileSync(join(workspace.runnerTemp, 'report.txt'), 'not a directory')
    const directory = path(workspace.runnerTemp)
    const result = await runAction({
      workspace: workspace.root,
      runnerTemp: workspace.runnerTemp,
      emulator,
      inputs: { mode: 'run', experiments: 'experiments/*.json', 'report-dir': directory }
    })
    endedOnItsOwn(result)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verdict).toBe('error')
    const error = result.annotations.find((annotation) => annotation.level === 'error')
    expect(error?.message).toMatch(new RegExp(`^Input report-dir: "${directory}" `))
    expect(error?.message).toMatch(why)
    expect(result.calls).toEqual([])
    expect(result.stdout).not.toMatch(/\n\s+at /)
  })
})
