/**
 * The job summary of a plan or run, for a reader with ten seconds: one headline first (the
 * verdict, its one-sentence reason, the counts), then per experiment a section whose first line
 * is its verdict, with the ids and links, the actions and how they ended, the stop-condition
 * alarms, the hypothesis evidence, the timeline and, folded, the file's validation. Every time of
 * day shown is FIS's or CloudWatch's, in UTC, with the date said once in the headline.
 */
import {
  checkConsoleUrl,
  fisExperimentConsoleUrl,
  logGroupConsoleUrl
} from '../aws/console-links.js'
import { formatSeconds } from '../experiment/duration.js'
import { entriesOf, isObject, objectAt, stringAt } from '../experiment/model.js'
import { evidenceSpan, VERDICT_ORDER, type ExperimentRun, type Verdict } from '../run/model.js'
import type { Finding } from '../validate/findings.js'
import type { ValidatedExperiment } from '../validate/validate.js'
import { buildHypothesis } from '../hypothesis/definition.js'
import { formatDate, plural } from '../hypothesis/describe.js'
import { renderHypothesis } from './hypothesis-summary.js'
import { code, escapeMarkdown, link, table, tableRow } from './markdown.js'
import { NO_LINKS, type SummaryLinks } from './summary-links.js'
import {
  byteSize,
  fitToBudget,
  OMISSION_NOTE_BYTES,
  omissionNote,
  SUMMARY_BUDGET
} from './summary-budget.js'
import {
  FILE_SHARE,
  findingsTable,
  unloadedFiles,
  validationDetails,
  validationStatus
} from './validation-summary.js'

