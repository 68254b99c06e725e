/**
 * The hypothesis inside a run, on the wall clock of a real account, where CloudWatch publishes a
 * period's datapoint some time after the period ends. `settle` is that ingestion delay: a period
 * is judged only once `settle` has passed since it ended.
 *
 * - `before`: over the baseline window that ends `settle` before now (the newest periods are not
 *   ingested yet), before any fault.
 * - While running: `abortOnBreach` checks, on the periods that have ended.
 * - After the experiment: wait until the last period every check needs has ended plus `settle`
 *   (saying what for and how long), then read once and judge every phase.
 */
import { describeAwsError } from '../aws/errors.js'
import { quote } from '../experiment/excerpt.js'
import type { Hypothesis, HypothesisCheck } from '../hypothesis/definition.js'
import { formatClock } from '../hypothesis/describe.js'
import { evaluateCheck, evaluateWhileRunning } from '../hypothesis/evaluate.js'
import type {
  CheckResult,
  Datapoint,
  EvaluationWindows,
  Phase,
  PhaseResult,
  TimeWindow
} from '../hypothesis/model.js'
import { hypothesisVerdict } from '../hypothesis/verdict.js'
import { dataSpan } from '../hypothesis/windows.js'
import type { RunContext } from './context.js'
import { fetchDatapoints } from './metrics.js'
import type { HypothesisEvidence } from './model.js'

const seriesOf = (
  hypothesis: Hypothesis,
  data: Map<string, Datapoint[]>
): { check: string; points: Datapoint[] }[] =>
  hypothesis.checks.map((check) => ({
    check: check.definition.name,
    points: data.get(check.queryId) ?? []
  }))

/** The span every check needs for `phases` (each check's own when `phases` is undefined). */
function spanOfAll(
  checks: readonly HypothesisCheck[],
  windows: EvaluationWindows,
  phases?: readonly Phase[]
): TimeWindow {
  const spans = checks.map(({ definition }) =>
    dataSpan(definition, windows, phases ?? definition.phases)
  )
  if (spans.length === 0) return windows.during
  return {
    start: Math.min(...spans.map((span) => span.start)),
    end: Math.max(...spans.map((span) => span.end))
  }
}

/** The metric a check reads, in words: `AWS/ApplicationELB TargetResponseTime {LoadBalancer=…}`. */
function metricWords(check: HypothesisCheck): string {
  if (!check.metric) return `the metrics of expression ${check.expression?.text ?? ''}`
  const dimensions = Object.entries(check.metric.dimensions)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ')
  return `${check.metric.namespace} ${check.metric.metricName} {${dimensions}} (${check.metric.stat}, ${check.metric.period} s)`
}

function warnNoData(
  context: RunContext,
  hypothesis: Hypothesis,
  results: readonly CheckResult[]
): void {
  results.forEach((result, index) => {
    const check = hypothesis.checks[index]
    if (!result.noData || !check) return
    context.log.warning(
      `Check "${result.name}" found no datapoint at all for ${metricWords(check)}: it is inconclusive. The usual cause is a typo in the namespace, metric name or a dimension; compare with the metric in the CloudWatch console.`
    )
  })
}

export interface BeforeRefusal {
  verdict: 'fail' | 'inconclusive' | 'error'
  reason: string
  /** The before-phase results behind the refusal (absent when the metrics could not be read). */
  evidence?: HypothesisEvidence
}

