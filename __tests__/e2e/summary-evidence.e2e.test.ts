/**
 * The job summary as a release engineer reads it, from the bundled action in a world whose
 * timestamps are the wall clock (noisy metrics, ingestion lag, partial periods): the verdict
 * first, each experiment's section opening with its own verdict, validation folded, charts with a
 * legend, a unit and a few time labels, no number with more digits than a metric means, times in
 * order on one date, and links that open the exact metric over the experiment.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator, type ScenarioMetric } from '../../emulator/index.js'
import { killRunningActions, runAction } from '../support/action-harness.js'
import { cartsTemplate } from '../support/emulator-clients.js'
import { decodeConsoleGraph } from '../support/console-graph.js'
import { LOAD_BALANCER, testScenario } from '../support/test-scenario.js'
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

/** Latency in seconds with noise, so values carry many digits; 0.9 s while the fault runs. */
const latency: ScenarioMetric = {
  namespace: 'AWS/ApplicationELB',
  metricName: 'TargetResponseTime',
  dimensions,
  resolution: 1,
  statistics: { p95: { baseline: 0.2, noise: 0.03 } },
  effects: [{ whenActionsRun: [LATENCY_ACTION], operation: 'set', value: 0.9 }]
}

function gate(name: string, threshold: number): object {
  return {
    name,
    template: cartsTemplate({ duration: 'PT1M' }),
    hypothesis: {
      baseline: 'PT20S',
      settle: 'PT6S',
      checks: [
        {
          name: `${name} p95 latency`,
          metric: {
            namespace: 'AWS/ApplicationELB',
            metricName: 'TargetResponseTime',
            dimensions,
            stat: 'p95',
            period: 5
          },
          comparisonOperator: 'GreaterThanThreshold',
          threshold,
          phases: ['before', 'during', 'after']
        }
      ]
    }
  }
}

interface Report {
  experiments: { file: string; verdict: string; startTime?: string; endTime?: string }[]
}

