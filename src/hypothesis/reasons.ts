/**
 * The one-sentence reasons of phase results: each names the alarm state, when it was reached, and
 * the datapoints that decided it, so a person can check the verdict against a graph.
 */
import { evaluationRangeLength } from './alarm-evaluation.js'
import type { Criteria } from './criteria.js'
import {
  causeWords,
  conditionWords,
  formatNumber,
  formatTime,
  plural,
  spanWords
} from './describe.js'
import { formatQuantity, formatSignificant } from './quantities.js'
import type {
  AlarmEvaluation,
  CheckDefinition,
  ObservedValues,
  PeriodResult,
  PhaseResult,
  Recovery,
  TimeWindow,
  TreatMissingData
} from './model.js'

/** The judged periods of one phase and what judged them: what decisions and reasons read. */
export interface PhaseEvidence {
  check: CheckDefinition
  /** `treatMissingData` as applied (while running, gaps count as not breaching). */
  treat: TreatMissingData
  criteria: Criteria
  /** The owned periods' span. */
  window: TimeWindow
  /** The owned periods. */
  periods: PeriodResult[]
  /** The owned periods and the look-back before them. */
  timeline: PeriodResult[]
  evaluations: AlarmEvaluation[]
  datapoints: number
  observed?: ObservedValues
}

const FILL_WORDS: Record<TreatMissingData, string> = {
  breaching: 'counted as breaching',
  notBreaching: 'counted as not breaching',
  missing: 'left out (treatMissingData missing)',
  ignore: 'left out (treatMissingData ignore)'
}

function mOfN({ check }: PhaseEvidence): string {
  const { datapointsToAlarm: m, evaluationPeriods: n } = check
  return n === 1 ? 'the datapoint' : `${m} of ${n} datapoints`
}

/** `10:04 (0.71), 10:05 (0.92)`: the evaluated periods that breach, with their values rounded. */
function breachingValues(evidence: PhaseEvidence, evaluation: AlarmEvaluation): PeriodResult[] {
  const evaluated = new Set(evaluation.evaluated)
  return evidence.timeline.filter(
    (period) => evaluated.has(period.start) && period.state === 'breaching'
  )
}

function valueList(periods: readonly PeriodResult[], unit: string | undefined, most = 3): string {
  const shown = periods
    .slice(0, most)
    .map(
      (period) =>
        `${formatTime(period.start)} (${formatQuantity(period.value ?? Number.NaN, unit)})`
    )
  const rest = periods.length - shown.length
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ')
}

export function noWholePeriod({ window, check }: PhaseEvidence): string {
  return `the window ${spanWords(window)} holds no whole ${formatNumber(check.period)} s period`
}

export function notJudgedYet({ window }: PhaseEvidence): string {
  return `no period ${spanWords(window)} has ended yet`
}

/** `in ALARM at 10:06 UTC: 2 of 3 datapoints above 0.5 — 10:04 (0.71), 10:05 (0.92)`. */
export function breachWords(evidence: PhaseEvidence, evaluation: AlarmEvaluation): string {
  const breaching = breachingValues(evidence, evaluation)
  const causes = causeWords(
    evidence.criteria.words,
    breaching.flatMap((period) => period.causes)
  )
  const conditions = causes === '' ? conditionWords(evidence.criteria.words) : causes
  const realBreaching = breaching.length
  const filled =
    evidence.treat === 'breaching' && evaluation.filled > 0
      ? `, with ${plural(evaluation.filled, 'period')} without data ${FILL_WORDS.breaching}`
      : ''
  const head = `in ALARM at ${formatTime(evaluation.at)} UTC`
  if (evaluation.breaching < evidence.check.datapointsToAlarm) {
    // The `missing` rule: only breaching datapoints in the range, the oldest evaluated one real.
    return `${head}: every datapoint of the evaluation range is ${conditions} (${valueList(breaching, evidence.check.unit)}) and the rest had no data, as CloudWatch's missing-data rule reads it`
  }
  const values = realBreaching > 0 ? ` — ${valueList(breaching, evidence.check.unit)}` : ''
  return `${head}: ${evaluation.breaching} of ${evaluation.evaluated.length} datapoints ${conditions}${values}${filled}`
}

