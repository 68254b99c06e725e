/**
 * The fault soak: many experiments, each a random verdict-relevant scenario (pass, aborted by its
 * stop condition, an action that fails, a timeout, targets that resolve to nothing, a plan) with
 * random faults (throttling, 5xx, slow, hung and dropped connections, refused and expired
 * credentials) and, for some, a SIGINT at a random moment or a SIGKILL followed by the post step.
 * The bundled dist/main runs, then dist/post with main's saved state, as the runner does with
 * `post-if: always()`, each case on its own emulator, three at a time, within about two minutes.
 *
 * After every case: the verdict (GITHUB_OUTPUT `verdict` and the JSON report) is the expected
 * one, for the expected reason; after the post step no experiment is pending, initiating, running
 * or stopping, no template the action created is left (with `cleanup: false`, exactly the ones it
 * keeps are), FIS created at most one experiment, and nothing was started after the signal.
 *
 * How the expected verdict is known before the run: the scenario gives it, transient faults are
 * drawn so that no call can exhaust its retries (they never change it), and a decisive fault (the
 * first call of one operation refused for good, or hung until the per-call budget) turns it into
 * `error` exactly when the run cannot do without that call — the rules, with their reasons, are in
 * __tests__/support/soak-cases.ts. A signal's verdict is derived after the run from when it came
 * relative to the run's point of no return and its decision (__tests__/support/soak-checks.ts).
 *
 * On the accelerated clock (time scale 300: a PT5M action takes one second), as faults.e2e and
 * run.e2e: the subject is the network and the signals — retries, budgets, cancellation and
 * cleanup around FIS's lifecycle — not metric timing, which hypothesis.e2e tests on the wall clock.
 * No case has a hypothesis, so no verdict rests on a metric period.
 *
 * SOAK_SEED replays a soak (the seed is printed, and named in every failure); SOAK_CASE=index
 * replays one case of it; SOAK_CASES sets how many cases are drawn (default 120) and
 * SOAK_BUDGET_MS how long new cases may start (default 100 s; the counts say how many ran);
 * SOAK_VERBOSE=1 prints a line per case.
 */
import { afterAll, expect, it } from '@jest/globals'
import { ListExperimentTemplatesCommand } from '@aws-sdk/client-fis'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator, type ExperimentView } from '../../emulator/index.js'
import {
  killRunningActions,
  POST_SCRIPT,
  runAction,
  type ActionRunResult,
  type SignalPlan
} from '../support/action-harness.js'
import { awsClients } from '../support/emulator-clients.js'
import {
  describeCase,
  drawCase,
  experimentFileOf,
  worldOf,
  type SoakCase,
  type SoakSignal
} from '../support/soak-cases.js'
import {
  expectedReason,
  expectedTemplates,
  expectedVerdict,
  faultTypeOf,
  isTerminal,
  SIGNAL_MARGIN_MS
} from '../support/soak-checks.js'
import { testScenario } from '../support/test-scenario.js'
import { tempWorkspace } from '../support/validate-files.js'

