/**
 * What `mode: sweep` does with each experiment and template fis-gate tagged, decided over plain
 * data: the tags, FIS's times, the present and what GitHub said of the workflow run.
 *
 * An experiment (pending, initiating or running) is stopped when it has run longer than the
 * timeout it was started with (its fis-gate:timeout tag; the timeout input when it has none) —
 * a rule that needs no GitHub answer — or when its workflow run attempt has ended. Anything
 * fis-gate cannot tell (a run in another repository, which this step's token cannot read; no
 * token; GitHub refusing or failing) leaves it, saying so. A template is deleted when its run
 * has ended and no experiment from it is active. Nothing without the fis-gate:run tag is touched.
 */
import { plural } from '../hypothesis/describe.js'
import { formatSeconds } from '../experiment/duration.js'
import { TAG } from './state.js'
import type { Verdict } from './model.js'

export type Tags = Readonly<Record<string, string>>

/** The workflow run attempt a template or experiment was made by, from its tags. */
export interface RunIdentity {
  repository: string
  owner: string
  repo: string
  runId: number
  /** From the fis-gate:run tag; undefined when it does not parse. */
  attempt?: number
  /** One key per run attempt: runs are asked about once. */
  key: string
  /** `octo-org/shop#42 attempt 1`. */
  label: string
}

/** What is known about a run: GitHub's answer, or why there is none. */
export type RunAnswer = 'in_progress' | 'ended' | { unknown: string }

export interface SweptExperiment {
  id: string
  status: string
  tags: Tags
  /** FIS's startTime, or its creationTime when it gave none (epoch ms). */
  startedAt?: number
  templateId?: string
}

export interface SweptTemplate {
  id: string
  tags: Tags
  createdAt?: number
}

/** What sweep does to an item, or that it needs the run's state from GitHub first. */
export type SweepDecision =
  { action: 'stop' | 'delete' | 'leave'; why: string } | { action: 'ask'; run: RunIdentity }

/** The experiments fis-gate looks at: still going, or going to. */
export const SWEPT_STATES = new Set(['pending', 'initiating', 'running'])

export function isFisGateTagged(tags: Tags | undefined): boolean {
  return tags !== undefined && Object.hasOwn(tags, TAG.run)
}

const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/

export function runIdentityOf(tags: Tags): RunIdentity | undefined {
  const repository = tags[TAG.repository] ?? ''
  const names = REPOSITORY.exec(repository)
  const runIdText = tags[TAG.runId] ?? ''
  if (!names || !/^[1-9]\d{0,18}$/.test(runIdText)) return undefined
  const runId = Number(runIdText)
  // owner/name#runId.attempt/job/execution
  const run = /#(\d+)\.([1-9]\d{0,5})\//.exec(tags[TAG.run] ?? '')
  const attempt = run && run[1] === runIdText ? Number(run[2]) : undefined
  return {
    repository,
    owner: names[1] as string,
    repo: names[2] as string,
    runId,
    attempt,
    key: `${repository.toLowerCase()}#${runId}.${attempt ?? ''}`,
    label: `${repository}#${runId}${attempt === undefined ? '' : ` attempt ${attempt}`}`
  }
}

export interface SweepFacts {
  now: number
  /** GITHUB_REPOSITORY: the one repository whose runs this step's token can read. */
  repository: string
  /** The timeout input, for experiments without a fis-gate:timeout tag. */
  fallbackTimeoutSeconds: number
  /** GitHub's answers so far, by RunIdentity.key. */
  answers: ReadonlyMap<string, RunAnswer>
}

/** The run's state as far as it is known, or the run to ask about. */
function runAnswer(tags: Tags, facts: SweepFacts): RunAnswer | RunIdentity {
  const run = runIdentityOf(tags)
  if (!run)
    return {
      unknown: `its tags name no workflow run (${TAG.repository} "${tags[TAG.repository] ?? ''}", ${TAG.runId} "${tags[TAG.runId] ?? ''}")`
    }
  if (run.repository.toLowerCase() !== facts.repository.toLowerCase())
    return {
      unknown: `its run ${run.label} is in another repository, whose runs this step's token cannot read`
    }
  return facts.answers.get(run.key) ?? run
}

