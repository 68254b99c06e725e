/**
 * What a fault-soak case must show once it has run (__tests__/e2e/soak.e2e.test.ts): the verdict
 * it should have — with a signal, derived from the call log: what the run had reached when the
 * signal came — and, after the post step, nothing left running, no template left behind, nothing
 * started twice or after the signal.
 *
 * A SIGINT's verdict. The run's outcome is fixed at its point of no return, the first of
 *   (a) a GetExperiment answered after the experiment ended (fis-gate has seen the end),
 *   (b) a GetExperiment refused for good (fis-gate cannot watch; the verdict is error),
 *   (c) a StopExperiment sent before the signal (fis-gate stopped it for its own reason),
 *   (d) a ListExperiments after StartExperiment (the start went unanswered; the verdict is
 *       fixed, the lookup only stops what FIS may have started),
 *   (e) DeleteExperimentTemplate (sent once the verdict is decided),
 * or, for a run that started no experiment, its last call (a refusal, decided when the call
 * ends); a run that started one and shows none of these had not reached its outcome.
 * - A SIGINT clearly before that point must give `cancelled` (docs/verdicts.md: a cancellation
 *   at any moment wins).
 * - A SIGINT clearly after the decision (the first DeleteExperimentTemplate; for a run that
 *   started nothing, its last call when the SDK would not retry that answer) must leave the
 *   verdict the case has without a signal.
 * - In between, while fis-gate gathers the stop-condition evidence, both are legitimate: the
 *   experiment has ended on its own, yet the docs let a cancellation win until the verdict is out.
 * "Clearly" is SIGNAL_MARGIN_MS: the signal reaches the action's handler, and a response reaches
 * the action, some milliseconds after the harness and the emulator note them. A `cancelled`
 * verdict must say that the workflow was cancelled.
 *
 * A SIGINT that lands before node has run the action's first line kills the step (the default
 * handler): then there is no verdict, and the step must not have made any call. A SIGKILL leaves
 * no verdict, unless it came as the step was exiting: then the step had finished without knowing
 * of it, and its verdict is the one without a signal.
 */
import type { CallRecord, ExperimentView } from '../../emulator/index.js'
import type { ActionRunResult } from './action-harness.js'
import { requiredOperations, type SoakCase, type SoakVerdict } from './soak-cases.js'

export const SIGNAL_MARGIN_MS = 250

export interface VerdictExpectation {
  /** The verdicts the step may report. */
  verdicts: SoakVerdict[]
  /** A killed step may also report none (a SIGKILL that came after the outputs reports one). */
  noVerdict: 'allowed' | 'required' | 'refused'
  why: string
}

const TERMINAL = new Set(['completed', 'stopped', 'failed', 'cancelled'])

const isRefusal = (call: CallRecord): boolean => call.status === 403

/** The moment from which the run no longer needs the signal's help to reach its verdict. */
function pointOfNoReturn(
  calls: readonly CallRecord[],
  experiment: ExperimentView | undefined,
  signalledAt: number
): { time: number; what: string } | undefined {
  const firstStart = calls.findIndex((call) => call.operation === 'StartExperiment')
  for (const [index, call] of calls.entries()) {
    if (call.operation === 'GetExperiment') {
      if (
        call.status === 200 &&
        experiment?.endTime !== undefined &&
        call.virtualTime >= experiment.endTime
      )
        return { time: call.time, what: 'a GetExperiment answered after the experiment ended' }
      if (isRefusal(call)) return { time: call.time, what: 'a GetExperiment refused for good' }
    }
    if (call.operation === 'StopExperiment' && call.time < signalledAt - SIGNAL_MARGIN_MS)
      return { time: call.time, what: 'a StopExperiment sent before the signal' }
    if (call.operation === 'ListExperiments' && firstStart >= 0 && index > firstStart)
      return { time: call.time, what: 'the lookup after an unanswered StartExperiment' }
    if (call.operation === 'DeleteExperimentTemplate')
      return { time: call.time, what: 'the template delete after the verdict' }
  }
  // A run that started an experiment reaches its outcome only through one of the above.
  const last = calls[calls.length - 1]
  if (experiment || !last) return undefined
  return { time: last.time, what: `the last call (${last.operation})` }
}

/** The moment after which the verdict is out and a signal cannot change it. */
function decidedAt(
  calls: readonly CallRecord[],
  experiment: ExperimentView | undefined
): number | undefined {
  const deleted = calls.find((call) => call.operation === 'DeleteExperimentTemplate')
  if (deleted) return deleted.time
  // A run that started nothing is decided when its last call chain ends: at an answer the SDK
  // does not retry. After a throttle, a 5xx or a drop it may still be backing off to retry.
  const last = calls[calls.length - 1]
  if (!experiment && last && (last.status === 200 || isRefusal(last))) return last.time
  return undefined
}

