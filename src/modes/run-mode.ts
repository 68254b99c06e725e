/**
 * mode: plan and mode: run. Every file is validated first; an invalid file means no AWS call at
 * all. Then, one file after another: preflight (identity, stop-condition alarms, lock), the
 * experiment, the evidence; finally the reports, the outputs and the step's result per fail-on.
 */
import type { StepResult } from '../pull-request/pull-request-comment.js'
import { GetExperimentTemplateCommand, type ExperimentTemplate } from '@aws-sdk/client-fis'
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { JUNIT_FILE, toJunit } from '../report/junit.js'
import type { ActionIO } from '../action-io.js'
import { callLimits } from '../aws/call-limits.js'
import { createAwsClients } from '../aws/clients.js'
import { stopByHand } from '../aws/console-links.js'
import { describeAwsError } from '../aws/errors.js'
import type { Inputs } from '../inputs.js'
import { excerpt } from '../experiment/excerpt.js'
import { arrayAt, isObject, stringAt } from '../experiment/model.js'
import { ACTION_VERSION } from '../version.js'
import { writeJsonReport } from '../report/json-report.js'
import { renderRunSummary } from '../report/run-summary.js'
import { systemClock, type Clock, type RunContext, type WorkflowRun } from '../run/context.js'
import { runExperiment, runTag, type ExperimentPlan } from '../run/experiment-run.js'
import { waitForLock } from '../run/lock.js'
import { evidenceSpan, worstVerdict, type ExperimentRun } from '../run/model.js'
import { alarmRefusal, callerAccount, identityRefusal } from '../run/preflight.js'
import { evaluateBefore } from '../run/hypothesis-run.js'
import { buildHypothesis, type Hypothesis } from '../hypothesis/definition.js'
import { formatClock } from '../hypothesis/describe.js'
import { RunStateRecorder } from '../run/state-recorder.js'
import { hasErrors } from '../validate/findings.js'
import { templateGuardrailFindings } from '../validate/guardrails.js'
import type { ValidatedExperiment } from '../validate/validate.js'
import { changedScope, reportValidation, validateAll } from './validate-mode.js'
import { repositoryLinks } from '../report/summary-links.js'

export interface RunModeDependencies {
  /** Aborted on SIGINT/SIGTERM. */
  cancellation: AbortSignal
  saveState(name: string, value: string): void
  clock?: Clock
  random?: () => number
}

export function workflowRunOf(env: NodeJS.ProcessEnv): WorkflowRun {
  return {
    repository: env.GITHUB_REPOSITORY || 'local/repository',
    runId: env.GITHUB_RUN_ID || 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    sha: env.GITHUB_SHA || 'unknown',
    job: env.GITHUB_JOB || 'local',
    execution: randomUUID().slice(0, 8)
  }
}

function stopConditionAlarms(template: ValidatedExperiment['template']): string[] {
  return (arrayAt(template, 'stopConditions') ?? [])
    .filter((condition) => isObject(condition) && condition.source === 'aws:cloudwatch:alarm')
    .map((condition) => (isObject(condition) ? (stringAt(condition, 'value') ?? '') : ''))
    .filter(Boolean)
}

function refused(
  source: { file: string; name: string },
  mode: 'plan' | 'run',
  reason: string,
  verdict: ExperimentRun['verdict'] = 'error'
): ExperimentRun {
  return {
    file: source.file,
    name: source.name,
    mode,
    verdict,
    reason,
    templateCreated: false,
    templateDeleted: false,
    actions: [],
    alarms: [],
    timeline: []
  }
}

/**
 * A `templateId` file's template, read from FIS and held to the same guardrails as an inline one:
 * its stop-condition alarms, or a refusal naming every violation, before anything starts.
 */
async function existingTemplateAlarms(
  context: RunContext,
  experiment: ValidatedExperiment,
  templateId: string
): Promise<string[] | { refused: string }> {
  let template: ExperimentTemplate | undefined
  try {
    template = (
      await context.clients.fis.send(
        new GetExperimentTemplateCommand({ id: templateId }),
        context.limits.cancellable()
      )
    ).experimentTemplate
  } catch (error) {
    return { refused: describeAwsError(`FIS GetExperimentTemplate ${templateId}`, error) }
  }
  if (!template) return { refused: `FIS GetExperimentTemplate ${templateId} returned no template` }
  const violations = templateGuardrailFindings(
    template,
    experiment.guardrails,
    experiment.source.file
  )
  const errors = violations.filter((finding) => finding.severity === 'error')
  if (errors.length > 0) {
    return {
      refused: `Refused before anything started: template ${templateId} breaks ${errors.length === 1 ? 'a guardrail' : `${errors.length} guardrails`}. ${errors.map((finding) => finding.message).join(' ')}`
    }
  }
  return alarmArnsOf(template.stopConditions)
}

