/**
 * Every documented CreateExperimentTemplate member, stored and returned as FIS does, and members
 * FIS does not model ignored at every level. Calls go over plain HTTP: the pinned 3.523.0 client
 * drops `experimentReportConfiguration` both ways, so it could not show what the emulator keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { testScenario } from '../support/test-scenario.js'

type Json = Record<string, unknown>

interface Answer {
  status: number
  errorType: string | null
  body: Json
}

const FIXTURE = new URL('../fixtures/every-documented-member.json', import.meta.url)
const { $schema: _schema, ...everyMember } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ scenario: testScenario({ clock: 'accelerated' }) })
})

afterAll(async () => {
  await emulator.stop()
})

async function fis(method: string, path: string, body?: Json): Promise<Answer> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as Json
  }
}

async function createTemplate(body: Json): Promise<Json> {
  const created = await fis('POST', '/experimentTemplates', body)
  expect(created).toMatchObject({ status: 200 })
  return created.body.experimentTemplate as Json
}

async function readTemplate(id: unknown): Promise<Json> {
  const read = await fis('GET', `/experimentTemplates/${String(id)}`)
  expect(read).toMatchObject({ status: 200 })
  return read.body.experimentTemplate as Json
}

/** What a template says, without what FIS adds to it (ids, times). */
function content(template: Json): Json {
  const { id: _id, arn: _arn, creationTime: _created, lastUpdateTime: _updated, ...rest } = template
  return rest
}

/** The template with one member set, under a client token of its own. */
const withMember = (path: string[], value: unknown): Json => {
  const copy = structuredClone(everyMember)
  let parent: Json = copy
  for (const key of path.slice(0, -1)) parent = (parent[key] ??= {}) as Json
  parent[path.at(-1) ?? ''] = value
  return { ...copy, clientToken: `${path.join('.')}=${JSON.stringify(value)}` }
}

describe('CreateExperimentTemplate members', () => {
  it('stores every documented member and returns it from GetExperimentTemplate and GetExperiment', async () => {
    const { clientToken: _token, ...members } = everyMember
    const created = await createTemplate(everyMember)
    const read = await readTemplate(created.id)
    expect(read).toEqual(created)
    const actions = Object.fromEntries(
      Object.entries(members.actions as Json).map(([name, action]) => [
        name,
        // An action's absent parameters, targets and startAfter come back empty.
        { parameters: {}, targets: {}, startAfter: [], ...(action as Json) }
      ])
    )
    expect(content(read)).toEqual({ ...members, actions, targetAccountConfigurationsCount: 0 })

    const started = await fis('POST', '/experiments', {
      experimentTemplateId: created.id,
      clientToken: 'every-member'
    })
    expect(started.body.experiment).toMatchObject({
      logConfiguration: members.logConfiguration,
      experimentReportConfiguration: members.experimentReportConfiguration,
      experimentOptions: { ...(members.experimentOptions as Json), actionsMode: 'run-all' }
    })
  })

  it('accepts members FIS does not model, at every level, and neither stores nor returns them', async () => {
    const report = everyMember.experimentReportConfiguration as {
      dataSources: { cloudWatchDashboards: Json[] }
    }
    const firstDashboard = report.dataSources.cloudWatchDashboards[0]
    const unknown: [string[], unknown][] = [
      [['experimentReportSchedule'], 'daily'],
      [['stopConditions'], [{ ...(everyMember.stopConditions as Json[])[0], threshold: 3 }]],
      [['targets', 'firstCartsTask', 'resourceGroup'], 'carts'],
      [['actions', 'latency', 'timeout'], 'PT1M'],
      [['logConfiguration', 'kmsKeyArn'], 'arn:aws:kms:eu-west-1:111122223333:key/1'],
      [['logConfiguration', 's3Configuration', 'storageClass'], 'GLACIER'],
      [['experimentOptions', 'actionsMode'], 'skip-all'],
      [['experimentReportConfiguration', 'format'], 'pdf'],
      [['experimentReportConfiguration', 'outputs', 'cloudWatchLogs'], { logGroup: 'x' }],
      [
        ['experimentReportConfiguration', 'dataSources', 'cloudWatchDashboards'],
        [{ ...firstDashboard, widgets: 3 }]
      ]
    ]
    const plain = content(await createTemplate({ ...everyMember, clientToken: 'plain' }))
    for (const [path, value] of unknown) {
      const stored = content(await createTemplate(withMember(path, value)))
      expect({ path, stored }).toEqual({ path, stored: plain })
    }
  })

  const wrong: [string, string[], unknown, RegExp][] = [
    [
      'logConfiguration without logSchemaVersion',
      ['logConfiguration'],
      {
        cloudWatchLogsConfiguration: {
          logGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:x'
        }
      },
      /logConfiguration\.logSchemaVersion/
    ],
    [
      'a logSchemaVersion that is text',
      ['logConfiguration', 'logSchemaVersion'],
      '2',
      /logSchemaVersion must be an integer/
    ],
    [
      'log CloudWatch Logs without logGroupArn',
      ['logConfiguration', 'cloudWatchLogsConfiguration'],
      {},
      /logGroupArn/
    ],
    [
      'log S3 without bucketName',
      ['logConfiguration', 's3Configuration'],
      { prefix: 'x' },
      /logConfiguration\.s3Configuration\.bucketName/
    ],
    [
      'a report bucket name of two characters',
      ['experimentReportConfiguration', 'outputs', 's3Configuration', 'bucketName'],
      'ab',
      /outputs\.s3Configuration\.bucketName/
    ],
    [
      'a report prefix over 256 characters',
      ['experimentReportConfiguration', 'outputs', 's3Configuration', 'prefix'],
      'p'.repeat(257),
      /outputs\.s3Configuration\.prefix/
    ],
    [
      'report dashboards that are not a list',
      ['experimentReportConfiguration', 'dataSources', 'cloudWatchDashboards'],
      { dashboardIdentifier: 'carts' },
      /cloudWatchDashboards must be a list/
    ],
    [
      'a report duration over 32 characters',
      ['experimentReportConfiguration', 'preExperimentDuration'],
      `PT${'1'.repeat(31)}M`,
      /preExperimentDuration/
    ],
    [
      'experimentReportConfiguration that is not an object',
      ['experimentReportConfiguration'],
      'PT20M',
      /experimentReportConfiguration must be an object/
    ]
  ]

  it.each(wrong)('refuses %s', async (_case, path, value, message) => {
    const refused = await fis('POST', '/experimentTemplates', withMember(path, value))
    expect(refused).toMatchObject({ status: 400, errorType: 'ValidationException' })
    expect(refused.body.message).toMatch(message)
  })

  it('updates a template: logSchemaVersion may be left out, the report configuration is replaced', async () => {
    const created = await createTemplate({ ...everyMember, clientToken: 'to-update' })
    const report = { postExperimentDuration: 'PT5M' }
    const logs = {
      cloudWatchLogsConfiguration: {
        logGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:other'
      }
    }
    const updated = await fis('PATCH', `/experimentTemplates/${String(created.id)}`, {
      logConfiguration: logs,
      experimentReportConfiguration: report
    })
    expect(updated).toMatchObject({ status: 200 })
    expect(await readTemplate(created.id)).toMatchObject({
      logConfiguration: logs,
      experimentReportConfiguration: report
    })
    expect((await readTemplate(created.id)).experimentReportConfiguration).toEqual(report)
  })
})
