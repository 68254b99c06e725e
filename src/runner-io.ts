/** ActionIO backed by @actions/core: the only module besides the entry points that touches it. */
import * as core from '@actions/core'
import { stat } from 'node:fs/promises'
import { EOL } from 'node:os'
import type { ActionIO } from './action-io.js'
import { inertLogText } from './report/log-text.js'
import { capSummary, STEP_SUMMARY_LIMIT } from './report/summary-budget.js'

/** Bytes the step has written to its summary so far (every append counts toward the limit). */
async function summaryBytes(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

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
    const path = process.env.GITHUB_STEP_SUMMARY
    if (!path) return
    // addRaw(…, true) ends the text with a line break.
    const room = STEP_SUMMARY_LIMIT - (await summaryBytes(path)) - EOL.length
    const capped = capSummary(markdown, room)
    if (capped) await core.summary.addRaw(capped, true).write()
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
