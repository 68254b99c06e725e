/**
 * One experiment, start to end: create the template (tagged, idempotent), start it with a
 * deterministic client token, save its id for the post step at once, watch it within the
 * timeout, stop it on timeout or cancellation, gather the stop-condition evidence, delete the
 * template, and decide the verdict.
 */
import { PageGuard } from '../aws/pages.js'
import { DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch'
import {
  CreateExperimentTemplateCommand,
  DeleteExperimentTemplateCommand,
  GetExperimentCommand,
  ListExperimentResolvedTargetsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  type CreateExperimentTemplateCommandInput,
  type GetExperimentCommandOutput,
  type Experiment
} from '@aws-sdk/client-fis'
import { createHash } from 'node:crypto'
import { describeAwsError, errorName } from '../aws/errors.js'
import { withMembersAsWritten } from '../aws/members-as-written.js'
import { excerpt } from '../experiment/excerpt.js'
import type { JsonObject } from '../experiment/json-source.js'
import type { Hypothesis } from '../hypothesis/definition.js'
import type { RunContext } from './context.js'
import type {
  ActionOutcome,
  AlarmObservation,
  ExperimentRun,
  ResolvedResource,
  TimelineEvent
} from './model.js'
import { ACTIVE_STATES, TERMINAL_STATES } from './model.js'
import {
  alarmEvents,
  alarmNameOf,
  experimentEvents,
  inTimeOrder,
  timed,
  type AlarmSnapshot,
  type ExperimentSnapshot
} from './observe.js'
import {
  breachWhileRunning,
  evaluateAfterExperiment,
  withAbortBreach,
  type RunningBreach
} from './hypothesis-run.js'
import { describeAlarms } from './preflight.js'
import { listExperiments } from './fis-listing.js'
import { isTransient, retryUntilDeadline } from './retry.js'
import type { RunStateRecorder } from './state-recorder.js'
import { TAG } from './state.js'
import { decideVerdict, type Observed } from './verdict.js'

export interface ExperimentPlan {
  file: string
  name: string
  mode: 'plan' | 'run'
  /** The FIS-ready template to create, or an existing template to run as-is. */
  template?: JsonObject
  templateId?: string
  alarmArns: string[]
  timeoutMs: number
  timeoutText: string
  pollIntervalMs: number
  /** Delete the template fis-gate created once the experiment ends (plan always does). */
  cleanup: boolean
  lockKey?: string
  /** Run mode: judged after the experiment; abortOnBreach checks also while it runs. */
  hypothesis?: Hypothesis
  /**
   * Why the experiment FIS actually runs must not go on (checked on every poll until a stop):
   * it is not what preflight checked, or plan's skip-all did not take effect.
   */
  refusalOf?(experiment: Experiment, snapshot: ExperimentSnapshot): string | undefined
}

/** After a stop request, how long to wait for FIS to reach a terminal state before reporting. */
const STOP_WAIT_MS = 60_000
/** Within the runner's 7.5 s between SIGINT and SIGTERM, leave time to write the reports. */
const CANCEL_WAIT_MS = 4_000

/**
 * Identical for every retry of one call in this step, distinct per job execution (see
 * WorkflowRun.execution), per file and per resolved template, so two matrix legs with different
 * `vars` or environments each start their own experiment. FIS allows 64 characters.
 */
function clientToken(context: RunContext, plan: ExperimentPlan, purpose: string): string {
  const { repository, job, execution, runId, runAttempt } = context.workflow
  const resolved = plan.templateId ?? JSON.stringify(plan.template ?? {})
  const digest = createHash('sha256')
    .update([repository, job, execution, plan.mode, plan.file, resolved, purpose].join('\0'))
    .digest('hex')
    .slice(0, 20)
  return `fis-gate-${runId.slice(0, 20)}-${runAttempt.slice(0, 4)}-${digest}`
}

/** This job execution's tag: what its post step, and no other job's, cleans up. */
export function runTag(context: RunContext): string {
  const { repository, runId, runAttempt, job, execution } = context.workflow
  // FIS tag values hold 256 characters: the long parts give way, never the execution.
  return `${repository.slice(0, 140)}#${runId.slice(0, 20)}.${runAttempt.slice(0, 6)}/${job.slice(0, 70)}/${execution}`
}

function tagsFor(context: RunContext, plan: ExperimentPlan): Record<string, string> {
  return {
    [TAG.repository]: context.workflow.repository,
    [TAG.runId]: context.workflow.runId,
    [TAG.sha]: context.workflow.sha,
    [TAG.experiment]: plan.name.slice(0, 256),
    [TAG.run]: runTag(context),
    [TAG.lock]: plan.lockKey ?? `${context.region}`,
    // What `mode: sweep` needs to judge a leftover: the limit this run gave it.
    [TAG.timeout]: String(Math.round(plan.timeoutMs / 1000)),
    ...(plan.cleanup || plan.mode === 'plan' ? {} : { [TAG.cleanup]: 'false' })
  }
}

/** A time from AWS, or undefined when it is missing or not a valid date. */
const epoch = (date: Date | undefined): number | undefined => {
  const time = date?.getTime()
  return time !== undefined && Number.isFinite(time) ? time : undefined
}

function snapshotOf(experiment: Experiment): ExperimentSnapshot {
  const actions: ActionOutcome[] = Object.entries(experiment.actions ?? {}).map(
    ([name, action]) => ({
      name,
      actionId: action.actionId ?? '',
      status: action.state?.status ?? 'unknown',
      reason: action.state?.reason,
      startTime: epoch(action.startTime),
      endTime: epoch(action.endTime)
    })
  )
  return {
    status: experiment.state?.status ?? 'unknown',
    reason: experiment.state?.reason,
    startTime: epoch(experiment.startTime),
    endTime: epoch(experiment.endTime),
    actions
  }
}

function describeEvent(event: TimelineEvent): string {
  // The log shows what the timeline holds: FIS's or CloudWatch's time, or none.
  const time =
    event.time === undefined
      ? 'no AWS time'.padEnd(20)
      : new Date(event.time).toISOString().replace('.000Z', 'Z')
  const change = event.from ? `${event.from} → ${event.to}` : event.to
  // Names and details come from AWS: a bounded excerpt, never the whole text.
  const detail = event.detail ? ` (${excerpt(event.detail, 300)})` : ''
  return `${time}  ${event.source.padEnd(10)} ${excerpt(event.name, 200)}: ${change}${detail}`
}

interface AlarmHistoryEntry {
  name: string
  time: number
  from?: string
  to: string
  summary?: string
}

async function alarmHistory(
  context: RunContext,
  name: string,
  start: number,
  end: number
): Promise<AlarmHistoryEntry[]> {
  const entries: AlarmHistoryEntry[] = []
  const pages = new PageGuard('CloudWatch DescribeAlarmHistory')
  let nextToken: string | undefined
  do {
    const page = await context.clients.cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: name,
        HistoryItemType: 'StateUpdate',
        StartDate: new Date(start),
        EndDate: new Date(end),
        ScanBy: 'TimestampAscending',
        NextToken: nextToken
      }),
      context.limits.mustFinish()
    )
    for (const item of page.AlarmHistoryItems ?? []) {
      let data: { oldState?: { stateValue?: string }; newState?: { stateValue?: string } } = {}
      try {
        data = JSON.parse(item.HistoryData ?? '{}') as typeof data
      } catch {
        continue
      }
      const time = epoch(item.Timestamp)
      if (!data.newState?.stateValue || time === undefined) continue
      entries.push({
        name,
        time,
        from: data.oldState?.stateValue,
        to: data.newState.stateValue,
        summary: item.HistorySummary
      })
    }
    nextToken = pages.next(page.NextToken)
  } while (nextToken)
  return entries
}

