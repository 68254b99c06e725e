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
 * `before` only the threshold applies: the baseline is not compared with itself.
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
 * inconclusive otherwise. Recovery needs no N datapoints: it asks when the check came back.
 *
 * While running (`abortOnBreach`), the `during` window ends "now"; only a breach aborts. Gaps are
 * expected there (ingestion lag), so `breaching` is evaluated as `missing`: no gap can abort.
 */
import {
  isBreaching,
  isUndecided,
  runsOf,
  searchRecovery,
  type AlarmRule,
  type Run
} from './alarm-evaluation.js'
import {
  baselineWords,
  causeWords,
  conditionWords,
  formatNumber,
  formatTime,
  formatTimes,
  plural,
  thresholdWords,
  type ConditionWords
} from './describe.js'
import {
  PHASES,
  type BaselineSummary,
  type BreachCause,
  type BreachRun,
  type CheckDefinition,
  type CheckResult,
  type ComparisonOperator,
  type Datapoint,
  type EvaluationWindows,
  type HypothesisOutcome,
  type ObservedValues,
  type Phase,
  type PhaseResult,
  type PhaseStatus,
  type PeriodResult,
  type Recovery,
  type TimeWindow,
  type TreatMissingData
} from './model.js'
import { mean, periodStarts, valuesByPeriod } from './windows.js'

const COMPARE: Record<ComparisonOperator, (value: number, threshold: number) => boolean> = {
  GreaterThanThreshold: (value, threshold) => value > threshold,
  GreaterThanOrEqualToThreshold: (value, threshold) => value >= threshold,
  LessThanThreshold: (value, threshold) => value < threshold,
  LessThanOrEqualToThreshold: (value, threshold) => value <= threshold
}

/** What makes a period breach in one phase, and how to say it. */
interface Criteria {
  compare?: (value: number) => boolean
  upperBound?: number
  lowerBound?: number
  words: ConditionWords
  /** Which observed extremes matter: the side(s) a value can breach on. */
  watchMin: boolean
  watchMax: boolean
  /** Why the baseline comparison cannot be made in this phase, if it cannot. */
  baselineMissing?: string
}

/** Everything one phase evaluation looks at. */
interface PhaseContext {
  check: CheckDefinition
  rule: AlarmRule
  treat: TreatMissingData
  criteria: Criteria
  window: TimeWindow
  periods: PeriodResult[]
  /** The sequence runs slide over: the periods, or under `ignore` the periods with data. */
  slots: PeriodResult[]
  datapoints: number
  observed?: ObservedValues
}

interface Decision {
  status: PhaseStatus
  reason: string
  recovery?: Recovery
}

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

/**
 * The hypothesis verdict: any breach fails it (the reason names the first breaching check, in the
 * order given, and its phase); else anything inconclusive, including a check with no phase
 * evaluated and an empty list, makes it inconclusive; else it passes.
 */
export function hypothesisVerdict(results: readonly CheckResult[]): HypothesisOutcome {
  if (results.length === 0) return { verdict: 'inconclusive', reason: 'no check was evaluated' }
  const breaches = findings(results, 'breach')
  const [firstBreach] = breaches
  if (firstBreach) {
    return { verdict: 'fail', reason: findingReason(firstBreach, 'breached', breaches.length - 1) }
  }
  const notEvaluated = results.find((result) => result.phases.length === 0)
  if (notEvaluated) {
    return {
      verdict: 'inconclusive',
      reason: `${notEvaluated.name} was not evaluated in any phase`
    }
  }
  const unknowns = findings(results, 'inconclusive')
  const [firstUnknown] = unknowns
  if (firstUnknown) {
    return {
      verdict: 'inconclusive',
      reason: findingReason(firstUnknown, 'is inconclusive', unknowns.length - 1)
    }
  }
  const held = results.length === 1 ? 'the check held' : `all ${results.length} checks held`
  return { verdict: 'pass', reason: `${held} in every phase` }
}

interface Finding {
  check: CheckResult
  phase: PhaseResult
}

function findings(results: readonly CheckResult[], status: PhaseStatus): Finding[] {
  return results.flatMap((check) =>
    check.phases.filter((phase) => phase.status === status).map((phase) => ({ check, phase }))
  )
}

const PHASE_WORDS: Record<Phase, string> = {
  before: 'before the experiment',
  during: 'during the experiment',
  after: 'after the experiment'
}

function findingReason({ check, phase }: Finding, verb: string, others: number): string {
  const more = others > 0 ? ` (and ${others} more)` : ''
  return `${check.name} ${verb} ${PHASE_WORDS[phase.phase]}: ${phase.reason}${more}`
}

function worstStatus(statuses: readonly PhaseStatus[]): PhaseStatus {
  if (statuses.includes('breach')) return 'breach'
  if (statuses.length === 0 || statuses.includes('inconclusive')) return 'inconclusive'
  return 'pass'
}

