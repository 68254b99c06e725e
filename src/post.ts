/**
 * Entry point of the post step (post-if: always()). Stops every experiment the main step started
 * that is not terminal, waits until it is, and deletes the templates it created. It works from the
 * state main saved the moment each id existed, so a cancelled or killed main step is covered too.
 * It claims only what FIS confirmed: an experiment it could not see end fails the step, named.
 * It appends its own section to the job summary (src/report/cleanup-summary.ts says when).
 */
import * as core from '@actions/core'
import { callLimits, CancelledError } from './aws/call-limits.js'
import { createAwsClients } from './aws/clients.js'
import { renderCleanupSummary } from './report/cleanup-summary.js'
import { cleanUpRun, describeCleanup } from './run/cleanup.js'
import { systemClock } from './run/context.js'
import { decodeState, STATE_KEY } from './run/state.js'
import { exitWhenFlushed, failUnexpectedly, runnerIO } from './runner-io.js'

// A second cancel while post runs: its remaining calls shrink to what the runner leaves.
const cancellation = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => cancellation.abort(new CancelledError(`received ${signal}`)))

/**
 * The post step's section of the job summary, after its log line and result are set: a summary
 * that cannot be written is a warning, and changes neither.
 */
async function appendToSummary(markdown: string): Promise<void> {
  if (!markdown) return
  try {
    await runnerIO.appendSummary(markdown)
  } catch (error) {
    core.warning(
      `fis-gate post: the job summary could not be written (${error instanceof Error ? error.message : String(error)}); the log above says what the post step did`
    )
  }
}

try {
  const state = decodeState(core.getState(STATE_KEY))
  if (!state) {
    runnerIO.info(
      'fis-gate post: this step started no FIS experiment and created no template; nothing to clean up'
    )
  } else {
    const clients = createAwsClients({ region: state.region, env: process.env })
    try {
      const report = await core.group('fis-gate post: make sure nothing is left running', () =>
        cleanUpRun(
          {
            clients,
            clock: systemClock,
            log: {
              info: runnerIO.info,
              warning: (message) =>
                runnerIO.annotate({ severity: 'warning', title: 'fis-gate', message }),
              group: core.group
            },
            limits: callLimits(cancellation.signal, Infinity, () => systemClock.now()),
            random: Math.random,
            cancellation: cancellation.signal
          },
          state
        )
      )
      const outcome = describeCleanup(report, state.region)
      runnerIO.info(outcome.line)
      if (outcome.failure) core.setFailed(outcome.failure)
      await appendToSummary(renderCleanupSummary(report, state))
    } finally {
      clients.destroy()
    }
  }
} catch (error) {
  failUnexpectedly(error)
}
await exitWhenFlushed()
