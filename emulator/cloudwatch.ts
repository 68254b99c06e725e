/**
 * CloudWatch as @aws-sdk/client-cloudwatch 3.523.0 speaks it (awsQuery): DescribeAlarms,
 * DescribeAlarmHistory and GetMetricData over the scenario's alarms and metrics.
 */
import type { AlarmStatus } from './alarms.js'
import type { ServiceEndpoint } from './endpoint.js'
import { ServiceError } from './errors.js'
import { evaluateExpression, MathError, parseExpression, type Expression } from './math.js'
import { metricSeries, type Series } from './metrics.js'
import { decodeToken, encodeToken, paginate } from './paging.js'
import {
  queryEndpoint,
  queryList,
  queryObject,
  queryString,
  type QueryObject,
  type QueryValue,
  type XmlObject
} from './query-protocol.js'
import type { AlarmModel } from './scenario.js'
import { statisticAggregation } from './statistics.js'
import type { World } from './world.js'

export const CLOUDWATCH_NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/'

const MAX_QUERIES = 500
const DEFAULT_MAX_DATAPOINTS = 100_800
const MAX_BUCKETS = 1_000_000
const METRIC_ID = /^[a-z][A-Za-z0-9_]*$/
const ALARM_STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA']

function invalid(message: string): ServiceError {
  return new ServiceError(400, 'InvalidParameterValue', message)
}

function missingParameter(name: string): ServiceError {
  return new ServiceError(400, 'MissingParameter', `The parameter ${name} is required.`)
}

function integerParam(value: QueryValue | undefined, name: string, min: number, max: number) {
  const text = queryString(value)
  if (text === undefined) return undefined
  const number = Number(text)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw invalid(
      `The value ${text} for parameter ${name} must be an integer from ${min} to ${max}.`
    )
  }
  return number
}

function timeParam(value: QueryValue | undefined, name: string): number | undefined {
  const text = queryString(value)
  if (text === undefined) return undefined
  const time = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text)
  if (Number.isNaN(time))
    throw invalid(`The value ${text} for parameter ${name} is not a timestamp.`)
  return time
}

function stringList(value: QueryValue | undefined): string[] {
  return queryList(value).filter((item): item is string => typeof item === 'string')
}

function scanOrder(value: QueryValue | undefined): 'TimestampDescending' | 'TimestampAscending' {
  const scanBy = queryString(value) ?? 'TimestampDescending'
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalid(`The value ${scanBy} for parameter ScanBy is not valid.`)
  }
  return scanBy
}

function refuseUnsupported(params: QueryObject, names: string[]): void {
  for (const name of names) {
    if (params[name] !== undefined) throw invalid(`The emulator does not support ${name}.`)
  }
}

function alarmTypeOf(alarm: AlarmModel): 'MetricAlarm' | 'CompositeAlarm' {
  return alarm.kind === 'metric' ? 'MetricAlarm' : 'CompositeAlarm'
}

/** Only metric alarms unless AlarmTypes asks otherwise, as CloudWatch does. */
function alarmTypes(params: QueryObject): string[] {
  const types = stringList(params.AlarmTypes)
  for (const type of types) {
    if (type !== 'MetricAlarm' && type !== 'CompositeAlarm') {
      throw invalid(`The value ${type} for parameter AlarmTypes is not valid.`)
    }
  }
  return types.length ? types : ['MetricAlarm']
}