function assertDefinition(check: CheckDefinition): void {
  const problem = definitionProblem(check)
  if (problem) throw new RangeError(`check "${check.name}": ${problem}`)
}

function definitionProblem(check: CheckDefinition): string | undefined {
  const { period, datapointsToAlarm: m, evaluationPeriods: n } = check
  if (!(Number.isFinite(period) && period > 0)) return `period must be positive, not ${period}`
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || m > n) {
    return `datapointsToAlarm (${m}) must be a whole number from 1 to evaluationPeriods (${n})`
  }
  if ((check.comparisonOperator === undefined) !== (check.threshold === undefined)) {
    return 'comparisonOperator and threshold go together'
  }
  const relative = check.baselineComparison
  const hasRelative =
    relative?.maxIncreasePercent !== undefined || relative?.maxDecreasePercent !== undefined
  if (check.threshold === undefined && !hasRelative) {
    return 'a check needs comparisonOperator and threshold, or baselineComparison'
  }
  if (check.recoverWithin !== undefined && !(check.recoverWithin >= 0)) {
    return `recoverWithin must not be negative, not ${check.recoverWithin}`
  }
  return undefined
}

function baselineSummary(
  check: CheckDefinition,
  windows: EvaluationWindows,
  values: ReadonlyMap<number, number>
): BaselineSummary | undefined {
  const comparison = check.baselineComparison
  if (!comparison || !windows.baseline) return undefined
  const starts = periodStarts(windows.baseline, check.period)
  const present = starts.flatMap((start) => {
    const value = values.get(start)
    return value === undefined ? [] : [value]
  })
  const summary: BaselineSummary = {
    window: windows.baseline,
    expectedPeriods: starts.length,
    datapoints: present.length
  }
  const baselineMean = mean(present)
  if (baselineMean === undefined) return summary
  // mean ± |mean| × p / 100, written as mean × (100 ± p) / 100 so that decimal means and
  // percentages land on the bound a person computes (0.2 and 20% give 0.16, not 0.16000000000000003).
  const sign = baselineMean < 0 ? -1 : 1
  const bound = (percent: number) => (baselineMean * (100 + sign * percent)) / 100
  const { maxIncreasePercent: increase, maxDecreasePercent: decrease } = comparison
  return {
    ...summary,
    mean: baselineMean,
    ...(increase !== undefined ? { upperBound: bound(increase) } : {}),
    ...(decrease !== undefined ? { lowerBound: bound(-decrease) } : {})
  }
}

function criteriaFor(
  check: CheckDefinition,
  phase: Phase,
  windows: EvaluationWindows,
  baseline: BaselineSummary | undefined
): Criteria {
  const { comparisonOperator: operator, threshold } = check
  const criteria: Criteria = { words: {}, watchMin: false, watchMax: false }
  if (operator !== undefined && threshold !== undefined) {
    criteria.compare = (value) => COMPARE[operator](value, threshold)
    criteria.words.threshold = thresholdWords(operator, threshold)
    const upward = operator.startsWith('Greater')
    criteria.watchMax = upward
    criteria.watchMin = !upward
  }
  const relative = phase === 'before' ? undefined : check.baselineComparison
  const increase = relative?.maxIncreasePercent
  const decrease = relative?.maxDecreasePercent
  if (increase === undefined && decrease === undefined) return criteria
  const baselineMean = baseline?.mean
  if (baselineMean === undefined) {
    criteria.baselineMissing = windows.baseline
      ? `no baseline data ${spanWords(windows.baseline)} to compare with`
      : 'no baseline window to compare with'
    return criteria
  }
  if (increase !== undefined) {
    criteria.upperBound = baseline?.upperBound
    criteria.words.increase = baselineWords('increase', increase, baselineMean)
    criteria.watchMax = true
  }
  if (decrease !== undefined) {
    criteria.lowerBound = baseline?.lowerBound
    criteria.words.decrease = baselineWords('decrease', decrease, baselineMean)
    criteria.watchMin = true
  }
  return criteria
}