/** The summary's sections: the part before the first `###`, then one per `###` heading. */
function sections(summary: string): { head: string; parts: string[] } {
  const [head = '', ...parts] = summary.split(/^(?=### )/m)
  return { head, parts }
}

/** The text a reader sees as prose: without link targets, HTML code spans and Mermaid data. */
function prose(markdown: string): string {
  return markdown
    .replace(/```mermaid[\s\S]*?```/g, '')
    .replace(/\]\(<[^>]*>\)/g, ']')
    .replace(/<code>[\s\S]*?<\/code>/g, '')
}

/** Significant digits of every decimal number in `text` that is not part of a time or a date. */
function significantDigits(text: string): { number: string; digits: number }[] {
  return [...text.matchAll(/(?<![\w:.-])\d+(?:\.\d+)?(?![\w:.-]*\d)/g)].map((match) => {
    const number = match[0]
    const digits = number.replace('.', '').replace(/^0+/, '')
    const kept = number.includes('.') ? digits : digits.replace(/0+$/, '')
    return { number, digits: Math.max(kept.length, 1) }
  })
}

describe('the job summary of a run', () => {
  it('reads verdict first, section by section, with charts, short numbers, one clock and exact links', async () => {
    emulator = await startEmulator({
      scenario: testScenario({
        clock: 'wall',
        timeScale: 10,
        initiationDelay: 'PT3S',
        ingestionLag: 'PT4S',
        metrics: [latency]
      })
    })
    workspace = tempWorkspace({
      'experiments/a-breach.json': gate('carts', 0.5),
      'experiments/b-lenient.json': gate('orders', 5)
    })
    const result = await runAction({
      workspace: workspace.root,
      runnerTemp: workspace.runnerTemp,
      emulator,
      runId: `summary-${Date.now()}`,
      inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '1s' },
      env: {
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SHA: 'a'.repeat(40)
      },
      timeoutMs: 300_000
    })
    const report = JSON.parse(readFileSync(result.outputs.report as string, 'utf8')) as Report
    const summary = result.summary
    expect(result.outputs.verdict).toBe('fail')

    // 1. The first heading is the overall verdict, then its reason and the counts.
    const { head, parts } = sections(summary)
    expect(head.split('\n')[0]).toBe('## ❌ fis-gate run: fail')
    expect(head).toMatch(/\*\*experiments\/a-breach\.json\*\*: /)
    expect(head).toMatch(
      /2 files · 2 experiments started · 2 checks: 1 passed, 1 failed, 0 inconclusive · step took \d+/
    )

    // 2. Every experiment has a section whose first line is its own verdict; validation is folded.
    expect(parts).toHaveLength(report.experiments.length)
    for (const experiment of report.experiments) {
      const section = parts.find(
        (part) => part.startsWith(`### `) && part.split('\n')[0]?.endsWith(` — ${experiment.file}`)
      )
      expect(section?.split('\n')[0]).toMatch(new RegExp(`^### \\S+ ${experiment.verdict} — `))
      const fold = section?.indexOf('<details><summary>Validation: ✅ valid') ?? -1
      expect(fold).toBeGreaterThan(0)
      expect(section?.indexOf('**Estimated duration:**')).toBeGreaterThan(fold)
    }

    // 3. Charts: a legend, a unit on the y axis, at most 8 time labels, HH:MM UTC.
    const charts = [...summary.matchAll(/```mermaid\n([\s\S]*?)```\n\n([^\n]*)/g)]
    expect(charts).toHaveLength(2)
    for (const [, block = '', legend = ''] of charts) {
      expect(legend).toMatch(/🟦 /)
      expect(block).toMatch(/^\s*y-axis "[^"]*\b(ms|s)\b[^"]*"/m)
      expect(block).not.toMatch(/y-axis "value"/)
      const labels = [
        ...(/^\s*x-axis (?:"[^"]*" )?\[(.*)\]$/m.exec(block)?.[1] ?? '').matchAll(/"([^"]*)"/g)
      ]
        .map((label) => label[1] ?? '')
        .filter((label) => /\d/.test(label))
      expect(labels.length).toBeGreaterThanOrEqual(2)
      expect(labels.length).toBeLessThanOrEqual(8)
      for (const label of labels) expect(label).toMatch(/^(\d\d-\d\d )?\d\d:\d\d(:\d\d)?$/)
    }

    // 4. No number a reader sees has more than 4 significant digits.
    const long = significantDigits(prose(summary)).filter((item) => item.digits > 4)
    expect(long).toEqual([])

    // 5. One clock: the dates once in the headline (one, or the first and last moment across
    // midnight), every other date only on a later day, every time in order within each timeline.
    const dates =
      /times UTC (?:on (\d{4}-\d\d-\d\d)|from (\d{4}-\d\d-\d\d) \d\d:\d\d to (\d{4}-\d\d-\d\d) \d\d:\d\d)/.exec(
        head
      )
    const first = dates?.[1] ?? dates?.[2] ?? ''
    const last = dates?.[1] ?? dates?.[3] ?? ''
    expect(first).toMatch(/^\d{4}-\d\d-\d\d$/)
    expect(first <= (report.experiments[0]?.startTime ?? '').slice(0, 10)).toBe(true)
    const body = prose(summary.slice(head.length))
    for (const found of body.match(/\b\d{4}-\d\d-\d\d\b/g) ?? []) {
      expect(found > first).toBe(true)
      expect(found <= last).toBe(true)
    }
    for (const part of parts) {
      const timeline = /<summary>Timeline[\s\S]*?<\/details>/.exec(part)?.[0] ?? ''
      const times = [...timeline.matchAll(/^\| (\d\d:\d\d:\d\d) \|/gm)].map((row) => row[1] ?? '')
      expect(times.length).toBeGreaterThan(3)
      expect(times).toEqual([...times].sort())
    }

    // 6. Links: every finding and check at its line at the commit; the metric exactly.
    const blob = 'https://github.com/acme/shop/blob/' + 'a'.repeat(40) + '/experiments/'
    for (const part of parts) expect(part).toContain(`](<${blob}`)
    const breach = parts.find((part) => part.includes('a-breach.json')) ?? ''
    const metricLink = /\[[^\]]*CloudWatch[^\]]*\]\(<([^>]*#metricsV2:graph=[^>]*)>\)/.exec(
      breach
    )?.[1]
    const graph = decodeConsoleGraph(metricLink ?? '')
    expect(graph.metric).toEqual({
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions,
      stat: 'p95',
      period: 5
    })
    const run = report.experiments.find((experiment) => experiment.file.includes('a-breach'))
    expect(graph.start).toBeLessThanOrEqual(Date.parse(run?.startTime ?? ''))
    expect(graph.end).toBeGreaterThanOrEqual(Date.parse(run?.endTime ?? ''))
  }, 400_000)
})
