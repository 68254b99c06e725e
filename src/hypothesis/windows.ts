/** Periods aligned as CloudWatch aligns them, and datapoints placed in them. */
import type { Datapoint, TimeWindow } from './model.js'

/** Start of the period that contains `time`: periods start at multiples of the period since the epoch. */
export function alignDown(time: number, periodMs: number): number {
  return Math.floor(time / periodMs) * periodMs
}

/**
 * Starts of the periods a window covers, oldest first: every aligned period that starts at or after
 * the start of the period containing `window.start`, and ends at or before `window.end`. So the
 * period in progress at the window start counts, the one still open at the window end does not,
 * and two windows that share a boundary never share a period.
 */
export function periodStarts(window: TimeWindow, periodSeconds: number): number[] {
  const periodMs = periodSeconds * 1000
  const starts: number[] = []
  for (
    let start = alignDown(window.start, periodMs);
    start + periodMs <= window.end;
    start += periodMs
  ) {
    starts.push(start)
  }
  return starts
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
