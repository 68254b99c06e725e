/**
 * The post step's own section of the job summary, end to end: the bundled main step is cancelled
 * (SIGTERM) while its experiment runs, then the bundled post step runs with the state main saved,
 * as `post-if: always()` does. The main step's summary ends at what FIS said while it stopped; the
 * post step's section confirms the end with FIS's own time, and the template's deletion — or says
 * what it could not confirm and what to do. The emulator runs on the accelerated clock, so a time
 * FIS reports cannot be mistaken for the runner's.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  startEmulator,
  type CallRecord,
  type Emulator,
  type Scenario
} from '../../emulator/index.js'
import {
  killRunningActions,
  POST_SCRIPT,
  runAction,
  runMainThenPost,
  type ActionRunOptions
} from '../support/action-harness.js'
import { cartsTemplate } from '../support/emulator-clients.js'
import { testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let emulator: Emulator | undefined
let workspace: Workspace | undefined
let runCounter = 0

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

/**
 * Time scale 300 with a stop that takes FIS 40 minutes: eight real seconds, longer than the main
 * step's 3 s wait for it after a cancel, so the main step ends while the experiment is `stopping`.
 */
async function world(overrides: Partial<Scenario> = {}): Promise<Emulator> {
  emulator = await startEmulator({
    scenario: testScenario({
      clock: 'accelerated',
      timeScale: 300,
      stopDelay: 'PT40M',
      ...overrides
    })
  })
  return emulator
}

/** Main cancelled with SIGTERM once its experiment started, then post with main's saved state. */
function cancelledRun(post: Partial<ActionRunOptions> = {}) {
  workspace = tempWorkspace({
    'experiments/carts.json': { template: cartsTemplate({ duration: 'PT12H' }) }
  })
  return runMainThenPost({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: `post-summary-${Date.now()}-${++runCounter}`,
    inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '500ms' },
    signal: { signal: 'SIGTERM', whenStdout: /experiment started/ },
    post: { timeoutMs: 40_000, ...post }
  })
}

const console = (id: string) =>
  `https://eu-west-1.console.aws.amazon.com/fis/home?region=eu-west-1#ExperimentDetails:ExperimentId=${id}`

/** FIS's timestamp as the section shows it, to the second. */
const fisTime = (epoch: number): string =>
  `${new Date(epoch).toISOString().slice(0, 19).replace('T', ' ')} UTC`

const denied = (operation: string) => (calls: CallRecord[]) =>
  calls.some((call) => call.operation === operation && call.status === 403)

describe("the post step's section of the job summary", () => {
  it('after a cancelled run: present, naming the experiment, with the end FIS confirmed and its time, and the template deleted', async () => {
    await world()
    const { main, post } = await cancelledRun()
    expect(main.outputs.verdict).toBe('cancelled')
    const experiment = emulator?.experiments()[0]
    const id = experiment?.id as string
    const templateId = experiment?.templateId as string
    // What the issue describes: main's own summary knows only that FIS was stopping it.
    expect(main.summary).toContain('stopping')

    expect(post.exitCode).toBe(0)
    expect(experiment?.status).toBe('stopped')
    const endTime = experiment?.endTime as number
    // FIS's time, not the runner's: on this clock FIS is 40 minutes or more ahead of it.
    expect(endTime - Date.now()).toBeGreaterThan(30 * 60_000)
    const jobSummary = main.summary + post.summary
    const section = jobSummary.slice(jobSummary.indexOf('## ✅ Nothing left running'))
    expect(section.split('\n')[0]).toBe('## ✅ Nothing left running (fis-gate post step)')
    expect(section).toContain(
      `| [<code>${id}</code>](<${console(id)}>) | experiments/carts.json | it was stopping already; waited until FIS confirmed it ended | <code>stopped</code> | ${fisTime(endTime)} |`
    )
    expect(section).toContain(
      `| <code>${templateId}</code> | experiments/carts.json | 🗑️ deleted |`
    )
    expect(post.calls.filter((call) => call.operation === 'DeleteExperimentTemplate')).toEqual([
      expect.objectContaining({ status: 200 })
    ])
    expect(section).not.toMatch(/What to do/)
  }, 60_000)

  it('when FIS never confirms the stop: says so, and what to do', async () => {
    await world({
      faults: [
        { type: 'access-denied', operations: ['StopExperiment', 'DeleteExperimentTemplate'] }
      ]
    })
    // The post step would wait 90 s for FIS; a second cancel, once its stop was refused, ends the
    // wait at once and the step reports what it could not confirm.
    const { post } = await cancelledRun({
      signal: { signal: 'SIGTERM', whenCalls: denied('StopExperiment') }
    })
    const experiment = emulator?.experiments()[0]
    const id = experiment?.id as string
    const templateId = experiment?.templateId as string
    expect(experiment?.status).toBe('running')
    expect(post.exitCode).toBe(1)
    const section = post.summary
    expect(section.split('\n')[0]).toBe(
      '## ⚠️ Could not confirm that 1 experiment ended: a fault may still be active (fis-gate post step)'
    )
    expect(section).toMatch(
      new RegExp(
        `\\| \\[<code>${id}</code>\\]\\(<[^>]+>\\) \\| experiments/carts.json \\| ⚠️ could not confirm that it ended \\(FIS StopExperiment ${id} failed: AccessDeniedException: [^|]*\\) \\| <code>running</code> \\| not confirmed \\|`
      )
    )
    expect(section).toMatch(
      new RegExp(
        `\\| <code>${templateId}</code> \\| experiments/carts.json \\| ⚠️ could not delete: FIS DeleteExperimentTemplate ${templateId} failed: AccessDeniedException: [^|]* \\|`
      )
    )
    expect(section).toContain(
      `**What to do:**\n- <code>${id}</code>: stop it with <code>aws fis stop-experiment --id ${id} --region eu-west-1</code> or in [the FIS console](<${console(id)}>), and check that FIS shows it <code>stopped</code>.`
    )
    // The step's failure says the same.
    expect(post.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          new RegExp(`^fis-gate post: FIS has not confirmed that 1 experiment ended.*${id}`)
        )
      })
    )
  }, 60_000)

  it('one line when the main step had stopped and deleted everything; a summary that cannot be written changes nothing', async () => {
    await world({ stopDelay: 'PT0S' })
    // The summary path is a directory: appending to it fails.
    const { main, post } = await cancelledRun({ env: { GITHUB_STEP_SUMMARY: '/' } })
    const experiment = emulator?.experiments()[0]
    const id = experiment?.id as string
    expect(experiment?.status).toBe('stopped')
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(
      'fis-gate post: 0 experiments stopped and confirmed ended, 1 already ended, 0 templates deleted'
    )
    expect(post.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^fis-gate post: the job summary could not be written/)
      })
    )

    const again = await runAction({
      script: POST_SCRIPT,
      emulator,
      state: main.state,
      runnerTemp: workspace?.runnerTemp
    })
    expect(again.exitCode).toBe(0)
    expect(again.summary.trimEnd()).toBe(
      `## ✅ Nothing left running: [<code>${id}</code>](<${console(id)}>) ended (<code>stopped</code> at ${fisTime(experiment?.endTime as number)}); template <code>${experiment?.templateId}</code> deleted by the main step (fis-gate post step)`
    )
  }, 60_000)
})
