/**
 * npm run demo — runs the bundled action (dist/) on the examples exactly as the GitHub runner
 * does (INPUT_* environment, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files), prints what a person
 * would see in the job log and summary, and exits with the gate's result.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text)

/** Markdown summary → readable terminal text: tags and entities out, tables kept. */
function terminalText(markdown: string): string {
  return markdown
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

function runStep(title: string, inputs: Record<string, string>): number {
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
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_ATTEMPT: '1'
    }
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
    console.log(`\n${bold(`━━ ${title}`)}\n`)
    const result = spawnSync(process.execPath, [join(root, 'dist/main/index.js')], {
      env,
      encoding: 'utf8'
    })
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

const status = runStep(
  'fis-gate validate: the example experiments (a pull-request check: offline, no credentials)',
  {
    mode: 'validate',
    experiments: 'examples/experiments/*.json'
  }
)
console.log(`\n${status === 0 ? '✅ gate passed' : '❌ gate failed'}`)
process.exit(status)
