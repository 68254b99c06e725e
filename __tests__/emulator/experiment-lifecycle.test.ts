/**
 * The experiment state machine, path by path. Scenarios run an accelerated clock at time scale 1
 * and tests move virtual time with `advance()`, so every transition happens at an exact instant.
 */
import { describe, expect, it } from '@jest/globals'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import {
  CreateExperimentTemplateCommand,
  GetExperimentCommand,
  ListExperimentResolvedTargetsCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  type CreateExperimentTemplateCommandInput,
  type Experiment
} from '@aws-sdk/client-fis'
import type { Scenario } from '../../emulator/index.js'
import {
  alarmArn,
  startExperimentCommand,
  templateInput,
  type AwsClients
} from '../support/emulator-clients.js'
import { emulatorPerTest } from '../support/emulator-session.js'
import { LOAD_BALANCER, withAlarm, withMetric } from '../support/test-scenario.js'

const startWorld = emulatorPerTest()
// Stepping through transitions with advance() needs virtual time.
const world = (overrides: Partial<Scenario> = {}) =>
  startWorld({ clock: 'accelerated', ...overrides })

/** latency (PT5M) -> recover (PT2M) -> restart (instantaneous), stopped by carts-5xx. */
function chainedTemplate(
  overrides: Partial<CreateExperimentTemplateCommandInput> = {}
): CreateExperimentTemplateCommandInput {
  return templateInput({
    actions: {
      latency: {
        actionId: 'aws:ecs:task-network-latency',
        parameters: { duration: 'PT5M' },
        targets: { Tasks: 'cartsTasks' }
      },
      recover: {
        actionId: 'aws:fis:wait',
        parameters: { duration: 'PT2M' },
        startAfter: ['latency']
      },
      restart: {
        actionId: 'aws:ecs:stop-task',
        targets: { Tasks: 'cartsTasks' },
        startAfter: ['recover']
      }
    },
    ...overrides
  })
}

async function start(
  clients: AwsClients,
  template: CreateExperimentTemplateCommandInput = chainedTemplate()
): Promise<string> {
  const created = await clients.fis.send(new CreateExperimentTemplateCommand(template))
  const { experiment } = await clients.fis.send(
    new StartExperimentCommand({ experimentTemplateId: created.experimentTemplate?.id })
  )
  expect(experiment?.state?.status).toBe('initiating')
  return experiment?.id ?? ''
}

async function read(clients: AwsClients, id: string): Promise<Experiment> {
  const { experiment } = await clients.fis.send(new GetExperimentCommand({ id }))
  if (!experiment) throw new Error(`no experiment ${id}`)
  return experiment
}

function statuses(experiment: Experiment): Record<string, string | undefined> {
  return {
    experiment: experiment.state?.status,
    ...Object.fromEntries(
      Object.entries(experiment.actions ?? {}).map(([name, action]) => [name, action.state?.status])
    )
  }
}

const seconds = (date: Date | undefined) => (date?.getTime() ?? NaN) / 1000

