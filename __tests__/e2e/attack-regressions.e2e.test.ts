/**
 * What an adversarial review of the bundled action found, each reproduced from outside and held
 * to the safe outcome, on the wall clock: a templateId template rewritten after preflight is
 * stopped on the first poll; a StartExperiment whose outcome main never learned is searched for
 * by the post step, again for a start FIS commits late;
 * a cancel during a timeout's stop wait ends the step within the runner's window.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CreateExperimentTemplateCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  UpdateExperimentTemplateCommand
} from '@aws-sdk/client-fis'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator, type Scenario } from '../../emulator/index.js'
import { killRunningActions, POST_SCRIPT, runAction } from '../support/action-harness.js'
import {
  alarmArn,
  awsClients,
  cartsTemplate,
  type AwsClients
} from '../support/emulator-clients.js'
import { LOAD_BALANCER, latencyCheck, testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let emulator: Emulator | undefined
let aws: AwsClients | undefined
let workspace: Workspace | undefined

afterEach(async () => {
  killRunningActions()
  aws?.destroy()
  await emulator?.stop()
  emulator = undefined
  aws = undefined
  workspace?.remove()
  workspace = undefined
})

async function world(overrides: Partial<Scenario> = {}): Promise<AwsClients> {
  emulator = await startEmulator({ scenario: testScenario(overrides) })
  aws = awsClients(emulator)
  return aws
}

const reportOf = (
  path: string | undefined
): { experiments: { verdict: string; reason: string }[] } =>
  JSON.parse(readFileSync(path as string, 'utf8')) as {
    experiments: { verdict: string; reason: string }[]
  }

describe('a templateId template changed after preflight', () => {
  it('is stopped on the first poll, with the guardrail it breaks named', async () => {
    const clients = await world()
    const created = await clients.fis.send(
      new CreateExperimentTemplateCommand({
        ...cartsTemplate({ duration: 'PT12H' }),
        clientToken: 'checked'
      })
    )
    const templateId = created.experimentTemplate?.id as string
    // Another experiment holds the account's lock, so the run waits after its preflight.
    const holder = await clients.fis.send(
      new StartExperimentCommand({ experimentTemplateId: templateId })
    )
    workspace = tempWorkspace({
      'experiments/existing.json': {
        templateId,
        guardrails: { forbiddenActions: ['aws:ecs:stop-task'] }
      }
    })
    let rewritten = false
    const rewrite = async (): Promise<void> => {
      await clients.fis.send(
        new UpdateExperimentTemplateCommand({
          id: templateId,
          actions: {
            latency: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'cartsTasks' } }
          }
        })
      )
      await clients.fis.send(new StopExperimentCommand({ id: holder.experiment?.id }))
    }
    const running = runAction({
      workspace: workspace.root,
      runnerTemp: workspace.runnerTemp,
      emulator,
      inputs: {
        mode: 'run',
        experiments: 'experiments/*.json',
        'poll-interval': '500ms',
        'lock-timeout': '1m'
      },
      signal: {
        signal: 'SIGKILL',
        // Never sent: the hook rewrites the template once the run waits for the lock.
        whenStdout: (stdout) => {
          if (stdout.includes('Waiting for the account and Region') && !rewritten) {
            rewritten = true
            void rewrite()
          }
          return false
        }
      },
      timeoutMs: 28_000
    })
    const result = await running
    expect(rewritten).toBe(true)
    expect(result.outputs.verdict).toBe('error')
    expect(reportOf(result.outputs.report).experiments[0]?.reason).toMatch(
      /^The experiment FIS started breaks a guardrail, so its template changed after preflight: .*"aws:ecs:stop-task" is forbidden here.*; (fis-gate stopped it \(FIS state stopped\)|it had already ended when fis-gate saw it \(FIS state completed\))$/
    )
    const started = emulator
      ?.experiments()
      .filter((experiment) => experiment.id !== holder.experiment?.id)
    expect(started?.map((experiment) => experiment.status)).toEqual([
      expect.stringMatching(/^(stopped|completed)$/)
    ])
  })
})

describe('a StartExperiment whose outcome main never learned', () => {
  it('is searched for by the post step, again for a start FIS commits late', async () => {
    // FIS takes 6 s to answer the start, and commits it only then; main is killed meanwhile,
    // after its preflight (a few hundred milliseconds) has sent the start.
    const clients = await world({
      faults: [{ type: 'slow', delayMs: 6_000, operations: ['StartExperiment'] }]
    })
    const created = await clients.fis.send(
      new CreateExperimentTemplateCommand({
        ...cartsTemplate({ duration: 'PT12H' }),
        clientToken: 'late'
      })
    )
    workspace = tempWorkspace({
      'experiments/existing.json': { templateId: created.experimentTemplate?.id }
    })
    const main = await runAction({
      workspace: workspace.root,
      runnerTemp: workspace.runnerTemp,
      emulator,
      inputs: { mode: 'run', experiments: 'experiments/*.json' },
      signal: { signal: 'SIGKILL', afterMs: 3_000 }
    })
    expect(main.signal).toBe('SIGKILL')
    expect(JSON.parse(main.state['fis-gate-run'] ?? '{}')).toMatchObject({
      pendingStarts: [{ templateId: created.experimentTemplate?.id }]
    })
    const post = await runAction({
      script: POST_SCRIPT,
      emulator,
      state: main.state,
      timeoutMs: 28_000
    })
    expect(post.exitCode).toBe(0)
    expect(emulator?.experiments().map((experiment) => experiment.status)).toEqual([
      expect.stringMatching(/^(stopping|stopped)$/)
    ])
    expect(post.stdout).toMatch(/1 experiment stopped and confirmed ended/)
  })
})

describe('a cancel during the stop wait of a timeout', () => {
  it('ends the step within the runner’s window, cancelled', async () => {
    // FIS takes an hour to stop: the timeout's stop wait would last a minute.
    await world({ stopDelay: 'PT1H' })
    workspace = tempWorkspace({
      'experiments/carts.json': { template: cartsTemplate({ duration: 'PT12H' }) }
    })
    const result = await runAction({
      workspace: workspace.root,
      runnerTemp: workspace.runnerTemp,
      emulator,
      inputs: {
        mode: 'run',
        experiments: 'experiments/*.json',
        timeout: '3s',
        'poll-interval': '500ms'
      },
      signal: { signal: 'SIGINT', whenStdout: /stop requested \(timeout 3s\)/ },
      timeoutMs: 20_000
    })
    expect([result.timedOut, result.signal]).toEqual([false, null])
    expect(result.outputs.verdict).toBe('cancelled')
    expect(reportOf(result.outputs.report).experiments[0]?.reason).toBe(
      'The workflow was cancelled; fis-gate asked FIS to stop it, and FIS has not confirmed that it ended (last state stopping)'
    )
  })
})

/** The bundled action in mode run on the workspace's experiments/*.json. */
const runExperiments = (runId: string, timeoutMs: number) =>
  runAction({
    workspace: workspace?.root,
    runnerTemp: workspace?.runnerTemp,
    emulator,
    runId: `${runId}-${Date.now()}`,
    inputs: { mode: 'run', experiments: 'experiments/*.json', 'poll-interval': '1s' },
    timeoutMs
  })

