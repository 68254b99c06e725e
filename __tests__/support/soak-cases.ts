/**
 * The fault soak's cases (__tests__/e2e/soak.e2e.test.ts): a seeded generator, and the rules that
 * give every case its verdict before it runs. Case `index` of soak seed `seed` is drawn from its
 * own generator, so `SOAK_SEED=seed SOAK_CASE=index` replays that one case.
 *
 * A case is one experiment file on one emulated world:
 *
 * | kind           | the world and the file                                           | verdict        |
 * | -------------- | ---------------------------------------------------------------- | -------------- |
 * | `pass`         | the carts latency action completes, no alarm                     | `pass`         |
 * | `aborted`      | the stop-condition alarm carts-5xx goes to ALARM mid-action      | `aborted`      |
 * | `action-fails` | the action fails mid-way (scenario `actionOutcomes`)             | `error`        |
 * | `timeout`      | a PT12H action against a `timeout` of 4 s                        | `error`        |
 * | `no-targets`   | the targets resolve to nothing, `emptyTargetResolutionMode` skip | `inconclusive` |
 * | `plan`         | `mode: plan` on the passing world                                | `pass`         |
 *
 * Faults come in two kinds, drawn so that the verdict stays determined:
 *
 * - **Transient** (throttling, server errors, connections dropped before or after FIS processed
 *   the call, slow responses): at most TRANSIENT_FAILURES failing hits in all (two when the
 *   timeout, and so the per-call budget, is short), so no call can exhaust the SDK's 6 attempts,
 *   and the backoff they can cause (500 ms, 1 s, 2 s… for throttling) stays inside the per-call
 *   budget. They never change the verdict. Slow responses never touch CreateExperimentTemplate
 *   or StartExperiment: the emulator delays *before* processing, so a call the client gave up on
 *   would create its template or experiment later, possibly after the post step looked for it —
 *   a race no client can close, unlike `hang` with `afterProcessing` (processed, then silent).
 * - **Decisive** (at most one, `limit: 1`): the first call of one operation is refused for good
 *   (access-denied or expired-token: the SDK does not retry them) or hangs (the connection stays
 *   silent until the per-call budget, min(30 s, `timeout`), so `timeout` is then 6 s). The rule:
 *   - on a call the run cannot do without (requiredOperations) the verdict becomes `error`,
 *   - except a hung first GetExperiment: the poll after it, at the watch deadline, shows what FIS
 *     did meanwhile; an experiment that ended within the timeout refuses the timeout's stop as
 *     already ended, and its own outcome stands (only the `timeout` world is still running then);
 *   - on DescribeAlarmHistory (the alarm's current state still shows it fired),
 *     DeleteExperimentTemplate (the post step deletes it) or StopExperiment (retried, or left to
 *     the post step) the verdict stays.
 *   Once the main step has met it, the post step is free to clean up. After a SIGKILL the post
 *   step may be the first to call, so then only operations it never calls are drawn; refusing
 *   StopExperiment is drawn only with a SIGINT on an experiment that ends by itself (else nothing
 *   could stop it).
 *
 * A signal (SIGINT, or SIGKILL then the post step) is sent at a random moment: after a random
 * delay, once the n-th call of an operation has been answered, or once the step has logged that
 * the experiment ended (where a cancellation meets a run that has reached its outcome). The
 * verdict it leaves is derived after the run from the call log (soak-checks.ts); the verdict here
 * is the one without it.
 */
import type { Scenario, ScenarioFault } from '../../emulator/index.js'
import { cartsTemplate } from './emulator-clients.js'
import { withAlarm } from './test-scenario.js'

export type SoakVerdict = 'pass' | 'fail' | 'aborted' | 'inconclusive' | 'error' | 'cancelled'
export type ScenarioKind = 'pass' | 'aborted' | 'action-fails' | 'timeout' | 'no-targets' | 'plan'
type Service = 'sts' | 'cloudwatch' | 'fis'

export interface DecisiveFault {
  type: 'hang' | 'access-denied' | 'expired-token'
  service: Service
  operation: string
  /** Hang only: FIS handles the call, then the response is lost. */
  afterProcessing: boolean
}

