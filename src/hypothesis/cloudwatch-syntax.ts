/** CloudWatch statistic and period rules ("Statistics definitions", GetMetricData reference). */

const SIMPLE_STATISTICS = new Set(['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum', 'IQM'])
const PERCENT_NUMBER = '(?:100(?:\\.0+)?|\\d{1,2}(?:\\.\\d+)?)'
const SHORTHAND = new RegExp(`^(?:p|tm|wm|tc|ts)${PERCENT_NUMBER}$`)
const BOUND = `(?:${PERCENT_NUMBER}%|\\d+(?:\\.\\d+)?)`
const RANGED = new RegExp(`^(?:TM|WM|TC|TS|PR)\\((?:${BOUND})?:(?:${BOUND})?\\)$`)

export function isStatistic(stat: string): boolean {
  if (SIMPLE_STATISTICS.has(stat) || SHORTHAND.test(stat)) return true
  return (
    RANGED.test(stat) &&
    stat !== 'TM(:)' &&
    stat !== 'WM(:)' &&
    stat !== 'TC(:)' &&
    stat !== 'TS(:)' &&
    stat !== 'PR(:)'
  )
}

export const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30]

export function isPeriod(seconds: number): boolean {
  return (
    Number.isInteger(seconds) &&
    (HIGH_RESOLUTION_PERIODS.includes(seconds) || (seconds >= 60 && seconds % 60 === 0))
  )
}

/** GetMetricData query ids: start with a lowercase letter; letters, digits and underscores. */
export const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/