describe('a hypothesis whose after window ends a day after the experiment', () => {
  it('is an error at once, saying when its metrics would be complete, instead of a day-long wait', async () => {
    await world({ clock: 'wall', timeScale: 10, initiationDelay: 'PT1S', ingestionLag: 'PT4S' })
    workspace = tempWorkspace({
      'experiments/daily.json': {
        template: cartsTemplate({ duration: 'PT1M', alarm: alarmArn('carts-5xx') }),
        hypothesis: {
          checks: [latencyCheck(86_400, { name: 'daily p95 latency', phases: ['after'] })]
        }
      }
    })
    const result = await runExperiments('daily', 60_000)
    expect([result.outputs.verdict, result.exitCode]).toEqual(['error', 1])
    expect(reportOf(result.outputs.report).experiments[0]?.reason).toMatch(
      /^The metrics to judge are complete only at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ .*later than the timeout \(1h\) allows after the experiment; the hypothesis was not judged/
    )
    expect(result.stdout).not.toMatch(/Waiting \d+ s for the metrics/)
  }, 90_000)
})

describe('two files in one step', () => {
  it("judges the second file's baseline after the first file's fault, not over it", async () => {
    await world({
      clock: 'wall',
      timeScale: 10,
      initiationDelay: 'PT1S',
      ingestionLag: 'PT4S',
      metrics: [
        {
          namespace: 'AWS/ApplicationELB',
          metricName: 'TargetResponseTime',
          dimensions: { LoadBalancer: LOAD_BALANCER.Value },
          resolution: 1,
          statistics: { p95: { baseline: 0.2 } },
          effects: [
            { whenActionsRun: ['aws:ecs:task-network-latency'], operation: 'set', value: 0.9 }
          ]
        }
      ]
    })
    const gate = (phases: string[]): object => ({
      template: cartsTemplate({ duration: 'PT1M', alarm: alarmArn('carts-5xx') }),
      hypothesis: {
        baseline: 'PT20S',
        settle: 'PT6S',
        checks: [latencyCheck(5, { phases })]
      }
    })
    workspace = tempWorkspace({
      'experiments/a-fault.json': gate(['during']),
      'experiments/b-steady.json': gate(['before'])
    })
    const result = await runExperiments('chained', 120_000)
    const [first, second] = reportOf(result.outputs.report).experiments
    expect(first?.verdict).toBe('fail')
    expect(second).toMatchObject({ verdict: 'pass' })
    expect(result.stdout).toMatch(
      /Waiting \d+ s before experiments\/b-steady\.json: its baseline \(20 s\) must start after the previous experiment's judged windows ended at \d\d:\d\d:\d\d UTC/
    )
  }, 150_000)
})
