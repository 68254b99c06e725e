/**
 * mode: sweep in-process against the emulator and the fake GitHub API, on a clock that skips its
 * waits (a stop FIS never confirms is waited for 90 s): what AWS refuses — a stop, a delete, the
 * listing — and a cancelled workflow, each with its verdict, its rows and the step's result.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  EMULATOR_CREDENTIALS,
  startEmulator,
  type Emulator,
  type Scenario
} from '../../emulator/index.js'
import { readInputs } from '../../src/inputs.js'
import { runSweepMode } from '../../src/modes/sweep-mode.js'
import { skippingClock } from '../support/skipping-clock.js'
import { awsClients, type AwsClients } from '../support/emulator-clients.js'
import { FAKE_TOKEN, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js'
import {
  fisGateTags,
  leftoverExperiment,
  leftoverTemplate,
  REPOSITORY,
  until
} from '../support/leftovers.js'
import { testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'
import { recorder } from './run-validate.js'

let emulator: Emulator | undefined
let aws: AwsClients | undefined
let github: FakeGitHub | undefined
let workspace: Workspace | undefined

// The SDK's credential chain reads the process's own environment.
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: EMULATOR_CREDENTIALS.sessionToken,
  AWS_EC2_METADATA_DISABLED: 'true'
}
const saved = Object.fromEntries(Object.keys(CREDENTIALS).map((name) => [name, process.env[name]]))
beforeAll(() => void Object.assign(process.env, CREDENTIALS))
afterAll(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
})

afterEach(async () => {
  aws?.destroy()
  await emulator?.stop()
  await github?.stop()
  workspace?.remove()
  emulator = aws = github = workspace = undefined
})

async function world(faults: Scenario['faults'] = []) {
  emulator = await startEmulator({ scenario: testScenario({ faults }) })
  aws = awsClients(emulator)
  github = await startFakeGitHub()
  github.setRun(REPOSITORY, 1001, { status: 'completed' })
  return { emulator, aws, github }
}

interface Item {
  id: string
  kind: string
  outcome: string
  why: string
}

async function sweep(inputs: Record<string, string> = {}, cancellation = new AbortController()) {
  workspace = tempWorkspace()
  const env = {
    ...emulator?.env,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: github?.url,
    GITHUB_WORKSPACE: workspace.root
  }
  const { io, recorded } = recorder({
    mode: 'sweep',
    'github-token': FAKE_TOKEN,
    'report-dir': workspace.runnerTemp,
    ...inputs
  })
  await runSweepMode(io, readInputs(io.getInput, env), env, {
    cancellation: cancellation.signal,
    clock: skippingClock()
  })
  const report = JSON.parse(readFileSync(recorded.outputs.report ?? '', 'utf8')) as {
    verdict: string
    reason: string
    items: Item[]
    problems: string[]
  }
  return { recorded, report }
}

const outcomes = (items: readonly Item[]) =>
  Object.fromEntries(items.map((item) => [item.id, item.outcome]))

describe('mode: sweep when AWS refuses', () => {
  it('a stop FIS never confirms is an error that fails the step whatever fail-on says, naming what to do', async () => {
    const { emulator, aws } = await world([
      { type: 'access-denied', operations: ['StopExperiment'] }
    ])
    const ended = await leftoverExperiment(aws, fisGateTags({ runId: 1001, file: 'carts' }))
    const { recorded, report } = await sweep({ 'fail-on': 'cancelled' })
    expect(emulator.experiments()[0]?.status).toBe('running')
    expect(outcomes(report.items)).toEqual({
      [ended.id]: 'stop-unconfirmed',
      // Its experiment is still active: the template stays for the next sweep.
      [ended.templateId]: 'left'
    })
    const row = report.items.find((item) => item.id === ended.id)
    expect(row?.why).toMatch(
      new RegExp(
        `^its workflow run octo-org/shop#1001 attempt 1 has ended; FIS has not confirmed that it ended \\(last state running; FIS StopExperiment ${ended.id} failed: AccessDeniedException: .*\\): stop it with \`aws fis stop-experiment --id ${ended.id} --region eu-west-1\``
      )
    )
    expect(report.verdict).toBe('error')
    expect(recorded.outputs.verdict).toBe('error')
    expect(recorded.failed).toBe(
      `fis-gate sweep: error — FIS has not confirmed the stop of ${ended.id}. ${ended.id}: stop it with \`aws fis stop-experiment --id ${ended.id} --region eu-west-1\` or in the FIS console: https://eu-west-1.console.aws.amazon.com/fis/home?region=eu-west-1#ExperimentDetails:ExperimentId=${ended.id}`
    )
  })

  it('a template FIS will not delete is an error, and the row says why', async () => {
    const { aws } = await world([
      { type: 'access-denied', operations: ['DeleteExperimentTemplate'] }
    ])
    const templateId = await leftoverTemplate(aws, fisGateTags({ runId: 1001, file: 'carts' }))
    const { recorded, report } = await sweep()
    expect(report.items).toEqual([
      expect.objectContaining({
        id: templateId,
        outcome: 'delete-failed',
        why: expect.stringMatching(
          new RegExp(
            `^its workflow run octo-org/shop#1001 attempt 1 has ended; FIS DeleteExperimentTemplate ${templateId} failed: AccessDeniedException: .* — the CI role lacks a permission: see docs/iam-policy.json$`
          )
        )
      })
    ])
    expect(report.verdict).toBe('error')
    expect(report.reason).toBe(`1 template could not be deleted: ${templateId}`)
    expect(recorded.failed).toMatch(/^fis-gate sweep: error — /)
  })

  it('when FIS cannot be listed nothing is stopped or deleted, and the verdict is error', async () => {
    const { emulator, aws } = await world([
      { type: 'access-denied', operations: ['ListExperiments'] }
    ])
    await leftoverExperiment(aws, fisGateTags({ runId: 1001, file: 'carts' }))
    const { report } = await sweep()
    expect(report.items).toEqual([])
    expect(report.verdict).toBe('error')
    expect(report.problems).toEqual([
      expect.stringMatching(
        /^FIS ListExperiments failed: AccessDeniedException: .*; nothing was stopped or deleted, as fis-gate cannot see which experiments are active$/
      )
    ])
    expect(report.reason).toBe(report.problems[0])
    expect(emulator.experiments()[0]?.status).toBe('running')
    expect(
      emulator.calls().filter((call) => /Stop|Delete|ListExperimentTemplates/.test(call.operation))
    ).toEqual([])
  })
})

describe('mode: sweep when the workflow is cancelled', () => {
  it('asks nothing more and stops nothing, marks what it decided as not done, and is cancelled', async () => {
    const { emulator, aws, github } = await world()
    const past = await leftoverExperiment(
      aws,
      fisGateTags({ runId: 1001, file: 'carts', timeoutSeconds: 1 })
    )
    await until(() => Date.now() > past.startTime + 1100)
    // The workflow is cancelled while GitHub is asked about the template's run.
    github.hang({ path: /\/runs\/1001\// })
    const cancellation = new AbortController()
    let sweeping = true
    void until(() => !sweeping || github.requests().length > 0).then(() => cancellation.abort())
    const { recorded, report } = await sweep({}, cancellation).finally(() => (sweeping = false))
    expect(github.requests()).toHaveLength(1)
    expect(emulator.experiments()[0]?.status).toBe('running')
    expect(outcomes(report.items)).toEqual({ [past.id]: 'not-done', [past.templateId]: 'left' })
    expect(report.items.find((item) => item.id === past.templateId)?.why).toBe(
      'fis-gate cannot tell whether its run has ended: GitHub API: cannot read workflow run octo-org/shop#1001 attempt 1: the workflow was cancelled'
    )
    expect(report.verdict).toBe('cancelled')
    expect(recorded.failed).toMatch(/^fis-gate sweep: cancelled — The workflow was cancelled/)
  })
})
