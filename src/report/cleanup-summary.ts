/**
 * The post step's own section of the job summary: what it stopped, what FIS confirmed ended and
 * when (FIS's `endTime`, never the runner's clock), which templates were deleted or kept and why,
 * what became of a StartExperiment the main step never saw answered — or what FIS did not
 * confirm, and what to do about it. The main step's summary of a cancelled run ends at whatever
 * FIS said then (often `stopping`); this section is where the run's end is confirmed.
 *
 * When it is written: whenever the post step has something to account for — an experiment or a
 * template the saved state records or this run's tag turned up, or an unanswered start. That
 * includes a run whose main step had stopped and deleted everything itself: then one line
 * confirms it (`✅ Nothing left running: … ended (completed at …); template … deleted by the main
 * step`). A run that started nothing and created nothing gets no section (`renderCleanupSummary`
 * returns `''`), and neither does a post step without saved state.
 *
 * Every AWS or file string goes through markdown.ts. The section is bounded: rows are kept within
 * `CLEANUP_SUMMARY_BUDGET` bytes, what may still be running first, and the rest is counted.
 */
import {
  fisCommand,
  fisExperimentConsoleUrl,
  fisExperimentsConsoleUrl
} from '../aws/console-links.js'
import { plural } from '../hypothesis/describe.js'
import {
  confirmedNothingRunning,
  unconfirmedEnds,
  unsettledStarts,
  type CleanupReport,
  type ExperimentCleanup,
  type TemplateCleanup,
  type UnansweredStart
} from '../run/cleanup-report.js'
import type { RunState } from '../run/state.js'
import { code, escapeMarkdown, link, table, tableRow } from './markdown.js'
import { byteSize, fitToBudget, omissionNote } from './summary-budget.js'

/** Bytes the rows, paragraphs and instructions of the section may take together. */
export const CLEANUP_SUMMARY_BUDGET = 64 * 1024

/** At most this many experiments and templates each are told in the one-line form. */
const ONE_LINE_MOST = 3

const TITLE = '(fis-gate post step)'

/** A FIS timestamp, to the second: `2026-12-02 05:21:03 UTC`. */
const utc = (epoch: number): string =>
  `${new Date(epoch).toISOString().slice(0, 19).replace('T', ' ')} UTC`

const experimentLink = (region: string, id: string): string =>
  link(code(id), fisExperimentConsoleUrl(region, id))

const fileCell = (file: string | undefined): string =>
  file === undefined ? '—' : escapeMarkdown(file)

function actionWords(experiment: ExperimentCleanup): string {
  const why = experiment.stopError ? escapeMarkdown(experiment.stopError) : ''
  const words = {
    stopped: '🛑 stopped it; FIS confirmed it ended',
    'stop-awaited': 'it was stopping already; waited until FIS confirmed it ended',
    'already-ended': why
      ? `nothing: it ended by itself while its stop failed (${why})`
      : 'nothing: it had already ended',
    'not-confirmed': `⚠️ could not confirm that it ended${why ? ` (${why})` : ''}`
  }[experiment.action]
  return experiment.foundBy === 'run-tag' ? `found by this run's tag; ${words}` : words
}

function endedCell(experiment: ExperimentCleanup): string {
  if (experiment.endTime !== undefined) return utc(experiment.endTime)
  return experiment.action === 'not-confirmed' ? 'not confirmed' : '—'
}

function templateWords(template: TemplateCleanup): string {
  const why = escapeMarkdown(template.reason ?? '')
  return {
    deleted: '🗑️ deleted',
    'deleted-by-main': 'deleted by the main step',
    gone: 'already gone',
    kept: `kept (${why || 'cleanup: false'})`,
    'delete-failed': `⚠️ could not delete${why ? `: ${why}` : ''}`
  }[template.outcome]
}

function stopTodo(region: string, id: string): string {
  const command = fisCommand('stop-experiment', region, id)
  const console = link('the FIS console', fisExperimentConsoleUrl(region, id))
  return `- ${code(id)}: stop it ${command ? `with ${code(command)} or ` : ''}in ${console}, and check that FIS shows it ${code('stopped')}.`
}

function deleteTodo(region: string, id: string): string {
  const command = fisCommand('delete-experiment-template', region, id)
  return `- template ${code(id)}: delete it ${command ? `with ${code(command)} or ` : ''}in ${link('the FIS console', fisExperimentsConsoleUrl(region))} (a template costs nothing, but it can be started again).`
}

function startTodo(run: Pick<RunState, 'region' | 'runTag'>): string {
  const tag = run.runTag ? ` tagged ${code('fis-gate:run')} = ${code(run.runTag)}` : ''
  return `- look in ${link('the FIS console', fisExperimentsConsoleUrl(run.region))} for an active experiment${tag}, and stop it.`
}

function startWords(start: UnansweredStart, report: CleanupReport): string {
  const opening = `The main step never saw the answer to its StartExperiment for ${escapeMarkdown(start.file)}`
  if (start.experimentId !== undefined)
    return `${opening}: the search by this run's tag found ${code(start.experimentId)} (in the table).`
  if (report.unsearched)
    return `${opening}, and the search by this run's tag failed (${escapeMarkdown(report.unsearched)}): ⚠️ an experiment may be running that nobody can name.`
  if (report.searchCutShort)
    return `${opening}, and the post step was cancelled before its search by this run's tag ended: ⚠️ FIS may yet start it.`
  return `${opening}: searching this run's tag until FIS could no longer start it late found nothing, so FIS started nothing for it.`
}

