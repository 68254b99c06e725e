/**
 * Alarm states over time. An alarm's history is a list of events, latest wins:
 * its initial state (at the emulator's start), its scenario timeline (relative to the start of
 * the latest fault-injecting experiment), ALARM while the actions it watches run, and states a
 * test sets by hand. Because states derive from experiment history rather than timers, an alarm
 * read at any time gives the same answer however often it is read.
 */
import type { AlarmModel, AlarmStateValue, Interval } from './scenario.js'

export interface AlarmEvent {
  time: number
  state: AlarmStateValue
  reason: string
}

export interface AlarmStatus {
  state: AlarmStateValue
  reason: string
  /** Last event of any kind (CloudWatch's StateUpdatedTimestamp). */
  updatedAt: number
  /** Last change of state value (CloudWatch's StateTransitionedTimestamp). */
  transitionedAt: number
}

export interface AlarmTransition {
  time: number
  from: AlarmEvent
  to: AlarmEvent
}

/** What alarms need to know about experiments. */
export interface FaultHistory {
  /** Start times of experiments that inject faults (not skip-all), ascending. */
  injectionStarts(): number[]
  /** When actions matching these names or action ids ran (end Infinity while running). */
  runningIntervals(actionRefs: readonly string[]): Interval[]
}

export function alarmArn(region: string, account: string, name: string): string {
  return `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`
}

/** Overlapping or touching intervals joined, ascending. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const merged: Interval[] = []
  for (const interval of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1]
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end)
    else merged.push({ ...interval })
  }
  return merged
}

export class AlarmBoard {
  private readonly byName: Map<string, AlarmModel>
  private readonly manual = new Map<string, AlarmEvent[]>()

  constructor(
    readonly alarms: readonly AlarmModel[],
    private readonly epoch: number,
    private readonly history: FaultHistory
  ) {
    this.byName = new Map(alarms.map((alarm) => [alarm.name, alarm]))
  }

  find(name: string): AlarmModel | undefined {
    return this.byName.get(name)
  }

  /** A state set by hand (a test, or the control API) at time `time`. */
  setState(name: string, state: AlarmStateValue, reason: string, time: number): void {
    const events = this.manual.get(name) ?? []
    events.push({ time, state, reason })
    this.manual.set(name, events)
  }

  events(alarm: AlarmModel): AlarmEvent[] {
    const events: AlarmEvent[] = [
      { time: this.epoch, state: alarm.initialState, reason: alarm.initialReason }
    ]
    const starts = this.history.injectionStarts()
    starts.forEach((start, index) => {
      const nextStart = starts[index + 1] ?? Infinity
      for (const entry of alarm.timeline) {
        const time = start + entry.atMs
        if (time < nextStart) events.push({ time, state: entry.state, reason: entry.reason })
      }
    })
    if (alarm.whenActionsRun.length > 0) {
      const watched = alarm.whenActionsRun.join(', ')
      for (const interval of mergeIntervals(this.history.runningIntervals(alarm.whenActionsRun))) {
        events.push({
          time: interval.start,
          state: 'ALARM',
          reason: `Threshold Crossed: the emulated fault (${watched}) is running.`
        })
        if (Number.isFinite(interval.end)) {
          events.push({
            time: interval.end,
            state: alarm.initialState,
            reason: `Threshold Crossed: the emulated fault (${watched}) ended.`
          })
        }
      }
    }
    events.push(...(this.manual.get(alarm.name) ?? []))
    // Array.prototype.sort is stable: at equal times, hand-set states win over derived ones.
    return events.sort((a, b) => a.time - b.time)
  }

  statusAt(alarm: AlarmModel, time: number): AlarmStatus {
    const [initial, ...rest] = this.events(alarm)
    const status: AlarmStatus = {
      state: alarm.initialState,
      reason: initial?.reason ?? alarm.initialReason,
      updatedAt: this.epoch,
      transitionedAt: this.epoch
    }
    for (const event of rest) {
      if (event.time > time) break
      if (event.state !== status.state) status.transitionedAt = event.time
      status.state = event.state
      status.reason = event.reason
      status.updatedAt = event.time
    }
    return status
  }

  /** Changes of state value up to `until`, oldest first. */
  transitions(alarm: AlarmModel, until: number): AlarmTransition[] {
    const transitions: AlarmTransition[] = []
    let current: AlarmEvent | undefined
    for (const event of this.events(alarm)) {
      if (event.time > until) break
      if (current && event.state !== current.state) {
        transitions.push({ time: event.time, from: current, to: event })
      }
      current = event
    }
    return transitions
  }

  /** The first event strictly after `time` of any of these alarms. */
  nextEventAfter(names: readonly string[], time: number): number | undefined {
    let next: number | undefined
    for (const name of names) {
      const alarm = this.byName.get(name)
      const event = alarm && this.events(alarm).find((candidate) => candidate.time > time)
      if (event && (next === undefined || event.time < next)) next = event.time
    }
    return next
  }
}
