/**
 * Console links, read back the way the console reads them: the CloudWatch graph URL of a check is
 * decoded by a JSURL reader written here from the format (not from the encoder), and must name the
 * check's namespace, metric, dimensions, statistic, period and Region over a time range covering
 * the experiment, whatever characters the names hold. Every URL stays one Markdown link.
 */
import { describe, expect, it } from '@jest/globals'
import {
  checkConsoleUrl,
  fisExperimentConsoleUrl,
  logGroupConsoleUrl
} from '../../src/aws/console-links.js'
import { buildHypothesis, type HypothesisCheck } from '../../src/hypothesis/definition.js'
import type { JsonObject } from '../../src/experiment/json-source.js'
import { link } from '../../src/report/markdown.js'
import { metricOf, readGraph, type Decoded } from '../support/console-graph.js'

const check = (item: JsonObject): HypothesisCheck => {
  const built = buildHypothesis({ checks: [item] }).checks[0]
  if (!built) throw new Error('no check')
  return built
}

const T0 = Date.parse('2026-12-02T10:00:30.000Z')
const EXPERIMENT = { start: T0, end: T0 + 7 * 60_000 + 12_000 }

/** Characters that mean something to JSURL, URLs, Markdown or JSON, and beyond Latin-1. */
const HOSTILE = `Acme's ~(p95) */ns !$% "q" <b> [x](y) \\ # ? & = + , ; @ \` é 延迟 ⏱ 𝒳`

/** Only characters RFC 3986 allows, and none that ends or escapes a Markdown link destination. */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~'()*!%:/?#=&+,;@$]+$/

function expectOneMarkdownLink(url: string): void {
  expect(url).toMatch(URL_CHARACTERS)
  const markdown = link('graph', url)
  // The destination is `<…>`: it ends at the first `>`, which must be the last but one character.
  expect(markdown.indexOf('>')).toBe(markdown.length - 2)
  expect(markdown.slice(markdown.indexOf('(<') + 2, -2)).toBe(url)
}

