/**
 * The steady-state hypothesis end to end: the bundled action against the emulator's metrics.
 * Each case asserts the verdict, the outputs, what the job summary and the JUnit file say, and
 * that the JSON report validates against schemas/report.schema.json.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { XMLParser } from 'fast-xml-parser'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  startEmulator,
  type Emulator,
  type Scenario,
  type ScenarioMetric
} from '../../emulator/index.js'
import { killRunningActions, runAction, type ActionRunResult } from '../support/action-harness.js'
import { cartsTemplate } from '../support/emulator-clients.js'
import { LOAD_BALANCER, testScenario, withMetric } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let emulator: Emulator | undefined
let workspace: Workspace | undefined

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

const latencyMetric = {
  namespace: 'AWS/ApplicationELB',
  metricName: 'TargetResponseTime',
  dimensions: { LoadBalancer: LOAD_BALANCER.Value },
  stat: 'p95',
  period: 60
}

function check(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'carts p95 latency',
    metric: latencyMetric,
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0.5,
    ...changes
  }
}

function gateFile(hypothesis: Record<string, unknown>, duration = 'PT5M'): object {
  return { template: cartsTemplate({ duration }), hypothesis: { settle: 'PT3S', ...hypothesis } }
}

const slowWhileLatency = (recovery?: {
  duration: string
  shape: 'linear' | 'exponential' | 'step'
}): Pick<Scenario, 'metrics'> =>
  withMetric('TargetResponseTime', {
    effects: [
      {
        whenActionsRun: ['aws:ecs:task-network-latency'],
        operation: 'set',
        value: 0.9,
        statistics: ['p95'],
        ...(recovery ? { recovery } : {})
      }
    ]
  })

const requests: ScenarioMetric = {
  namespace: 'AWS/ApplicationELB',
  metricName: 'RequestCount',
  dimensions: { LoadBalancer: LOAD_BALANCER.Value },
  statistics: { Sum: { baseline: 1000 } }
}

interface Outcome {
  result: ActionRunResult
  report: {
    experiments: {
      verdict: string
      reason: string
      hypothesis?: {
        verdict: string
        checks: {
          name: string
          status: string
          phases: { phase: string; status: string; recovery?: { seconds?: number; met: boolean } }[]
        }[]
      }
    }[]
  }
  junit: {
    testsuites: {
      tests: number
      failures: number
      errors: number
      skipped: number
      testsuite: { testcase: { name: string; failure?: unknown; error?: unknown }[] }
    }
  }
}

function validateReport(report: unknown): void {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/ }
  })
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(process.cwd(), 'schemas/report.schema.json'), 'utf8')) as object
  )
  expect([validate(report), validate.errors ?? null]).toEqual([true, null])
}

async function run(scenario: Partial<Scenario>, file: object): Promise<Outcome> {
  emulator = await startEmulator({
    scenario: testScenario({ timeScale: 300, initiationDelay: 'PT2S', ...scenario })
  })
  workspace = tempWorkspace({ 'experiments/carts.json': file })
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: `hypothesis-${Date.now()}`,
    inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '200ms' }
  })
  const report = JSON.parse(
    readFileSync(result.outputs.report as string, 'utf8')
  ) as Outcome['report']
  validateReport(report)
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: true,
    isArray: (name) => name === 'testcase'
  })
  const junit = parser.parse(
    readFileSync(result.outputs.junit as string, 'utf8')
  ) as Outcome['junit']
  return { result, report, junit }
}

describe('hypothesis', () => {
  it('passes when every check holds during and after the experiment', async () => {
    const { result, report, junit } = await run({}, gateFile({ checks: [check()] }))
    expect(result.outputs.verdict).toBe('pass')
    expect(report.experiments[0]?.reason).toMatch(/and the hypothesis held/)
    expect(
      report.experiments[0]?.hypothesis?.checks[0]?.phases.map((phase) => [
        phase.phase,
        phase.status
      ])
    ).toEqual([
      ['during', 'pass'],
      ['after', 'pass']
    ])
    expect(result.summary).toContain('**Hypothesis: ✅ pass**')
    expect(result.summary).toMatch(/```mermaid\nxychart-beta\n {2}title "carts p95 latency/)
    expect(result.summary).toMatch(
      /\[metric in CloudWatch\]\(https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#metricsV2:graph=~\(\);search=TargetResponseTime\)/
    )
    expect(result.summary).toMatch(
      /\[<code>EXP\w+<\/code>\]\(https:\/\/eu-west-1\.console\.aws\.amazon\.com\/fis\/home\?region=eu-west-1#ExperimentDetails:ExperimentId=EXP\w+\)/
    )
    expect(junit.testsuites).toMatchObject({ tests: 2, failures: 0, errors: 0 })
  })

  it('fails when a check breaches during the experiment, naming the periods', async () => {
    const { result, report, junit } = await run(
      slowWhileLatency(),
      gateFile({ checks: [check({ datapointsToAlarm: 2, evaluationPeriods: 3 })] })
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verdict).toBe('fail')
    expect(report.experiments[0]?.reason).toMatch(
      /The hypothesis breached: carts p95 latency breached during the experiment: \d of \d periods above 0\.5/
    )
    // The first period of the window precedes the action (initiation): min is the baseline.
    expect(result.summary).toMatch(
      /\| carts p95 latency \| during \| ❌ breach \| 0\.2 \/ 0\.9 \/ 0\.9 \| \d \(/
    )
    expect(junit.testsuites).toMatchObject({ tests: 2, failures: 1, errors: 0 })
    const cases = junit.testsuites.testsuite.testcase
    expect(cases.find((testcase) => testcase.name === 'carts p95 latency')?.failure).toBeDefined()
  })

  it('fails when a check does not recover within recoverWithin, with the recovery time', async () => {
    const { result, report } = await run(
      slowWhileLatency({ duration: 'PT4M', shape: 'linear' }),
      gateFile({ checks: [check({ phases: ['after'], recoverWithin: 'PT1M' })] })
    )
    expect(result.outputs.verdict).toBe('fail')
    const after = report.experiments[0]?.hypothesis?.checks[0]?.phases[0]
    expect(after).toMatchObject({ phase: 'after', status: 'breach', recovery: { met: false } })
    expect(result.summary).toMatch(
      /\| carts p95 latency \| after \| ❌ breach \|.*\| not recovered \(limit 60 s\) \|/
    )
  })

  it('is inconclusive, never a pass, when the metric has no data', async () => {
    const missing = { ...latencyMetric, metricName: 'NoSuchMetric' }
    const { result, report, junit } = await run(
      {},
      gateFile({ checks: [check({ metric: missing, phases: ['during'] })] })
    )
    expect(result.outputs.verdict).toBe('inconclusive')
    expect(report.experiments[0]?.reason).toMatch(
      /could not be decided: .*no data|could not be decided: .*had data/
    )
    expect(junit.testsuites).toMatchObject({ tests: 2, failures: 0, errors: 1 })
    expect(result.exitCode).toBe(1)
  })

  it('refuses before any fault when a before-check breaches over the baseline window', async () => {
    const { result, report, junit } = await run(
      {},
      gateFile({
        baseline: 'PT10M',
        checks: [check({ threshold: 0.1, phases: ['before', 'during'] })]
      })
    )
    expect(result.outputs.verdict).toBe('fail')
    expect(report.experiments[0]?.reason).toMatch(
      /Refused before any fault: the steady state does not hold over the baseline window. carts p95 latency breached before the experiment/
    )
    expect(result.calls.filter((call) => /Template|StartExperiment/.test(call.operation))).toEqual(
      []
    )
    expect(junit.testsuites.testsuite.testcase[0]).toMatchObject({ skipped: expect.anything() })
  })

  it('stops the experiment early when an abortOnBreach check breaches', async () => {
    const { result, report } = await run(
      slowWhileLatency(),
      gateFile({ checks: [check({ phases: ['during'], abortOnBreach: true })] }, 'PT12H')
    )
    expect(result.outputs.verdict).toBe('fail')
    expect(report.experiments[0]?.reason).toMatch(
      /Check "carts p95 latency" breached while the experiment ran, so fis-gate stopped it early \(abortOnBreach\)/
    )
    expect(
      result.calls.filter((call) => call.operation === 'StopExperiment' && call.status === 200)
    ).toHaveLength(1)
    expect(emulator?.experiments()[0]?.status).toBe('stopped')
  })

  it('judges a metric-math expression (error rate in percent)', async () => {
    const errorRate = {
      name: 'carts error rate %',
      expression: 'errors / requests * 100',
      metrics: {
        errors: {
          namespace: 'AWS/ApplicationELB',
          metricName: 'HTTPCode_Target_5XX_Count',
          dimensions: { LoadBalancer: LOAD_BALANCER.Value },
          stat: 'Sum',
          period: 60
        },
        requests: {
          namespace: 'AWS/ApplicationELB',
          metricName: 'RequestCount',
          dimensions: { LoadBalancer: LOAD_BALANCER.Value },
          stat: 'Sum',
          period: 60
        }
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 5,
      phases: ['during']
    }
    const errorsWhileLatency: Partial<Scenario> = {
      metrics: [
        ...(withMetric('HTTPCode_Target_5XX_Count', {
          effects: [
            { whenActionsRun: ['aws:ecs:task-network-latency'], operation: 'set', value: 120 }
          ]
        }).metrics ?? []),
        requests
      ]
    }
    const healthy = await run(
      { metrics: [...(testScenario().metrics ?? []), requests] },
      gateFile({ checks: [errorRate] })
    )
    expect(healthy.result.outputs.verdict).toBe('pass')
    await emulator?.stop()
    emulator = undefined
    workspace?.remove()
    const { result, report } = await run(errorsWhileLatency, gateFile({ checks: [errorRate] }))
    expect(result.outputs.verdict).toBe('fail')
    expect(report.experiments[0]?.reason).toMatch(
      /carts error rate % breached during the experiment: .*above 5/
    )
    const math = result.calls.find((call) => call.operation === 'GetMetricData')
    expect(JSON.stringify(math?.request)).toContain('c0_errors / c0_requests * 100')
  })
})
