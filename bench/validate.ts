/**
 * Validate mode: one file through the bundled action next to `node -e 0`; the public corpus
 * repeated to 1,450 files, fis-gate's full validation in-process next to plain ajv on the same
 * files; the bundled action over those 1,450 files, its wall time and peak RSS next to
 * `node -e 0`'s. Runs of a measure and its reference alternate, so a burst of load on a shared
 * machine hits both.
 */
import { Ajv } from 'ajv'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadExperiment } from '../src/experiment/load.js'
import { validateExperiment } from '../src/validate/validate.js'
import { PEAK_RSS_ENV, timedAction, timedNode, type TimedRun } from './harness.js'
import { fixed, mebibytes, median, MIB, spread, type Row } from './stats.js'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const CORPUS = resolve(ROOT, '../shared/corpus/fis-templates')
const ONE_FILE = join(ROOT, 'examples/experiments/carts-latency.json')
const COPIES = 10
const ONE_FILE_RUNS = 15
const CORPUS_PASSES = 9
const BUNDLED_CORPUS_RUNS = 3
const RSS_TARGET_MIB = 150

/** The corpus templates, as the conformance test reads them: every .json file of every source. */
function corpusFiles(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(CORPUS, entry.name))
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(CORPUS, entry.name, name))
    )
}

/** COPIES copies of the corpus under `workspace/corpus/<copy>/<source>/`, as experiment files. */
function copyCorpus(workspace: string): { sources: number; files: string[] } {
  const sources = corpusFiles()
  const files: string[] = []
  for (let copy = 0; copy < COPIES; copy++) {
    for (const source of sources) {
      const directory = join(workspace, 'corpus', String(copy), source.split('/').at(-2) as string)
      mkdirSync(directory, { recursive: true })
      const target = join(directory, source.split('/').at(-1) as string)
      copyFileSync(source, target)
      files.push(target)
    }
  }
  return { sources: sources.length, files }
}

async function validateRun(
  workspace: string,
  experiments: string,
  rss: boolean
): Promise<TimedRun> {
  const run = await timedAction({
    workspace,
    inputs: { mode: 'validate', experiments, 'require-stop-conditions': 'false' },
    env: rss ? PEAK_RSS_ENV : {},
    timeoutMs: 60_000
  })
  // Corpus findings fail the step (exit 1); anything else, or no verdict, is a broken benchmark.
  if (run.result.timedOut || !run.result.outputs.verdict)
    throw new Error(`validate run on ${experiments} did not finish: ${run.result.stderr}`)
  return run
}

/** Milliseconds of one pass, after one untimed pass (JIT, file cache). */
function timePasses(passes: (() => number)[], count: number): number[][] {
  for (const pass of passes) pass()
  const times: number[][] = passes.map(() => [])
  for (let index = 0; index < count; index++) {
    passes.forEach((pass, which) => {
      const start = performance.now()
      pass()
      times[which]?.push(performance.now() - start)
    })
  }
  return times
}

function plainAjvPass(files: readonly string[]): () => number {
  const ajv = new Ajv({ allErrors: true, strict: false })
  for (const name of ['fis-template', 'hypothesis', 'experiment'])
    ajv.addSchema(
      JSON.parse(readFileSync(join(ROOT, `schemas/${name}.schema.json`), 'utf8')) as object
    )
  const validate = ajv.getSchema('experiment.schema.json')
  if (!validate) throw new Error('schemas/experiment.schema.json did not compile')
  return () => {
    let valid = 0
    for (const file of files) {
      try {
        if (validate(JSON.parse(readFileSync(file, 'utf8')))) valid++
      } catch {
        // not JSON: plain ajv has nothing to validate
      }
    }
    return valid
  }
}

/** What validate mode does per file (src/modes/validate-mode.ts checkFile), with guardrails off. */
function fisGatePass(files: readonly string[], workspace: string): () => number {
  return () => {
    let findings = 0
    for (const file of files) {
      const loaded = loadExperiment(file, workspace)
      findings += loaded.findings.length
      if (loaded.source)
        findings += validateExperiment(loaded.source, {
          vars: new Map(),
          guardrails: { requireStopConditions: false },
          unknownActions: 'error'
        }).findings.length
    }
    return findings
  }
}

