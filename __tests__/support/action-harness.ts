/**
 * Runs the bundled action (dist/main, dist/post) the way the GitHub runner does: `node script`
 * in the workspace, inputs as INPUT_<NAME>, fresh file-command files, the post step given the
 * main step's saved state as STATE_<name>. The environment is built from scratch (PATH, a
 * temporary HOME, the GitHub variables, the emulator's AWS variables), so nothing from the
 * developer's shell, AWS profiles or credentials included, reaches the action.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CallRecord } from '../../emulator/index.js'

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const MAIN_SCRIPT = join(REPOSITORY_ROOT, 'dist/main/index.js')
export const POST_SCRIPT = join(REPOSITORY_ROOT, 'dist/post/index.js')

/** What the harness needs from an emulator (an `Emulator` from emulator/index.ts fits). */
export interface EmulatorLike {
  env: Record<string, string>
  calls(): CallRecord[]
}

export interface SignalPlan {
  signal: 'SIGINT' | 'SIGTERM' | 'SIGKILL'
  /** Send it this many milliseconds after the start... */
  afterMs?: number
  /** ...or once stdout so far matches... */
  whenStdout?: RegExp | ((stdout: string) => boolean)
  /** ...or once the emulator's calls made during this run satisfy this. */
  whenCalls?: (calls: CallRecord[]) => boolean
}

export interface ActionRunOptions {
  /** The script to run; default dist/main/index.js. */
  script?: string
  /** Action inputs by their action.yml name, e.g. `{ 'fail-on': 'fail,error' }`. */
  inputs?: Record<string, string>
  emulator?: EmulatorLike
  /** GITHUB_WORKSPACE and the working directory; default the repository root. */
  workspace?: string
  /** The webhook payload, or the path of a file holding it; default `{}`. */
  event?: object | string
  eventName?: string
  repository?: string
  runId?: string
  runAttempt?: string
  sha?: string
  /** Saved state handed to the step as STATE_<name> (the runner does this for post steps). */
  state?: Record<string, string>
  /** Extra variables, applied last. */
  env?: Record<string, string>
  /** A RUNNER_TEMP the caller owns and cleans up (to read reports after the run). */
  runnerTemp?: string
  signal?: SignalPlan
  /** The child is killed (SIGKILL) after this long; default 25 s, under Jest's 30 s. */
  timeoutMs?: number
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  file?: string
  line?: number
  col?: number
  endLine?: number
  endColumn?: number
  title?: string
}

export interface ActionRunResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** Epoch milliseconds when the planned signal was sent, if it was. */
  signalledAt?: number
  timedOut: boolean
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  annotations: Annotation[]
  /** The emulator's calls made while the step ran. */
  calls: CallRecord[]
}

const running = new Set<ChildProcess>()

