/**
 * mode: sweep end to end: the bundled action against the emulator (wall clock) and the fake
 * GitHub API, as a scheduled workflow runs it. The leftovers are made with the SDK directly,
 * tagged as fis-gate tags what it creates (and once by a run step killed without its post step):
 * experiments whose run has ended, whose run is in progress, one past its timeout, one from
 * another repository, and ones fis-gate did not start; templates likewise. Each test asserts
 * exactly what was stopped and deleted, in FIS itself, and the why of every row.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { ListExperimentTemplatesCommand } from '@aws-sdk/client-fis'
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type CallRecord, type Emulator } from '../../emulator/index.js'
import {
  killRunningActions,
  runAction,
  type ActionRunOptions,
  type ActionRunResult
} from '../support/action-harness.js'
import { awsClients, cartsTemplate, type AwsClients } from '../support/emulator-clients.js'
import {
  fisGateTags,
  leftoverExperiment,
  leftoverTemplate,
  OTHER_TEAM,
  REPOSITORY,
  until
} from '../support/leftovers.js'
import {
  FAKE_TOKEN,
  GITHUB_FAILURES,
  startFakeGitHub,
  type FakeGitHub
} from '../support/fake-github.js'
import { testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let emulator: Emulator | undefined
let aws: AwsClients | undefined
let github: FakeGitHub | undefined
let workspace: Workspace | undefined

afterEach(async () => {
  killRunningActions()
  aws?.destroy()
  await emulator?.stop()
  await github?.stop()
  workspace?.remove()
  emulator = aws = github = workspace = undefined
})

async function world(): Promise<{ emulator: Emulator; aws: AwsClients; github: FakeGitHub }> {
  emulator = await startEmulator({ scenario: testScenario() })
  aws = awsClients(emulator)
  github = await startFakeGitHub()
  return { emulator, aws, github }
}

const template = (tags: Record<string, string>): Promise<string> =>
  leftoverTemplate(aws as AwsClients, tags)
const experiment = (tags: Record<string, string>, duration?: string) =>
  leftoverExperiment(aws as AwsClients, tags, duration)

interface SweepItem {
  kind: string
  id: string
  file?: string
  run?: { repository: string; runId: number; attempt?: number }
  ageSeconds?: number
  outcome: string
  why: string
}

interface SweepReport {
  mode: string
  verdict: string
  reason: string
  dryRun: boolean
  items: SweepItem[]
  untagged: { experiments: number; templates: number }
  problems: string[]
}

async function sweep(
  inputs: Record<string, string> = {},
  options: Partial<ActionRunOptions> = {}
): Promise<{ result: ActionRunResult; report: SweepReport }> {
  workspace = tempWorkspace()
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: '9000',
    eventName: 'schedule',
    inputs: { mode: 'sweep', 'github-token': FAKE_TOKEN, ...inputs },
    env: { GITHUB_API_URL: github?.url ?? '' },
    ...options
  })
  expect([result.stderr, result.timedOut]).toEqual(['', false])
  const report = JSON.parse(readFileSync(result.outputs.report ?? '', 'utf8')) as SweepReport
  const ajv = new Ajv({ allErrors: true, strict: true, formats: { 'date-time': /^\d{4}-.*Z$/ } })
  const validate = ajv.compile(
    JSON.parse(
      readFileSync(join(process.cwd(), 'schemas/sweep-report.schema.json'), 'utf8')
    ) as object
  )
  expect([validate(report), validate.errors ?? null]).toEqual([true, null])
  return { result, report }
}

/** Each row's outcome and why, by id. */
const rows = (report: SweepReport): Record<string, { outcome: string; why: string }> =>
  Object.fromEntries(
    report.items.map((item) => [item.id, { outcome: item.outcome, why: item.why }])
  )

const statuses = (): Record<string, string> =>
  Object.fromEntries((emulator?.experiments() ?? []).map((e) => [e.id, e.status]))

async function templateIds(): Promise<string[]> {
  const listed = await aws?.fis.send(new ListExperimentTemplatesCommand({}))
  return (listed?.experimentTemplates ?? []).map((summary) => summary.id as string).sort()
}