export type SignalTrigger =
  /** Milliseconds after the step started (node's start-up included). */
  | { afterMs: number }
  /** Once this many calls of the operation have been answered (a hung call counts at once). */
  | { operation: string; occurrence: number }
  /** Once the step has logged that the experiment ended: while it gathers the evidence. */
  | { experimentEnded: true }

export interface SoakSignal {
  signal: 'SIGINT' | 'SIGKILL'
  trigger: SignalTrigger
}

export interface SoakCase {
  /** The soak's seed and this case's place in it: what replays it. */
  seed: number
  index: number
  /** Seeds this case's draws and the emulator (ids, fault dice). */
  caseSeed: number
  kind: ScenarioKind
  mode: 'run' | 'plan'
  cleanup: boolean
  /** The `timeout` input. */
  timeout: string
  /** The action's duration (virtual time), PT5M to PT10M: one or two seconds at time scale 300. */
  duration: string
  /** `aborted`: when the alarm fires, counted from the experiment's start. */
  alarmAt?: string
  /** `action-fails`: when the action fails, counted from its start. */
  failAfter?: string
  transient: ScenarioFault[]
  decisive?: DecisiveFault
  signal?: SoakSignal
  /** The verdict without a signal: the scenario's, as the decisive fault changes it. */
  expected: SoakVerdict
}

/** mulberry32: small, fast and good enough to draw test cases. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/** One case's seed from the soak's seed and its index (murmur3's finalizer), never 0. */
function caseSeedOf(seed: number, index: number): number {
  let mixed = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b) >>> 0
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35) >>> 0
  return ((mixed ^ (mixed >>> 16)) >>> 0 || 1) >>> 0
}

interface OperationInfo {
  service: Service
  operation: string
  /** The post step calls it too (ListExperiments, GetExperiment, StopExperiment, …). */
  post: boolean
}

const OPERATIONS: readonly OperationInfo[] = [
  { service: 'sts', operation: 'GetCallerIdentity', post: false },
  { service: 'cloudwatch', operation: 'DescribeAlarms', post: false },
  { service: 'cloudwatch', operation: 'DescribeAlarmHistory', post: false },
  { service: 'fis', operation: 'ListExperiments', post: true },
  { service: 'fis', operation: 'CreateExperimentTemplate', post: false },
  { service: 'fis', operation: 'StartExperiment', post: false },
  { service: 'fis', operation: 'GetExperiment', post: true },
  { service: 'fis', operation: 'StopExperiment', post: true },
  { service: 'fis', operation: 'ListExperimentResolvedTargets', post: false },
  { service: 'fis', operation: 'DeleteExperimentTemplate', post: true },
  { service: 'fis', operation: 'ListExperimentTemplates', post: true }
]

/** The calls a run cannot do without: the first failing for good makes the verdict `error`. */
export function requiredOperations(mode: 'run' | 'plan'): ReadonlySet<string> {
  return new Set([
    'GetCallerIdentity',
    'DescribeAlarms',
    'ListExperiments',
    'CreateExperimentTemplate',
    'StartExperiment',
    'GetExperiment',
    ...(mode === 'plan' ? ['ListExperimentResolvedTargets'] : [])
  ])
}

/** Decisive faults on these keep the verdict (see the header). */
const TOLERATED = ['DescribeAlarmHistory', 'DeleteExperimentTemplate', 'StopExperiment']

/** Failing transient hits in all: fewer than the SDK's 6 attempts, whatever call they meet. */
const TRANSIENT_FAILURES = 4
/**
 * With a hang the timeout is 6 s, and the `timeout` kind has 4 s: the per-call budget is as short,
 * so transient faults may cost at most 1.5 s of backoff (500 ms + 1 s for two throttles).
 */
const FEW_TRANSIENT_FAILURES = 2

const VERDICT_OF: Record<ScenarioKind, SoakVerdict> = {
  pass: 'pass',
  aborted: 'aborted',
  'action-fails': 'error',
  timeout: 'error',
  'no-targets': 'inconclusive',
  plan: 'pass'
}

type Draw = () => number

const pick = <T>(random: Draw, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T

function weighted<T>(random: Draw, choices: readonly [T, number][]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = random() * total
  for (const [choice, weight] of choices) {
    roll -= weight
    if (roll < 0) return choice
  }
  return (choices[choices.length - 1] as [T, number])[0]
}

const between = (random: Draw, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1))

