/**
 * The steady-state hypothesis end to end, in a world whose timestamps are the wall clock: the
 * emulator's datapoints appear only `ingestionLag` after their samples, the newest period is
 * partial, and baseline history exists before the run. Most cases use 5-second periods (1-second
 * samples) with a proportionate lag, since the rules do not depend on the period's length; one
 * uses 60-second periods. The time scale shrinks only FIS's durations (a PT1M action lasts 6 s).
 * Each case asserts the verdict and reason, and that the JSON report (valid against
 * schemas/report.schema.json), the summary and JUnit agree with it.
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
  type ScenarioEffect,
  type ScenarioMetric
} from '../../emulator/index.js'
import { killRunningActions, runAction, type ActionRunResult } from '../support/action-harness.js'
import { alarmArn, cartsTemplate } from '../support/emulator-clients.js'
import { LOAD_BALANCER, testScenario, withAlarm } from '../support/test-scenario.js'
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

const LATENCY_ACTION = 'aws:ecs:task-network-latency'
const dimensions = { LoadBalancer: LOAD_BALANCER.Value }

function metric(
  metricName: string,
  statistic: string,
  baseline: number,
  effects: ScenarioEffect[] = []
): ScenarioMetric {
  return {
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions,
    resolution: 1,
    statistics: { [statistic]: { baseline } },
    effects
  }
}

const whileFault = (value: number, recovery?: string): ScenarioEffect => ({
  whenActionsRun: [LATENCY_ACTION],
  operation: 'set',
  value,
  ...(recovery ? { recovery: { duration: recovery, shape: 'step' as const } } : {})
})

function check(changes: Record<string, unknown> = {}, period = 5): Record<string, unknown> {
  return {
    name: 'carts p95 latency',
    metric: {
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions,
      stat: 'p95',
      period
    },
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0.5,
    ...changes
  }
}

/** A gate file whose fault lasts `duration` of FIS time (a tenth of it on the wall clock). */
function gateFile(hypothesis: Record<string, unknown>, duration = 'PT1M', alarm?: string): object {
  return {
    template: cartsTemplate({ duration, ...(alarm ? { alarm } : {}) }),
    hypothesis: { settle: 'PT6S', ...hypothesis }
  }
}

/** The real-time world: wall-clock timestamps, a 4-second ingestion lag, FIS ten times faster. */
function world(metrics: ScenarioMetric[], changes: Partial<Scenario> = {}): Scenario {
  return testScenario({
    clock: 'wall',
    timeScale: 10,
    initiationDelay: 'PT5S',
    ingestionLag: 'PT4S',
    metrics,
    ...changes
  })
}

interface PhaseReport {
  phase: string
  status: string
  reason: string
  periods: { start: number }[]
  evaluations: { at: number; state: string }[]
  recovery?: { seconds?: number; met: boolean; recovered: boolean }
}