/** The stop-condition alarm ARNs of a template or experiment as FIS returns it. */
function alarmArnsOf(
  conditions: readonly { source?: string; value?: string }[] | undefined
): string[] {
  return (conditions ?? []).flatMap((condition) =>
    condition.source === 'aws:cloudwatch:alarm' && condition.value ? [condition.value] : []
  )
}

/** Action states that mean a fault is being, or was, injected. */
const INJECTING = new Set(['running', 'completed', 'stopping', 'stopped', 'failed'])

/**
 * What the experiment FIS started must still be: in plan, nothing injected (skip-all took
 * effect); always, within the guardrails and with the stop-condition alarms preflight checked —
 * a template changed between preflight and the start is caught on the first poll.
 */
function refusalOf(
  mode: 'plan' | 'run',
  experiment: ValidatedExperiment,
  checkedAlarms: readonly string[]
): ExperimentPlan['refusalOf'] {
  return (running, snapshot) => {
    const injecting = snapshot.actions.filter((action) => INJECTING.has(action.status))
    if (mode === 'plan' && injecting.length)
      return `FIS reports action ${injecting.map((action) => `"${action.name}" ${action.status}`).join(', ')}: actionsMode skip-all did not take effect, so this plan is injecting faults`
    const violations = templateGuardrailFindings(
      running as unknown as ExperimentTemplate,
      experiment.guardrails,
      experiment.source.file
    ).filter((finding) => finding.severity === 'error')
    if (violations.length)
      return `The experiment FIS started breaks ${violations.length === 1 ? 'a guardrail' : `${violations.length} guardrails`}, so its template changed after preflight: ${violations.map((finding) => finding.message).join(' ')}`
    const alarms = alarmArnsOf(running.stopConditions)
    const same =
      alarms.length === checkedAlarms.length && alarms.every((arn) => checkedAlarms.includes(arn))
    if (!same)
      return `The experiment FIS started is stopped by ${alarms.length ? alarms.join(', ') : 'no alarm'}, not by the ${checkedAlarms.length ? `${checkedAlarms.join(', ')} ${checkedAlarms.length === 1 ? 'alarm' : 'alarms'}` : 'no alarm'} preflight checked, so its template changed after preflight`
    return undefined
  }
}

/**
 * A refusal reached while the workflow was being cancelled (a signal during preflight) is
 * `cancelled`: nothing started, and nothing was judged.
 */
function cancelledBeforeStart(run: ExperimentRun, cancelled: boolean): ExperimentRun {
  if (!cancelled || run.experimentId !== undefined || run.verdict === 'cancelled') return run
  return {
    ...run,
    verdict: 'cancelled',
    reason: `The workflow was cancelled before this experiment started (${run.reason})`
  }
}

/**
 * Until when the faults of earlier runs may show in the metrics: the end of the windows their
 * checks judged, or FIS's end of the experiment; nothing when none started an experiment.
 */
function faultEffectsEnd(runs: readonly ExperimentRun[]): number | undefined {
  const ends = runs
    .filter((run) => run.experimentId !== undefined)
    .flatMap((run) => [run.endTime, run.hypothesis ? evidenceSpan(run.hypothesis).end : undefined])
    .filter((time): time is number => time !== undefined && Number.isFinite(time))
  return ends.length ? Math.max(...ends) : undefined
}

/**
 * A baseline that reaches back into the fault of the experiment this step ran before would judge
 * this file by that fault: wait until a whole baseline (and its settle) lies after it. Returns a
 * reason when the workflow was cancelled meanwhile.
 */
