/**
 * Target resolution: which resources an experiment target stands for. ARN targets resolve to
 * their ARNs as given; targets chosen by tags, filters or parameters resolve to the scenario's
 * resources of the same type (and, with tags, carrying every tag). Selection modes then pick
 * from that list in scenario order, so resolution is the same on every run.
 */
import type { ScenarioResource } from './scenario.js'

export interface TemplateTarget {
  resourceType: string
  resourceArns?: string[]
  resourceTags?: Record<string, string>
  filters?: { path: string; values: string[] }[]
  selectionMode: string
  parameters?: Record<string, string>
}

export type SelectionMode =
  { kind: 'all' } | { kind: 'count'; count: number } | { kind: 'percent'; percent: number }

export function parseSelectionMode(text: string): SelectionMode | undefined {
  if (text === 'ALL') return { kind: 'all' }
  const count = /^COUNT\(([1-9]\d*)\)$/.exec(text)?.[1]
  if (count !== undefined) return { kind: 'count', count: Number(count) }
  const percent = /^PERCENT\(([1-9]\d?|100)\)$/.exec(text)?.[1]
  if (percent !== undefined) return { kind: 'percent', percent: Number(percent) }
  return undefined
}

/** The ARNs a target resolves to; empty when nothing matches. */
export function resolveTarget(
  target: TemplateTarget,
  resources: readonly ScenarioResource[]
): string[] {
  const candidates = target.resourceArns?.length
    ? target.resourceArns
    : resources
        .filter((resource) => resource.resourceType === target.resourceType)
        .filter((resource) => hasTags(resource, target.resourceTags ?? {}))
        .map((resource) => resource.arn)
  const mode = parseSelectionMode(target.selectionMode) ?? { kind: 'all' }
  switch (mode.kind) {
    case 'all':
      return candidates
    case 'count':
      return candidates.slice(0, mode.count)
    case 'percent':
      // FIS rounds down; a selection of less than one resource selects nothing.
      return candidates.slice(0, Math.floor((candidates.length * mode.percent) / 100))
  }
}

function hasTags(resource: ScenarioResource, tags: Record<string, string>): boolean {
  return Object.entries(tags).every(([key, value]) => resource.tags?.[key] === value)
}
