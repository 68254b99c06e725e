/**
 * The emulator's own surface: how requests are routed to services, STS, the call log, and the
 * control API over HTTP.
 */
import { describe, expect, it } from '@jest/globals'
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { CallRecord } from '../../emulator/index.js'
import { templateInput } from '../support/emulator-clients.js'
import { emulatorPerTest } from '../support/emulator-session.js'

const world = emulatorPerTest()

const form = { 'Content-Type': 'application/x-www-form-urlencoded' }

describe('routing', () => {
  it('tells services apart by the SigV4 credential scope, else by the request shape', async () => {
    const { emulator, aws } = await world()
    await aws.sts.send(new GetCallerIdentityCommand({}))
    await aws.cloudwatch.send(new DescribeAlarmsCommand({}))
    const unsignedSts = await fetch(emulator.url, {
      method: 'POST',
      headers: form,
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(await unsignedSts.text()).toContain('<Account>111122223333</Account>')
    const unsignedCloudWatch = await fetch(emulator.url, {
      method: 'POST',
      headers: form,
      body: 'Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=carts-5xx'
    })
    expect(await unsignedCloudWatch.text()).toContain('<AlarmName>carts-5xx</AlarmName>')
    const scopedToFis = await fetch(emulator.url, {
      method: 'POST',
      headers: {
        ...form,
        Authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/fis/aws4_request, ' +
          'SignedHeaders=host, Signature=0'
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    expect(scopedToFis.status).toBe(404)
    const unknownPath = await fetch(`${emulator.url}/nowhere`)
    expect(unknownPath.status).toBe(404)
    expect(unknownPath.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    const unknownAction = await fetch(emulator.url, {
      method: 'POST',
      headers: form,
      body: 'Action=PutMetricAlarm&Version=2010-08-01'
    })
    expect(unknownAction.status).toBe(400)
    expect(await unknownAction.text()).toContain('<Code>InvalidAction</Code>')
    expect(emulator.calls().map((call) => [call.service, call.operation])).toEqual([
      ['sts', 'GetCallerIdentity'],
      ['cloudwatch', 'DescribeAlarms'],
      ['sts', 'GetCallerIdentity'],
      ['cloudwatch', 'DescribeAlarms'],
      ['fis', 'Unknown'],
      ['fis', 'Unknown'],
      ['cloudwatch', 'PutMetricAlarm']
    ])
  })

  it('answers STS GetCallerIdentity for the scenario account', async () => {
    const { aws } = await world()
    const identity = await aws.sts.send(new GetCallerIdentityCommand({}))
    expect(identity).toMatchObject({
      Account: '111122223333',
      Arn: 'arn:aws:sts::111122223333:assumed-role/fis-gate-ci/session',
      UserId: expect.any(String)
    })
  })
})

describe('call log', () => {
  it('records every call with parsed parameters, status and real and virtual times', async () => {
    const { emulator, aws } = await world()
    const before = Date.now()
    const created = await aws.fis.send(new CreateExperimentTemplateCommand(templateInput()))
    await aws.fis.send(
      new StartExperimentCommand({
        experimentTemplateId: created.experimentTemplate?.id,
        clientToken: 'token-1',
        tags: { run: '1' }
      })
    )
    await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['carts-5xx', 'carts-p95'] }))
    const calls = emulator.calls()
    expect(calls.map((call) => call.operation)).toEqual([
      'CreateExperimentTemplate',
      'StartExperiment',
      'DescribeAlarms'
    ])
    expect(calls[1]).toMatchObject({
      service: 'fis',
      status: 200,
      request: {
        experimentTemplateId: created.experimentTemplate?.id,
        clientToken: 'token-1',
        tags: { run: '1' }
      }
    })
    expect(calls[2]?.request).toEqual({ AlarmNames: ['carts-5xx', 'carts-p95'] })
    for (const call of calls) {
      expect(call.time).toBeGreaterThanOrEqual(before)
      expect(call.virtualTime).toBeGreaterThanOrEqual(before)
      expect(call.requestId).toEqual(expect.any(String))
    }

    const overHttp = (await (await fetch(`${emulator.url}/_emulator/calls`)).json()) as CallRecord[]
    expect(overHttp).toEqual(calls)
  })
})

describe('control API', () => {
  it('flips alarms, advances time and lists experiments over HTTP', async () => {
    // Only an accelerated clock can be advanced.
    const { emulator, aws } = await world({ clock: 'accelerated' })
    const created = await aws.fis.send(new CreateExperimentTemplateCommand(templateInput()))
    await aws.fis.send(
      new StartExperimentCommand({ experimentTemplateId: created.experimentTemplate?.id })
    )

    const clock = async () =>
      ((await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as { virtualNowMs: number })
        .virtualNowMs
    const before = await clock()
    const advanced = await fetch(`${emulator.url}/_emulator/advance`, {
      method: 'POST',
      body: JSON.stringify({ seconds: 120 })
    })
    expect(advanced.status).toBe(200)
    expect((await clock()) - before).toBeGreaterThanOrEqual(120_000)

    const flipped = await fetch(`${emulator.url}/_emulator/alarms/carts-5xx`, {
      method: 'POST',
      body: JSON.stringify({ state: 'ALARM', reason: 'pulled the plug' })
    })
    expect(flipped.status).toBe(200)
    const { MetricAlarms } = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['carts-5xx'] })
    )
    expect(MetricAlarms?.[0]).toMatchObject({ StateValue: 'ALARM', StateReason: 'pulled the plug' })

    const experiments = (await (await fetch(`${emulator.url}/_emulator/experiments`)).json()) as {
      status: string
    }[]
    expect(experiments.map((experiment) => experiment.status)).toEqual(['stopped'])
    expect(emulator.experiments()[0]?.reason).toContain('carts-5xx')

    const unknown = await fetch(`${emulator.url}/_emulator/alarms/nope`, {
      method: 'POST',
      body: JSON.stringify({ state: 'ALARM' })
    })
    expect(unknown.status).toBe(404)
    const badState = await fetch(`${emulator.url}/_emulator/alarms/carts-5xx`, {
      method: 'POST',
      body: JSON.stringify({ state: 'RED' })
    })
    expect(badState.status).toBe(400)
    expect(() => emulator.setAlarmState('nope', 'OK')).toThrow(/no alarm nope/)
    expect(emulator.calls().map((call) => call.operation)).toEqual([
      'CreateExperimentTemplate',
      'StartExperiment',
      'DescribeAlarms'
    ])
  })

  it('shuts down on request and closes every connection', async () => {
    const { emulator } = await world()
    const response = await fetch(`${emulator.url}/_emulator/shutdown`, { method: 'POST' })
    expect(response.status).toBe(200)
    await emulator.closed
    await expect(fetch(`${emulator.url}/_emulator/clock`)).rejects.toThrow()
    await emulator.stop()
  })
})
