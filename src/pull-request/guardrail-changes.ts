/**
 * What changed in the file's own guardrails (what the pull request changes; the action inputs
 * are the same on both sides), as validation reads them: `PT15M` rewritten `PT900S` is no
 * change. Risky, each with its reason, when a guardrail is loosened: a
 * longer maxDuration or a larger maxTargetPercent, or none any more; more allowed accounts or
 * Regions, or no list any more; stop conditions no longer required; actions no longer forbidden.
 */
import { formatSeconds } from '../experiment/duration.js'
import type { JsonObject } from '../experiment/json-source.js'
import { memberOf } from '../experiment/model.js'
import { combineGuardrails, type Guardrails } from '../validate/guardrails.js'
import { valueChanges, type SemanticChange } from './change.js'
import { listOf, ownEntry, sameMeaning, unionKeys } from './differences.js'

type Loosening = (before: Guardrails, after: Guardrails) => string | undefined

function higherLimit(
  before: number | undefined,
  after: number | undefined,
  shown: (value: number) => string
): string | undefined {
  if (before === undefined) return undefined
  if (after === undefined) return `no limit any more (was ${shown(before)})`
  return after > before ? `a higher limit: ${shown(before)} → ${shown(after)}` : undefined
}

function longerList(
  before: string[] | undefined,
  after: string[] | undefined,
  what: string
): string | undefined {
  if (before === undefined) return undefined
  if (after === undefined) return `any ${what} allowed now`
  const added = after.filter((item) => !before.includes(item))
  return added.length ? `more ${what} allowed: ${listOf(added)}` : undefined
}

const LOOSENINGS: Record<string, Loosening> = {
  maxDuration: (before, after) => higherLimit(before.maxDuration, after.maxDuration, formatSeconds),
  maxTargetPercent: (before, after) =>
    higherLimit(before.maxTargetPercent, after.maxTargetPercent, (percent) => `${percent}%`),
  allowedAccounts: (before, after) =>
    longerList(before.allowedAccounts, after.allowedAccounts, 'accounts'),
  allowedRegions: (before, after) =>
    longerList(before.allowedRegions, after.allowedRegions, 'Regions'),
  requireStopConditions: (before, after) =>
    before.requireStopConditions && !after.requireStopConditions
      ? 'stop conditions are no longer required'
      : undefined,
  forbiddenActions: (before, after) => {
    const allowed = before.forbiddenActions.filter(
      (pattern) => !after.forbiddenActions.includes(pattern)
    )
    return allowed.length ? `no longer forbidden: ${listOf(allowed)}` : undefined
  }
}

/** The file's guardrails alone, parsed the way validation reads them. */
const ownGuardrails = (guardrails: JsonObject | undefined): Guardrails =>
  combineGuardrails(guardrails, { requireStopConditions: false })

/** The changes between two versions' guardrails, member by member. */
export function guardrailChanges(
  before: JsonObject | undefined,
  after: JsonObject | undefined
): SemanticChange[] {
  const [was, is] = [ownGuardrails(before), ownGuardrails(after)]
  return unionKeys(before, after).flatMap((member) => {
    if (sameMeaning(member, was, is)) return []
    const why = ownEntry(LOOSENINGS, member)?.(was, is)
    return valueChanges(
      'guardrail',
      ['guardrails', member],
      memberOf(before, member),
      memberOf(after, member),
      () => (why ? { why } : undefined)
    )
  })
}
