/**
 * Every attempt of every AWS call gets an answer or gives up within a bound, so a connection
 * that hangs (accepted, then silent) cannot keep a poll, a start or the post step running past
 * `timeout` or the runner's 7.5 s after a cancel. An attempt that runs out ends as a
 * `TimeoutError`, which the SDK's own classification treats as transient and retries with
 * backoff like a dropped connection.
 *
 * A caller's abort (the call's own limit, or the workflow's cancellation) ends the attempt at
 * once and is thrown as the signal's reason.
 *
 * The inner handler keeps `requestTimeout: 0`: @smithy/node-http-handler 2.5 leaves its own
 * request timer armed after a failure, which holds the process open.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http'
import type { HttpHandlerOptions, NodeHttpHandlerOptions } from '@smithy/types'

/** How long one attempt may take; AWS answers these APIs in well under a second. */
export const ATTEMPT_TIMEOUT_MS = 10_000

export class BoundedHttpHandler extends NodeHttpHandler {
  constructor(
    private readonly attemptTimeoutMs: number = ATTEMPT_TIMEOUT_MS,
    options: NodeHttpHandlerOptions = { requestTimeout: 0, connectionTimeout: 0 }
  ) {
    super(options)
  }

  override async handle(
    request: HttpRequest,
    options: HttpHandlerOptions = {}
  ): Promise<{ response: HttpResponse }> {
    const attempt = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      attempt.abort()
    }, this.attemptTimeoutMs)
    const caller = options.abortSignal as AbortSignal | undefined
    const onCallerAbort = (): void => attempt.abort()
    if (caller?.aborted) attempt.abort()
    caller?.addEventListener?.('abort', onCallerAbort, { once: true })
    try {
      return await super.handle(request, { ...options, abortSignal: attempt.signal })
    } catch (error) {
      // The caller's reason (out of time, cancelled: see call-limits.ts) says why, where the
      // SDK would say only "Request aborted".
      if (!timedOut && caller?.aborted && caller.reason instanceof Error) throw caller.reason
      if (!timedOut) throw error
      const timeout = new Error(
        `${request.hostname}: no answer within ${this.attemptTimeoutMs / 1000} s`,
        { cause: error }
      )
      timeout.name = 'TimeoutError'
      throw timeout
    } finally {
      clearTimeout(timer)
      caller?.removeEventListener?.('abort', onCallerAbort)
    }
  }
}
