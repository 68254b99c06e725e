/**
 * The job summary of a plan or run: a verdict banner with the reason, then per experiment the
 * ids, the actions and how they ended, the stop-condition alarms, the timeline, and for plans
 * the exact resources each action would hit.
 */
import { fisExperimentConsoleUrl } from '../aws/console-links.js'
import { formatSeconds } from '../experiment/duration.js'
import { entriesOf, isObject, objectAt } from '../experiment/model.js'
import { VERDICT_ORDER, type ExperimentRun, type Verdict } from '../run/model.js'
import type { ValidatedExperiment } from '../validate/validate.js'
import { buildHypothesis } from '../hypothesis/definition.js'
import { formatClock } from '../hypothesis/describe.js'
import { renderHypothesis } from './hypothesis-summary.js'
import { code, escapeMarkdown, link, table, tableRow } from './markdown.js'
import { checkUnit } from './numbers.js'
import {
  byteSize,
  fitToBudget,
  OMISSION_NOTE_BYTES,
  omissionNote,
  RUN_SUMMARY_BUDGET
} from './summary-budget.js'

/** A metric search in the CloudWatch console. */
export function metricConsoleUrl(region: string, metricName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#metricsV2:graph=~();search=${encodeURIComponent(metricName)}`
}

function hypothesisSection(
  run: ExperimentRun,
  experiment: ValidatedExperiment | undefined
): string {
  if (!run.hypothesis || !experiment?.hypothesis) return ''
  const hypothesis = buildHypothesis(experiment.hypothesis)
  const links: Record<string, string> = {}
  const units: Record<string, string | undefined> = {}
  for (const check of hypothesis.checks) {
    units[check.definition.name] = checkUnit(check.metric)
    const metricName =
      check.metric?.metricName ?? Object.values(check.expression?.metrics ?? {})[0]?.metricName
    if (metricName && run.region)
      links[check.definition.name] = metricConsoleUrl(run.region, metricName)
  }
  return renderHypothesis({
    evidence: run.hypothesis,
    conditions: hypothesis.checks.map((check) => check.definition),
    links,
    units
  })
}

export const VERDICT_ICON: Record<Verdict, string> = {
  pass: '✅',
  fail: '❌',
  aborted: '🛑',
  inconclusive: '❔',
  error: '⚠️',
  cancelled: '⏹️'
}

const time = (epoch: number | undefined): string => (epoch === undefined ? '—' : formatClock(epoch))

function duration(run: ExperimentRun): string {
  return run.startTime !== undefined && run.endTime !== undefined
    ? formatSeconds(Math.round((run.endTime - run.startTime) / 1000))
    : '—'
}

function planTable(run: ExperimentRun, experiment: ValidatedExperiment | undefined): string {
  const byTarget = new Map<string, string[]>()
  for (const resource of run.resolvedTargets ?? [])
    byTarget.set(resource.targetName, [
      ...(byTarget.get(resource.targetName) ?? []),
      resource.identifier
    ])
  const rows: string[][] = []
  for (const [name, action] of entriesOf(objectAt(experiment?.template, 'actions'))) {
    if (!isObject(action)) continue
    const targets = entriesOf(objectAt(action, 'targets'))
    if (targets.length === 0)
      rows.push([escapeMarkdown(name), code(String(action.actionId)), '—', 'no targets'])
    for (const [key, target] of targets) {
      const resources = byTarget.get(String(target)) ?? []
      rows.push([
        escapeMarkdown(name),
        code(String(action.actionId)),
        `${escapeMarkdown(key)}: ${escapeMarkdown(String(target))}`,
        resources.length ? resources.map(code).join('<br>') : '**none resolved**'
      ])
    }
  }
  return rows.length
    ? `**Resources each action would hit** (FIS resolved them with actionsMode skip-all; nothing was injected):\n\n${table(['Action', 'Action id', 'Target', 'Resources'], rows)}`
    : ''
}

