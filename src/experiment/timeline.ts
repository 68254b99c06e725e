/**
 * The planned timeline of a template's actions: each action starts when everything in its
 * startAfter has completed and lasts its duration parameter (instantaneous actions last 0).
 * The estimated experiment duration is the end of the longest startAfter path, and unknown when
 * startAfter has a cycle (those actions never start, so no end can be estimated).
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
  /** Seconds; the end of the latest action. Undefined (unknown) when `cycles` is not empty. */
  estimatedDuration?: number
  /** Actions on the path that ends last, first to last; empty when the duration is unknown. */
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

/** One action being scheduled: the next startAfter entry to look at, and what is known so far. */
interface Visit {
  action: PlannedAction
  next: number
  start: number
  blocked: boolean
}

/**
 * Sets each action's start and end from its startAfter dependencies, depth first. The walk keeps
 * its own stack (a hostile file can chain thousands of actions, deeper than the call stack) and
 * reports each cycle once; actions in or after a cycle stay unscheduled.
 */
function scheduleActions(actions: ReadonlyMap<string, PlannedAction>): {
  cycles: string[][]
  predecessor: Map<string, string>
} {
  const cycles: string[][] = []
  const seenCycles = new Set<string>()
  const done = new Set<string>()
  const predecessor = new Map<string, string>()
  const path: Visit[] = []
  const onPath = new Map<string, number>()
  const enter = (action: PlannedAction): void => {
    onPath.set(action.name, path.length)
    path.push({ action, next: 0, start: 0, blocked: false })
  }
  const follow = (visit: Visit, dependency: string): void => {
    const end = actions.get(dependency)?.end
    if (end === undefined) visit.blocked = true
    else if (end >= visit.start) {
      visit.start = end
      predecessor.set(visit.action.name, dependency)
    }
  }
  for (const root of actions.values()) {
    if (done.has(root.name)) continue
    enter(root)
    while (path.length) {
      const visit = path[path.length - 1] as Visit
      const dependency = visit.action.startAfter[visit.next++]
      if (dependency === undefined) {
        path.pop()
        onPath.delete(visit.action.name)
        done.add(visit.action.name)
        if (!visit.blocked) {
          visit.action.start = visit.start
          visit.action.end = visit.start + visit.action.duration
        }
        const parent = path[path.length - 1]
        if (parent) follow(parent, visit.action.name)
        continue
      }
      const next = actions.get(dependency)
      if (!next || dependency === visit.action.name) continue
      const cycleStart = onPath.get(dependency)
      if (cycleStart !== undefined) {
        const cycle = path.slice(cycleStart).map((entry) => entry.action.name)
        const key = [...cycle].sort().join('\u0000')
        if (!seenCycles.has(key)) {
          seenCycles.add(key)
          cycles.push(cycle)
        }
        visit.blocked = true
      } else if (done.has(dependency)) follow(visit, dependency)
      else enter(next)
    }
  }
  return { cycles, predecessor }
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

  const { cycles, predecessor } = scheduleActions(actions)
  if (cycles.length) return { actions: [...actions.values()], criticalPath: [], cycles }
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