async function waitForCleanBaseline(
  context: RunContext,
  file: string,
  hypothesis: Hypothesis,
  previous: readonly ExperimentRun[]
): Promise<string | undefined> {
  const floor = faultEffectsEnd(previous)
  if (!hypothesis.baseline || floor === undefined) return undefined
  const clean = floor + (hypothesis.baseline + hypothesis.settle) * 1000
  const wait = clean - context.clock.now()
  if (wait <= 0) return undefined
  context.log.info(
    `Waiting ${Math.ceil(wait / 1000)} s before ${file}: its baseline (${hypothesis.baseline} s) must start after the previous experiment's judged windows ended at ${formatClock(floor)} UTC`
  )
  await context.clock.sleep(wait, context.cancellation)
  return context.cancellation.aborted
    ? 'The workflow was cancelled while the baseline of this file waited to clear the previous experiment'
    : undefined
}

/** Preflight, then the experiment: the run of one validated file, or why it was refused. */
async function judgeExperiment(
  context: RunContext,
  inputs: Inputs,
  mode: 'plan' | 'run',
  experiment: ValidatedExperiment,
  account: string | { refused: string },
  state: RunStateRecorder,
  /** The runs this step made before this one, whose faults its baseline must not include. */
  previous: readonly ExperimentRun[]
): Promise<ExperimentRun> {
  const source = experiment.source
  if (context.cancellation.aborted)
    return refused(
      source,
      mode,
      'The workflow was cancelled before this experiment started',
      'cancelled'
    )
  if (typeof account !== 'string') return refused(source, mode, account.refused)
  const identity = identityRefusal(account, inputs.region, experiment.guardrails)
  if (identity) return refused(source, mode, identity)
  const alarmArns = source.templateId
    ? await existingTemplateAlarms(context, experiment, source.templateId)
    : stopConditionAlarms(experiment.template)
  if (!Array.isArray(alarmArns)) return refused(source, mode, alarmArns.refused)
  const alarms = await alarmRefusal(context, alarmArns)
  if (alarms) return refused(source, mode, alarms)
  const lock = await waitForLock(context, {
    key: inputs.lock,
    timeoutMs: inputs.lockTimeout.ms,
    pollIntervalMs: Math.max(inputs.pollInterval.ms, 1000)
  })
  if (lock) return refused(source, mode, lock, context.cancellation.aborted ? 'cancelled' : 'error')
  const hypothesis =
    mode === 'run' && experiment.hypothesis ? buildHypothesis(experiment.hypothesis) : undefined
  if (hypothesis) {
    const clean = await waitForCleanBaseline(context, source.file, hypothesis, previous)
    if (clean) return refused(source, mode, clean, 'cancelled')
    const refusal = await evaluateBefore(context, hypothesis)
    if (refusal)
      return {
        ...refused(source, mode, refusal.reason, refusal.verdict),
        hypothesis: refusal.evidence
      }
  }
  const plan: ExperimentPlan = {
    file: experiment.source.file,
    name: experiment.source.name,
    mode,
    template: experiment.source.templateId ? undefined : experiment.template,
    templateId: experiment.source.templateId,
    alarmArns,
    timeoutMs: inputs.timeout.ms,
    timeoutText: inputs.timeout.text,
    pollIntervalMs: inputs.pollInterval.ms,
    cleanup: inputs.cleanup,
    lockKey: inputs.lock,
    hypothesis,
    refusalOf: refusalOf(mode, experiment, alarmArns)
  }
  return runExperiment(context, plan, state)
}

