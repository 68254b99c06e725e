/**
 * The post step's cleanup (post-if: always()): stop every experiment this run started that is
 * not terminal, wait until FIS says it ended, and delete the templates this run created.
 * Experiments and templates are found from the saved state and, for whatever a killed main step
 * started but could not record, by this run's tag. Idempotent: running it twice does nothing more.
 */
import { plural } from '../hypothesis/describe.js'
import {
  DeleteExperimentTemplateCommand,
  GetExperimentCommand,
  StopExperimentCommand
} from '@aws-sdk/client-fis'
import { describeAwsError, errorName } from '../aws/errors.js'
import type { CallLimits } from '../aws/call-limits.js'
import type { AwsClients } from '../aws/clients.js'
import { stopByHand } from '../aws/console-links.js'
import type { Clock, RunLog } from './context.js'
import { listExperimentTemplates, listExperiments } from './fis-listing.js'
import { TERMINAL_STATES } from './model.js'
import { isTransient, retryUntilDeadline } from './retry.js'
import { TAG, type RunState } from './state.js'

export interface CleanupContext {
  clients: AwsClients
  clock: Clock
  log: RunLog
  /** Every call here makes things safe, so each is sent with `limits.mustFinish()`. */
  limits: CallLimits
  random(): number
  /** A cancel of the cleanup itself: waits end, what is left is reported as not confirmed. */
  cancellation: AbortSignal
}

/** An experiment whose end FIS never confirmed: what was seen, and why the stop failed. */
export interface UnconfirmedStop {
  experimentId: string
  lastState: string
  stopError?: string
}

export interface CleanupReport {
  /** StopExperiment was accepted and FIS then reported a terminal state. */
  stopped: string[]
  /** Terminal before anything was asked of it, or ended on its own while its stop failed. */
  alreadyEnded: string[]
  notConfirmed: UnconfirmedStop[]
  deletedTemplates: string[]
  /**
   * Main began a StartExperiment whose outcome it never learned, and the search by this run's tag
   * failed: an experiment may be running that nobody can name. Why the search failed.
   */
  unsearched?: string
}

/** How long post waits for each stopped experiment to reach a terminal state. */
const STOP_CONFIRM_MS = 90_000

const ended = (status: string | undefined): boolean =>
  status !== undefined && (TERMINAL_STATES.has(status) || status === 'gone')

/** After an abandoned StartExperiment, how long FIS may still commit it: searched again till then. */
const LATE_START_MS = 20_000

async function taggedExperiments(
  context: CleanupContext,
  runTag: string
): Promise<{ id: string; templateId?: string }[]> {
  return (await listExperiments(context.clients.fis, () => context.limits.mustFinish())).flatMap(
    (experiment) =>
      experiment.id && experiment.tags?.[TAG.run] === runTag
        ? [{ id: experiment.id, templateId: experiment.experimentTemplateId }]
        : []
  )
}

async function taggedTemplateIds(context: CleanupContext, runTag: string): Promise<string[]> {
  return (
    await listExperimentTemplates(context.clients.fis, () => context.limits.mustFinish())
  ).flatMap((template) => (template.id && template.tags?.[TAG.run] === runTag ? [template.id] : []))
}

async function statusOf(context: CleanupContext, id: string): Promise<string | undefined> {
  try {
    return (
      await context.clients.fis.send(new GetExperimentCommand({ id }), context.limits.mustFinish())
    ).experiment?.state?.status
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return 'gone'
    context.log.warning(describeAwsError(`FIS GetExperiment ${id}`, error))
    return undefined
  }
}

/** Sends StopExperiment, retrying what is transient; the error when FIS never accepted it. */
async function requestStop(
  context: CleanupContext,
  id: string,
  deadline: number
): Promise<string | undefined> {
  try {
    await retryUntilDeadline(
      () =>
        context.clients.fis.send(new StopExperimentCommand({ id }), context.limits.mustFinish()),
      { clock: context.clock, random: context.random, deadline, isRetryable: isTransient }
    )
    return undefined
  } catch (error) {
    const stopError = describeAwsError(`FIS StopExperiment ${id}`, error)
    context.log.warning(stopError)
    return stopError
  }
}

/** How a stop went: FIS confirmed it, the experiment had ended already, or neither. */
export type StopOutcome = 'stopped' | 'already-ended' | UnconfirmedStop

/** Stops one experiment unless it has ended, then waits until FIS says it has. */
export async function stopAndConfirm(context: CleanupContext, id: string): Promise<StopOutcome> {
  const status = await statusOf(context, id)
  if (ended(status)) {
    context.log.info(`${id}: already ${status}`)
    return 'already-ended'
  }
  const deadline = context.clock.now() + STOP_CONFIRM_MS
  // An experiment already `stopping` has accepted a stop; asking again would be refused.
  const stopError = status === 'stopping' ? undefined : await requestStop(context, id, deadline)
  if (status !== 'stopping' && !stopError)
    context.log.info(`${id}: was ${status ?? 'in an unknown state'}; StopExperiment accepted`)
  let final = await statusOf(context, id)
  while (!ended(final) && context.clock.now() < deadline && !context.cancellation.aborted) {
    await context.clock.sleep(2000, context.cancellation)
    final = await statusOf(context, id)
  }
  if (!ended(final)) {
    context.log.warning(
      `${id}: FIS has not confirmed that it ended within ${STOP_CONFIRM_MS / 1000} s (last state ${final ?? 'unknown'})`
    )
    return { experimentId: id, lastState: final ?? 'unknown', stopError }
  }
  context.log.info(`${id}: ${final}`)
  return stopError ? 'already-ended' : 'stopped'
}

