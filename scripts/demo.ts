/**
 * npm run demo — the bundled action (dist/) on the examples, run exactly as the GitHub runner runs
 * it (INPUT_* environment, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files), against the local FIS +
 * CloudWatch + STS emulator: a pull-request check (validate), a plan, the release gate (run) on a
 * healthy world, the same gate on a world where the fault breaks the hypothesis, a pod delete
 * whose self-healing is measured in seconds, and an ECS CPU stress that a stop-condition alarm
 * aborts. Every run that judges metrics happens in real time (the wall clock, as in an AWS
 * account). It prints what a person would see in the job log and summary, and exits with the
 * release gate's result.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../emulator/index.js'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text)

const SPARKS = '▁▂▃▄▅▆▇█'

/** A Mermaid xychart block → a one-line sparkline of the metric, with the threshold. */
function sparkline(block: string): string {
  const title = /title "([^"]*)"/.exec(block)?.[1] ?? 'chart'
  const [metric, threshold] = [...block.matchAll(/^\s*line \[([^\]]*)\]/gm)].map((match) =>
    (match[1] as string).split(',').map(Number)
  )
  if (!metric?.length) return ''
  const top = Math.max(...metric, threshold?.[0] ?? -Infinity)
  const bottom = Math.min(...metric, 0)
  const bar = metric
    .map(
      (value) => SPARKS[Math.round(((value - bottom) / (top - bottom || 1)) * (SPARKS.length - 1))]
    )
    .join('')
  return `${title}\n  ${bar}  (max ${Math.max(...metric)}${threshold ? `, threshold ${threshold[0]}` : ''})`
}