export async function runFisMode(
  io: ActionIO,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  dependencies: RunModeDependencies
): Promise<StepResult> {
  const mode = inputs.mode === 'plan' ? 'plan' : 'run'
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const startedAt = Date.now()
  const changed = await changedScope(io, inputs, env, workspace)
  const validation = await io.group('Validate experiment files', () =>
    validateAll(inputs, workspace, changed)
  )
  const sarif = await reportValidation(io, inputs, validation, env)
  const workflow = workflowRunOf(env)

  const finish = async (
    runs: ExperimentRun[],
    experiments: readonly ValidatedExperiment[]
  ): Promise<StepResult> => {
    // No experiment at all (changed-only and nothing changed) is nothing to fail; a file that failed to load is an error run.
    const verdict = runs.length
      ? worstVerdict(runs.map((run) => run.verdict))
      : hasErrors(validation.findings)
        ? 'error'
        : 'pass'
    const finishedAt = Date.now()
    // The verdict is out before anything is written: a report that cannot be written (or AWS
    // data no renderer expected) costs the reports, never the verdict.
    io.setOutput('verdict', verdict)
    io.setOutput(
      'experiment-ids',
      runs.flatMap((run) => (run.experimentId ? [run.experimentId] : [])).join(',')
    )
    const junitPath = join(inputs.reportDir, JUNIT_FILE)
    let reportsLost: string | undefined
    try {
      const reportPath = await writeJsonReport(inputs.reportDir, {
        mode,
        verdict,
        startedAt,
        finishedAt,
        workflow,
        findings: validation.findings,
        runs
      })
      await writeFile(junitPath, toJunit(runs, finishedAt))
      await io.appendSummary(
        renderRunSummary({
          mode,
          verdict,
          runs,
          experiments,
          otherFindings: validation.otherFindings,
          elapsedMs: finishedAt - startedAt,
          links: repositoryLinks(env)
        })
      )
      io.setOutput('report', reportPath)
      io.setOutput('junit', junitPath)
    } catch (error) {
      reportsLost = ` The reports could not be written (${error instanceof Error ? excerpt(error.message, 300) : 'unknown error'}); the verdict ${verdict} stands. This is a bug in fis-gate ${ACTION_VERSION}: please report it.`
    }
    io.setOutput('sarif', sarif)
    // A cancelled run judged nothing, and a stop FIS never confirmed may leave a fault active:
    // neither passes a step, whatever fail-on lists.
    const unconfirmed = runs.filter((run) => run.stopNotConfirmed && run.experimentId)
    const fails = inputs.failOn.includes(verdict) || verdict === 'cancelled' || unconfirmed.length
    // One failure message, so that it is a single error annotation within GitHub's 10 per step.
    if (fails || reportsLost) {
      const worst = runs.find((run) => run.verdict === verdict)
      const advice = unconfirmed.map(
        (run) =>
          ` FIS has not confirmed that ${run.experimentId} (${run.file}) ended (last state ${run.stopNotConfirmed?.lastState}): ${stopByHand(inputs.region, run.experimentId as string)}; the post step tries again.`
      )
      const why = fails && worst ? ` — ${worst.file}: ${excerpt(worst.reason, 500)}` : ''
      io.setFailed(`fis-gate: ${verdict}${why}${advice.join('')}${reportsLost ?? ''}`)
    }
    return { mode, verdict, findings: validation.findings, experiments, runs }
  }

  if (hasErrors(validation.findings)) {
    const invalid = validation.experiments.map((experiment) =>
      refused(experiment.source, mode, 'The file has validation errors; nothing was started')
    )
    const unloadable = [...new Set(validation.otherFindings.map((finding) => finding.file))].map(
      (file) =>
        refused({ file, name: file }, mode, 'The file could not be loaded; nothing was started')
    )
    return finish([...unloadable, ...invalid], validation.experiments)
  }

  const clients = createAwsClients({ region: inputs.region, env })
  const clock = dependencies.clock ?? systemClock
  const context: RunContext = {
    clients,
    clock,
    log: {
      info: (message) => io.info(message),
      warning: (message) => io.annotate({ severity: 'warning', title: 'fis-gate', message }),
      group: (name, run) => io.group(name, run)
    },
    saveState: dependencies.saveState,
    cancellation: dependencies.cancellation,
    limits: callLimits(dependencies.cancellation, inputs.timeout.ms, () => clock.now()),
    workflow,
    region: inputs.region,
    random: dependencies.random ?? Math.random
  }
  // Saved before anything exists in AWS, so a killed step always leaves post its run tag.
  const state = new RunStateRecorder(
    {
      region: inputs.region,
      runTag: runTag(context),
      cleanup: inputs.cleanup || mode === 'plan',
      experiments: [],
      templates: []
    },
    dependencies.saveState
  )

  const runs: ExperimentRun[] = []
  try {
    const account = await callerAccount(context)
    for (const experiment of validation.experiments) {
      const title = `${mode === 'plan' ? 'Plan' : 'Run'} ${experiment.source.file}`
      const judged = await io.group(title, () =>
        judgeExperiment(context, inputs, mode, experiment, account, state, runs).catch(
          (error: unknown) =>
            refused(
              experiment.source,
              mode,
              `fis-gate failed on this file (${excerpt(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 200)}); the post step stops anything it started. This is a bug in fis-gate ${ACTION_VERSION}: please report it with this version; the other files ran as usual`
            )
        )
      )
      const run = cancelledBeforeStart(judged, context.cancellation.aborted)
      io.info(`${run.verdict.toUpperCase()}  ${run.file}: ${run.reason}`)
      runs.push(run)
    }
  } finally {
    clients.destroy()
  }
  return finish(runs, validation.experiments)
}
