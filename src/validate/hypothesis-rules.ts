/**
 * Hypothesis rules beyond the schema: statistic and period syntax, metric-math references,
 * durations, and checks that cannot be evaluated as written (phase before without a baseline,
 * datapointsToAlarm above evaluationPeriods, abortOnBreach without the during phase, ...).
 */
import { parseDuration } from '../experiment/duration.js'
import { excerptList, quote } from '../experiment/excerpt.js'
import { escapePointerToken as token, type JsonObject } from '../experiment/json-source.js'
import { arrayAt, entriesOf, isObject, memberOf, objectAt, stringAt } from '../experiment/model.js'
import { isPeriod, isStatistic, QUERY_ID } from '../hypothesis/cloudwatch-syntax.js'
import { fileIssue as issue, type Issue } from './issues.js'

/** Metric math functions are upper case (FILL, AVG, METRICS, ...); ids start lower case. */
const EXPRESSION_IDENTIFIER = /\b[a-z][a-zA-Z0-9_]*\b/g

function metricIssues(pointer: string, metric: JsonObject): Issue[] {
  const issues: Issue[] = []
  const stat = stringAt(metric, 'stat')
  if (stat !== undefined && !isStatistic(stat)) {
    issues.push(
      issue(
        `${pointer}/stat`,
        'hypothesis/statistic',
        `${quote(stat)} is not a CloudWatch statistic; use SampleCount, Average, Sum, Minimum, Maximum, IQM, pNN (p95, p99.9), tmNN, wmNN, tcNN, tsNN or TM(a%:b%)-style ranges`
      )
    )
  }
  const period = memberOf(metric, 'period')
  if (typeof period === 'number' && !isPeriod(period)) {
    issues.push(
      issue(
        `${pointer}/period`,
        'hypothesis/period',
        `period ${period} is not a CloudWatch period: use 1, 5, 10, 20 or 30 (high resolution) or a multiple of 60`
      )
    )
  }
  return issues
}