interface Outcome {
  result: ActionRunResult
  report: {
    experiments: {
      verdict: string
      reason: string
      startTime?: string
      endTime?: string
      hypothesis?: {
        verdict: string
        checks: { name: string; status: string; noData?: boolean; phases: PhaseReport[] }[]
      }
    }[]
  }
  junit: {
    testsuites: {
      tests: number
      failures: number
      errors: number
      testsuite: { testcase: { name: string; failure?: { type: string }; error?: unknown }[] }
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

async function run(
  scenario: Scenario,
  file: object,
  options: Pick<Parameters<typeof runAction>[0] & object, 'signal' | 'inputs'> = {}
): Promise<Outcome> {
  emulator = await startEmulator({ scenario })
  workspace = tempWorkspace({ 'experiments/carts.json': file })
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: `hypothesis-${Date.now()}`,
    inputs: {
      mode: 'run',
      experiments: 'experiments/*.json',
      'poll-interval': '1s',
      ...options.inputs
    },
    timeoutMs: 240_000,
    ...(options.signal ? { signal: options.signal } : {})
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

const experimentOf = (outcome: Outcome) => outcome.report.experiments[0]
const phasesOf = (outcome: Outcome, index = 0) =>
  experimentOf(outcome)?.hypothesis?.checks[index]?.phases ?? []
const statuses = (outcome: Outcome) => phasesOf(outcome).map((phase) => [phase.phase, phase.status])

/** The last GetMetricData call, and when the last judged period had ended plus settle. */
function readLate(outcome: Outcome, settleSeconds: number): void {
  const reads = outcome.result.calls.filter((call) => call.operation === 'GetMetricData')
  const lastRead = reads.at(-1)?.time ?? 0
  const lastPeriodEnd = Math.max(
    ...phasesOf(outcome).flatMap((phase) => phase.evaluations.map((evaluation) => evaluation.at))
  )
  expect(lastRead).toBeGreaterThanOrEqual(lastPeriodEnd + settleSeconds * 1000)
}

const MINUTES = 60_000

/** The worst sample of a period: a blip shorter than the period shows whole. */
const maximum = {
  namespace: 'AWS/ApplicationELB',
  metricName: 'TargetResponseTime',
  dimensions,
  stat: 'Maximum',
  period: 5
}

describe('hypothesis in real time', () => {
  it('passes a healthy world, waiting until every judged period is ingested and saying so', async () => {
    const outcome = await run(
      world([metric('TargetResponseTime', 'p95', 0.2)]),
      gateFile({
        baseline: 'PT30S',
        checks: [check({ phases: ['before', 'during', 'after'], recoverWithin: 'PT10S' })]
      })
    )
    const { result, junit } = outcome
    expect([result.outputs.verdict, result.exitCode]).toEqual(['pass', 0])
    expect(experimentOf(outcome)?.reason).toMatch(/and the hypothesis held/)
    expect(statuses(outcome)).toEqual([
      ['before', 'pass'],
      ['during', 'pass'],
      ['after', 'pass']
    ])
    expect(result.stdout).toMatch(
      /Waiting \d+ s for the metrics until \d\d:\d\d:\d\d UTC: the after window of check "carts p95 latency" ends at \d\d:\d\d:\d\d UTC, then settle \(6 s\)/
    )
    readLate(outcome, 6)
    expect(result.summary).toContain('**Hypothesis: ✅ pass**')
    expect(junit.testsuites).toMatchObject({ tests: 2, failures: 0, errors: 0 })
  }, 120_000)

  it('fails on a 5XX burst after the experiment under notBreaching (settle covers it)', async () => {
    // Errors are reported only when they happen: 0 while the fault runs (the second effect),
    // then 8 a second for 8 s right after it, as a downstream retry storm would.
    const errors = metric('HTTPCode_Target_5XX_Count', 'Sum', 0, [
      {
        whenActionsRun: [LATENCY_ACTION],
        operation: 'add',
        value: 8,
        recovery: { duration: 'PT8S', shape: 'step' }
      },
      { whenActionsRun: [LATENCY_ACTION], operation: 'set', value: 0 }
    ])
    const burst = {
      name: 'carts 5xx',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions,
        stat: 'Sum',
        period: 5
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 10,
      treatMissingData: 'notBreaching',
      phases: ['after']
    }
    const outcome = await run(world([errors]), gateFile({ settle: 'PT15S', checks: [burst] }))
    expect(outcome.result.outputs.verdict).toBe('fail')
    expect(experimentOf(outcome)?.reason).toMatch(
      /^The hypothesis breached: carts 5xx breached after the experiment: in ALARM at \d\d:\d\d(?::\d\d)? UTC: 1 of 1 datapoints above 10 — /
    )
    expect(outcome.junit.testsuites).toMatchObject({ failures: 1 })
  }, 120_000)

  it('judges the period in progress at the experiment end as during, not forgiven by recoverWithin', async () => {
    const outcome = await run(
      world([metric('TargetResponseTime', 'p95', 0.2, [whileFault(0.91)])]),
      gateFile(
        { checks: [check({ phases: ['during', 'after'], recoverWithin: 'PT10S' })] },
        'PT70S'
      )
    )
    expect(outcome.result.outputs.verdict).toBe('fail')
    const [during, after] = phasesOf(outcome)
    const end = Date.parse(experimentOf(outcome)?.endTime ?? '')
    const lastDuring = during?.periods.at(-1)?.start ?? 0
    expect(lastDuring).toBeLessThan(end)
    expect([during?.status, after?.status]).toEqual(['breach', 'pass'])
    expect(experimentOf(outcome)?.reason).toMatch(/breached during the experiment: in ALARM at/)
  }, 120_000)

  it('never judges a partial period: a healthy RequestCount Sum passes', async () => {
    // 100 requests a second: a whole 5-second period sums to 500, a partial one to less.
    const requests = {
      name: 'carts requests',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'RequestCount',
        dimensions,
        stat: 'Sum',
        period: 5
      },
      comparisonOperator: 'LessThanThreshold',
      threshold: 400,
      phases: ['during', 'after']
    }
    const outcome = await run(
      world([metric('RequestCount', 'Sum', 100)]),
      gateFile({ checks: [requests] })
    )
    expect(outcome.result.outputs.verdict).toBe('pass')
    const evaluations = phasesOf(outcome).flatMap((phase) => phase.evaluations)
    expect(evaluations.every((evaluation) => evaluation.state === 'OK')).toBe(true)
    readLate(outcome, 6)
  }, 120_000)

  it('passes a recovery in the last periods before the recoverWithin deadline, with its time', async () => {
    // p95 stays high for 8 s after the fault (a cold cache), then is healthy.
    const outcome = await run(
      world([metric('TargetResponseTime', 'p95', 0.2, [whileFault(0.9, 'PT8S')])]),
      gateFile({ checks: [check({ phases: ['after'], recoverWithin: 'PT20S' })] })
    )
    expect(outcome.result.outputs.verdict).toBe('pass')
    const [after] = phasesOf(outcome)
    expect(after?.recovery).toMatchObject({ recovered: true, met: true })
    expect(after?.recovery?.seconds).toBeGreaterThan(8)
    expect(after?.recovery?.seconds).toBeLessThanOrEqual(20)
    expect(after?.reason).toMatch(
      /^back to OK at .*, \d+(\.\d)? s after the experiment end .* within recoverWithin 20 s$/
    )
  }, 120_000)

  it('gives an instant fault (a reboot) a during verdict', async () => {
    const reboot = {
      template: {
        ...cartsTemplate(),
        targets: {
          web: {
            resourceType: 'aws:ec2:instance',
            resourceTags: { Environment: 'preprod' },
            selectionMode: 'ALL'
          }
        },
        actions: { reboot: { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'web' } } }
      },
      hypothesis: { settle: 'PT6S', checks: [check({ phases: ['during'], metric: maximum })] }
    }
    // A 3-second latency blip after the reboot: shorter than one period.
    const blip: ScenarioEffect = {
      whenActionsRun: ['aws:ec2:reboot-instances'],
      operation: 'set',
      value: 0.9,
      recovery: { duration: 'PT3S', shape: 'step' }
    }
    const outcome = await run(world([metric('TargetResponseTime', 'Maximum', 0.2, [blip])]), reboot)
    const [during] = phasesOf(outcome)
    expect(during?.status).toBe('breach')
    expect(during?.evaluations.length).toBeGreaterThanOrEqual(1)
    expect(outcome.result.outputs.verdict).toBe('fail')
  }, 120_000)

  it('is inconclusive with a warning naming the metric when a dimension is wrong, even under notBreaching', async () => {
    const typo = check({
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: 'app/carts/124' },
        stat: 'p95',
        period: 5
      },
      treatMissingData: 'notBreaching',
      phases: ['during', 'after']
    })
    const outcome = await run(
      world([metric('TargetResponseTime', 'p95', 0.2)]),
      gateFile({ checks: [typo] })
    )
    expect([outcome.result.outputs.verdict, outcome.result.exitCode]).toEqual(['inconclusive', 1])
    expect(experimentOf(outcome)?.hypothesis?.checks[0]?.noData).toBe(true)
    expect(outcome.result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining(
          'found no datapoint at all for AWS/ApplicationELB TargetResponseTime {LoadBalancer=app/carts/124} (p95, 5 s)'
        )
      })
    )
    expect(outcome.junit.testsuites).toMatchObject({ failures: 0, errors: 1 })
  }, 120_000)

  it('refuses before any fault when a before-check breaches over the ingested baseline', async () => {
    const outcome = await run(
      world([metric('TargetResponseTime', 'p95', 0.2)]),
      gateFile({
        baseline: 'PT30S',
        checks: [check({ threshold: 0.1, phases: ['before', 'during'] })]
      })
    )
    expect(outcome.result.outputs.verdict).toBe('fail')
    expect(experimentOf(outcome)?.reason).toMatch(
      /^Refused before any fault: the steady state does not hold over the baseline window. carts p95 latency breached before the experiment: in ALARM at/
    )
    expect(
      outcome.result.calls.filter((call) => /Template|StartExperiment/.test(call.operation))
    ).toEqual([])
  }, 120_000)

  it('fails everywhere when an abortOnBreach check stops the experiment', async () => {
    const outcome = await run(
      world([metric('TargetResponseTime', 'p95', 0.2, [whileFault(0.9)])]),
      gateFile({ checks: [check({ phases: ['during'], abortOnBreach: true })] }, 'PT12H')
    )
    const { result, junit } = outcome
    expect(result.outputs.verdict).toBe('fail')
    expect(experimentOf(outcome)?.reason).toMatch(
      /^Check "carts p95 latency" breached while the experiment ran \(abortOnBreach\): in ALARM at .*; fis-gate stopped it \(FIS state stopped\)$/
    )
    expect(experimentOf(outcome)?.hypothesis?.verdict).toBe('fail')
    expect(phasesOf(outcome)[0]?.status).toBe('breach')
    expect(result.summary).toContain('**Hypothesis: ❌ fail**')
    expect(result.summary).not.toContain('✅ pass')
    expect(junit.testsuites.failures).toBeGreaterThanOrEqual(1)
    expect(
      junit.testsuites.testsuite.testcase.find((testcase) => testcase.name === 'carts p95 latency')
        ?.failure
    ).toBeDefined()
    expect(emulator?.experiments()[0]?.status).toBe('stopped')
  }, 120_000)

  it('is aborted everywhere when FIS stops the experiment on its stop condition, a breach beside it', async () => {
    const scenario = world([metric('TargetResponseTime', 'Maximum', 0.2, [whileFault(0.9)])], {
      ...withAlarm('carts-5xx', {
        timeline: [{ at: 'PT3S', state: 'ALARM', reason: 'Threshold Crossed' }]
      })
    })
    const outcome = await run(
      scenario,
      gateFile(
        { checks: [check({ phases: ['during'], metric: maximum })] },
        'PT5M',
        alarmArn('carts-5xx')
      )
    )
    const { result, junit } = outcome
    expect(result.outputs.verdict).toBe('aborted')
    expect(experimentOf(outcome)?.reason).toMatch(
      /^FIS stopped the experiment: stop-condition alarm "carts-5xx" at \d\d:\d\d:\d\d UTC went to ALARM; the hypothesis breached too: carts p95 latency breached during the experiment/
    )
    const fisCase = junit.testsuites.testsuite.testcase.find((testcase) =>
      testcase.name.startsWith('FIS experiment')
    )
    expect(fisCase?.failure?.type).toBe('aborted')
    expect(result.summary).toMatch(/aborted/)
    expect(result.summary).not.toMatch(/❌ run: fail|Verdict: fail/)
  }, 120_000)

  it('is cancelled, not inconclusive, when the workflow is cancelled while waiting for the metrics', async () => {
    const outcome = await run(
      world([metric('TargetResponseTime', 'p95', 0.2)]),
      gateFile({ settle: 'PT30S', checks: [check({ phases: ['during', 'after'] })] }),
      {
        signal: { signal: 'SIGINT', whenStdout: /Waiting \d+ s for the metrics/ },
        inputs: { 'fail-on': 'fail,error' }
      }
    )
    expect(outcome.result.outputs.verdict).toBe('cancelled')
    expect(experimentOf(outcome)?.reason).toMatch(/cancelled while fis-gate waited for the metrics/)
    expect(outcome.result.exitCode).not.toBe(0)
  }, 120_000)
})

