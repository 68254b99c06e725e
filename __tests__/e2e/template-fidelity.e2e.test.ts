/**
 * Template fidelity, end to end: the bundled action runs a file whose template uses every
 * documented CreateExperimentTemplate member, and the emulator's call log shows each member
 * arriving at FIS exactly as the file writes it, `experimentReportConfiguration` included (the
 * pinned 3.523.0 client alone would drop it). fis-gate's own parts are the only difference: no
 * `$schema`, its deterministic `clientToken`, its tags beside the file's.
 */
import { afterEach, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { TAG } from '../../src/run/state.js'
import { killRunningActions, runAction } from '../support/action-harness.js'
import { testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

type Json = Record<string, unknown>

const FIXTURE = readFileSync(
  new URL('../fixtures/every-documented-member.json', import.meta.url),
  'utf8'
)

let emulator: Emulator | undefined
let workspace: Workspace | undefined

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

/** The test world, its ECS tasks on Fargate so that the fixture's target filter selects one. */
function fargateWorld() {
  const scenario = testScenario({ clock: 'accelerated', timeScale: 300, initiationDelay: 'PT2S' })
  return {
    ...scenario,
    resources: (scenario.resources ?? []).map((resource) =>
      resource.resourceType === 'aws:ecs:task'
        ? { ...resource, attributes: { LaunchType: 'FARGATE' } }
        : resource
    )
  }
}

it('creates the template with every member of the file unchanged, beside fis-gate’s token and tags', async () => {
  emulator = await startEmulator({ scenario: fargateWorld() })
  workspace = tempWorkspace({ 'experiments/every-member.json': FIXTURE })
  const runId = `${Date.now()}`
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId,
    inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '200ms' }
  })
  expect(result.outputs.verdict).toBe('pass')

  const creates = result.calls.filter((call) => call.operation === 'CreateExperimentTemplate')
  expect(creates).toHaveLength(1)
  const request = creates[0]!.request as Json & { tags: Record<string, string> }
  const {
    $schema: _schema,
    clientToken: fileToken,
    tags: fileTags,
    ...members
  } = JSON.parse(FIXTURE) as Json
  const fisGateTags = Object.fromEntries(
    Object.entries(request.tags).filter(([key]) => key.startsWith('fis-gate:'))
  )
  expect(request).toEqual({
    ...members,
    clientToken: request.clientToken,
    tags: { ...(fileTags as Json), ...fisGateTags }
  })
  // fis-gate:cleanup is only on templates a run keeps (cleanup: false).
  expect(Object.keys(fisGateTags).sort()).toEqual(
    Object.values(TAG)
      .filter((tag) => tag !== TAG.cleanup)
      .sort()
  )
  expect(request.clientToken).toMatch(new RegExp(`^fis-gate-${runId}-`))
  expect(request.clientToken).not.toBe(fileToken)
})
