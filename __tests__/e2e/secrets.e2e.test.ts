/**
 * No secret reaches anything the action writes. Every step runs with secrets in its environment
 * (AWS credentials the emulator accepts, the tokens the runner hands a step, a ghp_ token and a
 * password in unrelated variables) and debug logging on, in each mode and on each failure path
 * reachable from outside; the post step runs after every main step, as `post-if: always()` does.
 * Then stdout, stderr, the job summary, GITHUB_OUTPUT, GITHUB_STATE and every file the steps
 * wrote (JSON report, JUnit, SARIF) are scanned for any 8-character piece of any secret, raw or
 * encoded (support/secret-scan.ts), and for the SigV4 signature of every request the action
 * signed, which a hop in front of the emulator records (support/signing-recorder.ts).
 * On the accelerated clock, like run.e2e (the subject is what is written, not metric timing),
 * except the one case whose hypothesis reads CloudWatch periods as they end.
 */
import * as core from '@actions/core'
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { startEmulator, type Emulator, type Scenario } from '../../emulator/index.js'
import { xml } from '../../src/report/junit.js'
import { code, escapeMarkdown } from '../../src/report/markdown.js'
import {
  killRunningActions,
  runMainThenPost,
  type ActionRunResult,
  type SignalPlan
} from '../support/action-harness.js'
import { cartsTemplate, ROLE_ARN } from '../support/emulator-clients.js'
import { plantedSecrets, SecretScanner, type Secret } from '../support/secret-scan.js'
import {
  startSigningRecorder,
  type AccessPolicy,
  type SignedRequest,
  type SigningRecorder
} from '../support/signing-recorder.js'
import { LOAD_BALANCER, latencyCheck, testScenario } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

const planted = plantedSecrets()

/** What the runner gives a step besides the secrets: debug logging on, and the URLs the tokens are for. */
const stepEnvironment: Record<string, string> = {
  ...planted,
  RUNNER_DEBUG: '1',
  ACTIONS_STEP_DEBUG: 'true',
  ACTIONS_RUNTIME_URL: 'https://pipelines.actions.githubusercontent.com/fis-gate-test/',
  ACTIONS_ID_TOKEN_REQUEST_URL:
    'https://pipelines.actions.githubusercontent.com/fis-gate-test/idtoken?api-version=2.0'
}

/** SigV4's algorithm name opens every Authorization header and string to sign: a dump shows it. */
const SIGNING_ALGORITHM: Secret = {
  name: 'SigV4 signing material',
  value: 'AWS4-HMAC-SHA256',
  minLength: 'AWS4-HMAC-SHA256'.length
}

let emulator: Emulator | undefined
let recorder: SigningRecorder | undefined
let workspace: Workspace | undefined
let runCounter = 0
const scanned = { runs: 0, steps: 0, bytes: 0 }

