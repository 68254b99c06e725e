/**
 * The experiment state machine, run as a discrete-event simulation over the emulator's clock.
 *
 * Experiments go initiating -> running -> completed, or stopping -> stopped, or failed. Actions
 * go pending -> initiating -> running -> completed | failed | skipped | cancelled | stopping ->
 * stopped, in startAfter order, each running for its duration parameter. Nothing runs on timers:
 * every request first calls `advanceTo(now)`, which replays all events (action ends, alarm state
 * changes, stop completions) in time order up to now. Ordering matters because effects feed back:
 * a running action can trip an alarm that stops the experiment that runs the action.
 */
import { alarmArn, type AlarmBoard, type FaultHistory } from './alarms.js'
import { findAction } from './catalog.js'
import type { Clock } from './clock.js'
import { parseDuration } from './duration.js'
import { hashToUnit, randomId } from './random.js'
import type { ActionOutcomeModel, Interval, ScenarioModel } from './scenario.js'
import { resolveTarget } from './targets.js'
import type { TemplateAction, TemplateContent } from './templates.js'

export type ExperimentStatus =
  'initiating' | 'running' | 'completed' | 'stopping' | 'stopped' | 'failed'

export type ActionStatus =
  | 'pending'
  | 'initiating'
  | 'running'
  | 'completed'
  | 'cancelled'
  | 'skipped'
  | 'stopping'
  | 'stopped'
  | 'failed'

export type ActionsMode = 'run-all' | 'skip-all'

export interface ActionRecord extends TemplateAction {
  name: string
  status: ActionStatus
  reason: string
  startTime?: number
  /** When the fault became active (the end of `initiating`). */
  runningSince?: number
  endTime?: number
  /** Milliseconds of the emulator's clock the action runs (0 for instantaneous actions). */
  durationMs: number
  /** When the current phase (initiating or running) ends. */
  dueAt?: number
}

export interface ResolvedTarget {
  targetName: string
  resourceType: string
  arn: string
}

export interface ExperimentRecord {
  id: string
  arn: string
  templateId: string
  clientToken: string
  template: TemplateContent
  actionsMode: ActionsMode
  tags: Record<string, string>
  status: ExperimentStatus
  reason: string
  creationTime: number
  startTime: number
  endTime?: number
  actions: ActionRecord[]
  resolvedTargets: ResolvedTarget[]
  /** When the current experiment-level phase (initiating or stopping) ends. */
  dueAt?: number
}

export interface StartRequest {
  templateId: string
  template: TemplateContent
  clientToken: string
  actionsMode: ActionsMode
  tags: Record<string, string>
}

const ACTIVE: ReadonlySet<ExperimentStatus> = new Set(['initiating', 'running', 'stopping'])
const WATCHED: ReadonlySet<ExperimentStatus> = new Set(['initiating', 'running'])
const FINISHED_ACTION: ReadonlySet<ActionStatus> = new Set([
  'completed',
  'cancelled',
  'skipped',
  'stopped',
  'failed'
])

/** An experiment as tests and the control API see it; times are epoch milliseconds. */
export type ExperimentView = Pick<
  ExperimentRecord,
  | 'id'
  | 'arn'
  | 'templateId'
  | 'clientToken'
  | 'actionsMode'
  | 'tags'
  | 'status'
  | 'reason'
  | 'creationTime'
  | 'startTime'
  | 'endTime'
  | 'resolvedTargets'
> & {
  actions: Record<
    string,
    Pick<ActionRecord, 'actionId' | 'status' | 'reason' | 'startTime' | 'endTime'>
  >
}

export function experimentView(record: ExperimentRecord): ExperimentView {
  return structuredClone({
    id: record.id,
    arn: record.arn,
    templateId: record.templateId,
    clientToken: record.clientToken,
    actionsMode: record.actionsMode,
    tags: record.tags,
    status: record.status,
    reason: record.reason,
    creationTime: record.creationTime,
    startTime: record.startTime,
    endTime: record.endTime,
    actions: Object.fromEntries(
      record.actions.map((action) => [
        action.name,
        {
          actionId: action.actionId,
          status: action.status,
          reason: action.reason,
          startTime: action.startTime,
          endTime: action.endTime
        }
      ])
    ),
    resolvedTargets: record.resolvedTargets
  })
}

