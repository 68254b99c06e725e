/** What a plan or run observed, as plain data: the input of verdicts and of every report. */
import type {
  CheckResult,
  Datapoint,
  EvaluationWindows,
  HypothesisVerdict,
  TimeWindow
} from '../hypothesis/model.js'

export type Verdict = 'pass' | 'fail' | 'aborted' | 'inconclusive' | 'error' | 'cancelled'

/** Worst last: a cancelled gate decided nothing; a breach outranks an aborted run; errors outrank doubt. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'pass',
  'inconclusive',
  'error',
  'aborted',
  'fail',
  'cancelled'
]

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>(
    (worst, verdict) =>
      VERDICT_ORDER.indexOf(verdict) > VERDICT_ORDER.indexOf(worst) ? verdict : worst,
    'pass'
  )
}

export type TimelineSource = 'experiment' | 'action' | 'alarm' | 'fis-gate'

/**
 * One change in a run's timeline. The contract, for every report that renders one:
 *
 * - **One clock.** `time` is only ever an AWS timestamp, never the runner's clock (which differs
 *   from FIS's: a runner's clock drifts, and the emulator's accelerated FIS runs ahead of it):
 *   - experiment `pending`/`initiating`: its FIS `startTime`; a terminal state: its FIS `endTime`;
 *   - action `initiating`/`running`: its FIS `startTime`; a terminal state: its FIS `endTime`;
 *     `pending` first seen: the experiment's `startTime` (FIS creates every action pending);
 *   - alarm: CloudWatch's StateTransitionedTimestamp, or the history item's Timestamp; a state
 *     first seen that was entered before the experiment started has no time (it is the state
 *     the alarm was in, not a change during the run);
 *   - fis-gate `template created`: the template's FIS `creationTime`; `experiment started`: the
 *     experiment's FIS `startTime` (both from the answers to the calls that made them).
 * - **No time rather than a wrong one.** Where AWS records no time for a change (the experiment
 *   reaching `running` or `stopping`, an action `stopping`, fis-gate's stop request, the
 *   template's deletion, the wait for the metrics), `time` is absent. Render it without a time
 *   (e.g. "—"), never with the runner's clock.
 * - **In order.** The array is sorted by `time`, stable; an untimed event sits right after every
 *   event recorded before it (fis-gate saw or did it after those), so its position is its place
 *   in time. Render the array in its order and do not sort it again.
 * - **Within the run.** Timed events lie within the template's creation and the experiment's
 *   FIS `endTime`, except CloudWatch alarm history read after the end (up to a minute later).
 */
export interface TimelineEvent {
  /** Epoch milliseconds from FIS or CloudWatch; absent when AWS records no time for it (above). */
  time?: number
  source: TimelineSource
  name: string
  from?: string
  to: string
  detail?: string
}

export interface ActionOutcome {
  name: string
  actionId: string
  status: string
  reason?: string
  startTime?: number
  endTime?: number
}

export interface AlarmObservation {
  name: string
  arn: string
  state?: string
  stateReason?: string
  /** The alarm entered ALARM between the experiment's start and end (state or history). */
  firedDuringExperiment: boolean
  /** When it entered ALARM (CloudWatch's timestamp), when known. */
  firedAt?: number
}

export interface ResolvedResource {
  targetName: string
  resourceType: string
  /** The resource's ARN, or its identifying information when FIS gives no ARN. */
  identifier: string
}

/** The hypothesis as judged after the experiment: per-check results and the data behind them. */
export interface HypothesisEvidence {
  verdict: HypothesisVerdict
  reason: string
  checks: CheckResult[]
  windows: EvaluationWindows
  /** Each check's datapoints over all windows, oldest first, for charts. */
  series: { check: string; points: Datapoint[] }[]
}

/** From the baseline's start to the end of the last phase any check judged. */
export function evidenceSpan(evidence: HypothesisEvidence): TimeWindow {
  const windows = [
    evidence.windows.during,
    ...(evidence.windows.baseline ? [evidence.windows.baseline] : []),
    ...evidence.checks.flatMap((check) => check.phases.map((phase) => phase.window))
  ]
  return {
    start: Math.min(...windows.map((window) => window.start)),
    end: Math.max(...windows.map((window) => window.end))
  }
}

export interface ExperimentRun {
  file: string
  name: string
  mode: 'plan' | 'run'
  verdict: Verdict
  /** One sentence: why this verdict. */
  reason: string
  templateId?: string
  templateCreated: boolean
  templateDeleted: boolean
  experimentId?: string
  status?: string
  statusReason?: string
  startTime?: number
  endTime?: number
  actions: ActionOutcome[]
  alarms: AlarmObservation[]
  timeline: TimelineEvent[]
  /** Plan mode: the resources each target resolved to. */
  resolvedTargets?: ResolvedResource[]
  hypothesis?: HypothesisEvidence
  /**
   * fis-gate asked FIS to stop the experiment and FIS never confirmed it ended: the last state
   * seen, and why the stop itself failed when it did.
   */
  stopNotConfirmed?: { lastState: string; stopError?: string }
  /** The AWS Region, for console links. */
  region?: string
}

/** FIS experiment states after which nothing changes. */
export const TERMINAL_STATES = new Set(['completed', 'stopped', 'failed', 'cancelled'])
export const ACTIVE_STATES = new Set(['pending', 'initiating', 'running', 'stopping'])