afterEach(async () => {
  killRunningActions()
  await recorder?.stop()
  await emulator?.stop()
  recorder = undefined
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

afterAll(() => {
  console.log(
    `secrets: ${scanned.runs} runs (${scanned.steps} steps), ${scanned.bytes} bytes scanned`
  )
})

interface World {
  scenario?: Partial<Scenario>
  policy?: AccessPolicy
}

interface StepsOptions {
  files: Record<string, object | string>
  inputs: Record<string, string>
  /** The emulated AWS behind the recording hop; absent: the step gets no AWS endpoint. */
  world?: World
  env?: Record<string, string>
  signal?: SignalPlan
}

interface Steps {
  main: ActionRunResult
  post: ActionRunResult
  requests: SignedRequest[]
  /** Every file the steps wrote into the workspace and RUNNER_TEMP, by absolute path. */
  written: Map<string, string>
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

async function runSteps(options: StepsOptions): Promise<Steps> {
  const current = tempWorkspace(options.files)
  workspace = current
  if (options.world) {
    emulator = await startEmulator({
      scenario: testScenario({
        clock: 'accelerated',
        timeScale: 300,
        initiationDelay: 'PT2S',
        ...options.world.scenario
      })
    })
    recorder = await startSigningRecorder(emulator, options.world.policy)
  }
  const { main, post } = await runMainThenPost({
    workspace: current.root,
    runnerTemp: current.runnerTemp,
    emulator: recorder,
    runId: `secrets-${Date.now()}-${++runCounter}`,
    inputs: { experiments: 'experiments/*.json', 'poll-interval': '200ms', ...options.inputs },
    env: { ...stepEnvironment, ...options.env },
    signal: options.signal
  })
  const ours = new Set(Object.keys(options.files).map((path) => join(current.root, path)))
  const written = new Map(
    filesUnder(current.root)
      .filter((path) => !ours.has(path))
      .map((path) => [path, readFileSync(path, 'utf8')])
  )
  return { main, post, requests: recorder?.requests() ?? [], written }
}

/**
 * The bodies of the pull-request comments the steps posted. fis-gate posts none yet (SPEC.md,
 * the github-token input); when it does, capture them (GITHUB_API_URL pointed at a recording
 * server) and return them here, and every case below scans them with the other outputs.
 */
function pullRequestCommentBodies(_steps: Steps): string[] {
  return []
}

const fileCommands = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n')

function scannedOutputs(steps: Steps): [string, string][] {
  const perStep = (name: string, step: ActionRunResult): [string, string][] => [
    [`${name} stdout`, step.stdout],
    [`${name} stderr`, step.stderr],
    [`${name} GITHUB_STEP_SUMMARY`, step.summary],
    [`${name} GITHUB_OUTPUT`, fileCommands(step.outputs)],
    [`${name} GITHUB_STATE`, fileCommands(step.state)]
  ]
  return [
    ...perStep('main', steps.main),
    ...perStep('post', steps.post),
    ...[...steps.written].map(([path, text]): [string, string] => [path, text]),
    ...pullRequestCommentBodies(steps).map((body): [string, string] => ['PR comment', body])
  ]
}

const requestName = (request: SignedRequest): string =>
  `${request.service} ${request.action ?? `${request.method} ${request.path}`}`

/** No planted secret, no request signature and no Authorization header in any output. */
function expectNothingLeaked(steps: Steps): void {
  // The test means something only if the requests were signed with the planted credentials.
  expect(
    steps.requests.filter(
      (request) =>
        request.accessKeyId !== planted.AWS_ACCESS_KEY_ID ||
        request.securityToken !== planted.AWS_SESSION_TOKEN ||
        request.signature === undefined
    )
  ).toEqual([])
  // Every report the step names is among the files scanned.
  const reports = ['report', 'junit', 'sarif'].flatMap((name) => steps.main.outputs[name] ?? [])
  expect(reports.filter((path) => !steps.written.has(path))).toEqual([])

  const scanner = new SecretScanner([
    ...Object.entries(planted).map(([name, value]) => ({ name, value })),
    SIGNING_ALGORITHM,
    // 16 hex characters: shorter pieces of a signature turn up by chance in SHAs and request ids.
    ...steps.requests.map((request) => ({
      name: `the signature of ${requestName(request)}`,
      value: request.signature ?? '',
      minLength: 16
    }))
  ])
  const leaks = scannedOutputs(steps).flatMap(([where, text]) => scanner.scan(where, text))
  scanned.runs++
  scanned.steps += 2
  scanned.bytes += scanner.bytesScanned
  expect(leaks).toEqual([])
}

const signedOperations = (steps: Steps): string[] => steps.requests.map(requestName)

/** The first experiment's reason in the JSON report. */
function reasonOf(steps: Steps): string {
  const text = steps.written.get(steps.main.outputs.report ?? '')
  if (text === undefined) throw new Error('the main step wrote no JSON report')
  const report = JSON.parse(text) as { experiments: { reason: string }[] }
  return report.experiments[0]?.reason ?? ''
}

const carts = { 'experiments/carts.json': { template: cartsTemplate() } }

/** What AWS says when the CI role lacks a permission. */
const notAuthorized = (iamAction: string, resource?: string): string =>
  `User: arn:aws:sts::111122223333:assumed-role/fis-gate-ci/GitHubActions is not authorized to perform: ${iamAction}${resource ? ` on resource: ${resource}` : ''} because no identity-based policy allows the ${iamAction} action`

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('the scan', () => {
  const secrets = Object.entries(planted).map(([name, value]) => ({ name, value }))
  const scanner = new SecretScanner(secrets)
  const foundIn = (text: string): string[] =>
    scanner
      .scan('a test text', `experiment EXP1 completed; ${text}; 0.2 s p95`)
      .map((leak) => leak.secret)
  /** What @actions/core writes to stdout for a workflow command. */
  const workflowCommand = (issue: () => void): string => {
    let written = ''
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written += String(chunk)
      return true
    })
    try {
      issue()
    } finally {
      write.mockRestore()
    }
    return written
  }
  const base64At = (offset: number, encoding: 'base64' | 'base64url') => (text: string) =>
    Buffer.from(`${'x'.repeat(offset)}${text}\n`).toString(encoding)
  // Encoded the way outputs encode, by code other than the scanner's (the reports' own escaping).
  const encodings: [string, (text: string) => string][] = [
    ['as is', (text) => text],
    ['in a JSON string', (text) => JSON.stringify({ reason: text })],
    ['URL-encoded', (text) => `https://example.invalid/?token=${encodeURIComponent(text)}`],
    ['form-encoded', (text) => new URLSearchParams({ token: text }).toString()],
    ['in JUnit XML', (text) => `<failure message="${xml(text)}"/>`],
    ['in a Markdown table', (text) => `| ${escapeMarkdown(text)} |`],
    ['in Markdown inline code', (text) => `| ${code(text)} |`],
    ['in an annotation', (text) => workflowCommand(() => core.error(text, { title: text }))],
    ...[0, 1, 2].flatMap((offset): [string, (text: string) => string][] => [
      [`in base64 after ${offset} bytes`, base64At(offset, 'base64')],
      [`in base64url after ${offset} bytes`, base64At(offset, 'base64url')]
    ])
  ]

  /** The whole value and every 8-character piece of it. */
  const piecesOf = (value: string): string[] => [
    value,
    ...Array.from({ length: value.length - 7 }, (_, start) => value.slice(start, start + 8))
  ]

  it.each(encodings)(
    'finds each secret written %s, whole or any 8 characters of it',
    (_how, encode) => {
      const missed = secrets.flatMap(({ name, value }) =>
        piecesOf(value).flatMap((piece) =>
          foundIn(encode(piece)).includes(name) ? [] : [`${name}: ${piece}`]
        )
      )
      expect(missed).toEqual([])
    }
  )

  it('counts no piece shorter than 8 characters', () => {
    expect(secrets.flatMap(({ value }) => foundIn(value.slice(5, 12)))).toEqual([])
  })
})

describe('with credentials, tokens and debug logging in the environment, nothing secret is written', () => {
  it('by validate, on a valid file, a file that is not JSON and placeholders named after the secrets', async () => {
    const steps = await runSteps({
      files: {
        ...carts,
        'experiments/broken.json': '{ "template": { "description": "carts", } ',
        'experiments/placeholders.json': {
          template: cartsTemplate({
            tags: { service: '${AWS_SECRET_ACCESS_KEY}', owner: '${DEPLOY_BOT_TOKEN}' }
          })
        }
      },
      inputs: { mode: 'validate' }
    })
    expect(steps.main.exitCode).toBe(1)
    expect(steps.main.outputs.verdict).toBe('error')
    // The environment is no source of placeholder values: the names are reported, unresolved.
    expect(steps.main.stdout).toContain('AWS_SECRET_ACCESS_KEY')
    expect(steps.main.annotations.map((annotation) => annotation.file)).toEqual(
      expect.arrayContaining(['experiments/broken.json', 'experiments/placeholders.json'])
    )
    expectNothingLeaked(steps)
  })

  it('by plan', async () => {
    const steps = await runSteps({ files: carts, inputs: { mode: 'plan' }, world: {} })
    expect(steps.main.outputs.verdict).toBe('pass')
    expect(signedOperations(steps)).toContain('fis POST /experiments')
    expect(steps.post.exitCode).toBe(0)
    expectNothingLeaked(steps)
  })

  it('by a passing run and its post step', async () => {
    const steps = await runSteps({ files: carts, inputs: { mode: 'run' }, world: {} })
    expect([steps.main.exitCode, steps.main.outputs.verdict]).toEqual([0, 'pass'])
    expect(signedOperations(steps)).toEqual(
      expect.arrayContaining(['sts GetCallerIdentity', 'cloudwatch DescribeAlarms'])
    )
    expect(steps.post.exitCode).toBe(0)
    expectNothingLeaked(steps)
  })

  it('by a run judged by a steady-state hypothesis, its evidence in every report', async () => {
    // The wall clock: the hypothesis reads CloudWatch periods as they end (FIS 20 times faster).
    const steps = await runSteps({
      files: {
        'experiments/carts.json': {
          template: cartsTemplate({ duration: 'PT1M' }),
          hypothesis: { settle: 'PT2S', checks: [latencyCheck(5)] }
        }
      },
      inputs: { mode: 'run' },
      world: {
        scenario: {
          clock: 'wall',
          timeScale: 20,
          ingestionLag: 'PT1S',
          metrics: [
            {
              namespace: 'AWS/ApplicationELB',
              metricName: 'TargetResponseTime',
              dimensions: { LoadBalancer: LOAD_BALANCER.Value },
              resolution: 1,
              statistics: { p95: { baseline: 0.2 } }
            }
          ]
        }
      }
    })
    expect(steps.main.outputs.verdict).toBe('pass')
    expect(signedOperations(steps)).toContain('cloudwatch GetMetricData')
    expectNothingLeaked(steps)
  })

  it('by a run refused for an invalid file, which makes no AWS call', async () => {
    const steps = await runSteps({
      files: { 'experiments/carts.json': { template: { ...cartsTemplate(), roleArn: 'nope' } } },
      inputs: { mode: 'run' },
      world: {}
    })
    expect([steps.main.exitCode, steps.main.outputs.verdict]).toEqual([1, 'error'])
    expect(steps.requests).toEqual([])
    expectNothingLeaked(steps)
  })

  it('by a plan whose role may not read the stop-condition alarms (CloudWatch AccessDenied)', async () => {
    const steps = await runSteps({
      files: carts,
      inputs: { mode: 'plan' },
      world: {
        policy: (request) =>
          request.action === 'DescribeAlarms'
            ? notAuthorized('cloudwatch:DescribeAlarms')
            : undefined
      }
    })
    expect(steps.main.outputs.verdict).toBe('error')
    expect(reasonOf(steps)).toMatch(/AccessDenied.*the CI role lacks a permission/)
    expectNothingLeaked(steps)
  })

  it('by a run whose role may not pass the experiment role (FIS AccessDenied)', async () => {
    const steps = await runSteps({
      files: carts,
      inputs: { mode: 'run' },
      world: {
        policy: (request) =>
          request.service === 'fis' &&
          request.method === 'POST' &&
          request.path === '/experimentTemplates'
            ? notAuthorized('iam:PassRole', ROLE_ARN)
            : undefined
      }
    })
    expect(steps.main.outputs.verdict).toBe('error')
    expect(reasonOf(steps)).toMatch(
      /CreateExperimentTemplate failed: AccessDeniedException.*iam:PassRole/
    )
    expectNothingLeaked(steps)
  })

  it('by a run whose role may not read the hypothesis metrics (GetMetricData AccessDenied)', async () => {
    const steps = await runSteps({
      files: {
        'experiments/carts.json': {
          template: cartsTemplate(),
          hypothesis: {
            baseline: 'PT5M',
            settle: 'PT1S',
            checks: [latencyCheck(60, { phases: ['before'] })]
          }
        }
      },
      inputs: { mode: 'run' },
      world: {
        policy: (request) =>
          request.action === 'GetMetricData' ? notAuthorized('cloudwatch:GetMetricData') : undefined
      }
    })
    expect(signedOperations(steps)).toContain('cloudwatch GetMetricData')
    expect(steps.main.outputs.verdict).toBe('error')
    expect(reasonOf(steps)).toMatch(/AccessDenied/)
    expectNothingLeaked(steps)
  })

  it('by a run whose credentials expire while it watches the experiment, and its post step', async () => {
    const steps = await runSteps({
      files: { 'experiments/carts.json': { template: cartsTemplate({ duration: 'PT12H' }) } },
      inputs: { mode: 'run' },
      world: {
        scenario: { faults: [{ type: 'expired-token', operations: ['GetExperiment'], limit: 1 }] }
      }
    })
    expect(steps.main.outputs.verdict).toBe('error')
    expect(reasonOf(steps)).toMatch(/ExpiredToken.*the credentials expired/)
    expect(steps.post.exitCode).toBe(0)
    expect(steps.post.stdout).toContain('1 template deleted')
    expect(emulator?.experiments()[0]?.status).toBe('stopped')
    expectNothingLeaked(steps)
  })

  it('by a run throttled past every retry', async () => {
    const steps = await runSteps({
      files: carts,
      inputs: { mode: 'run' },
      world: { scenario: { faults: [{ type: 'throttling', operations: ['StartExperiment'] }] } },
      // Fewer SDK attempts keep the backoff short; what is written does not depend on how many.
      env: { AWS_MAX_ATTEMPTS: '3' }
    })
    expect(steps.main.outputs.verdict).toBe('error')
    expect(reasonOf(steps)).toMatch(/StartExperiment failed: ThrottlingException.*kept throttling/)
    expectNothingLeaked(steps)
  })

  it('by a run, and its post step, when the AWS endpoint is unreachable', async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`
    const steps = await runSteps({
      files: carts,
      inputs: { mode: 'run' },
      env: {
        AWS_ENDPOINT_URL_FIS: unreachable,
        AWS_ENDPOINT_URL_CLOUDWATCH: unreachable,
        AWS_ENDPOINT_URL_STS: unreachable,
        AWS_REGION: 'eu-west-1',
        AWS_MAX_ATTEMPTS: '2'
      }
    })
    expect(steps.main.outputs.verdict).toBe('error')
    expect(reasonOf(steps)).toMatch(/GetCallerIdentity failed: .*ECONNREFUSED/)
    expect(steps.post.stdout).toMatch(
      /^::warning title=fis-gate::FIS ListExperiments failed: .*ECONNREFUSED/m
    )
    expectNothingLeaked(steps)
  })

  it('by a run cancelled with SIGINT, and the post step after it', async () => {
    const steps = await runSteps({
      files: { 'experiments/carts.json': { template: cartsTemplate({ duration: 'PT12H' }) } },
      inputs: { mode: 'run' },
      world: {},
      signal: {
        signal: 'SIGINT',
        whenCalls: (calls) =>
          calls.some((call) => call.operation === 'GetExperiment' && call.status === 200)
      }
    })
    expect([steps.main.exitCode, steps.main.outputs.verdict]).toEqual([1, 'cancelled'])
    expect(steps.post.exitCode).toBe(0)
    expect(steps.post.stdout).toContain(`${steps.main.outputs['experiment-ids']}: already stopped`)
    expectNothingLeaked(steps)
  })

  it('by a step given a bad input value', async () => {
    const steps = await runSteps({
      files: carts,
      inputs: { mode: 'run', region: 'eu-west-1', timeout: 'forever' }
    })
    expect(steps.main.exitCode).toBe(1)
    expect(steps.main.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringContaining('Input timeout') })
    )
    expectNothingLeaked(steps)
  })

  it('by a step whose report-dir cannot be created, with debug logging on', async () => {
    const steps = await runSteps({
      files: { ...carts, 'not-a-directory': 'a file where the reports should go' },
      inputs: { mode: 'run', 'report-dir': 'not-a-directory/reports' },
      world: {}
    })
    expect(steps.main.exitCode).toBe(1)
    expect(steps.main.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/^Input report-dir: .* cannot be created \(ENOTDIR\)/)
      })
    )
    expectNothingLeaked(steps)
  })
})
