/**
 * mode: run and mode: plan, end to end: the bundled action against the emulator, as the runner
 * runs it. Each test gets a fresh emulated world on the accelerated clock (time scale 300: PT5M
 * takes one second, and so does a PT5M alarm timeline): these tests are about FIS's lifecycle, the
 * stop conditions and cleanup, not metric timing, which hypothesis.e2e tests on the wall clock.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CreateExperimentTemplateCommand,
  GetExperimentTemplateCommand,
  StartExperimentCommand
} from '@aws-sdk/client-fis'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  EMULATOR_CREDENTIALS,
  startEmulator,
  type CallRecord,
  type Emulator,
  type Scenario
} from '../../emulator/index.js'
import { createAwsClients } from '../../src/aws/clients.js'
import {
  killRunningActions,
  POST_SCRIPT,
  runAction,
  type ActionRunOptions,
  type ActionRunResult
} from '../support/action-harness.js'
import { cartsTemplate, templateInput, type CartsChanges } from '../support/emulator-clients.js'
import { testScenario, withAlarm } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

/** Every AWS call any run in this file made: the IAM test at the end derives the policy from it. */
export const observedCalls: CallRecord[] = []

let emulator: Emulator | undefined
let workspace: Workspace | undefined
let runCounter = 0

afterEach(async () => {
  killRunningActions()
  if (emulator) observedCalls.push(...emulator.calls())
  await emulator?.stop()
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

const cartsExperiment = (changes: CartsChanges = {}): object => ({
  template: cartsTemplate(changes)
})

async function world(overrides: Partial<Scenario> = {}): Promise<Emulator> {
  emulator = await startEmulator({
    scenario: testScenario({
      clock: 'accelerated',
      timeScale: 300,
      initiationDelay: 'PT2S',
      ...overrides
    })
  })
  return emulator
}

interface Run {
  result: ActionRunResult
  report: {
    verdict: string
    experiments: {
      verdict: string
      reason: string
      status?: string
      timeline: { source: string; name: string; to: string }[]
    }[]
  }
  runnerTemp: string
}

async function run(
  files: Record<string, object>,
  inputs: Record<string, string> = {},
  options: Partial<ActionRunOptions> = {}
): Promise<Run> {
  workspace = tempWorkspace(files)
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: `${Date.now()}${++runCounter}`,
    inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '200ms', ...inputs },
    ...options
  })
  const reportPath = result.outputs.report
  const report = reportPath
    ? (JSON.parse(readFileSync(reportPath, 'utf8')) as Run['report'])
    : { verdict: 'none', experiments: [] }
  return { result, report, runnerTemp: workspace.runnerTemp }
}

const operations = (calls: readonly CallRecord[]): string[] => calls.map((call) => call.operation)
const succeeded = (calls: readonly CallRecord[], operation: string): CallRecord[] =>
  calls.filter((call) => call.operation === operation && call.status === 200)

