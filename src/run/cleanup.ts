/**
 * The post step's cleanup (post-if: always()): stop every experiment this run started that is
 * not terminal, wait until FIS says it ended, and delete the templates this run created.
 * Experiments and templates are found from the saved state and, for whatever a killed main step
 * started but could not record, by this run's tag. Idempotent: running it twice does nothing more.
 */
import {
  DeleteExperimentTemplateCommand,
  GetExperimentCommand,
  StopExperimentCommand
} from '@aws-sdk/client-fis'
import { describeAwsError, errorName } from '../aws/errors.js'
import type { AwsClients } from '../aws/clients.js'
import type { Clock, RunLog } from './context.js'
import { listExperimentTemplates, listExperiments } from './fis-listing.js'
import { TERMINAL_STATES } from './model.js'
import { TAG, type RunState } from './state.js'

export interface CleanupContext {
  clients: AwsClients
  clock: Clock
  log: RunLog
}

export interface CleanupReport {
  stopped: string[]
  alreadyEnded: string[]
  notConfirmed: string[]
  deletedTemplates: string[]
}

/** How long post waits for each stopped experiment to reach a terminal state. */
const STOP_CONFIRM_MS = 90_000

async function taggedExperimentIds(context: CleanupContext, runTag: string): Promise<string[]> {
  return (await listExperiments(context.clients.fis)).flatMap((experiment) =>
    experiment.id && experiment.tags?.[TAG.run] === runTag ? [experiment.id] : []
  )
}

async function taggedTemplateIds(context: CleanupContext, runTag: string): Promise<string[]> {
  return (await listExperimentTemplates(context.clients.fis)).flatMap((template) =>
    template.id && template.tags?.[TAG.run] === runTag ? [template.id] : []
  )
}

async function statusOf(context: CleanupContext, id: string): Promise<string | undefined> {
  try {
    return (await context.clients.fis.send(new GetExperimentCommand({ id }))).experiment?.state
      ?.status
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return 'gone'
    context.log.warning(describeAwsError(`FIS GetExperiment ${id}`, error))
    return undefined
  }
}

export async function cleanUpRun(context: CleanupContext, state: RunState): Promise<CleanupReport> {
  const report: CleanupReport = {
    stopped: [],
    alreadyEnded: [],
    notConfirmed: [],
    deletedTemplates: []
  }
  const experimentIds = new Set(state.experiments.map((experiment) => experiment.experimentId))
  if (state.runTag) {
    try {
      for (const id of await taggedExperimentIds(context, state.runTag)) experimentIds.add(id)
    } catch (error) {
      context.log.warning(
        `${describeAwsError('FIS ListExperiments', error)}; checking only the experiments the main step recorded`
      )
    }
  }

  for (const id of experimentIds) {
    const status = await statusOf(context, id)
    if (status !== undefined && (TERMINAL_STATES.has(status) || status === 'gone')) {
      report.alreadyEnded.push(id)
      context.log.info(`${id}: already ${status}`)
      continue
    }
    if (status !== 'stopping') {
      try {
        await context.clients.fis.send(new StopExperimentCommand({ id }))
        context.log.info(`${id}: was ${status ?? 'in an unknown state'}; StopExperiment sent`)
      } catch (error) {
        context.log.warning(describeAwsError(`FIS StopExperiment ${id}`, error))
      }
    }
    const deadline = context.clock.now() + STOP_CONFIRM_MS
    let final = await statusOf(context, id)
    while (
      !(final && (TERMINAL_STATES.has(final) || final === 'gone')) &&
      context.clock.now() < deadline
    ) {
      await context.clock.sleep(2000)
      final = await statusOf(context, id)
    }
    if (final && TERMINAL_STATES.has(final)) {
      report.stopped.push(id)
      context.log.info(`${id}: ${final}`)
    } else {
      report.notConfirmed.push(id)
      context.log.warning(
        `${id}: not confirmed stopped within ${STOP_CONFIRM_MS / 1000} s (last state ${final ?? 'unknown'}); check the FIS console`
      )
    }
  }

  if (state.cleanup) {
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
    for (const id of templateIds) {
      try {
        await context.clients.fis.send(new DeleteExperimentTemplateCommand({ id }))
        report.deletedTemplates.push(id)
        context.log.info(`template ${id}: deleted`)
      } catch (error) {
        if (errorName(error) !== 'ResourceNotFoundException')
          context.log.warning(describeAwsError(`FIS DeleteExperimentTemplate ${id}`, error))
      }
    }
  }
  return report
}
