/**
 * The file's hypothesis (schema- and rule-checked JSON) as evaluation inputs: check definitions
 * with defaults applied and durations in seconds, and one GetMetricData query set for all checks.
 * Pure.
 */
import { parseDuration } from '../experiment/duration.js'
import type { JsonObject } from '../experiment/json-source.js'
import { arrayAt, entriesOf, isObject, objectAt, stringAt } from '../experiment/model.js'
import type { CheckDefinition, ComparisonOperator, Phase, TreatMissingData } from './model.js'
import { checkUnit } from './quantities.js'

export interface MetricStatSpec {
  namespace: string
  metricName: string
  dimensions: Record<string, string>
  stat: string
  period: number
  unit?: string
  accountId?: string
}

/** A GetMetricData query, in the SDK's shape. */
export interface MetricQuery {
  Id: string
  Label?: string
  ReturnData: boolean
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] }
    Period: number
    Stat: string
    Unit?: string
  }
  Expression?: string
  Period?: number
  AccountId?: string
}

export interface HypothesisCheck {
  definition: CheckDefinition
  /** The metric or expression as written, for reports and console links. */
  metric?: MetricStatSpec
  expression?: { text: string; metrics: Record<string, MetricStatSpec> }
  /** Id of the query whose values this check judges. */
  queryId: string
}

export interface Hypothesis {
  description?: string
  /** Seconds; the window before the fault. */
  baseline?: number
  /** Seconds to wait for metric ingestion after the experiment ends. */
  settle: number
  checks: HypothesisCheck[]
  queries: MetricQuery[]
}

/** Without settle, wait this long for the last periods to be ingested. */
export const DEFAULT_SETTLE_SECONDS = 120
export const DEFAULT_PHASES: readonly Phase[] = ['during', 'after']

function metricStat(value: JsonObject): MetricStatSpec {
  const dimensions: Record<string, string> = {}
  for (const [name, dimension] of entriesOf(objectAt(value, 'dimensions')))
    if (typeof dimension === 'string') dimensions[name] = dimension
  return {
    namespace: stringAt(value, 'namespace') ?? '',
    metricName: stringAt(value, 'metricName') ?? '',
    dimensions,
    stat: stringAt(value, 'stat') ?? 'Average',
    period: typeof value.period === 'number' ? value.period : 60,
    unit: stringAt(value, 'unit'),
    accountId: stringAt(value, 'accountId')
  }
}

function statQuery(
  id: string,
  spec: MetricStatSpec,
  returnData: boolean,
  label?: string
): MetricQuery {
  return {
    Id: id,
    ...(label ? { Label: label } : {}),
    ReturnData: returnData,
    MetricStat: {
      Metric: {
        Namespace: spec.namespace,
        MetricName: spec.metricName,
        Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value }))
      },
      Period: spec.period,
      Stat: spec.stat,
      ...(spec.unit ? { Unit: spec.unit } : {})
    },
    ...(spec.accountId ? { AccountId: spec.accountId } : {})
  }
}

const seconds = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : parseDuration(text)

export function buildHypothesis(hypothesis: JsonObject): Hypothesis {
  const checks: HypothesisCheck[] = []
  const queries: MetricQuery[] = []
  ;(arrayAt(hypothesis, 'checks') ?? []).forEach((item, index) => {
    if (!isObject(item)) return
    const name = stringAt(item, 'name') ?? `check ${index + 1}`
    const queryId = `c${index}`
    const metric = objectAt(item, 'metric')
    let period: number
    let metricSpec: MetricStatSpec | undefined
    let expression: HypothesisCheck['expression']
    if (metric) {
      metricSpec = metricStat(metric)
      period = metricSpec.period
      queries.push(statQuery(queryId, metricSpec, true, name))
    } else {
      const metrics: Record<string, MetricStatSpec> = {}
      for (const [id, spec] of entriesOf(objectAt(item, 'metrics')))
        if (isObject(spec)) metrics[id] = metricStat(spec)
      // Ids are namespaced per check so two checks' expressions can share a query set.
      const text = stringAt(item, 'expression') ?? ''
      const rewritten = text.replace(/\b[a-z][a-zA-Z0-9_]*\b/g, (id) =>
        id in metrics ? `${queryId}_${id}` : id
      )
      // CloudWatch judges an expression in the period of the metrics it combines.
      period = Math.max(...Object.values(metrics).map((spec) => spec.period), 1)
      for (const [id, spec] of Object.entries(metrics))
        queries.push(statQuery(`${queryId}_${id}`, spec, false))
      queries.push({
        Id: queryId,
        Label: name,
        ReturnData: true,
        Expression: rewritten,
        Period: period
      })
      expression = { text, metrics }
    }
    const operator = stringAt(item, 'comparisonOperator') as ComparisonOperator | undefined
    const phases = (arrayAt(item, 'phases') ?? DEFAULT_PHASES).filter(
      (phase): phase is Phase => phase === 'before' || phase === 'during' || phase === 'after'
    )
    const comparison = objectAt(item, 'baselineComparison')
    const unit = checkUnit(metricSpec)
    checks.push({
      queryId,
      metric: metricSpec,
      expression,
      definition: {
        name,
        period,
        comparisonOperator: operator,
        threshold: typeof item.threshold === 'number' ? item.threshold : undefined,
        datapointsToAlarm: typeof item.datapointsToAlarm === 'number' ? item.datapointsToAlarm : 1,
        evaluationPeriods: typeof item.evaluationPeriods === 'number' ? item.evaluationPeriods : 1,
        treatMissingData:
          (stringAt(item, 'treatMissingData') as TreatMissingData | undefined) ?? 'missing',
        phases,
        recoverWithin: seconds(stringAt(item, 'recoverWithin')),
        baselineComparison: comparison
          ? {
              ...(typeof comparison.maxIncreasePercent === 'number'
                ? { maxIncreasePercent: comparison.maxIncreasePercent }
                : {}),
              ...(typeof comparison.maxDecreasePercent === 'number'
                ? { maxDecreasePercent: comparison.maxDecreasePercent }
                : {})
            }
          : undefined,
        abortOnBreach: item.abortOnBreach === true,
        ...(unit ? { unit } : {})
      }
    })
  })
  return {
    description: stringAt(hypothesis, 'description'),
    baseline: seconds(stringAt(hypothesis, 'baseline')),
    settle: seconds(stringAt(hypothesis, 'settle')) ?? DEFAULT_SETTLE_SECONDS,
    checks,
    queries
  }
}

/** How long after the experiment end the after phase lasts: recoverWithin, else settle, else N periods. */
export function afterWindowSeconds(hypothesis: Hypothesis): number {
  let longest = 0
  for (const { definition } of hypothesis.checks) {
    if (!definition.phases.includes('after')) continue
    longest = Math.max(
      longest,
      definition.recoverWithin ??
        Math.max(hypothesis.settle, definition.evaluationPeriods * definition.period)
    )
  }
  return longest
}