/** A whole number from the environment, or the fallback; anything else stops the file at once. */
function numberFrom(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, found "${text}"`)
  return Number(text)
}

const SEED = numberFrom('SOAK_SEED', Math.floor(Math.random() * 2 ** 31))
const ONLY_CASE = process.env.SOAK_CASE ? numberFrom('SOAK_CASE', 0) : undefined
const CASES = numberFrom('SOAK_CASES', 120)
const BUDGET_MS = numberFrom('SOAK_BUDGET_MS', 100_000)
const VERBOSE = process.env.SOAK_VERBOSE === '1'
const PARALLEL = 3
const TIME_SCALE = 300
/** A step still running after this is killed by the harness, and the case fails. */
const STEP_LIMIT_MS = 45_000

afterAll(killRunningActions)

interface Report {
  verdict: string
  experiments: { verdict: string; reason: string }[]
}

interface CaseRun {
  soakCase: SoakCase
  main: ActionRunResult
  post: ActionRunResult
  report?: Report
  experiments: ExperimentView[]
  templatesLeft: string[]
  stepMs: number[]
}

/** The line the action logs when it sees the experiment end (`experiment: running → stopped`). */
const EXPERIMENT_ENDED =
  /^\S+\s+experiment\s+experiment: (?:\S+ → )?(completed|stopped|failed|cancelled)\b/m

function signalPlan(signal: SoakSignal): SignalPlan {
  const trigger = signal.trigger
  if ('afterMs' in trigger) return { signal: signal.signal, afterMs: trigger.afterMs }
  if ('experimentEnded' in trigger) return { signal: signal.signal, whenStdout: EXPERIMENT_ENDED }
  return {
    signal: signal.signal,
    whenCalls: (calls) =>
      calls.filter((call) => call.operation === trigger.operation).length >= trigger.occurrence
  }
}

/** Templates in the emulator, read past whatever faults are left (they are transient by now). */
async function templateIds(emulator: Emulator): Promise<string[]> {
  const clients = awsClients(emulator, { maxAttempts: 10 })
  try {
    const page = await clients.fis.send(new ListExperimentTemplatesCommand({ maxResults: 100 }))
    return (page.experimentTemplates ?? []).map((template) => template.id ?? '?')
  } finally {
    clients.destroy()
  }
}

async function runCase(soakCase: SoakCase): Promise<CaseRun> {
  const emulator = await startEmulator({
    scenario: testScenario({
      clock: 'accelerated',
      timeScale: TIME_SCALE,
      initiationDelay: 'PT2S',
      seed: soakCase.caseSeed,
      ...worldOf(soakCase)
    })
  })
  const workspace = tempWorkspace({ 'experiments/carts.json': experimentFileOf(soakCase) })
  try {
    const shared = {
      workspace: workspace.root,
      runnerTemp: workspace.runnerTemp,
      emulator,
      runId: `soak-${soakCase.seed}-${soakCase.index}`,
      inputs: {
        mode: soakCase.mode,
        experiments: 'experiments/*.json',
        'poll-interval': '200ms',
        timeout: soakCase.timeout,
        cleanup: String(soakCase.cleanup)
      },
      timeoutMs: STEP_LIMIT_MS
    }
    const mainStarted = Date.now()
    const main = await runAction({
      ...shared,
      ...(soakCase.signal ? { signal: signalPlan(soakCase.signal) } : {})
    })
    const postStarted = Date.now()
    const post = await runAction({ ...shared, script: POST_SCRIPT, state: main.state })
    const stepMs = [postStarted - mainStarted, Date.now() - postStarted]
    const reportPath = main.outputs.report
    return {
      soakCase,
      main,
      post,
      ...(reportPath ? { report: JSON.parse(readFileSync(reportPath, 'utf8')) as Report } : {}),
      experiments: emulator.experiments(),
      templatesLeft: await templateIds(emulator),
      stepMs
    }
  } finally {
    await emulator.stop()
    workspace.remove()
  }
}

/**
 * The experiment was active from before the signal until clearly after it. The accelerated clock
 * is linear, so any call record maps the signal's real time to the emulator's virtual time.
 */
function activeAround(experiment: ExperimentView, main: ActionRunResult, at: number): boolean {
  const reference = main.calls[0]
  if (!reference) return false
  const virtual = (time: number): number =>
    reference.virtualTime + (time - reference.time) * TIME_SCALE
  return (
    experiment.creationTime < virtual(at - SIGNAL_MARGIN_MS) &&
    (experiment.endTime ?? Infinity) > virtual(at + SIGNAL_MARGIN_MS)
  )
}

/** Every assertion of one case; the first that fails throws. */
function checkCase(run: CaseRun): void {
  const { soakCase, main, post, report, experiments } = run
  expect({ mainKilledByHarness: main.timedOut, postKilledByHarness: post.timedOut }).toEqual({
    mainKilledByHarness: false,
    postKilledByHarness: false
  })

  const expectation = expectedVerdict(soakCase, main, experiments)
  const verdict = main.outputs.verdict
  // The default SIGINT handler only runs before the action's own exists: before any call.
  if (main.signal === 'SIGINT') expect(main.calls).toEqual([])
  if (verdict === undefined) {
    expect({ verdict, why: expectation.why }).toEqual({
      verdict: expectation.noVerdict === 'refused' ? expect.any(String) : undefined,
      why: expectation.why
    })
  } else {
    const reason = report?.experiments[0]?.reason ?? ''
    expect({ verdict, why: expectation.why }).toEqual({
      verdict:
        expectation.noVerdict === 'required'
          ? undefined
          : expect.stringMatching(new RegExp(`^(${expectation.verdicts.join('|')})$`)),
      why: expectation.why
    })
    // The verdict output is written before the reports, so a SIGKILL between the two leaves a
    // verdict without a report; any report there is must agree with it.
    if (!(main.signal === 'SIGKILL' && report === undefined))
      expect({
        report: report?.verdict,
        experiments: report?.experiments.map((experiment) => experiment.verdict)
      }).toEqual({ report: verdict, experiments: [verdict] })
    if (main.signal === null) expect(main.exitCode).toBe(verdict === 'pass' ? 0 : 1)
    const because = expectedReason(soakCase, verdict)
    if (because) expect(reason).toMatch(because)
    // fis-gate claims a stop only when FIS took its StopExperiment (answered, or processed and
    // the answer lost) and reports the experiment stopped.
    const claimed = /fis-gate stopped it \(FIS state (\w+)\)/.exec(reason)
    if (claimed)
      expect({
        claimed: claimed[0],
        stopTaken: main.calls.some(
          (call) =>
            call.operation === 'StopExperiment' && (call.status === 200 || call.status === 0)
        )
      }).toEqual({ claimed: 'fis-gate stopped it (FIS state stopped)', stopTaken: true })
  }

  /** The templates main's saved state names: the ones a run with cleanup: false keeps. */
  const recordedTemplates = (state: Record<string, string>): string[] =>
    (
      (JSON.parse(state['fis-gate-run'] ?? '{}') as { templates?: { templateId: string }[] })
        .templates ?? []
    ).map((template) => template.templateId)

  // The post step cleans up on its own, and never starts or creates anything.
  expect({ exitCode: post.exitCode, stderr: post.stderr }).toEqual({ exitCode: 0, stderr: '' })
  expect(
    post.calls
      .filter((call) => /^(StartExperiment|CreateExperimentTemplate)$/.test(call.operation))
      .map((call) => call.operation)
  ).toEqual([])
  expect(experiments.length).toBeLessThanOrEqual(1)
  expect(experiments.filter((experiment) => !isTerminal(experiment.status))).toEqual([])
  const reported = (main.outputs['experiment-ids'] ?? '').split(',').filter(Boolean)
  expect(experiments.map((experiment) => experiment.id)).toEqual(expect.arrayContaining(reported))

  const deleted = [...main.calls, ...post.calls]
    .filter((call) => call.operation === 'DeleteExperimentTemplate')
    .map((call) => String(call.request.id))
  const created = [...new Set([...run.templatesLeft, ...deleted])]
  // A decisive refusal of DeleteExperimentTemplate that main never met (it did not delete: the
  // experiment was still stopping) meets the post step's only delete: that template stays.
  const refusedDeletes = post.calls
    .filter(
      (call) =>
        call.operation === 'DeleteExperimentTemplate' &&
        soakCase.decisive?.operation === 'DeleteExperimentTemplate' &&
        call.status !== 200
    )
    .map((call) => String(call.request.id))
  expect(run.templatesLeft.sort()).toEqual(
    [
      ...new Set([
        ...expectedTemplates(
          soakCase,
          created,
          experiments,
          verdict,
          recordedTemplates(main.state)
        ),
        ...refusedDeletes
      ])
    ].sort()
  )

  // Nothing started after the signal; the template, if any, was asked for before it.
  const signalledAt = main.signalledAt
  if (signalledAt !== undefined) {
    const late = (call: { time: number }): boolean => call.time > signalledAt + SIGNAL_MARGIN_MS
    expect(
      main.calls
        .filter((call) => call.operation === 'StartExperiment' && late(call))
        .map((call) => `StartExperiment ${call.time - signalledAt} ms after the signal`)
    ).toEqual([])
    // A SIGINT stops at once, in the main step, what was running when it came.
    const running = experiments.find((experiment) => activeAround(experiment, main, signalledAt))
    if (running && main.signal === null)
      expect({
        running: running.id,
        stoppedByMain: main.calls.some(
          (call) => call.operation === 'StopExperiment' && call.time >= signalledAt
        )
      }).toEqual({ running: running.id, stoppedByMain: true })
    const firstCreate = main.calls.find((call) => call.operation === 'CreateExperimentTemplate')
    if (firstCreate && late(firstCreate))
      throw new Error(
        `CreateExperimentTemplate first asked ${firstCreate.time - signalledAt} ms after the signal`
      )
  }
}

/** What a failing case's message shows besides the case: how the expectation came about. */
function describeRun(run: CaseRun): string {
  const { main } = run
  const origin = main.signalledAt ?? main.calls[0]?.time ?? 0
  const calls = main.calls.map(
    (call) =>
      `${call.operation}:${call.status}${call.errorCode ? `/${call.errorCode}` : ''}@${call.time - origin}`
  )
  return [
    `  expected because: ${expectedVerdict(run.soakCase, main, run.experiments).why}`,
    `  main's calls (ms from the ${main.signalledAt === undefined ? 'first call' : 'signal'}): ${calls.join(' ')}`,
    `  reason: ${run.report?.experiments[0]?.reason ?? '(no report)'}`
  ].join('\n')
}

