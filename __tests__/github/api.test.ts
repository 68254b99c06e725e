/**
 * The GitHub REST edge against the fake GitHub server, on a clock that skips its waits (each wait
 * is recorded, so the waits GitHub asked for can be checked as values): reading workflow runs,
 * the five kinds of failure and their messages, retries as GitHub's rate-limit documentation
 * asks, the bounded total wait, attempts that get no answer, and cancellation.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  createGitHubApi,
  judgeFailure,
  waitBeforeRetry,
  type GitHubApiOptions
} from '../../src/github/api.js'
import { workflowRunState, type WorkflowRunState } from '../../src/github/workflow-runs.js'
import type { Clock } from '../../src/run/context.js'
import { skippingClock } from '../support/skipping-clock.js'
import {
  FAKE_TOKEN,
  GITHUB_FAILURES,
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from '../support/fake-github.js'

let github: FakeGitHub | undefined
afterEach(async () => {
  await github?.stop()
  github = undefined
})

async function world(
  options: Partial<GitHubApiOptions> = {},
  fake: Omit<FakeGitHubOptions, 'now'> = {}
) {
  const clock = skippingClock()
  github = await startFakeGitHub({ ...fake, now: clock.now })
  const api = createGitHubApi({
    token: FAKE_TOKEN,
    baseUrl: github.url,
    clock,
    random: () => 0.5,
    cancellation: new AbortController().signal,
    ...options
  })
  return { github, api, clock }
}

const RUN = { owner: 'octo-org', repo: 'shop', runId: 42, attempt: 1 }
const unknown = (state: WorkflowRunState) =>
  typeof state === 'object' ? state : { unknown: `answered ${state}`, kind: 'none' }

describe('workflowRunState', () => {
  it.each([
    ['completed', 'ended'],
    ['in_progress', 'in_progress'],
    ['queued', 'in_progress'],
    ['waiting', 'in_progress']
  ])('reads a run attempt that is %s as %s', async (status, expected) => {
    const { github, api } = await world()
    github.setRun('octo-org/shop', 42, { status })
    expect(await workflowRunState(api, RUN)).toBe(expected)
    expect(github.requests()).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/repos/octo-org/shop/actions/runs/42/attempts/1',
        token: FAKE_TOKEN,
        userAgent: expect.stringMatching(/^fis-gate\//),
        status: 200
      })
    ])
  })

  it("judges the attempt, not the run: a re-run does not keep attempt 1's leftovers alive", async () => {
    const { github, api } = await world()
    github.setRun('octo-org/shop', 42, {
      status: 'in_progress',
      attempts: { 1: 'completed', 2: 'in_progress' }
    })
    expect(await workflowRunState(api, RUN)).toBe('ended')
    expect(await workflowRunState(api, { ...RUN, attempt: 2 })).toBe('in_progress')
    expect(await workflowRunState(api, { ...RUN, attempt: undefined })).toBe('in_progress')
    expect(github.requests().map((request) => request.path)).toEqual([
      '/repos/octo-org/shop/actions/runs/42/attempts/1',
      '/repos/octo-org/shop/actions/runs/42/attempts/2',
      '/repos/octo-org/shop/actions/runs/42'
    ])
  })

  it('works under a GitHub Enterprise Server base path', async () => {
    const { github, api } = await world({}, { basePath: '/api/v3' })
    github.setRun('octo-org/shop', 42, { status: 'completed' })
    expect(github.url).toMatch(/\/api\/v3$/)
    expect(await workflowRunState(api, RUN)).toBe('ended')
  })

  it('without a token sends nothing and says what to give the job', async () => {
    const { github, api } = await world({ token: '' })
    expect(api.hasToken).toBe(false)
    expect(await workflowRunState(api, RUN)).toEqual({
      kind: 'no-token',
      unknown:
        'GitHub API: cannot read workflow run octo-org/shop#42 attempt 1: the github-token input is empty; leave it at its default (github.token) and give the job `permissions: actions: read`'
    })
    expect(github.requests()).toEqual([])
  })

  it('names a refused token (401) and does not retry it', async () => {
    const { github, api } = await world({ token: 'ghs_revoked' })
    expect(unknown(await workflowRunState(api, RUN))).toEqual({
      kind: 'forbidden',
      unknown: expect.stringMatching(
        /\(HTTP 401: Bad credentials\): the token was refused; give github-token a valid token$/
      )
    })
    expect(github.requests()).toHaveLength(1)
  })

  it('names the missing permission of a read-only or restricted token (403), once', async () => {
    const { github, api } = await world({}, { tokens: { [FAKE_TOKEN]: { issues: 'read' } } })
    github.setRun('octo-org/shop', 42, { status: 'completed' })
    expect(unknown(await workflowRunState(api, RUN))).toEqual({
      kind: 'forbidden',
      unknown: expect.stringContaining(
        '(HTTP 403: Resource not accessible by integration): the token may not; give the job `permissions: actions: read` (a pull request from a fork gets a read-only token)'
      )
    })
    expect(github.requests()).toHaveLength(1)
  })

  it('reports a run GitHub does not have (404) without retrying', async () => {
    const { github, api } = await world()
    expect(unknown(await workflowRunState(api, RUN))).toEqual({
      kind: 'not-found',
      unknown: expect.stringContaining('(HTTP 404: Not Found): it does not exist')
    })
    expect(github.requests()).toHaveLength(1)
  })
})

describe('retries', () => {
  it('retries server errors with backoff and then reads the run', async () => {
    const { github, api, clock } = await world()
    github.setRun('octo-org/shop', 42, { status: 'completed' })
    github.failNext(
      { path: /runs\/42/ },
      GITHUB_FAILURES.serverError(502),
      GITHUB_FAILURES.serverError(503)
    )
    expect(await workflowRunState(api, RUN)).toBe('ended')
    expect(github.requests().map((request) => request.status)).toEqual([502, 503, 200])
    expect(clock.waits).toHaveLength(2)
  })

  it('gives up on a lasting server error after its attempts, saying so', async () => {
    const { github, api } = await world({ maxAttempts: 3 })
    github.failNext({ path: /runs\/42/ }, ...Array(5).fill(GITHUB_FAILURES.serverError(500)))
    expect(unknown(await workflowRunState(api, RUN))).toEqual({
      kind: 'unavailable',
      unknown: expect.stringMatching(
        /\(HTTP 500: Server Error\), after 3 attempts: GitHub is unreachable or failing; the next run tries again$/
      )
    })
    expect(github.requests()).toHaveLength(3)
  })

  it('waits the retry-after of a 429 before the next attempt', async () => {
    const { github, api, clock } = await world()
    github.setRun('octo-org/shop', 42, { status: 'in_progress' })
    github.failNext({ path: /runs\/42/ }, GITHUB_FAILURES.tooManyRequests(7))
    expect(await workflowRunState(api, RUN)).toBe('in_progress')
    expect(clock.waits.map((wait) => wait.ms)).toEqual([7000])
  })

  it('waits a minute, then two, on a secondary limit with no retry-after, within the total wait', async () => {
    const { github, api, clock } = await world({ maxWaitMs: 200_000 })
    github.setRun('octo-org/shop', 42, { status: 'completed' })
    github.failNext(
      { path: /runs\/42/ },
      GITHUB_FAILURES.secondaryRateLimit(),
      GITHUB_FAILURES.secondaryRateLimit()
    )
    expect(await workflowRunState(api, RUN)).toBe('ended')
    expect(clock.waits.map((wait) => wait.ms)).toEqual([60_000, 120_000])
  })

  it('stops asking once a wait would pass the total budget', async () => {
    const { github, api, clock } = await world({ maxWaitMs: 120_000 })
    github.failNext(
      { path: /runs\/42/ },
      GITHUB_FAILURES.secondaryRateLimit(),
      GITHUB_FAILURES.secondaryRateLimit()
    )
    expect(unknown(await workflowRunState(api, RUN))).toEqual({
      kind: 'rate-limited',
      unknown: expect.stringContaining(
        'rate limited; GitHub named no time to wait, and fis-gate waits at most 120 s in all, so it stopped asking'
      )
    })
    expect(github.requests()).toHaveLength(2)
    expect(clock.waits.map((wait) => wait.ms)).toEqual([60_000])
  })

  it('waits for x-ratelimit-reset when the primary limit is used up, then asks again', async () => {
    const { github, api, clock } = await world()
    const resetAt = clock.now() + 30_000
    github.setRun('octo-org/shop', 42, { status: 'completed' })
    github.setRateLimit({ remaining: 0, resetAt })
    expect(await workflowRunState(api, RUN)).toBe('ended')
    expect(github.requests().map((request) => request.status)).toEqual([403, 200])
    expect(clock.waits).toHaveLength(1)
    const [wait] = clock.waits
    expect((wait?.at ?? 0) + (wait?.ms ?? 0)).toBeGreaterThanOrEqual(resetAt)
  })

  it('does not wait an hour for a reset: it fails at once, and sends nothing more until the reset', async () => {
    const { github, api, clock } = await world()
    const resetAt = clock.now() + 3_600_000
    github.setRateLimit({ remaining: 0, resetAt })
    const first = unknown(await workflowRunState(api, RUN))
    expect(first).toEqual({
      kind: 'rate-limited',
      unknown: expect.stringContaining(
        `(HTTP 403: API rate limit exceeded for installation.): rate limited; GitHub asks to wait until ${new Date(Math.ceil(resetAt / 1000) * 1000 + 1000).toISOString().slice(11, 19)} UTC`
      )
    })
    expect(unknown(await workflowRunState(api, { ...RUN, runId: 43 }))).toEqual({
      kind: 'rate-limited',
      unknown: expect.stringMatching(
        /^GitHub API: cannot read workflow run octo-org\/shop#43 attempt 1 \(not sent: the primary rate limit is used up\): rate limited; GitHub asks to wait until \d\d:\d\d:\d\d UTC, and fis-gate waits at most 120 s in all, so it stopped asking; the next run tries again$/
      )
    })
    expect(github.requests()).toHaveLength(1)
    expect(clock.waits).toEqual([])
  })

  it('after a success that used up the limit for an hour, sends nothing until the reset', async () => {
    const { github, api } = await world()
    github.setRun('octo-org/shop', 42, { status: 'completed' })
    github.setRateLimit({ remaining: 1, resetAt: Date.now() + 3_600_000 })
    expect(await workflowRunState(api, RUN)).toBe('ended')
    expect(unknown(await workflowRunState(api, RUN))).toEqual({
      kind: 'rate-limited',
      unknown: expect.stringContaining(
        '(not sent: the primary rate limit is used up): rate limited'
      )
    })
    expect(github.requests()).toHaveLength(1)
  })

  it('heeds a success that used up the limit: the next request waits for the reset', async () => {
    const { github, api, clock } = await world()
    const resetAt = clock.now() + 20_000
    github.setRun('octo-org/shop', 42, { status: 'completed' })
    github.setRateLimit({ remaining: 1, resetAt })
    expect(await workflowRunState(api, RUN)).toBe('ended')
    expect(await workflowRunState(api, RUN)).toBe('ended')
    expect(github.requests().map((request) => request.status)).toEqual([200, 200])
    expect(clock.waits).toHaveLength(1)
  })

  it('ends an attempt that gets no answer, and says so after the last', async () => {
    const { github, api } = await world({ attemptTimeoutMs: 200, maxAttempts: 2 })
    github.hang({ path: /runs\/42/ })
    expect(unknown(await workflowRunState(api, RUN))).toEqual({
      kind: 'unavailable',
      unknown: expect.stringContaining('(no answer within 0.2 s), after 2 attempts')
    })
    expect(github.requests()).toHaveLength(2)
  })

  it('ends at once when the workflow is cancelled during an attempt', async () => {
    const cancellation = new AbortController()
    const { github, api } = await world({
      attemptTimeoutMs: 60_000,
      cancellation: cancellation.signal
    })
    github.hang({ path: /runs\/42/ })
    const state = workflowRunState(api, RUN)
    setTimeout(() => cancellation.abort(), 100)
    expect(unknown(await state)).toEqual({
      kind: 'unavailable',
      unknown:
        'GitHub API: cannot read workflow run octo-org/shop#42 attempt 1: the workflow was cancelled'
    })
    expect(github.requests()).toHaveLength(1)
  })

  it('ends at once when the workflow is cancelled during a wait', async () => {
    const cancellation = new AbortController()
    const clock: Clock = {
      now: () => Date.now(),
      // A wait that only the cancellation ends.
      sleep: (_ms, signal) =>
        new Promise((resolve) => signal?.addEventListener('abort', () => resolve()))
    }
    const { github, api } = await world({ clock, cancellation: cancellation.signal })
    github.failNext({ path: /runs\/42/ }, GITHUB_FAILURES.tooManyRequests(30))
    const state = workflowRunState(api, RUN)
    setTimeout(() => cancellation.abort(), 100)
    expect(unknown(await state)).toMatchObject({ unknown: expect.stringMatching(/cancelled$/) })
    expect(github.requests()).toHaveLength(1)
  })
})

describe('judgeFailure, as GitHub documents each failure', () => {
  const NOW = 1_800_000_000_000
  it.each([
    [{ message: 'ECONNRESET' }, { kind: 'unavailable', retryable: true }],
    [
      { status: 503, headers: { 'retry-after': '5' } },
      { kind: 'unavailable', retryable: true, notBefore: NOW + 5000 }
    ],
    [
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000100' } },
      { kind: 'rate-limited', retryable: true, notBefore: 1_800_000_101_000 }
    ],
    [
      { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000100' } },
      { kind: 'rate-limited', retryable: true, notBefore: 1_800_000_101_000 }
    ],
    [
      { status: 403, headers: { 'retry-after': '30', 'x-ratelimit-remaining': '12' } },
      { kind: 'rate-limited', retryable: true, notBefore: NOW + 30_000 }
    ],
    [
      { status: 403, message: 'You have exceeded a secondary rate limit.' },
      { kind: 'rate-limited', retryable: true, secondaryLimit: true }
    ],
    [{ status: 429 }, { kind: 'rate-limited', retryable: true, secondaryLimit: true }],
    [
      { status: 403, message: 'Resource not accessible by integration' },
      { kind: 'forbidden', retryable: false }
    ],
    [{ status: 401 }, { kind: 'forbidden', retryable: false }],
    [{ status: 404 }, { kind: 'not-found', retryable: false }],
    [{ status: 410 }, { kind: 'not-found', retryable: false }],
    [{ status: 422 }, { kind: 'unavailable', retryable: false }]
  ])('%j is %j', (failed, judgement) => {
    expect(
      judgeFailure(
        { headers: {}, message: '', ...failed } as Parameters<typeof judgeFailure>[0],
        NOW
      )
    ).toEqual(judgement)
  })

  it('waits what GitHub asked, a doubling minute for a silent secondary limit, else jittered backoff', () => {
    expect(
      waitBeforeRetry({ kind: 'rate-limited', retryable: true, notBefore: 9000 }, 1, 4000, 0.5)
    ).toBe(5000)
    expect(
      waitBeforeRetry({ kind: 'rate-limited', retryable: true, notBefore: 1000 }, 1, 4000, 0.5)
    ).toBe(0)
    const secondary = { kind: 'rate-limited', retryable: true, secondaryLimit: true } as const
    expect([1, 2, 3].map((attempt) => waitBeforeRetry(secondary, attempt, 0, 0.5))).toEqual([
      60_000, 120_000, 240_000
    ])
    const failing = { kind: 'unavailable', retryable: true } as const
    expect(waitBeforeRetry(failing, 1, 0, 0)).toBe(0)
    expect(waitBeforeRetry(failing, 1, 0, 0.5)).toBe(500)
    expect(waitBeforeRetry(failing, 10, 0, 0.999)).toBeLessThanOrEqual(8000)
  })
})
