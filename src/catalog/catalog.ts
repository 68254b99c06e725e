/**
 * The FIS action catalog: one home for what fis-gate knows about FIS actions and target
 * resource types. The data lives in fis-catalog.json; the JSON Schemas, the semantic rules and
 * the emulator all read it through this module.
 */
import { readFileSync } from 'node:fs'

export type ParameterFormat =
  | { type: 'duration'; min: string; max: string }
  | { type: 'integer'; min: number; max: number }
  | { type: 'number'; min: number; max: number }
  | { type: 'enum'; values: string[]; caseInsensitive?: boolean }
  | { type: 'boolean' }
  | { type: 'string' }
  | { type: 'list'; item: ParameterFormat; maxItems?: number }
  | { type: 'arn'; kind: ArnKind }
  | { type: 'json-object' }
  | { type: 'kubernetes-spec' }
  | { type: 'kubernetes-kind' }
  | { type: 'port' }
  | { type: 'http-status' }
  | { type: 'region' }
  | { type: 'availability-zone' }
  | { type: 'network-source' }

/** ARN kinds fis-gate checks beyond plain well-formedness. */
export type ArnKind = 'iam-role' | 'cloudwatch-alarm' | 'logs-log-group' | 'ssm-document'

export interface ParameterSpec {
  required: boolean
  format: ParameterFormat
  description: string
  default?: string
}

/** How a target of this action may select resources, when the action restricts it. */
export type TargetSelection = 'arns' | 'single-arn' | 'tags'

export interface ActionSpec {
  id: string
  description: string
  /** Target key (e.g. `Instances`) to the resource types it accepts; empty when the action takes no targets. */
  targets: Record<string, string[]>
  targetSelection?: TargetSelection
  /** The parameter that bounds how long the action runs; absent for instantaneous actions. */
  durationParameter?: string
  deprecatedBy?: string
  parameters: Record<string, ParameterSpec>
}

export interface ResourceTypeSpec {
  id: string
  description: string
  /** How ARNs of this type look; `service: null` when any ARN is accepted. */
  arn: {
    service: string | null
    resourcePrefixes: string[] | null
    hasRegion: boolean
    hasAccount: boolean
  }
  /** `parameters` when targets of this type must be selected by target parameters only. */
  selection?: 'parameters'
  parameters: Record<string, ParameterSpec>
}

interface CatalogFile {
  destructiveVerbs: string[]
  actions: Record<string, Omit<ActionSpec, 'id'>>
  resourceTypes: Record<string, Omit<ResourceTypeSpec, 'id'>>
}

export interface Catalog {
  /** Words of an action name that mean it destroys or restarts what it targets (`terminate`). */
  destructiveVerbs: readonly string[]
  actions: ReadonlyMap<string, ActionSpec>
  resourceTypes: ReadonlyMap<string, ResourceTypeSpec>
}

let loaded: Catalog | undefined

/** The catalog, read once from the JSON data file that ships beside this module. */
export function fisCatalog(): Catalog {
  if (!loaded) {
    const data = JSON.parse(
      readFileSync(new URL('./fis-catalog.json', import.meta.url), 'utf8')
    ) as CatalogFile
    loaded = {
      destructiveVerbs: data.destructiveVerbs,
      actions: new Map(Object.entries(data.actions).map(([id, spec]) => [id, { id, ...spec }])),
      resourceTypes: new Map(
        Object.entries(data.resourceTypes).map(([id, spec]) => [id, { id, ...spec }])
      )
    }
  }
  return loaded
}

export function findAction(actionId: string): ActionSpec | undefined {
  return fisCatalog().actions.get(actionId)
}

/**
 * The verb that makes an action destructive (`aws:ec2:terminate-instances` → `terminate`,
 * `aws:ec2:send-spot-instance-interruptions` → `interrupt`), or undefined. Judged from the words
 * of the action's name rather than listed per action, so an action FIS added since this catalog
 * was written is judged too.
 */
export function destructiveVerb(actionId: string): string | undefined {
  const words = (actionId.split(':').pop() ?? '').split('-')
  return fisCatalog().destructiveVerbs.find((verb) => words.some((word) => word.startsWith(verb)))
}

export function findResourceType(resourceType: string): ResourceTypeSpec | undefined {
  return fisCatalog().resourceTypes.get(resourceType)
}

/**
 * The catalog's own entry for a name taken from a user's file: the catalog's records are plain
 * objects, and a parameter or target key named `constructor` must not find Object.prototype's.
 */
function own<T>(record: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined
}

/** A parameter of an action or of a target resource type, by the name a file uses. */
export function findParameter(
  spec: ActionSpec | ResourceTypeSpec,
  name: string
): ParameterSpec | undefined {
  return own(spec.parameters, name)
}

/** The resource types an action accepts under a target key, or undefined for an unknown key. */
export function findTargetKey(spec: ActionSpec, key: string): string[] | undefined {
  return own(spec.targets, key)
}