/** Adds the alarm history the polls missed; inTimeOrder places it among the FIS events. */
function mergeHistory(timeline: TimelineEvent[], history: AlarmHistoryEntry[]): void {
  for (const entry of history) {
    if (
      timeline.some(
        (event) =>
          event.source === 'alarm' &&
          event.name === entry.name &&
          event.to === entry.to &&
          event.time === entry.time
      )
    )
      continue
    timeline.push({
      time: entry.time,
      source: 'alarm',
      name: entry.name,
      from: entry.from,
      to: entry.to,
      detail: entry.summary
    })
  }
}

export async function runExperiment(
  context: RunContext,
  plan: ExperimentPlan,
  state: RunStateRecorder
): Promise<ExperimentRun> {
  const timeline: TimelineEvent[] = []
  const result: ExperimentRun = {
    file: plan.file,
    name: plan.name,
    mode: plan.mode,
    verdict: 'error',
    reason: '',
    templateCreated: false,
    templateDeleted: false,
    actions: [],
    alarms: [],
    timeline,
    region: context.region
  }
  /** fis-gate's own steps: at the FIS time of what the step made, when FIS gave one, else untimed. */
  const note = (to: string, detail?: string, fisTime?: number): void => {
    const event: TimelineEvent = {
      ...timed(fisTime),
      source: 'fis-gate',
      name: 'fis-gate',
      to,
      detail
    }
    timeline.push(event)
    context.log.info(describeEvent(event))
  }
  const fail = (reason: string): ExperimentRun =>
    Object.assign(result, { verdict: 'error', reason })

  if (context.cancellation.aborted)
    return Object.assign(result, {
      verdict: 'cancelled',
      reason: 'The workflow was cancelled before the experiment started'
    })

  // 1. The template: created from the file (tagged, idempotent on retry) or used as-is.
  let templateId = plan.templateId
  let templateCreatedAt: number | undefined
  if (!templateId && plan.template) {
    const { clientToken: _ignored, tags, ...template } = plan.template
    // Sent as written: the pinned client would drop the members it does not know.
    const input: JsonObject = {
      ...template,
      clientToken: clientToken(context, plan, 'template'),
      tags: { ...(tags as JsonObject | undefined), ...tagsFor(context, plan) }
    }
    try {
      const created = await context.clients.fis.send(
        withMembersAsWritten(
          new CreateExperimentTemplateCommand(
            input as unknown as CreateExperimentTemplateCommandInput
          ),
          input
        ),
        // Finished even on a cancel: a template created unseen would be left behind.
        context.limits.mustFinish()
      )
      templateId = created.experimentTemplate?.id
      templateCreatedAt = epoch(created.experimentTemplate?.creationTime)
    } catch (error) {
      return fail(describeAwsError('FIS CreateExperimentTemplate', error))
    }
    if (!templateId) return fail('FIS CreateExperimentTemplate returned no template id')
    result.templateCreated = true
    state.addTemplate({ templateId, file: plan.file, deleted: false })
    note('template created', templateId, templateCreatedAt)
  }
  if (!templateId) return fail('Nothing to run: the file has no template')
  result.templateId = templateId

  try {
    await startAndWatch(context, plan, state, result, templateId, note)
  } finally {
    // A template that never ran (cancelled before the start) is deleted even without cleanup.
    const unused = result.experimentId === undefined && result.verdict === 'cancelled'
    const deleteTemplate =
      result.templateCreated && (plan.cleanup || plan.mode === 'plan' || unused)
    const ended = result.status !== undefined && TERMINAL_STATES.has(result.status)
    if (deleteTemplate && (ended || result.experimentId === undefined)) {
      try {
        await context.clients.fis.send(
          new DeleteExperimentTemplateCommand({ id: templateId }),
          context.limits.mustFinish()
        )
        result.templateDeleted = true
        state.markTemplateDeleted(templateId)
        note('template deleted', templateId)
      } catch (error) {
        // A retry after a lost answer finds it gone: deleted all the same.
        if (errorName(error) === 'ResourceNotFoundException') {
          result.templateDeleted = true
          state.markTemplateDeleted(templateId)
        } else
          context.log.warning(
            `${describeAwsError('FIS DeleteExperimentTemplate', error)}; the post step tries again`
          )
      }
    }
    result.timeline = inTimeOrder(timeline)
  }
  return result
}

