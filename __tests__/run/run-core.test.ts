import { describe, expect, it } from '@jest/globals'
import { InputError, parseTimeInput } from '../../src/inputs.js'
import type { Clock } from '../../src/run/context.js'
import {
  worstVerdict,
  type ActionOutcome,
  type AlarmObservation,
  type TimelineEvent
} from '../../src/run/model.js'
import { alarmEvents, alarmNameOf, experimentEvents, inTimeOrder } from '../../src/run/observe.js'
import { CallTimeoutError, CancelledError } from '../../src/aws/call-limits.js'
import { isTransient, retryUntilDeadline } from '../../src/run/retry.js'
import { decideVerdict, type Observed } from '../../src/run/verdict.js'

const action = (name: string, status: string, reason?: string): ActionOutcome => ({
  name,
  actionId: 'aws:fis:wait',
  status,
  reason
})
const alarm = (name: string, fired: boolean): AlarmObservation => ({
  name,
  arn: `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}`,
  firedDuringExperiment: fired
})
const observed = (changes: Partial<Observed>): Observed => ({
  mode: 'run',
  status: 'completed',
  actions: [action('a', 'completed')],
  alarms: [alarm('errors', false)],
  ...changes
})

describe('verdict', () => {
  it.each<[string, Partial<Observed>, string, RegExp]>([
    ['completed, all actions completed', {}, 'pass', /^FIS completed 1 action and no/],
    [
      'completed, with two actions',
      { actions: [action('a', 'completed'), action('b', 'completed')] },
      'pass',
      /^FIS completed all 2 actions and no/
    ],
    [
      'stopped with a stop-condition alarm that fired',
      { status: 'stopped', alarms: [alarm('errors', true)] },
      'aborted',
      /alarm "errors" went to ALARM/
    ],
    [
      'stopped with no alarm that fired',
      { status: 'stopped' },
      'cancelled',
      /stopped outside fis-gate/
    ],
    [
      'failed, with the failed action named',
      { status: 'failed', actions: [action('a', 'failed', 'no SSM agent')] },
      'error',
      /failed; action "a" failed: no SSM agent/
    ],
    [
      'failed with an error code',
      {
        status: 'failed',
        errorCode: 'ConfigurationFailure',
        actions: [],
        statusReason: 'role not assumable'
      },
      'error',
      /failed \(ConfigurationFailure\): role not assumable/
    ],
    [
      'completed with a skipped action',
      { actions: [action('a', 'completed'), action('b', 'skipped')] },
      'inconclusive',
      /action b \(skipped\) did not complete/
    ],
    ['completed with no action', { actions: [] }, 'inconclusive', /ran no action/],
    [
      'completed but an alarm fired after a stop was missed',
      { alarms: [alarm('errors', true)] },
      'aborted',
      /went to ALARM during/
    ],
    ['cancelled by a safety lever', { status: 'cancelled' }, 'cancelled', /safety lever/],
    [
      'stopped by fis-gate at the timeout',
      { status: 'stopped', stoppedBy: 'timeout', timeoutText: '1h' },
      'error',
      /timeout of 1h/
    ],
    [
      'stopped because the workflow was cancelled',
      { status: 'stopping', stoppedBy: 'cancel' },
      'cancelled',
      /workflow was cancelled/
    ],
    ['an unknown terminal state', { status: 'weird' }, 'error', /unexpected state weird/],
    [
      'stopped on a stop condition while a check breached: the alarm is the headline',
      {
        status: 'stopped',
        alarms: [{ ...alarm('errors', true), firedAt: Date.UTC(2024, 0, 1, 10, 4, 12) }],
        hypothesis: { verdict: 'fail', reason: 'p95 breached during the experiment' }
      },
      'aborted',
      /^FIS stopped the experiment: stop-condition alarm "errors" at 10:04:12 UTC went to ALARM; the hypothesis breached too: p95 breached/
    ],
    [
      'stopped by fis-gate on an abortOnBreach check',
      {
        status: 'stopped',
        stoppedBy: 'hypothesis',
        breach: { check: 'p95', reason: 'in ALARM at 10:03 UTC' },
        hypothesis: { verdict: 'fail', reason: 'p95 breached' }
      },
      'fail',
      /^Check "p95" breached while the experiment ran.*abortOnBreach/
    ],
    [
      'a breach in an experiment FIS completed',
      { hypothesis: { verdict: 'fail', reason: 'p95 breached' } },
      'fail',
      /^The hypothesis breached: p95 breached/
    ],
    [
      'cancelled while waiting for the metrics, after a completed experiment',
      { notJudged: { verdict: 'cancelled', reason: 'The workflow was cancelled while waiting' } },
      'cancelled',
      /cancelled while waiting/
    ],
    [
      'cancelled while waiting, even after a stop-condition abort',
      {
        status: 'stopped',
        alarms: [alarm('errors', true)],
        notJudged: { verdict: 'cancelled', reason: 'The workflow was cancelled while waiting' }
      },
      'cancelled',
      /cancelled while waiting/
    ],
    [
      'metrics unreadable after a stop-condition abort: still aborted',
      {
        status: 'stopped',
        alarms: [alarm('errors', true)],
        notJudged: { verdict: 'error', reason: 'GetMetricData failed' }
      },
      'aborted',
      /stop-condition alarm "errors"/
    ],
    [
      'metrics unreadable after a completed experiment',
      { notJudged: { verdict: 'error', reason: 'GetMetricData failed' } },
      'error',
      /GetMetricData failed/
    ],
    [
      'a completed plan (actions skipped by design)',
      { mode: 'plan', actions: [action('a', 'skipped')] },
      'pass',
      /skip-all/
    ]
  ])('%s → %s', (_name, changes, verdict, reason) => {
    const decision = decideVerdict(observed(changes))
    expect(decision.verdict).toBe(verdict)
    expect(decision.reason).toMatch(reason)
  })

  it('orders verdicts from pass to cancelled', () => {
    expect(worstVerdict([])).toBe('pass')
    expect(worstVerdict(['pass', 'inconclusive'])).toBe('inconclusive')
    expect(worstVerdict(['error', 'inconclusive', 'pass'])).toBe('error')
    expect(worstVerdict(['aborted', 'error'])).toBe('aborted')
    expect(worstVerdict(['fail', 'aborted'])).toBe('fail')
    expect(worstVerdict(['fail', 'cancelled', 'pass'])).toBe('cancelled')
  })
})

