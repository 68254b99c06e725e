/**
 * Timed runs of the bundled action through the test harness's `runAction` (the runner's
 * environment, inputs and file commands), with what a benchmark needs on top: the wall time, the
 * moment each stdout line arrived, and the peak RSS of the process. Plus `node -e 0`, spawned the
 * same way, as the reference for start-up time and memory.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  runAction,
  type ActionRunOptions,
  type ActionRunResult
} from '../__tests__/support/action-harness.js'

const PEAK_RSS_PRELOAD = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url))
const PEAK_RSS_LINE = /^fis-gate-bench peak-rss-kib=(\d+)$/m

/** NODE_OPTIONS that make a process report its peak RSS on stderr as it exits (peak-rss.cjs). */
export const PEAK_RSS_ENV = { NODE_OPTIONS: `--require ${JSON.stringify(PEAK_RSS_PRELOAD)}` }

function peakRssBytes(stderr: string): number | undefined {
  const match = PEAK_RSS_LINE.exec(stderr)
  return match ? Number(match[1]) * 1024 : undefined
}

export interface StdoutLine {
  text: string
  /** Epoch milliseconds when the chunk holding the end of this line arrived. */
  at: number
}

export interface TimedRun {
  result: ActionRunResult
  startedAt: number
  endedAt: number
  /** Includes the harness's few temporary files around the process: a slight overestimate. */
  wallMs: number
  lines: StdoutLine[]
  /** Only when the run was given PEAK_RSS_ENV. */
  peakRss?: number
}

/** The first stdout line matching `pattern`, with its arrival time. */
export function lineMatching(run: TimedRun, pattern: RegExp): StdoutLine | undefined {
  return run.lines.find((line) => pattern.test(line.text))
}

/**
 * runAction calls the signal plan's `whenStdout` with the output so far on every chunk, as it
 * arrives; a predicate that never matches turns it into a clock for stdout lines and never
 * sends the signal. A real plan (`whenCalls`, `afterMs`) still works beside it.
 */
export async function timedAction(options: ActionRunOptions): Promise<TimedRun> {
  const lines: StdoutLine[] = []
  let stamped = 0
  const stampLines = (stdout: string): boolean => {
    const end = stdout.lastIndexOf('\n') + 1
    if (end > stamped) {
      const at = Date.now()
      for (const text of stdout.slice(stamped, end - 1).split('\n')) lines.push({ text, at })
      stamped = end
    }
    return false
  }
  const startedAt = Date.now()
  const started = performance.now()
  const result = await runAction({
    ...options,
    signal: { signal: 'SIGINT', ...options.signal, whenStdout: stampLines }
  })
  const wallMs = performance.now() - started
  const endedAt = Date.now()
  stampLines(`${result.stdout}\n`)
  return {
    result,
    startedAt,
    endedAt,
    wallMs,
    lines,
    peakRss: peakRssBytes(result.stderr)
  }
}

export interface NodeRun {
  wallMs: number
  peakRss?: number
}

/** `node ...args` with a bare environment, timed from spawn to close like an action run. */
export async function timedNode(
  args: readonly string[],
  env: Record<string, string> = {}
): Promise<NodeRun> {
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}: ${stderr}`)
  return { wallMs: performance.now() - started, peakRss: peakRssBytes(stderr) }
}
