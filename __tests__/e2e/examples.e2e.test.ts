/**
 * The five real-world flows of examples/experiments/, each run end to end by the bundled action
 * against its own scenario in examples/scenarios/ (same base name), in the real-time world: the
 * scenarios use the wall clock, 1-second samples with a 3-second ingestion lag, and a time scale
 * of 30 or 60 for FIS's durations only (PT2M lasts 4 or 2 s), so every wait the action makes is a
 * real one. Each run takes 25 to 40 s, most of it waiting for the after window to be ingested.
 * Each flow's verdict depends on one of the evaluation rules of docs/verdicts.md:
 *
 * - eks-log-shipper-blackhole: recovery in the alarm's view (1 of 2) within recoverWithin → pass;
 * - eks-chaos-mesh-network-delay: a partial period (a low RequestCount Sum) is never judged → pass;
 *   the same file on eks-chaos-mesh-network-delay-breach (a slower carts) → fail;
 * - multi-layer-orders: a 5xx burst after the last action, under notBreaching → fail;
 * - ecs-checkout-cpu-stress: a stop-condition alarm stops FIS → aborted, though a check breached;
 * - eks-pod-delete-self-healing: an instant fault gets a during verdict, and the recovery, close
 *   to the recoverWithin deadline, is measured in seconds → pass.
 *
 * Also: `mode: validate` finds no error in any example, and `mode: plan` resolves every new
 * example's targets against its scenario to exactly the resources FIS would hit.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { killRunningActions, runAction, type ActionRunResult } from '../support/action-harness.js'

let emulator: Emulator | undefined
let runnerTemp: string | undefined

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  if (runnerTemp) rmSync(runnerTemp, { recursive: true, force: true })
  runnerTemp = undefined
})

interface PhaseReport {
  phase: string
  status: string
  reason: string
  evaluations: { at: number; state: string }[]
  recovery?: { seconds?: number; limitSeconds: number; met: boolean; recovered: boolean }
}

interface CheckReport {
  name: string
  status: string
  phases: PhaseReport[]
}

interface ExperimentReport {
  file: string
  verdict: string
  reason: string
  status?: string
  startTime?: string
  endTime?: string
  actions: { name: string; status: string }[]
  alarms: { name: string; firedDuringExperiment: boolean; firedAt?: string }[]
  resolvedTargets?: { targetName: string; resourceType: string; identifier: string }[]
  hypothesis?: { verdict: string; checks: CheckReport[] }
}

interface Outcome {
  result: ActionRunResult
  experiment: ExperimentReport
  /** Wall-clock seconds the action ran. */
  seconds: number
}

const experimentFile = (flow: string) => `examples/experiments/${flow}.json`
const scenarioFile = (flow: string) => join(process.cwd(), `examples/scenarios/${flow}.json`)

/** Runs the bundled action on one example, against the example's own scenario (or another). */
async function runExample(flow: string, mode: 'run' | 'plan', scenario = flow): Promise<Outcome> {
  emulator = await startEmulator({ scenario: scenarioFile(scenario) })
  runnerTemp = mkdtempSync(join(tmpdir(), 'fis-gate-examples-'))
  const started = Date.now()
  const result = await runAction({
    runnerTemp,
    emulator,
    runId: `examples-${flow}-${mode}-${started}`,
    inputs: { mode, experiments: experimentFile(flow), 'poll-interval': '1s' },
    timeoutMs: 80_000
  })
  const seconds = (Date.now() - started) / 1000
  expect(result.timedOut).toBe(false)
  const report = JSON.parse(readFileSync(result.outputs.report as string, 'utf8')) as {
    experiments: ExperimentReport[]
  }
  const [experiment] = report.experiments
  if (!experiment) throw new Error(`no experiment in the report:\n${result.stdout}`)
  return { result, experiment, seconds }
}

const checkOf = (outcome: Outcome, name: string): CheckReport => {
  const check = outcome.experiment.hypothesis?.checks.find((candidate) => candidate.name === name)
  if (!check) throw new Error(`no check "${name}" in the report`)
  return check
}
const phaseOf = (outcome: Outcome, name: string, phase: string): PhaseReport | undefined =>
  checkOf(outcome, name).phases.find((candidate) => candidate.phase === phase)
const statusesOf = (outcome: Outcome, name: string): string[][] =>
  checkOf(outcome, name).phases.map((phase) => [phase.phase, phase.status])

/** The fault window FIS reports, in milliseconds. */
const windowOf = (outcome: Outcome) => ({
  start: Date.parse(outcome.experiment.startTime ?? ''),
  end: Date.parse(outcome.experiment.endTime ?? '')
})

