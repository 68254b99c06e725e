/**
 * Entry point of the post step (post-if: always()). Stops every experiment the main step started
 * that is not terminal, waits until it is, and deletes the templates it created. It works from the
 * state main saved the moment each id existed, so a cancelled or killed main step is covered too.
 */
import * as core from '@actions/core'
import { createAwsClients } from './aws/clients.js'
import { cleanUpRun } from './run/cleanup.js'
import { systemClock } from './run/context.js'
import { decodeState, STATE_KEY } from './run/state.js'
import { failUnexpectedly } from './runner-io.js'

try {
  const state = decodeState(core.getState(STATE_KEY))
  if (!state) {
    core.info(
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
            log: { info: core.info, warning: (message) => core.warning(message), group: core.group }
          },
          state
        )
      )
      core.info(
        `fis-gate post: ${report.stopped.length} experiment(s) stopped, ${report.alreadyEnded.length} already ended, ${report.deletedTemplates.length} template(s) deleted`
      )
      if (report.notConfirmed.length) {
        core.setFailed(
          `fis-gate post: could not confirm that ${report.notConfirmed.join(', ')} stopped; check the FIS console and stop it by hand`
        )
      }
    } finally {
      clients.destroy()
    }
  }
} catch (error) {
  failUnexpectedly(error)
}
process.exit()
