/**
 * mode: sweep, for scheduled workflows: finds the experiments fis-gate started in the account and
 * Region that are still going and stops those whose workflow run has ended or that outlived their
 * timeout, then deletes the templates fis-gate created whose run has ended. What it cannot judge
 * it leaves, saying why; what fis-gate did not tag it never touches. The decisions are
 * src/run/sweep.ts; here are the calls: FIS listings and stops, GitHub's word on each run.
 */
import {
  GetExperimentCommand,
  type ExperimentSummary,
  type ExperimentTemplateSummary
} from '@aws-sdk/client-fis'
import type { ActionIO } from '../action-io.js'
import { callLimits, CALL_BUDGET_MS } from '../aws/call-limits.js'
import { createAwsClients } from '../aws/clients.js'
import { stopByHand } from '../aws/console-links.js'
import { describeAwsError } from '../aws/errors.js'
import { createGitHubApi, type GitHubApi, type GitHubProblemKind } from '../github/api.js'
import { workflowRunState } from '../github/workflow-runs.js'
import { plural } from '../hypothesis/describe.js'
import type { Inputs } from '../inputs.js'
import { writeSweepReport } from '../report/json-report.js'
import { renderSweepSummary } from '../report/sweep-summary.js'
import { deleteTemplate, stopAndConfirm, type CleanupContext } from '../run/cleanup.js'
import { systemClock, type Clock } from '../run/context.js'
import { listExperimentTemplates, listExperiments } from '../run/fis-listing.js'
import { ACTIVE_STATES } from '../run/model.js'
import {
  decideExperiment,
  decideTemplate,
  isFisGateTagged,
  sweepReason,
  sweepRow,
  sweepVerdict,
  type RunAnswer,
  type RunIdentity,
  type SweepDecision,
  type SweepFacts,
  type SweepOutcome,
  type SweepResult,
  type SweepRow,
  type SweptExperiment,
  type SweptTemplate
} from '../run/sweep.js'
import { workflowRunOf } from './run-mode.js'

export interface SweepModeDependencies {
  /** Aborted on SIGINT/SIGTERM: nothing more is asked or started; a stop in flight finishes. */
  cancellation: AbortSignal
  clock?: Clock
  random?: () => number
}

interface Listing {
  /** Active experiments fis-gate tagged, with their start times. */
  experiments: SweptExperiment[]
  /** Ids of every active experiment (tagged or not) by the template it came from. */
  activeByTemplate: Map<string, string[]>
  /** undefined: the experiments could not be listed, so no template may be judged. */
  templates?: SweptTemplate[]
  untagged: { experiments: number; templates: number }
  problems: string[]
}

/** FIS's startTime; its creationTime (set by the same StartExperiment) when it has none. */
async function startTimeOf(
  context: CleanupContext,
  summary: ExperimentSummary & { id: string }
): Promise<number | undefined> {
  try {
    const { experiment } = await context.clients.fis.send(
      new GetExperimentCommand({ id: summary.id }),
      context.limits.cancellable()
    )
    return (experiment?.startTime ?? summary.creationTime)?.getTime()
  } catch (error) {
    context.log.warning(
      `${describeAwsError(`FIS GetExperiment ${summary.id}`, error)}; its age is counted from its creation time`
    )
    return summary.creationTime?.getTime()
  }
}

async function listFis(context: CleanupContext): Promise<Listing> {
  const problems: string[] = []
  const untagged = { experiments: 0, templates: 0 }
  let summaries: ExperimentSummary[]
  try {
    summaries = await listExperiments(context.clients.fis, () => context.limits.cancellable())
  } catch (error) {
    problems.push(
      `${describeAwsError('FIS ListExperiments', error)}; nothing was stopped or deleted, as fis-gate cannot see which experiments are active`
    )
    return { experiments: [], activeByTemplate: new Map(), untagged, problems }
  }
  const active = summaries.filter(
    (summary): summary is ExperimentSummary & { id: string } =>
      summary.id !== undefined && ACTIVE_STATES.has(summary.state?.status ?? '')
  )
  const activeByTemplate = new Map<string, string[]>()
  const experiments: SweptExperiment[] = []
  for (const summary of active) {
    const templateId = summary.experimentTemplateId
    if (templateId)
      activeByTemplate.set(templateId, [...(activeByTemplate.get(templateId) ?? []), summary.id])
    if (!isFisGateTagged(summary.tags)) {
      untagged.experiments++
      continue
    }
    experiments.push({
      id: summary.id,
      status: summary.state?.status ?? 'unknown',
      tags: summary.tags ?? {},
      startedAt: await startTimeOf(context, summary),
      templateId
    })
  }
  let templateSummaries: ExperimentTemplateSummary[]
  try {
    templateSummaries = await listExperimentTemplates(context.clients.fis, () =>
      context.limits.cancellable()
    )
  } catch (error) {
    problems.push(
      `${describeAwsError('FIS ListExperimentTemplates', error)}; no template was deleted`
    )
    return { experiments, activeByTemplate, untagged, problems }
  }
  const templates: SweptTemplate[] = []
  for (const summary of templateSummaries) {
    if (!summary.id) continue
    if (!isFisGateTagged(summary.tags)) untagged.templates++
    else
      templates.push({
        id: summary.id,
        tags: summary.tags ?? {},
        createdAt: summary.creationTime?.getTime()
      })
  }
  return { experiments, activeByTemplate, templates, untagged, problems }
}