/** Phase `before`: a refusal (with the failing values) unless every before-check holds. */
export async function evaluateBefore(
  context: RunContext,
  hypothesis: Hypothesis
): Promise<BeforeRefusal | undefined> {
  const checks = hypothesis.checks.filter((check) => check.definition.phases.includes('before'))
  if (!checks.length || !hypothesis.baseline) return undefined
  const now = context.clock.now()
  const ingested = now - hypothesis.settle * 1000
  const windows: EvaluationWindows = {
    baseline: { start: ingested - hypothesis.baseline * 1000, end: ingested },
    during: { start: now, end: now },
    settle: hypothesis.settle
  }
  let data: Map<string, Datapoint[]>
  try {
    data = await fetchDatapoints(
      context,
      hypothesis.queries,
      spanOfAll(checks, windows, ['before'])
    )
  } catch (error) {
    return { verdict: 'error', reason: describeAwsError('CloudWatch GetMetricData', error) }
  }
  const results = hypothesis.checks.map((check) =>
    evaluateCheck(check.definition, windows, data.get(check.queryId) ?? [], 'before')
  )
  const judged = results.filter((result) => result.phases.length > 0)
  warnNoData(context, hypothesis, results)
  const outcome = hypothesisVerdict(judged)
  if (outcome.verdict === 'pass') return undefined
  const reason = `Refused before any fault: the steady state does not hold over the baseline window. ${outcome.reason}`
  return {
    verdict: outcome.verdict,
    reason,
    evidence: {
      verdict: outcome.verdict,
      reason,
      checks: judged,
      windows,
      series: seriesOf(hypothesis, data)
    }
  }
}

export interface RunningBreach {
  check: string
  /** Its `during` phase as judged while the experiment ran. */
  result: PhaseResult
}

/** While running: the first abortOnBreach check that breaches, if any. Missing data never aborts. */
export async function breachWhileRunning(
  context: RunContext,
  hypothesis: Hypothesis,
  start: number,
  /** The watch's deadline: the check's reads end there too. */
  deadline: number
): Promise<RunningBreach | undefined> {
  const checks = hypothesis.checks.filter((check) => check.definition.abortOnBreach)
  if (!checks.length) return undefined
  const now = Math.max(start, context.clock.now())
  const windows = windowsFor(hypothesis, start, now)
  const data = await fetchDatapoints(
    context,
    hypothesis.queries,
    { start: spanOfAll(checks, windows, ['during']).start, end: now },
    context.limits.cancellable(deadline)
  )
  for (const check of checks) {
    const points = data.get(check.queryId) ?? []
    // Like the final evaluation, only periods that ended `settle` ago: a newer one may be partial.
    const ingested = now - hypothesis.settle * 1000
    const { abort, result } = evaluateWhileRunning(check.definition, windows, points, ingested)
    if (abort) return { check: check.definition.name, result }
  }
  return undefined
}

function windowsFor(hypothesis: Hypothesis, start: number, end: number): EvaluationWindows {
  return {
    ...(hypothesis.baseline
      ? { baseline: { start: start - hypothesis.baseline * 1000, end: start } }
      : {}),
    during: { start, end },
    settle: hypothesis.settle
  }
}

/** When every period the checks judge has ended and had `settle` to be ingested. */
export function readyAt(hypothesis: Hypothesis, start: number, end: number): number {
  const span = spanOfAll(hypothesis.checks, windowsFor(hypothesis, start, end))
  return Math.max(end, span.end) + hypothesis.settle * 1000
}

function waitWords(hypothesis: Hypothesis, windows: EvaluationWindows, until: number): string {
  const last = hypothesis.checks
    .map((check) => ({ check, span: dataSpan(check.definition, windows, check.definition.phases) }))
    .reduce((latest, next) => (next.span.end > latest.span.end ? next : latest))
  const phase = last.check.definition.phases.includes('after') ? 'after window' : 'last period'
  return `until ${formatClock(until)} UTC: the ${phase} of check ${quote(last.check.definition.name)} ends at ${formatClock(last.span.end)} UTC, then settle (${hypothesis.settle} s) lets CloudWatch ingest it`
}

/** The hypothesis judged, or why it could not be: cancelled while waiting, or CloudWatch unreadable. */
export type AfterExperiment =
  | { judged: true; evidence: HypothesisEvidence }
  | { judged: false; verdict: 'cancelled' | 'error'; reason: string }

