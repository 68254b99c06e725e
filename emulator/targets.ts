/**
 * Target resolution: which of the scenario's resources an experiment target stands for, so that
 * a plan (skip-all) shows what FIS would hit. A target selects resources of its type by ARN
 * (each ARN must exist), by tags (all must match), by filters over the resources' attributes
 * and by target parameters; the selection mode then picks from what matched.
 */
import type { JsonValue, ScenarioResource } from './scenario.js'

export interface TemplateTarget {
  resourceType: string
  resourceArns?: string[]
  resourceTags?: Record<string, string>
  filters?: TargetFilter[]
  selectionMode: string
  parameters?: Record<string, string>
}

export interface TargetFilter {
  path: string
  values: string[]
}

export type SelectionMode =
  { kind: 'all' } | { kind: 'count'; count: number } | { kind: 'percent'; percent: number }

/** What a target resolved to; `notFound` when it names ARNs the account does not have. */
export type Resolution = { arns: string[] } | { notFound: string[] }

export function parseSelectionMode(text: string): SelectionMode | undefined {
  if (text === 'ALL') return { kind: 'all' }
  const count = /^COUNT\(([1-9]\d*)\)$/.exec(text)?.[1]
  if (count !== undefined) return { kind: 'count', count: Number(count) }
  const percent = /^PERCENT\(([1-9]\d?|100)\)$/.exec(text)?.[1]
  if (percent !== undefined) return { kind: 'percent', percent: Number(percent) }
  return undefined
}

/**
 * Resolves one target. FIS picks COUNT and PERCENT subsets at random; `dice` gives each ARN a
 * number in [0, 1) that decides instead, so a scenario replays the same picks.
 */
export function resolveTarget(
  target: TemplateTarget,
  resources: readonly ScenarioResource[],
  dice: (arn: string) => number
): Resolution {
  const ofType = resources.filter((resource) => resource.resourceType === target.resourceType)
  const arns = target.resourceArns ?? []
  const notFound = arns.filter((arn) => !ofType.some((resource) => resource.arn === arn))
  if (notFound.length > 0) return { notFound }
  const matching = ofType
    .filter((resource) => arns.length === 0 || arns.includes(resource.arn))
    .filter((resource) => hasTags(resource, target.resourceTags ?? {}))
    .filter((resource) => (target.filters ?? []).every((filter) => passes(resource, filter)))
    .filter((resource) => fitsParameters(resource, target.parameters ?? {}))
    .map((resource) => resource.arn)
  return { arns: select(matching, target.selectionMode, dice) }
}

function select(arns: string[], selectionMode: string, dice: (arn: string) => number): string[] {
  const mode = parseSelectionMode(selectionMode) ?? { kind: 'all' }
  // FIS rounds PERCENT down, so a share of less than one resource selects nothing.
  const size =
    mode.kind === 'all'
      ? arns.length
      : mode.kind === 'count'
        ? mode.count
        : Math.floor((arns.length * mode.percent) / 100)
  const chosen = new Set([...arns].sort((a, b) => dice(a) - dice(b)).slice(0, size))
  return arns.filter((arn) => chosen.has(arn))
}

function hasTags(resource: ScenarioResource, tags: Record<string, string>): boolean {
  return Object.entries(tags).every(([key, value]) => resource.tags?.[key] === value)
}

/** Multiple values OR; a path through a list matches when any element does. */
function passes(resource: ScenarioResource, filter: TargetFilter): boolean {
  return leavesAt(resource.attributes, filter.path.split('.')).some((leaf) =>
    filter.values.includes(leaf)
  )
}

function leavesAt(value: JsonValue | undefined, path: readonly string[]): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leavesAt(item, path))
  const [head, ...rest] = path
  if (value === undefined || value === null) return []
  if (typeof value !== 'object') return head === undefined ? [String(value)] : []
  // Own members only: a path such as `constructor` must not reach Object.prototype.
  return head !== undefined && Object.hasOwn(value, head) ? leavesAt(value[head], rest) : []
}

type ParameterTest = (
  resource: ScenarioResource,
  value: string,
  parameters: Record<string, string>
) => boolean

const inCluster: ParameterTest = (resource, value) =>
  resource.cluster !== undefined &&
  (value === resource.cluster || value.endsWith(`:cluster/${resource.cluster}`))

const inZone: ParameterTest = (resource, value) => resource.availabilityZone === value

/** `selectorValue` means what `selectorType` says; an unknown type selects nothing. */
const podSelected: ParameterTest = (resource, value, parameters) => {
  switch (parameters.selectorType) {
    case 'labelSelector': {
      const [key = '', ...rest] = value.split('=')
      return rest.length > 0 && resource.labels?.[key] === rest.join('=')
    }
    case 'deploymentName':
      return resource.deploymentName === value
    case 'podName':
      return resource.podName === value
    default:
      return false
  }
}

/**
 * The target parameters that narrow a selection, by resource type. Others (a subnet's `vpc`,
 * RDS zone lists, a Lambda qualifier, `selectorType` on its own) do not narrow it here.
 */
const PARAMETER_TESTS: Record<string, Record<string, ParameterTest>> = {
  'aws:ecs:task': {
    cluster: inCluster,
    service: (resource, value) => resource.service === value
  },
  'aws:eks:pod': {
    clusterIdentifier: inCluster,
    namespace: (resource, value) => resource.namespace === value,
    selectorValue: podSelected,
    availabilityZoneIdentifier: inZone
  },
  'aws:ec2:ebs-volume': { availabilityZoneIdentifier: inZone },
  'aws:ec2:subnet': { availabilityZoneIdentifier: inZone }
}

function fitsParameters(resource: ScenarioResource, parameters: Record<string, string>): boolean {
  const tests = PARAMETER_TESTS[resource.resourceType] ?? {}
  return Object.entries(parameters).every(
    ([name, value]) => !Object.hasOwn(tests, name) || tests[name]?.(resource, value, parameters)
  )
}
