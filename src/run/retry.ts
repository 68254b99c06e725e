/**
 * Full-jitter exponential backoff around the SDK's own retries, for loops that must outlast a
 * bad minute (polling an experiment) rather than fail on it.
 */
import type { Clock } from './context.js'

export interface RetryOptions {
  clock: Clock
  random(): number
  /** Give up once this time (epoch ms) has passed. */
  deadline: number
  baseMs?: number
  maxMs?: number
  signal?: AbortSignal
  isRetryable(error: unknown): boolean
  onRetry?(error: unknown, attempt: number, delayMs: number): void
}

export async function retryUntilDeadline<T>(
  operation: () => Promise<T>,
  options: RetryOptions
): Promise<T> {
  const base = options.baseMs ?? 500
  const cap = options.maxMs ?? 20_000
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      const delay = Math.floor(options.random() * Math.min(cap, base * 2 ** attempt))
      if (
        !options.isRetryable(error) ||
        options.signal?.aborted ||
        options.clock.now() + delay > options.deadline
      )
        throw error
      options.onRetry?.(error, attempt, delay)
      await options.clock.sleep(delay, options.signal)
    }
  }
}

/** Errors worth another try once the SDK has given up: throttling, 5xx, dropped connections. */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const shape = error as {
    name?: string
    code?: string
    $metadata?: { httpStatusCode?: number }
    $retryable?: unknown
  }
  const status = shape.$metadata?.httpStatusCode ?? 0
  return (
    status >= 500 ||
    status === 429 ||
    shape.$retryable !== undefined ||
    /Throttl|TooManyRequests|RequestLimitExceeded|InternalServer|InternalFailure|ServiceUnavailable|TimeoutError|RequestTimeout/.test(
      shape.name ?? ''
    ) ||
    /ECONNRESET|EPIPE|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|socket hang up/.test(
      `${shape.code ?? ''} ${String((error as Error).message ?? '')}`
    )
  )
}