function judgePeriod(
  start: number,
  value: number | undefined,
  criteria: Criteria,
  treat: TreatMissingData
): PeriodResult {
  if (value === undefined) {
    if (treat === 'breaching') return { start, state: 'breaching', causes: ['missing'] }
    return { start, state: treat === 'notBreaching' ? 'ok' : 'missing', causes: [] }
  }
  const causes: BreachCause[] = []
  if (criteria.compare?.(value)) causes.push('threshold')
  if (criteria.upperBound !== undefined && value > criteria.upperBound) causes.push('increase')
  if (criteria.lowerBound !== undefined && value < criteria.lowerBound) causes.push('decrease')
  return { start, value, state: causes.length > 0 ? 'breaching' : 'ok', causes }
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
  const context: PhaseContext = {
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
  const breach = runsOf(context.slots, check).find((run) => isBreaching(run, check))
  const firstBreach = breach && breachRun(context, breach)
  const decision =
    phase === 'after' && check.recoverWithin !== undefined
      ? decideRecovery(context, check.recoverWithin)
      : decide(context, breach)
  return {
    phase,
    status: decision.status,
    reason: decision.reason,
    window,
    expectedPeriods: periods.length,
    datapoints: context.datapoints,
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

function decide(context: PhaseContext, breach: Run | undefined): Decision {
  const { rule, treat, criteria, periods } = context
  if (periods.length === 0) return inconclusive(noWholePeriod(context))
  if (breach) return { status: 'breach', reason: breachWords(context, breach) }
  if (criteria.baselineMissing) return inconclusive(criteria.baselineMissing)
  const shortfall = dataShortfall(context)
  if (shortfall) return inconclusive(shortfall)
  const conditions = conditionWords(criteria.words)
  if (treat === 'missing' && conditions !== '') {
    const undecided = runsOf(context.slots, rule).find((run) => isUndecided(run, rule))
    if (undecided) return inconclusive(gapWords(context, undecided, conditions))
  }
  return { status: 'pass', reason: passWords(context, conditions) }
}

function decideRecovery(context: PhaseContext, limitSeconds: number): Decision {
  const { rule, treat, criteria, window, periods, slots } = context
  if (periods.length === 0) return inconclusive(noWholePeriod(context))
  if (context.datapoints === 0 && (treat === 'missing' || treat === 'ignore')) {
    return inconclusive(noData(context))
  }
  const search = searchRecovery(slots, rule, window.start + limitSeconds * 1000)
  const back = search.proven === undefined ? undefined : slots[search.proven]
  const seconds = back && Math.max(0, back.start - window.start) / 1000
  const recovery: Recovery = {
    limitSeconds,
    recovered: back !== undefined,
    ...(back && seconds !== undefined ? { seconds, at: back.start } : {}),
    met: seconds !== undefined && seconds <= limitSeconds
  }
  const backWords =
    back && seconds !== undefined
      ? `${seconds === 0 ? 'at once' : `after ${formatNumber(seconds)} s`} (${formatTime(back.start)} UTC)`
      : ''
  if (!search.possibleInTime) {
    const reason = back
      ? `recovered ${backWords}, later than recoverWithin ${formatNumber(limitSeconds)} s`
      : `did not recover within ${formatNumber(limitSeconds)} s: ${stillBreaching(context, search.lastBreach)}`
    return { status: 'breach', reason, recovery }
  }
  if (criteria.baselineMissing) return { ...inconclusive(criteria.baselineMissing), recovery }
  if (recovery.met) {
    const reason = `recovered ${backWords} and held to ${formatTime(coveredEnd(context))} UTC, within recoverWithin ${formatNumber(limitSeconds)} s`
    return { status: 'pass', reason, recovery }
  }
  const gaps = periods.filter((period) => period.state === 'missing').map((period) => period.start)
  const later = back ? `; it is known to be back only ${backWords}` : ''
  const reason = `recovery within ${formatNumber(limitSeconds)} s cannot be confirmed: ${gaps.length} of ${plural(periods.length, 'period')} had no data (${formatTimes(gaps)})${later}`
  return { status: 'inconclusive', reason, recovery }
}

function inconclusive(reason: string): Decision {
  return { status: 'inconclusive', reason }
}

function dataShortfall(context: PhaseContext): string | undefined {
  const { rule, treat, periods, datapoints } = context
  const n = rule.evaluationPeriods
  if (periods.length < n) {
    return `the window holds ${plural(periods.length, 'period')}, fewer than the ${n} evaluation periods`
  }
  if (treat !== 'missing' && treat !== 'ignore') return undefined
  if (datapoints === 0) return noData(context)
  if (datapoints < n) {
    return `only ${datapoints} of ${plural(periods.length, 'period')} had data, fewer than the ${n} evaluation periods`
  }
  return undefined
}

function noWholePeriod({ window, check }: PhaseContext): string {
  return `the window from ${formatTime(window.start)} to ${formatTime(window.end)} UTC holds no whole ${formatNumber(check.period)} s period`
}

function noData(context: PhaseContext): string {
  return `no data in any of the ${plural(context.periods.length, 'period')} ${coveredSpan(context)}`
}

function coveredEnd({ periods, check }: PhaseContext): number {
  const last = periods[periods.length - 1]
  return last ? last.start + check.period * 1000 : 0
}

function coveredSpan(context: PhaseContext): string {
  const first = context.periods[0]
  return first ? spanWords({ start: first.start, end: coveredEnd(context) }) : ''
}

function spanWords(window: TimeWindow): string {
  return `from ${formatTime(window.start)} to ${formatTime(window.end)} UTC`
}

function unit(context: PhaseContext): string {
  return context.treat === 'ignore' ? 'datapoint' : 'period'
}

function breachRun(context: PhaseContext, run: Run): BreachRun {
  const breaching = context.slots
    .slice(run.from, run.to)
    .filter((slot) => slot.state === 'breaching')
  return {
    from: breaching[0]?.start ?? 0,
    to: breaching[breaching.length - 1]?.start ?? 0,
    breaching: run.breaching,
    length: run.to - run.from
  }
}

/** `2 of 3 periods above 0.5 from 10:04 to 10:06 UTC`, or `period 10:04 UTC above 0.5 (0.7)`. */
function breachWords(context: PhaseContext, run: Run): string {
  const breaching = context.slots
    .slice(run.from, run.to)
    .filter((slot) => slot.state === 'breaching')
  const [first] = breaching
  const last = breaching[breaching.length - 1]
  const conditions = causeWords(
    context.criteria.words,
    breaching.flatMap((slot) => slot.causes)
  )
  if (!first || !last || first === last) return first ? periodWords(first, context) : ''
  return `${run.breaching} of ${plural(run.to - run.from, unit(context))} ${conditions} from ${formatTime(first.start)} to ${formatTime(last.start)} UTC`
}

function periodWords(period: PeriodResult, context: PhaseContext): string {
  const value = period.value === undefined ? '' : ` (${formatNumber(period.value)})`
  return `period ${formatTime(period.start)} UTC ${causeWords(context.criteria.words, period.causes)}${value}`
}

/** What kept the check from recovering: its latest M-of-N breach, else its latest breaching period. */
function stillBreaching(context: PhaseContext, lastBreach: Run | undefined): string {
  if (lastBreach) return breachWords(context, lastBreach)
  const breaching = context.slots.filter((slot) => slot.state === 'breaching')
  const last = breaching[breaching.length - 1]
  return last ? periodWords(last, context) : 'no period was back within the threshold'
}

function gapWords(context: PhaseContext, run: Run, conditions: string): string {
  const { rule, periods, slots } = context
  const runSlots = slots.slice(run.from, run.to)
  const gaps = runSlots.filter((slot) => slot.state === 'missing').map((slot) => slot.start)
  const missing = periods.filter((period) => period.state === 'missing').length
  const first = runSlots[0]
  const last = runSlots[runSlots.length - 1]
  const { datapointsToAlarm: m, evaluationPeriods: n } = rule
  const hidden =
    n === 1 || !first || !last
      ? `a period ${conditions}`
      : `${m} of ${n} periods ${conditions} from ${formatTime(first.start)} to ${formatTime(last.start)} UTC`
  return `${missing} of ${plural(periods.length, 'period')} had no data; the ${gaps.length === 1 ? 'gap' : 'gaps'} at ${formatTimes(gaps)} could hide ${hidden}`
}

function passWords(context: PhaseContext, conditions: string): string {
  const { rule, treat, periods, datapoints } = context
  const hadData = `${datapoints} of ${plural(periods.length, 'period')} had data`
  if (conditions === '') {
    return `${hadData} ${coveredSpan(context)}; the baseline comparison starts with the experiment`
  }
  const notes = [hadData]
  if (datapoints < periods.length) notes.push(GAP_NOTES[treat])
  const observed = observedWords(context)
  if (observed) notes.push(observed)
  const { datapointsToAlarm: m, evaluationPeriods: n } = rule
  const runText = n === 1 ? unit(context) : `${m} of ${n} consecutive ${unit(context)}s`
  return `no ${runText} ${conditions} ${coveredSpan(context)} (${notes.join(', ')})`
}

const GAP_NOTES: Record<TreatMissingData, string> = {
  missing: 'no gap could hide a breach',
  ignore: 'gaps ignored',
  breaching: 'periods without data count as breaching',
  notBreaching: 'periods without data count as not breaching'
}

function observedWords({ criteria, observed }: PhaseContext): string | undefined {
  if (!observed) return undefined
  const parts: string[] = []
  if (criteria.watchMin) parts.push(`min ${formatNumber(observed.min)}`)
  if (criteria.watchMax) parts.push(`max ${formatNumber(observed.max)}`)
  return parts.length > 0 ? parts.join(', ') : undefined
}

function observedValues(periods: readonly PeriodResult[]): ObservedValues | undefined {
  const values = periods.flatMap((period) => (period.value === undefined ? [] : [period.value]))
  const average = mean(values)
  const last = values[values.length - 1]
  if (average === undefined || last === undefined) return undefined
  return { min: Math.min(...values), max: Math.max(...values), mean: average, last }
}