/** One case as it ran, for SOAK_VERBOSE=1. */
function caseLine(run: CaseRun): string {
  const { soakCase, main } = run
  const signal = soakCase.signal
    ? ` ${soakCase.signal.signal}${main.signalledAt === undefined ? ' (not sent)' : ''}`
    : ''
  const fault = soakCase.decisive ? ` ${soakCase.decisive.type} ${soakCase.decisive.operation}` : ''
  return `case ${soakCase.index}: ${soakCase.kind}${fault}${signal} → ${main.outputs.verdict ?? 'none'} (expected ${expectedVerdict(soakCase, main, run.experiments).verdicts}; ${run.stepMs.map((ms) => (ms / 1000).toFixed(1)).join(' + ')} s)`
}

function countsLine(runs: readonly CaseRun[], drawn: number): string {
  const tally = (values: string[]): string => {
    const counts = new Map<string, number>()
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
    return [...counts].map(([value, count]) => `${value} ${count}`).join(', ') || 'none'
  }
  const calls = runs.flatMap((run) => [...run.main.calls, ...run.post.calls])
  const sent = runs.filter((run) => run.main.signalledAt !== undefined)
  return [
    `seed ${SEED}`,
    `cases ${runs.length} of ${drawn}`,
    `verdicts: ${tally(runs.map((run) => run.main.outputs.verdict ?? 'none (killed)'))}`,
    `faults injected: ${tally(calls.flatMap((call) => faultTypeOf(call) ?? []))}`,
    `slow rules ${runs.flatMap((run) => run.soakCase.transient).filter((fault) => fault.type === 'slow').length}`,
    `SIGINTs ${sent.filter((run) => run.soakCase.signal?.signal === 'SIGINT').length}`,
    `SIGKILLs ${sent.filter((run) => run.soakCase.signal?.signal === 'SIGKILL').length}`,
    `experiments started ${runs.reduce((sum, run) => sum + run.experiments.length, 0)}`,
    `max step ${(Math.max(0, ...runs.flatMap((run) => run.stepMs)) / 1000).toFixed(1)} s`
  ].join(' | ')
}

