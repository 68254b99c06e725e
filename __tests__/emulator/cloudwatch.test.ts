/**
 * CloudWatch through the pinned awsQuery client: alarms with their timelines and history, and
 * GetMetricData's alignment, ordering, gaps, paging, math, effects and errors.
 */
import { describe, expect, it } from '@jest/globals'
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataQuery,
  type MetricDataResult
} from '@aws-sdk/client-cloudwatch'
import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis'
import type { Scenario } from '../../emulator/index.js'
import { alarmArn, templateInput, type AwsClients } from '../support/emulator-clients.js'
import { emulatorPerTest, rejection } from '../support/emulator-session.js'
import { LOAD_BALANCER, withAlarm, withMetric } from '../support/test-scenario.js'

const startWorld = emulatorPerTest()
// Timelines, effects and gaps are read at exact instants reached with advance(): virtual time.
const world = (overrides: Partial<Scenario> = {}) =>
  startWorld({ clock: 'accelerated', ...overrides })

/** Starts the default template (latency for PT5M) and returns its virtual start, epoch ms. */
async function startLatency(clients: AwsClients): Promise<number> {
  const created = await clients.fis.send(new CreateExperimentTemplateCommand(templateInput()))
  const { experiment } = await clients.fis.send(
    new StartExperimentCommand({ experimentTemplateId: created.experimentTemplate?.id })
  )
  return experiment?.startTime?.getTime() ?? NaN
}

const MINUTE = 60_000

function latencyQuery(overrides: Partial<MetricDataQuery> = {}, stat = 'p95'): MetricDataQuery {
  return {
    Id: 'latency',
    MetricStat: {
      Metric: {
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'TargetResponseTime',
        Dimensions: [LOAD_BALANCER]
      },
      Period: 60,
      Stat: stat
    },
    ...overrides
  }
}

async function metricData(
  clients: AwsClients,
  input: Partial<GetMetricDataCommandInput> &
    Pick<GetMetricDataCommandInput, 'StartTime' | 'EndTime'>
) {
  return clients.cloudwatch.send(
    new GetMetricDataCommand({ MetricDataQueries: [latencyQuery()], ...input })
  )
}

function points(result: MetricDataResult | undefined): [number, number][] {
  return (result?.Timestamps ?? []).map((time, index) => [
    time.getTime(),
    result?.Values?.[index] ?? NaN
  ])
}

/** How many periods a window covers once StartTime is rounded down to the minute. */
/**
 * The one-minute buckets a GetMetricData over [start, end) returns. The pinned awsQuery client
 * sends StartTime and EndTime in whole seconds (`toISOString().split('.')[0]`), so the end the
 * service sees is `end` cut to its second: a bucket that begins in that cut-off moment is out.
 */
function bucketsBetween(start: number, end: number): number {
  const sentEnd = Math.floor(end / 1000) * 1000
  return Math.ceil((sentEnd - Math.floor(start / MINUTE) * MINUTE) / MINUTE)
}