describe('hypothesis in real time: found by attacking it', () => {
  it('never aborts on a partial period while running (abortOnBreach waits for ingestion too)', async () => {
    const requests = {
      name: 'carts requests',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'RequestCount',
        dimensions,
        stat: 'Sum',
        period: 5
      },
      comparisonOperator: 'LessThanThreshold',
      threshold: 400,
      phases: ['during'],
      abortOnBreach: true
    }
    const outcome = await run(
      world([metric('RequestCount', 'Sum', 100)]),
      gateFile({ checks: [requests] }, 'PT2M')
    )
    expect(outcome.result.outputs.verdict).toBe('pass')
    expect(outcome.result.calls.map((call) => call.operation)).not.toContain('StopExperiment')
  }, 120_000)

  it('is cancelled when the signal arrives while the final GetMetricData is in flight', async () => {
    const slowReads = world([metric('TargetResponseTime', 'p95', 0.2)], {
      faults: [{ type: 'slow', delayMs: 3000, operations: ['GetMetricData'] }]
    })
    const outcome = await run(slowReads, gateFile({ checks: [check({ phases: ['during'] })] }), {
      signal: { signal: 'SIGINT', whenStdout: /Waiting \d+ s for the metrics/ },
      inputs: { 'fail-on': 'fail,error' }
    })
    expect(outcome.result.outputs.verdict).toBe('cancelled')
    expect(outcome.result.exitCode).toBe(1)
  }, 120_000)
})