/** Deletes one template: deleted, already gone, or why the delete failed (also logged). */
export async function deleteTemplate(
  context: CleanupContext,
  id: string
): Promise<'deleted' | 'gone' | { failed: string }> {
  try {
    await context.clients.fis.send(
      new DeleteExperimentTemplateCommand({ id }),
      context.limits.mustFinish()
    )
    context.log.info(`template ${id}: deleted`)
    return 'deleted'
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return 'gone'
    const failed = describeAwsError(`FIS DeleteExperimentTemplate ${id}`, error)
    context.log.warning(failed)
    return { failed }
  }
}

export async function cleanUpRun(context: CleanupContext, state: RunState): Promise<CleanupReport> {
  const report: CleanupReport = {
    stopped: [],
    alreadyEnded: [],
    notConfirmed: [],
    deletedTemplates: []
  }
  const handled = new Set<string>()
  const settle = async (id: string): Promise<void> => {
    if (handled.has(id)) return
    handled.add(id)
    const outcome = await stopAndConfirm(context, id)
    if (outcome === 'stopped') report.stopped.push(id)
    else if (outcome === 'already-ended') report.alreadyEnded.push(id)
    else report.notConfirmed.push(outcome)
  }
  // What main recorded first: a search that fails or never ends cannot keep those running.
  for (const { experimentId } of state.experiments) await settle(experimentId)

  // Then whatever carries this run's tag; after an abandoned start, again until FIS can no longer
  // commit it late.
  const pending = new Set((state.pendingStarts ?? []).map((start) => start.templateId))
  const uncertain = pending.size > 0
  const searchUntil = context.clock.now() + (uncertain ? LATE_START_MS : 0)
  let tagged: { id: string; templateId?: string }[] | undefined
  for (let search = 0; state.runTag; search++) {
    try {
      tagged = await taggedExperiments(context, state.runTag)
    } catch (error) {
      const why = describeAwsError('FIS ListExperiments', error)
      if (uncertain) report.unsearched = why
      context.log.warning(`${why}; checking only the experiments the main step recorded`)
      break
    }
    for (const { id, templateId } of tagged) {
      if (templateId) pending.delete(templateId)
      await settle(id)
    }
    // Every start main left unanswered has been found: nothing more can come.
    if (!pending.size || context.clock.now() >= searchUntil || context.cancellation.aborted) break
    await context.clock.sleep(3000, context.cancellation)
  }

  const templateIds = new Set(
    state.templates.filter((template) => !template.deleted).map((template) => template.templateId)
  )
  if (state.runTag) {
    try {
      for (const id of await taggedTemplateIds(context, state.runTag)) templateIds.add(id)
    } catch (error) {
      context.log.warning(describeAwsError('FIS ListExperimentTemplates', error))
    }
  }
  // With cleanup: false a run keeps the templates main recorded; one it never saw (created while
  // the run was cancelled) and that never ran is deleted all the same. Without the list of
  // experiments, none is known unused.
  const recorded = new Set(state.templates.map((template) => template.templateId))
  const used = new Set(tagged?.flatMap((experiment) => experiment.templateId ?? []))
  for (const id of templateIds) {
    const unseenAndUnused = tagged !== undefined && !recorded.has(id) && !used.has(id)
    if ((state.cleanup || unseenAndUnused) && (await deleteTemplate(context, id)) === 'deleted')
      report.deletedTemplates.push(id)
  }
  return report
}

/** The post step's last word: what FIS confirmed, and a failure naming what it did not. */
export function describeCleanup(
  report: CleanupReport,
  region: string
): { line: string; failure?: string } {
  const line = `fis-gate post: ${plural(report.stopped.length, 'experiment')} stopped and confirmed ended, ${report.alreadyEnded.length} already ended, ${plural(report.deletedTemplates.length, 'template')} deleted`
  if (!report.notConfirmed.length && !report.unsearched) return { line }
  const unconfirmed = report.notConfirmed.map(
    ({ experimentId, lastState, stopError }) =>
      `${experimentId} (last state ${lastState}${stopError ? `; ${stopError}` : ''}): ${stopByHand(region, experimentId)}`
  )
  if (report.unsearched)
    unconfirmed.push(
      `the main step began a StartExperiment whose outcome it never learned, and the search for it failed (${report.unsearched}): look in the FIS console for an active experiment tagged fis-gate:run with this run, and stop it`
    )
  return {
    line,
    failure: `fis-gate post: FIS has not confirmed that ${plural(unconfirmed.length, 'experiment')} ended, so a fault may still be active. ${unconfirmed.join(' · ')}`
  }
}
