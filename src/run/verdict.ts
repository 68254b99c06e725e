/**
 * The verdict of one experiment from what FIS and CloudWatch reported — never from reason text.
 * A run whose actions were skipped or failed, or that injected nothing, is never a pass.
 */
import { excerpt } from '../experiment/excerpt.js'
import { formatClock, plural } from '../hypothesis/describe.js'
import type { ActionOutcome, AlarmObservation, Verdict } from './model.js'

export interface Observed {
  mode: 'plan' | 'run'
  status: string
  statusReason?: string
  errorCode?: string
  actions: readonly ActionOutcome[]
  alarms: readonly AlarmObservation[]
  /** Why fis-gate itself stopped the experiment, if it did. */
  stoppedBy?: 'timeout' | 'cancel' | 'hypothesis' | 'refusal'
  /** With stoppedBy 'refusal': what FIS ran that it must not. */
  refusal?: string
  /** fis-gate asked for the stop, and FIS has not confirmed that the experiment ended. */
  stopNotConfirmed?: boolean
  /** fis-gate sent StopExperiment (false: the experiment had ended before it could). */
  stopRequested?: boolean
  /** FIS refused fis-gate's StopExperiment (or it never got through): the error. */
  stopError?: string
  /** The stop-condition alarms could not be read after the experiment: why. */
  evidenceUnreadable?: string
  timeoutText?: string
  /** The abortOnBreach check that stopped it. */
  breach?: { check: string; reason: string }
  /** The hypothesis as evaluated after the experiment, when it has one. */
  hypothesis?: { verdict: 'pass' | 'fail' | 'inconclusive'; reason: string }
  /** The experiment ended but its hypothesis was not judged: cancelled meanwhile, or unreadable. */
  notJudged?: { verdict: 'cancelled' | 'error'; reason: string }
}

export interface Decision {
  verdict: Verdict
  reason: string
}

/** What fis-gate's stop achieved, claiming no more than FIS confirmed. */
function stopWords(observed: Observed): string {
  if (observed.stopRequested === false)
    return `it had already ended when fis-gate saw it (FIS state ${observed.status})`
  if (observed.stopNotConfirmed)
    return `fis-gate asked FIS to stop it, and FIS has not confirmed that it ended (last state ${observed.status})`
  if (observed.stopError)
    return `fis-gate's stop did not go through (${excerpt(observed.stopError, 300)}), and the experiment ended without it (FIS state ${observed.status})`
  return `fis-gate stopped it (FIS state ${observed.status})`
}

const list = (names: string[]): string => names.map((name) => `"${name}"`).join(', ')

/** `"carts-5xx" (at 10:04:12 UTC)`: the alarms that fired, with CloudWatch's time when known. */
function firedWords(alarms: readonly AlarmObservation[]): string {
  return alarms
    .map((alarm) => {
      const at = alarm.firedAt === undefined ? '' : ` at ${formatClock(alarm.firedAt)} UTC`
      return `"${alarm.name}"${at}`
    })
    .join(', ')
}

/**
 * Precedence for one experiment: a cancellation (at any moment) is `cancelled`; an experiment FIS
 * stopped on a stop condition is `aborted`, with the checks' evidence beside it; an abortOnBreach
 * stop, or a breach in an experiment FIS did not stop, is `fail`. Otherwise the FIS outcome, which
 * a hypothesis can only make worse.
 */
export function decideVerdict(observed: Observed): Decision {
  if (observed.notJudged?.verdict === 'cancelled') {
    return { verdict: 'cancelled', reason: observed.notJudged.reason }
  }
  if (observed.stoppedBy === 'hypothesis' && observed.breach) {
    return {
      verdict: 'fail',
      reason: `Check "${observed.breach.check}" breached while the experiment ran (abortOnBreach): ${observed.breach.reason}; ${stopWords(observed)}`
    }
  }
  const decision = fisDecision(observed)
  if (observed.notJudged && decision.verdict === 'pass') {
    return { verdict: 'error', reason: observed.notJudged.reason }
  }
  const hypothesis = observed.hypothesis
  if (!hypothesis || (decision.verdict !== 'pass' && decision.verdict !== 'aborted'))
    return decision
  if (decision.verdict === 'aborted') {
    const beside =
      hypothesis.verdict === 'pass'
        ? 'the hypothesis held'
        : hypothesis.verdict === 'fail'
          ? `the hypothesis breached too: ${hypothesis.reason}`
          : `the hypothesis was inconclusive: ${hypothesis.reason}`
    return { verdict: 'aborted', reason: `${decision.reason}; ${beside}` }
  }
  if (hypothesis.verdict === 'fail') {
    return { verdict: 'fail', reason: `The hypothesis breached: ${hypothesis.reason}` }
  }
  if (hypothesis.verdict === 'inconclusive')
    return {
      verdict: 'inconclusive',
      reason: `The hypothesis could not be decided: ${hypothesis.reason}`
    }
  return { verdict: 'pass', reason: `${decision.reason}, and the hypothesis held` }
}