async function startAndWatch(
  context: RunContext,
  plan: ExperimentPlan,
  state: RunStateRecorder,
  result: ExperimentRun,
  templateId: string,
  note: (to: string, detail?: string, fisTime?: number) => void
): Promise<void> {
  // A signal that arrived while the template was being created: nothing is started, and the
  // template is deleted on the way out.
  if (context.cancellation.aborted) {
    Object.assign(result, {
      verdict: 'cancelled',
      reason: 'The workflow was cancelled before the experiment started; nothing was started'
    })
    return
  }
  // 2. Start. The deterministic client token makes every retry of this call the same start.
  const command = new StartExperimentCommand({
    experimentTemplateId: templateId,
    clientToken: clientToken(context, plan, 'experiment'),
    tags: tagsFor(context, plan)
  })
  let experimentId: string | undefined
  let startedAt: number | undefined
  state.addPendingStart({ templateId, file: plan.file })
  try {
    const started = await context.clients.fis.send(
      plan.mode === 'plan'
        ? withMembersAsWritten(command, { experimentOptions: { actionsMode: 'skip-all' } })
        : command,
      context.limits.cancellable()
    )
    experimentId = started.experiment?.id
    startedAt = epoch(started.experiment?.startTime ?? started.experiment?.creationTime)
  } catch (error) {
    await stopUncertainStart(context, plan, state, result, templateId, error)
    return
  }
  if (!experimentId) {
    Object.assign(result, {
      verdict: 'error',
      reason: 'FIS StartExperiment returned no experiment id'
    })
    return
  }
  result.experimentId = experimentId
  state.addExperiment({ experimentId, file: plan.file })
  state.resolvePendingStart(templateId)
  note(
    plan.mode === 'plan'
      ? 'experiment started (actionsMode skip-all: no fault is injected)'
      : 'experiment started',
    experimentId,
    startedAt
  )

  // 3. Cancellation stops the experiment at once, not at the next poll.
  let stopRequest: Promise<void> | undefined
  let stopError: string | undefined
  let stopRefusedAsEnded = false
  const requestStop = (why: string, until: number): Promise<void> => {
    stopRequest ??= retryUntilDeadline(
      () =>
        context.clients.fis.send(
          new StopExperimentCommand({ id: experimentId }),
          context.limits.mustFinish(until)
        ),
      { clock: context.clock, random: context.random, deadline: until, isRetryable: isTransient }
    )
      .then(() => note(`stop requested (${why})`, experimentId))
      .catch((error: unknown) => {
        // FIS refuses to stop an experiment that has already ended (ValidationException).
        stopRefusedAsEnded = errorName(error) === 'ValidationException'
        stopError = describeAwsError('FIS StopExperiment', error)
        context.log.warning(`${stopError}; fis-gate keeps watching ${experimentId}`)
      })
    return stopRequest
  }
  const onCancel = (): void =>
    void requestStop('workflow cancelled', context.clock.now() + CANCEL_WAIT_MS)
  context.cancellation.addEventListener('abort', onCancel, { once: true })

  try {
    // The timeout is the runner's to keep: its own clock, never compared with FIS's times.
    const deadline = context.clock.now() + plan.timeoutMs
    let stoppedBy: Observed['stoppedBy']
    let refusal: string | undefined
    let breach: RunningBreach | undefined
    let notJudged: Observed['notJudged']
    let stopDeadline = Infinity
    let previous: ExperimentSnapshot | undefined
    const alarmNames = plan.mode === 'run' ? plan.alarmArns.map(alarmNameOf) : []
    let alarms = new Map<string, AlarmSnapshot>()
    let experiment: Experiment | undefined

    for (;;) {
      if (context.cancellation.aborted && stoppedBy !== 'cancel') {
        // A cancel also cuts short a stop already under way: the runner's window is what is left.
        stoppedBy = 'cancel'
        stopDeadline = Math.min(stopDeadline, context.clock.now() + CANCEL_WAIT_MS)
        await requestStop('workflow cancelled', stopDeadline)
      }
      if (stoppedBy === undefined && context.clock.now() >= deadline) {
        stoppedBy = 'timeout'
        stopDeadline = context.clock.now() + STOP_WAIT_MS
        context.log.warning(
          `${plan.file}: the experiment is still running after ${plan.timeoutText} (timeout); stopping it`
        )
        await requestStop(`timeout ${plan.timeoutText}`, stopDeadline)
      }
      try {
        const polled: GetExperimentCommandOutput = await retryUntilDeadline(
          () =>
            context.clients.fis.send(
              new GetExperimentCommand({ id: experimentId }),
              // Once stopping, polls confirm the stop and outlive a cancellation.
              stoppedBy
                ? context.limits.mustFinish(stopDeadline)
                : context.limits.cancellable(deadline)
            ),
          {
            clock: context.clock,
            random: context.random,
            deadline: Math.min(stoppedBy ? stopDeadline : deadline, context.clock.now() + 300_000),
            isRetryable: isTransient,
            onRetry: (error, attempt) =>
              context.log.warning(`GetExperiment failed (${errorName(error)}), retry ${attempt}`)
          }
        )
        // An answer about another experiment is no answer about this one.
        if (polled.experiment?.id === experimentId) experiment = polled.experiment
        else
          context.log.warning(
            `GetExperiment ${experimentId} answered about ${excerpt(String(polled.experiment?.id), 100)}; ignored`
          )
      } catch (error) {
        // A poll cut short by a cancel: the next turn of the loop stops the experiment.
        if (!isTransient(error) && !(context.cancellation.aborted && stoppedBy === undefined)) {
          if (!stoppedBy) await requestStop('cannot watch it', context.clock.now() + STOP_WAIT_MS)
          Object.assign(result, {
            verdict: 'error',
            reason: `${describeAwsError('FIS GetExperiment', error)}; fis-gate asked FIS to stop ${experimentId} and cannot confirm that it ended`,
            stopNotConfirmed: { lastState: previous?.status ?? 'unknown', stopError }
          })
          return
        }
        // A run of failures past the retry window: keep watching until the deadline.
      }
      if (experiment) {
        const snapshot = snapshotOf(experiment)
        for (const event of experimentEvents(previous, snapshot)) {
          result.timeline.push(event)
          context.log.info(describeEvent(event))
        }
        previous = snapshot
        if (!stoppedBy) refusal = plan.refusalOf?.(experiment, snapshot)
        if (refusal && !stoppedBy) {
          stoppedBy = 'refusal'
          stopDeadline = context.clock.now() + STOP_WAIT_MS
          context.log.warning(`${plan.file}: ${refusal}; stopping it`)
          if (!TERMINAL_STATES.has(snapshot.status)) await requestStop('refused', stopDeadline)
        }
        // Once a stop's window has passed, an alarm read could only time out and warn.
        const stopWindowOver = stoppedBy !== undefined && context.clock.now() >= stopDeadline
        if (alarmNames.length && !TERMINAL_STATES.has(snapshot.status) && !stopWindowOver) {
          try {
            const calls = stoppedBy
              ? context.limits.mustFinish(stopDeadline)
              : context.limits.cancellable(deadline)
            const current = [...(await describeAlarms(context, alarmNames, calls)).values()].map(
              (alarm) => ({ ...alarm })
            )
            for (const event of alarmEvents(alarms, current, snapshot.startTime)) {
              result.timeline.push(event)
              context.log.info(describeEvent(event))
            }
            alarms = new Map(current.map((alarm) => [alarm.name, alarm]))
          } catch (error) {
            context.log.warning(describeAwsError('CloudWatch DescribeAlarms', error))
          }
        }
        if (TERMINAL_STATES.has(snapshot.status)) break
        if (
          plan.mode === 'run' &&
          plan.hypothesis &&
          !stoppedBy &&
          snapshot.status === 'running' &&
          snapshot.startTime !== undefined
        ) {
          try {
            const breached = await breachWhileRunning(
              context,
              plan.hypothesis,
              snapshot.startTime,
              deadline
            )
            if (breached) {
              breach = breached
              stoppedBy = 'hypothesis'
              stopDeadline = context.clock.now() + STOP_WAIT_MS
              context.log.warning(
                `${plan.file}: check "${breached.check}" breached while running (abortOnBreach): ${breached.result.reason}`
              )
              await requestStop(`check "${breached.check}" breached`, stopDeadline)
            }
          } catch (error) {
            context.log.warning(describeAwsError('CloudWatch GetMetricData', error))
          }
        }
      }
      const now = context.clock.now()
      if (stoppedBy && now >= stopDeadline) {
        context.log.warning(
          `${plan.file}: ${experimentId} has not reached a terminal state yet; the post step makes sure it is stopped`
        )
        break
      }
      if (!stoppedBy && now >= deadline) continue
      const interval = stoppedBy ? 1000 : plan.pollIntervalMs * (0.8 + 0.4 * context.random())
      await context.clock.sleep(
        Math.max(0, Math.min(interval, (stoppedBy ? stopDeadline : deadline) - now)),
        stoppedBy ? undefined : context.cancellation
      )
    }

    // The experiment has ended (or is past saving): a cancel from here on stops nothing.
    context.cancellation.removeEventListener('abort', onCancel)
    const final = previous ?? { status: 'unknown', actions: [] }
    // A timeout stop FIS refused because the experiment had already ended (the polls could not
    // see it): it ended within the timeout, and FIS's outcome decides.
    if (stoppedBy === 'timeout' && stopRefusedAsEnded && TERMINAL_STATES.has(final.status)) {
      stoppedBy = undefined
      stopError = undefined
    }
    Object.assign(result, {
      status: final.status,
      statusReason: final.reason,
      startTime: final.startTime,
      endTime: final.endTime,
      actions: final.actions
    })
    const stopNotConfirmed = stoppedBy !== undefined && !TERMINAL_STATES.has(final.status)
    if (stopNotConfirmed) result.stopNotConfirmed = { lastState: final.status, stopError }

    // 4. Evidence: did a stop-condition alarm fire while the experiment ran? From CloudWatch, never
    // from reason text. Not after a cancel: the verdict is cancelled, and the runner's time is short.
    let evidenceUnreadable: string | undefined
    if (
      plan.mode === 'run' &&
      alarmNames.length &&
      final.startTime !== undefined &&
      stoppedBy !== 'cancel'
    ) {
      const evidence = await alarmEvidence(
        context,
        plan.alarmArns,
        final.startTime,
        final.endTime ?? context.clock.now(),
        result.timeline
      )
      result.alarms = evidence.observations
      evidenceUnreadable = evidence.unreadable
    }
    const judged = final.status === 'completed' || final.status === 'stopped'
    if (
      plan.mode === 'run' &&
      plan.hypothesis &&
      final.startTime !== undefined &&
      judged &&
      stoppedBy !== 'cancel' &&
      stoppedBy !== 'timeout'
    ) {
      note('evaluating the hypothesis', 'waiting for every judged period to be ingested')
      const after = await evaluateAfterExperiment(
        context,
        plan.hypothesis,
        final.startTime,
        final.endTime ?? context.clock.now(),
        plan.pollIntervalMs,
        { ms: plan.timeoutMs, text: plan.timeoutText }
      )
      if (!after.judged) notJudged = after
      else result.hypothesis = breach ? withAbortBreach(after.evidence, breach) : after.evidence
    }
    if (plan.mode === 'plan' && final.status === 'completed') {
      try {
        result.resolvedTargets = await resolvedTargets(context, experimentId)
      } catch (error) {
        Object.assign(result, {
          verdict: context.cancellation.aborted ? 'cancelled' : 'error',
          reason: context.cancellation.aborted
            ? 'The workflow was cancelled while the resolved targets were read'
            : describeAwsError('FIS ListExperimentResolvedTargets', error)
        })
        return
      }
    }
    const decision = decideVerdict({
      mode: plan.mode,
      status: final.status,
      statusReason: final.reason,
      errorCode:
        experiment?.state && 'error' in experiment.state
          ? (experiment.state as { error?: { code?: string } }).error?.code
          : undefined,
      actions: final.actions,
      alarms: result.alarms,
      stoppedBy,
      refusal,
      stopNotConfirmed,
      stopRequested: stopRequest !== undefined,
      stopError,
      evidenceUnreadable,
      timeoutText: plan.timeoutText,
      breach: breach && { check: breach.check, reason: breach.result.reason },
      hypothesis: result.hypothesis,
      notJudged
    })
    Object.assign(result, decision)
  } finally {
    context.cancellation.removeEventListener('abort', onCancel)
    if (stopRequest) await stopRequest
  }
}