const fisCalls = (calls: readonly CallRecord[], operation: string): string[] =>
  calls
    .filter((call) => call.operation === operation && call.status === 200)
    .map((call) => String(call.request.id))

/**
 * The mix of the issue: a run that ended, one in progress, one experiment past its timeout,
 * another repository's, another team's; plus a finished experiment and a template never run.
 */
async function leftovers() {
  const { emulator, github } = await world()
  github.setRun(REPOSITORY, 1000, { status: 'completed', conclusion: 'cancelled' })
  github.setRun(REPOSITORY, 1001, { status: 'completed', conclusion: 'failure' })
  github.setRun(REPOSITORY, 1002, { status: 'in_progress' })
  github.setRun('other-org/infra', 77, { status: 'completed' })
  // First, the ones that need time: one past its 1 s timeout, one that completes by itself.
  const pastTimeout = await experiment(
    fisGateTags({ runId: 1002, file: 'checkout-latency', timeoutSeconds: 1 })
  )
  const finished = await experiment(fisGateTags({ runId: 1001, file: 'quick' }), 'PT1S')
  await until(
    () =>
      Date.now() > pastTimeout.startTime + 1500 &&
      emulator.experiments().find((e) => e.id === finished.id)?.status === 'completed'
  )
  return {
    pastTimeout,
    finished,
    ended: await experiment(fisGateTags({ runId: 1001, file: 'carts-latency' })),
    inProgress: await experiment(fisGateTags({ runId: 1002, file: 'orders-cpu' })),
    otherRepository: await experiment(
      fisGateTags({ runId: 77, repository: 'other-org/infra', file: 'db-failover' })
    ),
    otherTeam: await experiment(OTHER_TEAM),
    neverRun: await template(fisGateTags({ runId: 1000, file: 'never-run' }))
  }
}

