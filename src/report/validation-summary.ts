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
import { code, escapeMarkdown, table } from './markdown.js'

/**
 * A value from the file as summary text, bounded: a string as it is, anything else as JSON. Never
 * `String()`, which calls the value's own `toString` (`{"toString": null}` throws).
 */
function shown(value: unknown): string {
  if (typeof value === 'string') return excerpt(value)
  if (typeof value === 'number' || typeof value === 'boolean') return `${value}`
  return excerpt(JSON.stringify(value) ?? '')
}

/** Keeps the summary far below the runner's 1 MiB per step even with hundreds of findings. */
const MAX_FINDINGS_PER_FILE = 200

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

function findingsTable(findings: readonly Finding[]): string {
  const shown = findings.slice(0, MAX_FINDINGS_PER_FILE)
  const rows = shown.map((finding) => [
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
  ])
  const more = findings.length - shown.length
  return `${table(['Where', 'Severity', 'Rule', 'Message'], rows)}${more > 0 ? `\n\n…and ${more} more in the SARIF file.` : ''}`
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
    `**Estimated duration:** ${formatSeconds(experiment.timeline?.estimatedDuration ?? 0)}${experiment.timeline?.criticalPath.length ? ` (${experiment.timeline.criticalPath.map(escapeMarkdown).join(' → ')})` : ''} · **Stop conditions:** ${alarms.length ? alarms.join(', ') : 'none'}`,
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

export function renderValidationSummary(report: ValidationReport): string {
  const all = [
    ...report.otherFindings,
    ...report.experiments.flatMap((experiment) => experiment.findings)
  ]
  const errors = count(all, 'error')
  const warnings = count(all, 'warning')
  const files =
    report.experiments.length + new Set(report.otherFindings.map((finding) => finding.file)).size
  const banner = errors
    ? `## ❌ fis-gate validate: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`
    : `## ✅ fis-gate validate: ${plural(files, 'file')} valid${warnings ? `, ${plural(warnings, 'warning')}` : ''}`
  const sections = [banner]
  if (report.otherFindings.length) sections.push(findingsTable(report.otherFindings))
  for (const experiment of report.experiments) {
    const findings = experiment.findings
    const status = count(findings, 'error')
      ? `❌ ${plural(count(findings, 'error'), 'error')}`
      : '✅ valid'
    const warningText = count(findings, 'warning')
      ? `, ${plural(count(findings, 'warning'), 'warning')}`
      : ''
    sections.push(
      `### ${status}${warningText} — ${escapeMarkdown(experiment.source.file)}`,
      `**${escapeMarkdown(experiment.source.name)}** · ${experiment.source.shape === 'gate' ? 'gate file' : 'FIS template'}`,
      experimentOverview(experiment)
    )
    if (findings.length) sections.push(findingsTable(findings))
  }
  return `${sections.filter(Boolean).join('\n\n')}\n`
}