export async function measureValidation(progress: (message: string) => void): Promise<Row[]> {
  const workspace = mkdtempSync(join(tmpdir(), 'fis-gate-bench-validate-'))
  try {
    copyFileSync(ONE_FILE, join(workspace, 'one.json'))
    const { sources, files } = copyCorpus(workspace)

    progress(`validate: one file, ${ONE_FILE_RUNS} runs of the bundled action and of node -e 0`)
    for (let warm = 0; warm < 2; warm++) {
      await validateRun(workspace, 'one.json', false)
      await timedNode(['-e', '0'])
    }
    const oneFile: number[] = []
    const bareNode: number[] = []
    for (let index = 0; index < ONE_FILE_RUNS; index++) {
      oneFile.push((await validateRun(workspace, 'one.json', false)).wallMs)
      bareNode.push((await timedNode(['-e', '0'])).wallMs)
    }
    const oneFileMs = median(oneFile)
    const bareNodeMs = median(bareNode)

    progress(`validate: ${files.length} files in-process, ${CORPUS_PASSES} passes each`)
    const [fisGateTimes = [], plainTimes = []] = timePasses(
      [fisGatePass(files, workspace), plainAjvPass(files)],
      CORPUS_PASSES
    )
    const fisGateMs = median(fisGateTimes)
    const plainMs = median(plainTimes)
    const findings = fisGatePass(files, workspace)()

    progress(
      `validate: ${files.length} files through the bundled action, ${BUNDLED_CORPUS_RUNS} runs`
    )
    const corpusRuns: TimedRun[] = []
    const nodeRuns = []
    for (let index = 0; index < BUNDLED_CORPUS_RUNS; index++) {
      corpusRuns.push(await validateRun(workspace, 'corpus/**/*.json', true))
      nodeRuns.push(await timedNode(['-e', '0'], PEAK_RSS_ENV))
    }
    const corpusRss = corpusRuns.map((run) => run.peakRss ?? NaN)
    const nodeRss = nodeRuns.map((run) => run.peakRss ?? NaN)
    if ([...corpusRss, ...nodeRss].some(Number.isNaN))
      throw new Error('a process did not report its peak RSS (bench/peak-rss.cjs)')

    const ms = (value: number): string => fixed(value, 0, 'ms')
    const perSecond = (passMs: number): string =>
      `${Math.round(files.length / (passMs / 1000)).toLocaleString('en-US')} files/s`
    return [
      {
        measure:
          'One file validated: bundled action, spawn to exit (`examples/experiments/carts-latency.json`)',
        median: `${spread(oneFile, ms)}; ${(oneFileMs / bareNodeMs).toFixed(1)}× node`,
        reference: `\`node -e 0\`: ${spread(bareNode, ms)}`,
        target: `≤ 300 ms and ≤ 3× \`node -e 0\` (${ms(3 * bareNodeMs)})`,
        met: oneFileMs <= 300 && oneFileMs <= 3 * bareNodeMs
      },
      {
        measure: `Corpus ×${COPIES} (${files.length.toLocaleString('en-US')} files = ${sources} × ${COPIES}), in-process: fis-gate's full validation (read, positions, placeholders, schema, rules; ${findings.toLocaleString('en-US')} findings) per pass`,
        median: `${ms(fisGateMs)} (${perSecond(fisGateMs)}); ${(fisGateMs / plainMs).toFixed(2)}× plain ajv`,
        reference: `plain ajv 8, the same schemas/ (allErrors), read + \`JSON.parse\` + validate the same files: ${ms(plainMs)} (${perSecond(plainMs)}); ${CORPUS_PASSES} alternating passes each after a warm-up`,
        target: '≤ 3× plain ajv',
        met: fisGateMs <= 3 * plainMs
      },
      {
        measure: `${files.length.toLocaleString('en-US')} files validated: bundled action, spawn to exit (log, summary, SARIF)`,
        median: spread(
          corpusRuns.map((run) => run.wallMs),
          ms
        ),
        reference: `\`node -e 0\`: ${ms(bareNodeMs)}`,
        target: '—'
      },
      {
        measure: `Peak RSS validating ${files.length.toLocaleString('en-US')} files (bundled action)`,
        median: spread(corpusRss, mebibytes),
        reference: `\`node -e 0\`: ${mebibytes(median(nodeRss))}`,
        target: `≤ ${RSS_TARGET_MIB} MiB`,
        met: median(corpusRss) <= RSS_TARGET_MIB * MIB
      }
    ]
  } finally {
    rmSync(workspace, { recursive: true, force: true })
  }
}