/** One piece of the section: a table row, or a paragraph, and what to do about it. */
interface Part {
  kind: 'experiment' | 'template' | 'start'
  text: string
  todo?: string
  /** Lower first: what may still be running, then what post changed, then the rest. */
  rank: number
}

function parts(report: CleanupReport, run: Pick<RunState, 'region' | 'runTag'>): Part[] {
  const unsettled = new Set(unsettledStarts(report))
  return [
    ...report.experiments.map((experiment): Part => ({
      kind: 'experiment',
      text: tableRow([
        experimentLink(run.region, experiment.experimentId),
        fileCell(experiment.file),
        actionWords(experiment),
        code(experiment.lastState),
        endedCell(experiment)
      ]),
      ...(experiment.action === 'not-confirmed'
        ? { todo: stopTodo(run.region, experiment.experimentId), rank: 0 }
        : { rank: experiment.action === 'already-ended' ? 2 : 1 })
    })),
    ...report.unansweredStarts.map((start): Part => ({
      kind: 'start',
      text: startWords(start, report),
      ...(unsettled.has(start) ? { todo: startTodo(run), rank: 0 } : { rank: 1 })
    })),
    ...report.templates.map((template): Part => ({
      kind: 'template',
      text: tableRow([code(template.templateId), fileCell(template.file), templateWords(template)]),
      ...(template.outcome === 'delete-failed'
        ? { todo: deleteTodo(run.region, template.templateId), rank: 0 }
        : { rank: template.outcome === 'deleted' ? 1 : 2 })
    }))
  ]
}

function heading(report: CleanupReport): string {
  const unconfirmed = unconfirmedEnds(report).length + unsettledStarts(report).length
  if (unconfirmed)
    return `## ⚠️ Could not confirm that ${plural(unconfirmed, 'experiment')} ended: a fault may still be active ${TITLE}`
  const failed = report.templates.filter(({ outcome }) => outcome === 'delete-failed').length
  return failed
    ? `## ✅ Nothing left running; ⚠️ ${plural(failed, 'template')} could not be deleted ${TITLE}`
    : `## ✅ Nothing left running ${TITLE}`
}

const andList = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`

/**
 * The one-line form, when the main step had done everything: each experiment it recorded had
 * ended before post looked, and each template it created it deleted.
 */
function oneLine(report: CleanupReport, region: string): string | undefined {
  const { experiments, templates } = report
  const mainDidAll =
    confirmedNothingRunning(report) &&
    !report.unansweredStarts.length &&
    experiments.every(({ action, foundBy }) => action === 'already-ended' && foundBy === 'state') &&
    templates.every(({ outcome }) => outcome === 'deleted-by-main') &&
    experiments.length <= ONE_LINE_MOST &&
    templates.length <= ONE_LINE_MOST
  if (!mainDidAll) return undefined
  const ended = experiments.map(
    ({ experimentId, lastState, endTime }) =>
      `${experimentLink(region, experimentId)} ended (${code(lastState)}${endTime === undefined ? '' : ` at ${utc(endTime)}`})`
  )
  const deleted = templates.length
    ? [
        `${templates.length === 1 ? 'template' : 'templates'} ${andList(templates.map(({ templateId }) => code(templateId)))} deleted by the main step`
      ]
    : []
  return `## ✅ Nothing left running: ${[andList(ended), ...deleted].filter(Boolean).join('; ')} ${TITLE}\n`
}

/** The post step's section, or `''` when it has nothing to account for (see the module comment). */
export function renderCleanupSummary(
  report: CleanupReport,
  run: Pick<RunState, 'region' | 'runTag'>
): string {
  if (!report.experiments.length && !report.templates.length && !report.unansweredStarts.length)
    return ''
  const short = oneLine(report, run.region)
  if (short) return short

  const all = parts(report, run)
  const { shown, omitted } = fitToBudget(
    all,
    (part) => byteSize(part.text) + byteSize(part.todo ?? '') + 2,
    (part) => part.rank,
    CLEANUP_SUMMARY_BUDGET
  )
  const of = (kind: Part['kind']) => shown.filter((part) => part.kind === kind)
  const experiments = of('experiment').map((part) => part.text)
  const templates = of('template').map((part) => part.text)
  const todo = shown.flatMap((part) => part.todo ?? [])
  const left = (kind: Part['kind']) => omitted.filter((part) => part.kind === kind).length
  const sections = [
    heading(report),
    experiments.length
      ? [
          table(['Experiment', 'File', 'Post step', 'FIS state', 'Ended (from FIS)'], []),
          ...experiments
        ].join('\n')
      : '',
    of('start')
      .map((part) => part.text)
      .join('\n\n'),
    templates.length ? [table(['Template', 'File', 'Post step'], []), ...templates].join('\n') : '',
    todo.length ? ['**What to do:**', ...todo].join('\n') : '',
    omissionNote(
      [
        { count: left('experiment'), text: plural(left('experiment'), 'experiment') },
        { count: left('start'), text: plural(left('start'), 'unanswered start') },
        { count: left('template'), text: plural(left('template'), 'template') }
      ],
      'item',
      "the post step's log names each experiment and template it stopped, confirmed or deleted"
    )
  ]
  return `${sections.filter(Boolean).join('\n\n')}\n`
}
