/**
 * Every experiment and experiment template in the account and Region, following nextToken; each
 * page's call within `limits()` (see call-limits.ts).
 */
import type { HttpHandlerOptions } from '@smithy/types'
import { PageGuard } from '../aws/pages.js'
import {
  ListExperimentsCommand,
  ListExperimentTemplatesCommand,
  type ExperimentSummary,
  type ExperimentTemplateSummary,
  type FisClient
} from '@aws-sdk/client-fis'

export async function listExperiments(
  fis: FisClient,
  limits: () => HttpHandlerOptions
): Promise<ExperimentSummary[]> {
  const experiments: ExperimentSummary[] = []
  const pages = new PageGuard('FIS ListExperiments')
  let nextToken: string | undefined
  do {
    const page = await fis.send(
      new ListExperimentsCommand({ maxResults: 100, nextToken }),
      limits()
    )
    experiments.push(...(page.experiments ?? []))
    nextToken = pages.next(page.nextToken)
  } while (nextToken)
  return experiments
}

export async function listExperimentTemplates(
  fis: FisClient,
  limits: () => HttpHandlerOptions
): Promise<ExperimentTemplateSummary[]> {
  const templates: ExperimentTemplateSummary[] = []
  const pages = new PageGuard('FIS ListExperimentTemplates')
  let nextToken: string | undefined
  do {
    const page = await fis.send(
      new ListExperimentTemplatesCommand({ maxResults: 100, nextToken }),
      limits()
    )
    templates.push(...(page.experimentTemplates ?? []))
    nextToken = pages.next(page.nextToken)
  } while (nextToken)
  return templates
}
