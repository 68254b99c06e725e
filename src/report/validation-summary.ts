/**
 * The job summary of validation: per file, what the experiment would do (actions, targets and
 * how they are selected, estimated duration, stop conditions) and every finding at its line.
 */
import { excerpt } from '../experiment/excerpt.js'
import { formatSeconds } from '../experiment/duration.js'
import type { JsonObject } from '../experiment/json-source.js'
import { arrayAt, entriesOf, isObject, objectAt, stringAt } from '../experiment/model.js'
import type { Finding } from '../validate/findings.js'
import type { ValidatedExperiment } from '../validate/validate.js'
import { code, escapeMarkdown, table, tableRow } from './markdown.js'
import {
  byteSize,
  fitToBudget,
  OMISSION_NOTE_BYTES,
  omissionNote,
  SUMMARY_BUDGET
} from './summary-budget.js'

/**
 * A value from the file as summary text, bounded: a string as it is, anything else as JSON. Never
 * `String()`, which calls the value's own `toString` (`{"toString": null}` throws).
 */
function shown(value: unknown): string {
  if (typeof value === 'string') return excerpt(value)
  if (typeof value === 'number' || typeof value === 'boolean') return `${value}`
  return excerpt(JSON.stringify(value) ?? '')
}

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((finding) => finding.severity === severity).length
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export function describeSelection(target: JsonObject): string {
  const arns = arrayAt(target, 'resourceArns') ?? []
  const tags = entriesOf(objectAt(target, 'resourceTags'))
  const filters = arrayAt(target, 'filters') ?? []
  const parameters = entriesOf(objectAt(target, 'parameters'))
  const parts: string[] = []
  if (arns.length) parts.push(arns.length === 1 ? code(shown(arns[0])) : `${arns.length} ARNs`)
  if (tags.length)
    parts.push(`tags ${tags.map(([key, value]) => code(`${key}=${shown(value)}`)).join(', ')}`)
  for (const filter of filters) {
    if (isObject(filter))
      parts.push(
        `filter ${code(`${shown(filter.path)} in ${(arrayAt(filter, 'values') ?? []).map(shown).join(',')}`)}`
      )
  }
  if (parameters.length)
    parts.push(parameters.map(([key, value]) => code(`${key}=${shown(value)}`)).join(', '))
  return parts.join('; ') || '—'
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, notice: 2 }

/** The findings within `budget` bytes, errors first, in file order; the rest counted. */
function findingsTable(findings: readonly Finding[], budget: number): string {
  const rows = findings.map((finding) => ({
    finding,
    cells: [
      finding.line > 0
        ? `${escapeMarkdown(finding.file)}:${finding.line}:${finding.column}`
        : escapeMarkdown(finding.file),
      finding.severity === 'error'
        ? '❌ error'
        : finding.severity === 'warning'
          ? '⚠️ warning'
          : 'ℹ️ notice',
      code(finding.rule),
      escapeMarkdown(finding.message)
    ]
  }))
  const { shown, omitted } = fitToBudget(
    rows,
    (row) => byteSize(tableRow(row.cells)) + 1,
    (row) => SEVERITY_RANK[row.finding.severity],
    budget - OMISSION_NOTE_BYTES
  )
  const left = omitted.map((row) => row.finding)
  const more = omissionNote(
    (['error', 'warning', 'notice'] as const).map((severity) => ({
      count: count(left, severity),
      text: plural(count(left, severity), severity)
    })),
    'finding',
    'the SARIF file (output `sarif`) has every finding'
  )
  return [
    shown.length
      ? table(
          ['Where', 'Severity', 'Rule', 'Message'],
          shown.map((row) => row.cells)
        )
      : '',
    more
  ]
    .filter(Boolean)
    .join('\n\n')
}