function hypothesisSection(
  run: ExperimentRun,
  experiment: ValidatedExperiment | undefined,
  links: SummaryLinks
): string {
  if (!run.hypothesis || !experiment?.hypothesis) return ''
  const hypothesis = buildHypothesis(experiment.hypothesis)
  const span = evidenceSpan(run.hypothesis)
  const metricLinks: Record<string, string> = {}
  const sourceLinks: Record<string, string> = {}
  hypothesis.checks.forEach((check, index) => {
    const name = check.definition.name
    const metricUrl = run.region ? checkConsoleUrl(run.region, check, span) : undefined
    if (metricUrl) metricLinks[name] = metricUrl
    const { line } = experiment.source.document.parsed.locate(`/hypothesis/checks/${index}`)
    const sourceUrl = links.fileLine(experiment.source.file, line)
    if (sourceUrl) sourceLinks[name] = sourceUrl
  })
  return renderHypothesis({
    evidence: run.hypothesis,
    conditions: hypothesis.checks.map((check) => check.definition),
    links: metricLinks,
    sourceLinks
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

/**
 * Times of day on the summary's one date: `19:03:58`, or `2026-12-03 00:00:04` for a time on
 * another day (a run across midnight).
 */
function clockOn(date: string | undefined): (epoch: number | undefined) => string {
  return (epoch) => {
    if (epoch === undefined || !Number.isFinite(epoch)) return '—'
    const iso = new Date(epoch).toISOString()
    return `${iso.slice(0, 10) === date ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 19)}`
  }
}

type Clock = ReturnType<typeof clockOn>

/** Every time a run shows: FIS's, CloudWatch's, and the windows its checks judged. */
function timesShown(run: ExperimentRun): number[] {
  const span = run.hypothesis ? evidenceSpan(run.hypothesis) : undefined
  return [
    run.startTime,
    run.endTime,
    ...run.timeline.map((event) => event.time),
    ...(span ? [span.start, span.end - 1] : [])
  ].filter((time): time is number => time !== undefined && Number.isFinite(time))
}

/**
 * The dates the summary's times fall on: one, said once in the headline, or the first and last
 * moment when they cross midnight, so that a bare `00:00:05` below still reads unambiguously.
 */
function dateSpan(runs: readonly ExperimentRun[]): { date?: string; words: string } {
  const times = runs.flatMap(timesShown)
  if (times.length === 0) return { words: '' }
  const [first, last] = [Math.min(...times), Math.max(...times)]
  if (formatDate(first) === formatDate(last))
    return { date: formatDate(first), words: `times UTC on ${formatDate(first)}` }
  const moment = (time: number): string =>
    new Date(time).toISOString().slice(0, 16).replace('T', ' ')
  return { date: formatDate(first), words: `times UTC from ${moment(first)} to ${moment(last)}` }
}

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

/** The CloudWatch Logs log group the template sends the experiment's log to, in the console. */
function logGroupLink(experiment: ValidatedExperiment | undefined): string {
  const arn = stringAt(
    objectAt(objectAt(experiment?.template, 'logConfiguration'), 'cloudWatchLogsConfiguration'),
    'logGroupArn'
  )
  const url = arn ? logGroupConsoleUrl(arn) : undefined
  return url ? link('experiment log', url) : ''
}

/** The ids, states and links of one run, on one line. */
function facts(
  run: ExperimentRun,
  experiment: ValidatedExperiment | undefined,
  links: SummaryLinks
): string {
  const id = run.experimentId
    ? run.region
      ? link(code(run.experimentId), fisExperimentConsoleUrl(run.region, run.experimentId))
      : code(run.experimentId)
    : ''
  const file = links.fileLine(run.file, 1)
  return [
    id ? `**Experiment** ${id}` : '',
    run.templateId
      ? `**Template** ${code(run.templateId)}${run.templateCreated ? (run.templateDeleted ? ' (created, deleted)' : ' (created)') : ' (existing)'}`
      : '',
    run.status ? `**FIS state** ${code(run.status)}` : '',
    run.startTime !== undefined ? `**Duration** ${duration(run)}` : '',
    run.experimentId ? logGroupLink(experiment) : '',
    file ? link('experiment file', file) : ''
  ]
    .filter(Boolean)
    .join(' · ')
}

function actionsTable(run: ExperimentRun, clock: Clock): string {
  return table(
    ['Action', 'Action id', 'Status', 'Started', 'Ended', 'Reason'],
    run.actions.map((action) => [
      escapeMarkdown(action.name),
      code(action.actionId),
      code(action.status),
      clock(action.startTime),
      clock(action.endTime),
      escapeMarkdown(action.reason ?? '')
    ])
  )
}

function alarmsTable(run: ExperimentRun, clock: Clock): string {
  return table(
    ['Stop-condition alarm', 'Fired during the experiment', 'State now', 'Reason'],
    run.alarms.map((alarm) => [
      code(alarm.name),
      alarm.firedDuringExperiment
        ? `**yes**${alarm.firedAt !== undefined ? `, at ${clock(alarm.firedAt)}` : ''}`
        : 'no',
      code(alarm.state ?? '?'),
      escapeMarkdown(alarm.stateReason ?? '')
    ])
  )
}

function timelineDetails(run: ExperimentRun, clock: Clock): string {
  const rows = run.timeline.map((event) => [
    clock(event.time),
    event.source,
    escapeMarkdown(event.name),
    escapeMarkdown(event.from ? `${event.from} → ${event.to}` : event.to),
    escapeMarkdown(event.detail ?? '')
  ])
  return [
    `<details><summary>Timeline (${plural(run.timeline.length, 'event')}, UTC)</summary>`,
    '',
    table(['Time', 'Source', 'Name', 'Change', 'Detail'], rows),
    '',
    '</details>'
  ].join('\n')
}

/** What validation said about the run's file, folded; open when it is why the run was refused. */
interface FileValidation {
  findings: readonly Finding[]
  details: string
}

function validationFold(validation: FileValidation | undefined): string {
  if (!validation) return ''
  const errors = validation.findings.some((finding) => finding.severity === 'error')
  return [
    `<details${errors ? ' open' : ''}><summary>Validation: ${validationStatus(validation.findings)}</summary>`,
    '',
    validation.details,
    '',
    '</details>'
  ].join('\n')
}

/** What every section of a run opens with: its verdict, its reason, its ids and links. */
function sectionHead(
  run: ExperimentRun,
  experiment: ValidatedExperiment | undefined,
  links: SummaryLinks
): string[] {
  return [
    `### ${VERDICT_ICON[run.verdict]} ${run.verdict} — ${escapeMarkdown(run.file)}`,
    escapeMarkdown(run.reason),
    facts(run, experiment, links)
  ]
}

function runSection(
  run: ExperimentRun,
  experiment: ValidatedExperiment | undefined,
  validation: FileValidation | undefined,
  context: { clock: Clock; links: SummaryLinks }
): string {
  const parts = [
    ...sectionHead(run, experiment, context.links),
    run.actions.length ? actionsTable(run, context.clock) : '',
    run.alarms.length ? alarmsTable(run, context.clock) : '',
    hypothesisSection(run, experiment, context.links),
    run.mode === 'plan' && run.resolvedTargets ? planTable(run, experiment) : '',
    run.timeline.length ? timelineDetails(run, context.clock) : '',
    validationFold(validation)
  ]
  return parts.filter(Boolean).join('\n\n')
}

export interface RunSummaryInput {
  mode: 'plan' | 'run'
  verdict: Verdict
  runs: readonly ExperimentRun[]
  experiments: readonly ValidatedExperiment[]
  /** Findings on files that did not load: globs that matched nothing, unreadable files. */
  otherFindings?: readonly Finding[]
  /** How long the step took, milliseconds: a duration, not a time of day. */
  elapsedMs?: number
  links?: SummaryLinks
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

/** Hypothesis checks over every run, by how they ended. */
function checkCounts(runs: readonly ExperimentRun[]): string {
  const statuses = runs.flatMap((run) => run.hypothesis?.checks.map((check) => check.status) ?? [])
  if (statuses.length === 0) return 'no hypothesis checks'
  const of = (status: string): number => statuses.filter((item) => item === status).length
  return `${plural(statuses.length, 'check')}: ${of('pass')} passed, ${of('breach')} failed, ${of('inconclusive')} inconclusive`
}

/** The one sentence under the headline: the worst run's reason, or that all passed. */
function headlineReason(input: RunSummaryInput): string {
  const worst = input.runs.find((run) => run.verdict === input.verdict)
  if (!worst) return 'No experiment file to run.'
  if (input.verdict === 'pass' && input.runs.length > 1)
    return `All ${plural(input.runs.length, 'experiment')} passed.`
  return `**${escapeMarkdown(worst.file)}**: ${escapeMarkdown(worst.reason)}`
}

function headline(input: RunSummaryInput, dates: string): string {
  const files = new Set(input.runs.map((run) => run.file)).size
  const counts = [
    plural(files, 'file'),
    `${plural(input.runs.filter((run) => run.experimentId).length, 'experiment')} started`,
    checkCounts(input.runs),
    input.elapsedMs !== undefined
      ? `step took ${formatSeconds(Math.round(input.elapsedMs / 1000))}`
      : '',
    dates
  ]
  return [
    `## ${VERDICT_ICON[input.verdict]} fis-gate ${input.mode}: ${input.verdict}`,
    headlineReason(input),
    counts.filter(Boolean).join(' · ')
  ].join('\n\n')
}

/** Each run's file validation: a loaded file's details, or the findings of one that did not load. */
function validationsByFile(input: RunSummaryInput, budget: number): Map<string, FileValidation> {
  const links = input.links ?? NO_LINKS
  const byFile = new Map<string, FileValidation>()
  for (const experiment of input.experiments)
    byFile.set(experiment.source.file, {
      findings: experiment.findings,
      details: validationDetails(experiment, budget, links)
    })
  for (const file of unloadedFiles(input.otherFindings ?? []))
    byFile.set(file.file, {
      findings: file.findings,
      details: findingsTable(file.findings, budget, links)
    })
  return byFile
}

/**
 * Within `budget` bytes (default: all a step has): the headline, the overview table when there is
 * more than one run, then the worst runs first, each with its section; the rest counted.
 */
export function renderRunSummary(input: RunSummaryInput, budget = SUMMARY_BUDGET): string {
  const span = dateSpan(input.runs)
  const context = { clock: clockOn(span.date), links: input.links ?? NO_LINKS }
  const head = headline(input, span.words)
  const experiments = new Map(input.experiments.map((item) => [item.source.file, item]))
  const validations = validationsByFile(input, (budget * FILE_SHARE) / 2)
  const overview = input.runs.length > 1
  const parts = input.runs.map((run) => {
    const row = overviewRow(run)
    const experiment = experiments.get(run.file)
    const section = runSection(run, experiment, validations.get(run.file), context)
    // Its verdict, reason and links, for a run whose whole evidence does not fit.
    const compact = [
      ...sectionHead(run, experiment, context.links),
      '_The rest of this run’s evidence is too large for the job summary’s 1 MiB: the JSON report (output `report`) has it._'
    ]
      .filter(Boolean)
      .join('\n\n')
    // The row and its line break, the section and the blank line before it.
    const rowBytes = overview ? byteSize(tableRow(row)) + 1 : 0
    return {
      run,
      row,
      section,
      compact,
      bytes: rowBytes + byteSize(section) + 2,
      compactBytes: rowBytes + byteSize(compact) + 2
    }
  })
  const header = ['File', 'Verdict', 'Experiment', 'Duration', 'Reason']
  const fixed = byteSize([head, table(header, [])].join('\n\n')) + OMISSION_NOTE_BYTES
  const rank = (part: (typeof parts)[number]): number => -VERDICT_ORDER.indexOf(part.run.verdict)
  const whole = fitToBudget(parts, (part) => part.bytes, rank, budget - fixed)
  const used = whole.shown.reduce((sum, part) => sum + part.bytes, 0)
  // What does not fit whole keeps its verdict and links, as long as those fit.
  const { shown: brief, omitted } = fitToBudget(
    whole.omitted,
    (part) => part.compactBytes,
    rank,
    budget - fixed - used
  )
  const inBrief = new Set(brief)
  const shown = parts.filter((part) => whole.shown.includes(part) || inBrief.has(part))
  const sections = [
    head,
    overview && shown.length
      ? table(
          header,
          shown.map((part) => part.row)
        )
      : '',
    ...shown.map((part) => (inBrief.has(part) ? part.compact : part.section)),
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
