/**
 * Full-jitter exponential backoff around the SDK's own retries, for loops that must outlast a
 * bad minute (polling an experiment) rather than fail on it.
 */
import {
  isRetryableByTrait,
  isServerError,
  isThrottlingError,
  isTransientError
} from '@smithy/service-error-classification'
import type { SdkError } from '@smithy/types'
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

/**
 * Errors worth another try once the SDK has given up, as the SDK itself classifies them
 * (throttling, 5xx, timeouts, dropped connections, a retryable trait), plus a call that ran
 * out of its own time limit: the loop around it has a deadline of its own.
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  if ((error as { name?: unknown }).name === 'CallTimeoutError') return true
  const sdkError = error as SdkError
  return (
    isRetryableByTrait(sdkError) ||
    isThrottlingError(sdkError) ||
    isTransientError(sdkError) ||
    isServerError(sdkError)
  )
}
