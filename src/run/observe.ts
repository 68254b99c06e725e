/**
 * Turns successive GetExperiment and DescribeAlarms answers into timeline events: each change of
 * the experiment's state, of an action's state, and of a stop-condition alarm, timed by FIS and
 * CloudWatch alone; and puts a timeline in time order. Pure.
 */
import { TERMINAL_STATES, type ActionOutcome, type TimelineEvent } from './model.js'

export interface ExperimentSnapshot {
  status: string
  reason?: string
  startTime?: number
  endTime?: number
  actions: ActionOutcome[]
}

export interface AlarmSnapshot {
  name: string
  state: string
  reason?: string
  /** When the alarm last changed state (StateTransitionedTimestamp), epoch ms. */
  transitionedAt?: number
}

const TERMINAL_ACTION_STATES = new Set(['completed', 'stopped', 'failed', 'cancelled', 'skipped'])

/** FIS's own time of an experiment state, when FIS records one (see TimelineEvent). */
function experimentTime(snapshot: ExperimentSnapshot): number | undefined {
  if (snapshot.status === 'pending' || snapshot.status === 'initiating') return snapshot.startTime
  return TERMINAL_STATES.has(snapshot.status) ? snapshot.endTime : undefined
}

/** FIS's own time of an action state, when FIS records one (see TimelineEvent). */
function actionTime(
  action: ActionOutcome,
  firstSeen: boolean,
  experimentStart: number | undefined
): number | undefined {
  if (action.status === 'initiating' || action.status === 'running') return action.startTime
  if (TERMINAL_ACTION_STATES.has(action.status)) return action.endTime
  return action.status === 'pending' && firstSeen ? experimentStart : undefined
}

/** Times are FIS's, or absent: never when fis-gate happened to poll. */
export function experimentEvents(
  previous: ExperimentSnapshot | undefined,
  next: ExperimentSnapshot
): TimelineEvent[] {
  const events: TimelineEvent[] = []
  if (previous?.status !== next.status) {
    events.push({
      ...timed(experimentTime(next)),
      source: 'experiment',
      name: 'experiment',
      from: previous?.status,
      to: next.status,
      detail: next.reason
    })
  }
  const before = new Map((previous?.actions ?? []).map((action) => [action.name, action]))
  for (const action of next.actions) {
    const old = before.get(action.name)
    if (old?.status === action.status) continue
    events.push({
      ...timed(actionTime(action, old === undefined, next.startTime)),
      source: 'action',
      name: action.name,
      from: old?.status,
      to: action.status,
      detail: action.reason
    })
  }
  return events
}

/**
 * Times are CloudWatch's. A state first seen that the alarm entered before `since` (the
 * experiment's FIS start) is where the alarm stood, not a change during the run: no time.
 */
export function alarmEvents(
  previous: ReadonlyMap<string, AlarmSnapshot>,
  next: readonly AlarmSnapshot[],
  since: number | undefined
): TimelineEvent[] {
  const events: TimelineEvent[] = []
  for (const alarm of next) {
    const old = previous.get(alarm.name)
    if (old?.state === alarm.state) continue
    const changedDuringRun =
      old !== undefined ||
      (since !== undefined && alarm.transitionedAt !== undefined && alarm.transitionedAt >= since)
    events.push({
      ...timed(changedDuringRun ? alarm.transitionedAt : undefined),
      source: 'alarm',
      name: alarm.name,
      from: old?.state,
      to: alarm.state,
      detail: alarm.reason
    })
  }
  return events
}

/** `{ time }` when there is one: an untimed event has no `time` member at all. */
export function timed(time: number | undefined): { time?: number } {
  return time === undefined ? {} : { time }
}

/**
 * The timeline in time order, as TimelineEvent promises: sorted by `time`, stable, each untimed
 * event kept right after every event recorded before it. Pure; `events` in the order recorded.
 */
export function inTimeOrder(events: readonly TimelineEvent[]): TimelineEvent[] {
  let latest = -Infinity
  const keyed = events.map((event, index) => {
    latest = Math.max(latest, event.time ?? -Infinity)
    return { event, index, key: event.time ?? latest }
  })
  keyed.sort((a, b) => a.key - b.key || a.index - b.index)
  return keyed.map(({ event }) => event)
}

/** `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:name:with:colons` → `name:with:colons`. */
export function alarmNameOf(arn: string): string {
  const marker = ':alarm:'
  const index = arn.indexOf(marker)
  return index >= 0 ? arn.slice(index + marker.length) : arn
}
