/**
 * What makes a period breach in one phase: the absolute threshold and the bounds around the
 * baseline mean. Also the sanity check of a definition (the validator guards user input; this
 * guards callers).
 */
import { baselineWords, spanWords, thresholdWords, type ConditionWords } from './describe.js'
import type {
  BaselineSummary,
  BreachCause,
  CheckDefinition,
  ComparisonOperator,
  EvaluationWindows,
  PeriodResult,
  Phase
} from './model.js'
import { mean, ownedPeriods } from './windows.js'

const COMPARE: Record<ComparisonOperator, (value: number, threshold: number) => boolean> = {
  GreaterThanThreshold: (value, threshold) => value > threshold,
  GreaterThanOrEqualToThreshold: (value, threshold) => value >= threshold,
  LessThanThreshold: (value, threshold) => value < threshold,
  LessThanOrEqualToThreshold: (value, threshold) => value <= threshold
}

export interface Criteria {
  compare?: (value: number) => boolean
  upperBound?: number
  lowerBound?: number
  words: ConditionWords
  /** The sides a value can breach on, so results show the observed extremes that matter. */
  watchMin: boolean
  watchMax: boolean
  /** Why the baseline comparison cannot be made in this phase, if it cannot. */
  baselineMissing?: string
}

/** Throws a RangeError naming the check when a definition cannot be evaluated. */
export function assertDefinition(check: CheckDefinition): void {
  const problem = definitionProblem(check)
  if (problem) throw new RangeError(`check "${check.name}": ${problem}`)
}

function definitionProblem(check: CheckDefinition): string | undefined {
  const { period, datapointsToAlarm: m, evaluationPeriods: n } = check
  if (!(Number.isFinite(period) && period > 0)) return `period must be positive, not ${period}`
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || m > n) {
    return `datapointsToAlarm (${m}) must be a whole number from 1 to evaluationPeriods (${n})`
  }
  if ((check.comparisonOperator === undefined) !== (check.threshold === undefined)) {
    return 'comparisonOperator and threshold go together'
  }
  const relative = check.baselineComparison
  const hasRelative =
    relative?.maxIncreasePercent !== undefined || relative?.maxDecreasePercent !== undefined
  if (check.threshold === undefined && !hasRelative) {
    return 'a check needs comparisonOperator and threshold, or baselineComparison'
  }
  if (check.recoverWithin !== undefined && !(check.recoverWithin >= 0)) {
    return `recoverWithin must not be negative, not ${check.recoverWithin}`
  }
  return undefined
}

/** The baseline window's datapoints, mean and bounds; only for checks with `baselineComparison`. */
export function baselineSummary(
  check: CheckDefinition,
  windows: EvaluationWindows,
  values: ReadonlyMap<number, number>
): BaselineSummary | undefined {
  const comparison = check.baselineComparison
  if (!comparison || !windows.baseline) return undefined
  const starts = ownedPeriods('before', check, windows)
  const present = starts.flatMap((start) => {
    const value = values.get(start)
    return value === undefined ? [] : [value]
  })
  const summary: BaselineSummary = {
    window: windows.baseline,
    expectedPeriods: starts.length,
    datapoints: present.length
  }
  const baselineMean = mean(present)
  if (baselineMean === undefined) return summary
  // mean ± |mean| × p / 100, written as mean × (100 ± p) / 100 so that decimal means and
  // percentages land on the bound a person computes (0.2 and 20% give 0.16, not 0.16000000000000003).
  const sign = baselineMean < 0 ? -1 : 1
  const bound = (percent: number) => (baselineMean * (100 + sign * percent)) / 100
  const { maxIncreasePercent: increase, maxDecreasePercent: decrease } = comparison
  return {
    ...summary,
    mean: baselineMean,
    ...(increase !== undefined ? { upperBound: bound(increase) } : {}),
    ...(decrease !== undefined ? { lowerBound: bound(-decrease) } : {})
  }
}

/** The threshold, and the baseline bounds except in phase `before` (the baseline itself). */
export function criteriaFor(
  check: CheckDefinition,
  phase: Phase,
  windows: EvaluationWindows,
  baseline: BaselineSummary | undefined
): Criteria {
  const { comparisonOperator: operator, threshold } = check
  const criteria: Criteria = { words: {}, watchMin: false, watchMax: false }
  if (operator !== undefined && threshold !== undefined) {
    criteria.compare = (value) => COMPARE[operator](value, threshold)
    criteria.words.threshold = thresholdWords(operator, threshold, check.unit)
    const upward = operator.startsWith('Greater')
    criteria.watchMax = upward
    criteria.watchMin = !upward
  }
  const relative = phase === 'before' ? undefined : check.baselineComparison
  const increase = relative?.maxIncreasePercent
  const decrease = relative?.maxDecreasePercent
  if (increase === undefined && decrease === undefined) return criteria
  const baselineMean = baseline?.mean
  if (baselineMean === undefined) {
    criteria.baselineMissing = windows.baseline
      ? `no baseline data ${spanWords(windows.baseline)} to compare with`
      : 'no baseline window to compare with'
    return criteria
  }
  if (increase !== undefined) {
    criteria.upperBound = baseline?.upperBound
    criteria.words.increase = baselineWords('increase', increase, baselineMean, check.unit)
    criteria.watchMax = true
  }
  if (decrease !== undefined) {
    criteria.lowerBound = baseline?.lowerBound
    criteria.words.decrease = baselineWords('decrease', decrease, baselineMean, check.unit)
    criteria.watchMin = true
  }
  return criteria
}

/**
 * Beyond a baseline bound by more than rounding: the mean and the bound are computed in binary
 * floating point (0.2, 0.2, 0.2 has the mean 0.20000000000000004), so a value a person computes as
 * exactly at the bound must not breach through the last bits.
 */
function beyond(value: number, bound: number, side: 1 | -1): boolean {
  const rounding = 1e-9 * Math.max(Math.abs(value), Math.abs(bound))
  return side * (value - bound) > rounding
}

/** One period's datapoint against the conditions; `missing` when it has none. */
export function judgePeriod(
  start: number,
  value: number | undefined,
  criteria: Criteria
): PeriodResult {
  if (value === undefined) return { start, state: 'missing', causes: [] }
  const causes: BreachCause[] = []
  if (criteria.compare?.(value)) causes.push('threshold')
  if (criteria.upperBound !== undefined && beyond(value, criteria.upperBound, 1)) {
    causes.push('increase')
  }
  if (criteria.lowerBound !== undefined && beyond(value, criteria.lowerBound, -1)) {
    causes.push('decrease')
  }
  return { start, value, state: causes.length > 0 ? 'breaching' : 'ok', causes }
}
