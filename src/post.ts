/**
 * Entry point of the post step (post-if: always()). Validation starts nothing, so there is
 * nothing to stop or delete; run and plan modes record what they started in the step state.
 */
import * as core from '@actions/core'
import { failUnexpectedly } from './runner-io.js'

try {
  core.info(
    'fis-gate post: this run started no FIS experiment and created no template; nothing to clean up'
  )
} catch (error) {
  failUnexpectedly(error)
}
