/**
 * The same verdicts through a hostile network: 30% throttling, 5% server errors and slow
 * responses on every service, with several fault seeds. Exactly one experiment is started per
 * file (StartExperiment retries reuse the client token), and nothing is left running. On the
 * accelerated clock (time scale 300), like run.e2e: the subject is the network, not metric timing.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator, type Scenario } from '../../emulator/index.js'
import { killRunningActions, runAction } from '../support/action-harness.js'
import { cartsTemplate } from '../support/emulator-clients.js'
import { testScenario, withAlarm } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let emulator: Emulator | undefined
let workspace: Workspace | undefined

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

const HOSTILE: Scenario['faults'] = [
  { type: 'slow', delayMs: 120, rate: 0.2 },
  { type: 'throttling', rate: 0.3 },
  { type: 'server-error', rate: 0.05 },
  // A StartExperiment whose response is lost after FIS started it: the retry must not start another.
  { type: 'drop', operations: ['StartExperiment'], afterProcessing: true, limit: 1 }
]

const experiment = { template: cartsTemplate() }

const cases: [string, 'run' | 'plan', Partial<Scenario>, string][] = [
  ['a passing run', 'run', {}, 'pass'],
  [
    'a run aborted by its stop condition',
    'run',
    withAlarm('carts-5xx', { timeline: [{ at: 'PT1M', state: 'ALARM' }] }),
    'aborted'
  ],
  ['a plan', 'plan', {}, 'pass']
]

describe('with 30% throttling, 5% server errors and slow responses', () => {
  describe.each([11, 23, 37])('fault seed %i', (seed) => {
    it.each(cases)(
      '%s keeps its verdict, starts exactly one experiment and leaves nothing running',
      async (_name, mode, scenario, verdict) => {
        emulator = await startEmulator({
          scenario: testScenario({
            clock: 'accelerated',
            timeScale: 300,
            initiationDelay: 'PT2S',
            seed,
            faults: HOSTILE,
            ...scenario
          })
        })
        workspace = tempWorkspace({ 'experiments/carts.json': experiment })
        const result = await runAction({
          workspace: workspace.root,
          runnerTemp: workspace.runnerTemp,
          emulator,
          runId: `faults-${seed}-${mode}-${verdict}`,
          inputs: { mode, experiments: 'experiments/*.json', 'poll-interval': '200ms' }
        })
        const report = JSON.parse(readFileSync(result.outputs.report as string, 'utf8')) as {
          experiments: { verdict: string; reason: string }[]
        }
        expect([report.experiments[0]?.verdict, report.experiments[0]?.reason]).toEqual([
          verdict,
          expect.any(String)
        ])
        expect(result.calls.filter((call) => call.status !== 200).length).toBeGreaterThan(0)
        const experiments = emulator.experiments()
        expect(experiments).toHaveLength(1)
        expect(experiments[0]?.status).toMatch(/^(completed|stopped)$/)
        expect(
          result.calls.filter(
            (call) => call.operation === 'DeleteExperimentTemplate' && call.status === 200
          )
        ).toHaveLength(1)
      }
    )
  })
})
