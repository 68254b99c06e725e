/**
 * The hypothesis part of the job summary, rendered from evidence made the way a run makes it
 * (chart-evidence.ts), read back as a person would: every chart has a legend, a unit and a few
 * HH:MM labels, the threshold and the breaching periods; no number has noisy digits.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  checkChart,
  MAX_TIME_LABELS,
  timeLabels,
  type CheckChartInput
} from '../../src/report/check-chart.js'
import { renderHypothesis } from '../../src/report/hypothesis-summary.js'
import { renderRunSummary } from '../../src/report/run-summary.js'
import type { ExperimentRun } from '../../src/run/model.js'
import {
  baseTemplate,
  tempWorkspace,
  validateFile,
  type Workspace
} from '../support/validate-files.js'
import type { Datapoint } from '../../src/hypothesis/model.js'
import { evaluateCheck } from '../../src/hypothesis/evaluate.js'
import {
  GATE_HYPOTHESIS,
  GATE_SERIES,
  gateHypothesis,
  noisySeries,
  START,
  summaryInput,
  windowsOf
} from './chart-evidence.js'

const MINUTE = 60_000

interface Chart {
  block: string
  /** The paragraph right under the block. */
  legend: string
  title: string
  labels: string[]
  yAxis: string
  series: { type: string; name: string; values: number[] }[]
  palette: string[]
}

