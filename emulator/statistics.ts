/**
 * CloudWatch statistic names and how the emulator combines a metric's samples into one
 * datapoint for each of them.
 */

/** How samples inside one period combine: counts and sums add up, extremes keep the extreme,
 * everything else (averages, percentiles, trimmed and winsorized means, ...) is averaged. */
export type Aggregation = 'sum' | 'min' | 'max' | 'mean'

const BASIC: Record<string, Aggregation> = {
  SampleCount: 'sum',
  Sum: 'sum',
  Minimum: 'min',
  Maximum: 'max',
  Average: 'mean',
  IQM: 'mean'
}

const PERCENT = String.raw`(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?)`
const BOUND = String.raw`\d+(?:\.\d+)?`
const PERCENTILE = new RegExp(`^p${PERCENT}$`)
const SHORTHAND = new RegExp(`^(tm|wm|tc|ts)${PERCENT}$`)
const PERCENT_RANGE = new RegExp(`^(TM|WM|TC|TS)\\((?:${PERCENT}%)?:(?:${PERCENT}%)?\\)$`)
const VALUE_RANGE = new RegExp(`^(TM|WM|TC|TS|PR)\\((?:${BOUND})?:(?:${BOUND})?\\)$`)

/**
 * How a statistic aggregates, or undefined when the name is not valid CloudWatch statistic
 * syntax (`SampleCount`, `Average`, `Sum`, `Minimum`, `Maximum`, `IQM`, `p95`, `p99.9`, `tm90`,
 * `wm98`, `tc90`, `ts90`, `TM(2%:98%)`, `TM(150:1000)`, `PR(:300)`, ...).
 */
export function statisticAggregation(statistic: string): Aggregation | undefined {
  const basic = BASIC[statistic]
  if (basic) return basic
  if (PERCENTILE.test(statistic)) return 'mean'
  const family = SHORTHAND.exec(statistic)?.[1]?.toUpperCase() ?? rangeFamily(statistic)
  if (family === undefined) return undefined
  return family === 'TC' || family === 'TS' ? 'sum' : 'mean'
}

function rangeFamily(statistic: string): string | undefined {
  const match = PERCENT_RANGE.exec(statistic) ?? VALUE_RANGE.exec(statistic)
  if (!match || statistic.endsWith('(:)')) return undefined
  return match[1]
}
