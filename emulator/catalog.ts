/**
 * What the emulated FIS knows about actions and target resource types (fis-catalog.json beside
 * this file). A test oracle must not share the code under test, so this is the emulator's own
 * table, not fis-gate's catalog: a mistake in one shows up as a disagreement with the other.
 */
import { readFileSync } from 'node:fs'

export interface ActionSpec {
  id: string
  description: string
  /** Target key (`Instances`) to the resource types it accepts; empty when it takes none. */
  targets: Record<string, string[]>
  /** The parameter that bounds how long the action runs; absent for instantaneous actions. */
  durationParameter?: string
  parameters: Record<string, { required: boolean; description: string }>
}

export interface ResourceTypeSpec {
  /** `parameters` when targets of this type are selected by target parameters only. */
  selection?: 'parameters'
  parameters: Record<string, { required: boolean }>
}

interface CatalogFile {
  actions: Record<string, Omit<ActionSpec, 'id'>>
  resourceTypes: Record<string, ResourceTypeSpec>
}

interface Catalog {
  actions: ReadonlyMap<string, ActionSpec>
  resourceTypes: ReadonlyMap<string, ResourceTypeSpec>
}

let loaded: Catalog | undefined

function catalog(): Catalog {
  if (!loaded) {
    const data = JSON.parse(
      readFileSync(new URL('./fis-catalog.json', import.meta.url), 'utf8')
    ) as CatalogFile
    loaded = {
      actions: new Map(Object.entries(data.actions).map(([id, spec]) => [id, { id, ...spec }])),
      resourceTypes: new Map(Object.entries(data.resourceTypes))
    }
  }
  return loaded
}

/** Every action, in catalog order (ListActions pages through them). */
export function allActions(): ActionSpec[] {
  return [...catalog().actions.values()]
}

export function findAction(actionId: string): ActionSpec | undefined {
  return catalog().actions.get(actionId)
}

export function findResourceType(resourceType: string): ResourceTypeSpec | undefined {
  return catalog().resourceTypes.get(resourceType)
}
