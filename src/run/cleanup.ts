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
import {
  confirmedNothingRunning,
  unconfirmedEnds,
  unsettledStarts,
  type CleanupReport,
  type ExperimentCleanup,
  type UnconfirmedStop
} from './cleanup-report.js'
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

/** What GetExperiment said: the state, and when FIS says the experiment ended. */
interface Observation {
  status?: string
  endTime?: number
}

async function observe(context: CleanupContext, id: string): Promise<Observation> {
  try {
    const { experiment } = await context.clients.fis.send(
      new GetExperimentCommand({ id }),
      context.limits.mustFinish()
    )
    return { status: experiment?.state?.status, endTime: experiment?.endTime?.getTime() }
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return { status: 'gone' }
    context.log.warning(describeAwsError(`FIS GetExperiment ${id}`, error))
    return {}
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

/** How one experiment was settled: what post did, and what FIS last said about it. */
type SettledExperiment = Omit<ExperimentCleanup, 'file' | 'foundBy'>

/** Stops one experiment unless it has ended, then waits until FIS says it has. */
async function settleExperiment(context: CleanupContext, id: string): Promise<SettledExperiment> {
  const first = await observe(context, id)
  if (ended(first.status)) {
    context.log.info(`${id}: already ${first.status}`)
    return {
      experimentId: id,
      action: 'already-ended',
      lastState: first.status ?? 'unknown',
      endTime: first.endTime
    }
  }
  const deadline = context.clock.now() + STOP_CONFIRM_MS
  // An experiment already `stopping` has accepted a stop; asking again would be refused.
  const awaiting = first.status === 'stopping'
  const stopError = awaiting ? undefined : await requestStop(context, id, deadline)
  if (!awaiting && !stopError)
    context.log.info(`${id}: was ${first.status ?? 'in an unknown state'}; StopExperiment accepted`)
  let final = await observe(context, id)
  while (!ended(final.status) && context.clock.now() < deadline && !context.cancellation.aborted) {
    await context.clock.sleep(2000, context.cancellation)
    final = await observe(context, id)
  }
  const lastState = final.status ?? 'unknown'
  if (!ended(final.status)) {
    const within = context.cancellation.aborted
      ? 'before a second cancel cut the wait short'
      : `within ${STOP_CONFIRM_MS / 1000} s`
    context.log.warning(
      `${id}: FIS has not confirmed that it ended ${within} (last state ${lastState})`
    )
    return { experimentId: id, action: 'not-confirmed', lastState, stopError }
  }
  context.log.info(`${id}: ${lastState}`)
  const action = stopError ? 'already-ended' : awaiting ? 'stop-awaited' : 'stopped'
  return { experimentId: id, action, lastState, endTime: final.endTime, stopError }
}

/** How a stop went: FIS confirmed it, the experiment had ended already, or neither. */
export type StopOutcome = 'stopped' | 'already-ended' | UnconfirmedStop

/** `settleExperiment` in the sweep's terms: a stop the main step had asked for counts as one. */
export async function stopAndConfirm(context: CleanupContext, id: string): Promise<StopOutcome> {
  const { action, lastState, stopError } = await settleExperiment(context, id)
  if (action === 'not-confirmed') return { experimentId: id, lastState, stopError }
  return action === 'already-ended' ? 'already-ended' : 'stopped'
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
  const report: CleanupReport = { experiments: [], templates: [], unansweredStarts: [] }
  const fileOf = new Map(state.experiments.map(({ experimentId, file }) => [experimentId, file]))
  const pendingFile = new Map(
    state.pendingStarts?.map(({ templateId, file }) => [templateId, file])
  )
  const handled = new Set<string>()
  const settle = async (
    id: string,
    foundBy: ExperimentCleanup['foundBy'],
    file: string | undefined
  ): Promise<void> => {
    if (handled.has(id)) return
    handled.add(id)
    const settled = await settleExperiment(context, id)
    report.experiments.push({ ...settled, ...(file === undefined ? {} : { file }), foundBy })
  }
  // What main recorded first: a search that fails or never ends cannot keep those running.
  for (const { experimentId, file } of state.experiments) await settle(experimentId, 'state', file)

  // Then whatever carries this run's tag; after an abandoned start, again until FIS can no longer
  // commit it late.
  const pending = new Set(pendingFile.keys())
  const found = new Map<string, string>()
  const uncertain = pending.size > 0
  const searchUntil = context.clock.now() + (uncertain ? LATE_START_MS : 0)
  let tagged: { id: string; templateId?: string }[] | undefined
  if (uncertain && !state.runTag)
    report.unsearched = 'the saved state names no run tag to search by'
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
      if (templateId && pending.delete(templateId)) found.set(templateId, id)
      await settle(
        id,
        'run-tag',
        fileOf.get(id) ?? (templateId ? pendingFile.get(templateId) : undefined)
      )
    }
    // Every start main left unanswered has been found: nothing more can come.
    if (!pending.size || context.clock.now() >= searchUntil) break
    if (context.cancellation.aborted) {
      report.searchCutShort = true
      break
    }
    await context.clock.sleep(3000, context.cancellation)
  }
  report.unansweredStarts = (state.pendingStarts ?? []).map(({ templateId, file }) => {
    const experimentId = found.get(templateId)
    return { templateId, file, ...(experimentId === undefined ? {} : { experimentId }) }
  })

  const templateFile = new Map(state.templates.map(({ templateId, file }) => [templateId, file]))
  for (const template of state.templates)
    if (template.deleted)
      report.templates.push({
        templateId: template.templateId,
        file: template.file,
        outcome: 'deleted-by-main'
      })
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
  const used = new Set(tagged?.flatMap((experiment) => experiment.templateId ?? []))
  for (const id of templateIds) {
    const file = templateFile.get(id) ?? pendingFile.get(id)
    const entry = { templateId: id, ...(file === undefined ? {} : { file }) }
    const unseenAndUnused = tagged !== undefined && !templateFile.has(id) && !used.has(id)
    if (!state.cleanup && !unseenAndUnused) {
      report.templates.push({
        ...entry,
        outcome: 'kept',
        reason: keptBecause(templateFile.has(id), tagged)
      })
      continue
    }
    const deleted = await deleteTemplate(context, id)
    report.templates.push(
      typeof deleted === 'string'
        ? { ...entry, outcome: deleted }
        : { ...entry, outcome: 'delete-failed', reason: deleted.failed }
    )
  }
  return report
}

