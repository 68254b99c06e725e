/** ActionIO backed by @actions/core: the only module besides the entry points that touches it. */
import * as core from '@actions/core'
import type { ActionIO } from './action-io.js'
import { inertLogText } from './report/log-text.js'

export const runnerIO: ActionIO = {
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  // Log lines carry AWS strings and values from experiment files: never a workflow command.
  info: (message) => core.info(inertLogText(message)),
  annotate: ({ severity, message, ...properties }) => {
    const emit =
      severity === 'error' ? core.error : severity === 'warning' ? core.warning : core.notice
    emit(message, properties)
  },
  group: (name, run) => core.group(name, run),
  appendSummary: async (markdown) => {
    if (!process.env.GITHUB_STEP_SUMMARY) return
    await core.summary.addRaw(markdown, true).write()
  },
  setFailed: (message) => core.setFailed(message)
}

/** Reports an unexpected failure in one line; the stack only when the run is in debug mode. */
export function failUnexpectedly(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof Error && error.name !== 'InputError' && error.stack) core.debug(error.stack)
  core.setFailed(
    error instanceof Error && error.name === 'InputError' ? message : `fis-gate failed: ${message}`
  )
}