/**
 * StartExperiment ended without an answer (cancelled in flight, out of time, a dropped
 * connection after the SDK's retries): FIS may have started it anyway. Whatever this run's tag
 * finds active for this template is recorded for the post step and stopped; a refusal from FIS
 * (validation, permissions, quota) started nothing.
 */
async function stopUncertainStart(
  context: RunContext,
  plan: ExperimentPlan,
  state: RunStateRecorder,
  result: ExperimentRun,
  templateId: string,
  error: unknown
): Promise<void> {
  const cancelled = context.cancellation.aborted
  const failure = describeAwsError('FIS StartExperiment', error)
  if (!cancelled && !isTransient(error)) {
    state.resolvePendingStart(templateId)
    Object.assign(result, { verdict: 'error', reason: failure })
    return
  }
  const verdict = cancelled ? 'cancelled' : 'error'
  let found: string[]
  try {
    found = (await listExperiments(context.clients.fis, () => context.limits.mustFinish())).flatMap(
      (experiment) =>
        experiment.id &&
        experiment.experimentTemplateId === templateId &&
        experiment.tags?.[TAG.run] === runTag(context) &&
        ACTIVE_STATES.has(experiment.state?.status ?? '')
          ? [experiment.id]
          : []
    )
  } catch (listError) {
    Object.assign(result, {
      verdict,
      reason: `${failure}; FIS may have started it, and ${describeAwsError('FIS ListExperiments', listError)}: the post step looks for it by this run's tag`
    })
    return
  }
  const stopped: string[] = []
  for (const id of found) {
    state.addExperiment({ experimentId: id, file: plan.file })
    try {
      await context.clients.fis.send(new StopExperimentCommand({ id }), context.limits.mustFinish())
      stopped.push(id)
    } catch (stopError) {
      context.log.warning(describeAwsError(`FIS StopExperiment ${id}`, stopError))
      result.experimentId = id
      result.stopNotConfirmed = {
        lastState: 'unknown',
        stopError: describeAwsError('FIS StopExperiment', stopError)
      }
    }
  }
  if (found.length) state.resolvePendingStart(templateId)
  result.experimentId ??= found[0]
  const outcome = found.length
    ? stopped.length === found.length
      ? `FIS had started ${found.join(', ')}, and fis-gate asked FIS to stop it; the post step confirms it ended`
      : `FIS had started ${found.join(', ')}, and fis-gate could not stop it`
    : 'no experiment of this run is active for the template; the post step looks again'
  Object.assign(result, { verdict, reason: `${failure}; ${outcome}` })
}

