/**
 * The steady-state hypothesis, judged: pure functions from a check, its time windows and its
 * datapoints to a status per phase with the evidence behind it. No I/O, no AWS, no clock.
 *
 * A check reads like a CloudWatch alarm that must not fire. The CloudWatch User Guide ("Evaluating
 * an alarm", "Configuring how CloudWatch alarms treat missing data") describes a standing alarm
 * that re-evaluates its latest N periods every period and can look back past gaps. A gate judges a
 * bounded window once, so the points those pages leave open are decided here as follows.
 *
 * Periods. Periods start at multiples of `period` seconds since the epoch. A window [start, end)
 * covers the periods that start at or after the start of the period containing `start` and end at
 * or before `end`: the period in progress at the window start counts (GetMetricData rounds its
 * StartTime down the same way), the period still open at the window end does not (its value is
 * incomplete). Adjacent windows (baseline | during | after) therefore never share a period, and a
 * period the fault touched is never part of the baseline. A window holding no whole period is
 * inconclusive.
 *
 * Datapoints. Input order does not matter (GetMetricData is newest-first by default). NaN and
 * ±Infinity count as missing. A timestamp inside a period counts for that period. Two finite values
 * for one period: the last in input order wins. Values may be negative or fractional (percentiles,
 * metric math): nothing assumes otherwise.
 *
 * Comparisons. `value <operator> threshold`, so a value equal to the threshold breaches only the
 * OrEqualTo operators. With `baselineComparison`, a period also breaches when its value is above
 * mean + |mean| × maxIncreasePercent / 100 or below mean − |mean| × maxDecreasePercent / 100, the
 * mean being that of the baseline window's datapoints (|mean| keeps "an increase" meaning larger
 * for negative means; a zero mean makes any increase breach). Either condition is enough. In phase
 * `before` only the threshold applies: the baseline is not compared with itself (a check with only
 * `baselineComparison` then just needs N datapoints there).
 *
 * M of N. The check breaches when any run of N consecutive periods of the phase window holds at
 * least M breaching periods; one run of all of them when the window holds fewer than N. So with
 * M = 2 a single noisy period never fails a check, and runs never reach outside the window.
 *
 * treatMissingData, for a period without data:
 * - `breaching`: it breaches; `notBreaching`: it does not. Every period is then known, and the
 *   phase can be decided without any data (all breaching, or a pass the user asked for).
 * - `ignore`: it is skipped; runs are made of N consecutive datapoints present, however far apart
 *   (CloudWatch's look-back over gaps, without its limit).
 * - `missing` (the default): runs are N consecutive periods in time and only datapoints present are
 *   compared. A run breaches when M of its datapoints breach: unlike CloudWatch, which can alarm on
 *   fewer than M when the rest of its evaluation range is empty, a gap is never evidence of a
 *   breach. A run whose breaching and missing periods together reach M is undecided: the gaps could
 *   have hidden a breach, and the phase is inconclusive unless another run breaches. So a `missing`
 *   pass means no way of filling the gaps would have fired the alarm. (With the default 1 of 1 any
 *   gap is inconclusive; M of N, `ignore` or `notBreaching` tolerate gaps.)
 *
 * Inconclusive, never a pass: a window with no whole period; a breach-free window shorter than N
 * periods; under `missing` and `ignore`, fewer than N periods with data (none at all included); an
 * undecided run under `missing`; a baseline comparison without baseline data (a breach of the
 * threshold still counts). A breach is reported whenever the evidence holds one, before any of these.
 *
 * Recovery (phase `after` with `recoverWithin`), measured from the after window's start (the
 * experiment end). The check recovers at the first non-breaching period from which no run lying
 * between that period and the window end breaches, counting gaps under `missing` as if they
 * breached (runs shorter than N where fewer than N periods remain). Recovery seconds run from the
 * experiment end to that period's start, 0 when it is the period in progress at the experiment end.
 * `after` passes when it recovered within `recoverWithin`, breaches when no period up to the
 * deadline could be a recovery even with the gaps filled in its favour (including "never"), and is
 * inconclusive otherwise. Recovery needs no N datapoints, as it asks when the check came back, but
 * under `missing` and `ignore` a window without any data is inconclusive.
 *
 * While running (`abortOnBreach`), the `during` window ends "now"; only a breach aborts. Gaps are
 * expected there (ingestion lag), so `breaching` is evaluated as `missing`: no gap can abort.
 */