export function cloudWatchEndpoint(world: World): ServiceEndpoint {
  const alarmXml = (alarm: AlarmModel, status: AlarmStatus): XmlObject => {
    const common: XmlObject = {
      AlarmName: alarm.name,
      AlarmArn: world.alarmArn(alarm.name),
      AlarmDescription: alarm.description,
      AlarmConfigurationUpdatedTimestamp: new Date(world.clock.anchor),
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue: status.state,
      StateReason: status.reason,
      StateUpdatedTimestamp: new Date(status.updatedAt),
      StateTransitionedTimestamp: new Date(status.transitionedAt)
    }
    if (alarm.kind === 'composite') return { ...common, AlarmRule: alarm.alarmRule }
    return {
      ...common,
      MetricName: alarm.metricName,
      Namespace: alarm.namespace,
      Statistic: alarm.statistic,
      ExtendedStatistic: alarm.extendedStatistic,
      Dimensions: Object.entries(alarm.dimensions).map(([Name, Value]) => ({ Name, Value })),
      Period: alarm.period,
      Unit: alarm.unit,
      EvaluationPeriods: alarm.evaluationPeriods,
      DatapointsToAlarm: alarm.datapointsToAlarm,
      Threshold: alarm.threshold,
      ComparisonOperator: alarm.comparisonOperator,
      TreatMissingData: alarm.treatMissingData
    }
  }

  const describeAlarms = (params: QueryObject): XmlObject => {
    refuseUnsupported(params, ['ChildrenOfAlarmName', 'ParentsOfAlarmName', 'ActionPrefix'])
    const now = world.sync()
    const names = stringList(params.AlarmNames)
    const prefix = queryString(params.AlarmNamePrefix)
    if (names.length > 0 && prefix !== undefined) {
      throw new ServiceError(
        400,
        'InvalidParameterCombination',
        'AlarmNames and AlarmNamePrefix cannot be used together.'
      )
    }
    if (names.length > 100) throw invalid('AlarmNames can list at most 100 alarms.')
    const stateValue = queryString(params.StateValue)
    if (stateValue !== undefined && !ALARM_STATES.includes(stateValue)) {
      throw invalid(`The value ${stateValue} for parameter StateValue is not valid.`)
    }
    const types = alarmTypes(params)
    const maxRecords = integerParam(params.MaxRecords, 'MaxRecords', 1, 100) ?? 50
    const selected = [...world.alarms.alarms]
      .filter((alarm) => types.includes(alarmTypeOf(alarm)))
      .filter((alarm) => (names.length ? names.includes(alarm.name) : true))
      .filter((alarm) => prefix === undefined || alarm.name.startsWith(prefix))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
      .map((alarm) => ({ alarm, status: world.alarms.statusAt(alarm, now) }))
      .filter(({ status }) => stateValue === undefined || status.state === stateValue)
    const scope = `DescribeAlarms:${JSON.stringify([names, prefix, stateValue, types])}`
    const page = paginate(selected, maxRecords, queryString(params.NextToken), scope)
    if (!page) throw new ServiceError(400, 'InvalidNextToken', 'The NextToken is not valid.')
    const ofKind = (kind: AlarmModel['kind']) =>
      page.items
        .filter(({ alarm }) => alarm.kind === kind)
        .map(({ alarm, status }) => alarmXml(alarm, status))
    return {
      MetricAlarms: ofKind('metric'),
      CompositeAlarms: ofKind('composite'),
      NextToken: page.nextToken
    }
  }

  const describeAlarmHistory = (params: QueryObject): XmlObject => {
    const now = world.sync()
    const name = queryString(params.AlarmName)
    const types = alarmTypes(params)
    const itemType = queryString(params.HistoryItemType)
    const startDate = timeParam(params.StartDate, 'StartDate') ?? -Infinity
    const endDate = timeParam(params.EndDate, 'EndDate') ?? Infinity
    const scanBy = scanOrder(params.ScanBy)
    const maxRecords = integerParam(params.MaxRecords, 'MaxRecords', 1, 100) ?? 100
    const items =
      itemType !== undefined && itemType !== 'StateUpdate'
        ? []
        : world.alarms.alarms
            .filter((alarm) => types.includes(alarmTypeOf(alarm)))
            .filter((alarm) => name === undefined || alarm.name === name)
            .flatMap((alarm) =>
              world.alarms.transitions(alarm, now).map((transition) => ({ alarm, transition }))
            )
            .filter(({ transition }) => transition.time >= startDate && transition.time <= endDate)
            .sort((a, b) =>
              scanBy === 'TimestampAscending'
                ? a.transition.time - b.transition.time
                : b.transition.time - a.transition.time
            )
    const scope = `DescribeAlarmHistory:${JSON.stringify([name, types, itemType, startDate, endDate, scanBy])}`
    const page = paginate(items, maxRecords, queryString(params.NextToken), scope)
    if (!page) throw new ServiceError(400, 'InvalidNextToken', 'The NextToken is not valid.')
    return {
      AlarmHistoryItems: page.items.map(({ alarm, transition }) => ({
        AlarmName: alarm.name,
        AlarmType: alarmTypeOf(alarm),
        Timestamp: new Date(transition.time),
        HistoryItemType: 'StateUpdate',
        HistorySummary: `Alarm updated from ${transition.from.state} to ${transition.to.state}`,
        HistoryData: JSON.stringify({
          version: '1.0',
          oldState: { stateValue: transition.from.state, stateReason: transition.from.reason },
          newState: { stateValue: transition.to.state, stateReason: transition.to.reason }
        })
      })),
      NextToken: page.nextToken
    }
  }

  const getMetricData = (params: QueryObject): XmlObject => {
    const queries = readQueries(params)
    const startMs = timeParam(params.StartTime, 'StartTime')
    const endMs = timeParam(params.EndTime, 'EndTime')
    if (startMs === undefined) throw missingParameter('StartTime')
    if (endMs === undefined) throw missingParameter('EndTime')
    if (startMs >= endMs) {
      throw invalid('The parameter StartTime must be less than the parameter EndTime.')
    }
    const scanBy = scanOrder(params.ScanBy)
    const maxDatapoints =
      integerParam(params.MaxDatapoints, 'MaxDatapoints', 1, Number.MAX_SAFE_INTEGER) ??
      DEFAULT_MAX_DATAPOINTS
    const position = readPosition(queryString(params.NextToken), world.sync())
    const series = computeSeries(world, queries, startMs, endMs, position.asOf)

    let skip = position.skip
    let budget = maxDatapoints
    let more = false
    const results = queries
      .filter((query) => query.returnData)
      .map((query) => {
        const points = series.get(query.id) ?? { timestamps: [], values: [] }
        const order = points.timestamps.map((_, index) => index)
        if (scanBy === 'TimestampDescending') order.reverse()
        const skipped = Math.min(skip, order.length)
        skip -= skipped
        const taken = order.slice(skipped, skipped + budget)
        budget -= taken.length
        const complete = skipped + taken.length === order.length
        more ||= !complete
        return {
          Id: query.id,
          Label: query.label,
          Timestamps: taken.map((index) => new Date(points.timestamps[index] ?? 0)),
          Values: taken.map((index) => points.values[index] ?? 0),
          StatusCode: complete ? 'Complete' : 'PartialData',
          Messages: []
        }
      })
    const returned = maxDatapoints - budget
    return {
      MetricDataResults: results,
      NextToken: more
        ? encodeToken('GetMetricData', {
            asOf: position.asOf,
            skip: position.skip + returned
          })
        : undefined,
      Messages: []
    }
  }

  return queryEndpoint('cloudwatch', CLOUDWATCH_NAMESPACE, {
    DescribeAlarms: describeAlarms,
    DescribeAlarmHistory: describeAlarmHistory,
    GetMetricData: getMetricData
  })
}

