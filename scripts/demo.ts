/**
 * npm run demo — the safety story of fis-gate, told by the bundled action (dist/) on the examples,
 * run exactly as the GitHub runner runs it (INPUT_* environment, GITHUB_OUTPUT / GITHUB_STATE /
 * GITHUB_STEP_SUMMARY files, saved state handed to the post step as STATE_*), against the local
 * FIS + CloudWatch + STS emulator:
 *
 *   1. a pull-request check (validate) that points at two typos by file:line:column,
 *   2. a plan that resolves the targets and injects nothing,
 *   3. the release gate (run) on a healthy world, which decides the demo's exit code,
 *   4. the same gate on a world where the fault breaks the hypothesis,
 *   5. an ECS CPU stress that a stop-condition alarm aborts,
 *   6. a run cancelled while its fault is injected: stopped within a second of the signal, and
 *      cleaned up by the post step,
 *   7. a pod delete whose self-healing is measured in seconds.
 *
 * Each step prints its verdict line and a compact evidence table read from the JSON report (or
 * SARIF, or the emulator), and only the verdict lines of its job log (DEMO_VERBOSE=1: all of it).
 * DEMO_SUMMARY_DIR=dir writes each step's job summary to dir/NN-slug.md. Every run that judges
 * metrics happens in real time (the wall clock, as in an AWS account).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { startEmulator, type Emulator } from '../emulator/index.js'
import { VERDICT_ICON } from '../src/report/run-summary.js'
import type { Verdict } from '../src/run/model.js'
import type { SarifResult } from '../__tests__/action/run-validate.js'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const tty = process.stdout.isTTY
const bold = (text: string): string => (tty ? `\u001b[1m${text}\u001b[0m` : text)
const dim = (text: string): string => (tty ? `\u001b[2m${text}\u001b[0m` : text)
const verbose = process.env.DEMO_VERBOSE === '1'
const summaryDir = process.env.DEMO_SUMMARY_DIR
const demoStart = Date.now()

// ── The JSON report (schemas/report.schema.json): the members the demo reads ──────────────────

interface ReportPhase {
  phase: string
  status: string
  observed?: { min: number; max: number }
  recovery?: { seconds?: number; limitSeconds: number }
}

interface ReportExperiment {
  file: string
  verdict: Verdict
  reason: string
  experimentId?: string
  templateDeleted: boolean
  status?: string
  statusReason?: string
  startTime?: string
  actions: { name: string; status: string }[]
  alarms: {
    name: string
    stateReason?: string
    firedDuringExperiment: boolean
    firedAt?: string
  }[]
  timeline: { time: string; source: string; name: string; from?: string; to: string }[]
  resolvedTargets?: { targetName: string; resourceType: string; identifier: string }[]
  hypothesis?: { checks: { name: string; phases: ReportPhase[] }[] }
}

interface DemoReport {
  verdict: Verdict
  experiments: ReportExperiment[]
}

/** The SARIF file (the `sarif` output): its results. */
interface SarifLog {
  runs: { results: SarifResult[] }[]
}

// ── Running the action as the runner does ────────────────────────────────────────────────────

interface ActionRun {
  status: number
  /** Epoch milliseconds: spawned, exited. */
  startedAt: number
  endedAt: number
  outputs: Record<string, string>
  /** GITHUB_STATE as saved: the runner hands it to the post step as STATE_<name>. */
  state: Record<string, string>
  report?: DemoReport
  sarif?: SarifLog
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  summary: string
  /** The job log: workflow commands shown as the runner shows them, debug lines dropped. */
  log: string[]
}

interface ActionOptions {
  script?: 'main' | 'post'
  inputs?: Record<string, string>
  world?: Emulator
  /** Saved state of the main step, for the post step. */
  state?: Record<string, string>
  /** RUNNER_TEMP, shared by the steps of one job. */
  runnerTemp: string
  /** Called once the step is spawned (to signal it); the step's exit waits for nothing. */
  whileRunning?: (child: ChildProcess) => void
}