const ACCOUNT = '111122223333'
const REGION = 'eu-west-1'
const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`
const ecsTask = (id: string) => arn('ecs', `task/preprod/${id}`)
const CHECKOUT_TASKS = [
  '0c1d2e3f4a5b60718293a4b5c6d7e8f9',
  '1d2e3f4a5b60718293a4b5c6d7e8f90a',
  '2e3f4a5b60718293a4b5c6d7e8f90a1b',
  '3f4a5b60718293a4b5c6d7e8f90a1b2c',
  '4a5b60718293a4b5c6d7e8f90a1b2c3d',
  '5b60718293a4b5c6d7e8f90a1b2c3d4e'
].map(ecsTask)
const CARTS_PODS = ['abcde', 'fghij', 'klmno'].map((suffix) =>
  arn('eks', `pod/preprod/carts/carts-7d9f8b6c5-${suffix}`)
)

/**
 * Per target: the resources it may resolve to, and how many it picks (every one when no count is
 * given). COUNT and PERCENT picks are the emulator's seeded choice, so only the share is fixed.
 */
const PLANS: [string, Record<string, { from: string[]; count?: number }>][] = [
  [
    'eks-log-shipper-blackhole',
    {
      logShipperPods: {
        // Namespace logging and label app.kubernetes.io/name=fluent-bit: not the dashboards pod of
        // the same namespace, nor the fluent-bit pod of namespace audit.
        from: ['fluent-bit-7xk2p', 'fluent-bit-9qv4m', 'fluent-bit-c3d8w'].map((pod) =>
          arn('eks', `pod/preprod/logging/${pod}`)
        )
      }
    }
  ],
  ['eks-chaos-mesh-network-delay', { preprodCluster: { from: [arn('eks', 'cluster/preprod')] } }],
  [
    'multi-layer-orders',
    {
      preprodCluster: { from: [arn('eks', 'cluster/preprod')] },
      // Tagged workers in preprod: not the system node group, nor prod's workers.
      workerNodegroup: {
        from: [arn('eks', 'nodegroup/preprod/workers/8ac5d2a3-1b7e-4a6f-9c0d-2f3e4a5b6c7d')]
      },
      ordersDatabase: { from: [arn('rds', 'db:orders-preprod')] },
      // One of the two running orders workers; the stopped one is filtered out.
      ordersWorkerHosts: {
        from: [
          arn('ec2', 'instance/i-0a1b2c3d4e5f60001'),
          arn('ec2', 'instance/i-0a1b2c3d4e5f60002')
        ],
        count: 1
      }
    }
  ],
  [
    'ecs-checkout-cpu-stress',
    {
      // Cluster preprod, service checkout: 66% of six tasks is 3.96, and FIS rounds down.
      checkoutTasks: { from: CHECKOUT_TASKS, count: 3 },
      // Tagged checkout and preprod (not the staging cluster's checkout task).
      oneCheckoutTask: { from: CHECKOUT_TASKS, count: 1 }
    }
  ],
  [
    'eks-pod-delete-self-healing',
    // Deployment carts in namespace carts: not carts-db, nor the carts pod of namespace orders.
    { oneCartsPod: { from: CARTS_PODS, count: 1 } }
  ]
]

describe('the examples validate', () => {
  it('has no error finding in any of examples/experiments/*.json (mode: validate)', async () => {
    runnerTemp = mkdtempSync(join(tmpdir(), 'fis-gate-examples-'))
    const result = await runAction({
      runnerTemp,
      inputs: { mode: 'validate', experiments: 'examples/experiments/*.json' }
    })
    expect(result.annotations.filter((annotation) => annotation.level === 'error')).toEqual([])
    expect([result.outputs.verdict, result.exitCode]).toEqual(['pass', 0])
    for (const [flow] of PLANS) expect(result.stdout).toContain(`✓ ${experimentFile(flow)}: valid`)
  })
})

describe('mode: plan resolves each example against its scenario', () => {
  it.each(PLANS)(
    '%s',
    async (flow, expected) => {
      const outcome = await runExample(flow, 'plan')
      expect([outcome.result.outputs.verdict, outcome.result.exitCode]).toEqual(['pass', 0])
      const resolved = outcome.experiment.resolvedTargets ?? []
      expect([...new Set(resolved.map((target) => target.targetName))].sort()).toEqual(
        Object.keys(expected).sort()
      )
      for (const [target, { from, count }] of Object.entries(expected)) {
        const identifiers = resolved
          .filter((resource) => resource.targetName === target)
          .map((resource) => resource.identifier)
        expect(identifiers).toHaveLength(count ?? from.length)
        expect(new Set(identifiers).size).toBe(identifiers.length)
        for (const identifier of identifiers) expect(from).toContain(identifier)
      }
      // Nothing was injected.
      expect(outcome.experiment.actions.every((action) => action.status === 'skipped')).toBe(true)
    },
    60_000
  )
})

describe('the five flows, run end to end in real time', () => {
  it('EKS pod-network-blackhole-port: log delivery stops during the fault and recovers in time → pass', async () => {
    const outcome = await runExample('eks-log-shipper-blackhole', 'run')
    expect([outcome.result.outputs.verdict, outcome.result.exitCode]).toEqual(['pass', 0])
    expect(statusesOf(outcome, 'log records delivered')).toEqual([
      ['before', 'pass'],
      ['after', 'pass']
    ])
    const after = phaseOf(outcome, 'log records delivered', 'after')
    // Delivery is 0 until 4 s after the end; the 1-of-2 alarm then needs two healthy periods.
    expect(after?.evaluations[0]?.state).toBe('ALARM')
    expect(after?.recovery).toMatchObject({ recovered: true, met: true, limitSeconds: 20 })
    expect(after?.recovery?.seconds).toBeGreaterThan(5)
    expect(after?.recovery?.seconds).toBeLessThanOrEqual(20)
    expect(after?.reason).toMatch(/^back to OK at .*, \d+(\.\d)? s after the experiment end/)
  }, 90_000)

  it('EKS via Chaos Mesh NetworkChaos: healthy under delay, and no partial period is judged → pass', async () => {
    const outcome = await runExample('eks-chaos-mesh-network-delay', 'run')
    expect([outcome.result.outputs.verdict, outcome.result.exitCode]).toEqual(['pass', 0])
    // The spec object went to FIS as the JSON string it requires.
    const created = outcome.result.calls.find(
      (call) => call.operation === 'CreateExperimentTemplate'
    )?.request as { actions: Record<string, { parameters: Record<string, string> }> }
    const spec = created.actions.delayCartsNetwork?.parameters.kubernetesSpec ?? ''
    expect(JSON.parse(spec)).toMatchObject({ action: 'delay', mode: 'all' })
    expect(statusesOf(outcome, 'carts requests served')).toEqual([
      ['during', 'pass'],
      ['after', 'pass']
    ])
    // Every evaluation was of a whole, ingested period: each one is OK, and the last read came
    // after the last judged period had ended plus settle.
    const evaluations = checkOf(outcome, 'carts requests served').phases.flatMap(
      (phase) => phase.evaluations
    )
    expect(evaluations.length).toBeGreaterThan(0)
    expect(evaluations.every((evaluation) => evaluation.state === 'OK')).toBe(true)
    const lastRead =
      outcome.result.calls.filter((call) => call.operation === 'GetMetricData').at(-1)?.time ?? 0
    const lastPeriodEnd = Math.max(...evaluations.map((evaluation) => evaluation.at))
    expect(lastRead).toBeGreaterThanOrEqual(lastPeriodEnd + 5_000)
    expect(statusesOf(outcome, 'carts p95 latency')).toEqual([
      ['during', 'pass'],
      ['after', 'pass']
    ])
  }, 90_000)

  it('the same Chaos Mesh gate where carts is not ready for the delay → fail (npm run demo, step 4)', async () => {
    const outcome = await runExample(
      'eks-chaos-mesh-network-delay',
      'run',
      'eks-chaos-mesh-network-delay-breach'
    )
    expect(outcome.result.outputs.verdict).toBe('fail')
    // The reason names the check whose alarm fired first; both breach.
    expect(outcome.experiment.reason).toMatch(
      /^The hypothesis breached: carts (p95 latency|requests served) breached during the experiment: in ALARM at \d\d:\d\d(?::\d\d)? UTC: /
    )
    // Which of the two breaches depends on where the fault falls in the periods: at least one does.
    const statuses = [
      checkOf(outcome, 'carts p95 latency').status,
      phaseOf(outcome, 'carts requests served', 'during')?.status
    ]
    expect(statuses).toContain('breach')
  }, 90_000)

  it('multi-layer, ordered with startAfter: a 5xx burst after the last action → fail', async () => {
    const outcome = await runExample('multi-layer-orders', 'run')
    expect(outcome.result.outputs.verdict).toBe('fail')
    expect(outcome.result.exitCode).not.toBe(0)
    // Every layer ran, in order.
    expect(outcome.experiment.status).toBe('completed')
    const started = emulator?.experiments()[0]?.actions ?? {}
    const order = [
      'litmusPodDelete',
      'terminateWorkerNodes',
      'rebootOrdersDatabase',
      'quietMinute',
      'stressWorkerCpu'
    ]
    for (const [index, name] of order.entries()) {
      expect(started[name]?.status).toBe('completed')
      const next = order[index + 1]
      if (next)
        expect(Number(started[next]?.startTime)).toBeGreaterThanOrEqual(
          Number(started[name]?.endTime)
        )
    }
    expect(statusesOf(outcome, 'orders p95 latency')).toEqual([['during', 'pass']])
    expect(statusesOf(outcome, 'orders 5xx burst')).toEqual([['after', 'breach']])
    expect(outcome.experiment.reason).toMatch(
      /^The hypothesis breached: orders 5xx burst breached after the experiment: in ALARM at \d\d:\d\d(?::\d\d)? UTC: 1 of 1 datapoints above 10 — /
    )
    // The burst starts when the last action ends: judged only because the final evaluation
    // waited for the after window to be complete and ingested.
    const after = phaseOf(outcome, 'orders 5xx burst', 'after')
    const alarmAt = after?.evaluations.find((evaluation) => evaluation.state === 'ALARM')?.at ?? 0
    expect(alarmAt).toBeGreaterThan(windowOf(outcome).end)
  }, 90_000)

  it('ECS cpu-stress on PERCENT(66) and kill-process: the running-task-count alarm stops FIS → aborted', async () => {
    const outcome = await runExample('ecs-checkout-cpu-stress', 'run')
    expect(outcome.result.outputs.verdict).toBe('aborted')
    expect(outcome.result.exitCode).not.toBe(0)
    expect(outcome.experiment.status).toBe('stopped')
    expect(outcome.experiment.reason).toMatch(
      /^FIS stopped the experiment: stop-condition alarm "checkout-running-tasks" at \d\d:\d\d:\d\d UTC went to ALARM; the hypothesis breached too: checkout p95 latency breached during the experiment/
    )
    const alarm = outcome.experiment.alarms.find(
      (candidate) => candidate.name === 'checkout-running-tasks'
    )
    expect(alarm?.firedDuringExperiment).toBe(true)
    // The scenario fires it 6 s after the start; CloudWatch's timestamp is reported.
    const firedAfter = Date.parse(alarm?.firedAt ?? '') - windowOf(outcome).start
    expect(firedAfter).toBeGreaterThanOrEqual(5_500)
    expect(firedAfter).toBeLessThan(7_500)
    // FIS stopped the stress; the kill had already completed.
    expect(
      Object.fromEntries(outcome.experiment.actions.map((action) => [action.name, action.status]))
    ).toEqual({ stressCheckoutCpu: 'stopped', killCheckoutProcess: 'completed' })
    // The checks' evidence beside the abort: the stressed period breached.
    expect(phaseOf(outcome, 'checkout p95 latency', 'during')?.status).toBe('breach')
    expect(outcome.result.summary).toMatch(/aborted/)
  }, 90_000)

  it('self-healing after an instant pod delete: a during verdict and the measured recovery → pass', async () => {
    const outcome = await runExample('eks-pod-delete-self-healing', 'run')
    expect([outcome.result.outputs.verdict, outcome.result.exitCode]).toEqual(['pass', 0])
    // The delete is instant: the whole experiment is shorter than one 5-second period, and
    // still `during` owns that period and judges it.
    const { start, end } = windowOf(outcome)
    expect(end - start).toBeLessThan(5_000)
    expect(statusesOf(outcome, 'carts stays up')).toEqual([
      ['during', 'pass'],
      ['after', 'pass']
    ])
    expect(phaseOf(outcome, 'carts stays up', 'during')?.evaluations.length).toBeGreaterThan(0)
    // p95 is under 500 ms again about 11 s after the delete: the period that shows it ends 13 to
    // 19 s after the experiment end, close to the 20-second deadline.
    const after = phaseOf(outcome, 'carts heals by itself', 'after')
    expect(after?.status).toBe('pass')
    expect(after?.recovery).toMatchObject({ recovered: true, met: true, limitSeconds: 20 })
    expect(after?.recovery?.seconds).toBeGreaterThanOrEqual(12)
    expect(after?.recovery?.seconds).toBeLessThanOrEqual(20)
  }, 90_000)
})
