/**
 * npm run bench:validate — measures and prints; never asserts.
 *  1. Median wall time of the bundled action (dist/main) validating one file, next to `node -e 0`.
 *  2. Files per second over the public corpus repeated to >= 1,400 files: fis-gate's full
 *     validation (read, parse with positions, substitute, schema, rules, guardrails), in-process
 *     and through the bundled action, next to plain ajv schema validation of the same files.
 */
import { Ajv } from 'ajv'
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadExperiment } from '../src/experiment/load.js'
import { validateExperiment } from '../src/validate/validate.js'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const corpus = resolve(root, '../shared/corpus/fis-templates')
const COPIES = 10
const RUNS = 15
const PASSES = 5

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function timeCommand(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' })
  if (result.error) throw result.error
  return performance.now() - start
}

function actionEnv(workspace: string, experiments: string): NodeJS.ProcessEnv {
  for (const name of ['out', 'state', 'summary']) writeFileSync(join(workspace, name), '')
  return {
    PATH: process.env.PATH,
    HOME: workspace,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(workspace, 'out'),
    GITHUB_STATE: join(workspace, 'state'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary'),
    RUNNER_TEMP: workspace,
    INPUT_MODE: 'validate',
    INPUT_EXPERIMENTS: experiments,
    'INPUT_REQUIRE-STOP-CONDITIONS': 'false'
  }
}

const workspace = mkdtempSync(join(tmpdir(), 'fis-gate-bench-'))
try {
  // 1. One file, end to end through the bundle, as the runner starts it.
  copyFileSync(join(root, 'examples/experiments/carts-latency.json'), join(workspace, 'one.json'))
  const env = actionEnv(workspace, 'one.json')
  timeCommand([join(root, 'dist/main/index.js')], env) // warm the file cache
  const action = median(
    Array.from({ length: RUNS }, () => timeCommand([join(root, 'dist/main/index.js')], env))
  )
  const bareNode = median(Array.from({ length: RUNS }, () => timeCommand(['-e', '0'], env)))

  // 2. The corpus, repeated.
  const sources = readdirSync(corpus, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(corpus, entry.name))
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(corpus, entry.name, name))
    )
  const files: string[] = []
  for (let copy = 0; copy < COPIES; copy++) {
    const directory = join(workspace, 'corpus', String(copy))
    mkdirSync(directory, { recursive: true })
    sources.forEach((source, index) => {
      const target = join(directory, `${index}.json`)
      copyFileSync(source, target)
      files.push(target)
    })
  }

  const ajv = new Ajv({ allErrors: true, strict: false })
  for (const name of ['fis-template', 'hypothesis', 'experiment'])
    ajv.addSchema(
      JSON.parse(readFileSync(join(root, `schemas/${name}.schema.json`), 'utf8')) as object
    )
  const plainValidate = ajv.getSchema('experiment.schema.json')
  if (!plainValidate) throw new Error('schema did not compile')
  const plainPass = (): number => {
    let valid = 0
    for (const file of files) {
      try {
        if (plainValidate(JSON.parse(readFileSync(file, 'utf8')))) valid++
      } catch {
        // not JSON: plain ajv has nothing to validate
      }
    }
    return valid
  }
  const fullPass = (): number => {
    let findings = 0
    for (const file of files) {
      const loaded = loadExperiment(file, workspace)
      findings += loaded.findings.length
      if (loaded.source)
        findings += validateExperiment(loaded.source, {
          vars: new Map(),
          guardrails: { requireStopConditions: false }
        }).findings.length
    }
    return findings
  }
  /** Steady state: one warm-up pass (JIT, file cache), then the median of PASSES timed passes. */
  const steadySeconds = (pass: () => number): number => {
    pass()
    return median(
      Array.from({ length: PASSES }, () => {
        const start = performance.now()
        pass()
        return (performance.now() - start) / 1000
      })
    )
  }
  const plainSeconds = steadySeconds(plainPass)
  const fullSeconds = steadySeconds(fullPass)
  const findings = fullPass()

  const bundledMs = timeCommand(
    [join(root, 'dist/main/index.js')],
    actionEnv(workspace, 'corpus/**/*.json')
  )

  const rate = (seconds: number): string =>
    `${Math.round(files.length / seconds).toLocaleString('en-US')} files/s`
  console.log(
    `fis-gate validate benchmark (${process.version}, ${files.length} files = ${sources.length} corpus files x ${COPIES})`
  )
  console.log(
    `  one file, bundled action (median of ${RUNS}): ${action.toFixed(0)} ms   | node -e 0: ${bareNode.toFixed(0)} ms   | action overhead: ${(action - bareNode).toFixed(0)} ms`
  )
  console.log(
    `  full validation, in-process (median of ${PASSES}): ${rate(fullSeconds)} (${(fullSeconds * 1000).toFixed(0)} ms, ${findings} findings)`
  )
  console.log(
    `  plain ajv, read + JSON.parse + validate:      ${rate(plainSeconds)} (${(plainSeconds * 1000).toFixed(0)} ms)`
  )
  console.log(
    `  full / plain ajv time ratio:                  ${(fullSeconds / plainSeconds).toFixed(2)}x`
  )
  console.log(
    `  bundled action over all ${files.length} files:           ${rate(bundledMs / 1000)} (${bundledMs.toFixed(0)} ms incl. start-up, summary and SARIF)`
  )
} finally {
  rmSync(workspace, { recursive: true, force: true })
}