const isIdentity = (answer: RunAnswer | RunIdentity): answer is RunIdentity =>
  typeof answer === 'object' && 'key' in answer

interface Timeout {
  seconds: number
  /** "the 1h timeout it was started with" */
  text: string
}

function timeoutOf(tags: Tags, fallbackSeconds: number): Timeout {
  const tagged = tags[TAG.timeout] ?? ''
  if (/^[1-9]\d{0,8}$/.test(tagged))
    return {
      seconds: Number(tagged),
      text: `the ${formatSeconds(Number(tagged))} timeout it was started with`
    }
  return {
    seconds: fallbackSeconds,
    text: `the timeout input's ${formatSeconds(fallbackSeconds)} (it has no ${TAG.timeout} tag)`
  }
}

const wholeSeconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000))

export function decideExperiment(experiment: SweptExperiment, facts: SweepFacts): SweepDecision {
  if (!SWEPT_STATES.has(experiment.status))
    return {
      action: 'leave',
      why:
        experiment.status === 'stopping'
          ? 'FIS is already stopping it'
          : `it is ${experiment.status}, not pending, initiating or running`
    }
  const timeout = timeoutOf(experiment.tags, facts.fallbackTimeoutSeconds)
  const runMs = experiment.startedAt === undefined ? undefined : facts.now - experiment.startedAt
  // Older than the timeout: stopped whatever GitHub would say, so it is not asked.
  if (runMs !== undefined && runMs > timeout.seconds * 1000)
    return {
      action: 'stop',
      why: `it has run ${formatSeconds(wholeSeconds(runMs))}, longer than ${timeout.text}`
    }
  const answer = runAnswer(experiment.tags, facts)
  if (isIdentity(answer)) return { action: 'ask', run: answer }
  const label = runIdentityOf(experiment.tags)?.label
  if (answer === 'ended') return { action: 'stop', why: `its workflow run ${label} has ended` }
  const soFar =
    runMs === undefined
      ? 'FIS gave no start time to judge its timeout by'
      : `it has run ${formatSeconds(wholeSeconds(runMs))} of ${timeout.text}`
  if (answer === 'in_progress')
    return { action: 'leave', why: `its workflow run ${label} is still in progress; ${soFar}` }
  return {
    action: 'leave',
    why: `fis-gate cannot tell whether its run has ended (${answer.unknown}), so it is left until it outlives its timeout; ${soFar}`
  }
}

/** `activeExperiments`: ids of experiments from this template still active after the stops. */
export function decideTemplate(
  template: SweptTemplate,
  activeExperiments: readonly string[],
  facts: SweepFacts
): SweepDecision {
  if (template.tags[TAG.cleanup] === 'false')
    return { action: 'leave', why: 'its run kept it on purpose (cleanup: false)' }
  const answer = runAnswer(template.tags, facts)
  if (isIdentity(answer)) return { action: 'ask', run: answer }
  const label = runIdentityOf(template.tags)?.label
  if (answer === 'in_progress')
    return { action: 'leave', why: `its workflow run ${label} is still in progress` }
  if (answer !== 'ended')
    return {
      action: 'leave',
      why: `fis-gate cannot tell whether its run has ended: ${answer.unknown}`
    }
  if (activeExperiments.length)
    return {
      action: 'leave',
      why: `its workflow run ${label} has ended, but ${activeExperiments.join(', ')} from it ${activeExperiments.length === 1 ? 'is' : 'are'} still active`
    }
  return { action: 'delete', why: `its workflow run ${label} has ended` }
}

/** What was done to an item. */
export type SweepOutcome =
  | 'stopped'
  | 'would-stop'
  /** Ended on its own between the decision and the stop. */
  | 'ended-before-stop'
  | 'stop-unconfirmed'
  | 'deleted'
  | 'would-delete'
  | 'delete-failed'
  | 'left'
  /** Decided, then not done: the workflow was cancelled first. */
  | 'not-done'

