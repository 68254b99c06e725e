/**
 * One CloudWatch alarm evaluation, as the CloudWatch User Guide describes it in "How alarm state is
 * evaluated when data is missing" (see docs/verdicts.md for the page's two tables, reproduced as
 * tests). At each period end the alarm retrieves an evaluation range longer than N periods, then:
 *
 * - with at least N real datapoints in the range, it evaluates the N most recent ones and
 *   `treatMissingData` is not used;
 * - with fewer, it fills as few missing periods as it needs (the most recent ones) to reach N, per
 *   `treatMissingData`, and evaluates every real datapoint of the range with them;
 * - ALARM when at least M of the evaluated datapoints breach, else OK; except that under `missing`
 *   a filled period counts for nothing: an empty range is INSUFFICIENT_DATA, and when every real
 *   datapoint breaches but fewer than M do, the alarm is in ALARM only when the oldest evaluated
 *   datapoint is a real one (the page's `X - - - -` row), else INSUFFICIENT_DATA; `ignore` is
 *   `missing` except that where `missing` would give INSUFFICIENT_DATA or that `X - - - -` ALARM,
 *   the alarm keeps its previous state.
 *
 * The page's example retrieves 5 periods for N = 3; the range here is N + 2 periods.
 */
import type { AlarmEvaluation, AlarmState, PeriodResult, TreatMissingData } from './model.js'

export interface AlarmRule {
  /** M */
  datapointsToAlarm: number
  /** N */
  evaluationPeriods: number
}

/** How many periods one evaluation looks at: N + 2, as in the User Guide's N = 3 example. */
export function evaluationRangeLength(rule: AlarmRule): number {
  return rule.evaluationPeriods + 2
}

/**
 * The alarm's evaluation at the end of the last period of `range` (consecutive periods, oldest
 * first, as long as `evaluationRangeLength` or shorter at the start of the data).
 */
export function evaluateAlarm(
  range: readonly PeriodResult[],
  rule: AlarmRule,
  treat: TreatMissingData,
  periodMs: number
): AlarmEvaluation {
  const newest = range[range.length - 1]
  if (!newest) throw new RangeError('an alarm evaluation needs at least one period')
  const n = rule.evaluationPeriods
  const real = range.filter((period) => period.state !== 'missing')
  const base = { at: newest.start + periodMs, period: newest.start, real: real.length }
  if (real.length >= n) {
    const evaluated = real.slice(-n)
    const breaching = evaluated.filter((period) => period.state === 'breaching').length
    return {
      ...base,
      state: breaching >= rule.datapointsToAlarm ? 'ALARM' : 'OK',
      evaluated: evaluated.map((period) => period.start),
      breaching,
      filled: 0
    }
  }
  const filled = range.filter((period) => period.state === 'missing').slice(-(n - real.length))
  const evaluated = [...real, ...filled].sort((a, b) => a.start - b.start)
  const realBreaching = real.filter((period) => period.state === 'breaching').length
  const breaching = realBreaching + (treat === 'breaching' ? filled.length : 0)
  return {
    ...base,
    state: filledState(treat, rule, real.length, realBreaching, evaluated[0] ?? newest),
    evaluated: evaluated.map((period) => period.start),
    breaching,
    filled: filled.length
  }
}

/** The state with fewer than N real datapoints, once the gaps are filled per `treatMissingData`. */
function filledState(
  treat: TreatMissingData,
  rule: AlarmRule,
  real: number,
  realBreaching: number,
  oldestEvaluated: PeriodResult
): AlarmState {
  const m = rule.datapointsToAlarm
  if (treat === 'breaching') {
    return realBreaching + (rule.evaluationPeriods - real) >= m ? 'ALARM' : 'OK'
  }
  if (treat === 'notBreaching') return realBreaching >= m ? 'ALARM' : 'OK'
  const unknown: AlarmState = treat === 'ignore' ? 'RETAIN' : 'INSUFFICIENT_DATA'
  if (real === 0) return unknown
  if (realBreaching >= m) return 'ALARM'
  if (realBreaching < real) return 'OK'
  // Every real datapoint breaches, fewer than M of them: the page's last rows.
  if (treat === 'ignore') return 'RETAIN'
  return oldestEvaluated.state === 'breaching' ? 'ALARM' : 'INSUFFICIENT_DATA'
}

/**
 * The alarm's evaluation at the end of each period from `from` on: `periods` is the consecutive
 * timeline (oldest first) whose earlier periods serve as the look-back.
 */
export function evaluateTimeline(
  periods: readonly PeriodResult[],
  from: number,
  rule: AlarmRule,
  treat: TreatMissingData,
  periodMs: number
): AlarmEvaluation[] {
  const length = evaluationRangeLength(rule)
  const evaluations: AlarmEvaluation[] = []
  periods.forEach((period, index) => {
    if (period.start < from) return
    const range = periods.slice(Math.max(0, index - length + 1), index + 1)
    evaluations.push(evaluateAlarm(range, rule, treat, periodMs))
  })
  return evaluations
}
