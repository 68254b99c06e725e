/**
 * Workflow-command injection, end to end: an action's failure reason and a stop-condition alarm's
 * StateReason carry workflow commands. The bundled action logs both; the runner, reading its
 * stdout, must find no command but the action's own, and the `verdict` output stays the true one.
 * On the accelerated clock (time scale 300), like run.e2e.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator, type Scenario } from '../../emulator/index.js'
import { killRunningActions, runAction } from '../support/action-harness.js'
import { ACCOUNT, cartsTemplate, REGION } from '../support/emulator-clients.js'
import { INJECTED_COMMANDS, runnerCommands } from '../support/runner-commands.js'
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

/** What @actions/core issues for the action: groups, annotations, debug lines. */
const OWN_COMMANDS = new Set(['group', 'endgroup', 'error', 'warning', 'notice', 'debug'])

/** The injected lines as the runner would parse them, had they reached it as they are. */
const injected = runnerCommands(INJECTED_COMMANDS)

const ALARM_ARN = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:carts-5xx`

const cases: [string, Partial<Scenario>, string][] = [
  [
    "an action's failure reason",
    {
      actionOutcomes: { latency: { outcome: 'fail', reason: `SSM agent down${INJECTED_COMMANDS}` } }
    },
    'error'
  ],
  [
    "a stop-condition alarm's StateReason",
    // The OK reason is logged at the first poll; the ALARM reason lands in the summary and report.
    withAlarm('carts-5xx', {
      initialState: 'OK',
      initialReason: `Threshold not crossed${INJECTED_COMMANDS}`,
      timeline: [{ at: 'PT1M', state: 'ALARM', reason: `Threshold Crossed${INJECTED_COMMANDS}` }]
    }),
    'aborted'
  ]
]

describe('workflow commands in AWS strings', () => {
  it('are five commands to the runner when printed as they are', () => {
    expect(injected.map((command) => command.name)).toEqual([
      'set-output',
      'add-mask',
      'stop-commands',
      'error',
      'error'
    ])
  })

  it.each(cases)(
    'in %s are inert in the log, and the verdict is the true one',
    async (_name, scenario, verdict) => {
      emulator = await startEmulator({
        scenario: testScenario({
          clock: 'accelerated',
          timeScale: 300,
          initiationDelay: 'PT2S',
          ...scenario
        })
      })
      workspace = tempWorkspace({
        'experiments/carts.json': { template: cartsTemplate({ alarm: ALARM_ARN }) }
      })
      const result = await runAction({
        workspace: workspace.root,
        runnerTemp: workspace.runnerTemp,
        emulator,
        runId: `workflow-commands-${verdict}`,
        inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '200ms' }
      })
      // The reason reached the log (neutralized), so the test exercised the path it guards.
      expect(result.stdout).toContain('set-output name=verdict::pass')
      const commands = runnerCommands(result.stdout)
      expect(commands.filter((command) => !OWN_COMMANDS.has(command.name.toLowerCase()))).toEqual(
        []
      )
      const forged = commands.filter((command) =>
        injected.some((line) => line.name === command.name && line.data === command.data)
      )
      expect(forged).toEqual([])
      expect(result.outputs.verdict).toBe(verdict)
    }
  )
})