/** GitHub's answer for each run, asked once each; GitHub's problems as one notice per kind. */
async function askGitHub(
  github: GitHubApi,
  runs: readonly RunIdentity[],
  io: ActionIO
): Promise<Map<string, RunAnswer>> {
  const answers = new Map<string, RunAnswer>()
  const problems = new Map<GitHubProblemKind, { first: string; count: number }>()
  for (const run of runs) {
    if (answers.has(run.key)) continue
    const state = await workflowRunState(github, {
      owner: run.owner,
      repo: run.repo,
      runId: run.runId,
      attempt: run.attempt
    })
    if (typeof state === 'string') {
      answers.set(run.key, state)
      continue
    }
    answers.set(run.key, { unknown: state.unknown })
    const seen = problems.get(state.kind)
    problems.set(state.kind, { first: seen?.first ?? state.unknown, count: (seen?.count ?? 0) + 1 })
  }
  for (const { first, count } of problems.values())
    io.annotate({
      severity: 'notice',
      title: 'fis-gate sweep',
      message: `${first}${count > 1 ? ` (and ${plural(count - 1, 'more run')} alike)` : ''}. What such a run started is left unless it outlived its timeout, and its templates are kept`
    })
  return answers
}

/** The runs the decisions need GitHub's word on. */
function runsToAsk(listing: Listing, facts: SweepFacts): RunIdentity[] {
  const decisions: SweepDecision[] = [
    ...listing.experiments.map((experiment) => decideExperiment(experiment, facts)),
    ...(listing.templates ?? []).map((template) => decideTemplate(template, [], facts))
  ]
  return decisions.flatMap((decision) => (decision.action === 'ask' ? [decision.run] : []))
}

/** A decision with every answer in: an unasked run (which cannot happen) is left alone. */
function settled(decision: SweepDecision): { action: 'stop' | 'delete' | 'leave'; why: string } {
  return decision.action === 'ask'
    ? { action: 'leave', why: `GitHub was not asked about run ${decision.run.label}` }
    : decision
}

async function stopOne(
  context: CleanupContext,
  region: string,
  id: string,
  why: string
): Promise<{ outcome: SweepOutcome; why: string }> {
  const stopped = await stopAndConfirm(context, id)
  if (stopped === 'stopped') return { outcome: 'stopped', why }
  if (stopped === 'already-ended')
    return { outcome: 'ended-before-stop', why: `${why}; it ended by itself before the stop` }
  return {
    outcome: 'stop-unconfirmed',
    why: `${why}; FIS has not confirmed that it ended (last state ${stopped.lastState}${stopped.stopError ? `; ${stopped.stopError}` : ''}): ${stopByHand(region, id)}`
  }
}

