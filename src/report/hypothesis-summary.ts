/**
 * The hypothesis evidence in the job summary: a table per check (phase, condition, observed
 * values, breaching periods, datapoints, recovery) and a chart per check (check-chart.ts). Values
 * are rounded to 3 significant digits with their unit (quantities.ts); the JSON report has them exact.
 */
import { formatTime, OPERATOR_SYMBOLS } from '../hypothesis/describe.js'
import type {
  BaselineComparison,
  CheckResult,
  ComparisonOperator,
  PhaseResult
} from '../hypothesis/model.js'
import type { HypothesisEvidence } from '../run/model.js'
import { checkChart } from './check-chart.js'
import { code, escapeMarkdown, link, table } from './markdown.js'
import { formatQuantity } from '../hypothesis/quantities.js'

const STATUS_ICON: Record<string, string> = { pass: '✅', breach: '❌', inconclusive: '❔' }

export interface CheckCondition {
  name: string
  /** Seconds. */
  period: number
  comparisonOperator?: ComparisonOperator
  threshold?: number
  datapointsToAlarm: number
  evaluationPeriods: number
  baselineComparison?: BaselineComparison
  /** CloudWatch unit of the values (quantities.ts `checkUnit`); a check without one says so. */
  unit?: string
}

/** `breaches when > 500 ms or > 330 ms (baseline mean +50 %) for 2 of 3 periods`. */
export function conditionText(
  check: CheckCondition,
  baseline: CheckResult['baseline'],
  unit: string | undefined
): string {
  const parts: string[] = []
  if (check.comparisonOperator && check.threshold !== undefined)
    parts.push(
      // 4 digits: the threshold is what someone typed, and 234.5 ms should not read 235 ms.
      `${OPERATOR_SYMBOLS[check.comparisonOperator]} ${formatQuantity(check.threshold, unit, 4)}`
    )
  const { maxIncreasePercent: up, maxDecreasePercent: down } = check.baselineComparison ?? {}
  if (baseline?.upperBound !== undefined)
    parts.push(
      `> ${formatQuantity(baseline.upperBound, unit)} (baseline mean +${up === undefined ? '' : formatQuantity(up, 'Percent', 4)})`
    )
  if (baseline?.lowerBound !== undefined)
    parts.push(
      `< ${formatQuantity(baseline.lowerBound, unit)} (baseline mean −${down === undefined ? '' : formatQuantity(down, 'Percent', 4)})`
    )
  return `breaches when ${parts.join(' or ') || '—'} for ${check.datapointsToAlarm} of ${check.evaluationPeriods} periods`
}

function phaseRow(check: CheckResult, phase: PhaseResult, unit: string | undefined): string[] {
  const recovery = phase.recovery
  return [
    escapeMarkdown(check.name),
    phase.phase,
    `${STATUS_ICON[phase.status] ?? ''} ${phase.status}`,
    phase.observed
      ? [phase.observed.min, phase.observed.max, phase.observed.last]
          .map((value) => formatQuantity(value, unit))
          .join(' / ')
      : '—',
    phase.breachingPeriods.length
      ? `${phase.breachingPeriods.length} (${phase.breachingPeriods.slice(0, 4).map(formatTime).join(', ')}${phase.breachingPeriods.length > 4 ? ', …' : ''})`
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

export interface HypothesisSummaryInput {
  evidence: HypothesisEvidence
  conditions: CheckCondition[]
  /** Links per check name, e.g. to the metric in the CloudWatch console. */
  links?: Record<string, string>
  /** Per check name, its definition's line in the experiment file at the commit. */
  sourceLinks?: Record<string, string>
}

export function renderHypothesis(input: HypothesisSummaryInput): string {
  const { evidence } = input
  const conditionOf = (check: CheckResult): CheckCondition | undefined =>
    input.conditions.find((item) => item.name === check.name)
  const rows = evidence.checks.flatMap((check) => {
    const unit = conditionOf(check)?.unit
    return check.phases.map((phase) => phaseRow(check, phase, unit))
  })
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
    const condition = conditionOf(check)
    const series = evidence.series.find((item) => item.check === check.name)
    const metricLink = input.links?.[check.name]
    const sourceLink = input.sourceLinks?.[check.name]
    const unit = condition?.unit
    sections.push(
      `${sourceLink ? link(`**${escapeMarkdown(check.name)}**`, sourceLink) : `**${escapeMarkdown(check.name)}**`} — ${condition ? escapeMarkdown(conditionText(condition, check.baseline, unit)) : ''}${check.baseline?.mean !== undefined ? `; baseline mean ${code(formatQuantity(check.baseline.mean, unit))}` : ''}${metricLink ? ` · ${link('metric in CloudWatch', metricLink)}` : ''}`
    )
    const chart =
      series && condition
        ? checkChart({
            name: check.name,
            points: series.points,
            period: condition.period,
            unit,
            comparisonOperator: condition.comparisonOperator,
            threshold: condition.threshold,
            baseline: check.baseline,
            windows: evidence.windows,
            phases: check.phases
          })
        : ''
    if (chart) sections.push(chart)
  }
  return sections.join('\n\n')
}