describe('DescribeAlarms', () => {
  it('returns metric alarms by default and composite alarms only when asked', async () => {
    const { aws } = await world()
    const byDefault = await aws.cloudwatch.send(new DescribeAlarmsCommand({}))
    expect(byDefault.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual([
      'carts-5xx',
      'carts-p95'
    ])
    expect(byDefault.CompositeAlarms).toEqual([])
    const alarm = byDefault.MetricAlarms?.[0]
    expect(alarm).toMatchObject({
      AlarmName: 'carts-5xx',
      AlarmArn: alarmArn('carts-5xx'),
      StateValue: 'OK',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Namespace: 'AWS/ApplicationELB',
      Statistic: 'Sum',
      Dimensions: [LOAD_BALANCER],
      Period: 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 25,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching'
    })
    expect(alarm?.StateReason).toEqual(expect.any(String))
    expect(alarm?.StateUpdatedTimestamp).toBeInstanceOf(Date)
    expect(alarm?.StateTransitionedTimestamp).toBeInstanceOf(Date)
    expect(byDefault.MetricAlarms?.[1]?.ExtendedStatistic).toBe('p95')

    const composite = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] })
    )
    expect(composite.MetricAlarms).toEqual([])
    expect(composite.CompositeAlarms?.[0]).toMatchObject({
      AlarmName: 'carts-health',
      AlarmRule: 'ALARM("carts-5xx") OR ALARM("carts-p95")',
      StateValue: 'OK'
    })
    const both = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })
    )
    expect((both.MetricAlarms?.length ?? 0) + (both.CompositeAlarms?.length ?? 0)).toBe(3)
  })

  it('filters by name, prefix and state, and pages with MaxRecords', async () => {
    const { emulator, aws } = await world()
    const named = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['carts-p95'] })
    )
    expect(named.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(['carts-p95'])
    const prefixed = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: 'carts-5' })
    )
    expect(prefixed.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(['carts-5xx'])

    emulator.setAlarmState('carts-p95', 'ALARM', 'set by the test')
    const alarming = await aws.cloudwatch.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))
    expect(alarming.MetricAlarms?.map((alarm) => [alarm.AlarmName, alarm.StateReason])).toEqual([
      ['carts-p95', 'set by the test']
    ])

    const first = await aws.cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 1 }))
    expect(first.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(['carts-5xx'])
    expect(first.NextToken).toEqual(expect.any(String))
    const second = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({ MaxRecords: 1, NextToken: first.NextToken })
    )
    expect(second.MetricAlarms?.map((alarm) => alarm.AlarmName)).toEqual(['carts-p95'])
    expect(second.NextToken).toBeUndefined()

    const error = await rejection(
      aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'b' }))
    )
    expect(error.name).toBe('InvalidParameterCombinationException')
    const token = await rejection(
      aws.cloudwatch.send(new DescribeAlarmsCommand({ NextToken: 'nonsense' }))
    )
    expect(token.name).toBe('InvalidNextToken')
  })

  it('follows the scenario timeline relative to the experiment start and records history', async () => {
    const { emulator, aws } = await world(
      withAlarm('carts-p95', {
        timeline: [
          { at: 'PT1M', state: 'ALARM', reason: 'latency high' },
          { at: 'PT3M', state: 'OK', reason: 'latency normal' },
          { at: 'PT4M', state: 'OK', reason: 'still normal' }
        ]
      })
    )
    const describe = async () =>
      (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['carts-p95'] })))
        .MetricAlarms?.[0]
    expect((await describe())?.StateValue).toBe('OK')
    const start = await startLatency(aws)
    emulator.advance(61)
    const alarming = await describe()
    expect(alarming?.StateValue).toBe('ALARM')
    expect(alarming?.StateReason).toBe('latency high')
    expect(alarming?.StateTransitionedTimestamp?.getTime()).toBe(start + MINUTE)
    emulator.advance(240)
    const settled = await describe()
    expect(settled?.StateValue).toBe('OK')
    expect(settled?.StateReason).toBe('still normal')
    expect(settled?.StateUpdatedTimestamp?.getTime()).toBe(start + 4 * MINUTE)
    expect(settled?.StateTransitionedTimestamp?.getTime()).toBe(start + 3 * MINUTE)

    const history = await aws.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'carts-p95' })
    )
    expect(
      history.AlarmHistoryItems?.map((item) => [item.Timestamp?.getTime(), item.HistorySummary])
    ).toEqual([
      [start + 3 * MINUTE, 'Alarm updated from ALARM to OK'],
      [start + MINUTE, 'Alarm updated from OK to ALARM']
    ])
    const item = history.AlarmHistoryItems?.[1]
    expect(item).toMatchObject({ AlarmType: 'MetricAlarm', HistoryItemType: 'StateUpdate' })
    expect(JSON.parse(item?.HistoryData ?? '{}')).toMatchObject({
      oldState: { stateValue: 'OK' },
      newState: { stateValue: 'ALARM', stateReason: 'latency high' }
    })

    const ascending = await aws.cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: 'carts-p95',
        ScanBy: 'TimestampAscending',
        MaxRecords: 1
      })
    )
    expect(ascending.AlarmHistoryItems?.map((entry) => entry.Timestamp?.getTime())).toEqual([
      start + MINUTE
    ])
    const rest = await aws.cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: 'carts-p95',
        ScanBy: 'TimestampAscending',
        MaxRecords: 1,
        NextToken: ascending.NextToken
      })
    )
    expect(rest.AlarmHistoryItems?.map((entry) => entry.Timestamp?.getTime())).toEqual([
      start + 3 * MINUTE
    ])
    expect(rest.NextToken).toBeUndefined()

    const windowed = await aws.cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: 'carts-p95',
        StartDate: new Date(start + 2 * MINUTE),
        EndDate: new Date(start + 10 * MINUTE)
      })
    )
    expect(windowed.AlarmHistoryItems).toHaveLength(1)
    const configuration = await aws.cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: 'carts-p95',
        HistoryItemType: 'ConfigurationUpdate'
      })
    )
    expect(configuration.AlarmHistoryItems).toEqual([])
  })
})

