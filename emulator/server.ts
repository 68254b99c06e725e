/**
 * One HTTP server on 127.0.0.1 for FIS, CloudWatch and STS. A request's service comes from the
 * SigV4 credential scope of its Authorization header (`…/eu-west-1/monitoring/aws4_request`),
 * or, for unsigned requests, from its shape: `POST /` with a form `Action` is CloudWatch (STS
 * for GetCallerIdentity), anything else FIS. `/_emulator/*` is the control API.
 */
import { randomUUID } from 'node:crypto'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { ClockError } from './clock.js'
import { cloudWatchEndpoint } from './cloudwatch.js'
import type { ServiceEndpoint, ServiceResponse } from './endpoint.js'
import { ServiceError } from './errors.js'
import { experimentView } from './experiments.js'
import { FaultInjector } from './faults.js'
import { fisEndpoint } from './fis.js'
import type { AlarmStateValue, ServiceName } from './scenario.js'
import { stsEndpoint } from './sts.js'
import type { World } from './world.js'

export interface CallRecord {
  service: ServiceName
  operation: string
  /** Parsed parameters: FIS path label, query and JSON body; awsQuery form fields as a tree. */
  request: Record<string, unknown>
  /** HTTP status; 0 when the connection was dropped on purpose. */
  status: number
  errorCode?: string
  requestId: string
  /** Real epoch milliseconds when the response was sent. */
  time: number
  /** The emulator's clock then: the same as `time` on a wall clock, virtual when accelerated. */
  virtualTime: number
}

export function detectService(
  headers: IncomingHttpHeaders,
  method: string,
  path: string,
  body: string
): ServiceName {
  const authorization = headers.authorization ?? ''
  const scope = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1]
  if (scope === 'monitoring') return 'cloudwatch'
  if (scope === 'sts' || scope === 'fis') return scope
  if (method === 'POST' && path === '/') {
    const action = new URLSearchParams(body).get('Action')
    if (action === 'GetCallerIdentity') return 'sts'
    if (action !== null) return 'cloudwatch'
  }
  return 'fis'
}

const ALARM_STATES: readonly string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA']

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function send(
  response: ServerResponse,
  reply: Pick<ServiceResponse, 'status' | 'headers' | 'body'>
) {
  response.writeHead(reply.status, {
    ...reply.headers,
    'Content-Length': String(Buffer.byteLength(reply.body))
  })
  response.end(reply.body)
}

function json(status: number, value: unknown): ServiceResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) }
}

export class EmulatorServer {
  readonly calls: CallRecord[] = []
  private readonly server: Server
  private readonly endpoints: Record<ServiceName, ServiceEndpoint>
  private readonly faults: FaultInjector
  private readonly delays = new Set<ReturnType<typeof setTimeout>>()
  private closing: Promise<void> | undefined

  constructor(
    private readonly world: World,
    private readonly onShutdownRequest: () => void
  ) {
    this.endpoints = {
      fis: fisEndpoint(world),
      cloudwatch: cloudWatchEndpoint(world),
      sts: stsEndpoint(world)
    }
    this.faults = new FaultInjector(world.scenario.faults, world.scenario.seed)
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        console.error('fis-gate emulator: request failed:', error)
        if (!response.headersSent) send(response, json(500, { message: String(error) }))
      })
    })
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve((this.server.address() as AddressInfo).port)
      })
    })
  }

  /** Closes the server and every open connection; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      for (const timer of this.delays) clearTimeout(timer)
      this.delays.clear()
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
    return this.closing
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request)
    const url = new URL(request.url ?? '/', 'http://emulator.invalid')
    const method = request.method ?? 'GET'
    if (url.pathname.startsWith('/_emulator/')) {
      send(response, this.control(method, url.pathname, body))
      return
    }
    const endpoint = this.endpoints[detectService(request.headers, method, url.pathname, body)]
    const call = endpoint.prepare({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body
    })
    const requestId = randomUUID()
    const fault = this.faults.decide(endpoint.service, call.operation)
    if (fault.delayMs > 0) await this.delay(fault.delayMs)
    let reply: ServiceResponse | undefined
    try {
      if (fault.kind === 'error') reply = endpoint.errorResponse(fault.error, requestId)
      else if (fault.kind === 'none') reply = call.execute(requestId)
      else if (fault.afterProcessing) call.execute(requestId)
    } catch (error) {
      console.error(`fis-gate emulator: ${call.operation} failed:`, error)
      const message = `emulator failure: ${error instanceof Error ? error.message : String(error)}`
      reply = endpoint.errorResponse(new ServiceError(500, 'InternalFailure', message), requestId)
    }
    this.calls.push({
      service: endpoint.service,
      operation: call.operation,
      request: call.request,
      status: reply?.status ?? 0,
      errorCode: reply
        ? reply.errorCode
        : fault.kind === 'hang'
          ? 'ConnectionHung'
          : 'ConnectionDropped',
      requestId,
      time: Date.now(),
      virtualTime: this.world.clock.now()
    })
    if (reply) send(response, reply)
    // A hung connection stays open and silent until the client gives up (or the server closes).
    else if (fault.kind !== 'hang') request.socket.destroy()
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer)
        resolve()
      }, ms)
      this.delays.add(timer)
    })
  }

  private control(method: string, path: string, body: string): ServiceResponse {
    const route = `${method} ${path}`
    if (route === 'GET /_emulator/calls') return json(200, this.calls)
    if (route === 'GET /_emulator/experiments') {
      this.world.sync()
      return json(200, this.world.experiments.all().map(experimentView))
    }
    if (route === 'GET /_emulator/clock') {
      const now = this.world.sync()
      return json(200, {
        clock: this.world.clock.mode,
        virtualNow: new Date(now).toISOString(),
        virtualNowMs: now,
        timeScale: this.world.clock.timeScale
      })
    }
    if (route === 'POST /_emulator/shutdown') {
      // Answer first: closing the server also closes this very connection.
      setImmediate(this.onShutdownRequest)
      return json(200, { shuttingDown: true })
    }
    let input: unknown
    try {
      input = body.length ? JSON.parse(body) : {}
    } catch {
      return json(400, { message: 'the body must be JSON' })
    }
    const fields =
      typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {}
    if (route === 'POST /_emulator/advance') {
      const seconds = fields.seconds
      if (typeof seconds !== 'number' || !(seconds >= 0)) {
        return json(400, { message: 'seconds must be a non-negative number' })
      }
      try {
        this.world.advance(seconds)
      } catch (error) {
        if (error instanceof ClockError) return json(400, { message: error.message })
        throw error
      }
      return json(200, { virtualNow: new Date(this.world.clock.now()).toISOString() })
    }
    const alarm = method === 'POST' ? /^\/_emulator\/alarms\/([^/]+)$/.exec(path)?.[1] : undefined
    if (alarm !== undefined) {
      const name = decodeURIComponent(alarm)
      const state = fields.state
      if (typeof state !== 'string' || !ALARM_STATES.includes(state)) {
        return json(400, { message: 'state must be OK, ALARM or INSUFFICIENT_DATA' })
      }
      const reason = typeof fields.reason === 'string' ? fields.reason : undefined
      if (!this.world.setAlarmState(name, state as AlarmStateValue, reason)) {
        return json(404, { message: `the scenario has no alarm ${name}` })
      }
      return json(200, { name, state })
    }
    return json(404, { message: `no control operation ${route}` })
  }
}
