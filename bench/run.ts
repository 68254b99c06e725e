/**
 * Run mode against the emulator on the wall clock at time scale 1, `poll-interval: 5s`, one
 * experiment watched with 3 stop-condition alarms (bench/world.ts):
 *
 * - overhead: the step's wall time minus what the world makes it wait: the experiment (FIS's
 *   start to end) and, for a gate file with a hypothesis, the wait after it (until the last
 *   judged period has ended plus `settle`, computed with fis-gate's own `readyAt` from FIS's
 *   times). Without a hypothesis the wait is 0, so the poll that notices the end shows;
 * - AWS calls per poll while the experiment runs, from the emulator's call log;
 * - a stop-condition alarm going to ALARM → the `aborted` verdict line on stdout;
 * - SIGINT → the emulator answering StopExperiment;
 * - the peak RSS of the step during a run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  startEmulator,
  type CallRecord,
  type Emulator,
  type ExperimentView
} from '../emulator/index.js'
import type { JsonObject } from '../src/experiment/json-source.js'
import { buildHypothesis } from '../src/hypothesis/definition.js'
import { readyAt } from '../src/run/hypothesis-run.js'
import type { SignalPlan } from '../__tests__/support/action-harness.js'
import { lineMatching, PEAK_RSS_ENV, timedAction, timedNode, type TimedRun } from './harness.js'
import {
  EXPERIMENT_SECONDS,
  FIRING_ALARM,
  HYPOTHESIS,
  benchExperiment,
  benchScenario
} from './world.js'
import { fixed, mebibytes, median, MIB, spread, type Row } from './stats.js'

const POLL_SECONDS = 5
const OVERHEAD_RUNS = 3
/**
 * When the alarm fires, after the first poll. The action jitters its polls with Math.random, so
 * where an alarm falls between two polls is luck; alarms spread evenly over one interval sample
 * every phase, and their median is the typical case rather than the luck of a few runs.
 */
const ALARM_DELAYS_MS = Array.from({ length: 10 }, (_, index) => 250 + 500 * index)
/** SIGINT this long after the first poll, spread over the sleep before the next one. */
const SIGINT_DELAYS_MS = [300, 1400, 2500, 3600, 4700]
const RSS_TARGET_MIB = 150

interface WatchedRun {
  run: TimedRun
  experiment: ExperimentView
  /** When the benchmark set the alarm to ALARM, if it did. */
  alarmAt?: number
}

/** Calls `then` once, `delayMs` after the emulator answered its first GetExperiment. */
function afterFirstPoll(emulator: Emulator, delayMs: number, then: () => void): () => void {
  let timer: NodeJS.Timeout | undefined
  const watcher = setInterval(() => {
    const poll = emulator.calls().find((call) => call.operation === 'GetExperiment')
    if (!poll) return
    clearInterval(watcher)
    timer = setTimeout(then, Math.max(0, poll.time + delayMs - Date.now()))
  }, 5)
  return () => {
    clearInterval(watcher)
    clearTimeout(timer)
  }
}

async function runExperiment(options: {
  seed: number
  hypothesis: boolean
  alarmAfterFirstPollMs?: number
  signal?: SignalPlan
}): Promise<WatchedRun> {
  const emulator = await startEmulator({ scenario: benchScenario(options.seed) })
  const workspace = mkdtempSync(join(tmpdir(), 'fis-gate-bench-run-'))
  let alarmAt: number | undefined
  const stopWatching =
    options.alarmAfterFirstPollMs === undefined
      ? () => undefined
      : afterFirstPoll(emulator, options.alarmAfterFirstPollMs, () => {
          alarmAt = Date.now()
          emulator.setAlarmState(FIRING_ALARM, 'ALARM', 'Threshold Crossed: 1 datapoint [61.0]')
        })
  try {
    writeFileSync(
      join(workspace, 'experiment.json'),
      JSON.stringify(benchExperiment({ hypothesis: options.hypothesis }), null, 2)
    )
    const run = await timedAction({
      workspace,
      emulator,
      runId: String(9000 + options.seed),
      inputs: {
        mode: 'run',
        experiments: 'experiment.json',
        'poll-interval': `${POLL_SECONDS}s`
      },
      env: PEAK_RSS_ENV,
      signal: options.signal,
      timeoutMs: 180_000
    })
    const [experiment] = emulator.experiments()
    if (!experiment || run.result.timedOut)
      throw new Error(`the run did not start an experiment or timed out:\n${run.result.stdout}`)
    return { run, experiment, alarmAt }
  } finally {
    stopWatching()
    await emulator.stop()
    rmSync(workspace, { recursive: true, force: true })
  }
}

