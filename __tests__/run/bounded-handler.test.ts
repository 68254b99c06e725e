/**
 * A connection that is accepted and then stays silent must not hold a call forever: the attempt
 * ends as a TimeoutError (which the SDK retries as transient), and a caller's abort still wins.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HttpRequest } from '@smithy/protocol-http'
import { isTransientError } from '@smithy/service-error-classification'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BoundedHttpHandler } from '../../src/aws/bounded-handler.js'

let server: Server
let port = 0

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/hang') return // never answers
    response.end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const request = (path: string) =>
  new HttpRequest({ protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path })

describe('BoundedHttpHandler', () => {
  it('answers as the plain handler does when the server answers', async () => {
    const handler = new BoundedHttpHandler(2_000)
    const { response } = await handler.handle(request('/ok'))
    expect(response.statusCode).toBe(200)
    handler.destroy()
  })

  it('ends a silent attempt as a transient TimeoutError', async () => {
    const handler = new BoundedHttpHandler(200)
    const error = await handler.handle(request('/hang')).then(
      () => undefined,
      (reason: unknown) => reason as Error
    )
    expect(error?.name).toBe('TimeoutError')
    expect(error?.message).toBe('127.0.0.1: no answer within 0.2 s')
    expect(isTransientError(error as Parameters<typeof isTransientError>[0])).toBe(true)
    handler.destroy()
  })

  it("lets the caller's abort signal end the attempt, as an abort and not a timeout", async () => {
    const handler = new BoundedHttpHandler(60_000)
    const caller = new AbortController()
    const pending = handler.handle(request('/hang'), { abortSignal: caller.signal })
    caller.abort()
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason as Error
    )
    expect(error?.name).toBe('AbortError')
    handler.destroy()
  })
})
