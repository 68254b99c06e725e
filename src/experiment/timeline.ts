/**
 * The planned timeline of a template's actions: each action starts when everything in its
 * startAfter has completed and lasts its duration parameter (instantaneous actions last 0).
 * The estimated experiment duration is the end of the longest startAfter path.
 */
import { findAction } from '../catalog/catalog.js'
import { parseDuration } from './duration.js'
import type { JsonObject } from './json-source.js'
import { arrayAt, entriesOf, isObject, objectAt, stringAt } from './model.js'

export interface PlannedAction {
  name: string
  actionId: string
  /** Seconds from the experiment start; undefined for actions caught in a startAfter cycle. */
  start?: number
  end?: number
  duration: number
  startAfter: string[]
}

export interface Timeline {
  actions: PlannedAction[]
  /** Seconds; the end of the latest action. */
  estimatedDuration: number
  /** Actions on the path that ends last, first to last. */
  criticalPath: string[]
  /** Each cycle once, as the action names around it. */
  cycles: string[][]
}

export function actionDurationSeconds(action: JsonObject): number {
  const spec = findAction(stringAt(action, 'actionId') ?? '')
  const parameter = spec?.durationParameter
  const text = parameter ? stringAt(objectAt(action, 'parameters'), parameter) : undefined
  return (text && parseDuration(text)) || 0
}

export function planTimeline(template: JsonObject): Timeline {
  const actions = new Map<string, PlannedAction>()
  for (const [name, action] of entriesOf(objectAt(template, 'actions'))) {
    if (!isObject(action)) continue
    const startAfter = (arrayAt(action, 'startAfter') ?? []).filter(
      (item): item is string => typeof item === 'string'
    )
    actions.set(name, {
      name,
      actionId: stringAt(action, 'actionId') ?? '',
      duration: actionDurationSeconds(action),
      startAfter
    })
  }

  const cycles: string[][] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const predecessor = new Map<string, string>()
  const resolve = (name: string, trail: string[]): void => {
    const action = actions.get(name)
    if (!action || state.get(name) === 'done') return
    if (state.get(name) === 'visiting') {
      const cycle = trail.slice(trail.indexOf(name))
      const key = [...cycle].sort().join('\u0000')
      if (!cycles.some((known) => [...known].sort().join('\u0000') === key)) cycles.push(cycle)
      return
    }
    state.set(name, 'visiting')
    let start = 0
    let blocked = false
    for (const dependency of action.startAfter) {
      if (!actions.has(dependency) || dependency === name) continue
      resolve(dependency, [...trail, name])
      const end = actions.get(dependency)?.end
      if (end === undefined) blocked = true
      else if (end >= start) {
        start = end
        predecessor.set(name, dependency)
      }
    }
    state.set(name, 'done')
    if (!blocked) {
      action.start = start
      action.end = start + action.duration
    }
  }
  for (const name of actions.keys()) resolve(name, [])

  let last: PlannedAction | undefined
  for (const action of actions.values()) {
    if (action.end !== undefined && (!last || action.end > (last.end ?? 0))) last = action
  }
  const criticalPath: string[] = []
  for (let name = last?.name; name; name = predecessor.get(name)) criticalPath.unshift(name)
  return { actions: [...actions.values()], estimatedDuration: last?.end ?? 0, criticalPath, cycles }
}

/** The largest number of actions running at the same moment. */
export function peakParallelActions(timeline: Timeline): number {
  const events: [number, number][] = []
  for (const action of timeline.actions) {
    if (action.start === undefined || action.end === undefined) continue
    events.push([action.start, 1], [Math.max(action.end, action.start + 1e-9), -1])
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let running = 0
  let peak = 0
  for (const [, delta] of events) {
    running += delta
    peak = Math.max(peak, running)
  }
  return peak
}