describe('timeline', () => {
  it('times experiment and action changes by FIS alone, and leaves untimed what FIS does not time', () => {
    const first = { status: 'initiating', startTime: 1000, actions: [action('a', 'pending')] }
    const second = {
      status: 'running',
      startTime: 1000,
      actions: [{ ...action('a', 'running'), startTime: 2000 }]
    }
    const third = {
      status: 'completed',
      startTime: 1000,
      endTime: 9000,
      actions: [{ ...action('a', 'completed'), startTime: 2000, endTime: 8000 }]
    }
    expect(experimentEvents(undefined, first)).toEqual([
      {
        time: 1000,
        source: 'experiment',
        name: 'experiment',
        from: undefined,
        to: 'initiating',
        detail: undefined
      },
      { time: 1000, source: 'action', name: 'a', from: undefined, to: 'pending', detail: undefined }
    ])
    // FIS records no time for reaching running: none, rather than when fis-gate polled.
    expect(experimentEvents(first, second)).toEqual([
      {
        source: 'experiment',
        name: 'experiment',
        from: 'initiating',
        to: 'running',
        detail: undefined
      },
      { time: 2000, source: 'action', name: 'a', from: 'pending', to: 'running', detail: undefined }
    ])
    expect(experimentEvents(second, third).map((event) => event.time)).toEqual([9000, 8000])
    expect(experimentEvents(second, { ...second, status: 'stopping' })[0]).not.toHaveProperty(
      'time'
    )
    expect(experimentEvents(second, second)).toEqual([])
  })

  it('times alarm changes by CloudWatch, and a state entered before the start not at all', () => {
    const before = new Map([['errors', { name: 'errors', state: 'OK' }]])
    expect(
      alarmEvents(
        before,
        [{ name: 'errors', state: 'ALARM', reason: 'high', transitionedAt: 1234 }],
        5000
      )
    ).toEqual([
      { time: 1234, source: 'alarm', name: 'errors', from: 'OK', to: 'ALARM', detail: 'high' }
    ])
    expect(alarmEvents(before, [{ name: 'errors', state: 'OK' }], 5000)).toEqual([])
    const firstSeen = (transitionedAt: number): (number | undefined)[] =>
      alarmEvents(new Map(), [{ name: 'errors', state: 'OK', transitionedAt }], 5000).map(
        (event) => event.time
      )
    expect(firstSeen(4999)).toEqual([undefined])
    expect(firstSeen(5000)).toEqual([5000])
  })

  it('puts events in time order, stable, each untimed one after everything recorded before it', () => {
    const event = (to: string, time?: number): TimelineEvent => ({
      ...(time === undefined ? {} : { time }),
      source: 'fis-gate',
      name: 'fis-gate',
      to
    })
    const recorded = [
      event('untimed first'),
      event('a', 100),
      event('c', 300),
      event('untimed after c'),
      event('b', 200),
      event('c again', 300),
      event('late history', 150),
      event('untimed last')
    ]
    expect(inTimeOrder(recorded).map((shown) => shown.to)).toEqual([
      'untimed first',
      'a',
      'late history',
      'b',
      'c',
      'untimed after c',
      'c again',
      'untimed last'
    ])
    expect(recorded[1]?.to).toBe('a')
  })

  it('reads alarm names with colons from ARNs', () => {
    expect(alarmNameOf('arn:aws:cloudwatch:eu-west-1:111122223333:alarm:team:carts-5xx')).toBe(
      'team:carts-5xx'
    )
  })
})

