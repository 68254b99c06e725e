/** Words for results: times, numbers and conditions, the way a reason sentence shows them. */
import type { BreachCause, ComparisonOperator, TimeWindow } from './model.js'
import { formatQuantity, formatSignificant } from './quantities.js'

/** UTC time to the second, `10:04:30`: for log lines and alarm times, where seconds matter. */
export function formatClock(time: number): string {
  return new Date(time).toISOString().slice(11, 19)
}

/** The UTC date of a time: `2026-12-02`. */
export function formatDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/** UTC wall-clock time: `10:04`, or `10:04:30` when the time is not on a whole minute. */
export function formatTime(time: number): string {
  const iso = new Date(time).toISOString()
  return iso.slice(17, 23) === '00.000' ? iso.slice(11, 16) : iso.slice(11, 19)
}

/** Twelve significant digits at most: 0.1 + 0.2 reads 0.3, 1.2500001 keeps its digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return String(Number(value.toPrecision(12)))
}

/** `10:04, 10:05 and 10:08 UTC`; past `most` times, `10:04, 10:05, 10:06 UTC and 4 more`. */
export function formatTimes(times: readonly number[], most = 3): string {
  if (times.length === 0) return ''
  const shown = times.slice(0, most).map(formatTime)
  const rest = times.length - shown.length
  if (rest > 0) return `${shown.join(', ')} UTC and ${rest} more`
  if (shown.length === 1) return `${shown.join('')} UTC`
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''} UTC`
}

export function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`
}

const OPERATOR_WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'above',
  GreaterThanOrEqualToThreshold: 'at or above',
  LessThanThreshold: 'below',
  LessThanOrEqualToThreshold: 'at or below'
}

/** What each breach cause means for one check, in words. */
export interface ConditionWords {
  threshold?: string
  increase?: string
  decrease?: string
}

/** The comparison as a symbol, for tables and chart legends: `> 500 ms`. */
export const OPERATOR_SYMBOLS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤'
}

/**
 * `above 500 ms`: in the check's unit when it has one, with the digits its author wrote up to 4
 * (a threshold of 0.5123456789 reads 0.5123; the JSON report and the file keep it whole).
 */
export function thresholdWords(
  operator: ComparisonOperator,
  threshold: number,
  unit?: string
): string {
  return `${OPERATOR_WORDS[operator]} ${formatQuantity(threshold, unit, 4)}`
}

export function baselineWords(
  direction: 'increase' | 'decrease',
  percent: number,
  baselineMean: number,
  unit?: string
): string {
  const side = direction === 'increase' ? 'above' : 'below'
  return `more than ${formatSignificant(percent, 4)}% ${side} the baseline mean ${formatQuantity(baselineMean, unit)}`
}

const CAUSE_ORDER: readonly BreachCause[] = ['threshold', 'increase', 'decrease']

/** The conditions behind some breach causes, joined with "or": `above 0.5 or more than 50% ...`. */
export function causeWords(words: ConditionWords, causes: Iterable<BreachCause>): string {
  const present = new Set(causes)
  return CAUSE_ORDER.filter((cause) => present.has(cause))
    .map((cause) => words[cause] ?? '')
    .filter((text) => text !== '')
    .join(' or ')
}

/** Every condition the check applies in a phase. */
export function conditionWords(words: ConditionWords): string {
  return causeWords(words, ['threshold', 'increase', 'decrease'])
}

export function spanWords(window: TimeWindow): string {
  return `from ${formatTime(window.start)} to ${formatTime(window.end)} UTC`
}
