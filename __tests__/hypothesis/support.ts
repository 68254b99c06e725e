/** Small builders for hypothesis evaluation tests: times, series, checks and windows. */
import type {
  CheckDefinition,
  CheckResult,
  Datapoint,
  EvaluationWindows,
  Phase,
  PhaseResult,
  PhaseStatus
} from '../../src/hypothesis/model.js'

/** 2024-01-01 10:00:00 UTC: the experiment starts here in most tests. */
export const T0 = Date.UTC(2024, 0, 1, 10, 0, 0)
export const MINUTE = 60_000

/** T0 plus minutes (and seconds). */
export function at(minutes: number, seconds = 0): number {
  return T0 + minutes * MINUTE + seconds * 1000
}

/**
 * One datapoint per period from `start`, oldest first: `'0.1 0.7 - 0.6'` has a gap (`-`) in the
 * third period. `NaN`, `Infinity` and `-Infinity` are read as such.
 */
export function series(text: string, start = T0, periodSeconds = 60): Datapoint[] {
  return text
    .trim()
    .split(/\s+/)
    .flatMap((token, index) =>
      token === '-'
        ? []
        : [{ timestamp: start + index * periodSeconds * 1000, value: Number(token) }]
    )
}

export function check(overrides: Partial<CheckDefinition> = {}): CheckDefinition {
  return {
    name: 'p95 latency',
    period: 60,
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0.5,
    datapointsToAlarm: 1,
    evaluationPeriods: 1,
    treatMissingData: 'missing',
    phases: ['during'],
    abortOnBreach: false,
    ...overrides
  }
}

/** A during window of `minutes` from T0, a 10-minute baseline before it, and `settle` minutes. */
export function windows(minutes: number, settleMinutes = 5): EvaluationWindows {
  return {
    baseline: { start: at(-10), end: T0 },
    during: { start: T0, end: at(minutes) },
    settle: settleMinutes * 60
  }
}

/** Breaching period starts as minutes after T0, for short expectations. */
export function minutesOf(times: readonly number[]): number[] {
  return times.map((time) => (time - T0) / MINUTE)
}

/** A hand-made phase result, for verdict tests. */
export function phaseResult(phase: Phase, status: PhaseStatus, reason: string): PhaseResult {
  return {
    phase,
    status,
    reason,
    window: { start: T0, end: at(1) },
    expectedPeriods: 1,
    datapoints: 1,
    periods: [],
    evaluations: [],
    breachingPeriods: []
  }
}

export function checkResult(name: string, ...phases: PhaseResult[]): CheckResult {
  const statuses = phases.map((phase) => phase.status)
  const status: PhaseStatus = statuses.includes('breach')
    ? 'breach'
    : statuses.includes('inconclusive') || statuses.length === 0
      ? 'inconclusive'
      : 'pass'
  return { name, status, phases }
}