export function isActive(experiment: ExperimentRecord): boolean {
  return ACTIVE.has(experiment.status)
}

export class ExperimentEngine implements FaultHistory {
  private readonly records: ExperimentRecord[] = []
  private simulatedUntil: number
  private alarms: AlarmBoard | undefined
  private readonly initiationDelay: number
  private readonly stopDelay: number

  constructor(
    private readonly scenario: ScenarioModel,
    private readonly random: () => number,
    private readonly clock: Clock
  ) {
    this.simulatedUntil = clock.anchor
    this.initiationDelay = clock.serviceDuration(scenario.initiationDelayMs)
    this.stopDelay = clock.serviceDuration(scenario.stopDelayMs)
  }

  /** Alarms and experiments depend on each other; the board is attached once both exist. */
  attachAlarms(alarms: AlarmBoard): void {
    this.alarms = alarms
  }

  all(): readonly ExperimentRecord[] {
    return this.records
  }

  find(id: string): ExperimentRecord | undefined {
    return this.records.find((record) => record.id === id)
  }

  activeCount(): number {
    return this.records.filter(isActive).length
  }

  start(request: StartRequest, now: number): ExperimentRecord {
    const id = randomId('EXP', this.random)
    const record: ExperimentRecord = {
      id,
      arn: `arn:aws:fis:${this.scenario.region}:${this.scenario.account}:experiment/${id}`,
      templateId: request.templateId,
      clientToken: request.clientToken,
      template: request.template,
      actionsMode: request.actionsMode,
      tags: request.tags,
      status: 'initiating',
      reason: 'Experiment is initiating.',
      creationTime: now,
      startTime: now,
      actions: Object.entries(request.template.actions).map(([name, action]) => ({
        ...action,
        name,
        status: 'pending',
        reason: 'Initial state',
        durationMs: this.clock.serviceDuration(durationOf(action))
      })),
      resolvedTargets: [],
      dueAt: now + this.initiationDelay
    }
    this.records.push(record)
    return record
  }

  /** StopExperiment: running actions wind down, pending ones are cancelled. */
  stop(record: ExperimentRecord, now: number, reason: string): void {
    if (!WATCHED.has(record.status)) return
    record.status = 'stopping'
    record.reason = reason
    for (const action of record.actions) {
      if (action.status === 'initiating' || action.status === 'running') {
        action.status = 'stopping'
        action.reason = 'Action is stopping.'
        action.dueAt = undefined
      } else if (action.status === 'pending') {
        action.status = 'cancelled'
        action.reason = 'The experiment stopped before the action started.'
      }
    }
    record.dueAt = now + this.stopDelay
  }

  /** Replays every event up to `now`, in time order. */
  advanceTo(now: number): void {
    for (;;) {
      this.checkStopConditions(this.simulatedUntil)
      const next = this.nextEventTime()
      if (next === undefined || next > now) break
      this.simulatedUntil = Math.max(this.simulatedUntil, next)
      for (const record of this.records) this.applyDue(record, this.simulatedUntil)
    }
    this.simulatedUntil = Math.max(this.simulatedUntil, now)
  }

  injectionStarts(): number[] {
    return this.records
      .filter((record) => record.actionsMode === 'run-all')
      .map((record) => record.startTime)
      .sort((a, b) => a - b)
  }

  runningIntervals(actionRefs: readonly string[]): Interval[] {
    const intervals: Interval[] = []
    for (const record of this.records) {
      if (record.actionsMode !== 'run-all') continue
      for (const action of record.actions) {
        const matches = actionRefs.includes(action.name) || actionRefs.includes(action.actionId)
        if (matches && action.runningSince !== undefined) {
          intervals.push({ start: action.runningSince, end: action.endTime ?? Infinity })
        }
      }
    }
    return intervals
  }