/** GITHUB_OUTPUT / GITHUB_STATE: the `name<<delimiter` heredocs @actions/core writes. */
function fileCommands(file: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const match of readFileSync(file, 'utf8').matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    result[match[1] as string] = match[3] as string
  return result
}

function jobLog(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line && !/^::(debug|group|endgroup)::/.test(line))
    .map((line) =>
      line.replace(
        /^::(error|warning|notice)(?: (.*?))?::(.*)$/,
        (_all, level: string, properties = '', message: string) =>
          `[${level}] ${properties.replace(/%2C/g, ',').replace(/%3A/g, ':')}${properties ? ': ' : ''}${message}`
      )
    )
}

function readJson<T>(file: string | undefined): T | undefined {
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined
}

/** Runs one step of the action (main or post) and collects what it left; steps can run side by side. */
async function runAction(options: ActionOptions): Promise<ActionRun> {
  const files = mkdtempSync(join(options.runnerTemp, 'step-'))
  for (const name of ['output', 'state', 'summary', 'env']) writeFileSync(join(files, name), '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: files,
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STATE: join(files, 'state'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
    GITHUB_ENV: join(files, 'env'),
    RUNNER_TEMP: options.runnerTemp,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: String(demoStart),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: 'demo',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...options.world?.env
  }
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    env[`INPUT_${name.toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value
  const startedAt = Date.now()
  // Asynchronous: the emulator answers from this same process while the action runs.
  const child = spawn(process.execPath, [join(root, `dist/${options.script ?? 'main'}/index.js`)], {
    cwd: root,
    env
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.pipe(process.stderr)
  options.whileRunning?.(child)
  const status = await new Promise<number>((resolve) =>
    child.once('close', (exitCode) => resolve(exitCode ?? 1))
  )
  const outputs = fileCommands(join(files, 'output'))
  return {
    status,
    startedAt,
    endedAt: Date.now(),
    outputs,
    state: fileCommands(join(files, 'state')),
    report: readJson<DemoReport>(outputs.report),
    sarif: readJson<SarifLog>(outputs.sarif),
    summary: readFileSync(join(files, 'summary'), 'utf8'),
    log: jobLog(stdout)
  }
}

/** A job: its own RUNNER_TEMP for the steps inside, removed once they are done. */
async function inJob<T>(work: (runnerTemp: string) => Promise<T>): Promise<T> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'fis-gate-demo-'))
  try {
    return await work(runnerTemp)
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true })
  }
}

async function inWorld<T>(scenario: string, work: (world: Emulator) => Promise<T>): Promise<T> {
  const world = await startEmulator({ scenario: join(root, `examples/scenarios/${scenario}.json`) })
  try {
    return await work(world)
  } finally {
    await world.stop()
  }
}

// ── Printing: a title, the verdict line, an evidence table, the verdict lines of the log ──────

const VERDICT_LINE =
  /^(PASS|FAIL|ABORTED|INCONCLUSIVE|ERROR|CANCELLED) {2}|^✗ |^\[error\] fis-gate|^Received SIG|^fis-gate post:/

/** Rows under a header, columns padded; long cells cut so that a row fits a terminal. */
function table(header: string[], rows: string[][], widest = 72): string {
  const cut = (cell: string): string =>
    cell.length > widest ? `${cell.slice(0, widest - 1)}…` : cell
  const cells = [header, ...rows].map((row) => row.map(cut))
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => [...(row[column] ?? '')].length))
  )
  const line = (row: string[]): string =>
    `   ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd()
  return [dim(line(cells[0] ?? [])), ...cells.slice(1).map(line)].join('\n')
}

interface StepView {
  title: string
  /** NN-slug: the file name of the step's job summary under DEMO_SUMMARY_DIR. */
  slug: string
  verdict: Verdict
  reason: string
  evidence: string[]
  runs: ActionRun[]
  /** What went otherwise than the story says, beyond the verdict. */
  unexpected?: string
}

function printStep(view: StepView): void {
  const log = view.runs.flatMap((run) => run.log)
  const shown = verbose
    ? log
    : log
        .filter((line) => VERDICT_LINE.test(line))
        .map((line) => (line.length > 180 ? `${line.slice(0, 179)}…` : line))
  console.log(
    [
      `\n${bold(`━━ ${view.title}`)}`,
      `${VERDICT_ICON[view.verdict]} ${bold(view.verdict)} — ${view.reason}`,
      ...view.evidence.map((block) => `\n${block}`),
      `\n   ${dim(`job log${verbose ? '' : ` (verdict lines of ${log.length}; DEMO_VERBOSE=1 prints all)`}:`)}`,
      ...shown.map((line) => `   │ ${line}`)
    ].join('\n')
  )
  if (summaryDir) {
    mkdirSync(summaryDir, { recursive: true })
    // As the job summary shows them: each step's section in order (main, then post).
    writeFileSync(join(summaryDir, `${view.slug}.md`), view.runs.map((run) => run.summary).join(''))
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
const clock = (iso: string | undefined): string => (iso ? iso.slice(11, 19) : '—')
const since = (iso: string, start: string | undefined): string =>
  start ? `+${seconds(Date.parse(iso) - Date.parse(start))}` : clock(iso)

// ── Evidence, read from the report ───────────────────────────────────────────────────────────

const OPERATOR: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤'
}

/** "> 0.5" per check name, from the experiment file: the report does not repeat thresholds. */
function breachConditions(file: string): Map<string, { operator: string; threshold?: number }> {
  const conditions = new Map<string, { operator: string; threshold?: number }>()
  try {
    const experiment = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
      hypothesis?: { checks?: { name: string; comparisonOperator: string; threshold?: number }[] }
    }
    for (const check of experiment.hypothesis?.checks ?? [])
      conditions.set(check.name, {
        operator: OPERATOR[check.comparisonOperator] ?? check.comparisonOperator,
        ...(check.threshold === undefined ? {} : { threshold: check.threshold })
      })
  } catch {
    // Not readable as plain JSON: the table shows no thresholds.
  }
  return conditions
}

const round = (value: number): string => String(Number(value.toPrecision(3)))

function checksTable(experiment: ReportExperiment): string {
  const conditions = breachConditions(experiment.file)
  const recovery = experiment.hypothesis?.checks.some((check) =>
    check.phases.some((phase) => phase.recovery)
  )
  const rows = (experiment.hypothesis?.checks ?? []).flatMap((check) =>
    check.phases.map((phase) => {
      const condition = conditions.get(check.name)
      const worst = phase.observed
        ? condition?.operator.startsWith('<')
          ? `min ${round(phase.observed.min)}`
          : `max ${round(phase.observed.max)}`
        : 'no data'
      const met = phase.recovery
        ? `${phase.recovery.seconds === undefined ? 'never' : seconds(phase.recovery.seconds * 1000)} (limit ${phase.recovery.limitSeconds} s)`
        : '—'
      return [
        check.name,
        phase.phase,
        phase.status,
        worst,
        condition?.threshold === undefined ? '—' : `${condition.operator} ${condition.threshold}`,
        ...(recovery ? [met] : [])
      ]
    })
  )
  return table(
    [
      'check',
      'phase',
      'result',
      'observed',
      'breaches when',
      ...(recovery ? ['recovered in'] : [])
    ],
    rows
  )
}

/** One line: what FIS did with the experiment and its alarms. */
function fisLine(experiment: ReportExperiment): string {
  const actions = experiment.actions.map((action) => `${action.name} ${action.status}`).join(', ')
  const alarms = experiment.alarms
    .map(
      (alarm) =>
        `${alarm.name} ${alarm.firedDuringExperiment ? `fired at ${clock(alarm.firedAt)}` : 'did not fire'}`
    )
    .join(', ')
  return `   FIS ${experiment.experimentId ?? '—'}: ${experiment.status ?? '—'} (${actions}) · stop-condition alarm ${alarms || 'none'}`
}

function gateView(title: string, slug: string, run: ActionRun): StepView {
  const experiment = run.report?.experiments[0]
  return {
    title,
    slug,
    verdict: experiment?.verdict ?? 'error',
    reason: experiment?.reason ?? `the step wrote no report (exit code ${run.status})`,
    evidence: experiment ? [fisLine(experiment), checksTable(experiment)] : [],
    runs: [run]
  }
}

// ── The steps ────────────────────────────────────────────────────────────────────────────────

const BROKEN = 'examples/broken/carts-latency-typos.json'

async function validateStep(): Promise<StepView> {
  const run = await inJob((runnerTemp) =>
    runAction({
      runnerTemp,
      inputs: { mode: 'validate', experiments: `examples/experiments/*.json\n${BROKEN}` }
    })
  )
  const results = run.sarif?.runs[0]?.results ?? []
  const errors = results.filter((result) => result.level === 'error')
  const files = new Set(
    errors.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri ?? '?')
  )
  const examples = readdirSync(join(root, 'examples/experiments')).filter((name) =>
    name.endsWith('.json')
  ).length
  const rows = results.map((result) => {
    const location = result.locations[0]?.physicalLocation
    return [
      `${location?.artifactLocation.uri}:${location?.region?.startLine ?? 1}:${location?.region?.startColumn ?? 1}`,
      result.level,
      result.ruleId,
      result.message.text
    ]
  })
  return {
    title:
      '1. Pull-request check — mode: validate, offline (examples/experiments/*.json and a broken edit of carts-latency.json; fails on purpose)',
    slug: '01-validate',
    verdict: (run.outputs.verdict as Verdict | undefined) ?? 'error',
    reason: `${errors.length} errors in ${[...files].join(', ')}, each at its file:line:column (annotations and SARIF); the other ${examples + 1 - files.size} files are valid`,
    evidence: [table(['where', 'level', 'rule', 'message'], rows, 100)],
    runs: [run]
  }
}

async function planStep(): Promise<StepView> {
  // On the accelerated clock: a plan resolves targets and judges no metric, so nothing waits on
  // the wall clock. steady.json has the resources these three examples need.
  const run = await inWorld('steady', (world) =>
    inJob((runnerTemp) =>
      runAction({
        runnerTemp,
        world,
        inputs: {
          mode: 'plan',
          experiments: ['carts-latency', 'carts-pod-kill', 'web-stop-instance']
            .map((name) => `examples/experiments/${name}.json`)
            .join('\n'),
          'poll-interval': '250ms'
        }
      })
    )
  )
  const experiments = run.report?.experiments ?? []
  const resources = experiments.flatMap((experiment) => experiment.resolvedTargets ?? [])
  const actions = experiments.flatMap((experiment) => experiment.actions)
  const skipped = actions.filter((action) => action.status === 'skipped').length
  return {
    title:
      '2. Plan — mode: plan (FIS resolves the targets with actionsMode skip-all; no fault is injected)',
    slug: '02-plan',
    verdict: run.report?.verdict ?? 'error',
    reason: `FIS resolved ${resources.length} resources for ${experiments.length} experiments and skipped ${skipped} of ${actions.length} actions: nothing was injected`,
    evidence: [
      table(
        ['experiment', 'verdict', 'target', 'resolved to'],
        experiments.flatMap((experiment) =>
          (experiment.resolvedTargets ?? []).map((target) => [
            experiment.file.replace('examples/experiments/', ''),
            experiment.verdict,
            target.targetName,
            target.identifier
          ])
        ),
        80
      )
    ],
    runs: [run]
  }
}

/** One of the real-world flows (examples/experiments/FLOW.json) on a wall-clock scenario. */
function runFlow(flow: string, scenario = flow): Promise<ActionRun> {
  return inWorld(scenario, (world) =>
    inJob((runnerTemp) =>
      runAction({
        runnerTemp,
        world,
        inputs: {
          mode: 'run',
          experiments: `examples/experiments/${flow}.json`,
          'poll-interval': '1s'
        }
      })
    )
  )
}

function abortView(run: ActionRun): StepView {
  const view = gateView(
    '5. A stop-condition abort — CPU stress on 66% of the checkout tasks (examples/experiments/ecs-checkout-cpu-stress.json; aborted on purpose)',
    '05-abort',
    run
  )
  const experiment = run.report?.experiments[0]
  if (!experiment) return view
  const start = experiment.startTime
  // What happened, in FIS's and CloudWatch's own timestamps: the alarm, then what FIS did.
  const rows = experiment.timeline
    .filter(
      (event) =>
        (event.source === 'alarm' && event.to === 'ALARM') ||
        (event.source === 'experiment' && event.from !== undefined) ||
        (event.source === 'action' && /stopp|cancel/.test(event.to))
    )
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
    .map((event) => [
      since(event.time, start),
      `${event.source} ${event.source === 'experiment' ? experiment.experimentId : event.name}`,
      `${event.from ?? ''} → ${event.to}`
    ])
  return {
    ...view,
    evidence: [
      table(['when', 'who', 'state'], rows),
      ...experiment.alarms
        .filter((alarm) => alarm.firedDuringExperiment)
        .map((alarm) => `   alarm ${alarm.name}: ${alarm.stateReason ?? '—'}`),
      `   FIS: ${experiment.statusReason ?? '—'}`,
      checksTable(experiment)
    ]
  }
}

/** How a cancelled run went, as the emulator saw it: epoch milliseconds of each moment. */
interface CancelFigures {
  running?: number
  signalled?: number
  stopping?: number
  stopped?: number
}

/** How the runner cancels a step: SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after. */
const CANCEL_SIGNAL_MS = { SIGTERM: 7_500, SIGKILL: 10_000 }

/**
 * Once the emulator shows the experiment and its action running, and the step has polled FIS
 * since (so its own summary shows the fault running), cancels the step as the runner does, then
 * watches the emulator until FIS shows the experiment stopping and stopped.
 */
async function cancelWhenRunning(
  world: Emulator,
  child: ChildProcess,
  figures: CancelFigures
): Promise<void> {
  const alive = (): boolean => child.exitCode === null && child.signalCode === null
  const waitFor = async (condition: () => boolean): Promise<boolean> => {
    while (alive() && !condition()) await sleep(20)
    return alive()
  }
  const injecting = (): boolean =>
    world
      .experiments()
      .some(
        (experiment) =>
          experiment.status === 'running' &&
          Object.values(experiment.actions).some((action) => action.status === 'running')
      )
  if (!(await waitFor(injecting))) return
  const running = (figures.running = Date.now())
  const polledSince = (): boolean =>
    world
      .calls()
      .some(
        (call) => call.operation === 'GetExperiment' && call.status === 200 && call.time > running
      )
  if (!(await waitFor(polledSince))) return
  figures.signalled = Date.now()
  child.kill('SIGINT')
  // main.ts treats SIGINT and SIGTERM alike: the later signals come only to a step that hangs.
  const escalate = Object.entries(CANCEL_SIGNAL_MS).map(([signal, after]) =>
    setTimeout(() => alive() && child.kill(signal as NodeJS.Signals), after)
  )
  child.once('close', () => escalate.forEach(clearTimeout))
  for (;;) {
    const status = world.experiments()[0]?.status
    if (status === 'stopping' || status === 'stopped') figures.stopping ??= Date.now()
    if (status === 'stopped') figures.stopped ??= Date.now()
    if (status !== 'running' && status !== 'stopping' && status !== 'initiating') return
    await sleep(5)
  }
}

async function cancelStep(): Promise<StepView> {
  const figures: CancelFigures = {}
  const { main, post, calls, experiment } = await inWorld('carts-latency-cancelled', (world) =>
    inJob(async (runnerTemp) => {
      let watching: Promise<void> = Promise.resolve()
      const main = await runAction({
        runnerTemp,
        world,
        inputs: {
          mode: 'run',
          experiments: 'examples/experiments/carts-latency.json',
          'poll-interval': '1s'
        },
        whileRunning: (child) => (watching = cancelWhenRunning(world, child, figures))
      })
      // The runner's post step (post-if: always()), given what the main step saved.
      const post = await runAction({ runnerTemp, world, script: 'post', state: main.state })
      await watching
      return { main, post, calls: world.calls(), experiment: world.experiments()[0] }
    })
  )
  const toStopping =
    figures.stopping !== undefined && figures.signalled !== undefined
      ? figures.stopping - figures.signalled
      : undefined
  const byPost = calls.filter((call) => call.time >= post.startedAt)
  const deleted = byPost.filter(
    (call) => call.operation === 'DeleteExperimentTemplate' && call.status === 200
  )
  const polls = byPost.filter((call) => call.operation === 'GetExperiment').length
  const stop = calls.find((call) => call.operation === 'StopExperiment' && call.status === 200)
  const ran = main.report?.experiments[0]
  const rows = [
    [
      'fault injected (emulator: experiment and action running)',
      figures.running === undefined ? 'never' : clock(new Date(figures.running).toISOString())
    ],
    [
      'SIGINT → FIS shows the experiment stopping',
      toStopping === undefined
        ? 'never seen'
        : `${toStopping} ms${toStopping < 1000 ? ' (under a second)' : ' — OVER A SECOND'}${stop && figures.signalled ? `; main's StopExperiment answered after ${stop.time - figures.signalled} ms` : ''}`
    ],
    [
      'SIGINT → main step exited',
      figures.signalled
        ? `${seconds(main.endedAt - figures.signalled)}, exit code ${main.status}, verdict ${main.outputs.verdict ?? '—'}`
        : '—'
    ],
    [
      'FIS stopping → stopped (the latency rolled back)',
      figures.stopped && figures.stopping ? seconds(figures.stopped - figures.stopping) : 'not seen'
    ],
    [
      'post step',
      `${seconds(post.endedAt - post.startedAt)}, exit code ${post.status}: ${polls} GetExperiment, experiment ${experiment?.status ?? '—'}`
    ],
    [
      'template deleted by',
      deleted.length
        ? `the post step (${String(deleted[0]?.request.id ?? '')})`
        : ran?.templateDeleted
          ? 'the main step'
          : 'nobody — LEFT BEHIND'
    ]
  ]
  const cleaned = experiment?.status === 'stopped' && (deleted.length > 0 || ran?.templateDeleted)
  const stoppedInTime = toStopping !== undefined && toStopping < 1000
  const unexpected = [
    ...(stoppedInTime ? [] : ['FIS was not stopping within a second of the signal']),
    ...(cleaned ? [] : ['the experiment did not end stopped with its template deleted']),
    ...(cleaned && !deleted.length ? ['the main step deleted the template, not the post step'] : [])
  ]
  return {
    title:
      '6. Cancellation — the workflow is cancelled while carts-latency.json injects latency (a five-minute experiment); the post step cleans up',
    slug: '06-cancel',
    verdict: ran?.verdict ?? 'error',
    reason: unexpected.length
      ? `${unexpected.join(', and ')}: ${ran?.reason ?? 'no report'}`
      : `FIS was stopping ${toStopping} ms after SIGINT, and the post step confirmed the experiment stopped and deleted its template`,
    evidence: [table(['what', 'measured'], rows)],
    ...(unexpected.length ? { unexpected: unexpected.join('; ') } : {}),
    runs: [main, post]
  }
}

function selfHealingView(run: ActionRun): StepView {
  const view = gateView(
    '7. Self-healing, measured — an instant pod delete (examples/experiments/eks-pod-delete-self-healing.json)',
    '07-self-healing',
    run
  )
  const recovery = run.report?.experiments[0]?.hypothesis?.checks
    .flatMap((check) => check.phases.map((phase) => ({ check: check.name, ...phase })))
    .find((phase) => phase.phase === 'after' && phase.recovery?.seconds !== undefined)
  return {
    ...view,
    reason: recovery?.recovery?.seconds
      ? `healed by itself ${seconds(recovery.recovery.seconds * 1000)} after the pod delete ("${recovery.check}", limit ${recovery.recovery.limitSeconds} s); ${view.reason}`
      : view.reason
  }
}

// ── The story ────────────────────────────────────────────────────────────────────────────────

if (!existsSync(join(root, 'dist/main/index.js'))) {
  console.log('dist/ is missing: building it first (npm run build)')
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

/** Each step's view and the verdict it should end with. */
const story: [StepView, Verdict][] = []
const tell = (view: StepView, expected: Verdict): void => {
  printStep(view)
  story.push([view, expected])
}

tell(await validateStep(), 'error')
tell(await planStep(), 'pass')

// Everything that judges metrics runs in real time, as in an AWS account: the emulator's
// timestamps are the wall clock, a datapoint arrives 3 s after its period, and only FIS's own
// durations run faster. Each run waits for its after window to be ingested (about half a
// minute), so the runs go side by side and are printed one after the other.
console.log(
  `\n${dim("(real time from here on: timestamps on the wall clock, metrics ingested 3 s late, FIS's durations 5 to 30 times faster; steps 3 and 4, then 5, 6 and 7, run side by side — about half a minute each)")}`
)
const CHAOS_MESH = 'eks-chaos-mesh-network-delay'
const [healthy, breach] = await Promise.all([
  runFlow(CHAOS_MESH),
  runFlow(CHAOS_MESH, `${CHAOS_MESH}-breach`)
])
tell(
  gateView(
    `3. Release gate — mode: run on a healthy preprod (examples/experiments/${CHAOS_MESH}.json: Chaos Mesh NetworkChaos through FIS)`,
    '03-gate-pass',
    healthy
  ),
  'pass'
)
tell(
  gateView(
    '4. The same gate when the delay pushes carts p95 latency over 500 ms (fails on purpose)',
    '04-gate-fail',
    breach
  ),
  'fail'
)

const [abort, cancel, healing] = await Promise.all([
  runFlow('ecs-checkout-cpu-stress'),
  cancelStep(),
  runFlow('eks-pod-delete-self-healing')
])
tell(abortView(abort), 'aborted')
tell(cancel, 'cancelled')
tell(selfHealingView(healing), 'pass')

const surprises = story.flatMap(([view, expected]) => [
  ...(view.verdict === expected
    ? []
    : [`step ${view.slug} ended ${view.verdict}, not ${expected}`]),
  ...(view.unexpected ? [`step ${view.slug}: ${view.unexpected}`] : [])
])
console.log(
  surprises.length
    ? `\n${bold('⚠️ not as the story goes:')} ${surprises.join('; ')}`
    : `\nEvery step ended as the story goes (${story.map(([view]) => view.verdict).join(', ')}).`
)
// The demo's exit code is the release gate's, whatever the steps that fail on purpose did.
const gate = healthy.status
console.log(
  `${bold(`${gate === 0 ? '✅ release gate passed' : '❌ release gate failed'}: the demo exits ${gate}, the exit code of step 3`)} — steps 1, 4, 5 and 6 fail on purpose and do not decide it. Total ${seconds(Date.now() - demoStart)}.`
)
process.exit(gate)