/** Kills every action process still running; for afterEach, and when Jest gives up on a test. */
export function killRunningActions(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

process.once('exit', killRunningActions)

/** `INPUT_<NAME>`: upper case, spaces to underscores, hyphens kept (as @actions/core reads). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV contents: `name<<delimiter` heredocs (what
 * @actions/core writes) and plain `name=value` lines, told apart as the runner does.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      values[line.slice(0, equals)] = line.slice(equals + 1)
      continue
    }
    if (heredoc < 0) throw new Error(`malformed file command line: ${line}`)
    const name = line.slice(0, heredoc)
    const delimiter = line.slice(heredoc + 2)
    const body: string[] = []
    for (index++; index < lines.length && lines[index] !== delimiter; index++) {
      body.push(lines[index] ?? '')
    }
    if (index >= lines.length) throw new Error(`file command ${name} has no closing ${delimiter}`)
    values[name] = body.join('\n')
  }
  return values
}

function unescape(text: string, property: boolean): string {
  let decoded = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n')
  if (property) decoded = decoded.replace(/%3A/g, ':').replace(/%2C/g, ',')
  return decoded.replace(/%25/g, '%')
}

const NUMERIC = new Set(['line', 'col', 'endLine', 'endColumn'])

/** `::error file=..,line=..,col=..,title=..::message` (and warning, notice) lines of stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line.trimStart())
    if (!match) continue
    const [, level, properties, message] = match
    const annotation: Annotation = {
      level: level as Annotation['level'],
      message: unescape(message ?? '', false)
    }
    for (const property of (properties ?? '').split(',').filter(Boolean)) {
      const equals = property.indexOf('=')
      const key = property.slice(0, equals)
      const value = unescape(property.slice(equals + 1), true)
      if (NUMERIC.has(key)) Object.assign(annotation, { [key]: Number(value) })
      else if (key === 'file' || key === 'title') annotation[key] = value
    }
    annotations.push(annotation)
  }
  return annotations
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/** Runs one step and waits for it to end; temporary files are removed before it resolves. */
export async function runAction(options: ActionRunOptions = {}): Promise<ActionRunResult> {
  const root = mkdtempSync(join(tmpdir(), 'fis-gate-action-'))
  try {
    const files = {
      output: join(root, 'github_output'),
      state: join(root, 'github_state'),
      summary: join(root, 'step_summary'),
      env: join(root, 'github_env'),
      path: join(root, 'github_path'),
      event: join(root, 'event.json')
    }
    for (const file of Object.values(files)) writeFileSync(file, '')
    const home = join(root, 'home')
    const runnerTemp = options.runnerTemp ?? join(root, 'runner-temp')
    mkdirSync(home)
    mkdirSync(runnerTemp, { recursive: true })
    const event = options.event ?? {}
    if (typeof event === 'object') writeFileSync(files.event, JSON.stringify(event))
    const repository = options.repository ?? 'octo-org/shop'

    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'fis-gate-harness',
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: options.workspace ?? REPOSITORY_ROOT,
      GITHUB_EVENT_PATH: typeof event === 'string' ? event : files.event,
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
      GITHUB_RUN_ID: options.runId ?? '4242',
      GITHUB_RUN_ATTEMPT: options.runAttempt ?? '1',
      GITHUB_RUN_NUMBER: '7',
      GITHUB_SHA: options.sha ?? '3f786850e387550fdab836ed7e6dc881de23001b',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKFLOW: 'chaos',
      GITHUB_JOB: 'fis-gate',
      GITHUB_ACTION: 'fis-gate',
      GITHUB_ACTOR: 'octocat',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      // Without an emulator there are no credentials; fail fast instead of probing EC2 IMDS.
      AWS_EC2_METADATA_DISABLED: 'true',
      ...Object.fromEntries(
        Object.entries(options.inputs ?? {}).map(([name, value]) => [inputVariable(name), value])
      ),
      ...Object.fromEntries(
        Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value])
      ),
      ...options.emulator?.env,
      ...options.env
    }

    const firstCall = options.emulator?.calls().length ?? 0
    const callsSoFar = () => options.emulator?.calls().slice(firstCall) ?? []
    const child = spawn(process.execPath, [options.script ?? MAIN_SCRIPT], {
      cwd: env.GITHUB_WORKSPACE,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    running.add(child)
    let stdout = ''
    let stderr = ''
    let timedOut = false
    const plan = options.signal
    let signalledAt: number | undefined
    const sendSignal = () => {
      if (
        plan &&
        signalledAt === undefined &&
        child.exitCode === null &&
        child.signalCode === null
      ) {
        signalledAt = Date.now()
        child.kill(plan.signal)
      }
    }
    const stdoutMatches = (text: string) =>
      plan?.whenStdout instanceof RegExp ? plan.whenStdout.test(text) : !!plan?.whenStdout?.(text)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdoutMatches(stdout)) sendSignal()
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timers = [
      setTimeout(() => {
        timedOut = true
        child.kill('SIGKILL')
      }, options.timeoutMs ?? 25_000),
      ...(plan?.afterMs === undefined ? [] : [setTimeout(sendSignal, plan.afterMs)])
    ]
    const watcher =
      plan?.whenCalls &&
      setInterval(() => {
        if (plan.whenCalls?.(callsSoFar())) sendSignal()
      }, 20)

    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolve, reject) => {
        child.once('error', reject)
        child.once('close', (code, received) => resolve([code, received]))
      }
    ).finally(() => {
      running.delete(child)
      for (const timer of timers) clearTimeout(timer)
      if (watcher) clearInterval(watcher)
    })

    return {
      exitCode,
      signal,
      signalledAt,
      timedOut,
      stdout,
      stderr,
      outputs: parseFileCommands(readIfPresent(files.output)),
      state: parseFileCommands(readIfPresent(files.state)),
      summary: readIfPresent(files.summary),
      annotations: parseAnnotations(stdout),
      calls: callsSoFar()
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/**
 * The main step, then the post step with the main step's saved state, sharing one RUNNER_TEMP
 * as steps of a job do. The post step runs whatever happened to the main step, like
 * `post-if: always()`. `post` overrides options for the post step only.
 */
export async function runMainThenPost(
  options: ActionRunOptions & { post?: Partial<ActionRunOptions> } = {}
): Promise<{ main: ActionRunResult; post: ActionRunResult }> {
  const { post: postOverrides, ...shared } = options
  const ownTemp = shared.runnerTemp === undefined
  const runnerTemp = shared.runnerTemp ?? mkdtempSync(join(tmpdir(), 'fis-gate-runner-temp-'))
  try {
    const main = await runAction({ ...shared, runnerTemp })
    const post = await runAction({
      ...shared,
      signal: undefined,
      script: POST_SCRIPT,
      ...postOverrides,
      runnerTemp,
      state: { ...main.state, ...postOverrides?.state }
    })
    return { main, post }
  } finally {
    if (ownTemp) rmSync(runnerTemp, { recursive: true, force: true })
  }
}
