/**
 * The wall clock, the emulator's default: every timestamp is Date.now(), timeScale shortens only
 * what FIS takes its time over, and CloudWatch shows a metric only as far as the real world has
 * got: the newest period is partial and samples appear once the ingestion lag has passed.
 */
import { describe, expect, it } from '@jest/globals'
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery
} from '@aws-sdk/client-cloudwatch'
import {
  CreateExperimentTemplateCommand,
  GetExperimentCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  type CreateExperimentTemplateCommandInput,
  type Experiment
} from '@aws-sdk/client-fis'
import type { Scenario } from '../../emulator/index.js'
import { templateInput, type AwsClients } from '../support/emulator-clients.js'
import { emulatorPerTest } from '../support/emulator-session.js'
import { withAlarm } from '../support/test-scenario.js'

const startWorld = emulatorPerTest()
const world = (overrides: Partial<Scenario> = {}) => startWorld({ clock: 'wall', ...overrides })

const SECOND = 1000
const MINUTE = 60 * SECOND

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the wall clock is `offset` ms into a `cycle`-ms period; returns that period's start. */
async function waitForPhase(cycle: number, offset: number): Promise<number> {
  for (;;) {
    const now = Date.now()
    const start = Math.floor(now / cycle) * cycle
    if (now - start >= offset && now - start < offset + 100) return start
    await sleep(Math.max(1, (start + offset - now + cycle) % cycle))
  }
}

async function startExperiment(
  aws: AwsClients,
  template: CreateExperimentTemplateCommandInput
): Promise<string> {
  const created = await aws.fis.send(new CreateExperimentTemplateCommand(template))
  const { experiment } = await aws.fis.send(
    new StartExperimentCommand({ experimentTemplateId: created.experimentTemplate?.id })
  )
  return experiment?.id ?? ''
}

async function untilEnded(aws: AwsClients, id: string): Promise<Experiment> {
  const began = Date.now()
  for (;;) {
    const { experiment } = await aws.fis.send(new GetExperimentCommand({ id }))
    const status = experiment?.state?.status ?? ''
    if (['completed', 'stopped', 'failed'].includes(status)) return experiment ?? {}
    if (Date.now() - began > 10 * SECOND) throw new Error(`experiment ${id} is still ${status}`)
    await sleep(50)
  }
}

const waitOneMinute = templateInput({
  actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } } }
})

describe('wall clock', () => {
  it('reports the wall clock everywhere and refuses to be advanced', async () => {
    const before = Date.now()
    const { emulator, aws } = await world()
    const id = await startExperiment(aws, waitOneMinute)
    const after = Date.now()
    const { experiment } = await aws.fis.send(new GetExperimentCommand({ id }))
    expect(experiment?.startTime?.getTime()).toBeGreaterThanOrEqual(before)
    expect(experiment?.startTime?.getTime()).toBeLessThanOrEqual(after)
    const { MetricAlarms } = await aws.cloudwatch.send(new DescribeAlarmsCommand({}))
    for (const alarm of MetricAlarms ?? []) {
      expect(alarm.StateUpdatedTimestamp?.getTime()).toBeGreaterThanOrEqual(before)
      expect(alarm.StateUpdatedTimestamp?.getTime()).toBeLessThanOrEqual(after)
    }
    // Both clocks are read a moment apart, on a machine that may be busy: they must agree as
    // wall clocks do, within the run of this test, never drift apart as an accelerated one would.
    const elapsed = Date.now() - before
    expect(Math.abs(emulator.now() - Date.now())).toBeLessThanOrEqual(elapsed)
    for (const call of emulator.calls()) {
      expect(Math.abs(call.virtualTime - call.time)).toBeLessThanOrEqual(elapsed)
    }

    expect(() => emulator.advance(60)).toThrow(/accelerated/)
    const refused = await fetch(`${emulator.url}/_emulator/advance`, {
      method: 'POST',
      body: JSON.stringify({ seconds: 60 })
    })
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { message: string }).message).toMatch(/wall clock/)
    const clock = (await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as {
      clock: string
      virtualNowMs: number
    }
    expect(clock.clock).toBe('wall')
    expect(Math.abs(clock.virtualNowMs - Date.now())).toBeLessThan(100)
  })

  it('runs a PT1M action for one real second at time scale 60', async () => {
    const { aws } = await world({ timeScale: 60 })
    const began = Date.now()
    const id = await startExperiment(aws, waitOneMinute)
    const done = await untilEnded(aws, id)
    const elapsed = Date.now() - began
    expect(done.state?.status).toBe('completed')
    const action = done.actions?.wait
    expect((action?.endTime?.getTime() ?? 0) - (action?.startTime?.getTime() ?? 0)).toBe(SECOND)
    expect((done.endTime?.getTime() ?? 0) - (done.startTime?.getTime() ?? 0)).toBe(SECOND)
    expect(elapsed).toBeGreaterThanOrEqual(SECOND)
    expect(elapsed).toBeLessThan(5 * SECOND)
    expect(done.endTime?.getTime()).toBeLessThanOrEqual(Date.now())
  })

  it('scales initiation and stop delays and failure times, as written for FIS', async () => {
    const { aws } = await world({
      timeScale: 60,
      initiationDelay: 'PT12S',
      stopDelay: 'PT30S',
      actionOutcomes: { latency: { outcome: 'fail', reason: 'AccessDenied', after: 'PT30S' } }
    })
    const failed = await untilEnded(aws, await startExperiment(aws, templateInput()))
    expect(failed.state?.status).toBe('failed')
    const start = failed.startTime?.getTime() ?? 0
    // 200 ms initiating, 200 ms with the action initiating, 500 ms running until it fails.
    expect(failed.actions?.latency?.startTime?.getTime()).toBe(start + 200)
    expect(failed.endTime?.getTime()).toBe(start + 900)

    const id = await startExperiment(aws, waitOneMinute)
    const { experiment: stopping } = await aws.fis.send(new StopExperimentCommand({ id }))
    expect(stopping?.state?.status).toBe('stopping')
    const stopped = await untilEnded(aws, id)
    expect(stopped.state?.status).toBe('stopped')
    const stoppedAfter = (stopped.endTime?.getTime() ?? 0) - (stopped.startTime?.getTime() ?? 0)
    expect(stoppedAfter).toBeGreaterThanOrEqual(500)
    expect(stoppedAfter).toBeLessThan(1500)
  })

  it('measures alarm timelines in wall time from the start of the experiment', async () => {
    const { aws } = await world({
      timeScale: 60,
      ...withAlarm('carts-p95', { timeline: [{ at: 'PT2S', state: 'ALARM', reason: 'slow' }] })
    })
    const id = await startExperiment(aws, templateInput())
    const { experiment } = await aws.fis.send(new GetExperimentCommand({ id }))
    const start = experiment?.startTime?.getTime() ?? 0
    const state = async () =>
      (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['carts-p95'] })))
        .MetricAlarms?.[0]
    await sleep(start + SECOND - Date.now())
    expect((await state())?.StateValue).toBe('OK')
    await sleep(start + 2 * SECOND + 100 - Date.now())
    const alarming = await state()
    expect(alarming?.StateValue).toBe('ALARM')
    expect(alarming?.StateTransitionedTimestamp?.getTime()).toBe(start + 2 * SECOND)
    const history = await aws.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'carts-p95' })
    )
    expect(history.AlarmHistoryItems?.map((item) => item.Timestamp?.getTime())).toEqual([
      start + 2 * SECOND
    ])
  })
})