function expectVerdict({ run }: WatchedRun, verdict: string): void {
  if (run.result.outputs.verdict !== verdict)
    throw new Error(
      `expected verdict ${verdict}, got ${run.result.outputs.verdict}:\n${run.result.stdout}`
    )
}

function timesOf(experiment: ExperimentView): { start: number; end: number } {
  if (experiment.startTime === undefined || experiment.endTime === undefined)
    throw new Error(`experiment ${experiment.id} has no start or end time`)
  return { start: experiment.startTime, end: experiment.endTime }
}

/** The emulator's answer to the first call of `operation` at or after `from`. */
function firstCall(run: TimedRun, operation: string, from = 0): CallRecord {
  const call = run.result.calls.find(
    (candidate) => candidate.operation === operation && candidate.time >= from
  )
  if (!call) throw new Error(`no ${operation} call:\n${run.result.stdout}`)
  return call
}

/**
 * The polls of the watch loop: each starts with a GetExperiment after StartExperiment and holds
 * every call until the next one. The last poll, which finds the experiment ended, is left out:
 * the calls after it gather evidence and judge, they do not watch.
 */
function pollsWhileRunning(calls: readonly CallRecord[]): CallRecord[][] {
  const started = calls.findIndex((call) => call.operation === 'StartExperiment')
  const starts = calls
    .map((call, index) => ({ call, index }))
    .filter(({ call, index }) => index > started && call.operation === 'GetExperiment')
    .map(({ index }) => index)
  return starts.slice(0, -1).map((start, position) => calls.slice(start, starts[position + 1]))
}

function describePoll(poll: readonly CallRecord[]): string {
  return poll
    .map((call) => {
      const names = call.request.AlarmNames
      return Array.isArray(names) ? `${call.operation} (${names.length} alarms)` : call.operation
    })
    .join(' + ')
}

/** Gaps between the starts of consecutive polls, in milliseconds. */
function pollGaps(polls: readonly CallRecord[][]): number[] {
  const times = polls.map((poll) => poll[0]?.time ?? NaN)
  return times.slice(1).map((time, index) => time - (times[index] as number))
}

