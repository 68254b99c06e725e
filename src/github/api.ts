/**
 * The one edge to the GitHub REST API: `mode: sweep` reads workflow runs through it, and the
 * pull-request comment writes through it. Built from the github-token input and GITHUB_API_URL
 * (github.com, GitHub Enterprise Server's `/api/v3`, or a test server) with @actions/github's
 * octokit, which honours the runner's proxy settings.
 *
 * No request can hang a step or spend GitHub's goodwill: every attempt has `attemptTimeoutMs`;
 * failures are retried the way GitHub's "Rate limits for the REST API" asks — a primary limit
 * (403/429 with `x-ratelimit-remaining: 0`) not before `x-ratelimit-reset`, a secondary limit
 * not before `retry-after` seconds, or without one at least a minute, doubling; 5xx and no
 * answer with jittered backoff — and all the waiting of one GitHubApi together stays within
 * `maxWaitMs`. A wait that would pass it is not begun: the request fails at once, and while a
 * primary limit lasts later requests fail without being sent. Every failure is a GitHubApiError
 * of one kind, with one line a person can act on.
 */
import { getOctokit } from '@actions/github'
import { excerpt } from '../experiment/excerpt.js'
import { formatClock } from '../hypothesis/describe.js'
import type { Clock } from '../run/context.js'
import { ACTION_VERSION } from '../version.js'

export type GitHubClient = ReturnType<typeof getOctokit>

export type GitHubProblemKind =
  'no-token' | 'forbidden' | 'not-found' | 'rate-limited' | 'unavailable'

export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError'
  constructor(
    readonly kind: GitHubProblemKind,
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

/** One request, in the words its messages use. */
export interface GitHubRequest {
  /** What it does: "read workflow run octo-org/shop#42". */
  what: string
  /** The token permission it needs, as a workflow's `permissions:` writes it: "actions: read". */
  permission: string
}

/** Headers of a response, as octokit gives them. */
export type ResponseHeaders = Readonly<Record<string, string | number | undefined>>

/**
 * One attempt of a request: an octokit call made with `options` (they carry the attempt's abort
 * signal), e.g. `(github, options) => github.rest.issues.createComment({ ...parameters, ...options })`.
 */
export type GitHubCall<T> = (
  github: GitHubClient,
  options: { request: { signal: AbortSignal } }
) => Promise<{ data: T; headers: ResponseHeaders }>

export interface GitHubApi {
  /** False when the github-token input is empty: every request fails as `no-token`, unsent. */
  readonly hasToken: boolean
  send<T>(request: GitHubRequest, call: GitHubCall<T>): Promise<T>
}

export interface GitHubApiOptions {
  /** The github-token input; empty: no token. */
  token: string
  /** GITHUB_API_URL; default https://api.github.com. */
  baseUrl?: string
  clock: Clock
  /** Random in [0, 1): backoff jitter. */
  random(): number
  /** Aborted when the workflow is cancelled: the attempt in flight and any wait end at once. */
  cancellation: AbortSignal
  /** One attempt's limit. */
  attemptTimeoutMs?: number
  /** All waiting between attempts, every request of this GitHubApi together. */
  maxWaitMs?: number
  /** Attempts per request. */
  maxAttempts?: number
}

export const ATTEMPT_TIMEOUT_MS = 10_000
/** Two minutes: room for one secondary-limit minute and a few server errors, no more. */
export const MAX_WAIT_MS = 120_000
export const MAX_ATTEMPTS = 4
/** GitHub: "Otherwise, wait for at least one minute before retrying." */
const SECONDARY_LIMIT_WAIT_MS = 60_000
/** `x-ratelimit-reset` counts whole seconds; clocks differ by a little. */
const RESET_MARGIN_MS = 1_000
const BACKOFF_BASE_MS = 500
const BACKOFF_CAP_MS = 8_000

/** What an attempt that failed showed, as plain data. */
export interface FailedAttempt {
  /** HTTP status; undefined when no response came (refused, reset, no answer in time). */
  status?: number
  headers: Readonly<Record<string, string | undefined>>
  /** GitHub's message, or why no response came. */
  message: string
}

export interface FailureJudgement {
  kind: GitHubProblemKind
  retryable: boolean
  /** GitHub's own instruction: not before this time (epoch ms). */
  notBefore?: number
  /** A secondary limit that named no time: at least a minute, doubling per attempt. */
  secondaryLimit?: boolean
}

/** Seconds from a `retry-after` header, when it holds a number of them. */
function retryAfterMs(headers: FailedAttempt['headers']): number | undefined {
  const value = headers['retry-after']
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) * 1000 : undefined
}

