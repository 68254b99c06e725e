/**
 * Two legs of one matrix job (same workflow run, same job id, same file, different `vars`) against
 * one account, side by side: each starts and judges its own experiment, and each post step cleans
 * up its own leg only. A StartExperiment whose answer is lost is retried with the same client
 * token and still starts one experiment.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { killRunningActions, POST_SCRIPT, runAction } from '../support/action-harness.js'
import { cartsTemplate } from '../support/emulator-clients.js'
import { testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let emulator: Emulator | undefined
const workspaces: Workspace[] = []

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  for (const workspace of workspaces.splice(0)) workspace.remove()
})

/** One file for both legs: the service it hits comes from `vars`. */
const matrixFile = {
  template: cartsTemplate({ tags: { service: '${SERVICE}' }, duration: 'PT1M' })
}

function leg(service: string, extraInputs: Record<string, string> = {}) {
  const workspace = tempWorkspace({ 'experiments/service.json': matrixFile })
  workspaces.push(workspace)
  return runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: '777000',
    env: { GITHUB_JOB: 'chaos' },
    inputs: {
      mode: 'run',
      experiments: 'experiments/*.json',
      'poll-interval': '500ms',
      vars: `SERVICE=${service}`,
      lock: `preprod-${service}`,
      ...extraInputs
    }
  }).then((result) => ({
    result,
    report: JSON.parse(readFileSync(result.outputs.report as string, 'utf8')) as {
      experiments: { verdict: string; experimentId?: string }[]
    }
  }))
}

describe('a matrix over services', () => {
  it('starts one experiment per leg, each leg reports its own verdict, and each post step cleans up only its own leg', async () => {
    // No task runs the payments service: that leg's targets resolve to nothing, so FIS fails it.
    emulator = await startEmulator({ scenario: testScenario({ timeScale: 60 }) })
    const [carts, payments] = await Promise.all([leg('carts'), leg('payments')])
    const experiments = emulator.experiments()
    expect(experiments).toHaveLength(2)
    const experimentOf = (id: string | undefined) =>
      experiments.find((experiment) => experiment.id === id)
    const cartsExperiment = experimentOf(carts.result.outputs['experiment-ids'])
    const paymentsExperiment = experimentOf(payments.result.outputs['experiment-ids'])
    expect(cartsExperiment?.resolvedTargets.map((target) => target.arn)).toEqual([
      expect.stringMatching(/task1$/),
      expect.stringMatching(/task2$/)
    ])
    expect(paymentsExperiment?.resolvedTargets).toEqual([])
    expect([carts.result.outputs.verdict, cartsExperiment?.status]).toEqual(['pass', 'completed'])
    expect([payments.result.outputs.verdict, paymentsExperiment?.status]).toEqual([
      'error',
      'failed'
    ])
    expect(cartsExperiment?.clientToken).not.toBe(paymentsExperiment?.clientToken)
    expect(cartsExperiment?.tags['fis-gate:run']).not.toBe(paymentsExperiment?.tags['fis-gate:run'])
    // Each post step looks at its own leg's experiment, found from its state and its run tag.
    for (const [{ result }, own] of [
      [carts, cartsExperiment],
      [payments, paymentsExperiment]
    ] as const) {
      const post = await runAction({ script: POST_SCRIPT, emulator, state: result.state })
      expect(post.exitCode).toBe(0)
      const looked = post.calls
        .filter((call) => call.operation === 'GetExperiment')
        .map((call) => JSON.stringify(call.request))
      expect(looked.length).toBeGreaterThan(0)
      expect(looked.every((request) => request.includes(own?.id as string))).toBe(true)
    }
  })

  it('retries a StartExperiment whose answer was lost with the same client token: one experiment', async () => {
    emulator = await startEmulator({
      scenario: testScenario({
        timeScale: 60,
        faults: [{ type: 'drop', operations: ['StartExperiment'], afterProcessing: true, limit: 1 }]
      })
    })
    const { result } = await leg('carts')
    const starts = result.calls.filter((call) => call.operation === 'StartExperiment')
    expect(starts.map((call) => call.errorCode ?? call.status)).toEqual(['ConnectionDropped', 200])
    expect(new Set(starts.map((call) => JSON.stringify(call.request))).size).toBe(1)
    expect(emulator.experiments()).toHaveLength(1)
    expect(result.outputs.verdict).toBe('pass')
  })
})
