/**
 * The job summary of validation: a headline with the verdict first, then a section per file
 * (unreadable ones too) whose first line is its status, with what the experiment would do
 * (actions, targets and how they are selected, estimated duration, stop conditions) and every
 * finding at its line, linked to that line at the commit. Plan and run summaries embed the same
 * per-file details, folded, under each experiment's own verdict.
 */
import { excerpt } from '../experiment/excerpt.js'
import { formatSeconds } from '../experiment/duration.js'
import type { JsonObject } from '../experiment/json-source.js'
import { plural } from '../hypothesis/describe.js'
import { arrayAt, entriesOf, isObject, objectAt, stringAt } from '../experiment/model.js'
import type { Finding } from '../validate/findings.js'
import type { ValidatedExperiment } from '../validate/validate.js'
import { code, escapeMarkdown, link, table, tableRow } from './markdown.js'
import { NO_LINKS, type SummaryLinks } from './summary-links.js'
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
const SEVERITY_CELL: Record<Finding['severity'], string> = {
  error: '❌ error',
  warning: '⚠️ warning',
  notice: 'ℹ️ notice'
}

/** `file:line:column`, linked to that line at the commit when the run has one. */
function whereCell(finding: Finding, links: SummaryLinks): string {
  if (finding.line <= 0) return escapeMarkdown(finding.file)
  const where = escapeMarkdown(`${finding.file}:${finding.line}:${finding.column}`)
  const url = links.fileLine(finding.file, finding.line)
  return url ? link(where, url) : where
}

/**
 * The findings within `budget` bytes, errors first, in file order; the rest counted. Also the
 * whole section of a file that did not load (or a glob that matched nothing).
 */
