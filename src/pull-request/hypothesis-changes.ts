/**
 * What changed in the steady-state hypothesis: its checks by name, then its other members.
 * Defaults are applied before checks are judged (buildHypothesis), so writing out a default is
 * no change of meaning, and leaving one out is judged by the default it falls back to.
 *
 * Risky, each with its reason: a check removed, or loosened —
 * - its threshold condition breaches on fewer values (a higher threshold above, a lower one below,
 *   `OrEqual` dropped, or no threshold any more); a change of direction is not judged;
 * - it breaches on fewer runs of periods: every run that breaches its new M of N also breached the
 *   old one (M no smaller, and N no larger or its non-breaching periods no more);
 * - it is judged in fewer phases;
 * - recovery may take longer, or is no longer required;
 * - its baseline comparison allows a larger increase or decrease, or none any more;
 * - a breach no longer aborts the experiment (abortOnBreach).
 */
import { formatSeconds } from '../experiment/duration.js'
import type { JsonObject } from '../experiment/json-source.js'
import { arrayAt, isObject, memberOf } from '../experiment/model.js'
import { buildHypothesis } from '../hypothesis/definition.js'
import { formatNumber, thresholdWords } from '../hypothesis/describe.js'
import type { CheckDefinition } from '../hypothesis/model.js'
import { differenceChange, elementChanges, valueChanges, type SemanticChange } from './change.js'
import {
  compact,
  differences,
  listOf,
  ownEntry,
  pairByKey,
  pathOf,
  sameMeaning,
  unionKeys,
  type Pair
} from './differences.js'

interface Check {
  value: JsonObject
  definition: CheckDefinition
}

/** The checks by name, with what each judges once defaults are applied. */
function checksOf(hypothesis: JsonObject | undefined): [string, Check][] {
  if (!hypothesis) return []
  // buildHypothesis skips the same non-object items, so the two lists stay in step.
  const values = (arrayAt(hypothesis, 'checks') ?? []).filter(isObject)
  return buildHypothesis(hypothesis).checks.map(({ definition }, index) => [
    definition.name,
    { value: values[index] as JsonObject, definition }
  ])
}

const thresholdCondition = (check: CheckDefinition): string | undefined =>
  check.comparisonOperator !== undefined && check.threshold !== undefined
    ? thresholdWords(check.comparisonOperator, check.threshold)
    : undefined

/** Whether the threshold condition now breaches on fewer values than before. */
function thresholdLoosened(before: CheckDefinition, after: CheckDefinition): boolean {
  const [was, is] = [before.comparisonOperator, after.comparisonOperator]
  if (was === undefined || before.threshold === undefined) return false
  if (is === undefined || after.threshold === undefined) return true
  const upwards = was.startsWith('Greater')
  if (upwards !== is.startsWith('Greater')) return false
  if (after.threshold !== before.threshold)
    return upwards ? after.threshold > before.threshold : after.threshold < before.threshold
  return was.includes('OrEqual') && !is.includes('OrEqual')
}

type Loosening = (before: CheckDefinition, after: CheckDefinition) => string | undefined

const threshold: Loosening = (before, after) => {
  if (!thresholdLoosened(before, after)) return undefined
  const [was, is] = [thresholdCondition(before) ?? '', thresholdCondition(after)]
  return is
    ? `looser: it breaches only ${is} (was ${was})`
    : `looser: no threshold any more (was ${was})`
}

const periods: Loosening = (before, after) => {
  const [was, is] = [before, after].map(
    (check) => `${check.datapointsToAlarm} of ${check.evaluationPeriods}`
  )
  const allowedGaps = (check: CheckDefinition): number =>
    check.evaluationPeriods - check.datapointsToAlarm
  const harder =
    after.datapointsToAlarm >= before.datapointsToAlarm &&
    (after.evaluationPeriods <= before.evaluationPeriods ||
      allowedGaps(after) <= allowedGaps(before))
  return harder && was !== is
    ? `looser: a breach needs ${is} breaching periods (was ${was})`
    : undefined
}

const phases: Loosening = (before, after) => {
  const dropped = before.phases.filter((phase) => !after.phases.includes(phase))
  return dropped.length ? `no longer judged ${listOf(dropped)}` : undefined
}

const recoverWithin: Loosening = ({ recoverWithin: was }, { recoverWithin: is }) => {
  if (was === undefined) return undefined
  if (is === undefined) return `recovery within ${formatSeconds(was)} is no longer required`
  return is > was
    ? `recovery may take longer: ${formatSeconds(was)} → ${formatSeconds(is)}`
    : undefined
}

const baselineComparison: Loosening = (before, after) => {
  const loosened = (['maxIncreasePercent', 'maxDecreasePercent'] as const).flatMap((limit) => {
    const [was, is] = [before.baselineComparison?.[limit], after.baselineComparison?.[limit]]
    if (was === undefined || (is !== undefined && is <= was)) return []
    return [
      `${limit} ${formatNumber(was)}% → ${is === undefined ? 'none' : `${formatNumber(is)}%`}`
    ]
  })
  return loosened.length ? `looser baseline comparison: ${loosened.join(', ')}` : undefined
}

const abortOnBreach: Loosening = (before, after) =>
  before.abortOnBreach && !after.abortOnBreach
    ? 'a breach no longer stops the experiment'
    : undefined

/** Which loosening each member of a check can cause. */
const LOOSENINGS: Record<string, Loosening> = {
  comparisonOperator: threshold,
  threshold,
  datapointsToAlarm: periods,
  evaluationPeriods: periods,
  phases,
  recoverWithin,
  baselineComparison,
  abortOnBreach
}

function changedCheck(
  keys: string[],
  label: string,
  before: Check,
  after: Check
): SemanticChange[] {
  return differences(before.value, after.value).flatMap((difference) => {
    const member = difference.keys[0] ?? ''
    if (sameMeaning(member, before.definition, after.definition)) return []
    const why = ownEntry(LOOSENINGS, member)?.(before.definition, after.definition)
    return [
      differenceChange(
        'check',
        keys,
        `${label} ${pathOf(difference.keys)}`,
        difference,
        why ? { why } : undefined
      )
    ]
  })
}

function checkChanges(pair: Pair<Check>): SemanticChange[] {
  const keys = ['hypothesis', 'checks', pair.key]
  const label = `check ${compact(pair.key)}`
  return elementChanges(pair, {
    subject: 'check',
    keys,
    label,
    removedRisk: () => ({ why: `the hypothesis no longer judges ${compact(pair.key)}` }),
    changed: (before, after) => changedCheck(keys, label, before, after)
  })
}

/** The changes between two hypotheses; a side without one has no checks. */
export function hypothesisChanges(
  before: JsonObject | undefined,
  after: JsonObject | undefined
): SemanticChange[] {
  return [
    ...pairByKey(checksOf(before), checksOf(after)).flatMap(checkChanges),
    ...unionKeys(before, after)
      .filter((member) => member !== 'checks')
      .flatMap((member) =>
        valueChanges(
          'hypothesis',
          ['hypothesis', member],
          memberOf(before, member),
          memberOf(after, member)
        )
      )
  ]
}