import { isBreaching, isUndecided, runsOf, searchRecovery, type Run } from './alarm-evaluation.js'
import { assertDefinition, baselineSummary, criteriaFor, judgePeriod } from './criteria.js'
import { conditionWords } from './describe.js'
import {
  PHASES,
  type BaselineSummary,
  type BreachRun,
  type CheckDefinition,
  type CheckResult,
  type Datapoint,
  type EvaluationWindows,
  type ObservedValues,
  type Phase,
  type PhaseResult,
  type PhaseStatus,
  type PeriodResult,
  type Recovery,
  type TimeWindow
} from './model.js'
import {
  breachingSlots,
  breachWords,
  fewDatapoints,
  gapWords,
  lateWords,
  neverWords,
  noData,
  noWholePeriod,
  passWords,
  recoveredWords,
  shortWindow,
  unconfirmedWords,
  type PhaseEvidence
} from './reasons.js'
import { worstStatus } from './verdict.js'
import { periodStarts, valuesByPeriod } from './windows.js'

export { hypothesisVerdict } from './verdict.js'

export interface EvaluatePhaseOptions {
  /** The experiment is still running: see "While running" above. */
  running?: boolean
}

export interface RunningEvaluation {
  /** The check has `abortOnBreach` and breached: stop the experiment. */
  abort: boolean
  result: PhaseResult
}

/** Every phase of the check (or only `phase`, if the check has it), in phase order. */
export function evaluateCheck(
  check: CheckDefinition,
  windows: EvaluationWindows,
  datapoints: readonly Datapoint[],
  phase?: Phase
): CheckResult {
  assertDefinition(check)
  const values = valuesByPeriod(datapoints, check.period)
  const baseline = baselineSummary(check, windows, values)
  const phases = PHASES.filter(
    (candidate) => check.phases.includes(candidate) && (phase === undefined || candidate === phase)
  ).map((candidate) => evaluateIn(check, candidate, windows, values, baseline, false))
  return {
    name: check.name,
    status: worstStatus(phases.map((result) => result.status)),
    phases,
    ...(baseline ? { baseline } : {})
  }
}

/** One phase, whether or not the check lists it. */
export function evaluatePhase(
  check: CheckDefinition,
  windows: EvaluationWindows,
  datapoints: readonly Datapoint[],
  phase: Phase,
  options: EvaluatePhaseOptions = {}
): PhaseResult {
  assertDefinition(check)
  const values = valuesByPeriod(datapoints, check.period)
  const baseline = baselineSummary(check, windows, values)
  return evaluateIn(check, phase, windows, values, baseline, options.running === true)
}

/** The `during` phase so far (`windows.during.end` is now), for the run loop's `abortOnBreach`. */
export function evaluateWhileRunning(
  check: CheckDefinition,
  windows: EvaluationWindows,
  datapoints: readonly Datapoint[]
): RunningEvaluation {
  const result = evaluatePhase(check, windows, datapoints, 'during', { running: true })
  return { abort: check.abortOnBreach && result.status === 'breach', result }
}

interface Decision {
  status: PhaseStatus
  reason: string
  recovery?: Recovery
}

function phaseWindow(phase: Phase, windows: EvaluationWindows): TimeWindow | undefined {
  if (phase === 'before') return windows.baseline
  if (phase === 'during') return windows.during
  return windows.after
}

function evaluateIn(
  check: CheckDefinition,
  phase: Phase,
  windows: EvaluationWindows,
  values: ReadonlyMap<number, number>,
  baseline: BaselineSummary | undefined,
  running: boolean
): PhaseResult {
  const window = phaseWindow(phase, windows)
  if (!window) return windowMissing(phase, windows)
  const treat =
    running && check.treatMissingData === 'breaching' ? 'missing' : check.treatMissingData
  const criteria = criteriaFor(check, phase, windows, baseline)
  const periods = periodStarts(window, check.period).map((start) =>
    judgePeriod(start, values.get(start), criteria, treat)
  )
  const observed = observedValues(periods)
  const evidence: PhaseEvidence = {
    check,
    rule: check,
    treat,
    criteria,
    window,
    periods,
    slots: treat === 'ignore' ? periods.filter((period) => period.state !== 'missing') : periods,
    datapoints: periods.filter((period) => period.value !== undefined).length,
    ...(observed ? { observed } : {})
  }
  const runs = runsOf(evidence.slots, check)
  const breach = runs.find((run) => isBreaching(run, check))
  const firstBreach = breach && breachRun(evidence, breach)
  const decision =
    phase === 'after' && check.recoverWithin !== undefined
      ? decideRecovery(evidence, check.recoverWithin)
      : decide(evidence, runs, breach)
  return {
    phase,
    status: decision.status,
    reason: decision.reason,
    window,
    expectedPeriods: periods.length,
    datapoints: evidence.datapoints,
    periods,
    breachingPeriods: periods
      .filter((period) => period.state === 'breaching')
      .map((period) => period.start),
    ...(firstBreach ? { firstBreach } : {}),
    ...(observed ? { observed } : {}),
    ...(decision.recovery ? { recovery: decision.recovery } : {})
  }
}

