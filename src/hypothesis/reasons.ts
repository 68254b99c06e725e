/**
 * The one-sentence reasons of phase results: each names the numbers and the times that decided
 * it, so a person can check the verdict against a graph.
 */
import type { AlarmRule, Run } from './alarm-evaluation.js'
import type { Criteria } from './criteria.js'
import { causeWords, formatNumber, formatTime, formatTimes, plural, spanWords } from './describe.js'
import type {
  CheckDefinition,
  ObservedValues,
  PeriodResult,
  TimeWindow,
  TreatMissingData
} from './model.js'

/** The judged periods of one phase and what judged them: what decisions and reasons read. */
export interface PhaseEvidence {
  check: CheckDefinition
  rule: AlarmRule
  /** `treatMissingData` as applied (while running, `breaching` is applied as `missing`). */
  treat: TreatMissingData
  criteria: Criteria
  window: TimeWindow
  periods: PeriodResult[]
  /** The sequence runs slide over: the periods, or under `ignore` the periods with data. */
  slots: PeriodResult[]
  datapoints: number
  observed?: ObservedValues
}

export function noWholePeriod({ window, check }: PhaseEvidence): string {
  return `the window ${spanWords(window)} holds no whole ${formatNumber(check.period)} s period`
}

export function noData(evidence: PhaseEvidence): string {
  return `no data in any of the ${plural(evidence.periods.length, 'period')} ${coveredSpan(evidence)}`
}

export function shortWindow({ periods, rule }: PhaseEvidence): string {
  return `the window holds ${plural(periods.length, 'period')}, fewer than the ${rule.evaluationPeriods} evaluation periods`
}

export function fewDatapoints({ periods, rule, datapoints }: PhaseEvidence): string {
  return `only ${datapoints} of ${plural(periods.length, 'period')} had data, fewer than the ${rule.evaluationPeriods} evaluation periods`
}

/** `2 of 3 periods above 0.5 from 10:04 to 10:06 UTC`, or `period 10:04 UTC above 0.5 (0.7)`. */
export function breachWords(evidence: PhaseEvidence, run: Run): string {
  const breaching = breachingSlots(evidence, run)
  const [first] = breaching
  const last = breaching[breaching.length - 1]
  if (!first || !last) return ''
  if (first === last) return periodWords(evidence, first)
  const conditions = causeWords(
    evidence.criteria.words,
    breaching.flatMap((slot) => slot.causes)
  )
  return `${run.breaching} of ${plural(run.to - run.from, unit(evidence))} ${conditions} from ${formatTime(first.start)} to ${formatTime(last.start)} UTC`
}

export function breachingSlots({ slots }: PhaseEvidence, run: Run): PeriodResult[] {
  return slots.slice(run.from, run.to).filter((slot) => slot.state === 'breaching')
}

/** A run under `missing` whose gaps could have made it breach. */
export function gapWords(evidence: PhaseEvidence, run: Run, conditions: string): string {
  const { rule, periods, slots } = evidence
  const runSlots = slots.slice(run.from, run.to)
  const gaps = runSlots.filter((slot) => slot.state === 'missing').map((slot) => slot.start)
  const missing = periods.filter((period) => period.state === 'missing').length
  const first = runSlots[0]
  const last = runSlots[runSlots.length - 1]
  const { datapointsToAlarm: m, evaluationPeriods: n } = rule
  const hidden =
    n === 1 || !first || !last
      ? `a period ${conditions}`
      : `${m} of ${n} periods ${conditions} from ${formatTime(first.start)} to ${formatTime(last.start)} UTC`
  return `${missing} of ${plural(periods.length, 'period')} had no data; the ${gaps.length === 1 ? 'gap' : 'gaps'} at ${formatTimes(gaps)} could hide ${hidden}`
}

const GAP_NOTES: Record<TreatMissingData, string> = {
  missing: 'no gap could hide a breach',
  ignore: 'gaps ignored',
  breaching: 'periods without data count as breaching',
  notBreaching: 'periods without data count as not breaching'
}

