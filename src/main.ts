/** Entry point of the action's main step. */
import { runAction } from './action.js'
import { failUnexpectedly, runnerIO } from './runner-io.js'

try {
  await runAction(runnerIO, process.env)
} catch (error) {
  failUnexpectedly(error)
}