  private nextEventTime(): number | undefined {
    const times: number[] = []
    for (const record of this.records) {
      if (record.dueAt !== undefined) times.push(record.dueAt)
      if (record.status === 'running') {
        for (const action of record.actions)
          if (action.dueAt !== undefined) times.push(action.dueAt)
      }
      if (WATCHED.has(record.status) && this.alarms) {
        const alarmChange = this.alarms.nextEventAfter(stopAlarmNames(record), this.simulatedUntil)
        if (alarmChange !== undefined) times.push(alarmChange)
      }
    }
    return times.length ? Math.min(...times) : undefined
  }

  private applyDue(record: ExperimentRecord, time: number): void {
    if (record.status === 'initiating' && record.dueAt !== undefined && record.dueAt <= time) {
      this.beginRunning(record, record.dueAt)
    }
    if (record.status === 'running') this.progressActions(record, time)
    if (record.status === 'stopping' && record.dueAt !== undefined && record.dueAt <= time) {
      this.finishStop(record, record.dueAt)
    }
  }

  private checkStopConditions(time: number): void {
    if (!this.alarms) return
    for (const record of this.records) {
      if (!WATCHED.has(record.status)) continue
      for (const name of stopAlarmNames(record)) {
        const alarm = this.alarms.find(name)
        if (alarm && this.alarms.statusAt(alarm, time).state === 'ALARM') {
          const arn = alarmArn(this.scenario.region, this.scenario.account, name)
          this.stop(record, time, `Stop condition triggered: ${arn} is in ALARM.`)
          break
        }
      }
    }
  }

  private beginRunning(record: ExperimentRecord, time: number): void {
    record.dueAt = undefined
    const { empty, failure } = this.resolveTargets(record)
    if (failure !== undefined) {
      this.fail(record, time, failure)
      return
    }
    record.status = 'running'
    record.reason = 'Experiment is running.'
    for (const action of record.actions) {
      const emptyTarget = Object.values(action.targets).find((target) => empty.includes(target))
      if (record.actionsMode === 'skip-all') {
        skip(action, time, 'The experiment runs with actionsMode skip-all.')
      } else if (emptyTarget !== undefined) {
        skip(action, time, `Target ${emptyTarget} resolved to no resources.`)
      }
    }
    this.progressActions(record, time)
  }

  /**
   * Records every target's resources. Unknown ARNs always fail the experiment; a target that
   * resolves to nothing fails it too, unless the template skips such targets' actions.
   */
  private resolveTargets(record: ExperimentRecord): { empty: string[]; failure?: string } {
    const empty: string[] = []
    const problems: string[] = []
    for (const [targetName, target] of Object.entries(record.template.targets)) {
      const dice = (arn: string) => hashToUnit(this.scenario.seed, record.id, targetName, arn)
      const resolution = resolveTarget(target, this.scenario.resources, dice)
      if ('notFound' in resolution) {
        problems.push(
          `target ${targetName} names resources that do not exist: ${resolution.notFound.join(', ')}`
        )
        continue
      }
      if (resolution.arns.length === 0) empty.push(targetName)
      for (const arn of resolution.arns) {
        record.resolvedTargets.push({ targetName, resourceType: target.resourceType, arn })
      }
    }
    if (record.template.experimentOptions.emptyTargetResolutionMode !== 'skip') {
      problems.push(...empty.map((name) => `target ${name} resolved to no resources`))
    }
    const failure = problems.length
      ? `Target resolution failed: ${problems.join('; ')}.`
      : undefined
    return { empty, failure }
  }

