/** The action's flow for one step: read inputs, then run the chosen mode. */
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
  if (inputs.mode === 'validate') return runValidateMode(io, inputs, env)
  if (inputs.mode === 'sweep')
    return (await import('./modes/sweep-mode.js')).runSweepMode(io, inputs, env, dependencies)
  // Loaded only when needed: validation, the pull-request path, never pays for the AWS SDK.
  const { runFisMode } = await import('./modes/run-mode.js')
  await runFisMode(io, inputs, env, dependencies)
}