function windowMissing(phase: Phase, windows: EvaluationWindows): PhaseResult {
  const edge = phase === 'before' ? windows.during.start : windows.during.end
  return {
    phase,
    status: 'inconclusive',
    reason: `no ${phase === 'before' ? 'baseline' : 'after'} window was given`,
    window: { start: edge, end: edge },
    expectedPeriods: 0,
    datapoints: 0,
    periods: [],
    breachingPeriods: []
  }
}

/** M of N over the phase window: see "M of N", "treatMissingData" and "Inconclusive" above. */
function decide(evidence: PhaseEvidence, runs: readonly Run[], breach: Run | undefined): Decision {
  const { rule, treat, criteria, periods, datapoints } = evidence
  if (periods.length === 0) return inconclusive(noWholePeriod(evidence))
  if (breach) return { status: 'breach', reason: breachWords(evidence, breach) }
  if (criteria.baselineMissing) return inconclusive(criteria.baselineMissing)
  if (periods.length < rule.evaluationPeriods) return inconclusive(shortWindow(evidence))
  if (treat === 'missing' || treat === 'ignore') {
    if (datapoints === 0) return inconclusive(noData(evidence))
    if (datapoints < rule.evaluationPeriods) return inconclusive(fewDatapoints(evidence))
  }
  const conditions = conditionWords(criteria.words)
  // Without conditions (phase before of a baseline-only check) no gap can hide a breach.
  if (treat === 'missing' && conditions !== '') {
    const undecided = runs.find((run) => isUndecided(run, rule))
    if (undecided) return inconclusive(gapWords(evidence, undecided, conditions))
  }
  return { status: 'pass', reason: passWords(evidence, conditions) }
}

/** Phase after with recoverWithin: see "Recovery" above. */
function decideRecovery(evidence: PhaseEvidence, limitSeconds: number): Decision {
  const { rule, treat, criteria, window, periods, slots } = evidence
  if (periods.length === 0) return inconclusive(noWholePeriod(evidence))
  if (evidence.datapoints === 0 && (treat === 'missing' || treat === 'ignore')) {
    return inconclusive(noData(evidence))
  }
  const search = searchRecovery(slots, rule, window.start + limitSeconds * 1000)
  const back = search.proven === undefined ? undefined : slots[search.proven]
  const proven = back && { seconds: Math.max(0, back.start - window.start) / 1000, at: back.start }
  const recovery: Recovery = {
    limitSeconds,
    recovered: proven !== undefined,
    ...proven,
    met: proven !== undefined && proven.seconds <= limitSeconds
  }
  if (!search.possibleInTime) {
    const reason = proven
      ? lateWords(proven.seconds, proven.at, limitSeconds)
      : neverWords(evidence, search.lastBreach, limitSeconds)
    return { status: 'breach', reason, recovery }
  }
  // A breach on the threshold alone stands; a recovery needs the baseline bounds too.
  if (criteria.baselineMissing) return { ...inconclusive(criteria.baselineMissing), recovery }
  if (proven && recovery.met) {
    const reason = recoveredWords(evidence, proven.seconds, proven.at, limitSeconds)
    return { status: 'pass', reason, recovery }
  }
  return {
    status: 'inconclusive',
    reason: unconfirmedWords(evidence, limitSeconds, proven),
    recovery
  }
}

function inconclusive(reason: string): Decision {
  return { status: 'inconclusive', reason }
}

function breachRun(evidence: PhaseEvidence, run: Run): BreachRun {
  const breaching = breachingSlots(evidence, run)
  return {
    from: breaching[0]?.start ?? 0,
    to: breaching[breaching.length - 1]?.start ?? 0,
    breaching: run.breaching,
    length: run.to - run.from
  }
}

function observedValues(periods: readonly PeriodResult[]): ObservedValues | undefined {
  const values = periods.flatMap((period) => (period.value === undefined ? [] : [period.value]))
  const last = values[values.length - 1]
  if (last === undefined) return undefined
  const sum = values.reduce((total, value) => total + value, 0)
  return {
    min: values.reduce((low, value) => Math.min(low, value), last),
    max: values.reduce((high, value) => Math.max(high, value), last),
    mean: sum / values.length,
    last
  }
}