export function expectedVerdict(
  soakCase: SoakCase,
  main: ActionRunResult,
  experiments: readonly ExperimentView[]
): VerdictExpectation {
  const signalledAt = main.signalledAt
  if (signalledAt === undefined || !soakCase.signal)
    return { verdicts: [soakCase.expected], noVerdict: 'refused', why: 'no signal was sent' }
  if (main.signal === 'SIGINT')
    return { verdicts: [], noVerdict: 'required', why: 'SIGINT killed the step before its handler' }
  // The step knew nothing of it: what it reported before it died is the verdict without a signal.
  if (main.signal === 'SIGKILL')
    return { verdicts: [soakCase.expected], noVerdict: 'allowed', why: 'SIGKILL ended the step' }
  const experiment = experiments[0]
  const noReturn = pointOfNoReturn(main.calls, experiment, signalledAt)
  if (!noReturn || signalledAt < noReturn.time - SIGNAL_MARGIN_MS)
    return {
      verdicts: ['cancelled'],
      noVerdict: 'refused',
      why: `SIGINT ${noReturn ? `${noReturn.time - signalledAt} ms before ${noReturn.what}` : 'before the run reached its outcome'}`
    }
  const decided = decidedAt(main.calls, experiment)
  if (decided !== undefined && signalledAt > decided + SIGNAL_MARGIN_MS)
    return {
      verdicts: [soakCase.expected],
      noVerdict: 'refused',
      why: `SIGINT ${signalledAt - decided} ms after the verdict was decided`
    }
  return {
    verdicts: [...new Set<SoakVerdict>([soakCase.expected, 'cancelled'])],
    noVerdict: 'refused',
    why: `SIGINT ${signalledAt - noReturn.time} ms after ${noReturn.what}, before the verdict was out`
  }
}

/** What the reason of a verdict must say: the verdict for the right cause. */
export function expectedReason(soakCase: SoakCase, verdict: string): RegExp | undefined {
  if (verdict === 'cancelled') return /cancel/i
  if (verdict !== soakCase.expected) return undefined
  const decisive = soakCase.decisive
  if (
    decisive &&
    verdict === 'error' &&
    requiredOperations(soakCase.mode).has(decisive.operation)
  ) {
    // A hung poll runs into the watch deadline: the timeout is what the run reports, unless the
    // experiment failed by itself meanwhile: FIS then refuses the timeout's stop, and its own
    // outcome (an error too) stands.
    if (decisive.operation === 'GetExperiment' && decisive.type === 'hang')
      return soakCase.kind === 'action-fails'
        ? new RegExp(`timeout of ${soakCase.timeout}|"latency" failed: SSM agent is not running`)
        : new RegExp(`timeout of ${soakCase.timeout}`)
    return new RegExp(`${decisive.operation}( \\S+)? failed`)
  }
  switch (soakCase.kind) {
    case 'pass':
      return /^FIS completed 1 action and no stop-condition alarm fired$/
    case 'aborted':
      return /stop-condition alarm "carts-5xx" at \d\d:\d\d:\d\d UTC went to ALARM/
    case 'action-fails':
      return /"latency" failed: SSM agent is not running on the task/
    case 'timeout':
      return new RegExp(
        `^The experiment did not finish within the timeout of ${soakCase.timeout}; fis-gate stopped it \\(FIS state stopped\\)$`
      )
    case 'no-targets':
      return /The fault was not injected: action latency \(skipped\)/
    case 'plan':
      return /^Targets resolved with actionsMode skip-all; no fault was injected$/
  }
}

/**
 * The templates that must remain after the post step. With cleanup (and always in plan mode):
 * none. With `cleanup: false`: every template main recorded in its state, except one a cancelled
 * run never started (fis-gate deletes that even without cleanup); one main never recorded (a
 * SIGKILL while it was being created) and that never ran is deleted by the post step.
 */
export function expectedTemplates(
  soakCase: SoakCase,
  created: readonly string[],
  experiments: readonly ExperimentView[],
  verdict: string | undefined,
  recorded: readonly string[]
): string[] {
  if (soakCase.cleanup) return []
  const ran = (templateId: string): boolean =>
    experiments.some((experiment) => experiment.templateId === templateId)
  return created.filter(
    (templateId) =>
      (recorded.includes(templateId) || ran(templateId)) &&
      (verdict !== 'cancelled' || ran(templateId))
  )
}

export const isTerminal = (status: string): boolean => TERMINAL.has(status)

/** The fault type an injected answer stands for, from its error code. */
export function faultTypeOf(call: CallRecord): string | undefined {
  switch (call.errorCode) {
    case 'ThrottlingException':
    case 'Throttling':
      return 'throttling'
    case 'InternalServerException':
    case 'InternalServiceError':
    case 'InternalFailure':
      return 'server-error'
    case 'ConnectionDropped':
      return 'drop'
    case 'ConnectionHung':
      return 'hang'
    case 'AccessDeniedException':
    case 'AccessDenied':
      return 'access-denied'
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return 'expired-token'
    default:
      return undefined
  }
}