describe('checkConsoleUrl', () => {
  it('opens the exact metric of a check over the experiment', () => {
    const latency = check({
      name: 'carts p95 latency',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: 'app/carts/50dc6c495c0c9188', TargetGroup: 'targetgroup/x/1' },
        stat: 'p95',
        period: 60
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0.5
    })
    const url = checkConsoleUrl('eu-west-1', latency, EXPERIMENT) as string
    const graph = readGraph(url)
    expect(graph.host).toBe('eu-west-1.console.aws.amazon.com')
    expect(graph.path).toBe('/cloudwatch/home')
    expect(graph.queryRegion).toBe('eu-west-1')
    expect(graph.rows).toHaveLength(1)
    const metric = metricOf(graph.rows[0] as Decoded)
    expect(metric).toEqual({
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions: { LoadBalancer: 'app/carts/50dc6c495c0c9188', TargetGroup: 'targetgroup/x/1' },
      options: expect.objectContaining({ stat: 'p95', period: 60, label: 'carts p95 latency' })
    })
    expect(graph.state).toMatchObject({
      region: 'eu-west-1',
      view: 'timeSeries',
      period: 60,
      annotations: { horizontal: [{ label: 'threshold', value: 0.5 }] }
    })
    const start = Date.parse(graph.state.start as string)
    const end = Date.parse(graph.state.end as string)
    // Covers the experiment, widened to whole periods and no more.
    expect(start).toBeLessThanOrEqual(EXPERIMENT.start)
    expect(end).toBeGreaterThanOrEqual(EXPERIMENT.end)
    expect(EXPERIMENT.start - start).toBeLessThan(60_000)
    expect(end - EXPERIMENT.end).toBeLessThan(60_000)
    expect(start % 60_000).toBe(0)
    expectOneMarkdownLink(url)
  })

  it('shows a metric-math check as its expression over the metrics it combines', () => {
    const errorRate = check({
      name: 'error rate',
      expression: '100 * errors / requests',
      metrics: {
        errors: {
          namespace: 'AWS/ApplicationELB',
          metricName: 'HTTPCode_Target_5XX_Count',
          dimensions: { LoadBalancer: 'app/carts/1' },
          stat: 'Sum',
          period: 300
        },
        requests: {
          namespace: 'AWS/ApplicationELB',
          metricName: 'RequestCount',
          dimensions: { LoadBalancer: 'app/carts/1' },
          stat: 'Sum',
          period: 300,
          accountId: '111122223333'
        }
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 1
    })
    const graph = readGraph(checkConsoleUrl('us-east-1', errorRate, EXPERIMENT) as string)
    const [expression, ...rows] = graph.rows
    expect(expression).toEqual({
      expression: '100 * errors / requests',
      label: 'error rate',
      id: expect.any(String)
    })
    const metrics = rows.map(metricOf)
    expect(metrics.map((metric) => metric.options.id)).toEqual(['errors', 'requests'])
    expect((expression as Record<string, Decoded>).id).not.toMatch(/^(errors|requests)$/)
    expect(metrics[1]).toEqual({
      namespace: 'AWS/ApplicationELB',
      metricName: 'RequestCount',
      dimensions: { LoadBalancer: 'app/carts/1' },
      options: {
        id: 'requests',
        stat: 'Sum',
        period: 300,
        accountId: '111122223333',
        visible: false
      }
    })
    expect(metrics[0]?.options.stat).toBe('Sum')
    expect(graph.state.period).toBe(300)
    expect(Date.parse(graph.state.start as string)).toBeLessThanOrEqual(EXPERIMENT.start)
    expect(Date.parse(graph.state.end as string)).toBeGreaterThanOrEqual(EXPERIMENT.end)
  })

  it.each([
    ['the namespace', { namespace: HOSTILE }],
    ['the metric name', { metricName: HOSTILE }],
    ['a dimension name and value', { dimensions: { [HOSTILE]: `${HOSTILE})~'` } }],
    ['the statistic', { stat: `p99 ~')*${HOSTILE}` }]
  ])('keeps %s whole, whatever its characters', (_what, overrides) => {
    const spec = {
      namespace: 'N',
      metricName: 'M',
      dimensions: { D: 'v' },
      stat: 'Average',
      period: 60,
      ...overrides
    }
    const url = checkConsoleUrl('eu-west-1', check({ name: HOSTILE, metric: spec }), EXPERIMENT)
    const graph = readGraph(url as string)
    expect(metricOf(graph.rows[0] as Decoded)).toEqual({
      namespace: spec.namespace,
      metricName: spec.metricName,
      dimensions: spec.dimensions,
      options: { stat: spec.stat, period: 60, label: HOSTILE }
    })
    expectOneMarkdownLink(url as string)
  })

  it('keeps a hostile expression and metric ids whole', () => {
    const text = `METRICS("a") * 2 ~')(* ${HOSTILE}`
    const url = checkConsoleUrl(
      'eu-west-1',
      check({
        name: 'x',
        expression: text,
        metrics: { a: { namespace: HOSTILE, metricName: 'M', stat: 'Sum', period: 60 } }
      }),
      EXPERIMENT
    ) as string
    const [expression, row] = readGraph(url).rows
    expect((expression as Record<string, Decoded>).expression).toBe(text)
    expect(metricOf(row as Decoded).namespace).toBe(HOSTILE)
    expectOneMarkdownLink(url)
  })

  it('never puts a value that is not a Region code into the host name', () => {
    const region = 'evil.example/x?'
    const url = checkConsoleUrl(
      region,
      check({ name: 'c', metric: { namespace: 'N', metricName: 'M' } }),
      EXPERIMENT
    ) as string
    const graph = readGraph(url)
    expect(graph.host).toBe('console.aws.amazon.com')
    expect(graph.queryRegion).toBe(region)
    expect(graph.state.region).toBe(region)
    expectOneMarkdownLink(url)
    expect(new URL(fisExperimentConsoleUrl(region, 'EXP1')).host).toBe('console.aws.amazon.com')
  })

  it('uses the China and GovCloud consoles for their Regions', () => {
    const c = check({ name: 'c', metric: { namespace: 'N', metricName: 'M' } })
    expect(readGraph(checkConsoleUrl('cn-north-1', c, EXPERIMENT) as string).host).toBe(
      'cn-north-1.console.amazonaws.cn'
    )
    expect(readGraph(checkConsoleUrl('us-gov-west-1', c, EXPERIMENT) as string).host).toBe(
      'console.amazonaws-us-gov.com'
    )
  })

  it('shows at least one whole period for an instant experiment, and nothing without a time', () => {
    const c = check({ name: 'c', metric: { namespace: 'N', metricName: 'M', period: 300 } })
    const graph = readGraph(checkConsoleUrl('eu-west-1', c, { start: T0, end: T0 }) as string)
    const start = Date.parse(graph.state.start as string)
    const end = Date.parse(graph.state.end as string)
    expect(start).toBeLessThanOrEqual(T0)
    expect(end).toBeGreaterThan(T0)
    expect(end - start).toBe(300_000)
    expect(checkConsoleUrl('eu-west-1', c, { start: Number.NaN, end: T0 })).toBeUndefined()
    expect(checkConsoleUrl('eu-west-1', c, { start: T0, end: 1e300 })).toBeUndefined()
  })

  it('has no link for a check without a metric or an expression', () => {
    const bare = { ...check({ name: 'c', metric: { namespace: 'N', metricName: 'M' } }) }
    delete bare.metric
    expect(checkConsoleUrl('eu-west-1', bare, EXPERIMENT)).toBeUndefined()
  })
})

