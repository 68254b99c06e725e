/**
 * The job summary of a sweep: the verdict banner with its reason, then one table of every
 * experiment and template fis-gate tagged (what it is, its file and run, its age, what was done
 * and why), and what kept the sweep from knowing more.
 */
import { formatSeconds } from '../experiment/duration.js'
import { plural } from '../hypothesis/describe.js'
import type { RunIdentity, SweepOutcome, SweepResult, SweepRow } from '../run/sweep.js'
import { code, escapeMarkdown, table } from './markdown.js'
import { VERDICT_ICON } from './run-summary.js'

const OUTCOME_WORDS: Record<SweepOutcome, string> = {
  stopped: '🛑 stopped',
  'would-stop': 'would stop (dry run)',
  'ended-before-stop': 'ended by itself before the stop',
  'stop-unconfirmed': '⚠️ stop not confirmed',
  deleted: '🗑️ deleted',
  'would-delete': 'would delete (dry run)',
  'delete-failed': '⚠️ delete failed',
  left: 'left',
  'not-done': 'not done (cancelled)'
}

export const outcomeWords = (outcome: SweepOutcome): string => OUTCOME_WORDS[outcome]

/** The run's page: the repository and ids in the URL are the validated parts of RunIdentity. */
function runCell(run: RunIdentity | undefined, serverUrl: string): string {
  if (!run) return '—'
  const path = `${run.owner}/${run.repo}/actions/runs/${run.runId}${run.attempt === undefined ? '' : `/attempts/${run.attempt}`}`
  return `[${escapeMarkdown(run.label)}](${serverUrl.replace(/\/+$/, '')}/${path})`
}

function row(item: SweepRow, serverUrl: string): string[] {
  return [
    item.kind === 'template' ? `template ${code(item.id)}` : code(item.id),
    item.file === undefined ? '—' : escapeMarkdown(item.file),
    runCell(item.run, serverUrl),
    item.ageSeconds === undefined ? '—' : formatSeconds(item.ageSeconds),
    outcomeWords(item.outcome),
    escapeMarkdown(item.why)
  ]
}

/** `serverUrl`: GITHUB_SERVER_URL, for links to the runs. */
export function renderSweepSummary(result: SweepResult, serverUrl: string): string {
  const untagged = result.untagged.experiments + result.untagged.templates
  const sections = [
    `## ${VERDICT_ICON[result.verdict]} fis-gate sweep: ${result.verdict}`,
    `> ${escapeMarkdown(result.reason)}`,
    result.dryRun
      ? '**Dry run** (`sweep-dry-run`): nothing was stopped or deleted; the table shows what a sweep would do.'
      : '',
    result.rows.length
      ? table(
          ['Experiment', 'File', 'Run', 'Age', 'Action', 'Why'],
          result.rows.map((item) => row(item, serverUrl))
        )
      : `No active experiment and no template in ${escapeMarkdown(result.region)} carries fis-gate's tags.`,
    untagged
      ? `Not looked at, without fis-gate's tags: ${plural(result.untagged.experiments, 'active experiment')} and ${plural(result.untagged.templates, 'template')} in ${escapeMarkdown(result.region)}.`
      : '',
    result.problems.length
      ? [
          'What the sweep could not know:',
          ...result.problems.map((problem) => `- ${escapeMarkdown(problem)}`)
        ].join('\n')
      : ''
  ]
  return `${sections.filter(Boolean).join('\n\n')}\n`
}
