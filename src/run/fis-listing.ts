/** Every experiment and experiment template in the account and Region, following nextToken. */
import {
  ListExperimentsCommand,
  ListExperimentTemplatesCommand,
  type ExperimentSummary,
  type ExperimentTemplateSummary,
  type FisClient
} from '@aws-sdk/client-fis'

export async function listExperiments(fis: FisClient): Promise<ExperimentSummary[]> {
  const experiments: ExperimentSummary[] = []
  let nextToken: string | undefined
  do {
    const page = await fis.send(new ListExperimentsCommand({ maxResults: 100, nextToken }))
    experiments.push(...(page.experiments ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  return experiments
}

export async function listExperimentTemplates(
  fis: FisClient
): Promise<ExperimentTemplateSummary[]> {
  const templates: ExperimentTemplateSummary[] = []
  let nextToken: string | undefined
  do {
    const page = await fis.send(new ListExperimentTemplatesCommand({ maxResults: 100, nextToken }))
    templates.push(...(page.experimentTemplates ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  return templates
}
