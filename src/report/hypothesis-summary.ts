/**
 * The hypothesis evidence in the job summary: a table per check (phase, condition, observed
 * values, breaching periods, datapoints, recovery) and a chart per check — a Mermaid xychart-beta
 * block (GitHub renders it) with the metric, the threshold and the experiment window.
 */
import type { CheckResult, Datapoint, PhaseResult } from '../hypothesis/model.js'
import type { HypothesisEvidence } from '../run/model.js'
import { code, escapeMarkdown, link, mermaidString, table } from './markdown.js'

const OPERATOR: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤'
}
const STATUS_ICON: Record<string, string> = { pass: '✅', breach: '❌', inconclusive: '❔' }

export interface CheckCondition {
  name: string
  comparisonOperator?: string
  threshold?: number
  datapointsToAlarm: number
  evaluationPeriods: number
}

const number = (value: number | undefined): string =>
  value === undefined ? '—' : String(Math.round(value * 1000) / 1000)
const clock = (time: number): string => new Date(time).toISOString().slice(11, 16)

export function conditionText(check: CheckCondition, baseline?: CheckResult['baseline']): string {
  const parts: string[] = []
  if (check.comparisonOperator && check.threshold !== undefined)
    parts.push(
      `${OPERATOR[check.comparisonOperator] ?? check.comparisonOperator} ${check.threshold}`
    )
  if (baseline?.upperBound !== undefined)
    parts.push(`> ${number(baseline.upperBound)} (baseline +%)`)
  if (baseline?.lowerBound !== undefined)
    parts.push(`< ${number(baseline.lowerBound)} (baseline −%)`)
  return `breaches when ${parts.join(' or ') || '—'} for ${check.datapointsToAlarm} of ${check.evaluationPeriods} periods`
}

function phaseRow(check: CheckResult, phase: PhaseResult): string[] {
  const recovery = phase.recovery
  return [
    escapeMarkdown(check.name),
    phase.phase,
    `${STATUS_ICON[phase.status] ?? ''} ${phase.status}`,
    phase.observed
      ? `${number(phase.observed.min)} / ${number(phase.observed.max)} / ${number(phase.observed.last)}`
      : '—',
    phase.breachingPeriods.length
      ? `${phase.breachingPeriods.length} (${phase.breachingPeriods.slice(0, 4).map(clock).join(', ')}${phase.breachingPeriods.length > 4 ? ', …' : ''})`
      : '0',
    `${phase.datapoints} of ${phase.expectedPeriods}`,
    recovery
      ? recovery.recovered
        ? `${Math.round(recovery.seconds ?? 0)} s${recovery.met ? '' : ` (over ${recovery.limitSeconds} s)`}`
        : `not recovered (limit ${recovery.limitSeconds} s)`
      : '—',
    escapeMarkdown(phase.reason)
  ]
}

/** Mermaid xychart-beta: metric line, threshold line, experiment window as bars. */
export function checkChart(
  name: string,
  points: readonly Datapoint[],
  threshold: number | undefined,
  window: { start: number; end: number }
): string {
  const sorted = [...points]
    .filter((point) => Number.isFinite(point.value))
    .sort((a, b) => a.timestamp - b.timestamp)
  if (sorted.length < 2) return ''
  const step = Math.ceil(sorted.length / 60)
  const shown = sorted.filter((_, index) => index % step === 0)
  const values = shown.map((point) => point.value)
  const top = Math.max(...values, threshold ?? -Infinity)
  const bottom = Math.min(...values, threshold ?? Infinity, 0)
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidString(name)} (bars: experiment ${clock(window.start)}–${clock(window.end)} UTC)"`,
    `  x-axis [${shown.map((point) => `"${clock(point.timestamp)}"`).join(', ')}]`,
    `  y-axis "value" ${number(bottom)} --> ${number(top * 1.1 || 1)}`,
    `  bar [${shown.map((point) => (point.timestamp >= window.start && point.timestamp < window.end ? number(top) : '0')).join(', ')}]`,
    `  line [${values.map(number).join(', ')}]`
  ]
  if (threshold !== undefined)
    lines.push(`  line [${shown.map(() => number(threshold)).join(', ')}]`)
  lines.push('```')
  return lines.join('\n')
}

export interface HypothesisSummaryInput {
  evidence: HypothesisEvidence
  conditions: CheckCondition[]
  /** Links per check name, e.g. to the metric in the CloudWatch console. */
  links?: Record<string, string>
}

export function renderHypothesis(input: HypothesisSummaryInput): string {
  const { evidence } = input
  const rows = evidence.checks.flatMap((check) =>
    check.phases.map((phase) => phaseRow(check, phase))
  )
  const sections = [
    `**Hypothesis: ${STATUS_ICON[evidence.verdict === 'fail' ? 'breach' : evidence.verdict] ?? ''} ${evidence.verdict}** — ${escapeMarkdown(evidence.reason)}`,
    table(
      [
        'Check',
        'Phase',
        'Result',
        'Observed min / max / last',
        'Breaching periods (UTC)',
        'Datapoints',
        'Recovery',
        'Why'
      ],
      rows
    )
  ]
  for (const check of evidence.checks) {
    const condition = input.conditions.find((item) => item.name === check.name)
    const series = evidence.series.find((item) => item.check === check.name)
    const metricLink = input.links?.[check.name]
    sections.push(
      `**${escapeMarkdown(check.name)}** — ${condition ? escapeMarkdown(conditionText(condition, check.baseline)) : ''}${check.baseline?.mean !== undefined ? `; baseline mean ${code(number(check.baseline.mean))}` : ''}${metricLink ? ` · ${link('metric in CloudWatch', metricLink)}` : ''}`
    )
    const chart = series
      ? checkChart(check.name, series.points, condition?.threshold, evidence.windows.during)
      : ''
    if (chart) sections.push(chart)
  }
  return sections.join('\n\n')
}