describe('GetMetricData', () => {
  it('aligns periods to the epoch, rounds StartTime down and excludes EndTime', async () => {
    const { emulator, aws } = await world()
    const end = Math.floor(emulator.now() / MINUTE) * MINUTE - 10 * MINUTE
    const { MetricDataResults } = await metricData(aws, {
      StartTime: new Date(end - 5 * MINUTE + 30_000),
      EndTime: new Date(end),
      ScanBy: 'TimestampAscending'
    })
    const timestamps = points(MetricDataResults?.[0]).map(([time]) => time)
    expect(timestamps).toEqual([4, 3, 2, 1, 0].map((minutes) => end - (minutes + 1) * MINUTE))
    expect(MetricDataResults?.[0]).toMatchObject({
      Id: 'latency',
      Label: 'TargetResponseTime',
      StatusCode: 'Complete'
    })
  })

  it('returns newest first by default and oldest first with TimestampAscending', async () => {
    const { emulator, aws } = await world()
    const window = {
      StartTime: new Date(emulator.now() - 10 * MINUTE),
      EndTime: new Date(emulator.now())
    }
    const newestFirst = points((await metricData(aws, window)).MetricDataResults?.[0])
    const oldestFirst = points(
      (await metricData(aws, { ...window, ScanBy: 'TimestampAscending' })).MetricDataResults?.[0]
    )
    expect(newestFirst.length).toBeGreaterThanOrEqual(10)
    expect(newestFirst).toEqual([...oldestFirst].reverse())
    expect(newestFirst[0]?.[0]).toBeGreaterThan(newestFirst[1]?.[0] ?? Infinity)
  })

  it('applies effects while actions run and recovers along the curve afterwards', async () => {
    const { emulator, aws } = await world(
      withMetric('TargetResponseTime', {
        effects: [
          {
            whenActionsRun: ['latency'],
            operation: 'add',
            value: 0.65,
            statistics: ['p95'],
            recovery: { duration: 'PT4M', shape: 'linear' }
          }
        ]
      })
    )
    const start = await startLatency(aws)
    emulator.advance(15 * 60)
    const end = start + 5 * MINUTE
    const { MetricDataResults } = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start - 3 * MINUTE),
        EndTime: new Date(start + 12 * MINUTE),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [latencyQuery(), latencyQuery({ Id: 'average' }, 'Average')]
      })
    )
    const expected = (time: number) => {
      if (time >= start && time < end) return 0.85
      if (time >= end && time < end + 4 * MINUTE)
        return 0.2 + 0.65 * (1 - (time - end) / (4 * MINUTE))
      return 0.2
    }
    const p95 = points(MetricDataResults?.[0])
    expect(p95.length).toBe(bucketsBetween(start - 3 * MINUTE, start + 12 * MINUTE))
    for (const [time, value] of p95) expect(value).toBeCloseTo(expected(time), 10)
    const during = p95.filter(([time]) => time >= start && time < end)
    expect(during.length).toBeGreaterThanOrEqual(4)
    const recovering = p95
      .filter(([time]) => time >= end && time < end + 4 * MINUTE)
      .map(([, value]) => value)
    expect(recovering.length).toBeGreaterThanOrEqual(3)
    expect([...recovering].sort((a, b) => b - a)).toEqual(recovering)
    expect(new Set(points(MetricDataResults?.[1]).map(([, value]) => value))).toEqual(
      new Set([0.1])
    )
  })

  it('leaves gaps where the scenario has no data', async () => {
    const { emulator, aws } = await world(
      withMetric('TargetResponseTime', { gaps: [{ from: 'PT1M', to: 'PT3M' }] })
    )
    const start = await startLatency(aws)
    emulator.advance(10 * 60)
    const { MetricDataResults } = await metricData(aws, {
      StartTime: new Date(start),
      EndTime: new Date(start + 6 * MINUTE),
      ScanBy: 'TimestampAscending'
    })
    const result = MetricDataResults?.[0]
    expect(result?.Timestamps?.length).toBe(result?.Values?.length)
    const times = points(result).map(([time]) => time)
    const inGap = (time: number) => time >= start + MINUTE && time < start + 3 * MINUTE
    expect(times.some(inGap)).toBe(false)
    const first = Math.floor(start / MINUTE) * MINUTE
    const all = Array.from(
      { length: bucketsBetween(start, start + 6 * MINUTE) },
      (_, index) => first + index * MINUTE
    )
    expect(times).toEqual(all.filter((time) => !inGap(time)))
    expect(times.length).toBeLessThan(all.length)
  })

  it('pages with NextToken when MaxDatapoints is exceeded', async () => {
    const { emulator, aws } = await world()
    const end = Math.floor(emulator.now() / MINUTE) * MINUTE - MINUTE
    const window = { StartTime: new Date(end - 12 * MINUTE), EndTime: new Date(end) }
    const all = points((await metricData(aws, window)).MetricDataResults?.[0])
    expect(all.length).toBe(12)
    const paged: [number, number][] = []
    const statuses: (string | undefined)[] = []
    let NextToken: string | undefined
    do {
      const page = await metricData(aws, { ...window, MaxDatapoints: 5, NextToken })
      expect(page.MetricDataResults?.[0]?.Timestamps?.length).toBeLessThanOrEqual(5)
      statuses.push(page.MetricDataResults?.[0]?.StatusCode)
      paged.push(...points(page.MetricDataResults?.[0]))
      NextToken = page.NextToken
    } while (NextToken)
    expect(paged).toEqual(all)
    expect(statuses).toEqual(['PartialData', 'PartialData', 'Complete'])
  })

  it('evaluates metric math over query ids and numbers', async () => {
    const { emulator, aws } = await world()
    const { MetricDataResults } = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(emulator.now() - 5 * MINUTE),
        EndTime: new Date(emulator.now()),
        MetricDataQueries: [
          latencyQuery({ Id: 'p95', ReturnData: false }),
          latencyQuery({ Id: 'avg', ReturnData: false }, 'Average'),
          { Id: 'combined', Expression: '(p95 + avg) * 2', Label: 'combined' },
          { Id: 'inverse', Expression: '-p95 + 1 / 4' },
          { Id: 'nothing', Expression: 'p95 / (avg - avg)' }
        ]
      })
    )
    expect(MetricDataResults?.map((result) => result.Id)).toEqual([
      'combined',
      'inverse',
      'nothing'
    ])
    const [combined, inverse, nothing] = MetricDataResults ?? []
    expect(combined?.Label).toBe('combined')
    expect(combined?.Values?.length).toBeGreaterThanOrEqual(5)
    for (const value of combined?.Values ?? []) expect(value).toBeCloseTo(0.6, 10)
    for (const value of inverse?.Values ?? []) expect(value).toBeCloseTo(0.05, 10)
    expect(nothing?.Values).toEqual([])
  })

  it('aggregates high-resolution samples into any period', async () => {
    const { emulator, aws } = await world({
      metrics: [
        {
          namespace: 'App',
          metricName: 'Requests',
          resolution: 10,
          statistics: { Sum: { baseline: 1 }, Maximum: { baseline: 3 } }
        }
      ]
    })
    const query = (Id: string, Period: number, Stat: string): MetricDataQuery => ({
      Id,
      MetricStat: { Metric: { Namespace: 'App', MetricName: 'Requests' }, Period, Stat }
    })
    const end = Math.floor(emulator.now() / MINUTE) * MINUTE
    const { MetricDataResults } = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(end - 2 * MINUTE),
        EndTime: new Date(end),
        MetricDataQueries: [
          query('fine', 10, 'Sum'),
          query('coarse', 60, 'Sum'),
          query('peak', 60, 'Maximum')
        ]
      })
    )
    const [fine, coarse, peak] = MetricDataResults ?? []
    expect(fine?.Values).toEqual(new Array(12).fill(1))
    expect(coarse?.Values).toEqual([6, 6])
    expect(peak?.Values).toEqual([3, 3])
  })

  it('serves every high-resolution period from every resolution', async () => {
    const resolutions = [1, 5, 10, 20, 30, 60] as const
    const periods = [1, 5, 10, 20, 30, 60]
    const { emulator, aws } = await world({
      metrics: resolutions.map((resolution) => ({
        namespace: 'App',
        metricName: `Every${resolution}s`,
        resolution,
        statistics: { Sum: { baseline: 1 } }
      }))
    })
    const queries = resolutions.flatMap((resolution) =>
      periods.map((Period): MetricDataQuery => ({
        Id: `r${resolution}p${Period}`,
        MetricStat: {
          Metric: { Namespace: 'App', MetricName: `Every${resolution}s` },
          Period,
          Stat: 'Sum'
        }
      }))
    )
    const end = Math.floor(emulator.now() / MINUTE) * MINUTE - MINUTE
    const { MetricDataResults } = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(end - MINUTE),
        EndTime: new Date(end),
        MetricDataQueries: queries
      })
    )
    for (const resolution of resolutions) {
      for (const period of periods) {
        const result = MetricDataResults?.find((item) => item.Id === `r${resolution}p${period}`)
        // Each period sums the samples inside it; one without a sample has no point.
        const samples = Array.from({ length: 60 / period }, (_, index) =>
          Array.from({ length: period }, (__, second) => index * period + second).filter(
            (second) => second % resolution === 0
          )
        ).map((inside) => inside.length)
        expect([resolution, period, result?.Values]).toEqual([
          resolution,
          period,
          samples.filter((count) => count > 0).reverse()
        ])
      }
    }
  })

  it('adds deterministic noise within the amplitude and hides data not yet ingested', async () => {
    const { emulator, aws } = await world({
      ingestionLag: 'PT3M',
      metrics: [
        {
          namespace: 'App',
          metricName: 'Latency',
          statistics: { Average: { baseline: 1, noise: 0.05 } }
        }
      ]
    })
    const input = {
      StartTime: new Date(emulator.now() - 30 * MINUTE),
      EndTime: new Date(emulator.now() + MINUTE),
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: { Namespace: 'App', MetricName: 'Latency' },
            Period: 60,
            Stat: 'Average'
          }
        }
      ]
    }
    const first = points(
      (await aws.cloudwatch.send(new GetMetricDataCommand(input))).MetricDataResults?.[0]
    )
    const second = points(
      (await aws.cloudwatch.send(new GetMetricDataCommand(input))).MetricDataResults?.[0]
    )
    expect(second).toEqual(first)
    for (const [, value] of first) expect(Math.abs(value - 1)).toBeLessThanOrEqual(0.05)
    expect(new Set(first.map(([, value]) => value)).size).toBeGreaterThan(10)
    expect(first[0]?.[0]).toBeLessThanOrEqual(emulator.now() - 3 * MINUTE)
  })

  it('returns no data for a statistic or unit the scenario does not define', async () => {
    const { emulator, aws } = await world()
    const window = {
      StartTime: new Date(emulator.now() - 5 * MINUTE),
      EndTime: new Date(emulator.now())
    }
    const { MetricDataResults } = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        ...window,
        MetricDataQueries: [
          latencyQuery({ Id: 'p99' }, 'p99'),
          latencyQuery({
            Id: 'milliseconds',
            MetricStat: {
              ...latencyQuery().MetricStat,
              Unit: 'Milliseconds'
            } as MetricDataQuery['MetricStat']
          }),
          latencyQuery({
            Id: 'elsewhere',
            MetricStat: {
              Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime' },
              Period: 60,
              Stat: 'p95'
            }
          })
        ]
      })
    )
    for (const result of MetricDataResults ?? []) {
      expect(result.Values).toEqual([])
      expect(result.StatusCode).toBe('Complete')
    }
  })

  const invalid: [string, MetricDataQuery[]][] = [
    ['a statistic with invalid syntax', [latencyQuery({}, 'p95x')]],
    ['an Id that does not start with a lowercase letter', [latencyQuery({ Id: 'Latency' })]],
    [
      'a period that is not 1, 5, 10, 20, 30 or a multiple of 60',
      [
        latencyQuery({
          MetricStat: { ...latencyQuery().MetricStat, Period: 45 } as MetricDataQuery['MetricStat']
        })
      ]
    ],
    [
      'a period above 60 that is not a multiple of 60',
      [
        latencyQuery({
          MetricStat: { ...latencyQuery().MetricStat, Period: 90 } as MetricDataQuery['MetricStat']
        })
      ]
    ],
    ['duplicate ids', [latencyQuery(), latencyQuery()]],
    ['an expression that does not parse', [latencyQuery(), { Id: 'e', Expression: 'latency +' }]],
    ['an expression naming an unknown id', [{ Id: 'e', Expression: 'other * 2' }]],
    [
      'more than 500 queries',
      Array.from({ length: 501 }, (_, index) => latencyQuery({ Id: `q${index}` }))
    ]
  ]

  it.each(invalid)('rejects %s with InvalidParameterValue', async (_case, queries) => {
    const { emulator, aws } = await world()
    const error = await rejection(
      aws.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(emulator.now() - 5 * MINUTE),
          EndTime: new Date(emulator.now()),
          MetricDataQueries: queries
        })
      )
    )
    expect(error.name).toBe('InvalidParameterValueException')
  })

  it('rejects a window whose StartTime is not before EndTime', async () => {
    const { emulator, aws } = await world()
    const now = new Date(emulator.now())
    const error = await rejection(metricData(aws, { StartTime: now, EndTime: now }))
    expect(error.name).toBe('InvalidParameterValueException')
  })
})
