/**
 * Periods aligned as CloudWatch aligns them, which periods each phase owns, and datapoints placed
 * in periods.
 *
 * Ownership: `before` owns the periods that end at or before the fault start (from the one in
 * progress at the baseline start); `during` owns every period the fault window overlaps, so the
 * period in progress at the experiment end is `during`'s and an instant fault still owns one
 * period; `after` owns the periods that start at or after the experiment end and before its
 * deadline (the end plus `recoverWithin`, else plus `settle`; at least one), and N − 1 more, so
 * that every alarm evaluation that includes a period before the deadline is inside the phase.
 */
import { evaluationRangeLength } from './alarm-evaluation.js'
import type { CheckDefinition, Datapoint, EvaluationWindows, Phase, TimeWindow } from './model.js'

/** Start of the period that contains `time`: periods start at multiples of the period since the epoch. */
export function alignDown(time: number, periodMs: number): number {
  return Math.floor(time / periodMs) * periodMs
}

function alignUp(time: number, periodMs: number): number {
  return Math.ceil(time / periodMs) * periodMs
}

function startsWhile(from: number, periodMs: number, more: (start: number) => boolean): number[] {
  const starts: number[] = []
  for (let start = from; more(start); start += periodMs) starts.push(start)
  return starts
}

/** When the after phase's recovery must have happened by: the end plus recoverWithin, else settle. */
export function afterDeadline(check: CheckDefinition, windows: EvaluationWindows): number {
  return windows.during.end + (check.recoverWithin ?? windows.settle) * 1000
}

/** Starts of the periods a phase owns, oldest first; empty when it has no window. */
export function ownedPeriods(
  phase: Phase,
  check: CheckDefinition,
  windows: EvaluationWindows
): number[] {
  const periodMs = check.period * 1000
  if (phase === 'before') {
    const baseline = windows.baseline
    if (!baseline) return []
    return startsWhile(
      alignDown(baseline.start, periodMs),
      periodMs,
      (start) => start + periodMs <= baseline.end
    )
  }
  const { start, end } = windows.during
  if (phase === 'during') {
    const faultEnd = Math.max(end, start + 1)
    return startsWhile(alignDown(start, periodMs), periodMs, (period) => period < faultEnd)
  }
  // After the fault's own period: an instant fault on a period boundary owns that period.
  const first = alignUp(Math.max(end, start + 1), periodMs)
  const deadline = afterDeadline(check, windows)
  const beforeDeadline = Math.max(1, Math.ceil((deadline - first) / periodMs))
  const count = beforeDeadline + check.evaluationPeriods - 1
  return startsWhile(first, periodMs, (period) => period < first + count * periodMs)
}

/** From the first owned period's start to the last one's end; empty at `fallback` without one. */
export function spanOf(starts: readonly number[], periodMs: number, fallback: number): TimeWindow {
  const first = starts[0]
  const last = starts[starts.length - 1]
  if (first === undefined || last === undefined) return { start: fallback, end: fallback }
  return { start: first, end: last + periodMs }
}

/**
 * What a check needs read from CloudWatch to judge `phases`: from the look-back before its first
 * owned period (one evaluation range, and two periods more for the evaluations in force at the
 * experiment end) to the end of its last.
 */
export function dataSpan(
  check: CheckDefinition,
  windows: EvaluationWindows,
  phases: readonly Phase[]
): TimeWindow {
  const periodMs = check.period * 1000
  const starts = phases.flatMap((phase) => ownedPeriods(phase, check, windows))
  const baselineStarts = check.baselineComparison ? ownedPeriods('before', check, windows) : []
  const all = [...starts, ...baselineStarts]
  if (all.length === 0) return { start: windows.during.start, end: windows.during.start }
  const first = Math.min(...all)
  const last = Math.max(...all)
  const lookBack = (evaluationRangeLength(check) + 1) * periodMs
  return { start: first - lookBack, end: last + periodMs }
}

/**
 * One value per period start. Values that are not finite (NaN, ±Infinity) are dropped, as if the
 * period had no data. A timestamp inside a period counts for that period. When a period has several
 * finite values, the last one in input order is kept: a caller that appends a later re-query to an
 * earlier one gets the later value.
 */
export function valuesByPeriod(
  datapoints: readonly Datapoint[],
  periodSeconds: number
): Map<number, number> {
  const periodMs = periodSeconds * 1000
  const values = new Map<number, number>()
  for (const { timestamp, value } of datapoints) {
    if (Number.isFinite(value) && Number.isFinite(timestamp)) {
      values.set(alignDown(timestamp, periodMs), value)
    }
  }
  return values
}

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  return values.reduce((sum, value) => sum + value, 0) / values.length
}