describe('duration inputs', () => {
  it.each([
    ['10s', 10_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['PT15M', 900_000],
    ['pt1h', 3_600_000]
  ])('reads %s', (text, ms) => {
    expect(parseTimeInput('timeout', text, { min: 0, max: Infinity }).ms).toBe(ms)
  })

  it.each([['10'], ['ten minutes'], ['1d'], ['10s5']])('refuses %s naming the input', (text) => {
    expect(() => parseTimeInput('poll-interval', text, { min: 0, max: Infinity })).toThrow(
      new InputError(
        `Input poll-interval: "${text}" is not a duration; write it like 30s, 15m, 1h or PT15M`
      )
    )
  })

  it('enforces bounds', () => {
    expect(() => parseTimeInput('timeout', '14h', { min: 1000, max: 13 * 3_600_000 })).toThrow(
      /outside 1s to 13h/
    )
  })
})

describe('retry until a deadline', () => {
  function fakeClock(): Clock & { slept: number[] } {
    let now = 0
    const slept: number[] = []
    return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) }
  }
  const throttled = Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 429 }
  })
  const denied = Object.assign(new Error('not allowed'), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 403 }
  })

  it('retries transient errors with full-jitter backoff until success', async () => {
    const clock = fakeClock()
    let calls = 0
    const value = await retryUntilDeadline(
      async () => (++calls < 4 ? Promise.reject(throttled) : 'ok'),
      { clock, random: () => 0.5, deadline: 60_000, isRetryable: isTransient }
    )
    expect([value, calls]).toEqual(['ok', 4])
    expect(clock.slept).toEqual([500, 1000, 2000])
  })

  it('gives up on errors that are not transient at once', async () => {
    const clock = fakeClock()
    await expect(
      retryUntilDeadline(() => Promise.reject(denied), {
        clock,
        random: () => 0.5,
        deadline: 60_000,
        isRetryable: isTransient
      })
    ).rejects.toBe(denied)
    expect(clock.slept).toEqual([])
  })

  it('gives up when the next wait would pass the deadline', async () => {
    const clock = fakeClock()
    await expect(
      retryUntilDeadline(() => Promise.reject(throttled), {
        clock,
        random: () => 1,
        deadline: 5000,
        isRetryable: isTransient
      })
    ).rejects.toBe(throttled)
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(5000)
  })

  it.each([
    [{ name: 'ThrottlingException' }, true],
    [{ name: 'Throttling', $metadata: { httpStatusCode: 400 } }, true],
    [{ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } }, true],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    [{ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }, false],
    [{ name: 'ExpiredTokenException', $metadata: { httpStatusCode: 403 } }, false],
    [{ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }, true],
    [{ name: 'TimeoutError' }, true],
    [new CallTimeoutError('no answer within 30 s'), true],
    [new CancelledError('the workflow was cancelled'), false]
  ])('classifies %p as transient: %p', (error, transient) => {
    expect(isTransient(error)).toBe(transient)
  })
})