/** Every Mermaid block of a summary and the line after it, parsed the way the demo parses rows. */
function chartsOf(markdown: string): Chart[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```\n\n([^\n]*)/gm)].map((match) => {
    const block = match[1] as string
    const quoted = (text: string): string[] =>
      [...text.matchAll(/"([^"]*)"/g)].map((item) => item[1] as string)
    const xAxis = /^ {2}x-axis "[^"]*" \[(.*)\]$/m.exec(block)?.[1] ?? ''
    return {
      block,
      legend: match[2] as string,
      title: /^ {2}title "([^"]*)"$/m.exec(block)?.[1] ?? '',
      labels: quoted(xAxis),
      yAxis: /^ {2}y-axis "([^"]*)"/m.exec(block)?.[1] ?? '',
      series: [...block.matchAll(/^ {2}(line|bar) "([^"]*)" \[([^\]]*)\]$/gm)].map((row) => ({
        type: row[1] as string,
        name: row[2] as string,
        values: (row[3] as string).split(', ').map(Number)
      })),
      palette: (/"plotColorPalette":"([^"]*)"/.exec(block)?.[1] ?? '').split(', ')
    }
  })
}

/** The gate's check number `index` as evaluation takes it. */
const definitionOf = (index: number) => {
  const check = gateHypothesis().checks[index]
  if (!check) throw new Error(`no check ${index}`)
  return check.definition
}

const visible = (label: string): string => label.replace(/[\u200b\u200c]/g, '')

/**
 * Numbers in the text a person reads (inline code, ARNs and link targets left out: identifiers,
 * not values) that show more than `most` significant digits: leading zeros and an integer's
 * trailing zeros do not count, so 0.00123 and 1500 have 3 and 2.
 */
export function overPrecise(markdown: string, most = 4): string[] {
  const prose = markdown
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\(<[^>]*>\)/g, '] ')
    .replace(/arn:[^\s|)]+/g, ' ')
    .replace(/#[0-9a-f]{6}\b/gi, ' ')
  const digits = (number: string): number => {
    const [whole = '', fraction = ''] = number.split('.')
    const significant = fraction
      ? `${whole}${fraction}`.replace(/^0+/, '')
      : whole.replace(/^0+/, '').replace(/0+$/, '')
    return significant.length
  }
  return [...prose.matchAll(/\d+(?:\.\d+)?/g)]
    .map((match) => match[0])
    .filter((number) => digits(number) > most)
}

describe('the digit scanner', () => {
  it('finds the noisy values of the old summary and passes rounded ones, times and identifiers', () => {
    expect(overPrecise('| latency | during | 0.220109130139 / 0.91 / 1234.568 |')).toEqual([
      '0.220109130139',
      '1234.568'
    ])
    expect(
      overPrecise(
        'max 0.2201 at 18:59, 1500 errors, 0.00123 s, 2.61 k, <code>arn:aws:cloudwatch:eu-west-1:111122223333:alarm:x</code>'
      )
    ).toEqual([])
    expect(overPrecise('[metric](<https://x/#graph=12345678>) 12345')).toEqual(['12345'])
  })

  it('would flag the exact values this evidence holds: the test below is not vacuous', () => {
    const { input } = summaryInput()
    expect(overPrecise(JSON.stringify(input.evidence.series)).length).toBeGreaterThan(10)
  })
})

describe('the hypothesis summary', () => {
  const markdown = renderHypothesis(summaryInput().input)
  const charts = chartsOf(markdown)

  it('prints no value with more than 4 significant digits, charts included', () => {
    expect(overPrecise(markdown)).toEqual([])
  })

  it('shows observed values, thresholds and baseline bounds with their units', () => {
    expect(markdown).toMatch(
      /\| p95 target response time \| during \| ❌ breach \| \d+ ms \/ \d+ ms \/ \d+ ms \|/
    )
    expect(markdown).toContain('breaches when &gt; 500 ms or &gt; ')
    expect(markdown).toMatch(
      /ms \(baseline mean \+50 %\) for 2 of 3 periods; baseline mean <code>2\d\d ms<\/code>/
    )
    expect(markdown).toContain('breaches when &gt; 1.5 k for 1 of 1 periods')
    expect(markdown).toMatch(
      /\| target 5XX errors \| during \| ❌ breach \| 2\d\d \/ 2\.\d+ k \/ 2\.\d+ k \|/
    )
  })

  it('draws one chart per check, each with a legend line whose squares follow the palette', () => {
    expect(charts.map((chart) => chart.title)).toEqual(
      GATE_HYPOTHESIS.checks.map((check) => check.name)
    )
    for (const chart of charts) {
      expect(chart.block).toContain('"showLegend":true')
      expect(chart.palette).toHaveLength(chart.series.length)
      expect(chart.legend.startsWith(`🟦 ${chart.title} (`)).toBe(true)
      // The metric line is blue, the threshold black, as the legend's squares say.
      const colourOf = (name: string) =>
        chart.palette[chart.series.findIndex((item) => item.name === name)]
      expect(colourOf(chart.title)).toBe('#0969da')
      expect(colourOf('threshold')).toBe('#1f2328')
      expect(chart.legend).toContain('⬛ threshold &gt; ')
    }
  })

  it('titles the y axis with the unit, or says there is none', () => {
    expect(charts.map((chart) => chart.yAxis)).toEqual([
      'p95 target response time (ms)',
      'target 5XX errors (count, thousands)',
      'error rate (value, unit not given)'
    ])
  })

  it('labels at most 8 times, HH:MM on round minutes of one-minute periods, every category distinct', () => {
    for (const chart of charts) {
      const shown = chart.labels.map(visible).filter(Boolean)
      expect(shown.length).toBeGreaterThanOrEqual(2)
      expect(shown.length).toBeLessThanOrEqual(MAX_TIME_LABELS)
      for (const label of shown) expect(label).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
      expect(new Set(chart.labels).size).toBe(chart.labels.length)
      for (const series of chart.series) expect(series.values).toHaveLength(chart.labels.length)
    }
  })

  it('draws the threshold and the baseline bound in the axis unit', () => {
    const [latency, errors] = charts
    expect(new Set(latency?.series.find((item) => item.name === 'threshold')?.values)).toEqual(
      new Set([500])
    )
    const bound = summaryInput().input.evidence.checks[0]?.baseline?.upperBound as number
    expect(
      latency?.series.find((item) => item.name === 'baseline upper bound')?.values[0]
    ).toBeCloseTo(bound * 1000, 0)
    expect(new Set(errors?.series.find((item) => item.name === 'threshold')?.values)).toEqual(
      new Set([1.5])
    )
  })

  it('shades exactly the breaching periods, and names them in the legend', () => {
    const { input } = summaryInput()
    input.evidence.checks.forEach((check, index) => {
      const chart = charts[index] as Chart
      const breaching = new Set(check.phases.flatMap((phase) => phase.breachingPeriods))
      const points = input.evidence.series[index]?.points ?? []
      const bars = chart.series.find((item) => item.name === 'breaching periods')?.values ?? []
      const top = Math.max(...bars)
      expect(points.map((point) => breaching.has(point.timestamp))).toEqual(
        bars.map((value) => value === top)
      )
      expect(breaching.size).toBeGreaterThan(0)
      expect(chart.legend).toContain('🟥 breaching 19:00–19:04')
    })
  })

  it('shades the baseline, fault and after windows', () => {
    const [latency] = charts
    const bars = (name: string) => latency?.series.find((item) => item.name === name)?.values ?? []
    const top = Math.max(...bars('baseline window'))
    // Ten baseline minutes from 18:49, the fault's first minute (the rest breaches), then after.
    expect(bars('baseline window').map((value) => value === top)).toEqual(
      Array.from({ length: 20 }, (_, index) => index < 10)
    )
    expect(bars('fault window').findIndex((value) => value === top)).toBe(10)
    expect(bars('after window').filter((value) => value === top).length).toBeGreaterThan(0)
    expect(latency?.legend).toContain(
      '⬜ baseline 18:49–18:59 · 🟧 fault 18:59–19:04 · 🟩 after 19:04–'
    )
  })
})

describe('the run summary', () => {
  let workspace: Workspace
  beforeAll(() => {
    workspace = tempWorkspace()
  })
  afterAll(() => workspace.remove())

  it('gives each check its unit from the file, and stays within 4 significant digits', async () => {
    const path = 'experiments/gate.json'
    workspace.write(path, { name: 'gate', template: baseTemplate(), hypothesis: GATE_HYPOTHESIS })
    const { validated } = await validateFile(workspace, path)
    if (!validated) throw new Error('the gate file did not validate')
    const { evidence } = summaryInput().input
    const run: ExperimentRun = {
      file: path,
      name: 'gate',
      mode: 'run',
      verdict: 'fail',
      reason: evidence.reason,
      templateCreated: true,
      templateDeleted: true,
      experimentId: 'EXPaBcDeFgHiJkLmN1',
      status: 'completed',
      region: 'eu-west-1',
      startTime: START,
      endTime: START + 5 * MINUTE + 1234,
      actions: [],
      alarms: [],
      timeline: [],
      hypothesis: evidence
    }
    const markdown = renderRunSummary({
      mode: 'run',
      verdict: 'fail',
      runs: [run],
      experiments: [validated]
    })
    expect(markdown).toMatch(/\| p95 target response time \| during \| ❌ breach \| \d+ ms \//)
    expect(chartsOf(markdown).map((chart) => chart.yAxis)).toEqual([
      'p95 target response time (ms)',
      'target 5XX errors (count, thousands)',
      'error rate (value, unit not given)'
    ])
    expect(overPrecise(markdown)).toEqual([])
  })
})

describe('a chart on its own', () => {
  const base: CheckChartInput = {
    name: 'latency',
    points: [],
    period: 60,
    unit: 'Seconds',
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0.5,
    windows: windowsOf(),
    phases: []
  }

  it('keeps a one-minute spike when two hours of 10-second periods are thinned to 60 categories', () => {
    const points: Datapoint[] = Array.from({ length: 720 }, (_, index) => ({
      timestamp: START - 60 * MINUTE + index * 10_000,
      value: index === 433 ? 2.5 : 0.2
    }))
    const [chart] = chartsOf(checkChart({ ...base, period: 10, points }))
    const metric = chart?.series.find((item) => item.name === 'latency')?.values ?? []
    expect(metric).toHaveLength(60)
    expect(new Set(chart?.labels).size).toBe(60)
    expect(Math.max(...metric)).toBe(2.5)
    expect(chart?.yAxis).toBe('latency (s)')
    // The legend speaks the axis's scale: 0.5 s, not 500 ms, on a chart in seconds.
    expect(chart?.legend).toContain('⬛ threshold &gt; 0.5 s')
    expect(chart?.labels.map(visible).filter(Boolean)).toEqual([
      '18:00',
      '18:15',
      '18:30',
      '18:45',
      '19:00',
      '19:15',
      '19:30',
      '19:45'
    ])
  })

  it('keeps the lowest value of a group for a less-than check', () => {
    const points = Array.from({ length: 120 }, (_, index) => ({
      timestamp: START + index * MINUTE,
      value: index === 7 ? 3 : 90
    }))
    const [chart] = chartsOf(
      checkChart({
        ...base,
        unit: 'Percent',
        comparisonOperator: 'LessThanThreshold',
        threshold: 50,
        points
      })
    )
    expect(Math.min(...(chart?.series.find((item) => item.name === 'latency')?.values ?? []))).toBe(
      3
    )
    expect(chart?.yAxis).toBe('latency (%)')
  })

  it('keeps a hostile check name inside its strings and out of the legend markup', () => {
    const name = 'p95 "x"\n```\n%%{init: {}}%% | *y*'
    const text = checkChart({
      ...base,
      name,
      points: GATE_SERIES['p95 target response time'] ?? []
    })
    const [chart] = chartsOf(text)
    expect(text.split('\n').filter((line) => line.startsWith('```'))).toHaveLength(2)
    expect(chart?.block.match(/%%/g)).toHaveLength(2)
    expect(chart?.title).toBe("p95 'x' ``` % %{init: {}}% % | *y*")
    expect(chart?.legend).toContain('p95 &quot;x&quot; \\`\\`\\` %%{init: {}}%% \\| \\*y\\*')
  })

  it('shows no fault window for a refusal before any fault, and marks what breached the baseline', () => {
    const before = evaluateCheck(
      { ...definitionOf(0), phases: ['before'] },
      {
        baseline: { start: START - 10 * MINUTE, end: START },
        during: { start: START, end: START },
        settle: 0
      },
      noisySeries(0.9, 0.9).filter((point) => point.timestamp < START)
    )
    const text = checkChart({
      ...base,
      points: noisySeries(0.9, 0.9).filter((point) => point.timestamp < START),
      windows: {
        baseline: { start: START - 10 * MINUTE, end: START },
        during: { start: START, end: START },
        settle: 0
      },
      phases: before.phases
    })
    const [chart] = chartsOf(text)
    expect(chart?.series.map((item) => item.name)).toEqual([
      'breaching periods',
      'latency',
      'threshold'
    ])
    expect(chart?.legend).not.toContain('fault')
    expect(chart?.legend).toContain('🟥 breaching 18:49–18:59')
  })

  it('names 5-second breaching periods to the second in the table', () => {
    const fast = {
      baseline: 'PT10M',
      checks: [
        {
          name: 'fast',
          metric: { namespace: 'Shop', metricName: 'Latency', stat: 'Average', period: 5 },
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 5
        }
      ]
    }
    const points = noisySeries(1, 9, { periodSeconds: 5 })
    const markdown = renderHypothesis(summaryInput(fast, { fast: points }).input)
    expect(markdown).toMatch(
      /\| fast \| during \| ❌ breach \| [^|]+ \| \d+ \(19:00, 19:00:05, 19:00:10, 19:00:15, …\) \|/
    )
  })

  it('draws nothing with fewer than two datapoints', () => {
    expect(checkChart({ ...base, points: [{ timestamp: START, value: 1 }] })).toBe('')
  })

  it('says "unit not given" on the axis of an unknown unit, scaled when large', () => {
    const points = noisySeries(120_000, 130_000)
    const [chart] = chartsOf(checkChart({ ...base, unit: undefined, threshold: 200_000, points }))
    expect(chart?.yAxis).toBe('latency (value, unit not given, k)')
    expect(chart?.legend).toContain('⬛ threshold &gt; 200 k')
    expect(new Set(chart?.series.find((item) => item.name === 'threshold')?.values)).toEqual(
      new Set([200])
    )
  })
})

