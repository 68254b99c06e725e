/**
 * Members sent as written through the pinned FIS client: what arrives on the wire at a local HTTP
 * server, byte for byte, with its length and its SigV4 signature checked against the body.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateExperimentTemplateCommand,
  GetExperimentTemplateCommand,
  StartExperimentCommand,
  type CreateExperimentTemplateCommandInput
} from '@aws-sdk/client-fis'
import { Hash } from '@smithy/hash-node'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js'
import { withMembersAsWritten } from '../../src/aws/members-as-written.js'
import type { JsonObject } from '../../src/experiment/json-source.js'

interface Received {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: Buffer
}

const CREDENTIALS = { accessKeyId: 'AKIDMEMBERS', secretAccessKey: 'secret', sessionToken: 'token' }
const REGION = 'eu-west-1'

let server: Server
let port: number
let aws: AwsClients
let received: Received[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks)
      })
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"experimentTemplate":{"id":"EXT1"},"experiment":{"id":"EXP1"}}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  aws = createAwsClients({
    region: REGION,
    env: { AWS_ENDPOINT_URL_FIS: `http://127.0.0.1:${port}` },
    credentials: CREDENTIALS,
    maxAttempts: 1
  })
})

beforeEach(() => {
  received = []
})

afterAll(async () => {
  aws.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** Every documented CreateExperimentTemplate member, with text whose UTF-8 is longer than it. */
const template = {
  clientToken: 'token-1',
  description: 'Latenz für Körbe ☕ — every member',
  roleArn: 'arn:aws:iam::111122223333:role/fis-experiment',
  stopConditions: [{ source: 'none' }],
  targets: {
    carts: {
      resourceType: 'aws:ecs:task',
      resourceTags: { service: 'carts' },
      filters: [{ path: 'LaunchType', values: ['FARGATE'] }],
      selectionMode: 'PERCENT(50)',
      parameters: { cluster: 'preprod' }
    }
  },
  actions: {
    latency: {
      actionId: 'aws:ecs:task-network-latency',
      description: 'slow',
      parameters: { duration: 'PT5M', delayMilliseconds: '200' },
      targets: { Tasks: 'carts' },
      startAfter: []
    }
  },
  tags: { team: 'carts' },
  logConfiguration: {
    logSchemaVersion: 2,
    cloudWatchLogsConfiguration: {
      logGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:fis'
    },
    s3Configuration: { bucketName: 'fis-logs', prefix: 'carts/' }
  },
  experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'skip' },
  experimentReportConfiguration: {
    outputs: { s3Configuration: { bucketName: 'fis-reports', prefix: 'carts' } },
    dataSources: {
      cloudWatchDashboards: [
        { dashboardIdentifier: 'arn:aws:cloudwatch::111122223333:dashboard/carts' }
      ]
    },
    preExperimentDuration: 'PT10M',
    postExperimentDuration: 'PT15M'
  }
} satisfies JsonObject

const typed = (input: JsonObject): CreateExperimentTemplateCommandInput =>
  input as unknown as CreateExperimentTemplateCommandInput

const only = (): Received => {
  expect(received).toHaveLength(1)
  return received[0]!
}

const bodyOf = (request: Received): unknown => JSON.parse(request.body.toString('utf8'))

const awsDate = (text: string): Date =>
  new Date(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'))

/** The request signed again from what arrived, over the headers the client signed. */
async function resigned(request: Received): Promise<HttpRequest> {
  const authorization = String(request.headers.authorization)
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? []
  // The signer adds these itself: the date and token from its inputs, the payload hash from the body.
  const added = new Set(['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'])
  const headers = Object.fromEntries(
    signedHeaders
      .filter((name) => !added.has(name))
      .map((name) => [name, String(request.headers[name])])
  )
  const signer = new SignatureV4({
    credentials: CREDENTIALS,
    region: REGION,
    service: 'fis',
    sha256: Hash.bind(null, 'sha256')
  })
  return (await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path: request.path,
      headers,
      body: request.body.toString('utf8')
    }),
    { signingDate: awsDate(String(request.headers['x-amz-date'])) }
  )) as HttpRequest
}

describe('withMembersAsWritten', () => {
  it('is needed: the pinned client drops experimentReportConfiguration from CreateExperimentTemplate', async () => {
    await aws.fis.send(new CreateExperimentTemplateCommand(typed(template)))
    const body = bodyOf(only()) as JsonObject
    expect(body).not.toHaveProperty('experimentReportConfiguration')
    expect(body).toEqual(
      Object.fromEntries(
        Object.entries(template).filter(([member]) => member !== 'experimentReportConfiguration')
      )
    )
  })

  it('sends every member of a template as written, those the client does not know included', async () => {
    await aws.fis.send(
      withMembersAsWritten(new CreateExperimentTemplateCommand(typed(template)), template)
    )
    const request = only()
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/experimentTemplates')
    expect(bodyOf(request)).toEqual(template)
  })

  it('keeps the body, its length and its signature consistent', async () => {
    await aws.fis.send(
      withMembersAsWritten(new CreateExperimentTemplateCommand(typed(template)), template)
    )
    const request = only()
    expect(request.body.length).toBeGreaterThan(request.body.toString('utf8').length)
    expect(request.headers['content-length']).toBe(String(request.body.length))
    const signed = await resigned(request)
    expect(request.headers['x-amz-content-sha256']).toBe(signed.headers['x-amz-content-sha256'])
    expect(request.headers.authorization).toBe(signed.headers.authorization)
  })

  it('replaces what the serializer wrote for a member given, and keeps the members not given', async () => {
    await aws.fis.send(
      withMembersAsWritten(
        new StartExperimentCommand({ experimentTemplateId: 'EXT1', tags: { a: 'typed' } }),
        {
          tags: { a: 'written' },
          experimentOptions: { actionsMode: 'skip-all' }
        }
      )
    )
    const body = bodyOf(only())
    expect(body).toEqual({
      experimentTemplateId: 'EXT1',
      clientToken: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      ),
      tags: { a: 'written' },
      experimentOptions: { actionsMode: 'skip-all' }
    })
  })

  it('sends a null entry as written, where the serializer leaves it out', async () => {
    const withNull = { ...template, tags: { team: 'carts', owner: null } }
    await aws.fis.send(
      withMembersAsWritten(new CreateExperimentTemplateCommand(typed(withNull)), withNull)
    )
    expect(bodyOf(only())).toEqual(withNull)
  })

  it('refuses a command without a JSON body instead of sending it without the members', async () => {
    const sent = aws.fis.send(
      withMembersAsWritten(new GetExperimentTemplateCommand({ id: 'EXT1' }), {
        experimentReportConfiguration: {}
      })
    )
    await expect(sent).rejects.toThrow(
      'fis-gate cannot send experimentReportConfiguration as written: the request has no JSON object body'
    )
    expect(received).toHaveLength(0)
  })
})