describe('experiment lifecycle', () => {
  it('runs actions in startAfter order, each for its duration, and completes', async () => {
    const { emulator, aws } = await world()
    const id = await start(aws)
    expect(statuses(await read(aws, id))).toEqual({
      experiment: 'running',
      latency: 'running',
      recover: 'pending',
      restart: 'pending'
    })
    emulator.advance(300)
    expect(statuses(await read(aws, id))).toEqual({
      experiment: 'running',
      latency: 'completed',
      recover: 'running',
      restart: 'pending'
    })
    emulator.advance(120)
    const done = await read(aws, id)
    expect(statuses(done)).toEqual({
      experiment: 'completed',
      latency: 'completed',
      recover: 'completed',
      restart: 'completed'
    })
    const { latency, recover, restart } = done.actions ?? {}
    expect(seconds(latency?.endTime) - seconds(latency?.startTime)).toBe(300)
    expect(recover?.startTime).toEqual(latency?.endTime)
    expect(seconds(recover?.endTime) - seconds(recover?.startTime)).toBe(120)
    expect(restart?.startTime).toEqual(restart?.endTime)
    expect(done.endTime).toEqual(restart?.endTime)
    expect(seconds(done.endTime) - seconds(done.startTime)).toBe(420)
  })

  it('shows initiating phases for experiments and actions when the scenario has a delay', async () => {
    const { emulator, aws } = await world({ initiationDelay: 'PT10S' })
    const id = await start(aws)
    expect(statuses(await read(aws, id)).experiment).toBe('initiating')
    emulator.advance(10)
    expect(statuses(await read(aws, id))).toMatchObject({
      experiment: 'running',
      latency: 'initiating'
    })
    emulator.advance(10)
    expect(statuses(await read(aws, id))).toMatchObject({ latency: 'running' })
  })

  it('stops when a stop-condition alarm enters ALARM on its timeline', async () => {
    const { emulator, aws } = await world({
      ...withAlarm('carts-5xx', {
        timeline: [{ at: 'PT1M', state: 'ALARM', reason: 'too many 5xx' }]
      }),
      stopDelay: 'PT5S'
    })
    const id = await start(aws)
    emulator.advance(59)
    expect(statuses(await read(aws, id)).experiment).toBe('running')
    emulator.advance(2)
    const stopping = await read(aws, id)
    expect(statuses(stopping)).toEqual({
      experiment: 'stopping',
      latency: 'stopping',
      recover: 'cancelled',
      restart: 'cancelled'
    })
    expect(stopping.state?.reason).toContain(alarmArn('carts-5xx'))
    emulator.advance(5)
    const stopped = await read(aws, id)
    expect(statuses(stopped)).toEqual({
      experiment: 'stopped',
      latency: 'stopped',
      recover: 'cancelled',
      restart: 'cancelled'
    })
    expect(seconds(stopped.endTime) - seconds(stopped.startTime)).toBe(65)
    expect(stopped.actions?.latency?.endTime).toEqual(stopped.endTime)
  })

  it('stops when the fault itself trips the alarm (whenActionsRun)', async () => {
    const { emulator, aws } = await world(withAlarm('carts-5xx', { whenActionsRun: ['recover'] }))
    const id = await start(aws)
    emulator.advance(301)
    const stopped = await read(aws, id)
    expect(statuses(stopped)).toEqual({
      experiment: 'stopped',
      latency: 'completed',
      recover: 'stopped',
      restart: 'cancelled'
    })
    expect(seconds(stopped.endTime) - seconds(stopped.startTime)).toBe(300)
  })

  it('stops when a test sets a stop-condition alarm to ALARM', async () => {
    const { emulator, aws } = await world()
    const id = await start(aws)
    emulator.advance(30)
    emulator.setAlarmState('carts-5xx', 'ALARM', 'flipped by the test')
    expect(statuses(await read(aws, id)).experiment).toBe('stopped')
  })

  it('StopExperiment answers stopping, then the experiment is stopped', async () => {
    const { emulator, aws } = await world({ stopDelay: 'PT10S' })
    const id = await start(aws)
    emulator.advance(30)
    const { experiment } = await aws.fis.send(new StopExperimentCommand({ id }))
    expect(experiment?.state).toEqual({ status: 'stopping', reason: 'Stopping Experiment.' })
    const again = await aws.fis.send(new StopExperimentCommand({ id }))
    expect(again.experiment?.state?.status).toBe('stopping')
    emulator.advance(10)
    expect(statuses(await read(aws, id))).toEqual({
      experiment: 'stopped',
      latency: 'stopped',
      recover: 'cancelled',
      restart: 'cancelled'
    })
  })

  it('fails when an action fails, with the scenario reason', async () => {
    const { emulator, aws } = await world({
      actionOutcomes: { latency: { outcome: 'fail', reason: 'AccessDenied', after: 'PT30S' } }
    })
    const id = await start(aws)
    emulator.advance(29)
    expect(statuses(await read(aws, id)).latency).toBe('running')
    emulator.advance(1)
    const failed = await read(aws, id)
    expect(statuses(failed)).toEqual({
      experiment: 'failed',
      latency: 'failed',
      recover: 'cancelled',
      restart: 'cancelled'
    })
    expect(failed.actions?.latency?.state?.reason).toBe('AccessDenied')
    expect(failed.state?.reason).toContain('AccessDenied')
  })

  it('skips an action the scenario skips and lets the next one run', async () => {
    const { emulator, aws } = await world({
      actionOutcomes: { 'aws:ecs:task-network-latency': { outcome: 'skip' } }
    })
    const id = await start(aws)
    expect(statuses(await read(aws, id))).toMatchObject({ latency: 'skipped', recover: 'running' })
    emulator.advance(120)
    expect(statuses(await read(aws, id)).experiment).toBe('completed')
  })

  it('skip-all resolves targets, skips every action and injects nothing', async () => {
    const { emulator, aws } = await world({
      ...withAlarm('carts-5xx', {
        whenActionsRun: ['latency'],
        timeline: [{ at: 'PT0S', state: 'ALARM' }]
      }),
      ...withMetric('HTTPCode_Target_5XX_Count', {
        effects: [{ whenActionsRun: ['latency'], operation: 'set', value: 99 }]
      })
    })
    const created = await aws.fis.send(new CreateExperimentTemplateCommand(chainedTemplate()))
    const { experiment } = await aws.fis.send(
      startExperimentCommand(
        { experimentTemplateId: created.experimentTemplate?.id ?? '' },
        'skip-all'
      )
    )
    const id = experiment?.id ?? ''
    emulator.advance(60)
    const done = await read(aws, id)
    expect(statuses(done)).toEqual({
      experiment: 'completed',
      latency: 'skipped',
      recover: 'skipped',
      restart: 'skipped'
    })
    const calls = emulator.calls().filter((call) => call.operation === 'StartExperiment')
    expect(calls[0]?.request.experimentOptions).toEqual({ actionsMode: 'skip-all' })
    expect(emulator.experiments()[0]?.actionsMode).toBe('skip-all')

    const targets = await aws.fis.send(
      new ListExperimentResolvedTargetsCommand({ experimentId: id })
    )
    expect(targets.resolvedTargets).toHaveLength(2)

    const { MetricDataResults } = await aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(emulator.now() - 120_000),
        EndTime: new Date(emulator.now()),
        MetricDataQueries: [
          {
            Id: 'errors',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApplicationELB',
                MetricName: 'HTTPCode_Target_5XX_Count',
                Dimensions: [LOAD_BALANCER]
              },
              Period: 60,
              Stat: 'Sum'
            }
          }
        ]
      })
    )
    expect(MetricDataResults?.[0]?.Values?.length).toBeGreaterThan(0)
    expect(new Set(MetricDataResults?.[0]?.Values)).toEqual(new Set([2]))
  })

  it('the 3.523.0 client drops actionsMode without the middleware', async () => {
    const { aws } = await world()
    const created = await aws.fis.send(new CreateExperimentTemplateCommand(chainedTemplate()))
    const input = {
      experimentTemplateId: created.experimentTemplate?.id,
      experimentOptions: { actionsMode: 'skip-all' }
    }
    const { experiment } = await aws.fis.send(
      new StartExperimentCommand(input as ConstructorParameters<typeof StartExperimentCommand>[0])
    )
    expect(statuses(await read(aws, experiment?.id ?? '')).latency).toBe('running')
  })

  it('starts one experiment per clientToken', async () => {
    const { emulator, aws } = await world()
    const created = await aws.fis.send(new CreateExperimentTemplateCommand(chainedTemplate()))
    const templateId = created.experimentTemplate?.id ?? ''
    const first = await aws.fis.send(
      new StartExperimentCommand({ experimentTemplateId: templateId, clientToken: 'run-7-1-carts' })
    )
    emulator.advance(10)
    const second = await aws.fis.send(
      new StartExperimentCommand({ experimentTemplateId: templateId, clientToken: 'run-7-1-carts' })
    )
    expect(second.experiment?.id).toBe(first.experiment?.id)
    expect(second.experiment?.state?.status).toBe('running')
    expect(emulator.experiments()).toHaveLength(1)
    const listed = await aws.fis.send(new ListExperimentsCommand({}))
    expect(listed.experiments).toHaveLength(1)

    const other = await aws.fis.send(new CreateExperimentTemplateCommand(chainedTemplate()))
    const conflict = await aws.fis
      .send(
        new StartExperimentCommand({
          experimentTemplateId: other.experimentTemplate?.id,
          clientToken: 'run-7-1-carts'
        })
      )
      .catch((error: unknown) => error)
    expect((conflict as Error).name).toBe('ConflictException')
  })

  it.each([
    ['skip', 'skipped', 'completed'],
    ['fail', 'cancelled', 'failed']
  ] as const)(
    'a target that resolves to nothing with emptyTargetResolutionMode %s',
    async (mode, actionStatus, experimentStatus) => {
      const { aws } = await world()
      const id = await start(
        aws,
        templateInput({
          targets: {
            cartsTasks: {
              resourceType: 'aws:ecs:task',
              resourceTags: { service: 'nothing-has-this' },
              selectionMode: 'ALL'
            }
          },
          experimentOptions: { emptyTargetResolutionMode: mode }
        })
      )
      const experiment = await read(aws, id)
      expect(statuses(experiment)).toEqual({ experiment: experimentStatus, latency: actionStatus })
      const targets = await aws.fis.send(
        new ListExperimentResolvedTargetsCommand({ experimentId: id })
      )
      expect(targets.resolvedTargets).toEqual([])
    }
  )

  it('refuses a sixth active experiment with ServiceQuotaExceededException (402)', async () => {
    const { aws } = await world()
    const created = await aws.fis.send(new CreateExperimentTemplateCommand(chainedTemplate()))
    const experimentTemplateId = created.experimentTemplate?.id
    const ids: string[] = []
    for (let index = 0; index < 5; index++) {
      const { experiment } = await aws.fis.send(
        new StartExperimentCommand({ experimentTemplateId })
      )
      ids.push(experiment?.id ?? '')
    }
    const error = (await aws.fis
      .send(new StartExperimentCommand({ experimentTemplateId }))
      .catch((caught: unknown) => caught)) as Error & { $metadata: { httpStatusCode?: number } }
    expect(error.name).toBe('ServiceQuotaExceededException')
    expect(error.$metadata.httpStatusCode).toBe(402)

    await aws.fis.send(new StopExperimentCommand({ id: ids[0] }))
    const { experiment } = await aws.fis.send(new StartExperimentCommand({ experimentTemplateId }))
    expect(experiment?.state?.status).toBe('initiating')
  })
})

describe('time scale', () => {
  it('runs a PT5M action in about one real second at time scale 300', async () => {
    const { aws } = await world({ timeScale: 300 })
    const began = Date.now()
    const id = await start(
      aws,
      templateInput({
        actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT5M' } } }
      })
    )
    let experiment = await read(aws, id)
    while (experiment.state?.status !== 'completed' && Date.now() - began < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      experiment = await read(aws, id)
    }
    const realSeconds = (Date.now() - began) / 1000
    expect(experiment.state?.status).toBe('completed')
    expect(seconds(experiment.endTime) - seconds(experiment.startTime)).toBe(300)
    expect(realSeconds).toBeGreaterThan(0.5)
    expect(realSeconds).toBeLessThan(10)
  })
})