interface MetricStatQuery {
  namespace: string
  metricName: string
  dimensions: Record<string, string>
  period: number
  statistic: string
  unit?: string
}

type ParsedQuery = { id: string; label: string; returnData: boolean } & (
  { source: 'metric'; metric: MetricStatQuery } | { source: 'expression'; expression: Expression }
)

function validPeriod(period: number): boolean {
  return [1, 5, 10, 20, 30].includes(period) || (period > 0 && period % 60 === 0)
}

function readQueries(params: QueryObject): ParsedQuery[] {
  const raw = queryList(params.MetricDataQueries).map(queryObject)
  if (raw.length === 0) throw missingParameter('MetricDataQueries')
  if (raw.length > MAX_QUERIES) {
    throw invalid(`MetricDataQueries can hold at most ${MAX_QUERIES} queries, got ${raw.length}.`)
  }
  const ids = new Set<string>()
  return raw.map((query, index) => {
    const member = `MetricDataQueries.member.${index + 1}`
    const id = queryString(query.Id)
    if (id === undefined) throw missingParameter(`${member}.Id`)
    if (!METRIC_ID.test(id)) {
      throw invalid(
        `The value ${id} for parameter ${member}.Id is not valid: it must start with a lowercase ` +
          'letter and contain only letters, numbers and underscores.'
      )
    }
    if (ids.has(id))
      throw invalid(`The values for parameter Id in MetricDataQueries are not unique (${id}).`)
    ids.add(id)
    const stat = query.MetricStat === undefined ? undefined : queryObject(query.MetricStat)
    const expressionText = queryString(query.Expression)
    if ((stat === undefined) === (expressionText === undefined)) {
      throw new ServiceError(
        400,
        'InvalidParameterCombination',
        `${member} must have exactly one of MetricStat and Expression.`
      )
    }
    const returnData = queryString(query.ReturnData) !== 'false'
    if (stat) {
      const metric = queryObject(stat.Metric)
      const namespace = queryString(metric.Namespace)
      const metricName = queryString(metric.MetricName)
      const statistic = queryString(stat.Stat)
      const period = integerParam(stat.Period, `${member}.MetricStat.Period`, 1, 31_536_000)
      if (namespace === undefined) throw missingParameter(`${member}.MetricStat.Metric.Namespace`)
      if (metricName === undefined) throw missingParameter(`${member}.MetricStat.Metric.MetricName`)
      if (statistic === undefined) throw missingParameter(`${member}.MetricStat.Stat`)
      if (period === undefined) throw missingParameter(`${member}.MetricStat.Period`)
      if (!statisticAggregation(statistic)) {
        throw invalid(
          `The value ${statistic} for parameter ${member}.MetricStat.Stat is not a valid statistic.`
        )
      }
      if (!validPeriod(period)) {
        throw invalid(
          `The value ${period} for parameter ${member}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60.`
        )
      }
      const dimensions = Object.fromEntries(
        queryList(metric.Dimensions)
          .map(queryObject)
          .map((dimension) => [
            queryString(dimension.Name) ?? '',
            queryString(dimension.Value) ?? ''
          ])
      )
      return {
        id,
        label: queryString(query.Label) ?? metricName,
        returnData,
        source: 'metric',
        metric: {
          namespace,
          metricName,
          dimensions,
          period,
          statistic,
          unit: queryString(stat.Unit)
        }
      }
    }
    try {
      const expression = parseExpression(expressionText ?? '')
      return {
        id,
        label: queryString(query.Label) ?? id,
        returnData,
        source: 'expression',
        expression
      }
    } catch (error) {
      if (error instanceof MathError) throw invalid(`Error in expression ${id}: ${error.message}`)
      throw error
    }
  })
}