async function alarmEvidence(
  context: RunContext,
  alarmArns: readonly string[],
  start: number,
  end: number,
  timeline: TimelineEvent[]
): Promise<{ observations: AlarmObservation[]; unreadable?: string }> {
  const names = alarmArns.map(alarmNameOf)
  let current = new Map<string, { state: string; reason?: string; transitionedAt?: number }>()
  let unreadable: string | undefined
  // Read even when a cancel arrives now: the verdict of an ended experiment rests on them.
  try {
    current = await describeAlarms(context, names, context.limits.mustFinish())
  } catch (error) {
    unreadable = describeAwsError('CloudWatch DescribeAlarms', error)
    context.log.warning(unreadable)
  }
  const observations: AlarmObservation[] = []
  for (const [index, name] of names.entries()) {
    let history: AlarmHistoryEntry[] = []
    try {
      history = await alarmHistory(context, name, start, end + 60_000)
    } catch (error) {
      unreadable ??= describeAwsError('CloudWatch DescribeAlarmHistory', error)
      context.log.warning(describeAwsError('CloudWatch DescribeAlarmHistory', error))
    }
    mergeHistory(
      timeline,
      history.filter((entry) => entry.time <= end + 60_000)
    )
    const alarm = current.get(name)
    const firedInHistory = history.find(
      (entry) => entry.to === 'ALARM' && entry.time >= start && entry.time <= end + 60_000
    )
    const inAlarmNow = alarm?.state === 'ALARM' && (alarm.transitionedAt ?? 0) <= end + 60_000
    const seenByPolls = timeline.find(
      (event) => event.source === 'alarm' && event.name === name && event.to === 'ALARM'
    )
    const firedAt =
      firedInHistory?.time ?? (inAlarmNow ? alarm.transitionedAt : undefined) ?? seenByPolls?.time
    observations.push({
      name,
      arn: alarmArns[index] as string,
      state: alarm?.state,
      stateReason: alarm?.reason,
      firedDuringExperiment:
        firedInHistory !== undefined || inAlarmNow || seenByPolls !== undefined,
      ...(firedAt !== undefined ? { firedAt } : {})
    })
  }
  return { observations, unreadable }
}

async function resolvedTargets(
  context: RunContext,
  experimentId: string
): Promise<ResolvedResource[]> {
  const resources: ResolvedResource[] = []
  const pages = new PageGuard('FIS ListExperimentResolvedTargets')
  let nextToken: string | undefined
  do {
    const page = await context.clients.fis.send(
      new ListExperimentResolvedTargetsCommand({ experimentId, maxResults: 100, nextToken }),
      context.limits.cancellable()
    )
    for (const target of page.resolvedTargets ?? []) {
      const information = target.targetInformation ?? {}
      resources.push({
        targetName: target.targetName ?? '?',
        resourceType: target.resourceType ?? '?',
        identifier:
          information.arn ??
          Object.entries(information)
            .map(([key, value]) => `${key}=${value}`)
            .join(', ')
      })
    }
    nextToken = pages.next(page.nextToken)
  } while (nextToken)
  return resources
}
