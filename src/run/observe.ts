/**
 * Turns successive GetExperiment and DescribeAlarms answers into timeline events: each change of
 * the experiment's state, of an action's state, and of a stop-condition alarm. Pure.
 */
import type { ActionOutcome, TimelineEvent } from './model.js'

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

export function experimentEvents(
  previous: ExperimentSnapshot | undefined,
  next: ExperimentSnapshot,
  observedAt: number
): TimelineEvent[] {
  const events: TimelineEvent[] = []
  if (previous?.status !== next.status) {
    const time =
      next.status === 'running' && next.startTime
        ? next.startTime
        : next.endTime && !previous?.endTime
          ? next.endTime
          : observedAt
    events.push({
      time,
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
    const time =
      action.status === 'running' && action.startTime
        ? action.startTime
        : action.endTime && !old?.endTime
          ? action.endTime
          : observedAt
    events.push({
      time,
      source: 'action',
      name: action.name,
      from: old?.status,
      to: action.status,
      detail: action.reason
    })
  }
  return events
}

export function alarmEvents(
  previous: ReadonlyMap<string, AlarmSnapshot>,
  next: readonly AlarmSnapshot[],
  observedAt: number
): TimelineEvent[] {
  const events: TimelineEvent[] = []
  for (const alarm of next) {
    const old = previous.get(alarm.name)
    if (old?.state === alarm.state) continue
    events.push({
      time: old ? (alarm.transitionedAt ?? observedAt) : observedAt,
      source: 'alarm',
      name: alarm.name,
      from: old?.state,
      to: alarm.state,
      detail: alarm.reason
    })
  }
  return events
}

/** `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:name:with:colons` → `name:with:colons`. */
export function alarmNameOf(arn: string): string {
  const marker = ':alarm:'
  const index = arn.indexOf(marker)
  return index >= 0 ? arn.slice(index + marker.length) : arn
}