function readPosition(token: string | undefined, now: number): { asOf: number; skip: number } {
  if (token === undefined) return { asOf: now, skip: 0 }
  const position = decodeToken('GetMetricData', token)
  if (
    typeof position === 'object' &&
    position !== null &&
    'asOf' in position &&
    'skip' in position &&
    typeof position.asOf === 'number' &&
    typeof position.skip === 'number'
  ) {
    return { asOf: position.asOf, skip: position.skip }
  }
  throw new ServiceError(400, 'InvalidNextToken', 'The NextToken is not valid.')
}

/**
 * Every query's series as of time `asOf`. Pages after the first pass the first page's
 * `asOf` back in their token, so data that arrives meanwhile cannot shift the page boundaries.
 */
function computeSeries(
  world: World,
  queries: readonly ParsedQuery[],
  startMs: number,
  endMs: number,
  asOf: number
): Map<string, Series> {
  const byId = new Map(queries.map((query) => [query.id, query]))
  const computed = new Map<string, Series>()
  const evaluating = new Set<string>()
  const context = {
    latestMs: asOf - world.scenario.ingestionLagMs,
    seed: world.scenario.seed,
    history: world.experiments
  }
  const resolve = (id: string): Series => {
    const done = computed.get(id)
    if (done) return done
    const query = byId.get(id)
    if (!query) throw invalid(`The expression references ${id}, which is not a query id.`)
    if (evaluating.has(id)) throw invalid(`The expression of ${id} refers to itself.`)
    evaluating.add(id)
    let series: Series
    if (query.source === 'metric') {
      if ((endMs - startMs) / (query.metric.period * 1000) > MAX_BUCKETS) {
        throw invalid(`Query ${id} asks for more than ${MAX_BUCKETS} periods.`)
      }
      series = metricSeries(
        world.scenario.metrics,
        {
          namespace: query.metric.namespace,
          metricName: query.metric.metricName,
          dimensions: query.metric.dimensions,
          statistic: query.metric.statistic,
          periodSeconds: query.metric.period,
          unit: query.metric.unit,
          startMs,
          endMs
        },
        context
      )
    } else {
      try {
        series = evaluateExpression(query.expression, resolve)
      } catch (error) {
        if (error instanceof MathError) throw invalid(`Error in expression ${id}: ${error.message}`)
        throw error
      }
    }
    evaluating.delete(id)
    computed.set(id, series)
    return series
  }
  for (const query of queries) resolve(query.id)
  return computed
}
