/** The action's flow for one step: read inputs, then run the chosen mode. */
import type { ActionIO } from './action-io.js'
import { readInputs } from './inputs.js'
import { runValidateMode } from './modes/validate-mode.js'

export async function runAction(io: ActionIO, env: NodeJS.ProcessEnv): Promise<void> {
  const inputs = readInputs((name) => io.getInput(name), env)
  await runValidateMode(io, inputs, env)
}