function checkIssues(pointer: string, check: JsonObject, hasBaseline: boolean): Issue[] {
  const issues: Issue[] = []
  const metric = objectAt(check, 'metric')
  const expression = stringAt(check, 'expression')
  const metrics = objectAt(check, 'metrics')
  if (metric && (expression !== undefined || metrics)) {
    issues.push(
      issue(
        pointer,
        'hypothesis/metric',
        'A check has either metric, or expression with metrics — not both'
      )
    )
  } else if (!metric && expression === undefined) {
    issues.push(
      issue(
        pointer,
        'hypothesis/metric',
        'A check needs a metric (a CloudWatch MetricStat) or an expression with metrics'
      )
    )
  } else if (expression !== undefined && !metrics) {
    issues.push(
      issue(
        `${pointer}/expression`,
        'hypothesis/metric',
        'An expression needs metrics: the ids it refers to, each a MetricStat'
      )
    )
  }
  if (metric) issues.push(...metricIssues(`${pointer}/metric`, metric))
  for (const [id, stat] of entriesOf(metrics)) {
    if (!QUERY_ID.test(id)) {
      issues.push(
        issue(
          `${pointer}/metrics/${token(id)}`,
          'hypothesis/metric',
          `Metric id ${quote(id)} must start with a lowercase letter and hold only letters, digits and underscores`,
          { part: 'key' }
        )
      )
    }
    if (isObject(stat)) issues.push(...metricIssues(`${pointer}/metrics/${token(id)}`, stat))
  }
  if (expression !== undefined && metrics) {
    const unknown = [...new Set(expression.match(EXPRESSION_IDENTIFIER) ?? [])].filter(
      (id) => memberOf(metrics, id) === undefined
    )
    if (unknown.length) {
      issues.push(
        issue(
          `${pointer}/expression`,
          'hypothesis/metric',
          `The expression refers to ${excerptList(unknown.map(quote))}, not defined in metrics (${excerptList(Object.keys(metrics))})`
        )
      )
    }
  }

  const hasOperator = memberOf(check, 'comparisonOperator') !== undefined
  const hasThreshold = memberOf(check, 'threshold') !== undefined
  if (hasOperator !== hasThreshold) {
    issues.push(
      issue(
        pointer,
        'hypothesis/check',
        hasOperator
          ? 'comparisonOperator needs a threshold'
          : 'threshold needs a comparisonOperator'
      )
    )
  }
  const hasBaselineComparison = objectAt(check, 'baselineComparison') !== undefined
  if (!hasOperator && !hasThreshold && !hasBaselineComparison) {
    issues.push(
      issue(
        pointer,
        'hypothesis/check',
        'A check needs comparisonOperator and threshold, or baselineComparison, or both'
      )
    )
  }
  const datapoints = memberOf(check, 'datapointsToAlarm')
  const periods = memberOf(check, 'evaluationPeriods')
  if (typeof datapoints === 'number' && datapoints > (typeof periods === 'number' ? periods : 1)) {
    issues.push(
      issue(
        `${pointer}/datapointsToAlarm`,
        'hypothesis/check',
        `datapointsToAlarm (${datapoints}) cannot exceed evaluationPeriods (${typeof periods === 'number' ? periods : '1 by default'})`
      )
    )
  }
  const phases = (arrayAt(check, 'phases') ?? ['during', 'after']).filter(
    (phase): phase is string => typeof phase === 'string'
  )
  if (phases.includes('before') && !hasBaseline) {
    issues.push(
      issue(
        `${pointer}/phases`,
        'hypothesis/check',
        'Phase "before" is evaluated over the baseline window: set hypothesis.baseline (e.g. "PT10M")'
      )
    )
  }
  if (hasBaselineComparison && !hasBaseline) {
    issues.push(
      issue(
        `${pointer}/baselineComparison`,
        'hypothesis/check',
        'baselineComparison compares with the baseline mean: set hypothesis.baseline (e.g. "PT10M")'
      )
    )
  }
  if (memberOf(check, 'abortOnBreach') === true && !phases.includes('during')) {
    issues.push(
      issue(
        `${pointer}/abortOnBreach`,
        'hypothesis/check',
        'abortOnBreach watches the check while the experiment runs: add "during" to phases'
      )
    )
  }
  const recoverWithin = stringAt(check, 'recoverWithin')
  if (recoverWithin !== undefined) {
    if (!parseDuration(recoverWithin))
      issues.push(
        issue(
          `${pointer}/recoverWithin`,
          'hypothesis/duration',
          `recoverWithin ${quote(recoverWithin)} must be a positive ISO-8601 duration such as PT2M`
        )
      )
    if (!phases.includes('after'))
      issues.push(
        issue(
          `${pointer}/recoverWithin`,
          'hypothesis/check',
          'recoverWithin is measured in the after phase: add "after" to phases'
        )
      )
  }
  return issues
}

export function hypothesisIssues(
  hypothesis: JsonObject | undefined,
  hasTemplateOrId: boolean
): Issue[] {
  if (!hypothesis) {
    return hasTemplateOrId
      ? [
          issue(
            '',
            'hypothesis/missing',
            'No hypothesis: the verdict rests on the FIS outcome and stop conditions alone. Add a hypothesis to judge the system from CloudWatch metrics',
            { severity: 'warning' }
          )
        ]
      : []
  }
  const issues: Issue[] = []
  for (const key of ['baseline', 'settle'] as const) {
    const text = stringAt(hypothesis, key)
    if (text !== undefined && parseDuration(text) === undefined) {
      issues.push(
        issue(
          `/hypothesis/${key}`,
          'hypothesis/duration',
          `${key} ${quote(text)} must be an ISO-8601 duration such as PT10M`
        )
      )
    }
  }
  const baseline = stringAt(hypothesis, 'baseline')
  const hasBaseline = baseline !== undefined && (parseDuration(baseline) ?? 0) > 0
  const names = new Map<string, number>()
  ;(arrayAt(hypothesis, 'checks') ?? []).forEach((check, index) => {
    if (!isObject(check)) return
    const pointer = `/hypothesis/checks/${index}`
    const name = stringAt(check, 'name')
    if (name !== undefined) {
      if (names.has(name))
        issues.push(
          issue(
            `${pointer}/name`,
            'hypothesis/check',
            `Check name ${quote(name)} is used twice (checks ${names.get(name)} and ${index}); names identify checks in reports`
          )
        )
      else names.set(name, index)
    }
    issues.push(...checkIssues(pointer, check, hasBaseline))
  })
  return issues
}