/** After the experiment: wait for every judged period to be in, then evaluate every phase. */
export async function evaluateAfterExperiment(
  context: RunContext,
  hypothesis: Hypothesis,
  start: number,
  end: number,
  pollIntervalMs: number,
  limit: { ms: number; text: string }
): Promise<AfterExperiment> {
  const windows = windowsFor(hypothesis, start, end)
  const range = spanOfAll(hypothesis.checks, windows)
  const until = readyAt(hypothesis, start, end)
  // A wait longer than `timeout` after the experiment (a day-long period, a long recoverWithin)
  // would hold the job for it: the verdict says so instead.
  if (until - Math.max(end, context.clock.now()) > limit.ms)
    return {
      judged: false,
      verdict: 'error',
      reason: `The metrics to judge are complete only at ${new Date(until).toISOString().replace('.000', '')} (${waitWords(hypothesis, windows, until)}), later than the timeout (${limit.text}) allows after the experiment; the hypothesis was not judged. Shorten the after window (period, evaluationPeriods, recoverWithin, settle) or raise timeout`
    }
  const seconds = Math.max(0, Math.ceil((until - context.clock.now()) / 1000))
  context.log.info(`Waiting ${seconds} s for the metrics ${waitWords(hypothesis, windows, until)}.`)
  await context.clock.sleep(Math.max(0, until - context.clock.now()), context.cancellation)
  // A read that fails is tried again at the poll interval, for as long again as settle.
  const giveUp = until + Math.max(hypothesis.settle * 1000, pollIntervalMs)
  for (;;) {
    if (context.cancellation.aborted) {
      return {
        judged: false,
        verdict: 'cancelled',
        reason: `The workflow was cancelled while fis-gate waited for the metrics (${waitWords(hypothesis, windows, until)}); the experiment had already ended, and the hypothesis was not judged`
      }
    }
    try {
      const data = await fetchDatapoints(context, hypothesis.queries, range)
      // A signal that arrived during the read still wins: the loop checks again first.
      if (!context.cancellation.aborted) {
        return { judged: true, evidence: judgeAll(context, hypothesis, windows, data) }
      }
    } catch (error) {
      const words = describeAwsError('CloudWatch GetMetricData', error)
      if (context.clock.now() >= giveUp) {
        return {
          judged: false,
          verdict: 'error',
          reason: `${words}; the hypothesis could not be judged`
        }
      }
      context.log.warning(`${words}; trying again`)
      await context.clock.sleep(pollIntervalMs, context.cancellation)
    }
  }
}

function judgeAll(
  context: RunContext,
  hypothesis: Hypothesis,
  windows: EvaluationWindows,
  data: Map<string, Datapoint[]>
): HypothesisEvidence {
  const results = hypothesis.checks.map((check) =>
    evaluateCheck(check.definition, windows, data.get(check.queryId) ?? [])
  )
  warnNoData(context, hypothesis, results)
  return {
    ...hypothesisVerdict(results),
    checks: results,
    windows,
    series: seriesOf(hypothesis, data)
  }
}

/**
 * An abortOnBreach stop is a failed hypothesis: where the final evaluation of that check's
 * `during` phase does not show the breach the run loop saw (the stop cut the window short), the
 * loop's result stands in for it, so the summary, the report and JUnit say what stopped the run.
 */
export function withAbortBreach(
  evidence: HypothesisEvidence,
  breach: RunningBreach
): HypothesisEvidence {
  const checks = evidence.checks.map((result) => {
    if (result.name !== breach.check || result.status === 'breach') return result
    const phases = [
      ...result.phases.filter((phase) => phase.phase === 'before'),
      breach.result,
      ...result.phases.filter((phase) => phase.phase === 'after')
    ]
    return { ...result, status: 'breach' as const, phases }
  })
  return { ...evidence, ...hypothesisVerdict(checks), checks }
}