/** How GitHub documents each failure, at time `now`. Pure. */
export function judgeFailure(failed: FailedAttempt, now: number): FailureJudgement {
  const { status, headers } = failed
  const retryAfter = retryAfterMs(headers)
  const instructed = retryAfter === undefined ? {} : { notBefore: now + retryAfter }
  if (status === undefined || status >= 500)
    return { kind: 'unavailable', retryable: true, ...instructed }
  if (status === 403 || status === 429) {
    const reset = Number(headers['x-ratelimit-reset'])
    if (retryAfter !== undefined) return { kind: 'rate-limited', retryable: true, ...instructed }
    if (headers['x-ratelimit-remaining'] === '0' && reset > 0)
      return { kind: 'rate-limited', retryable: true, notBefore: reset * 1000 + RESET_MARGIN_MS }
    if (status === 429 || /secondary rate limit|abuse/i.test(failed.message))
      return { kind: 'rate-limited', retryable: true, secondaryLimit: true }
    return { kind: 'forbidden', retryable: false }
  }
  if (status === 401) return { kind: 'forbidden', retryable: false }
  if (status === 404 || status === 410) return { kind: 'not-found', retryable: false }
  return { kind: 'unavailable', retryable: false }
}

/** How long to wait before attempt `attempt + 1`, at time `now`. Pure. */
export function waitBeforeRetry(
  judgement: FailureJudgement,
  attempt: number,
  now: number,
  random: number
): number {
  if (judgement.notBefore !== undefined) return Math.max(0, judgement.notBefore - now)
  if (judgement.secondaryLimit) return SECONDARY_LIMIT_WAIT_MS * 2 ** (attempt - 1)
  return Math.floor(random * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt))
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

/** The one line a person reads. Pure. */
export function describeFailure(
  request: GitHubRequest,
  failed: FailedAttempt,
  judgement: FailureJudgement,
  context: { attempts: number; maxWaitMs: number }
): string {
  const said = `${failed.status === undefined ? '' : `HTTP ${failed.status}: `}${excerpt(failed.message, 200)}`
  const prefix = `GitHub API: cannot ${request.what} (${said})`
  switch (judgement.kind) {
    case 'forbidden':
      return failed.status === 401
        ? `${prefix}: the token was refused; give github-token a valid token`
        : `${prefix}: the token may not; give the job \`permissions: ${request.permission}\` (a pull request from a fork gets a read-only token)`
    case 'not-found':
      return `${prefix}: it does not exist, or the token cannot see it (another repository, or no \`${request.permission}\`)`
    case 'rate-limited': {
      const until =
        judgement.notBefore === undefined
          ? 'GitHub named no time to wait'
          : `GitHub asks to wait until ${formatClock(judgement.notBefore)} UTC`
      return `${prefix}: rate limited; ${until}, and fis-gate waits at most ${seconds(context.maxWaitMs)} in all, so it stopped asking; the next run tries again`
    }
    default:
      return `${prefix}, after ${context.attempts} ${context.attempts === 1 ? 'attempt' : 'attempts'}: GitHub is unreachable or failing; the next run tries again`
  }
}

/** Header names in lower case and values as text, as GitHub's documentation names them. */
function plainHeaders(headers: ResponseHeaders | undefined): FailedAttempt['headers'] {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name.toLowerCase(),
      value === undefined ? undefined : String(value)
    ])
  )
}

/** The status, headers and message of whatever an octokit call threw. */
function failedAttemptOf(error: unknown): FailedAttempt {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown
    message?: unknown
    response?: { headers?: ResponseHeaders; data?: unknown }
  }
  const data = shape.response?.data
  const githubMessage =
    typeof data === 'object' && data !== null && 'message' in data
      ? String((data as { message: unknown }).message)
      : undefined
  return {
    // octokit reports a request that got no response as status 500 without a response.
    status: shape.response && typeof shape.status === 'number' ? shape.status : undefined,
    headers: plainHeaders(shape.response?.headers),
    message: githubMessage ?? String(shape.message ?? error)
  }
}

