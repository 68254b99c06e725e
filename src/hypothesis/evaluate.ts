/**
 * The steady-state hypothesis, judged: pure functions from a check, the experiment's windows and
 * the datapoints to a status per phase with the evidence behind it. No I/O, no AWS, no clock.
 * docs/verdicts.md states the rules; in short:
 *
 * - A check is a CloudWatch alarm that must not fire. At the end of every period a phase owns
 *   (windows.ts), the alarm is evaluated exactly as CloudWatch would (alarm-evaluation.ts), with
 *   its look-back reaching into earlier periods.
 * - A phase breaches when any of its evaluations is ALARM. It is inconclusive when one is
 *   INSUFFICIENT_DATA or would retain the previous state (the one deliberate deviation from
 *   CloudWatch: never a pass there), when it owns no whole period, or when the baseline comparison
 *   has no baseline. Otherwise it passes.
 * - `after` with `recoverWithin`: the alarm must be back to OK, and stay OK to the end of the
 *   phase, at an evaluation no later than `recoverWithin` after the experiment end.
 * - A check with no datapoint in any period it looked at is inconclusive whatever
 *   `treatMissingData` says (`noData`).
 * - While the experiment runs, only periods that have ended are judged, and gaps (not yet
 *   ingested) are taken as not breaching: only real breaching datapoints can abort.
 */
import { evaluateTimeline, evaluationRangeLength } from './alarm-evaluation.js'
import { assertDefinition, baselineSummary, criteriaFor, judgePeriod } from './criteria.js'
import {
  PHASES,
  type AlarmEvaluation,
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
  type TreatMissingData
} from './model.js'
import {
  breachWords,
  lateWords,
  noDataAnywhere,
  notJudgedYet,
  noWholePeriod,
  passWords,
  recoveredWords,
  recoveryUnknownWords,
  stillInAlarmWords,
  unknownWords,
  type PhaseEvidence
} from './reasons.js'
import { worstStatus } from './verdict.js'
import { afterDeadline, alignDown, ownedPeriods, spanOf, valuesByPeriod } from './windows.js'

export { hypothesisVerdict } from './verdict.js'

export interface EvaluateOptions {
  /** Judge only the evaluations due by this time (while running: now). Default: all of them. */
  judgedUntil?: number
  /** The experiment is still running: gaps are not ingested yet and count as not breaching. */
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
  phase?: Phase,
  options: EvaluateOptions = {}
): CheckResult {
  assertDefinition(check)
  const values = valuesByPeriod(datapoints, check.period)
  const baseline = baselineSummary(check, windows, values)
  const evaluated = PHASES.filter(
    (candidate) => check.phases.includes(candidate) && (phase === undefined || candidate === phase)
  ).map((candidate) => evaluateIn(check, candidate, windows, values, baseline, options))
  const noData = evaluated.length > 0 && evaluated.every((result) => result.looked === 0)
  const phases = evaluated.map(({ result }) =>
    noData ? { ...result, status: 'inconclusive' as const, reason: noDataAnywhere(result) } : result
  )
  return {
    name: check.name,
    status: worstStatus(phases.map((result) => result.status)),
    phases,
    ...(baseline ? { baseline } : {}),
    ...(noData ? { noData } : {})
  }
}

/**
 * The `during` phase so far (`windows.during.end` is now), for the run loop's `abortOnBreach`:
 * only the evaluations due by `judgedUntil` (the periods already ingested).
 */
export function evaluateWhileRunning(
  check: CheckDefinition,
  windows: EvaluationWindows,
  datapoints: readonly Datapoint[],
  judgedUntil: number
): RunningEvaluation {
  const during = { ...check, phases: ['during' as const] }
  const options = { judgedUntil, running: true }
  const [result] = evaluateCheck(during, windows, datapoints, 'during', options).phases
  if (!result) throw new RangeError('the during phase was not evaluated')
  return { abort: check.abortOnBreach && result.status === 'breach', result }
}

interface Decision {
  status: PhaseStatus
  reason: string
  recovery?: Recovery
}

interface Evaluated {
  result: PhaseResult
  /** Real datapoints in every period the phase's evaluations looked at, look-back included. */
  looked: number
}

function evaluateIn(
  check: CheckDefinition,
  phase: Phase,
  windows: EvaluationWindows,
  values: ReadonlyMap<number, number>,
  baseline: BaselineSummary | undefined,
  options: EvaluateOptions
): Evaluated {
  const periodMs = check.period * 1000
  const owned = ownedPeriods(phase, check, windows)
  const treat: TreatMissingData = options.running ? 'notBreaching' : check.treatMissingData
  const criteria = criteriaFor(check, phase, windows, baseline)
  // Two periods more than a range: the evaluations between the experiment end and the after
  // phase (the one in force at the end, and the one of the period in progress) need full ranges.
  const range = evaluationRangeLength(check)
  const lookBack = (range + 1) * periodMs
  const first = owned[0] ?? windows.during.start
  const timeline: PeriodResult[] = []
  for (let start = first - lookBack; start <= (owned.at(-1) ?? first - periodMs); start += periodMs)
    timeline.push(judgePeriod(start, values.get(start), criteria))
  const periods = timeline.filter((period) => period.start >= first)
  const evaluations = evaluateTimeline(timeline, first, check, treat, periodMs).filter(
    (evaluation) => options.judgedUntil === undefined || evaluation.at <= options.judgedUntil
  )
  const observed = observedValues(periods)
  const evidence: PhaseEvidence = {
    check,
    treat,
    criteria,
    window: spanOf(owned, periodMs, phase === 'before' ? windows.during.start : first),
    periods,
    timeline,
    evaluations,
    datapoints: periods.filter((period) => period.value !== undefined).length,
    ...(observed ? { observed } : {})
  }
  const lead = leadEvaluations(timeline, first, windows, check, treat, periodMs)
  const decision =
    phase === 'after' && check.recoverWithin !== undefined
      ? decideRecovery(evidence, windows, lead)
      : decide(evidence, owned.length)
  const alarm = evaluations.find((evaluation) => evaluation.state === 'ALARM')
  const result: PhaseResult = {
    phase,
    status: decision.status,
    reason: decision.reason,
    window: evidence.window,
    expectedPeriods: owned.length,
    datapoints: evidence.datapoints,
    periods,
    evaluations,
    breachingPeriods: periods
      .filter((period) => period.state === 'breaching')
      .map((period) => period.start),
    ...(alarm ? { firstBreach: breachRun(timeline, alarm) } : {}),
    ...(observed ? { observed } : {}),
    ...(decision.recovery ? { recovery: decision.recovery } : {})
  }
  // The periods some evaluation's range reached: the look-back of the earliest one, onwards.
  const lookedFrom = (lead[0]?.period ?? first) - (range - 1) * periodMs
  const looked = timeline.filter(
    (period) => period.start >= lookedFrom && period.state !== 'missing'
  ).length
  return { result, looked }
}