async function sweep(
  context: CleanupContext,
  github: GitHubApi,
  io: ActionIO,
  inputs: Inputs,
  repository: string,
  cancellation: AbortSignal
): Promise<SweepResult> {
  const listing = await listFis(context)
  const now = context.clock.now()
  const facts: SweepFacts = {
    now,
    repository,
    fallbackTimeoutSeconds: Math.round(inputs.timeout.ms / 1000),
    answers: new Map()
  }
  facts.answers = await askGitHub(github, runsToAsk(listing, facts), io)
  const dryRun = inputs.sweepDryRun
  const rows: SweepRow[] = []
  const report = (row: SweepRow): void => {
    rows.push(row)
    io.info(`${row.outcome.toUpperCase()}  ${row.kind} ${row.id}: ${row.why}`)
  }

  const noLongerActive = new Set<string>()
  for (const experiment of listing.experiments) {
    const decision = settled(decideExperiment(experiment, facts))
    let done: { outcome: SweepOutcome; why: string } = { outcome: 'left', why: decision.why }
    if (decision.action === 'stop') {
      if (dryRun) done = { outcome: 'would-stop', why: decision.why }
      else if (cancellation.aborted) done = { outcome: 'not-done', why: decision.why }
      else done = await stopOne(context, inputs.region, experiment.id, decision.why)
      if (done.outcome !== 'stop-unconfirmed' && done.outcome !== 'not-done')
        noLongerActive.add(experiment.id)
    }
    report(sweepRow('experiment', experiment, experiment.startedAt, now, done.outcome, done.why))
  }

  for (const template of listing.templates ?? []) {
    const active = (listing.activeByTemplate.get(template.id) ?? []).filter(
      (id) => !noLongerActive.has(id)
    )
    const decision = settled(decideTemplate(template, active, facts))
    let done: { outcome: SweepOutcome; why: string } = { outcome: 'left', why: decision.why }
    if (decision.action === 'delete') {
      if (dryRun) done = { outcome: 'would-delete', why: decision.why }
      else if (cancellation.aborted) done = { outcome: 'not-done', why: decision.why }
      else {
        const deleted = await deleteTemplate(context, template.id)
        done =
          deleted === 'deleted'
            ? { outcome: 'deleted', why: decision.why }
            : deleted === 'gone'
              ? { outcome: 'left', why: `${decision.why}; it no longer exists` }
              : { outcome: 'delete-failed', why: `${decision.why}; ${deleted.failed}` }
      }
    }
    report(sweepRow('template', template, template.createdAt, now, done.outcome, done.why))
  }

  const verdict = sweepVerdict(rows, {
    listing: listing.templates === undefined,
    cancelled: cancellation.aborted
  })
  return {
    verdict,
    reason: sweepReason(verdict, rows, listing.problems, dryRun),
    dryRun,
    region: inputs.region,
    rows,
    untagged: listing.untagged,
    problems: listing.problems
  }
}

export async function runSweepMode(
  io: ActionIO,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  dependencies: SweepModeDependencies
): Promise<void> {
  const clock = dependencies.clock ?? systemClock
  const random = dependencies.random ?? Math.random
  const { cancellation } = dependencies
  const startedAt = clock.now()
  const clients = createAwsClients({ region: inputs.region, env })
  const github = createGitHubApi({
    token: inputs.githubToken,
    baseUrl: env.GITHUB_API_URL,
    clock,
    random,
    cancellation
  })
  const context: CleanupContext = {
    clients,
    clock,
    log: {
      info: (message) => io.info(message),
      warning: (message) => io.annotate({ severity: 'warning', title: 'fis-gate sweep', message }),
      group: (name, run) => io.group(name, run)
    },
    cancellation,
    limits: callLimits(cancellation, CALL_BUDGET_MS, () => clock.now()),
    random
  }
  let result: SweepResult
  try {
    result = await io.group(
      `Sweep ${inputs.region}${inputs.sweepDryRun ? ' (dry run: nothing is stopped or deleted)' : ''}`,
      () => sweep(context, github, io, inputs, env.GITHUB_REPOSITORY ?? '', cancellation)
    )
  } finally {
    clients.destroy()
  }

  const reportPath = await writeSweepReport(inputs.reportDir, {
    ...result,
    startedAt,
    finishedAt: clock.now(),
    workflow: workflowRunOf(env)
  })
  await io.appendSummary(renderSweepSummary(result, env.GITHUB_SERVER_URL || 'https://github.com'))
  io.setOutput('verdict', result.verdict)
  io.setOutput('report', reportPath)
  // A stop FIS never confirmed may leave a fault active: that fails the step whatever fail-on says.
  const unconfirmed = result.rows.filter((row) => row.outcome === 'stop-unconfirmed')
  if (
    inputs.failOn.includes(result.verdict) ||
    result.verdict === 'cancelled' ||
    unconfirmed.length
  )
    io.setFailed(
      `fis-gate sweep: ${result.verdict} — ${result.reason}${unconfirmed.map((row) => `. ${row.id}: ${stopByHand(inputs.region, row.id)}`).join('')}`
    )
}