describe('mode: sweep', () => {
  it('stops exactly the experiments whose run ended or that outlived their timeout, deletes the templates of ended runs, and says why for each', async () => {
    const made = await leftovers()
    const { result, report } = await sweep()

    expect(statuses()).toEqual({
      [made.pastTimeout.id]: 'stopped',
      [made.finished.id]: 'completed',
      [made.ended.id]: 'stopped',
      [made.inProgress.id]: 'running',
      [made.otherRepository.id]: 'running',
      [made.otherTeam.id]: 'running'
    })
    expect(fisCalls(result.calls, 'StopExperiment').sort()).toEqual(
      [made.pastTimeout.id, made.ended.id].sort()
    )
    expect(fisCalls(result.calls, 'DeleteExperimentTemplate').sort()).toEqual(
      [made.ended.templateId, made.finished.templateId, made.neverRun].sort()
    )
    expect(await templateIds()).toEqual(
      [
        made.pastTimeout.templateId,
        made.inProgress.templateId,
        made.otherRepository.templateId,
        made.otherTeam.templateId
      ].sort()
    )

    expect(rows(report)).toEqual({
      [made.pastTimeout.id]: {
        outcome: 'stopped',
        why: expect.stringMatching(
          /^it has run \d+(\.\d+)?s, longer than the 1s timeout it was started with$/
        )
      },
      [made.ended.id]: {
        outcome: 'stopped',
        why: 'its workflow run octo-org/shop#1001 attempt 1 has ended'
      },
      [made.inProgress.id]: {
        outcome: 'left',
        why: expect.stringMatching(
          /^its workflow run octo-org\/shop#1002 attempt 1 is still in progress; it has run \d+s of the 1h timeout it was started with$/
        )
      },
      [made.otherRepository.id]: {
        outcome: 'left',
        why: expect.stringMatching(
          /^fis-gate cannot tell whether its run has ended \(its run other-org\/infra#77 attempt 1 is in another repository, whose runs this step's token cannot read\), so it is left until it outlives its timeout; it has run \d+s of the 1h timeout/
        )
      },
      [made.ended.templateId]: {
        outcome: 'deleted',
        why: 'its workflow run octo-org/shop#1001 attempt 1 has ended'
      },
      [made.finished.templateId]: {
        outcome: 'deleted',
        why: 'its workflow run octo-org/shop#1001 attempt 1 has ended'
      },
      [made.neverRun]: {
        outcome: 'deleted',
        why: 'its workflow run octo-org/shop#1000 attempt 1 has ended'
      },
      [made.pastTimeout.templateId]: {
        outcome: 'left',
        why: 'its workflow run octo-org/shop#1002 attempt 1 is still in progress'
      },
      [made.inProgress.templateId]: {
        outcome: 'left',
        why: 'its workflow run octo-org/shop#1002 attempt 1 is still in progress'
      },
      [made.otherRepository.templateId]: {
        outcome: 'left',
        why: "fis-gate cannot tell whether its run has ended: its run other-org/infra#77 attempt 1 is in another repository, whose runs this step's token cannot read"
      }
    })
    expect(report.items.find((item) => item.id === made.ended.id)).toMatchObject({
      kind: 'experiment',
      file: 'carts-latency',
      run: { repository: REPOSITORY, runId: 1001, attempt: 1 },
      ageSeconds: expect.any(Number)
    })
    expect(report.untagged).toEqual({ experiments: 1, templates: 1 })
    expect(report).toMatchObject({ mode: 'sweep', verdict: 'fail', dryRun: false, problems: [] })

    // GitHub was asked once per run of this repository, with the token; never about other-org.
    expect(
      github
        ?.requests()
        .map((request) => `${request.method} ${request.path} ${request.token === FAKE_TOKEN}`)
        .sort()
    ).toEqual([
      'GET /repos/octo-org/shop/actions/runs/1000/attempts/1 true',
      'GET /repos/octo-org/shop/actions/runs/1001/attempts/1 true',
      'GET /repos/octo-org/shop/actions/runs/1002/attempts/1 true'
    ])

    // Something needed stopping: fail, which the default fail-on fails the step with.
    expect(result.outputs.verdict).toBe('fail')
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          /^fis-gate sweep: fail — 2 experiments needed stopping: .*; 3 templates deleted$/
        )
      })
    )
    expect(result.summary).toContain('## ❌ fis-gate sweep: fail')
    expect(result.summary).toContain('| Experiment | File | Run | Age | Action | Why |')
    expect(result.summary).toContain(
      `| <code>${made.ended.id}</code> | carts-latency | [octo-org/shop\\#1001 attempt 1](https://github.com/octo-org/shop/actions/runs/1001/attempts/1) |`
    )
    expect(result.summary).toContain(
      `| template <code>${made.neverRun}</code> | never-run | [octo-org/shop\\#1000 attempt 1]`
    )
    expect(result.summary).not.toContain(made.otherTeam.id)
    // The token is sent to GitHub and shown nowhere.
    expect([result.stdout, result.summary, JSON.stringify(report)].join('\n')).not.toContain(
      FAKE_TOKEN
    )
  })

  it('passes when nothing needs stopping, and fail-on decides the step as usual', async () => {
    const { github } = await world()
    github.setRun(REPOSITORY, 1002, { status: 'in_progress' })
    const running = await experiment(fisGateTags({ runId: 1002, file: 'orders-cpu' }))
    await experiment(OTHER_TEAM)
    const { result, report } = await sweep({ 'fail-on': 'error' })
    expect(report.verdict).toBe('pass')
    expect(report.reason).toBe('Nothing needed stopping')
    expect(rows(report)[running.id]?.outcome).toBe('left')
    expect(result.exitCode).toBe(0)
    expect(fisCalls(result.calls, 'StopExperiment')).toEqual([])
  })

  it('in a dry run stops and deletes nothing, and says what it would do', async () => {
    const made = await leftovers()
    const { result, report } = await sweep({ 'sweep-dry-run': 'true' })
    expect(result.calls.filter((call) => /Stop|Delete|Create|Start/.test(call.operation))).toEqual(
      []
    )
    expect(Object.values(statuses()).filter((status) => status === 'stopped')).toEqual([])
    expect(await templateIds()).toHaveLength(7)
    const outcomes = Object.fromEntries(
      Object.entries(rows(report)).map(([id, row]) => [id, row.outcome])
    )
    expect(outcomes).toEqual({
      [made.pastTimeout.id]: 'would-stop',
      [made.ended.id]: 'would-stop',
      [made.inProgress.id]: 'left',
      [made.otherRepository.id]: 'left',
      // The experiment it would stop would leave its template free to go.
      [made.ended.templateId]: 'would-delete',
      [made.finished.templateId]: 'would-delete',
      [made.neverRun]: 'would-delete',
      [made.pastTimeout.templateId]: 'left',
      [made.inProgress.templateId]: 'left',
      [made.otherRepository.templateId]: 'left'
    })
    expect(rows(report)[made.ended.id]?.why).toBe(
      'its workflow run octo-org/shop#1001 attempt 1 has ended'
    )
    expect(report).toMatchObject({ verdict: 'fail', dryRun: true })
    expect(report.reason).toMatch(
      /^2 experiments would be stopped \(dry run: nothing was stopped\): .*; 3 templates would be deleted$/
    )
    expect(result.summary).toContain(
      '**Dry run** (`sweep-dry-run`): nothing was stopped or deleted'
    )
    expect(result.summary).toContain('| would stop (dry run) |')
  })

  it('without a token gives a notice, still stops what outlived its timeout, and leaves runs it cannot know', async () => {
    const { emulator, github } = await world()
    github.setRun(REPOSITORY, 1001, { status: 'completed' })
    const pastTimeout = await experiment(
      fisGateTags({ runId: 1001, file: 'checkout-latency', timeoutSeconds: 1 })
    )
    await until(() => Date.now() > pastTimeout.startTime + 1500)
    const ended = await experiment(fisGateTags({ runId: 1001, file: 'carts-latency' }))
    const { result, report } = await sweep({ 'github-token': '' })

    expect(github.requests()).toEqual([])
    expect(statuses()).toEqual({ [pastTimeout.id]: 'stopped', [ended.id]: 'running' })
    expect(emulator.experiments()).toHaveLength(2)
    const noToken =
      'GitHub API: cannot read workflow run octo-org/shop#1001 attempt 1: the github-token input is empty; leave it at its default (github.token) and give the job `permissions: actions: read`'
    expect(result.annotations.filter((annotation) => annotation.level === 'notice')).toEqual([
      expect.objectContaining({
        title: 'fis-gate sweep',
        message: `${noToken}. What such a run started is left unless it outlived its timeout, and its templates are kept`
      })
    ])
    expect(rows(report)).toEqual({
      [pastTimeout.id]: {
        outcome: 'stopped',
        why: expect.stringMatching(/longer than the 1s timeout/)
      },
      [ended.id]: {
        outcome: 'left',
        why: expect.stringContaining(`fis-gate cannot tell whether its run has ended (${noToken})`)
      },
      [pastTimeout.templateId]: {
        outcome: 'left',
        why: `fis-gate cannot tell whether its run has ended: ${noToken}`
      },
      [ended.templateId]: {
        outcome: 'left',
        why: `fis-gate cannot tell whether its run has ended: ${noToken}`
      }
    })
    expect(report.verdict).toBe('fail')
  })

  it('when GitHub refuses, lacks the run or limits the rate: a notice per kind, retries where GitHub allows them, no crash', async () => {
    const { github } = await world()
    github.setRun(REPOSITORY, 2003, { status: 'completed' })
    github.setRun(REPOSITORY, 2004, { status: 'completed' })
    // 2001: the token may not read Actions. 2002: GitHub has no such run.
    github.failNext({ path: /\/runs\/2001\// }, GITHUB_FAILURES.forbidden())
    github.failNext(
      { path: /\/runs\/2003\// },
      GITHUB_FAILURES.serverError(502),
      GITHUB_FAILURES.serverError(503)
    )
    github.failNext({ path: /\/runs\/2004\// }, GITHUB_FAILURES.tooManyRequests(1))
    const forbidden = await experiment(fisGateTags({ runId: 2001, file: 'a' }))
    const missing = await experiment(fisGateTags({ runId: 2002, file: 'b' }))
    const flaky = await experiment(fisGateTags({ runId: 2003, file: 'c' }))
    const limited = await experiment(fisGateTags({ runId: 2004, file: 'd' }))
    const { result, report } = await sweep({}, { timeoutMs: 28_000 })

    expect(statuses()).toEqual({
      [forbidden.id]: 'running',
      [missing.id]: 'running',
      [flaky.id]: 'stopped',
      [limited.id]: 'stopped'
    })
    expect(rows(report)[forbidden.id]?.why).toContain(
      '(HTTP 403: Resource not accessible by integration): the token may not; give the job `permissions: actions: read`'
    )
    expect(rows(report)[missing.id]?.why).toContain(
      '(HTTP 404: Not Found): it does not exist, or the token cannot see it'
    )
    expect(rows(report)[limited.id]).toEqual({
      outcome: 'stopped',
      why: 'its workflow run octo-org/shop#2004 attempt 1 has ended'
    })
    const notices = result.annotations.filter((annotation) => annotation.level === 'notice')
    expect(notices.map((notice) => notice.message)).toEqual([
      expect.stringMatching(
        /^GitHub API: cannot read workflow run octo-org\/shop#2001 attempt 1 \(HTTP 403/
      ),
      expect.stringMatching(
        /^GitHub API: cannot read workflow run octo-org\/shop#2002 attempt 1 \(HTTP 404/
      )
    ])
    const asked = (runId: number) =>
      (github.requests() ?? [])
        .filter((request) => request.path.includes(`/runs/${runId}/`))
        .map((request) => request.status)
    expect([2001, 2002, 2003, 2004].map(asked)).toEqual([[403], [404], [502, 503, 200], [429, 200]])
    expect(result.outputs.verdict).toBe('fail')
  })

  it('cleans up after a run step killed without its post step: the tags fis-gate really writes', async () => {
    const { emulator, github } = await world()
    workspace = tempWorkspace({
      'experiments/carts.json': { template: cartsTemplate({ duration: 'PT12H' }) }
    })
    const killed = await runAction({
      workspace: workspace.root,
      runnerTemp: workspace.runnerTemp,
      emulator,
      runId: '5150',
      inputs: { mode: 'run', experiments: 'experiments/*.json', timeout: '2h' },
      signal: {
        signal: 'SIGKILL',
        whenCalls: (calls) =>
          calls.some((call) => call.operation === 'StartExperiment' && call.status === 200)
      }
    })
    expect(killed.signal).toBe('SIGKILL')
    const [left] = emulator.experiments()
    expect(left?.status).toMatch(/initiating|running/)
    workspace.remove()
    github.setRun(REPOSITORY, 5150, { status: 'completed', conclusion: 'cancelled' })

    const { result, report } = await sweep()
    expect(statuses()).toEqual({ [left?.id ?? '']: 'stopped' })
    expect(await templateIds()).toEqual([])
    expect(report.items).toEqual([
      expect.objectContaining({
        kind: 'experiment',
        id: left?.id,
        file: 'carts',
        run: { repository: REPOSITORY, runId: 5150, attempt: 1 },
        outcome: 'stopped',
        why: 'its workflow run octo-org/shop#5150 attempt 1 has ended'
      }),
      expect.objectContaining({ kind: 'template', outcome: 'deleted' })
    ])
    expect(result.outputs.verdict).toBe('fail')
  })
})

describe('IAM for sweep', () => {
  it('docs/iam.md names, and docs/iam-policy.json grants, exactly the FIS calls a sweep makes', async () => {
    await leftovers()
    const { result } = await sweep()
    const used = [
      ...new Set(result.calls.map((call) => `${call.service}:${call.operation}`))
    ].sort()
    const doc = readFileSync(join(process.cwd(), 'docs/iam.md'), 'utf8')
    const section = doc.split('## mode: sweep')[1]?.split('\n## ')[0] ?? ''
    const documented = [...new Set([...section.matchAll(/`(fis:\w+)`/g)].map((m) => m[1]))].sort()
    expect(documented).toEqual(used)
    const policy = JSON.parse(
      readFileSync(join(process.cwd(), 'docs/iam-policy.json'), 'utf8')
    ) as { Statement: { Action: string | string[] }[] }
    const granted = new Set(policy.Statement.flatMap((statement) => statement.Action))
    expect(used.filter((action) => !granted.has(action))).toEqual([])
  })
})