const quiet = (): void => undefined

export function createGitHubApi(options: GitHubApiOptions): GitHubApi {
  const attemptTimeoutMs = options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS
  const { clock, cancellation } = options
  const github = options.token
    ? getOctokit(options.token, {
        baseUrl: (options.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: `fis-gate/${ACTION_VERSION}`,
        log: { debug: quiet, info: quiet, warn: quiet, error: quiet }
      })
    : undefined
  let waited = 0
  /** Until when the primary limit is used up (epoch ms), as the last response said. */
  let exhaustedUntil: number | undefined

  /** Every response, success or not, says where the primary limit stands. */
  const noteLimit = (headers: FailedAttempt['headers']): void => {
    const remaining = headers['x-ratelimit-remaining']
    const reset = Number(headers['x-ratelimit-reset'])
    if (remaining === '0' && reset > 0) exhaustedUntil = reset * 1000 + RESET_MARGIN_MS
    else if (remaining !== undefined) exhaustedUntil = undefined
  }

  /** Waits `ms` when the budget allows it; false, at once, when it does not. */
  const waitWithinBudget = async (ms: number): Promise<boolean> => {
    if (waited + ms > maxWaitMs) return false
    waited += ms
    await clock.sleep(ms, cancellation)
    return !cancellation.aborted
  }

  const cancelled = (request: GitHubRequest): GitHubApiError =>
    new GitHubApiError(
      'unavailable',
      `GitHub API: cannot ${request.what}: the workflow was cancelled`
    )

  const failure = (
    request: GitHubRequest,
    failed: FailedAttempt,
    judgement: FailureJudgement,
    attempts: number
  ): GitHubApiError =>
    cancellation.aborted
      ? cancelled(request)
      : new GitHubApiError(
          judgement.kind,
          describeFailure(request, failed, judgement, { attempts, maxWaitMs }),
          failed.status
        )

  /** One attempt: the data, or what GitHub (or the network) said. */
  const attempt = async <T>(
    call: GitHubCall<T>,
    client: GitHubClient
  ): Promise<{ data: T } | { failed: FailedAttempt }> => {
    const timeout = AbortSignal.timeout(attemptTimeoutMs)
    const noAnswer = { headers: {}, message: `no answer within ${seconds(attemptTimeoutMs)}` }
    try {
      const response = await call(client, {
        request: { signal: AbortSignal.any([cancellation, timeout]) }
      })
      // A body cut short by the abort reads as empty data: never an answer.
      if (timeout.aborted || cancellation.aborted) return { failed: noAnswer }
      noteLimit(plainHeaders(response.headers))
      return { data: response.data }
    } catch (error) {
      return { failed: timeout.aborted ? noAnswer : failedAttemptOf(error) }
    }
  }

  return {
    hasToken: github !== undefined,
    async send<T>(request: GitHubRequest, call: GitHubCall<T>): Promise<T> {
      if (!github)
        throw new GitHubApiError(
          'no-token',
          `GitHub API: cannot ${request.what}: the github-token input is empty; leave it at its default (github.token) and give the job \`permissions: ${request.permission}\``
        )
      for (let attempts = 1; ; attempts++) {
        // A used-up primary limit: wait for its reset if the budget allows, or fail unsent.
        const until = exhaustedUntil
        if (until !== undefined && until > clock.now()) {
          if (!(await waitWithinBudget(until - clock.now())))
            throw failure(
              request,
              { headers: {}, message: 'not sent: the primary rate limit is used up' },
              { kind: 'rate-limited', retryable: true, notBefore: until },
              attempts - 1
            )
        }
        if (cancellation.aborted) throw cancelled(request)
        const outcome = await attempt(call, github)
        if ('data' in outcome) return outcome.data
        const { failed } = outcome
        noteLimit(failed.headers)
        const judgement = judgeFailure(failed, clock.now())
        const retry =
          judgement.retryable &&
          attempts < maxAttempts &&
          !cancellation.aborted &&
          (await waitWithinBudget(
            waitBeforeRetry(judgement, attempts, clock.now(), options.random())
          ))
        if (!retry) throw failure(request, failed, judgement, attempts)
      }
    }
  }
}
