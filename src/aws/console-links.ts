/** Where a person goes next: the AWS console and the CLI, for one FIS experiment. */

export function fisExperimentConsoleUrl(region: string, experimentId: string): string {
  return `https://${region}.console.aws.amazon.com/fis/home?region=${region}#ExperimentDetails:ExperimentId=${encodeURIComponent(experimentId)}`
}

/** The FIS console's list of experiments, for one a person has to find by its tags. */
export function fisExperimentsConsoleUrl(region: string): string {
  return `https://${region}.console.aws.amazon.com/fis/home?region=${region}#Experiments`
}

/**
 * `aws fis <command> --id <id> --region <region>`, or nothing when the id or Region is not plain:
 * ids come from AWS, and only a plain one goes into a command line a person may paste.
 */
export function fisCommand(
  command: 'stop-experiment' | 'delete-experiment-template',
  region: string,
  id: string
): string | undefined {
  return /^[A-Za-z0-9-]{1,64}$/.test(id) && /^[a-z0-9-]{1,30}$/.test(region)
    ? `aws fis ${command} --id ${id} --region ${region}`
    : undefined
}

/** What to do about an experiment whose stop fis-gate could not confirm. */
export function stopByHand(region: string, experimentId: string): string {
  const command = fisCommand('stop-experiment', region, experimentId)
  const console = `the FIS console: ${fisExperimentConsoleUrl(region, experimentId)}`
  return command ? `stop it with \`${command}\` or in ${console}` : `stop it in ${console}`
}