const rate = (random: Draw): number => Math.round((0.1 + random() * 0.4) * 100) / 100

/** A rule's scope: every call, one service's, or a few operations, among `operations`. */
function scope(
  random: Draw,
  operations: readonly OperationInfo[]
): Pick<ScenarioFault, 'services' | 'operations'> {
  const every = operations.length === OPERATIONS.length
  const roll = random()
  if (roll < 0.3) return every ? {} : { operations: operations.map((info) => info.operation) }
  if (roll < 0.5) {
    const service = pick(random, ['sts', 'cloudwatch', 'fis'] as const)
    if (every) return { services: [service] }
    const ofService = operations.filter((info) => info.service === service)
    return { operations: ofService.map((info) => info.operation) }
  }
  const chosen = new Set<string>()
  for (let count = between(random, 1, 3); chosen.size < count;)
    chosen.add(pick(random, operations).operation)
  return { operations: [...chosen] }
}

function transientFaults(random: Draw, failureBudget: number): ScenarioFault[] {
  const faults: ScenarioFault[] = []
  let failuresLeft = failureBudget
  for (let count = between(random, 0, 3); faults.length < count;) {
    const type = weighted(random, [
      ['throttling', 3],
      ['server-error', 2],
      ['drop', 2],
      ['slow', 2]
    ] as const)
    if (type === 'slow') {
      const notStarting = OPERATIONS.filter(
        (info) =>
          info.operation !== 'CreateExperimentTemplate' && info.operation !== 'StartExperiment'
      )
      faults.push({
        type,
        rate: rate(random),
        delayMs: between(random, 50, 300),
        ...scope(random, notStarting)
      })
      continue
    }
    if (failuresLeft === 0) break
    const limit = between(random, 1, failuresLeft)
    failuresLeft -= limit
    faults.push({
      type,
      rate: rate(random),
      limit,
      ...scope(random, OPERATIONS),
      ...(type === 'drop' && random() < 0.5 ? { afterProcessing: true } : {})
    })
  }
  return faults
}

function decisiveFault(
  random: Draw,
  kind: ScenarioKind,
  mode: 'run' | 'plan',
  signal: SoakSignal | undefined
): DecisiveFault | undefined {
  if (random() >= 0.3) return undefined
  const type = weighted(random, [
    ['hang', 2],
    ['access-denied', 2],
    ['expired-token', 1]
  ] as const)
  const candidates = OPERATIONS.filter((info) => {
    if (!requiredOperations(mode).has(info.operation) && !TOLERATED.includes(info.operation))
      return false
    // After a SIGKILL only the post step is left, and it must not meet the fault.
    if (signal?.signal === 'SIGKILL' && info.post) return false
    // A refused stop on an experiment that does not end by itself would leave it running.
    if (info.operation === 'StopExperiment' && type !== 'hang')
      return signal?.signal === 'SIGINT' && kind !== 'timeout'
    return true
  })
  const info = pick(random, candidates)
  const processedFirst =
    type === 'hang' &&
    (info.operation === 'CreateExperimentTemplate' || info.operation === 'StartExperiment') &&
    random() < 0.5
  return {
    type,
    service: info.service,
    operation: info.operation,
    afterProcessing: processedFirst
  }
}

/** The operations whose n-th answered call can trigger a signal: the main step's own. */
const SIGNAL_OPERATIONS = [
  'GetCallerIdentity',
  'DescribeAlarms',
  'ListExperiments',
  'CreateExperimentTemplate',
  'StartExperiment',
  'GetExperiment'
]

function signalPlan(random: Draw): SoakSignal | undefined {
  const signal = weighted(random, [
    [undefined, 55],
    ['SIGINT', 30],
    ['SIGKILL', 15]
  ] as const)
  if (!signal) return undefined
  const roll = random()
  if (roll < 0.4) return { signal, trigger: { afterMs: between(random, 0, 3000) } }
  if (roll < 0.55) return { signal, trigger: { experimentEnded: true } }
  const operation = pick(random, SIGNAL_OPERATIONS)
  const repeated = operation === 'GetExperiment' || operation === 'DescribeAlarms'
  return { signal, trigger: { operation, occurrence: repeated ? between(random, 1, 3) : 1 } }
}

