/**
 * Every AWS call, all of its SDK retries included, ends within a bound: a budget per call (never
 * longer than the run's `timeout`), the phase's deadline where it has one (the watch ends at the
 * timeout), and the workflow's cancellation. Calls that make things safe (StopExperiment,
 * DeleteExperimentTemplate) outlive a cancellation, but only by what the runner leaves between
 * SIGINT and SIGTERM (7.5 s) once the reports are written.
 *
 * A signal aborts with a reason the bounded handler throws in place of the SDK's bare
 * "Request aborted", so the error says why the call ended; neither reason is retried by the SDK.
 */
import type { HttpHandlerOptions } from '@smithy/types'

/** How long one call may take, retries included, when nothing shorter applies. */
export const CALL_BUDGET_MS = 30_000
/** What a stop or a delete may take once the workflow has been cancelled. */
export const AFTER_CANCEL_BUDGET_MS = 3_000

/** A call that ran out of time. Transient for fis-gate's own loops (a poll is tried again). */
export class CallTimeoutError extends Error {
  override readonly name = 'CallTimeoutError'
}

/** A call abandoned because the workflow was cancelled. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError'
}

export interface CallLimits {
  /** For a call that serves the run: ends on cancellation, after the budget, or at `deadline`. */
  cancellable(deadline?: number): HttpHandlerOptions
  /**
   * For a call that must finish even when the workflow is cancelled (a stop, a delete, creating
   * the template that would otherwise be left behind): it ends after the budget, at `deadline`,
   * or AFTER_CANCEL_BUDGET_MS after a cancellation.
   */
  mustFinish(deadline?: number): HttpHandlerOptions
}

function expiring(ms: number, why: string): AbortSignal {
  const controller = new AbortController()
  const seconds = Math.round(ms / 100) / 10
  setTimeout(
    () => controller.abort(new CallTimeoutError(`no answer within ${seconds} s (${why})`)),
    Math.max(0, ms)
  ).unref()
  return controller.signal
}

/** One signal for every call: it aborts AFTER_CANCEL_BUDGET_MS after the cancellation does. */
function graceAfter(cancellation: AbortSignal): AbortSignal {
  const controller = new AbortController()
  const arm = (): void => {
    setTimeout(
      () =>
        controller.abort(
          new CallTimeoutError(
            `no answer within ${AFTER_CANCEL_BUDGET_MS / 1000} s of the workflow's cancellation`
          )
        ),
      AFTER_CANCEL_BUDGET_MS
    ).unref()
  }
  if (cancellation.aborted) arm()
  else cancellation.addEventListener('abort', arm, { once: true })
  return controller.signal
}

/**
 * @param cancellation aborted with a `CancelledError` when the workflow is cancelled.
 * @param budgetMs the longest one call may take; capped at CALL_BUDGET_MS.
 * @param now the clock deadlines are read against (epoch ms).
 */
export function callLimits(
  cancellation: AbortSignal,
  budgetMs: number,
  now: () => number
): CallLimits {
  const budget = Math.min(budgetMs, CALL_BUDGET_MS)
  const budgetWhy = `the per-call limit, min(${CALL_BUDGET_MS / 1000} s, timeout)`
  const grace = graceAfter(cancellation)
  const signal = (first: AbortSignal, deadline: number | undefined): HttpHandlerOptions => {
    const signals = [first, expiring(budget, budgetWhy)]
    if (deadline !== undefined) signals.push(expiring(deadline - now(), 'the phase deadline'))
    return { abortSignal: AbortSignal.any(signals) }
  }
  return {
    cancellable: (deadline) => signal(cancellation, deadline),
    // Begun after the cancel: its own AFTER_CANCEL_BUDGET_MS; in flight at it: the shared grace.
    mustFinish: (deadline) =>
      signal(
        cancellation.aborted
          ? expiring(AFTER_CANCEL_BUDGET_MS, "begun after the workflow's cancellation")
          : grace,
        deadline
      )
  }
}
