/** Where a person goes next: the AWS console and the CLI, for one FIS experiment. */

export function fisExperimentConsoleUrl(region: string, experimentId: string): string {
  return `https://${region}.console.aws.amazon.com/fis/home?region=${region}#ExperimentDetails:ExperimentId=${encodeURIComponent(experimentId)}`
}

/** What to do about an experiment whose stop fis-gate could not confirm. */
export function stopByHand(region: string, experimentId: string): string {
  // Ids come from AWS: only a plain one goes into a command line a person may paste.
  const command = /^[A-Za-z0-9-]{1,64}$/.test(experimentId) && /^[a-z0-9-]{1,30}$/.test(region)
  const console = `the FIS console: ${fisExperimentConsoleUrl(region, experimentId)}`
  return command
    ? `stop it with \`aws fis stop-experiment --id ${experimentId} --region ${region}\` or in ${console}`
    : `stop it in ${console}`
}