function fisDecision(observed: Observed): Decision {
  if (observed.stoppedBy === 'cancel') {
    return {
      verdict: 'cancelled',
      reason: `The workflow was cancelled; ${stopWords(observed)}`
    }
  }
  if (observed.stoppedBy === 'refusal') {
    return { verdict: 'error', reason: `${observed.refusal ?? 'Refused'}; ${stopWords(observed)}` }
  }
  if (observed.stoppedBy === 'timeout') {
    return {
      verdict: 'error',
      reason: `The experiment did not finish within the timeout of ${observed.timeoutText ?? '?'}; ${stopWords(observed)}`
    }
  }
  const firedAlarms = observed.alarms.filter((alarm) => alarm.firedDuringExperiment)
  const fired = firedAlarms.map((alarm) => alarm.name)
  switch (observed.status) {
    case 'stopped':
      if (fired.length)
        return {
          verdict: 'aborted',
          reason: `FIS stopped the experiment: stop-condition alarm ${firedWords(firedAlarms)} went to ALARM`
        }
      if (observed.evidenceUnreadable)
        return {
          verdict: 'error',
          reason: `FIS stopped the experiment, and fis-gate could not read its stop-condition alarms to tell whether one fired: ${observed.evidenceUnreadable}`
        }
      return {
        verdict: 'cancelled',
        reason:
          'The experiment was stopped outside fis-gate (StopExperiment or a safety lever) and no stop-condition alarm fired'
      }
    case 'cancelled':
      return {
        verdict: 'cancelled',
        reason: `FIS cancelled the experiment (an engaged safety lever)${observed.statusReason ? `: ${observed.statusReason}` : ''}`
      }
    case 'failed': {
      const failedActions = observed.actions.filter((action) => action.status === 'failed')
      const detail = failedActions.length
        ? `; action ${list(failedActions.map((action) => action.name))} failed${failedActions[0]?.reason ? `: ${failedActions[0].reason}` : ''}`
        : observed.statusReason
          ? `: ${observed.statusReason}`
          : ''
      return {
        verdict: 'error',
        reason: `FIS reports the experiment failed${observed.errorCode ? ` (${observed.errorCode})` : ''}${detail}`
      }
    }
    case 'completed':
      break
    default:
      return {
        verdict: 'error',
        reason: `The experiment ended in the unexpected state ${observed.status}`
      }
  }
  if (observed.mode === 'plan')
    return {
      verdict: 'pass',
      reason: 'Targets resolved with actionsMode skip-all; no fault was injected'
    }
  const failed = observed.actions.filter((action) => action.status === 'failed')
  if (failed.length)
    return {
      verdict: 'error',
      reason: `Action ${list(failed.map((action) => action.name))} failed${failed[0]?.reason ? `: ${failed[0].reason}` : ''}`
    }
  const notRun = observed.actions.filter((action) => action.status !== 'completed')
  if (notRun.length || observed.actions.length === 0) {
    const names = notRun.map((action) => `${action.name} (${action.status})`)
    return {
      verdict: 'inconclusive',
      reason:
        observed.actions.length === 0
          ? 'The experiment ran no action'
          : `The fault was not injected: action ${names.join(', ')} did not complete — its targets resolved to no resource, so nothing was tested`
    }
  }
  if (fired.length)
    return {
      verdict: 'aborted',
      reason: `Stop-condition alarm ${firedWords(firedAlarms)} went to ALARM during the experiment`
    }
  return {
    verdict: 'pass',
    reason: `FIS completed ${observed.actions.length === 1 ? '' : 'all '}${plural(observed.actions.length, 'action')} and no stop-condition alarm fired`
  }
}