  /** Moves actions along until nothing more is due at `time`. */
  private progressActions(record: ExperimentRecord, time: number): void {
    for (let changed = true; changed && record.status === 'running';) {
      changed = false
      const due = record.actions
        .filter((action) => action.dueAt !== undefined && action.dueAt <= time)
        .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0))
      const action = due[0]
      if (action?.dueAt !== undefined) {
        changed = true
        if (action.status === 'initiating') this.run(action, action.dueAt)
        else this.finish(record, action, action.dueAt)
        continue
      }
      for (const ready of record.actions.filter((candidate) => this.isReady(record, candidate))) {
        changed = true
        this.initiate(ready, this.readyTime(record, ready))
      }
      if (record.actions.every((candidate) => FINISHED_ACTION.has(candidate.status))) {
        const ends = record.actions.map((candidate) => candidate.endTime ?? record.startTime)
        this.conclude(
          record,
          'completed',
          Math.max(record.startTime, ...ends),
          'Experiment completed.'
        )
      }
    }
  }

  private isReady(record: ExperimentRecord, action: ActionRecord): boolean {
    return (
      action.status === 'pending' &&
      action.startAfter.every((name) => {
        const status = record.actions.find((candidate) => candidate.name === name)?.status
        return status === 'completed' || status === 'skipped'
      })
    )
  }

  private readyTime(record: ExperimentRecord, action: ActionRecord): number {
    const ends = record.actions
      .filter((candidate) => action.startAfter.includes(candidate.name))
      .map((candidate) => candidate.endTime ?? record.startTime)
    const runningSince = record.startTime + this.initiationDelay
    return Math.max(runningSince, ...ends)
  }

  private initiate(action: ActionRecord, time: number): void {
    const outcome = this.outcomeOf(action)
    if (outcome?.outcome === 'skip') {
      skip(action, time, outcome.reason ?? 'The action was skipped.')
      return
    }
    action.status = 'initiating'
    action.reason = 'Action is initiating.'
    action.startTime = time
    action.dueAt = time + this.initiationDelay
  }

  private run(action: ActionRecord, time: number): void {
    const outcome = this.outcomeOf(action)
    action.status = 'running'
    action.reason = 'Action is running.'
    action.runningSince = time
    action.dueAt =
      time +
      (outcome?.outcome === 'fail'
        ? this.clock.serviceDuration(outcome.afterMs)
        : action.durationMs)
  }

  private finish(record: ExperimentRecord, action: ActionRecord, time: number): void {
    action.dueAt = undefined
    action.endTime = time
    const outcome = this.outcomeOf(action)
    if (outcome?.outcome === 'fail') {
      const reason = outcome.reason ?? 'The action failed.'
      action.status = 'failed'
      action.reason = reason
      this.fail(record, time, `Action ${action.name} failed: ${reason}`)
      return
    }
    action.status = 'completed'
    action.reason = 'Action completed.'
  }

  /** Moves the experiment to a terminal status at `time`. */
  private conclude(
    record: ExperimentRecord,
    status: 'completed' | 'stopped' | 'failed',
    time: number,
    reason = record.reason
  ): void {
    record.status = status
    record.reason = reason
    record.endTime = time
    record.dueAt = undefined
  }

  private fail(record: ExperimentRecord, time: number, reason: string): void {
    this.conclude(record, 'failed', time, reason)
    for (const action of record.actions) {
      if (action.status === 'pending') {
        action.status = 'cancelled'
        action.reason = 'The experiment failed before the action started.'
      } else if (action.status === 'initiating' || action.status === 'running') {
        action.status = 'stopped'
        action.reason = 'The experiment failed.'
        action.endTime = time
        action.dueAt = undefined
      }
    }
  }

  private finishStop(record: ExperimentRecord, time: number): void {
    this.conclude(record, 'stopped', time)
    for (const action of record.actions) {
      if (action.status === 'stopping') {
        action.status = 'stopped'
        action.reason = 'Action was stopped.'
        action.endTime = time
      }
    }
  }

  /** Scenario outcomes are keyed by template action name, or by action id for every such action. */
  private outcomeOf(action: ActionRecord): ActionOutcomeModel | undefined {
    return (
      this.scenario.actionOutcomes[action.name] ?? this.scenario.actionOutcomes[action.actionId]
    )
  }
}

function skip(action: ActionRecord, time: number, reason: string): void {
  action.status = 'skipped'
  action.reason = reason
  action.startTime = time
  action.endTime = time
}

function durationOf(action: TemplateAction): number {
  const parameter = findAction(action.actionId)?.durationParameter
  const value = parameter === undefined ? undefined : action.parameters[parameter]
  return value === undefined ? 0 : (parseDuration(value) ?? 0)
}

function stopAlarmNames(record: ExperimentRecord): string[] {
  return record.template.stopConditions
    .filter((condition) => condition.source === 'aws:cloudwatch:alarm' && condition.value)
    .map((condition) =>
      (condition.value ?? '').replace(/^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:/, '')
    )
}
