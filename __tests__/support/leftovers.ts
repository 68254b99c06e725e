/**
 * What a sweep finds: templates and experiments made with the SDK directly, tagged the way
 * fis-gate tags what it creates (src/run/experiment-run.ts tagsFor), or the way another team does.
 */
import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis'
import { randomUUID } from 'node:crypto'
import { TAG } from '../../src/run/state.js'
import { cartsTemplate, type AwsClients } from './emulator-clients.js'

/** The action harness's GITHUB_REPOSITORY: the repository a sweep runs in. */
export const REPOSITORY = 'octo-org/shop'

export interface Leftover {
  runId: number
  repository?: string
  file: string
  /** The fis-gate:timeout tag, seconds. */
  timeoutSeconds?: number
}

export function fisGateTags(leftover: Leftover): Record<string, string> {
  const repository = leftover.repository ?? REPOSITORY
  return {
    [TAG.repository]: repository,
    [TAG.runId]: String(leftover.runId),
    [TAG.sha]: '3f786850e387550fdab836ed7e6dc881de23001b',
    [TAG.experiment]: leftover.file,
    [TAG.run]: `${repository}#${leftover.runId}.1/chaos-gate/${randomUUID().slice(0, 8)}`,
    [TAG.lock]: 'eu-west-1',
    [TAG.timeout]: String(leftover.timeoutSeconds ?? 3600)
  }
}

/** Not fis-gate's: another team's, tagged its own way (a `fis-gate` key without the colon too). */
export const OTHER_TEAM = { team: 'payments', 'fis-gate': 'not a fis-gate tag' }

export async function leftoverTemplate(
  aws: AwsClients,
  tags: Record<string, string>,
  duration = 'PT12H'
): Promise<string> {
  const created = await aws.fis.send(
    new CreateExperimentTemplateCommand({ ...cartsTemplate({ duration }), tags })
  )
  return created.experimentTemplate?.id as string
}

export interface LeftoverExperiment {
  id: string
  templateId: string
  /** FIS's startTime, epoch ms. */
  startTime: number
}

/** A template and an experiment started from it, both with `tags`. */
export async function leftoverExperiment(
  aws: AwsClients,
  tags: Record<string, string>,
  duration = 'PT12H'
): Promise<LeftoverExperiment> {
  const templateId = await leftoverTemplate(aws, tags, duration)
  const started = await aws.fis.send(
    new StartExperimentCommand({
      experimentTemplateId: templateId,
      clientToken: randomUUID(),
      tags
    })
  )
  return {
    id: started.experiment?.id as string,
    templateId,
    startTime: started.experiment?.startTime?.getTime() as number
  }
}

/** Polls until `condition` holds; fails after `limitMs`, so a test never waits forever. */
export async function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still not so after ${limitMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