export async function measureRuns(progress: (message: string) => void): Promise<Row[]> {
  const seconds = (ms: number): string => fixed(ms / 1000, 1, 's')
  const ms = (value: number): string => fixed(value, 0, 'ms')
  const medianOf = <T>(items: readonly T[], value: (item: T) => number): number =>
    median(items.map(value))

  const judged: WatchedRun[] = []
  for (let index = 0; index < OVERHEAD_RUNS; index++) {
    progress(`run: ${EXPERIMENT_SECONDS} s, with a hypothesis, ${index + 1} of ${OVERHEAD_RUNS}`)
    const watched = await runExperiment({ seed: 100 + index, hypothesis: true })
    expectVerdict(watched, 'pass')
    judged.push(watched)
  }
  const hypothesis = buildHypothesis(HYPOTHESIS as JsonObject)
  const judgedOverheads = judged.map(({ run, experiment }) => {
    const { start, end } = timesOf(experiment)
    const waitMs = readyAt(hypothesis, start, end) - end
    return { wall: run.wallMs, experiment: end - start, wait: waitMs }
  })
  const judgedOverhead = judgedOverheads.map((entry) => entry.wall - entry.experiment - entry.wait)

  const unjudged: WatchedRun[] = []
  for (let index = 0; index < OVERHEAD_RUNS; index++) {
    progress(`run: ${EXPERIMENT_SECONDS} s, no hypothesis, ${index + 1} of ${OVERHEAD_RUNS}`)
    const watched = await runExperiment({ seed: 150 + index, hypothesis: false })
    expectVerdict(watched, 'pass')
    unjudged.push(watched)
  }
  const unjudgedParts = unjudged.map(({ run, experiment }) => {
    const { start, end } = timesOf(experiment)
    const noticed = firstCall(run, 'GetExperiment', end).time
    return {
      overhead: run.wallMs - (end - start),
      toStart: firstCall(run, 'StartExperiment').time - run.startedAt,
      toNotice: noticed - end,
      toExit: run.endedAt - noticed
    }
  })

  const aborted: WatchedRun[] = []
  for (const [index, delay] of ALARM_DELAYS_MS.entries()) {
    progress(
      `run: alarm ${delay} ms after the first poll, ${index + 1} of ${ALARM_DELAYS_MS.length}`
    )
    const watched = await runExperiment({
      seed: 200 + index,
      hypothesis: false,
      alarmAfterFirstPollMs: delay
    })
    expectVerdict(watched, 'aborted')
    aborted.push(watched)
  }
  const abortParts = aborted.map((watched) => {
    const verdictLine = lineMatching(watched.run, /^ABORTED\s/)
    if (!verdictLine || watched.alarmAt === undefined)
      throw new Error(`no alarm or no ABORTED line:\n${watched.run.result.stdout}`)
    const noticed = firstCall(watched.run, 'GetExperiment', watched.alarmAt).time
    return { latency: verdictLine.at - watched.alarmAt, afterPoll: verdictLine.at - noticed }
  })

  const stopLatencies: number[] = []
  const signalHandled: number[] = []
  for (const [index, delay] of SIGINT_DELAYS_MS.entries()) {
    progress(
      `run: SIGINT ${delay} ms after the first poll, ${index + 1} of ${SIGINT_DELAYS_MS.length}`
    )
    const watched = await runExperiment({
      seed: 300 + index,
      hypothesis: false,
      signal: {
        signal: 'SIGINT',
        whenCalls: (calls) => {
          const poll = calls.find((call) => call.operation === 'GetExperiment')
          return poll !== undefined && Date.now() >= poll.time + delay
        }
      }
    })
    expectVerdict(watched, 'cancelled')
    const { signalledAt } = watched.run.result
    const received = lineMatching(watched.run, /Received SIGINT/)
    if (signalledAt === undefined || !received)
      throw new Error(`SIGINT was not sent or not seen:\n${watched.run.result.stdout}`)
    stopLatencies.push(firstCall(watched.run, 'StopExperiment').time - signalledAt)
    signalHandled.push(received.at - signalledAt)
  }

  const watchedRuns = [...judged, ...unjudged, ...aborted]
  const polls = watchedRuns.flatMap(({ run }) => pollsWhileRunning(run.result.calls))
  const callsPerPoll = polls.map((poll) => poll.length)
  const shapes = [...new Set(polls.map(describePoll))]
  const gaps = watchedRuns.flatMap(({ run }) => pollGaps(pollsWhileRunning(run.result.calls)))

  const fullRuns = [...judged, ...unjudged]
  const runRss = fullRuns.map(({ run }) => run.peakRss ?? NaN)
  const nodeRss: number[] = []
  for (let index = 0; index < 3; index++)
    nodeRss.push((await timedNode(['-e', '0'], PEAK_RSS_ENV)).peakRss ?? NaN)
  if ([...runRss, ...nodeRss].some(Number.isNaN))
    throw new Error('a process did not report its peak RSS (bench/peak-rss.cjs)')

  const pollMs = POLL_SECONDS * 1000
  const overheadTarget = `≤ one poll interval + 2 s (${seconds(pollMs + 2000)})`
  const setup = `${EXPERIMENT_SECONDS} s experiment, time scale 1, \`poll-interval: ${POLL_SECONDS}s\`, 3 alarms, verdict pass`
  const abortLatency = abortParts.map((part) => part.latency)
  const afterPollMs = medianOf(abortParts, (part) => part.afterPoll)
  return [
    {
      measure: `Run overhead, gate file with a hypothesis: wall time − experiment − hypothesis wait (${setup})`,
      median: spread(judgedOverhead, seconds),
      reference: `wall ${seconds(medianOf(judgedOverheads, (entry) => entry.wall))}, experiment (FIS start to end) ${seconds(medianOf(judgedOverheads, (entry) => entry.experiment))}, hypothesis wait (last judged period's end + settle ${hypothesis.settle} s; the poll that notices the end falls inside it) ${seconds(medianOf(judgedOverheads, (entry) => entry.wait))}`,
      target: overheadTarget,
      met: median(judgedOverhead) <= pollMs + 2000
    },
    {
      measure: `Run overhead, the same file without a hypothesis (wait 0): wall time − experiment (${setup})`,
      median: spread(
        unjudgedParts.map((part) => part.overhead),
        seconds
      ),
      reference: `spawn → StartExperiment ${seconds(medianOf(unjudgedParts, (part) => part.toStart))}; experiment end → the poll that notices it ${spread(
        unjudgedParts.map((part) => part.toNotice),
        seconds
      )}; that poll → exit ${ms(medianOf(unjudgedParts, (part) => part.toExit))}`,
      target: overheadTarget,
      met: median(unjudgedParts.map((part) => part.overhead)) <= pollMs + 2000
    },
    {
      measure: `AWS calls per poll while watching one experiment with 3 alarms (${polls.length} polls in ${watchedRuns.length} runs)`,
      median: `${median(callsPerPoll)} (max ${Math.max(...callsPerPoll)})`,
      reference: `each poll: ${shapes.join('; ')}`,
      target: '≤ 2 calls per poll (every poll)',
      met: Math.max(...callsPerPoll) <= 2
    },
    {
      measure: `Stop-condition alarm → \`aborted\` verdict line on stdout (alarm set ${ALARM_DELAYS_MS[0]}, ${ALARM_DELAYS_MS[1]} … ${ALARM_DELAYS_MS.at(-1)} ms after the first poll; file without a hypothesis, whose metrics wait would come first)`,
      median: spread(abortLatency, seconds),
      reference: `poll gap as run (±20% jitter): ${spread(gaps, seconds)}; the poll that sees the stop → verdict line: ${ms(afterPollMs)}; so at worst the longest jittered gap (${seconds(pollMs * 1.2)}) + ${ms(afterPollMs)}`,
      target: `≤ poll + 1 s (${seconds(pollMs + 1000)})`,
      met: median(abortLatency) <= pollMs + 1000
    },
    {
      measure: `SIGINT → StopExperiment answered (SIGINT ${SIGINT_DELAYS_MS.join(', ')} ms after the first poll)`,
      median: spread(stopLatencies, ms),
      reference: `SIGINT → "Received SIGINT" line on stdout: ${spread(signalHandled, ms)}`,
      target: '≤ 1 s',
      met: median(stopLatencies) <= 1000
    },
    {
      measure: `Peak RSS during a run (the ${fullRuns.length} runs of ${EXPERIMENT_SECONDS} s above)`,
      median: spread(runRss, mebibytes),
      reference: `\`node -e 0\`: ${mebibytes(median(nodeRss))}`,
      target: `≤ ${RSS_TARGET_MIB} MiB`,
      met: median(runRss) <= RSS_TARGET_MIB * MIB
    }
  ]
}
