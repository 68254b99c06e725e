/**
 * Hypothesis evidence as a real run makes it: a gate file's hypothesis through buildHypothesis,
 * noisy CloudWatch-like series (a 10-minute baseline, a 5-minute fault, 5 minutes after) through
 * evaluateCheck and hypothesisVerdict, in the shape renderHypothesis takes.
 */
import type { JsonObject } from '../../src/experiment/json-source.js'
import { buildHypothesis, type Hypothesis } from '../../src/hypothesis/definition.js'
import { evaluateCheck } from '../../src/hypothesis/evaluate.js'
import type { Datapoint, EvaluationWindows } from '../../src/hypothesis/model.js'
import { hypothesisVerdict } from '../../src/hypothesis/verdict.js'
import type { HypothesisSummaryInput } from '../../src/report/hypothesis-summary.js'

export const START = Date.UTC(2026, 11, 1, 18, 59)
const MINUTE = 60_000

/** A repeatable jitter in [-1, 1): the same series every run, yet no two periods alike. */
function jitter(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453
  return (x - Math.floor(x)) * 2 - 1
}

/**
 * One datapoint per `periodSeconds` from START − 10 min to START + 10 min: `healthy` (± 10 %),
 * `faulty` from the fault's start for `faultMinutes`, then `recovering` back to healthy.
 */
export function noisySeries(
  healthy: number,
  faulty: number,
  { periodSeconds = 60, faultMinutes = 5, seed = 1 } = {}
): Datapoint[] {
  const points: Datapoint[] = []
  for (let time = START - 10 * MINUTE; time < START + 10 * MINUTE; time += periodSeconds * 1000) {
    const inFault = time >= START + MINUTE && time < START + faultMinutes * MINUTE
    const level = inFault ? faulty : healthy
    points.push({ timestamp: time, value: level * (1 + 0.1 * jitter(time / 1000 + seed)) })
  }
  return points
}

export const windowsOf = (faultMinutes = 5): EvaluationWindows => ({
  baseline: { start: START - 10 * MINUTE, end: START },
  during: { start: START, end: START + faultMinutes * MINUTE },
  settle: 300
})

/** The three checks of the demo's release gate, as a gate file writes them. */
export const GATE_HYPOTHESIS = {
  baseline: 'PT10M',
  settle: 'PT5M',
  checks: [
    {
      name: 'p95 target response time',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: 'app/shop/50dc6c495c0c9188' },
        stat: 'p95',
        period: 60
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0.5,
      datapointsToAlarm: 2,
      evaluationPeriods: 3,
      baselineComparison: { maxIncreasePercent: 50 },
      phases: ['during', 'after']
    },
    {
      name: 'target 5XX errors',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: { LoadBalancer: 'app/shop/50dc6c495c0c9188' },
        stat: 'Sum',
        period: 60
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 1500,
      phases: ['during', 'after'],
      recoverWithin: 'PT3M'
    },
    {
      name: 'error rate',
      expression: 'FILL(errors, 0) / requests * 100',
      metrics: {
        errors: {
          namespace: 'AWS/ApplicationELB',
          metricName: 'HTTPCode_Target_5XX_Count',
          stat: 'Sum',
          period: 60
        },
        requests: {
          namespace: 'AWS/ApplicationELB',
          metricName: 'RequestCount',
          stat: 'Sum',
          period: 60
        }
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 5
    }
  ]
}

/** Series per check name: latency 0.22 s → 0.9 s, errors 240 → 2400 a minute, rate 0.4 % → 7.3 %. */
export const GATE_SERIES: Record<string, Datapoint[]> = {
  'p95 target response time': noisySeries(0.220109130139, 0.91, { seed: 1 }),
  'target 5XX errors': noisySeries(240, 2400, { seed: 2 }),
  'error rate': noisySeries(0.4, 7.3, { seed: 3 })
}

/** The gate's hypothesis as a run builds it. */
export const gateHypothesis = (): Hypothesis => hypothesisOf(GATE_HYPOTHESIS)

/** A hypothesis written as a file's JSON, read back the way a file is. */
const hypothesisOf = (file: object): Hypothesis =>
  buildHypothesis(JSON.parse(JSON.stringify(file)) as JsonObject)

/** renderHypothesis's input for `hypothesis` evaluated on `seriesByCheck`. */
export function summaryInput(
  file: object = GATE_HYPOTHESIS,
  seriesByCheck: Record<string, Datapoint[]> = GATE_SERIES,
  windows: EvaluationWindows = windowsOf()
): { input: HypothesisSummaryInput; hypothesis: Hypothesis } {
  const hypothesis = hypothesisOf(file)
  const checks = hypothesis.checks.map(({ definition }) =>
    evaluateCheck(definition, windows, seriesByCheck[definition.name] ?? [])
  )
  const outcome = hypothesisVerdict(checks)
  return {
    hypothesis,
    input: {
      evidence: {
        ...outcome,
        checks,
        windows,
        series: hypothesis.checks.map(({ definition }) => ({
          check: definition.name,
          points: seriesByCheck[definition.name] ?? []
        }))
      },
      conditions: hypothesis.checks.map((check) => check.definition)
    }
  }
}