describe('CloudWatch on the wall clock', () => {
  const requests = (Id: string, Period: number): MetricDataQuery => ({
    Id,
    MetricStat: { Metric: { Namespace: 'App', MetricName: 'Requests' }, Period, Stat: 'Sum' }
  })
  const metric: Scenario['metrics'] = [
    {
      namespace: 'App',
      metricName: 'Requests',
      resolution: 1,
      statistics: { Sum: { baseline: 1 } }
    }
  ]

  async function sums(aws: AwsClients, start: number, end: number) {
    const { MetricDataResults } = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(end),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [requests('five', 5), requests('one', 1)]
      })
    )
    return (MetricDataResults ?? []).map((result) =>
      (result.Timestamps ?? []).map((time, index) => [time.getTime(), result.Values?.[index]])
    )
  }

  it('has partial newest periods and shows samples only once the ingestion lag has passed', async () => {
    const { aws } = await world({ ingestionLag: 'PT2S', metrics: metric })
    // 300 ms into a 5-second period p: samples up to p - 2 s are ingested.
    const p = await waitForPhase(5 * SECOND, 300)
    const [five, one] = await sums(aws, p - 15 * SECOND, p + 5 * SECOND)
    expect(five).toEqual([
      [p - 15 * SECOND, 5],
      [p - 10 * SECOND, 5],
      [p - 5 * SECOND, 4]
    ])
    // The second that has just ended, [p - 1 s, p), is not ingested yet.
    expect(one?.at(-1)).toEqual([p - 2 * SECOND, 1])

    await sleep(p + 2 * SECOND + 300 - Date.now())
    const [later, laterOne] = await sums(aws, p - 15 * SECOND, p + 5 * SECOND)
    expect(later?.slice(0, 3)).toEqual([
      [p - 15 * SECOND, 5],
      [p - 10 * SECOND, 5],
      [p - 5 * SECOND, 5]
    ])
    const newest = later?.[3]
    expect(newest?.[0]).toBe(p)
    expect(newest?.[1]).toBeGreaterThan(0)
    expect(newest?.[1]).toBeLessThan(5)
    expect(laterOne?.map(([time]) => time)).toContain(p - SECOND)
  })

  it('has baseline data from long before the emulator started', async () => {
    const started = Date.now()
    const { aws } = await world({
      metrics: [{ namespace: 'App', metricName: 'Requests', statistics: { Sum: { baseline: 7 } } }]
    })
    const end = Math.floor(started / MINUTE) * MINUTE
    const [perMinute] = await aws.cloudwatch
      .send(
        new GetMetricDataCommand({
          StartTime: new Date(end - 10 * MINUTE),
          EndTime: new Date(end),
          MetricDataQueries: [requests('m', 60)]
        })
      )
      .then((response) => response.MetricDataResults ?? [])
    expect(perMinute?.Values).toEqual(new Array(10).fill(7))
    expect(perMinute?.Timestamps?.at(-1)?.getTime()).toBe(end - 10 * MINUTE)
  })
})