describe('run', () => {
  it('passes when FIS completes every action and no stop condition fires', async () => {
    await world()
    const { result, report } = await run({ 'experiments/carts.json': cartsExperiment() })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.verdict).toBe('pass')
    expect(result.outputs['experiment-ids']).toMatch(/^EXP\w+$/)
    expect(report.experiments[0]).toMatchObject({ verdict: 'pass', status: 'completed' })
    expect(result.summary).toMatch(/## ✅ fis-gate run: pass/)
    expect(succeeded(result.calls, 'DeleteExperimentTemplate')).toHaveLength(1)
    expect(emulator?.experiments().every((experiment) => experiment.status === 'completed')).toBe(
      true
    )
  })

  it('is aborted when a stop-condition alarm fires, naming the alarm, with the transition in the timeline', async () => {
    await world(
      withAlarm('carts-5xx', {
        timeline: [
          { at: 'PT1M', state: 'ALARM', reason: 'Threshold Crossed' },
          { at: 'PT4M', state: 'OK' }
        ]
      })
    )
    const { result, report } = await run({ 'experiments/carts.json': cartsExperiment() })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verdict).toBe('aborted')
    expect(report.experiments[0]?.reason).toMatch(
      /stop-condition alarm "carts-5xx" at \d\d:\d\d:\d\d UTC went to ALARM/
    )
    expect(report.experiments[0]?.status).toBe('stopped')
    expect(report.experiments[0]?.timeline).toContainEqual(
      expect.objectContaining({ source: 'alarm', name: 'carts-5xx', to: 'ALARM' })
    )
    expect(operations(result.calls)).toContain('DescribeAlarmHistory')
    expect(result.summary).toMatch(/🛑 fis-gate run: aborted/)
  })

  it('is an error when FIS fails the experiment, with the action and its reason', async () => {
    await world({
      actionOutcomes: {
        latency: { outcome: 'fail', reason: 'SSM agent is not running on the task' }
      }
    })
    const { result, report } = await run({ 'experiments/carts.json': cartsExperiment() })
    expect(result.outputs.verdict).toBe('error')
    expect(report.experiments[0]?.reason).toMatch(
      /FIS reports the experiment failed.*"latency" failed: SSM agent is not running/
    )
  })

  it('is not a pass when the targets resolve to nothing and the action is skipped', async () => {
    await world()
    const { result, report } = await run({
      'experiments/carts.json': cartsExperiment({
        tags: { service: 'nothing' },
        emptyTargets: 'skip'
      })
    })
    expect(result.outputs.verdict).toBe('inconclusive')
    expect(report.experiments[0]?.reason).toMatch(
      /fault was not injected: action latency \(skipped\)/
    )
    expect(result.exitCode).toBe(1)
  })

  it('stops the experiment at the timeout and reports an error', async () => {
    await world()
    const { result, report } = await run(
      { 'experiments/carts.json': cartsExperiment({ duration: 'PT12H' }) },
      { timeout: '2s' }
    )
    expect(result.outputs.verdict).toBe('error')
    expect(report.experiments[0]?.reason).toMatch(
      /did not finish within the timeout of 2s; fis-gate stopped it \(FIS state stopped\)/
    )
    expect(succeeded(result.calls, 'StopExperiment')).toHaveLength(1)
    expect(emulator?.experiments()[0]?.status).toBe('stopped')
  })

  it('runs an existing templateId as-is and never modifies or deletes it', async () => {
    const emulated = await world()
    const clients = createAwsClients({
      region: emulated.region,
      env: emulated.env,
      credentials: EMULATOR_CREDENTIALS
    })
    const created = await clients.fis.send(
      new CreateExperimentTemplateCommand({ ...cartsTemplate(), clientToken: 'existing-template' })
    )
    const templateId = created.experimentTemplate?.id as string
    const { result } = await run({ 'experiments/existing.json': { templateId } })
    expect(result.outputs.verdict).toBe('pass')
    expect(operations(result.calls)).not.toEqual(
      expect.arrayContaining(['CreateExperimentTemplate'])
    )
    expect(operations(result.calls).filter((operation) => /Delete|Update/.test(operation))).toEqual(
      []
    )
    expect(
      (await clients.fis.send(new GetExperimentTemplateCommand({ id: templateId })))
        .experimentTemplate?.id
    ).toBe(templateId)
    clients.destroy()
  })

  it('holds a templateId template to the same guardrails and refuses it before anything starts', async () => {
    const emulated = await world()
    const clients = createAwsClients({
      region: emulated.region,
      env: emulated.env,
      credentials: EMULATOR_CREDENTIALS
    })
    // No stop condition, an instance in another account and Region terminated, twelve hours long.
    const created = await clients.fis.send(
      new CreateExperimentTemplateCommand(
        templateInput({
          stopConditions: [{ source: 'none' }],
          targets: {
            web: {
              resourceType: 'aws:ec2:instance',
              resourceArns: ['arn:aws:ec2:us-east-1:999999999999:instance/i-0123456789abcdef0'],
              selectionMode: 'ALL'
            }
          },
          actions: {
            terminate: { actionId: 'aws:ec2:terminate-instances', targets: { Instances: 'web' } },
            hold: { actionId: 'aws:fis:wait', parameters: { duration: 'PT12H' } }
          }
        })
      )
    )
    clients.destroy()
    const templateId = created.experimentTemplate?.id as string
    const { result, report } = await run(
      { 'experiments/existing.json': { templateId } },
      {
        'allowed-accounts': '111122223333',
        'allowed-regions': 'eu-west-1',
        'require-stop-conditions': 'true'
      }
    )
    expect(result.outputs.verdict).toBe('error')
    const reason = report.experiments[0]?.reason ?? ''
    expect(reason).toMatch(
      new RegExp(`^Refused before anything started: template ${templateId} breaks \\d+ guardrails`)
    )
    expect(reason).toMatch(/999999999999/)
    expect(reason).toMatch(/us-east-1/)
    expect(reason).toMatch(/stop condition/i)
    expect(operations(result.calls)).not.toContain('StartExperiment')
  })

  it('runs several files one after another and reports the worst verdict', async () => {
    await world()
    const { result, report } = await run({
      'experiments/a.json': cartsExperiment(),
      'experiments/b.json': cartsExperiment({ tags: { service: 'nothing' }, emptyTargets: 'skip' })
    })
    expect(report.experiments.map((experiment) => experiment.verdict)).toEqual([
      'pass',
      'inconclusive'
    ])
    expect(result.outputs.verdict).toBe('inconclusive')
    expect(result.outputs['experiment-ids']?.split(',')).toHaveLength(2)
  })
})