/** INSUFFICIENT_DATA, or the previous state kept under `ignore`. */
export function unknownWords(evidence: PhaseEvidence, evaluation: AlarmEvaluation): string {
  const { check } = evidence
  const range = plural(evaluationRangeLength(check), 'period')
  const data =
    evaluation.real === 0
      ? `no datapoint in its ${range}`
      : `only ${plural(evaluation.real, 'datapoint')} in its ${range}, all breaching, fewer than ${check.datapointsToAlarm}`
  const state =
    evaluation.state === 'RETAIN'
      ? 'the alarm would keep its previous state (treatMissingData ignore)'
      : 'the alarm would be INSUFFICIENT_DATA'
  return `${state} at ${formatTime(evaluation.at)} UTC: ${data}`
}

/** `OK at all 5 evaluations from 10:01 to 10:06 UTC: no 2 of 3 datapoints above 0.5 (…)`. */
export function passWords(evidence: PhaseEvidence): string {
  const { evaluations, periods, datapoints, check, treat, criteria } = evidence
  const first = evaluations[0]
  const last = evaluations.at(-1)
  const conditions = conditionWords(criteria.words)
  const notes = [`${datapoints} of ${plural(periods.length, 'period')} had data`]
  const observed = observedWords(evidence)
  if (observed) notes.push(observed)
  const thin = evaluations.filter((evaluation) => evaluation.filled > 0)
  if (thin.length > 0) {
    notes.push(
      `${thin.length === evaluations.length ? 'every evaluation' : plural(thin.length, 'evaluation')} rested on fewer than ${check.evaluationPeriods} real datapoints, the gaps ${FILL_WORDS[treat]}`
    )
  }
  const span =
    first && last ? ` from ${formatTime(first.period)} to ${formatTime(last.at)} UTC` : ''
  const count =
    evaluations.length === 1 ? 'the evaluation' : `all ${evaluations.length} evaluations`
  const what =
    conditions === '' ? 'the datapoints were in' : `never ${mOfN(evidence)} ${conditions}`
  return `OK at ${count}${span}: ${what} (${notes.join('; ')})`
}

/** Seconds to a tenth: the experiment end is FIS's millisecond timestamp, the evaluation a period end. */
const seconds = (value: number): string => `${formatSignificant(Math.round(value * 10) / 10, 3)} s`

function afterEnd(recovery: Recovery): string {
  return recovery.seconds === 0
    ? 'never left OK after the experiment'
    : `back to OK at ${formatTime(recovery.at ?? 0)} UTC, ${seconds(recovery.seconds ?? 0)} after the experiment end (period ${formatTime(recovery.period ?? 0)})`
}

export function recoveredWords(evidence: PhaseEvidence, recovery: Recovery): string {
  const end = evidence.evaluations.at(-1)?.at ?? evidence.window.end
  return `${afterEnd(recovery)}, and OK to ${formatTime(end)} UTC: within recoverWithin ${formatNumber(recovery.limitSeconds)} s`
}

export function lateWords(evidence: PhaseEvidence, recovery: Recovery): string {
  return `${afterEnd(recovery)}: later than recoverWithin ${formatNumber(recovery.limitSeconds)} s${lastAlarmWords(evidence)}`
}

export function stillInAlarmWords(evidence: PhaseEvidence, last: AlarmEvaluation): string {
  return `did not recover within ${formatNumber(evidence.check.recoverWithin ?? 0)} s: still ${breachWords(evidence, last)}`
}

export function recoveryUnknownWords(
  evidence: PhaseEvidence,
  unknown: AlarmEvaluation,
  recovery: Recovery
): string {
  return `recovery within ${formatNumber(recovery.limitSeconds)} s cannot be confirmed: ${unknownWords(evidence, unknown)}; the alarm was known to be ${afterEnd(recovery)}`
}

function lastAlarmWords(evidence: PhaseEvidence): string {
  const alarm = evidence.evaluations.findLast((evaluation) => evaluation.state === 'ALARM')
  return alarm ? `; last ${breachWords(evidence, alarm)}` : ''
}

/** The check saw no datapoint anywhere: usually a typo in the namespace, metric or dimensions. */
export function noDataAnywhere(result: PhaseResult): string {
  return `no datapoint at all ${spanWords(result.window)} nor in the periods before it: check the namespace, metric name and dimensions`
}

function observedWords({ check, criteria, observed }: PhaseEvidence): string | undefined {
  if (!observed) return undefined
  const parts: string[] = []
  if (criteria.watchMin) parts.push(`min ${formatQuantity(observed.min, check.unit)}`)
  if (criteria.watchMax) parts.push(`max ${formatQuantity(observed.max, check.unit)}`)
  return parts.length > 0 ? parts.join(', ') : undefined
}
