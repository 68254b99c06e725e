/** ActionIO backed by @actions/core: the only module besides the entry points that touches it. */
import * as core from '@actions/core'
import { stat } from 'node:fs/promises'
import { EOL } from 'node:os'
import type { ActionIO } from './action-io.js'
import { ANNOTATIONS_PER_SEVERITY } from './report/annotations.js'
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

const warned = new Set<string>()

/**
 * A warning as an annotation, once per message and within GitHub's 10 per step; past that, a log
 * line, so that a retry loop cannot bury the warnings that matter and nothing is dropped unseen.
 */
function warn(message: string, properties: core.AnnotationProperties): void {
  // The same finding in two files is two warnings; a retry is the same one (AWS request ids aside).
  const key = [
    properties.file ?? '',
    properties.startLine ?? '',
    message.replace(/\brequest [\w-]+/g, 'request')
  ].join('\u0000')
  if (warned.has(key)) return
  warned.add(key)
  if (warned.size <= ANNOTATIONS_PER_SEVERITY) core.warning(message, properties)
  else
    core.info(
      inertLogText(
        `warning (not annotated: GitHub shows ${ANNOTATIONS_PER_SEVERITY} per step): ${message}`
      )
    )
}

export const runnerIO: ActionIO = {
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  // Log lines carry AWS strings and values from experiment files: never a workflow command.
  info: (message) => core.info(inertLogText(message)),
  annotate: ({ severity, message, ...properties }) => {
    if (severity === 'warning') return warn(message, properties)
    const emit = severity === 'error' ? core.error : core.notice
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

/** Give up waiting for the runner to read the log after this long. */
const FLUSH_LIMIT_MS = 10_000

/**
 * Ends the step once what it wrote to stdout and stderr has reached the runner. A write to a full
 * pipe is queued, and process.exit drops the queue: the end of the log, with the failure message,
 * would be lost. (Keep-alive sockets and SDK timers would otherwise hold the step open.)
 */
export async function exitWhenFlushed(): Promise<never> {
  const flushed = [process.stdout, process.stderr].map(
    (stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))
  )
  await Promise.race([
    Promise.all(flushed),
    new Promise<void>((resolve) => setTimeout(resolve, FLUSH_LIMIT_MS).unref())
  ])
  process.exit()
}
