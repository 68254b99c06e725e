/**
 * The hypothesis inside a run: `before` checks over the baseline window before any fault,
 * `abortOnBreach` checks while the experiment runs, and every phase after the experiment ends,
 * once the metrics have settled (re-queried until each window's last period is in, or settle
 * runs out).
 */
import { describeAwsError } from '../aws/errors.js'
import { afterWindowSeconds, type Hypothesis } from '../hypothesis/definition.js'
import { evaluateCheck, evaluatePhase, evaluateWhileRunning } from '../hypothesis/evaluate.js'
import type {
  CheckResult,
  Datapoint,
  EvaluationWindows,
  PhaseResult,
  TimeWindow
} from '../hypothesis/model.js'
import { hypothesisVerdict } from '../hypothesis/verdict.js'
import { periodStarts } from '../hypothesis/windows.js'
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
  // The fault would start now: the baseline window ends here and the during window is still empty.
  const windows: EvaluationWindows = {
    baseline: { start: now - hypothesis.baseline * 1000, end: now },
    during: { start: now, end: now }
  }
  let data: Map<string, Datapoint[]>
  try {
    data = await fetchDatapoints(context, hypothesis.queries, windows.baseline as TimeWindow)
  } catch (error) {
    return { verdict: 'error', reason: describeAwsError('CloudWatch GetMetricData', error) }
  }
  const results = checks.map((check) => {
    const phase = evaluatePhase(check.definition, windows, data.get(check.queryId) ?? [], 'before')
    return {
      name: check.definition.name,
      status: phase.status,
      phases: [phase]
    } satisfies CheckResult
  })
  const outcome = hypothesisVerdict(results)
  if (outcome.verdict === 'pass') return undefined
  const reason = `Refused before any fault: the steady state does not hold over the baseline window. ${outcome.reason}`
  return {
    verdict: outcome.verdict,
    reason,
    evidence: {
      verdict: outcome.verdict,
      reason,
      checks: results,
      windows,
      series: seriesOf(hypothesis, data)
    }
  }
}

/** While running: the first abortOnBreach check that breaches, if any. Missing data never aborts. */
export async function breachWhileRunning(
  context: RunContext,
  hypothesis: Hypothesis,
  start: number,
  baseline?: TimeWindow
): Promise<(PhaseResult & { check: string }) | undefined> {
  const checks = hypothesis.checks.filter((check) => check.definition.abortOnBreach)
  if (!checks.length) return undefined
  const data = await fetchDatapoints(context, hypothesis.queries, {
    start: baseline?.start ?? start,
    end: Math.max(start, context.clock.now()) + 86_400_000
  })
  for (const check of checks) {
    const points = data.get(check.queryId) ?? []
    const latest = points.reduce(
      (max, point) => Math.max(max, point.timestamp + check.definition.period * 1000),
      start
    )
    const { abort, result } = evaluateWhileRunning(
      check.definition,
      { baseline, during: { start, end: latest } },
      points
    )
    if (abort) return { ...result, check: check.definition.name }
  }
  return undefined
}

function windowsFor(hypothesis: Hypothesis, start: number, end: number): EvaluationWindows {
  const after = afterWindowSeconds(hypothesis)
  return {
    ...(hypothesis.baseline
      ? { baseline: { start: start - hypothesis.baseline * 1000, end: start } }
      : {}),
    during: { start, end },
    ...(after ? { after: { start: end, end: end + after * 1000 } } : {})
  }
}

/** Every period a check needs is in, or treatMissingData decides for missing ones. */
function complete(
  hypothesis: Hypothesis,
  windows: EvaluationWindows,
  data: Map<string, Datapoint[]>
): boolean {
  return hypothesis.checks.every(({ definition, queryId }) => {
    if (
      definition.treatMissingData === 'breaching' ||
      definition.treatMissingData === 'notBreaching'
    )
      return true
    const present = new Set((data.get(queryId) ?? []).map((point) => point.timestamp))
    return (['during', 'after'] as const).every((phase) => {
      const window = windows[phase]
      if (!window || !definition.phases.includes(phase)) return true
      const last = periodStarts(window, definition.period).at(-1)
      return last === undefined || present.has(last)
    })
  })
}

/** After the experiment: wait for the metrics to settle, then evaluate every phase of every check. */
export async function evaluateAfterExperiment(
  context: RunContext,
  hypothesis: Hypothesis,
  start: number,
  end: number,
  pollIntervalMs: number
): Promise<HypothesisEvidence> {
  const windows = windowsFor(hypothesis, start, end)
  const range: TimeWindow = {
    start: windows.baseline?.start ?? start,
    end: windows.after?.end ?? end
  }
  // Real seconds to wait at most: the after window still has to happen, then ingestion settles.
  const deadline =
    context.clock.now() + ((windows.after ? windows.after.end - end : 0) + hypothesis.settle * 1000)
  let data = new Map<string, Datapoint[]>()
  for (;;) {
    try {
      data = await fetchDatapoints(context, hypothesis.queries, range)
    } catch (error) {
      context.log.warning(describeAwsError('CloudWatch GetMetricData', error))
    }
    if (
      complete(hypothesis, windows, data) ||
      context.clock.now() >= deadline ||
      context.cancellation.aborted
    )
      break
    await context.clock.sleep(
      Math.min(pollIntervalMs, Math.max(0, deadline - context.clock.now())),
      context.cancellation
    )
  }
  const results = hypothesis.checks.map((check) =>
    evaluateCheck(check.definition, windows, data.get(check.queryId) ?? [])
  )
  return {
    ...hypothesisVerdict(results),
    checks: results,
    windows,
    series: seriesOf(hypothesis, data)
  }
}