describe('logGroupConsoleUrl', () => {
  /** The log group name the console reads: its path segment, percent-decoded twice. */
  function logGroupOf(url: string): { host: string; name: string; segment: string } {
    const parsed = new URL(url)
    const prefix = '#logsV2:log-groups/log-group/'
    expect(parsed.hash.startsWith(prefix)).toBe(true)
    const segment = parsed.hash.slice(prefix.length)
    return { host: parsed.host, segment, name: decodeURIComponent(decodeURIComponent(segment)) }
  }

  it.each([
    'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/fis/experiments:*',
    'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/fis/experiments'
  ])('opens the log group of %s', (arn) => {
    const url = logGroupConsoleUrl(arn) as string
    const group = logGroupOf(url)
    expect(group.host).toBe('eu-west-1.console.aws.amazon.com')
    expect(new URL(url).searchParams.get('region')).toBe('eu-west-1')
    expect(group.name).toBe('/aws/fis/experiments')
    // One path segment for the console: its slashes are encoded.
    expect(group.segment).not.toContain('/')
    expectOneMarkdownLink(url)
  })

  it('keeps a hostile name whole and the link one link', () => {
    const name = `/a b#c?d'e)(<x> ~*${HOSTILE}`
    const url = logGroupConsoleUrl(`arn:aws:logs:us-east-1:123456789012:log-group:${name}:*`)
    expect(logGroupOf(url as string).name).toBe(name)
    expectOneMarkdownLink(url as string)
  })

  it('has no link for an ARN that names no log group', () => {
    expect(logGroupConsoleUrl('arn:aws:iam::123456789012:role/x')).toBeUndefined()
    expect(logGroupConsoleUrl('arn:aws:logs:eu-west-1:123456789012:log-group:')).toBeUndefined()
    expect(logGroupConsoleUrl('arn:aws:logs::123456789012:log-group:/x')).toBeUndefined()
    expect(logGroupConsoleUrl('not an ARN')).toBeUndefined()
  })
})

describe('fisExperimentConsoleUrl', () => {
  it('opens the experiment, its id encoded', () => {
    const url = fisExperimentConsoleUrl('eu-west-1', 'EXP)1> x\ud800')
    expect(new URL(url).host).toBe('eu-west-1.console.aws.amazon.com')
    expect(decodeURIComponent(new URL(url).hash.split('ExperimentId=')[1] as string)).toBe(
      'EXP)1> x\ufffd'
    )
    expectOneMarkdownLink(url)
  })
})
