/** Where a person goes next: the AWS console and the CLI, for one FIS experiment. */

export function fisExperimentConsoleUrl(region: string, experimentId: string): string {
  return `https://${region}.console.aws.amazon.com/fis/home?region=${region}#ExperimentDetails:ExperimentId=${encodeURIComponent(experimentId)}`
}

/** What to do about an experiment whose stop fis-gate could not confirm. */
export function stopByHand(region: string, experimentId: string): string {
  return `stop it with \`aws fis stop-experiment --id ${experimentId} --region ${region}\` or in the FIS console: ${fisExperimentConsoleUrl(region, experimentId)}`
}