describe('plan', () => {
  it('resolves targets with actionsMode skip-all, lists them, injects nothing and deletes the template', async () => {
    await world()
    const { result, report } = await run(
      { 'experiments/carts.json': cartsExperiment() },
      { mode: 'plan' }
    )
    expect(result.exitCode).toBe(0)
    expect(report.verdict).toBe('pass')
    const start = succeeded(result.calls, 'StartExperiment')[0]
    expect(start?.request).toMatchObject({ experimentOptions: { actionsMode: 'skip-all' } })
    expect(operations(result.calls)).toContain('ListExperimentResolvedTargets')
    expect(result.summary).toContain('arn:aws:ecs:eu-west-1:111122223333:task/preprod/task1')
    expect(result.summary).toContain('arn:aws:ecs:eu-west-1:111122223333:task/preprod/task2')
    expect(result.summary).not.toContain('task/preprod/task3')
    expect(emulator?.experiments()[0]?.actions.latency?.status).toBe('skipped')
    expect(succeeded(result.calls, 'DeleteExperimentTemplate')).toHaveLength(1)
  })
})

describe('refusals before any template is created', () => {
  it.each<
    [string, Partial<Scenario>, Record<string, string>, (emulated: Emulator) => void, RegExp]
  >([
    // The template's ARNs name an allowed account, but the credentials belong to another one.
    [
      'the caller account is not allowed',
      { account: '444455556666' },
      { 'allowed-accounts': '111122223333' },
      () => undefined,
      /credentials belong to account 444455556666, which is not allowed/
    ],
    [
      'a stop-condition alarm is missing',
      withAlarm('carts-5xx', { name: 'other-alarm' }),
      {},
      () => undefined,
      /alarm "carts-5xx" does not exist/
    ],
    [
      'a stop-condition alarm is in ALARM',
      {},
      {},
      (emulated) => emulated.setAlarmState('carts-5xx', 'ALARM', 'errors are high'),
      /alarm "carts-5xx" is ALARM \(errors are high\)/
    ]
  ])('refuses when %s', async (_name, scenario, inputs, prepare, reason) => {
    prepare(await world(scenario))
    const { result, report } = await run({ 'experiments/carts.json': cartsExperiment() }, inputs)
    expect(result.outputs.verdict).toBe('error')
    expect(report.experiments[0]?.reason).toMatch(reason)
    expect(
      operations(result.calls).filter((operation) => /Template|StartExperiment/.test(operation))
    ).toEqual([])
  })

  it('waits for the lock and refuses while another experiment holds it', async () => {
    const emulated = await world()
    const clients = createAwsClients({
      region: emulated.region,
      env: emulated.env,
      credentials: EMULATOR_CREDENTIALS
    })
    const created = await clients.fis.send(
      new CreateExperimentTemplateCommand({
        ...cartsTemplate({ duration: 'PT12H' }),
        clientToken: 'other-team'
      })
    )
    await clients.fis.send(
      new StartExperimentCommand({
        experimentTemplateId: created.experimentTemplate?.id,
        clientToken: 'other-team-run'
      })
    )
    clients.destroy()
    const { result, report } = await run(
      { 'experiments/carts.json': cartsExperiment() },
      { 'lock-timeout': '1s' }
    )
    expect(result.outputs.verdict).toBe('error')
    expect(report.experiments[0]?.reason).toMatch(
      /Another experiment holds the account and Region eu-west-1: EXP\w+ \(running\)/
    )
    expect(
      operations(result.calls).filter((operation) =>
        /CreateExperimentTemplate|StartExperiment/.test(operation)
      )
    ).toEqual([])
  })
})

