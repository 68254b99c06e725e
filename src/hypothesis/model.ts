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
 * `baseline`: before the fault (phase `before`, and the mean for `baselineComparison`).
 * `during`: experiment start to end (to "now" while it runs). `after`: from the experiment end;
 * its start is the experiment end that recovery is measured from.
 */
export interface EvaluationWindows {
  baseline?: TimeWindow
  during: TimeWindow
  after?: TimeWindow
}

export type PhaseStatus = 'pass' | 'breach' | 'inconclusive'

/**
 * How a period was judged, after `treatMissingData`: under `breaching` a period without data is
 * `breaching`, under `notBreaching` it is `ok`; under `missing` and `ignore` it stays `missing`.
 */
export type PeriodState = 'breaching' | 'ok' | 'missing'

/** Why a period breaches: the absolute threshold, the baseline bounds, or no data (`breaching`). */
export type BreachCause = 'threshold' | 'increase' | 'decrease' | 'missing'

export interface PeriodResult {
  /** Period start, epoch milliseconds. */
  start: number
  /** The datapoint kept for the period; absent when the period had no (finite) datapoint. */
  value?: number
  state: PeriodState
  /** Empty unless `state` is `breaching`. */
  causes: BreachCause[]
}

/** Over the datapoints present in the window. */
export interface ObservedValues {
  min: number
  max: number
  mean: number
  /** The value of the latest period that had data. */
  last: number
}

/** A run of consecutive periods (datapoints under `ignore`) with at least M breaching. */
export interface BreachRun {
  /** Start of the run's first period. */
  from: number
  /** Start of the run's last period. */
  to: number
  breaching: number
  /** The run's length: N, or fewer when the window holds fewer. */
  length: number
}

export interface Recovery {
  /** `recoverWithin`, seconds. */
  limitSeconds: number
  /** A period was found from which the check provably stayed non-breaching to the window end. */
  recovered: boolean
  /** Seconds from the experiment end to the start of that period (0 when it starts earlier). */
  seconds?: number
  /** Start of that period. */
  at?: number
  /** Recovered, and within `limitSeconds`. */
  met: boolean
}

export interface PhaseResult {
  phase: Phase
  status: PhaseStatus
  /** One sentence a person can read, with the numbers that decided it. */
  reason: string
  window: TimeWindow
  /** Whole aligned periods in the window. */
  expectedPeriods: number
  /** Periods of the window that had a finite datapoint. */
  datapoints: number
  periods: PeriodResult[]
  /** Starts of the periods judged breaching, oldest first. */
  breachingPeriods: number[]
  /** The first run that reached M breaching periods, if any. */
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
}

export type HypothesisVerdict = 'pass' | 'fail' | 'inconclusive'

export interface HypothesisOutcome {
  verdict: HypothesisVerdict
  reason: string
}