describe('time labels', () => {
  it.each([
    [20, 60, 300],
    [60, 60, 600],
    [180, 60, 1800],
    [30, 300, 1800],
    [90, 10, 120],
    [12, 5, 10],
    [30, 5, 30]
  ])('%d categories of %d s: a label every %d s, at most 8', (count, period, step) => {
    const categories = Array.from({ length: count }, (_, index) => ({
      start: START + index * period * 1000,
      span: period * 1000
    }))
    const labels = timeLabels(categories).filter(Boolean)
    expect(labels.length).toBeGreaterThanOrEqual(2)
    expect(labels.length).toBeLessThanOrEqual(MAX_TIME_LABELS)
    const seconds = labels.map((label) => {
      const [hours = 0, minutes = 0, secs = 0] = label.split(':').map(Number)
      // Whole minutes read HH:MM, anything else HH:MM:SS.
      expect(label).toMatch(secs === 0 ? /^\d\d:\d\d$/ : /^\d\d:\d\d:\d\d$/)
      return hours * 3600 + minutes * 60 + secs
    })
    for (const [index, time] of seconds.entries()) {
      expect(time % step).toBe(0)
      if (index > 0) expect(time - (seconds[index - 1] as number)).toBe(step)
    }
  })
})

describe('time labels across days', () => {
  const labelsOf = (count: number, period: number, from = START): string[] =>
    timeLabels(
      Array.from({ length: count }, (_, index) => ({
        start: from + index * period * 1000,
        span: period * 1000
      }))
    ).filter(Boolean)

  it('names the day on a chart that crosses midnight, so that no two labels are the same', () => {
    // 26 hours of 30-minute periods from 18:59 UTC: the same times of day come twice.
    const labels = labelsOf(52, 1800)
    expect(labels.length).toBeGreaterThanOrEqual(2)
    expect(labels.length).toBeLessThanOrEqual(MAX_TIME_LABELS)
    expect(new Set(labels).size).toBe(labels.length)
    // The day on the first label of each day only, and fewer labels: dated labels are wide.
    expect(labels.length).toBeLessThanOrEqual(5)
    const dated = labels.filter((label) => /^\d\d-\d\d \d\d:\d\d$/.test(label))
    expect(labels[0]).toBe(dated[0])
    expect(dated.length).toBeLessThanOrEqual(2)
    expect(new Set(dated.map((label) => label.slice(0, 5))).size).toBe(dated.length)
    for (const label of labels) expect(label).toMatch(/^(\d\d-\d\d )?\d\d:\d\d$/)
  })

  it('labels 60 daily periods by date, at most 8 of them', () => {
    const labels = labelsOf(60, 86_400, Date.UTC(2026, 9, 1))
    expect(labels.length).toBeGreaterThanOrEqual(2)
    expect(labels.length).toBeLessThanOrEqual(MAX_TIME_LABELS)
    expect(new Set(labels).size).toBe(labels.length)
    for (const label of labels) expect(label).toMatch(/^\d\d-\d\d$/)
  })

  it('draws no chart, and says so, when values are beyond plain decimals', () => {
    const points: Datapoint[] = [0, 1, 2].map((index) => ({
      timestamp: START + index * MINUTE,
      value: 1e300 * (index + 1)
    }))
    const text = checkChart({
      name: 'huge',
      points,
      period: 60,
      unit: undefined,
      windows: windowsOf(),
      phases: []
    })
    expect(text).not.toContain('```mermaid')
    expect(text).toMatch(/No chart: the values of huge are too large or too small to draw/)
  })
})