describe('cancellation', () => {
  it('stops the experiment within a second of SIGINT and reports cancelled', async () => {
    await world()
    const { result } = await run(
      { 'experiments/carts.json': cartsExperiment({ duration: 'PT12H' }) },
      {},
      {
        signal: {
          signal: 'SIGINT',
          whenCalls: (calls) =>
            calls.some((call) => call.operation === 'GetExperiment' && call.status === 200)
        }
      }
    )
    const stop = succeeded(result.calls, 'StopExperiment')[0]
    expect(stop).toBeDefined()
    expect((stop?.time ?? Infinity) - (result.signalledAt ?? 0)).toBeLessThan(1000)
    expect(result.outputs.verdict).toBe('cancelled')
    expect(result.exitCode).toBe(1)
    expect(emulator?.experiments()[0]?.status).toMatch(/stopping|stopped/)
  })

  it('starts nothing after a SIGINT that arrives while CreateExperimentTemplate is in flight, and deletes the template', async () => {
    // The template call takes 1.5 s; the signal is sent once the lock check before it answered.
    await world({
      faults: [{ type: 'slow', delayMs: 1500, operations: ['CreateExperimentTemplate'] }]
    })
    const { result } = await run(
      { 'experiments/carts.json': cartsExperiment({ duration: 'PT12H' }) },
      { cleanup: 'false' },
      {
        signal: {
          signal: 'SIGINT',
          whenCalls: (calls) => calls.some((call) => call.operation === 'ListExperiments')
        }
      }
    )
    const operations = result.calls.map((call) => call.operation)
    expect(operations).toContain('CreateExperimentTemplate')
    expect(operations).not.toContain('StartExperiment')
    expect(succeeded(result.calls, 'DeleteExperimentTemplate')).toHaveLength(1)
    expect(result.outputs.verdict).toBe('cancelled')
    expect(result.exitCode).toBe(1)
    expect(emulator?.experiments()).toEqual([])
  })

  it('leaves the post step able to stop the experiment and delete the template after SIGKILL of main', async () => {
    await world()
    const main = await run(
      { 'experiments/carts.json': cartsExperiment({ duration: 'PT12H' }) },
      {},
      {
        signal: {
          signal: 'SIGKILL',
          whenCalls: (calls) =>
            calls.some((call) => call.operation === 'StartExperiment' && call.status === 200)
        }
      }
    )
    expect(main.result.signal).toBe('SIGKILL')
    expect(emulator?.experiments()[0]?.status).toMatch(/initiating|running/)
    const post = await runAction({
      workspace: workspace?.root,
      runnerTemp: main.runnerTemp,
      emulator,
      script: POST_SCRIPT,
      state: main.result.state,
      runId: 'post',
      inputs: {}
    })
    expect(post.exitCode).toBe(0)
    expect(emulator?.experiments()[0]?.status).toBe('stopped')
    expect(succeeded(post.calls, 'DeleteExperimentTemplate')).toHaveLength(1)
    const again = await runAction({
      workspace: workspace?.root,
      emulator,
      script: POST_SCRIPT,
      state: main.result.state,
      inputs: {}
    })
    expect(again.exitCode).toBe(0)
    // Idempotent: a second post changes nothing (its delete attempt finds the template gone).
    expect(
      again.calls.filter((call) => /Stop|Delete/.test(call.operation) && call.status === 200)
    ).toEqual([])
  })
})

/**
 * Runs last in this file (Jest runs a file's tests in order): every plan and run above, with the
 * post steps, together make every call the action can make.
 */
describe('IAM', () => {
  /** Service Authorization Reference: the IAM actions each API call needs (tags need TagResource). */
  const IAM_ACTIONS: Record<string, string[]> = {
    'sts:GetCallerIdentity': [],
    'fis:CreateExperimentTemplate': [
      'fis:CreateExperimentTemplate',
      'fis:TagResource',
      'iam:PassRole'
    ],
    'fis:StartExperiment': ['fis:StartExperiment', 'fis:TagResource']
  }

  it('docs/iam-policy.json grants exactly the IAM actions the e2e runs used', () => {
    const used = new Set<string>()
    for (const call of observedCalls) {
      const apiCall = `${call.service}:${call.operation}`
      for (const action of IAM_ACTIONS[apiCall] ?? [apiCall]) used.add(action)
    }
    const policy = JSON.parse(
      readFileSync(join(process.cwd(), 'docs/iam-policy.json'), 'utf8')
    ) as { Statement: { Action: string | string[] }[] }
    const granted = new Set(
      policy.Statement.flatMap((statement) =>
        Array.isArray(statement.Action) ? statement.Action : [statement.Action]
      )
    )
    expect([...used].sort()).toEqual([...granted].sort())
  })
})
