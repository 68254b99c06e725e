/**
 * An HTTP hop between the action and the emulator. It keeps what the emulator's call log leaves
 * out, each request's SigV4 Authorization header and security token, so a test can look for
 * signatures in what the action wrote; and it answers chosen requests with AWS's AccessDenied,
 * which the emulator's faults do not include. Everything else passes through unchanged.
 */
import { randomUUID } from 'node:crypto'
import { Agent, createServer, request as forward, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Emulator } from '../../emulator/index.js'
import { CLOUDWATCH_NAMESPACE } from '../../emulator/cloudwatch.js'
import { queryErrorXml } from '../../emulator/query-protocol.js'
import type { ServiceName } from '../../emulator/scenario.js'
import { detectService, type CallRecord } from '../../emulator/server.js'
import { STS_NAMESPACE } from '../../emulator/sts.js'

export interface SignedRequest {
  service: ServiceName
  method: string
  path: string
  /** The form's Action: the operation of a CloudWatch or STS (awsQuery) request. */
  action?: string
  authorization: string
  /** X-Amz-Security-Token: the session token. */
  securityToken?: string
  /** From `Credential=<access key id>/<date>/<region>/<service>/aws4_request`. */
  accessKeyId?: string
  /** From `Signature=<hex>`. */
  signature?: string
}

/** AWS's message for a request the CI role may not make, or undefined to pass it on. */
export type AccessPolicy = (request: SignedRequest) => string | undefined

export interface SigningRecorder {
  /** The emulator's variables with every endpoint pointed at the hop (what the harness takes). */
  env: Record<string, string>
  calls(): CallRecord[]
  /** Every request that reached the hop, oldest first. */
  requests(): SignedRequest[]
  stop(): Promise<void>
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function signedRequest(request: IncomingMessage, body: string): SignedRequest {
  const method = request.method ?? 'GET'
  const path = new URL(request.url ?? '/', 'http://hop.invalid').pathname
  const authorization = request.headers.authorization ?? ''
  const token = request.headers['x-amz-security-token']
  return {
    service: detectService(request.headers, method, path, body),
    method,
    path,
    action: method === 'POST' ? (new URLSearchParams(body).get('Action') ?? undefined) : undefined,
    authorization,
    securityToken: Array.isArray(token) ? token.join(',') : token,
    accessKeyId: /Credential=([^/,\s]+)\//.exec(authorization)?.[1],
    signature: /Signature=([0-9a-f]+)/.exec(authorization)?.[1]
  }
}

/** AccessDenied as each protocol sends it: restJson1 for FIS, an awsQuery XML error otherwise. */
function accessDenied(service: ServiceName, message: string) {
  const requestId = randomUUID()
  if (service === 'fis') {
    return {
      headers: {
        'Content-Type': 'application/json',
        'x-amzn-RequestId': requestId,
        'x-amzn-ErrorType': 'AccessDeniedException'
      },
      body: JSON.stringify({ message })
    }
  }
  const namespace = service === 'sts' ? STS_NAMESPACE : CLOUDWATCH_NAMESPACE
  return {
    headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
    body: queryErrorXml(namespace, 403, 'AccessDenied', message, requestId)
  }
}

export async function startSigningRecorder(
  emulator: Emulator,
  policy: AccessPolicy = () => undefined
): Promise<SigningRecorder> {
  const upstream = new URL(emulator.url)
  const agent = new Agent({ keepAlive: true })
  const recorded: SignedRequest[] = []
  const server = createServer((request, response) => {
    void readBody(request).then(
      (body) => {
        const signed = signedRequest(request, body.toString('utf8'))
        recorded.push(signed)
        const denial = policy(signed)
        if (denial !== undefined) {
          const reply = accessDenied(signed.service, denial)
          response.writeHead(403, reply.headers).end(reply.body)
          return
        }
        const onward = forward(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: request.method,
            path: request.url,
            headers: request.headers,
            agent
          },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(response)
          }
        )
        // The emulator dropped the connection (a drop fault): the hop drops the action's too.
        onward.on('error', () => response.destroy())
        onward.end(body)
      },
      () => response.destroy()
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    env: {
      ...emulator.env,
      AWS_ENDPOINT_URL_FIS: url,
      AWS_ENDPOINT_URL_CLOUDWATCH: url,
      AWS_ENDPOINT_URL_STS: url
    },
    calls: () => emulator.calls(),
    requests: () => structuredClone(recorded),
    stop: () =>
      new Promise((resolve) => {
        agent.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