export interface SweepRow {
  kind: 'experiment' | 'template'
  id: string
  /** The experiment's FIS state when listed. */
  status?: string
  /** The fis-gate:experiment tag: the experiment file's name. */
  file?: string
  run?: RunIdentity
  /** Since FIS started the experiment, or created the template. */
  ageSeconds?: number
  outcome: SweepOutcome
  why: string
}

export function sweepRow(
  kind: SweepRow['kind'],
  item: { id: string; tags: Tags; status?: string },
  since: number | undefined,
  now: number,
  outcome: SweepOutcome,
  why: string
): SweepRow {
  return {
    kind,
    id: item.id,
    status: item.status,
    file: item.tags[TAG.experiment],
    run: runIdentityOf(item.tags),
    ageSeconds: since === undefined ? undefined : wholeSeconds(now - since),
    outcome,
    why
  }
}

const NEEDED_STOPPING: ReadonlySet<SweepOutcome> = new Set([
  'stopped',
  'would-stop',
  'ended-before-stop',
  'stop-unconfirmed',
  'not-done'
])

export const neededStopping = (row: SweepRow): boolean =>
  row.kind === 'experiment' && NEEDED_STOPPING.has(row.outcome)

/**
 * `cancelled` when the workflow was; `error` when FIS could not be listed or a stop or a delete
 * did not happen as decided; `fail` when an experiment needed stopping; else `pass`.
 */
export function sweepVerdict(
  rows: readonly SweepRow[],
  failures: { listing: boolean; cancelled: boolean }
): Verdict {
  if (failures.cancelled) return 'cancelled'
  if (
    failures.listing ||
    rows.some((row) => row.outcome === 'stop-unconfirmed' || row.outcome === 'delete-failed')
  )
    return 'error'
  return rows.some(neededStopping) ? 'fail' : 'pass'
}

/** A sweep, as the reports show it. */
export interface SweepResult {
  verdict: Verdict
  /** One sentence: why this verdict. */
  reason: string
  dryRun: boolean
  region: string
  rows: SweepRow[]
  /** Active experiments and templates seen and not looked at: no fis-gate:run tag. */
  untagged: { experiments: number; templates: number }
  /** What kept the sweep from seeing or knowing everything (FIS listing, GitHub), one line each. */
  problems: string[]
}

/** The verdict's reason, in one sentence. */
export function sweepReason(
  verdict: Verdict,
  rows: readonly SweepRow[],
  problems: readonly string[],
  dryRun: boolean
): string {
  const listed = (selected: readonly SweepRow[], withWhy: boolean): string =>
    selected.map((row) => (withWhy ? `${row.id} (${row.why})` : row.id)).join(', ')
  const deleted = rows.filter((row) => row.outcome === 'deleted' || row.outcome === 'would-delete')
  const templates = deleted.length
    ? `; ${plural(deleted.length, 'template')} ${dryRun ? 'would be deleted' : 'deleted'}`
    : ''
  if (verdict === 'cancelled')
    return `The workflow was cancelled during the sweep; what was decided and not done is marked "not done"`
  if (verdict === 'error') {
    const unconfirmed = rows.filter((row) => row.outcome === 'stop-unconfirmed')
    const undeleted = rows.filter((row) => row.outcome === 'delete-failed')
    return [
      unconfirmed.length ? `FIS has not confirmed the stop of ${listed(unconfirmed, false)}` : '',
      undeleted.length
        ? `${plural(undeleted.length, 'template')} could not be deleted: ${listed(undeleted, false)}`
        : '',
      unconfirmed.length || undeleted.length ? '' : (problems[0] ?? 'FIS could not be listed')
    ]
      .filter(Boolean)
      .join('; ')
  }
  const stopping = rows.filter(neededStopping)
  if (verdict === 'fail')
    return `${plural(stopping.length, 'experiment')} ${dryRun ? 'would be stopped (dry run: nothing was stopped)' : 'needed stopping'}: ${listed(stopping, true)}${templates}`
  return `Nothing needed stopping${templates}`
}