function experimentOverview(experiment: ValidatedExperiment): string {
  const template = experiment.template
  if (experiment.source.templateId) {
    return `Runs the existing template ${code(experiment.source.templateId)} as-is (nothing to check offline beyond the id).`
  }
  if (!template) return ''
  const timeline = new Map(
    (experiment.timeline?.actions ?? []).map((action) => [action.name, action])
  )
  const actionRows = entriesOf(objectAt(template, 'actions')).map(([name, action]) => {
    const planned = timeline.get(name)
    const targets = isObject(action)
      ? entriesOf(objectAt(action, 'targets')).map(
          ([key, target]) => `${escapeMarkdown(key)}: ${escapeMarkdown(shown(target))}`
        )
      : []
    return [
      escapeMarkdown(name),
      code(isObject(action) ? (stringAt(action, 'actionId') ?? '?') : '?'),
      targets.join('<br>') || '—',
      planned ? (planned.duration ? formatSeconds(planned.duration) : 'instant') : '—',
      planned?.start !== undefined ? `+${formatSeconds(planned.start)}` : '—',
      planned?.startAfter.length ? planned.startAfter.map(escapeMarkdown).join(', ') : '—'
    ]
  })
  const targetRows = entriesOf(objectAt(template, 'targets')).map(([name, target]) =>
    isObject(target)
      ? [
          escapeMarkdown(name),
          code(stringAt(target, 'resourceType') ?? '?'),
          code(stringAt(target, 'selectionMode') ?? '?'),
          describeSelection(target)
        ]
      : [escapeMarkdown(name), '?', '?', '?']
  )
  const alarms = (arrayAt(template, 'stopConditions') ?? [])
    .filter(
      (condition): condition is JsonObject =>
        isObject(condition) && condition.source === 'aws:cloudwatch:alarm'
    )
    .map((condition) => code(shown(condition.value).split(':alarm:')[1] ?? shown(condition.value)))
  const lines = [
    `**Estimated duration:** ${experiment.timeline?.cycles[0] ? `unknown (startAfter cycle: ${[...experiment.timeline.cycles[0], ...experiment.timeline.cycles[0].slice(0, 1)].map((name) => escapeMarkdown(name)).join(' → ')})` : formatSeconds(experiment.timeline?.estimatedDuration ?? 0)}${experiment.timeline?.criticalPath.length ? ` (${experiment.timeline.criticalPath.map(escapeMarkdown).join(' → ')})` : ''} · **Stop conditions:** ${alarms.length ? alarms.join(', ') : 'none'}`,
    '',
    table(['Action', 'Action id', 'Targets', 'Duration', 'Starts at', 'After'], actionRows)
  ]
  if (targetRows.length)
    lines.push('', table(['Target', 'Resource type', 'Selection', 'Selects by'], targetRows))
  return lines.join('\n')
}

export interface ValidationReport {
  experiments: readonly ValidatedExperiment[]
  /** Findings not tied to a loaded experiment: globs that matched nothing, unreadable files. */
  otherFindings: readonly Finding[]
}

/** The most one file's section takes of the budget, so that one file cannot crowd out the rest. */
const FILE_SHARE = 1 / 4

const fileRank = (findings: readonly Finding[]): number =>
  count(findings, 'error') ? 0 : count(findings, 'warning') ? 1 : 2

/** One file: its status, what it would do (when that fits in half of `budget`), its findings. */
function experimentSection(experiment: ValidatedExperiment, budget: number): string {
  const findings = experiment.findings
  const status = count(findings, 'error')
    ? `❌ ${plural(count(findings, 'error'), 'error')}`
    : '✅ valid'
  const warningText = count(findings, 'warning')
    ? `, ${plural(count(findings, 'warning'), 'warning')}`
    : ''
  const overview = experimentOverview(experiment)
  const head = [
    `### ${status}${warningText} — ${escapeMarkdown(experiment.source.file)}`,
    `**${escapeMarkdown(experiment.source.name)}** · ${experiment.source.shape === 'gate' ? 'gate file' : 'FIS template'}`,
    byteSize(overview) <= budget / 2
      ? overview
      : 'What this experiment would do is too long to show here (the job summary is limited to 1 MiB).'
  ]
    .filter(Boolean)
    .join('\n\n')
  return findings.length
    ? `${head}\n\n${findingsTable(findings, budget - byteSize(head) - 2)}`
    : head
}

/**
 * Within `budget` bytes (default: all a validate step has): the banner, findings on files that
 * did not load, then the files with errors, with warnings, and valid ones, as long as they fit,
 * in file order; the rest counted.
 */
export function renderValidationSummary(report: ValidationReport, budget = SUMMARY_BUDGET): string {
  const all = [
    ...report.otherFindings,
    ...report.experiments.flatMap((experiment) => experiment.findings)
  ]
  const errors = count(all, 'error')
  const warnings = count(all, 'warning')
  const files =
    report.experiments.length + new Set(report.otherFindings.map((finding) => finding.file)).size
  const head = [
    errors
      ? `## ❌ fis-gate validate: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`
      : `## ✅ fis-gate validate: ${plural(files, 'file')} valid${warnings ? `, ${plural(warnings, 'warning')}` : ''}`,
    report.otherFindings.length ? findingsTable(report.otherFindings, budget * FILE_SHARE) : ''
  ]
  const sections = report.experiments.map((experiment) => ({
    experiment,
    markdown: experimentSection(experiment, budget * FILE_SHARE)
  }))
  const { shown, omitted } = fitToBudget(
    sections,
    (section) => byteSize(section.markdown) + 2,
    (section) => fileRank(section.experiment.findings),
    budget - byteSize(head.join('\n\n')) - OMISSION_NOTE_BYTES
  )
  const note = omissionNote(
    ['with errors', 'with warnings', 'valid'].map((kind, rank) => {
      const left = omitted.filter((section) => fileRank(section.experiment.findings) === rank)
      return { count: left.length, text: `${left.length} ${kind}` }
    }),
    'file',
    'the SARIF file (output `sarif`) has every finding'
  )
  return `${[...head, ...shown.map((section) => section.markdown), note].filter(Boolean).join('\n\n')}\n`
}
