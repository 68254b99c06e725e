/**
 * npm run demo — the bundled action (dist/) on the examples, run exactly as the GitHub runner runs
 * it (INPUT_* environment, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files), against the local FIS +
 * CloudWatch + STS emulator: a pull-request check (validate), a plan, the release gate (run) on a
 * healthy world, and the same gate on a world where latency breaks the hypothesis. It prints what
 * a person would see in the job log and summary, and exits with the release gate's result.
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
  return markdown
    .replace(/```mermaid\n([\s\S]*?)```/g, (_block, body: string) => sparkline(body))
    .replace(/<br>/g, ', ')
    .replace(/<\/?code>/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#124;/g, '|')
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_[\]|#~])/g, '$1')
}

function outputs(file: string): Record<string, string> {
  const result: Record<string, string> = {}
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    result[match[1] as string] = match[3] as string
  return result
}

async function runStep(
  title: string,
  inputs: Record<string, string>,
  awsEnv: Record<string, string> = {}
): Promise<number> {
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
    console.log(`\n${bold(`━━ ${title}`)}\n`)
    // Asynchronous: the emulator answers from this same process while the action runs.
    const child = spawn(process.execPath, [join(root, 'dist/main/index.js')], { env })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.pipe(process.stderr)
    const status = await new Promise<number>((resolve) =>
      child.once('close', (exitCode) => resolve(exitCode ?? 1))
    )
    const result = { stdout, status }
    const log = result.stdout
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
    console.log(log.trim())
    console.log(`\n${bold('Job summary')}\n`)
    console.log(terminalText(readFileSync(join(temp, 'summary'), 'utf8')).trim())
    console.log(
      `\n${bold('Outputs')} ${JSON.stringify(outputs(join(temp, 'output')))}  exit code ${result.status}`
    )
    return result.status ?? 1
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

if (!existsSync(join(root, 'dist/main/index.js'))) {
  console.log('dist/ is missing: building it first (npm run build)')
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const experiments = 'examples/experiments/*.json'
const validate = await runStep(
  '1. Pull-request check — mode: validate (offline: no AWS call, no credentials)',
  { mode: 'validate', experiments }
)

const steady = await startEmulator({ scenario: join(root, 'examples/scenarios/steady.json') })
let gate: number
try {
  console.log(
    `\n(emulated AWS at ${steady.url}: account ${steady.account}, ${steady.region}; five emulated minutes pass in one second)`
  )
  await runStep(
    '2. Plan — mode: plan (FIS resolves the targets with actionsMode skip-all; no fault is injected)',
    { mode: 'plan', experiments, 'poll-interval': '250ms' },
    steady.env
  )
  gate = await runStep(
    '3. Release gate — mode: run on a healthy preprod',
    {
      mode: 'run',
      experiments: 'examples/experiments/carts-latency.json',
      'poll-interval': '250ms'
    },
    steady.env
  )
} finally {
  await steady.stop()
}

const breach = await startEmulator({
  scenario: join(root, 'examples/scenarios/latency-breach.json')
})
try {
  await runStep(
    '4. The same gate when the fault pushes carts p95 latency over 500 ms (fails on purpose)',
    {
      mode: 'run',
      experiments: 'examples/experiments/carts-latency.json',
      'poll-interval': '250ms'
    },
    breach.env
  )
} finally {
  await breach.stop()
}

const status = validate || gate
console.log(
  `\n${status === 0 ? '✅ gate passed' : '❌ gate failed'} (steps 1 and 3 decide the exit code; step 4 fails by design)`
)
process.exit(status)