/**
 * The evaluations from the one in force at the experiment end (the last at or before it) to just
 * before `first`: where recovery is measured from.
 */
function leadEvaluations(
  timeline: readonly PeriodResult[],
  first: number,
  windows: EvaluationWindows,
  check: CheckDefinition,
  treat: TreatMissingData,
  periodMs: number
): AlarmEvaluation[] {
  const inForce = alignDown(windows.during.end, periodMs) - periodMs
  return evaluateTimeline(timeline, inForce, check, treat, periodMs).filter(
    (evaluation) => evaluation.period < first
  )
}

/** Any ALARM breaches; then the baseline, unknown states and unjudged windows are inconclusive. */
function decide(evidence: PhaseEvidence, owned: number): Decision {
  const { evaluations, criteria } = evidence
  if (owned === 0) return inconclusive(noWholePeriod(evidence))
  const alarm = evaluations.find((evaluation) => evaluation.state === 'ALARM')
  if (alarm) return { status: 'breach', reason: breachWords(evidence, alarm) }
  if (criteria.baselineMissing) return inconclusive(criteria.baselineMissing)
  if (evaluations.length === 0) return inconclusive(notJudgedYet(evidence))
  const unknown = evaluations.find((evaluation) => !isSettled(evaluation))
  if (unknown) return inconclusive(unknownWords(evidence, unknown))
  return { status: 'pass', reason: passWords(evidence) }
}

const isSettled = (evaluation: AlarmEvaluation): boolean =>
  evaluation.state === 'ALARM' || evaluation.state === 'OK'

/**
 * Phase after with recoverWithin: the first evaluation from which the alarm stays OK to the end of
 * the phase is the recovery; it must come no later than the deadline.
 */
function decideRecovery(
  evidence: PhaseEvidence,
  windows: EvaluationWindows,
  lead: readonly AlarmEvaluation[]
): Decision {
  const { evaluations, check, criteria } = evidence
  const limitSeconds = check.recoverWithin ?? 0
  const last = evaluations.at(-1)
  if (!last) return inconclusive(noWholePeriod(evidence))
  const notRecovered: Recovery = { limitSeconds, recovered: false, met: false }
  if (last.state === 'ALARM') {
    return { status: 'breach', reason: stillInAlarmWords(evidence, last), recovery: notRecovered }
  }
  if (last.state !== 'OK') {
    return { ...inconclusive(unknownWords(evidence, last)), recovery: notRecovered }
  }
  // From the evaluation in force at the experiment end to the end of the after phase.
  const sequence = [...lead, ...evaluations]
  let from = sequence.length - 1
  while (from > 0 && sequence[from - 1]?.state === 'OK') from--
  const back = sequence[from] ?? last
  const end = windows.during.end
  const never = from === 0 && back.at <= end
  const seconds = never ? 0 : Math.max(0, back.at - end) / 1000
  const recovery: Recovery = {
    limitSeconds,
    recovered: true,
    seconds,
    at: never ? end : back.at,
    period: back.period,
    met: seconds <= limitSeconds
  }
  if (criteria.baselineMissing) return { ...inconclusive(criteria.baselineMissing), recovery }
  if (recovery.met) return { status: 'pass', reason: recoveredWords(evidence, recovery), recovery }
  const deadline = afterDeadline(check, windows)
  const lastAlarm = sequence.slice(0, from).findLastIndex((e) => e.state === 'ALARM')
  const unknownInTime = sequence
    .slice(lastAlarm + 1, from)
    .find((evaluation) => !isSettled(evaluation) && evaluation.at <= deadline)
  if (unknownInTime) {
    return { ...inconclusive(recoveryUnknownWords(evidence, unknownInTime, recovery)), recovery }
  }
  return { status: 'breach', reason: lateWords(evidence, recovery), recovery }
}

function inconclusive(reason: string): Decision {
  return { status: 'inconclusive', reason }
}

function breachRun(timeline: readonly PeriodResult[], alarm: AlarmEvaluation): BreachRun {
  const evaluated = new Set(alarm.evaluated)
  const breaching = timeline.filter(
    (period) => evaluated.has(period.start) && period.state === 'breaching'
  )
  return {
    at: alarm.at,
    from: breaching[0]?.start ?? alarm.period,
    to: breaching.at(-1)?.start ?? alarm.period,
    breaching: alarm.breaching,
    length: alarm.evaluated.length
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
