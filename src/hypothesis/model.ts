/**
 * The steady-state hypothesis as the evaluation core sees it: plain numbers, epoch milliseconds
 * and seconds, no ISO durations and no AWS types. The run layer builds these from the experiment
 * file (defaults already applied) and from GetMetricData results.
 */

export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold'

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore'

export type Phase = 'before' | 'during' | 'after'

/** The phases in the order they happen; results are always listed in this order. */
export const PHASES: readonly Phase[] = ['before', 'during', 'after']

/** Epoch milliseconds; `end` is exclusive. */
export interface TimeWindow {
  start: number
  end: number
}

export interface BaselineComparison {
  maxIncreasePercent?: number
  maxDecreasePercent?: number
}

export interface CheckDefinition {
  name: string
  /** Seconds. */
  period: number
  comparisonOperator?: ComparisonOperator
  threshold?: number
  /** M: breaching periods within a run of N that make the check breach. */
  datapointsToAlarm: number
  /** N: the length of a run, in periods. */
  evaluationPeriods: number
  treatMissingData: TreatMissingData
  phases: Phase[]
  /** Seconds from the experiment end within which the check must be back to non-breaching. */
  recoverWithin?: number
  baselineComparison?: BaselineComparison
  abortOnBreach: boolean
  /**
   * The CloudWatch unit of the values (`Seconds`, `Count`, `Percent`), for words and charts only:
   * the file's `unit`, the statistic's, or a well-known metric's; absent when nobody says.
   */
  unit?: string
}

/**
 * One value of the metric (or metric-math expression): `timestamp` is the epoch milliseconds of the
 * period start. Any order; values may be negative, fractional, NaN or infinite.
 */
export interface Datapoint {
  timestamp: number
  value: number
}

/**
 * The experiment as the hypothesis sees it. `during` is the fault window: the experiment's start
 * to its end (to "now" while it runs); an instant fault has `end` equal to `start`. `baseline`
 * ends where the fault starts (or, before the experiment, where the ingested data ends).
 * `settle`: seconds after the end that the `after` phase covers for checks without
 * `recoverWithin`.
 */
export interface EvaluationWindows {
  baseline?: TimeWindow
  during: TimeWindow
  settle: number
}

export type PhaseStatus = 'pass' | 'breach' | 'inconclusive'

/** A period's datapoint against the check's conditions; `missing` when it had none. */
export type PeriodState = 'breaching' | 'ok' | 'missing'

/** Why a period breaches: the absolute threshold or the baseline bounds. */
export type BreachCause = 'threshold' | 'increase' | 'decrease'

export interface PeriodResult {
  /** Period start, epoch milliseconds. */
  start: number
  /** The datapoint kept for the period; absent when the period had no (finite) datapoint. */
  value?: number
  state: PeriodState
  /** Empty unless `state` is `breaching`. */
  causes: BreachCause[]
}

/**
 * What a CloudWatch alarm would be at a period end. `RETAIN`: under `ignore`, the alarm would keep
 * its previous state, whatever that was.
 */
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA' | 'RETAIN'

export interface AlarmEvaluation {
  /** When the alarm evaluates: the end of its newest period, epoch milliseconds. */
  at: number
  /** Start of that newest period. */
  period: number
  state: AlarmState
  /** Real datapoints in the evaluation range. */
  real: number
  /** Starts of the periods evaluated (real ones and filled gaps), oldest first. */
  evaluated: number[]
  /** How many of the evaluated periods breach (filled gaps included under `breaching`). */
  breaching: number
  /** Periods without data filled per `treatMissingData` to make up N. */
  filled: number
}

/** Over the datapoints present in the window. */
export interface ObservedValues {
  min: number
  max: number
  mean: number
  /** The value of the latest period that had data. */
  last: number
}

/** The first evaluation of a phase that was in ALARM. */
export interface BreachRun {
  /** When the alarm would have fired (the end of the newest evaluated period). */
  at: number
  /** Start of the first breaching period evaluated. */
  from: number
  /** Start of the last breaching period evaluated. */
  to: number
  /** Breaching periods among those evaluated. */
  breaching: number
  /** Periods evaluated: N. */
  length: number
}

export interface Recovery {
  /** `recoverWithin`, seconds. */
  limitSeconds: number
  /** The alarm returned to OK and stayed OK to the end of the after window. */
  recovered: boolean
  /** Seconds from the experiment end to the evaluation that returned to OK (0: never left OK). */
  seconds?: number
  /** That evaluation's time: the end of the period it happened in. */
  at?: number
  /** Start of the period it happened in. */
  period?: number
  /** Recovered, and within `limitSeconds`. */
  met: boolean
}

export interface PhaseResult {
  phase: Phase
  status: PhaseStatus
  /** One sentence a person can read, with the numbers that decided it. */
  reason: string
  /** The periods the phase owns, from the first one's start to the last one's end. */
  window: TimeWindow
  /** Periods the phase owns. */
  expectedPeriods: number
  /** Owned periods that had a finite datapoint. */
  datapoints: number
  periods: PeriodResult[]
  /** The alarm's evaluation at the end of every owned period that was judged. */
  evaluations: AlarmEvaluation[]
  /** Starts of the owned periods whose datapoint breaches, oldest first. */
  breachingPeriods: number[]
  firstBreach?: BreachRun
  observed?: ObservedValues
  /** Phase `after` of a check with `recoverWithin`. */
  recovery?: Recovery
}

export interface BaselineSummary {
  window: TimeWindow
  expectedPeriods: number
  datapoints: number
  /** Absent when the baseline window had no data. */
  mean?: number
  /** A period breaches above this (from `maxIncreasePercent`). */
  upperBound?: number
  /** A period breaches below this (from `maxDecreasePercent`). */
  lowerBound?: number
}

export interface CheckResult {
  name: string
  /** The worst phase: breach, then inconclusive, then pass; inconclusive when no phase ran. */
  status: PhaseStatus
  phases: PhaseResult[]
  /** Present when the check has `baselineComparison`. */
  baseline?: BaselineSummary
  /** Not one datapoint in any period the check looked at: most likely a wrong metric or dimension. */
  noData?: boolean
}

export type HypothesisVerdict = 'pass' | 'fail' | 'inconclusive'

export interface HypothesisOutcome {
  verdict: HypothesisVerdict
  reason: string
}
