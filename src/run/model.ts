/** What a plan or run observed, as plain data: the input of verdicts and of every report. */
import type {
  CheckResult,
  Datapoint,
  EvaluationWindows,
  HypothesisVerdict
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

export interface TimelineEvent {
  /** Epoch milliseconds, as FIS or CloudWatch reported it when known, else when fis-gate saw it. */
  time: number
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
