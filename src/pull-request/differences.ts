/**
 * Comparing two JSON values the way a reviewer reads them: objects member by member, arrays as
 * sets (order never matters in an FIS template's lists), anything else as a whole; and the values
 * shown compactly, bounded and on one line. Pure.
 */
import { EXCERPT_ITEMS, excerpt, quote } from '../experiment/excerpt.js'
import type { JsonObject, JsonValue } from '../experiment/json-source.js'
import { entriesOf, isObject, memberOf } from '../experiment/model.js'

/** A value that is not the same in both versions; a side without it has it undefined. */
export interface Difference {
  /** Member names from the compared value down to this one. */
  keys: string[]
  before?: JsonValue
  after?: JsonValue
}

/** Nesting followed member by member; anything deeper is compared as a whole. */
const MAX_DEPTH = 16

/** Member order as JSON.stringify would keep it never makes two values differ. */
function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (!isObject(value)) return JSON.stringify(value)
  const members = entriesOf(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`
}

/** Two arrays hold the same items, whatever their order (each item counted). */
function sameItems(before: JsonValue[], after: JsonValue[]): boolean {
  if (before.length !== after.length) return false
  const sorted = (items: JsonValue[]): string[] => items.map(canonical).sort()
  const [a, b] = [sorted(before), sorted(after)]
  return a.every((item, index) => item === b[index])
}

export function sameValue(before: JsonValue | undefined, after: JsonValue | undefined): boolean {
  if (before === undefined || after === undefined) return before === after
  if (Array.isArray(before) && Array.isArray(after)) return sameItems(before, after)
  return canonical(before) === canonical(after)
}

/**
 * Whether two parsed forms of a value (check definitions, guardrails) agree on a member they
 * carry under the name it has in the file: then a difference there is no change of meaning
 * (`datapointsToAlarm: 1` written out, `PT2M` written `PT120S`).
 */
export function sameMeaning(member: string, before: object, after: object): boolean {
  if (!Object.prototype.hasOwnProperty.call(before, member)) return false
  const meaning = (parsed: object): JsonValue | undefined =>
    (parsed as Record<string, JsonValue | undefined>)[member]
  return sameValue(meaning(before), meaning(after))
}

/** A table's own entry for a name from a file: `constructor` finds nothing inherited. */
export const ownEntry = <T>(table: Readonly<Record<string, T>>, name: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined

/** Every member name of either object: the head's order, then those only the base has. */
export function unionKeys(before: JsonObject | undefined, after: JsonObject | undefined): string[] {
  const keys = entriesOf(after).map(([key]) => key)
  const seen = new Set(keys)
  return [...keys, ...entriesOf(before).flatMap(([key]) => (seen.has(key) ? [] : [key]))]
}

/** The values that differ, objects followed member by member down to the leaves. */
export function differences(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  keys: string[] = [],
  depth = 0
): Difference[] {
  if (sameValue(before, after)) return []
  if (isObject(before) && isObject(after) && depth < MAX_DEPTH) {
    return unionKeys(before, after).flatMap((key) =>
      differences(memberOf(before, key), memberOf(after, key), [...keys, key], depth + 1)
    )
  }
  return [{ keys, before, after }]
}

/** Characters that would make a bare value ambiguous in `before → after` or in a list. */
const NEEDS_QUOTES = /[\s"→,;]|^$/u

/** A value on one line, bounded: plain strings bare (`PT5M`), others quoted or as JSON. */
export function compact(value: JsonValue): string {
  if (typeof value === 'string') return NEEDS_QUOTES.test(value) ? quote(value) : excerpt(value)
  return excerpt(JSON.stringify(value))
}

/**
 * `a, b and 3 more`. Not excerptList: that would cut each already bounded item again, and a cut
 * could drop a closing quote.
 */
export function listOf(values: readonly JsonValue[]): string {
  const shown = values.slice(0, EXCERPT_ITEMS).map(compact)
  const more = values.length - shown.length
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}

/** The items only one side of two arrays has, each side's counted as often as it occurs. */
function itemsOnlyIn(items: JsonValue[], others: JsonValue[]): JsonValue[] {
  const remaining = others.map(canonical)
  return items.filter((item) => {
    const index = remaining.indexOf(canonical(item))
    if (index >= 0) remaining.splice(index, 1)
    return index < 0
  })
}

export interface ItemChanges {
  added: JsonValue[]
  removed: JsonValue[]
}

/** What two arrays, as sets, do not share. */
export function itemChanges(before: JsonValue[], after: JsonValue[]): ItemChanges {
  return { added: itemsOnlyIn(after, before), removed: itemsOnlyIn(before, after) }
}

/**
 * One line for a difference: `label: before → after`, `label added: value`,
 * `label removed (was value)`, and for two lists `label: added a, b; removed c`.
 */
export function differenceWords(label: string, { before, after }: Difference): string {
  if (before === undefined) return `${label} added: ${compact(after ?? null)}`
  if (after === undefined) return `${label} removed (was ${compact(before)})`
  if (Array.isArray(before) && Array.isArray(after)) {
    const { added, removed } = itemChanges(before, after)
    const parts = [
      added.length ? `added ${listOf(added)}` : '',
      removed.length ? `removed ${listOf(removed)}` : ''
    ]
    return `${label}: ${parts.filter(Boolean).join('; ')}`
  }
  return `${label}: ${compact(before)} → ${compact(after)}`
}

/** `actions.cartsLatency.parameters.duration`: each name bounded, as in finding paths. */
export function pathOf(keys: readonly string[]): string {
  return keys.map((key) => excerpt(key)).join('.')
}

/** One element of either version, matched by key; a side without it has it undefined. */
export interface Pair<T> {
  key: string
  before?: T
  after?: T
}

/** `name`, `name #2`, …: a key repeated within one version is matched by its occurrence. */
function occurrences<T>(entries: readonly (readonly [string, T])[]): Map<string, T> {
  const keyed = new Map<string, T>()
  const seen = new Map<string, number>()
  for (const [key, value] of entries) {
    const occurrence = (seen.get(key) ?? 0) + 1
    seen.set(key, occurrence)
    keyed.set(occurrence === 1 ? key : `${key} #${occurrence}`, value)
  }
  return keyed
}

/** The elements of both versions by key: the head's order, then those only the base has. */
export function pairByKey<T>(
  before: readonly (readonly [string, T])[],
  after: readonly (readonly [string, T])[]
): Pair<T>[] {
  const [base, head] = [occurrences(before), occurrences(after)]
  const pairs: Pair<T>[] = [...head].map(([key, value]) => ({
    key,
    before: base.get(key),
    after: value
  }))
  for (const [key, value] of base) if (!head.has(key)) pairs.push({ key, before: value })
  return pairs
}
