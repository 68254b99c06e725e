/** The experiment as fis-gate sees it after loading: where each part came from, in plain data. */
import type { JsonObject, JsonValue, ParsedJson } from './json-source.js'

export interface SourceDocument {
  /** Display path (relative to the workspace when inside it). */
  file: string
  absolutePath: string
  parsed: ParsedJson
}

/** Where a template's text lives: inline in the gate file under `/template`, or in its own file. */
export interface TemplateSource {
  document: SourceDocument
  prefix: string
}

export interface ExperimentSource {
  file: string
  absolutePath: string
  /** `name` from the gate file, or the file name without extension. */
  name: string
  shape: 'template' | 'gate'
  document: SourceDocument
  root: JsonObject
  template?: { value: JsonObject; source: TemplateSource }
  templateId?: string
}

export const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A member of a parsed object, own members only: a user's key such as `constructor` or
 * `__proto__` names data in the file, never something inherited from Object.prototype.
 */
export const memberOf = (object: JsonObject | undefined, key: string): JsonValue | undefined =>
  object !== undefined && Object.prototype.hasOwnProperty.call(object, key)
    ? object[key]
    : undefined

export const stringAt = (object: JsonObject | undefined, key: string): string | undefined => {
  const value = memberOf(object, key)
  return typeof value === 'string' ? value : undefined
}

export const objectAt = (object: JsonObject | undefined, key: string): JsonObject | undefined => {
  const value = memberOf(object, key)
  return isObject(value) ? value : undefined
}

export const arrayAt = (object: JsonObject | undefined, key: string): JsonValue[] | undefined => {
  const value = memberOf(object, key)
  return Array.isArray(value) ? value : undefined
}

/** Own entries only: keys such as `__proto__` in user files are data, never prototypes. */
export const entriesOf = (object: JsonObject | undefined): [string, JsonValue][] =>
  object ? Object.entries(object) : []

export const GATE_FILE_KEYS = [
  'name',
  'template',
  'templateFile',
  'templateId',
  'vars',
  'hypothesis',
  'guardrails'
]
