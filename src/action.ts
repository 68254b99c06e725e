/**
 * The action's flow for one step: read inputs, run the chosen mode, and on a pull request comment
 * on it.
 */
import type { ActionIO } from './action-io.js'
import { readInputs } from './inputs.js'
import { prepareReportDir } from './report/report-dir.js'
import { runValidateMode } from './modes/validate-mode.js'

export interface ActionDependencies {
  /** Aborted when the workflow is cancelled (SIGINT/SIGTERM). */
  cancellation: AbortSignal
  saveState(name: string, value: string): void
}

export async function runAction(
  io: ActionIO,
  env: NodeJS.ProcessEnv,
  dependencies: ActionDependencies
): Promise<void> {
  let inputs
  try {
    inputs = readInputs((name) => io.getInput(name), env)
    await prepareReportDir(inputs.reportDir)
  } catch (error) {
    // A workflow reading `verdict` sees the step's failure, not an empty output.
    io.setOutput('verdict', 'error')
    throw error
  }
  if (inputs.mode === 'sweep')
    return (await import('./modes/sweep-mode.js')).runSweepMode(io, inputs, env, dependencies)
  // Loaded only when needed: validation, the pull-request path, never pays for the AWS SDK.
  const result =
    inputs.mode === 'validate'
      ? await runValidateMode(io, inputs, env)
      : await (await import('./modes/run-mode.js')).runFisMode(io, inputs, env, dependencies)
  if (inputs.prComment && env.GITHUB_EVENT_NAME === 'pull_request') {
    const { commentOnPullRequest } = await import('./pull-request/pull-request-comment.js')
    await commentOnPullRequest(io, inputs, env, result, dependencies.cancellation)
  }
}
