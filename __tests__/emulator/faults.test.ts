/**
 * Injected faults as the pinned SDK clients experience them: retried throttling and 5xx,
 * dropped connections, slow answers, expired credentials; and their determinism.
 */
import { describe, expect, it } from '@jest/globals'
import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import {
  CreateExperimentTemplateCommand,
  ListExperimentTemplatesCommand,
  StartExperimentCommand
} from '@aws-sdk/client-fis'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { Emulator, Scenario } from '../../emulator/index.js'
import { templateInput } from '../support/emulator-clients.js'
import { emulatorPerTest, rejection } from '../support/emulator-session.js'

const session = emulatorPerTest()

function world(faults: Scenario['faults'], maxAttempts = 3) {
  return session({ faults }, { maxAttempts })
}

function log(emulator: Emulator, operation: string) {
  return emulator
    .calls()
    .filter((call) => call.operation === operation)
    .map((call) => [call.status, call.errorCode])
}

describe('faults', () => {
  it('FIS throttling (429 ThrottlingException) is retried by the SDK until it succeeds', async () => {
    const { emulator, aws } = await world([
      { type: 'throttling', services: ['fis'], operations: ['ListExperimentTemplates'], limit: 2 }
    ])
    const result = await aws.fis.send(new ListExperimentTemplatesCommand({}))
    expect(result.$metadata.attempts).toBe(3)
    expect(log(emulator, 'ListExperimentTemplates')).toEqual([
      [429, 'ThrottlingException'],
      [429, 'ThrottlingException'],
      [200, undefined]
    ])
  })

  it('FIS throttling beyond the retries surfaces as ThrottlingException', async () => {
    const { aws } = await world([{ type: 'throttling', services: ['fis'] }], 2)
    const error = await rejection(aws.fis.send(new ListExperimentTemplatesCommand({})))
    expect(error.name).toBe('ThrottlingException')
    expect(error.$metadata).toMatchObject({ httpStatusCode: 429, attempts: 2 })
  })

  it('CloudWatch Throttling (400) is retried; other operations are untouched', async () => {
    const { emulator, aws } = await world([
      { type: 'throttling', operations: ['DescribeAlarms'], limit: 1 }
    ])
    const alarms = await aws.cloudwatch.send(new DescribeAlarmsCommand({}))
    expect(alarms.$metadata.attempts).toBe(2)
    expect(log(emulator, 'DescribeAlarms')).toEqual([
      [400, 'Throttling'],
      [200, undefined]
    ])
    const metrics = await aws.cloudwatch
      .send(
        new GetMetricDataCommand({
          StartTime: new Date(emulator.now() - 60_000),
          EndTime: new Date(emulator.now()),
          MetricDataQueries: [
            { Id: 'e', Expression: 'e2', ReturnData: false },
            { Id: 'e2', Expression: '1', ReturnData: false }
          ]
        })
      )
      .catch((error: unknown) => error as Error)
    expect(metrics).toBeInstanceOf(Error)
    expect(log(emulator, 'GetMetricData')).toEqual([[400, 'InvalidParameterValue']])
  })

  it('CloudWatch throttling beyond the retries surfaces as Throttling', async () => {
    const { aws } = await world([{ type: 'throttling', services: ['cloudwatch'] }], 1)
    const error = await rejection(aws.cloudwatch.send(new DescribeAlarmsCommand({})))
    expect(error.name).toBe('Throttling')
    expect(error.$metadata?.httpStatusCode).toBe(400)
  })

  it('5xx answers are retried', async () => {
    const { emulator, aws } = await world([{ type: 'server-error', limit: 2 }])
    await aws.fis.send(new ListExperimentTemplatesCommand({}))
    await aws.cloudwatch.send(new DescribeAlarmsCommand({}))
    expect(log(emulator, 'ListExperimentTemplates')).toEqual([
      [500, 'InternalServerException'],
      [500, 'InternalServerException'],
      [200, undefined]
    ])
    expect(log(emulator, 'DescribeAlarms')).toEqual([[200, undefined]])
  })

  it('5xx answers use each service’s error names', async () => {
    const { aws } = await world([{ type: 'server-error' }], 1)
    expect((await rejection(aws.fis.send(new ListExperimentTemplatesCommand({})))).name).toBe(
      'InternalServerException'
    )
    expect((await rejection(aws.cloudwatch.send(new DescribeAlarmsCommand({})))).name).toBe(
      'InternalServiceFault'
    )
  })

  it('expired credentials are not retried', async () => {
    const { emulator, aws } = await world([{ type: 'expired-token' }])
    const fis = await rejection(aws.fis.send(new ListExperimentTemplatesCommand({})))
    expect(fis.name).toBe('ExpiredTokenException')
    expect(fis.$metadata).toMatchObject({ httpStatusCode: 403, attempts: 1 })
    const cloudwatch = await rejection(aws.cloudwatch.send(new DescribeAlarmsCommand({})))
    expect(cloudwatch.name).toBe('ExpiredToken')
    const sts = await rejection(aws.sts.send(new GetCallerIdentityCommand({})))
    expect(sts.name).toBe('ExpiredToken')
    expect(emulator.calls()).toHaveLength(3)
  })

  it('a dropped connection is retried and logged with status 0', async () => {
    const { emulator, aws } = await world([
      { type: 'drop', operations: ['GetCallerIdentity'], limit: 1 }
    ])
    const identity = await aws.sts.send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toBe('111122223333')
    expect(log(emulator, 'GetCallerIdentity')).toEqual([
      [0, 'ConnectionDropped'],
      [200, undefined]
    ])
  })

  it('a response lost after processing is retried with the same clientToken: one experiment', async () => {
    const { emulator, aws } = await world([
      { type: 'drop', operations: ['StartExperiment'], afterProcessing: true, limit: 1 }
    ])
    const created = await aws.fis.send(new CreateExperimentTemplateCommand(templateInput()))
    const { experiment } = await aws.fis.send(
      new StartExperimentCommand({ experimentTemplateId: created.experimentTemplate?.id })
    )
    expect(emulator.experiments().map((started) => started.id)).toEqual([experiment?.id])
    const starts = emulator.calls().filter((call) => call.operation === 'StartExperiment')
    expect(starts.map((call) => call.status)).toEqual([0, 200])
    expect(starts[1]?.request.clientToken).toBe(starts[0]?.request.clientToken)
  })

  it('slow responses are delayed by delayMs', async () => {
    const { aws } = await world([{ type: 'slow', delayMs: 300, services: ['sts'] }])
    const began = Date.now()
    await aws.sts.send(new GetCallerIdentityCommand({}))
    expect(Date.now() - began).toBeGreaterThanOrEqual(290)
  })

  it('the same seed meets the same faults in the same order', async () => {
    const run = async () => {
      const { emulator, aws } = await world([{ type: 'throttling', rate: 0.5 }], 1)
      for (let index = 0; index < 12; index++) {
        await aws.sts.send(new GetCallerIdentityCommand({})).catch(() => undefined)
      }
      return emulator.calls().map((call) => call.status)
    }
    const first = await run()
    const second = await run()
    expect(second).toEqual(first)
    expect(first).toContain(400)
    expect(first).toContain(200)
  })
})
