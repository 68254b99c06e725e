/**
 * Entry point of the action's main step. SIGINT/SIGTERM (a cancelled workflow: the runner sends
 * SIGINT, then SIGTERM 7.5 s later, then kills) abort the run, which stops its experiment at once.
 */
import * as core from '@actions/core'
import { runAction } from './action.js'
import { CancelledError } from './aws/call-limits.js'
import { exitWhenFlushed, failUnexpectedly, runnerIO } from './runner-io.js'

const cancellation = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!cancellation.signal.aborted)
      core.info(
        `Received ${signal}: the workflow was cancelled; fis-gate starts nothing more and stops what it started`
      )
    cancellation.abort(new CancelledError(`the workflow was cancelled (${signal})`))
  })
}

try {
  await runAction(runnerIO, process.env, {
    cancellation: cancellation.signal,
    saveState: (name, value) => core.saveState(name, value)
  })
} catch (error) {
  failUnexpectedly(error)
}
await exitWhenFlushed()