/** Markdown summary → readable terminal text: charts as sparklines, tags and entities out, tables kept. */
function terminalText(markdown: string): string {
  return (
    markdown
      .replace(/```mermaid\n([\s\S]*?)```/g, (_block, body: string) => sparkline(body))
      .replace(/<br>/g, ', ')
      .replace(/<\/?code>/g, '`')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      // markdown.ts's escapes: inline syntax anywhere, block starters at a line's start.
      .replace(/\\([\\`*_[\]|#~$])/g, '$1')
      .replace(/^(\s*)\\([-+=])/gm, '$1$2')
      .replace(/^(\s*\d+)\\([.)])/gm, '$1$2')
  )
}

function outputs(file: string): Record<string, string> {
  const result: Record<string, string> = {}
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    result[match[1] as string] = match[3] as string
  return result
}

interface StepResult {
  status: number
  outputs: Record<string, string>
  /** The JSON report (schemas/report.schema.json), read before the step's files are removed. */
  report?: DemoReport
  /** What a person would see: the job log, the job summary and the outputs. */
  text: string
}

interface DemoReport {
  experiments: {
    verdict: string
    reason: string
    alarms: { name: string; firedDuringExperiment: boolean; firedAt?: string }[]
    hypothesis?: {
      checks: {
        name: string
        phases: { phase: string; recovery?: { seconds?: number; limitSeconds: number } }[]
      }[]
    }
  }[]
}

/** Runs the action once and collects what it printed; steps can run side by side. */
async function runStep(
  title: string,
  inputs: Record<string, string>,
  awsEnv: Record<string, string> = {}
): Promise<StepResult> {
  const temp = mkdtempSync(join(tmpdir(), 'fis-gate-demo-'))
  try {
    for (const name of ['output', 'state', 'summary', 'env']) writeFileSync(join(temp, name), '')
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: temp,
      GITHUB_WORKSPACE: root,
      GITHUB_OUTPUT: join(temp, 'output'),
      GITHUB_STATE: join(temp, 'state'),
      GITHUB_STEP_SUMMARY: join(temp, 'summary'),
      GITHUB_ENV: join(temp, 'env'),
      RUNNER_TEMP: temp,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: String(Date.now()),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SHA: 'demo',
      ...awsEnv
    }
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
    // Asynchronous: the emulator answers from this same process while the action runs.
    const child = spawn(process.execPath, [join(root, 'dist/main/index.js')], { env })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.pipe(process.stderr)
    const status = await new Promise<number>((resolve) =>
      child.once('close', (exitCode) => resolve(exitCode ?? 1))
    )
    const log = stdout
      .split('\n')
      .filter(
        (line) =>
          !line.startsWith('::debug::') &&
          !line.startsWith('::group::') &&
          !line.startsWith('::endgroup::')
      )
      .map((line) =>
        line.replace(
          /^::(error|warning|notice) (.*?)::(.*)$/,
          (_all, level: string, properties: string, message: string) =>
            `[${level}] ${properties.replace(/%2C/g, ',').replace(/%3A/g, ':')}: ${message}`
        )
      )
      .join('\n')
    const stepOutputs = outputs(join(temp, 'output'))
    const reportFile = stepOutputs.report
    const report =
      reportFile && existsSync(reportFile)
        ? (JSON.parse(readFileSync(reportFile, 'utf8')) as DemoReport)
        : undefined
    const text = [
      `\n${bold(`━━ ${title}`)}\n`,
      log.trim(),
      `\n${bold('Job summary')}\n`,
      terminalText(readFileSync(join(temp, 'summary'), 'utf8')).trim(),
      `\n${bold('Outputs')} ${JSON.stringify(stepOutputs)}  exit code ${status}`
    ].join('\n')
    return { status, outputs: stepOutputs, ...(report ? { report } : {}), text }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

/** Runs one step and prints it. */
async function step(...args: Parameters<typeof runStep>): Promise<StepResult> {
  const result = await runStep(...args)
  console.log(result.text)
  return result
}

/** One of the real-world flows (examples/experiments/FLOW.json) on a wall-clock scenario. */
async function runFlow(title: string, flow: string, scenario = flow): Promise<StepResult> {
  const world = await startEmulator({ scenario: join(root, `examples/scenarios/${scenario}.json`) })
  try {
    return await runStep(
      title,
      { mode: 'run', experiments: `examples/experiments/${flow}.json`, 'poll-interval': '1s' },
      world.env
    )
  } finally {
    await world.stop()
  }
}

if (!existsSync(join(root, 'dist/main/index.js'))) {
  console.log('dist/ is missing: building it first (npm run build)')
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const { status: validate } = await step(
  '1. Pull-request check — mode: validate (offline: no AWS call, no credentials)',
  { mode: 'validate', experiments: 'examples/experiments/*.json' }
)

// The plan runs on the accelerated clock: it resolves targets and judges no metric, so nothing
// waits on the wall clock. The examples it plans are the ones examples/scenarios/steady.json
// has the resources for (each of the five flows has its own scenario).
const steady = await startEmulator({ scenario: join(root, 'examples/scenarios/steady.json') })
try {
  console.log(
    `\n(emulated AWS at ${steady.url}: account ${steady.account}, ${steady.region}; five emulated minutes pass in one second)`
  )
  await step(
    '2. Plan — mode: plan (FIS resolves the targets with actionsMode skip-all; no fault is injected)',
    {
      mode: 'plan',
      experiments: [
        'examples/experiments/carts-latency.json',
        'examples/experiments/carts-pod-kill.json',
        'examples/experiments/web-stop-instance.json'
      ].join('\n'),
      'poll-interval': '250ms'
    },
    steady.env
  )
} finally {
  await steady.stop()
}

// Everything that judges metrics runs in real time, as in an AWS account: the emulator's
// timestamps are the wall clock, a datapoint arrives 3 s after its period, and only FIS's own
// durations run 30 times faster. Each run waits for its after window to be ingested (about half
// a minute), so two runs at a time go side by side and are printed one after the other.
console.log(
  `\n(real time from here on: timestamps on the wall clock, metrics ingested 3 s late, FIS's durations 30 times faster; steps 3 and 4, then 5 and 6, run side by side — about half a minute each)`
)
const CHAOS_MESH = 'eks-chaos-mesh-network-delay'
const [healthy, breach] = await Promise.all([
  runFlow(
    `3. Release gate — mode: run on a healthy preprod (examples/experiments/${CHAOS_MESH}.json: Chaos Mesh NetworkChaos through FIS)`,
    CHAOS_MESH
  ),
  runFlow(
    '4. The same gate when the delay pushes carts p95 latency over 500 ms (fails on purpose)',
    CHAOS_MESH,
    `${CHAOS_MESH}-breach`
  )
])
console.log(healthy.text)
console.log(breach.text)
const gate = healthy.status

const [healing, abort] = await Promise.all([
  runFlow(
    '5. Self-healing, measured — an instant pod delete (examples/experiments/eks-pod-delete-self-healing.json)',
    'eks-pod-delete-self-healing'
  ),
  runFlow(
    '6. A stop-condition abort — CPU stress on 66% of the checkout tasks (examples/experiments/ecs-checkout-cpu-stress.json; aborted on purpose)',
    'ecs-checkout-cpu-stress'
  )
])
console.log(healing.text)
const recovery = healing.report?.experiments[0]?.hypothesis?.checks
  .flatMap((check) => check.phases.map((phase) => ({ check: check.name, ...phase })))
  .find((phase) => phase.phase === 'after' && phase.recovery?.seconds)
console.log(
  `\n${bold('How long until it healed by itself?')} ${
    recovery?.recovery?.seconds !== undefined
      ? `${recovery.recovery.seconds.toFixed(1)} s after the pod delete ("${recovery.check}", limit ${recovery.recovery.limitSeconds} s)`
      : 'not measured'
  } — verdict ${healing.outputs.verdict}`
)
console.log(abort.text)
const fired = abort.report?.experiments[0]?.alarms.find((alarm) => alarm.firedDuringExperiment)
console.log(
  `\n${bold('Why it stopped:')} ${
    fired
      ? `stop-condition alarm "${fired.name}" went to ALARM at ${fired.firedAt ?? '?'} and FIS stopped the experiment`
      : 'no stop-condition alarm fired'
  } — verdict ${abort.outputs.verdict}`
)

const status = validate || gate
console.log(
  `\n${status === 0 ? '✅ gate passed' : '❌ gate failed'} (steps 1 and 3 decide the exit code; steps 4 and 6 fail on purpose)`
)
process.exit(status)