/** `no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:10 UTC (10 of 10 periods had data, max 0.4)` */
export function passWords(evidence: PhaseEvidence, conditions: string): string {
  const { rule, treat, periods, datapoints } = evidence
  const hadData = `${datapoints} of ${plural(periods.length, 'period')} had data`
  if (conditions === '') {
    return `${hadData} ${coveredSpan(evidence)}; the baseline comparison starts with the experiment`
  }
  const notes = [hadData]
  if (datapoints < periods.length) notes.push(GAP_NOTES[treat])
  const observed = observedWords(evidence)
  if (observed) notes.push(observed)
  const { datapointsToAlarm: m, evaluationPeriods: n } = rule
  const runText = n === 1 ? unit(evidence) : `${m} of ${n} consecutive ${unit(evidence)}s`
  return `no ${runText} ${conditions} ${coveredSpan(evidence)} (${notes.join(', ')})`
}

/** `at once (10:05 UTC)` or `after 60 s (10:06 UTC)`. */
function backWords(seconds: number, at: number): string {
  const delay = seconds === 0 ? 'at once' : `after ${formatNumber(seconds)} s`
  return `${delay} (${formatTime(at)} UTC)`
}

export function recoveredWords(
  evidence: PhaseEvidence,
  seconds: number,
  at: number,
  limitSeconds: number
): string {
  return `recovered ${backWords(seconds, at)} and held to ${formatTime(coveredEnd(evidence))} UTC, within recoverWithin ${formatNumber(limitSeconds)} s`
}

export function lateWords(seconds: number, at: number, limitSeconds: number): string {
  return `recovered ${backWords(seconds, at)}, later than recoverWithin ${formatNumber(limitSeconds)} s`
}

/** What kept the check from recovering: its latest M-of-N breach, else its latest breaching period. */
export function neverWords(
  evidence: PhaseEvidence,
  lastBreach: Run | undefined,
  limitSeconds: number
): string {
  const breaching = evidence.slots.filter((slot) => slot.state === 'breaching')
  const last = breaching[breaching.length - 1]
  const still = lastBreach
    ? breachWords(evidence, lastBreach)
    : last
      ? periodWords(evidence, last)
      : 'no period was back within the threshold'
  return `did not recover within ${formatNumber(limitSeconds)} s: ${still}`
}

export function unconfirmedWords(
  evidence: PhaseEvidence,
  limitSeconds: number,
  provenBack?: { seconds: number; at: number }
): string {
  const { periods } = evidence
  const gaps = periods.filter((period) => period.state === 'missing').map((period) => period.start)
  const later = provenBack
    ? `; it is known to be back only ${backWords(provenBack.seconds, provenBack.at)}`
    : ''
  return `recovery within ${formatNumber(limitSeconds)} s cannot be confirmed: ${gaps.length} of ${plural(periods.length, 'period')} had no data (${formatTimes(gaps)})${later}`
}

function periodWords(evidence: PhaseEvidence, period: PeriodResult): string {
  const value = period.value === undefined ? '' : ` (${formatNumber(period.value)})`
  return `period ${formatTime(period.start)} UTC ${causeWords(evidence.criteria.words, period.causes)}${value}`
}

function unit(evidence: PhaseEvidence): string {
  return evidence.treat === 'ignore' ? 'datapoint' : 'period'
}

function coveredEnd({ periods, check }: PhaseEvidence): number {
  const last = periods[periods.length - 1]
  return last ? last.start + check.period * 1000 : 0
}

function coveredSpan(evidence: PhaseEvidence): string {
  const first = evidence.periods[0]
  return first ? spanWords({ start: first.start, end: coveredEnd(evidence) }) : ''
}

function observedWords({ criteria, observed }: PhaseEvidence): string | undefined {
  if (!observed) return undefined
  const parts: string[] = []
  if (criteria.watchMin) parts.push(`min ${formatNumber(observed.min)}`)
  if (criteria.watchMax) parts.push(`max ${formatNumber(observed.max)}`)
  return parts.length > 0 ? parts.join(', ') : undefined
}
