/** Everything a plan or run needs from the outside world, passed in so the flow is testable. */
import type { CallLimits } from '../aws/call-limits.js'
import type { AwsClients } from '../aws/clients.js'

export interface Clock {
  now(): number
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    })
}

export interface RunLog {
  info(message: string): void
  warning(message: string): void
  group<T>(name: string, run: () => Promise<T>): Promise<T>
}

/** The workflow run this is part of: names tags, client tokens and the lock owner. */
export interface WorkflowRun {
  repository: string
  runId: string
  runAttempt: string
  sha: string
  /** GITHUB_JOB: the job's id, shared by every leg of a matrix. */
  job: string
  /**
   * This step's own execution, random per process: matrix legs (and jobs that share a runner one
   * after another) never share a client token or a run tag, while the SDK's retries of a call,
   * all within this process, send the same token.
   */
  execution: string
}

export interface RunContext {
  clients: AwsClients
  clock: Clock
  log: RunLog
  /** Persists what the post step needs to clean up; called right after each AWS resource appears. */
  saveState(name: string, value: string): void
  /** Aborted when the workflow is cancelled (SIGINT/SIGTERM). */
  cancellation: AbortSignal
  /** The abort signal every AWS call is sent with. */
  limits: CallLimits
  workflow: WorkflowRun
  region: string
  /** Random in [0, 1): poll jitter. */
  random(): number
}