/** The expected verdict without a signal, from the scenario and the decisive fault. */
function verdictWithoutSignal(
  kind: ScenarioKind,
  mode: 'run' | 'plan',
  decisive: DecisiveFault | undefined
): SoakVerdict {
  // The first poll hangs into the watch deadline; the next one shows what FIS did meanwhile. An
  // experiment that ended within the timeout refuses the timeout's stop as already ended, and
  // its own outcome stands; only one still running at the deadline is stopped, an `error`.
  if (decisive?.operation === 'GetExperiment' && decisive.type === 'hang')
    return kind === 'timeout' ? 'error' : VERDICT_OF[kind]
  if (decisive && requiredOperations(mode).has(decisive.operation)) return 'error'
  return VERDICT_OF[kind]
}

export function drawCase(seed: number, index: number): SoakCase {
  const caseSeed = caseSeedOf(seed, index)
  const random = seededRandom(caseSeed)
  const kind = weighted<ScenarioKind>(random, [
    ['pass', 25],
    ['aborted', 20],
    ['action-fails', 15],
    ['timeout', 15],
    ['no-targets', 10],
    ['plan', 15]
  ])
  const mode = kind === 'plan' ? 'plan' : 'run'
  const signal = signalPlan(random)
  const decisive = decisiveFault(random, kind, mode, signal)
  const hang = decisive?.type === 'hang'
  const durationMinutes = between(random, 5, 10)
  return {
    seed,
    index,
    caseSeed,
    kind,
    mode,
    cleanup: mode === 'plan' || random() >= 0.15,
    timeout: kind === 'timeout' ? '4s' : hang ? '6s' : '20s',
    duration: kind === 'timeout' ? 'PT12H' : `PT${durationMinutes}M`,
    ...(kind === 'aborted' ? { alarmAt: `PT${between(random, 30, 120)}S` } : {}),
    ...(kind === 'action-fails' ? { failAfter: `PT${between(random, 0, 120)}S` } : {}),
    transient: transientFaults(
      random,
      hang || kind === 'timeout' ? FEW_TRANSIENT_FAILURES : TRANSIENT_FAILURES
    ),
    ...(decisive ? { decisive } : {}),
    ...(signal ? { signal } : {}),
    expected: verdictWithoutSignal(kind, mode, decisive)
  }
}

/** The emulated world of a case: the test scenario's, changed as the kind says, with the faults. */
export function worldOf(soakCase: SoakCase): Partial<Scenario> {
  const decisive = soakCase.decisive
  const decisiveRule: ScenarioFault[] = decisive
    ? [
        {
          type: decisive.type,
          services: [decisive.service],
          operations: [decisive.operation],
          limit: 1,
          ...(decisive.afterProcessing ? { afterProcessing: true } : {})
        }
      ]
    : []
  return {
    // First, so that it answers the first call of its operation, whatever the dice say.
    faults: [...decisiveRule, ...soakCase.transient],
    ...(soakCase.kind === 'aborted'
      ? withAlarm('carts-5xx', {
          timeline: [
            { at: soakCase.alarmAt ?? 'PT1M', state: 'ALARM', reason: 'Threshold Crossed' }
          ]
        })
      : {}),
    ...(soakCase.kind === 'action-fails'
      ? {
          actionOutcomes: {
            latency: {
              outcome: 'fail',
              reason: 'SSM agent is not running on the task',
              after: soakCase.failAfter ?? 'PT0S'
            }
          }
        }
      : {})
  }
}

/** The experiment file of a case. */
export function experimentFileOf(soakCase: SoakCase): object {
  return {
    template: cartsTemplate({
      duration: soakCase.duration,
      ...(soakCase.kind === 'no-targets'
        ? { tags: { service: 'nothing' }, emptyTargets: 'skip' as const }
        : {})
    })
  }
}

/** The case in one line, for the failure message that replays it. */
export function describeCase(soakCase: SoakCase): string {
  const { seed, index, ...rest } = soakCase
  return `SOAK_SEED=${seed} SOAK_CASE=${index} ${JSON.stringify(rest)}`
}
