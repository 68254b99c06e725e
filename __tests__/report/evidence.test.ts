import { describe, expect, it } from '@jest/globals'
import { XMLParser } from 'fast-xml-parser'
import { buildHypothesis, afterWindowSeconds } from '../../src/hypothesis/definition.js'
import type { ExperimentRun } from '../../src/run/model.js'
import { checkChart } from '../../src/report/check-chart.js'
import { toJunit, xml } from '../../src/report/junit.js'

const run = (changes: Partial<ExperimentRun>): ExperimentRun => ({
  file: 'experiments/a.json',
  name: 'a',
  mode: 'run',
  verdict: 'pass',
  reason: 'ok',
  templateCreated: true,
  templateDeleted: true,
  experimentId: 'EXP1',
  status: 'completed',
  actions: [{ name: 'x', actionId: 'aws:fis:wait', status: 'completed' }],
  alarms: [],
  timeline: [],
  ...changes
})

describe('JUnit', () => {
  const parse = (text: string) =>
    new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: true,
      isArray: (name) => name === 'testsuite' || name === 'testcase'
    }).parse(text) as {
      testsuites: {
        tests: number
        failures: number
        errors: number
        skipped: number
        testsuite: { name: string; testcase: Record<string, unknown>[] }[]
      }
    }

  it('escapes XML and drops characters XML 1.0 forbids', () => {
    expect(xml('a<b & "c" \'d\'\u0001>')).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;')
  })

  it('writes a suite per experiment with the FIS outcome and one testcase per check', () => {
    const breach = {
      name: 'p95 <latency>',
      status: 'breach' as const,
      phases: [
        {
          phase: 'during' as const,
          status: 'breach' as const,
          reason: '2 of 3 periods above 0.5',
          window: { start: 0, end: 1 },
          expectedPeriods: 3,
          datapoints: 3,
          periods: [],
          evaluations: [],
          breachingPeriods: [1]
        }
      ]
    }
    const noData = {
      name: 'errors',
      status: 'inconclusive' as const,
      phases: [
        {
          phase: 'after' as const,
          status: 'inconclusive' as const,
          reason: 'no data',
          window: { start: 0, end: 1 },
          expectedPeriods: 3,
          datapoints: 0,
          periods: [],
          evaluations: [],
          breachingPeriods: []
        }
      ]
    }
    const junit = parse(
      toJunit(
        [
          run({
            verdict: 'fail',
            hypothesis: {
              verdict: 'fail',
              reason: 'breach',
              checks: [breach, noData],
              windows: { during: { start: 0, end: 1 }, settle: 0 },
              series: []
            }
          }),
          run({
            file: 'experiments/b.json',
            name: 'b',
            verdict: 'aborted',
            status: 'stopped',
            reason: 'alarm "x" went to ALARM'
          }),
          run({
            file: 'experiments/c.json',
            name: 'c',
            experimentId: undefined,
            verdict: 'error',
            reason: 'alarm missing'
          })
        ],
        0
      )
    )
    expect(junit.testsuites).toMatchObject({ tests: 5, failures: 2, errors: 2, skipped: 0 })
    const [a, b, c] = junit.testsuites.testsuite
    expect(
      a?.testcase.map((testcase) => [testcase.name, 'failure' in testcase, 'error' in testcase])
    ).toEqual([
      ['FIS experiment EXP1', false, false],
      ['p95 <latency>', true, false],
      ['errors', false, true]
    ])
    expect(b?.testcase[0]).toHaveProperty('failure')
    expect(c?.testcase[0]).toHaveProperty('error')
  })
})

describe('hypothesis definition', () => {
  const hypothesis = buildHypothesis({
    baseline: 'PT10M',
    settle: 'PT2M',
    checks: [
      {
        name: 'latency',
        metric: {
          namespace: 'N',
          metricName: 'M',
          dimensions: { A: 'b' },
          stat: 'p95',
          period: 60
        },
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 1
      },
      {
        name: 'error rate',
        expression: 'FILL(errors, 0) / requests * 100',
        metrics: {
          errors: { namespace: 'N', metricName: 'E', stat: 'Sum', period: 300 },
          requests: { namespace: 'N', metricName: 'R', stat: 'Sum', period: 60 }
        },
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 5,
        phases: ['during', 'after'],
        recoverWithin: 'PT5M'
      }
    ]
  })

  it('applies the documented defaults and reads durations as seconds', () => {
    expect(hypothesis).toMatchObject({ baseline: 600, settle: 120 })
    expect(hypothesis.checks[0]?.definition).toMatchObject({
      datapointsToAlarm: 1,
      evaluationPeriods: 1,
      treatMissingData: 'missing',
      phases: ['during', 'after'],
      abortOnBreach: false,
      period: 60
    })
    expect(hypothesis.checks[1]?.definition).toMatchObject({ recoverWithin: 300, period: 300 })
  })

  it('namespaces expression ids per check and keeps functions untouched, in one query set', () => {
    expect(
      hypothesis.queries.map((query) => [
        query.Id,
        query.ReturnData,
        query.Expression ?? query.MetricStat?.Stat
      ])
    ).toEqual([
      ['c0', true, 'p95'],
      ['c1_errors', false, 'Sum'],
      ['c1_requests', false, 'Sum'],
      ['c1', true, 'FILL(c1_errors, 0) / c1_requests * 100']
    ])
    expect(hypothesis.queries[0]?.MetricStat?.Metric.Dimensions).toEqual([
      { Name: 'A', Value: 'b' }
    ])
  })

  it('sizes the after window by recoverWithin, else settle or the evaluation periods', () => {
    expect(afterWindowSeconds(hypothesis)).toBe(300)
  })
})

describe('chart', () => {
  // scripts/demo.ts reads these rows back into a terminal sparkline: the metric's line comes
  // first, the threshold's second, each as `line "name" [v1, v2, ...]`.
  it('writes the metric, then the threshold, as named line rows of plain numbers in the axis unit', () => {
    const start = Date.UTC(2026, 0, 1, 10, 0)
    const points = [0, 1, 2, 3].map((index) => ({
      timestamp: start + index * 60_000,
      value: index === 2 ? 0.9 : 0.2
    }))
    const chart = checkChart({
      name: 'p95 "latency"',
      points,
      period: 60,
      unit: 'Seconds',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0.5,
      windows: { during: { start: start + 60_000, end: start + 180_000 }, settle: 0 },
      phases: []
    })
    expect(chart.split('\n').filter((line) => line.startsWith('  line '))).toEqual([
      `  line "p95 'latency'" [200, 200, 900, 200]`,
      '  line "threshold" [500, 500, 500, 500]'
    ])
    expect(chart).toContain(`  title "p95 'latency'"`)
    expect(chart).toContain(`  y-axis "p95 'latency' (ms)" 0 --> 1000`)
    expect(chart).toContain('  bar "fault window" [-1000, 1000, 1000, -1000]')
  })

  it('draws nothing with fewer than two points', () => {
    expect(
      checkChart({
        name: 'x',
        points: [{ timestamp: 0, value: 1 }],
        period: 60,
        unit: undefined,
        threshold: 1,
        windows: { during: { start: 0, end: 1 }, settle: 0 },
        phases: []
      })
    ).toBe('')
  })
})