function runSection(run: ExperimentRun, experiment: ValidatedExperiment | undefined): string {
  const lines = [
    `### ${VERDICT_ICON[run.verdict]} ${run.verdict} — ${escapeMarkdown(run.file)}`,
    '',
    escapeMarkdown(run.reason)
  ]
  const facts = [
    run.experimentId
      ? `**Experiment** ${run.region ? link(code(run.experimentId), fisExperimentConsoleUrl(run.region, run.experimentId)) : code(run.experimentId)}`
      : '',
    run.templateId
      ? `**Template** ${code(run.templateId)}${run.templateCreated ? (run.templateDeleted ? ' (created, deleted)' : ' (created)') : ' (existing)'}`
      : '',
    run.status ? `**FIS state** ${code(run.status)}` : '',
    run.startTime !== undefined ? `**Duration** ${duration(run)}` : ''
  ].filter(Boolean)
  if (facts.length) lines.push('', facts.join(' · '))
  if (run.actions.length) {
    lines.push(
      '',
      table(
        ['Action', 'Action id', 'Status', 'Started', 'Ended', 'Reason'],
        run.actions.map((action) => [
          escapeMarkdown(action.name),
          code(action.actionId),
          code(action.status),
          time(action.startTime),
          time(action.endTime),
          escapeMarkdown(action.reason ?? '')
        ])
      )
    )
  }
  if (run.alarms.length) {
    lines.push(
      '',
      table(
        ['Stop-condition alarm', 'Fired during the experiment', 'State now', 'Reason'],
        run.alarms.map((alarm) => [
          code(alarm.name),
          alarm.firedDuringExperiment ? '**yes**' : 'no',
          code(alarm.state ?? '?'),
          escapeMarkdown(alarm.stateReason ?? '')
        ])
      )
    )
  }
  const hypothesis = hypothesisSection(run, experiment)
  if (hypothesis) lines.push('', hypothesis)
  if (run.mode === 'plan' && run.resolvedTargets) lines.push('', planTable(run, experiment))
  if (run.timeline.length) {
    const rows = run.timeline.map((event) => [
      time(event.time),
      event.source,
      escapeMarkdown(event.name),
      escapeMarkdown(event.from ? `${event.from} → ${event.to}` : event.to),
      escapeMarkdown(event.detail ?? '')
    ])
    lines.push(
      '',
      `<details><summary>Timeline (${run.timeline.length} events, UTC)</summary>`,
      '',
      table(['Time', 'Source', 'Name', 'Change', 'Detail'], rows),
      '',
      '</details>'
    )
  }
  return lines.join('\n')
}

export interface RunSummaryInput {
  mode: 'plan' | 'run'
  verdict: Verdict
  runs: readonly ExperimentRun[]
  experiments: readonly ValidatedExperiment[]
}

function overviewRow(run: ExperimentRun): string[] {
  return [
    escapeMarkdown(run.file),
    `${VERDICT_ICON[run.verdict]} ${run.verdict}`,
    run.experimentId ? code(run.experimentId) : '—',
    duration(run),
    escapeMarkdown(run.reason)
  ]
}

/**
 * Within `budget` bytes (default: what a plan or run step has left after its validation
 * summary): the worst runs first, each with its overview row and its section; the rest counted.
 */
export function renderRunSummary(input: RunSummaryInput, budget = RUN_SUMMARY_BUDGET): string {
  const worst = input.runs.find((run) => run.verdict === input.verdict)
  const head = [
    `## ${VERDICT_ICON[input.verdict]} fis-gate ${input.mode}: ${input.verdict}`,
    worst && input.verdict !== 'pass'
      ? `> ${escapeMarkdown(worst.file)}: ${escapeMarkdown(worst.reason)}`
      : ''
  ]
  const experiments = new Map(input.experiments.map((item) => [item.source.file, item]))
  const parts = input.runs.map((run) => {
    const row = overviewRow(run)
    const section = runSection(run, experiments.get(run.file))
    // The row and its line break, the section and the blank line before it.
    return { run, row, section, bytes: byteSize(tableRow(row)) + 1 + byteSize(section) + 2 }
  })
  const header = ['File', 'Verdict', 'Experiment', 'Duration', 'Reason']
  const fixed = byteSize([...head, table(header, [])].join('\n\n')) + OMISSION_NOTE_BYTES
  const { shown, omitted } = fitToBudget(
    parts,
    (part) => part.bytes,
    (part) => -VERDICT_ORDER.indexOf(part.run.verdict),
    budget - fixed
  )
  const sections = [
    ...head,
    shown.length
      ? table(
          header,
          shown.map((part) => part.row)
        )
      : '',
    ...shown.map((part) => part.section),
    omissionNote(
      [...VERDICT_ORDER].reverse().map((verdict) => {
        const left = omitted.filter((part) => part.run.verdict === verdict).length
        return { count: left, text: `${left} ${VERDICT_ICON[verdict]} ${verdict}` }
      }),
      'experiment',
      'the JSON report (output `report`) and the JUnit file (output `junit`) have every run'
    )
  ]
  return `${sections.filter(Boolean).join('\n\n')}\n`
}