it(
  'keeps every verdict, leaves nothing running or behind, and starts nothing twice or after a signal',
  async () => {
    const indexes = ONLY_CASE === undefined ? [...Array(CASES).keys()] : [ONLY_CASE]
    const cases = indexes.map((index) => drawCase(SEED, index))
    console.log(`fault soak: seed ${SEED} (replay with SOAK_SEED=${SEED}), ${cases.length} cases`)
    const deadline = Date.now() + BUDGET_MS
    const runs: CaseRun[] = []
    const failures: string[] = []
    const queue = [...cases]
    const worker = async (): Promise<void> => {
      for (let soakCase = queue.shift(); soakCase; soakCase = queue.shift()) {
        if (Date.now() > deadline) return
        let run: CaseRun | undefined
        try {
          run = await runCase(soakCase)
          runs.push(run)
          if (VERBOSE) console.log(caseLine(run))
          checkCase(run)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          failures.push(
            `${describeCase(soakCase)}${run ? `\n${describeRun(run)}` : ''}\n${message}`
          )
        }
      }
    }
    await Promise.all([...Array(PARALLEL)].map(worker))
    console.log(`fault soak: ${countsLine(runs, cases.length)}`)
    expect(failures).toEqual([])
  },
  // The budget, then the cases under way: a main and a post step each, at most.
  BUDGET_MS + 2 * STEP_LIMIT_MS + 10_000
)