export function findingsTable(
  findings: readonly Finding[],
  budget: number,
  links: SummaryLinks
): string {
  const rows = findings.map((finding) => ({
    finding,
    cells: [
      whereCell(finding, links),
      SEVERITY_CELL[finding.severity],
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

/** How long the actions take end to end, or why that cannot be known. */
function estimatedDuration(timeline: ValidatedExperiment['timeline']): string {
  if (!timeline) return '—'
  const cycle = timeline.cycles[0]
  if (cycle)
    return `unknown (startAfter cycle: ${[...cycle, cycle[0] ?? ''].map((name) => escapeMarkdown(name)).join(' → ')})`
  const path = timeline.criticalPath.length
    ? ` (${timeline.criticalPath.map((name) => escapeMarkdown(name)).join(' → ')})`
    : ''
  return `${formatSeconds(timeline.estimatedDuration ?? 0)}${path}`
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
      planned?.startAfter.length
        ? planned.startAfter.map((name) => escapeMarkdown(name)).join(', ')
        : '—'
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
    `**Estimated duration:** ${estimatedDuration(experiment.timeline)} · **Stop conditions:** ${alarms.length ? alarms.join(', ') : 'none'}`,
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
export const FILE_SHARE = 1 / 4

const fileRank = (findings: readonly Finding[]): number =>
  count(findings, 'error') ? 0 : count(findings, 'warning') ? 1 : 2

/** A file's status in words, its icon first: `❌ 2 errors, 1 warning`, `✅ valid`. */
export function validationStatus(findings: readonly Finding[]): string {
  const errors = count(findings, 'error')
  const warnings = count(findings, 'warning')
  const warningText = warnings ? `, ${plural(warnings, 'warning')}` : ''
  return `${errors ? `❌ ${plural(errors, 'error')}` : '✅ valid'}${warningText}`
}

/**
 * What one loaded file would do (when that fits in half of `budget`) and its findings: the body of
 * its section in validate mode, and its folded validation details in plan and run.
 */
export function validationDetails(
  experiment: ValidatedExperiment,
  budget: number,
  links: SummaryLinks
): string {
  const overview = experimentOverview(experiment)
  const head = [
    `**${escapeMarkdown(experiment.source.name)}** · ${experiment.source.shape === 'gate' ? 'gate file' : 'FIS template'}`,
    byteSize(overview) <= budget / 2
      ? overview
      : 'What this experiment would do is too long to show here (the job summary is limited to 1 MiB).'
  ]
    .filter(Boolean)
    .join('\n\n')
  return experiment.findings.length
    ? `${head}\n\n${findingsTable(experiment.findings, budget - byteSize(head) - 2, links)}`
    : head
}

/** Files that did not load, each with its findings, in the order they were found. */
export function unloadedFiles(
  findings: readonly Finding[]
): { file: string; findings: Finding[] }[] {
  const byFile = new Map<string, Finding[]>()
  for (const finding of findings)
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding])
  return [...byFile].map(([file, items]) => ({ file, findings: items }))
}

interface FileSection {
  findings: readonly Finding[]
  markdown: string
}

/** The headline's one sentence: how many errors where, and the first of them; or all valid. */
function validationReason(all: readonly Finding[], files: number): string {
  const errors = all.filter((finding) => finding.severity === 'error')
  const warnings = count(all, 'warning')
  if (errors.length === 0)
    return `${files === 1 ? 'The file is' : `All ${plural(files, 'file')} are`} valid${warnings ? `, with ${plural(warnings, 'warning')}` : ''}.`
  const first = errors[0] as Finding
  const where = first.line > 0 ? `${first.file}:${first.line}:${first.column}` : first.file
  const failing = new Set(errors.map((finding) => finding.file)).size
  const scope =
    failing === files
      ? files === 1
        ? ''
        : ` in all ${files} files`
      : ` in ${failing} of ${plural(files, 'file')}`
  return `${plural(errors.length, 'error')}${scope}; ${errors.length === 1 ? 'at' : 'the first at'} ${escapeMarkdown(where)}: ${escapeMarkdown(first.message, 300)}`
}

/**
 * Within `budget` bytes (default: all a validate step has): the headline (verdict, reason,
 * counts), then a section per file — errors, then warnings, then valid ones, as long as they fit,
 * in file order; the rest counted.
 */
export function renderValidationSummary(
  report: ValidationReport,
  budget = SUMMARY_BUDGET,
  links: SummaryLinks = NO_LINKS
): string {
  const all = [
    ...report.otherFindings,
    ...report.experiments.flatMap((experiment) => experiment.findings)
  ]
  const unloaded = unloadedFiles(report.otherFindings)
  const files = report.experiments.length + unloaded.length
  const errors = count(all, 'error')
  const warnings = count(all, 'warning')
  const head = [
    `## ${errors ? '❌' : '✅'} fis-gate validate: ${errors ? 'error' : 'pass'}`,
    validationReason(all, files),
    [
      plural(files, 'file'),
      plural(report.experiments.length, 'experiment'),
      plural(errors, 'error'),
      plural(warnings, 'warning')
    ].join(' · ')
  ].join('\n\n')
  const share = budget * FILE_SHARE
  const sections: FileSection[] = [
    ...unloaded.map((file) => ({
      findings: file.findings,
      markdown: `### ${validationStatus(file.findings)} — ${escapeMarkdown(file.file)}\n\n${findingsTable(file.findings, share, links)}`
    })),
    ...report.experiments.map((experiment) => ({
      findings: experiment.findings,
      markdown: `### ${validationStatus(experiment.findings)} — ${escapeMarkdown(experiment.source.file)}\n\n${validationDetails(experiment, share, links)}`
    }))
  ]
  const { shown, omitted } = fitToBudget(
    sections,
    (section) => byteSize(section.markdown) + 2,
    (section) => fileRank(section.findings),
    budget - byteSize(head) - OMISSION_NOTE_BYTES
  )
  const note = omissionNote(
    ['with errors', 'with warnings', 'valid'].map((kind, rank) => {
      const left = omitted.filter((section) => fileRank(section.findings) === rank)
      return { count: left.length, text: `${left.length} ${kind}` }
    }),
    'file',
    'the SARIF file (output `sarif`) has every finding'
  )
  return `${[head, ...shown.map((section) => section.markdown), note].filter(Boolean).join('\n\n')}\n`
}