describe('hypothesis in real time, 60-second periods', () => {
  it('a 30-second fault gets a during verdict, and a 90-second ingestion lag does not refuse a healthy baseline', async () => {
    // treatMissingData breaching: any not-yet-ingested period judged in the baseline would refuse.
    const sixty = check(
      {
        phases: ['before', 'during'],
        treatMissingData: 'breaching',
        datapointsToAlarm: 1,
        evaluationPeriods: 1,
        // The worst sample of the minute: a 30-second fault across two minutes shows in both.
        metric: { ...maximum, period: 60 }
      },
      60
    )
    const scenario = world([metric('TargetResponseTime', 'Maximum', 0.2, [whileFault(0.9)])], {
      ingestionLag: 'PT90S'
    })
    const outcome = await run(
      scenario,
      gateFile({ baseline: 'PT5M', settle: 'PT100S', checks: [sixty] }, 'PT5M')
    )
    const [before, during] = phasesOf(outcome)
    expect(before?.status).toBe('pass')
    expect(during?.status).toBe('breach')
    expect(during?.periods.length).toBeLessThanOrEqual(2)
    expect(outcome.result.outputs.verdict).toBe('fail')
    const start = Date.parse(experimentOf(outcome)?.startTime ?? '')
    const end = Date.parse(experimentOf(outcome)?.endTime ?? '')
    expect(end - start).toBeLessThan(MINUTES)
  }, 300_000)
})