function keptBecause(recorded: boolean, tagged: readonly unknown[] | undefined): string {
  if (recorded) return 'cleanup: false'
  return tagged === undefined
    ? 'cleanup: false, and without the list of experiments it is not known unused'
    : 'cleanup: false, and an experiment of this run used it'
}

const count = (report: CleanupReport, test: (experiment: ExperimentCleanup) => boolean): number =>
  report.experiments.filter(test).length

/** The post step's last word: what FIS confirmed, and a failure naming what it did not. */
export function describeCleanup(
  report: CleanupReport,
  region: string
): { line: string; failure?: string } {
  const stopped = count(report, ({ action }) => action === 'stopped' || action === 'stop-awaited')
  const alreadyEnded = count(report, ({ action }) => action === 'already-ended')
  const deleted = report.templates.filter(({ outcome }) => outcome === 'deleted').length
  const line = `fis-gate post: ${plural(stopped, 'experiment')} stopped and confirmed ended, ${alreadyEnded} already ended, ${plural(deleted, 'template')} deleted`
  if (confirmedNothingRunning(report)) return { line }
  const unconfirmed = unconfirmedEnds(report).map(
    ({ experimentId, lastState, stopError }) =>
      `${experimentId} (last state ${lastState}${stopError ? `; ${stopError}` : ''}): ${stopByHand(region, experimentId)}`
  )
  if (unsettledStarts(report).length)
    unconfirmed.push(
      report.unsearched
        ? `the main step began a StartExperiment whose outcome it never learned, and the search for it failed (${report.unsearched}): look in the FIS console for an active experiment tagged fis-gate:run with this run, and stop it`
        : 'the main step began a StartExperiment whose outcome it never learned, and the post step was cancelled before its search for it ended: look in the FIS console for an active experiment tagged fis-gate:run with this run, and stop it'
    )
  return {
    line,
    failure: `fis-gate post: FIS has not confirmed that ${plural(unconfirmed.length, 'experiment')} ended, so a fault may still be active. ${unconfirmed.join(' · ')}`
  }
}
