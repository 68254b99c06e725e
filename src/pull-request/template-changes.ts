/**
 * What changed in an FIS template, element by element: actions and targets by name, stop
 * conditions by what they watch, the estimated duration, then the template's other members.
 *
 * Risky, each with its reason:
 * - a new destructive action, or an action whose id changes to a destructive one (the catalog's
 *   destructiveVerbs: terminate, reboot, stop, …);
 * - an action's duration parameter longer; the estimated duration (longest startAfter path) longer;
 * - a wider selection: COUNT(n) to a larger count, PERCENT(n) to a larger percentage, anything to
 *   ALL. COUNT against PERCENT cannot be compared offline and is not flagged;
 * - a pool of resources that can only be larger: resource ARNs only added, resource tags or
 *   filters only removed (a change of selection method is not judged);
 * - a stop condition removed;
 * - experimentOptions.accountTargeting becoming multi-account.
 */
import { destructiveVerb, findAction } from '../catalog/catalog.js'
import { formatSeconds, parseDuration } from '../experiment/duration.js'
import type { JsonObject, JsonValue } from '../experiment/json-source.js'
import { arrayAt, entriesOf, isObject, memberOf, objectAt, stringAt } from '../experiment/model.js'
import { planTimeline } from '../experiment/timeline.js'
import { PARAMETER_MAX_LENGTH } from '../validate/kubernetes-spec.js'
import { selectionPercent } from '../validate/template-rules.js'
import {
  describedChange,
  differenceChange,
  elementChanges,
  valueChanges,
  type ChangeSubject,
  type Risk,
  type SemanticChange
} from './change.js'
import {
  compact,
  differences,
  itemChanges,
  listOf,
  ownEntry,
  pairByKey,
  pathOf,
  unionKeys,
  type Difference,
  type Pair
} from './differences.js'

const elements = (template: JsonObject | undefined, member: string): [string, JsonObject][] =>
  entriesOf(objectAt(template, member)).filter((entry): entry is [string, JsonObject] =>
    isObject(entry[1])
  )

function destructiveRisk(actionId: string | undefined): Risk | undefined {
  const verb = actionId === undefined ? undefined : destructiveVerb(actionId)
  return verb ? { why: `${compact(actionId ?? '')} is destructive (${verb})` } : undefined
}

/** Parameters FIS takes as JSON in a string (kubernetesSpec, documentParameters) compare as JSON. */
function asJson(value: JsonValue): JsonValue {
  if (typeof value !== 'string' || !value.startsWith('{') || value.length > PARAMETER_MAX_LENGTH)
    return value
  try {
    const parsed = JSON.parse(value) as JsonValue
    return isObject(parsed) ? parsed : value
  } catch {
    return value
  }
}

function comparableAction(action: JsonObject): JsonObject {
  const parameters = objectAt(action, 'parameters')
  if (!parameters) return action
  return {
    ...action,
    parameters: Object.fromEntries(
      entriesOf(parameters).map(([name, value]) => [name, asJson(value)])
    )
  }
}

function longerDurationRisk(difference: Difference, afterId: string | undefined): Risk | undefined {
  const [member, parameter] = difference.keys
  const durationParameter = findAction(afterId ?? '')?.durationParameter
  if (member !== 'parameters' || parameter === undefined || parameter !== durationParameter)
    return undefined
  const seconds = (value: JsonValue | undefined): number | undefined =>
    typeof value === 'string' ? parseDuration(value) : undefined
  const [before, after] = [seconds(difference.before), seconds(difference.after)]
  return before !== undefined && after !== undefined && after > before
    ? { why: `the fault lasts longer: ${formatSeconds(before)} → ${formatSeconds(after)}` }
    : undefined
}

function changedAction(name: string, before: JsonObject, after: JsonObject): SemanticChange[] {
  const afterId = stringAt(after, 'actionId')
  return differences(comparableAction(before), comparableAction(after)).map((difference) => {
    const [member, ...rest] = difference.keys
    const label =
      member === 'parameters'
        ? `${compact(name)}.${pathOf(rest)}`
        : `action ${compact(name)} ${pathOf(difference.keys)}`
    const risk =
      member === 'actionId' && difference.after !== undefined
        ? destructiveRisk(afterId)
        : longerDurationRisk(difference, afterId)
    return differenceChange('action', ['actions', name], label, difference, risk)
  })
}

function actionSummary(action: JsonObject): string {
  const targets = entriesOf(objectAt(action, 'targets')).map(([, target]) => target)
  const actionId = stringAt(action, 'actionId')
  return `${actionId === undefined ? 'no actionId' : compact(actionId)}${targets.length ? ` on ${listOf(targets)}` : ''}`
}

function actionChanges(pair: Pair<JsonObject>): SemanticChange[] {
  const name = pair.key
  return elementChanges(pair, {
    subject: 'action',
    keys: ['actions', name],
    label: `action ${compact(name)}`,
    summary: actionSummary,
    addedRisk: (action) => destructiveRisk(stringAt(action, 'actionId')),
    changed: (before, after) => changedAction(name, before, after)
  })
}

const COUNT = /^COUNT\((\d+)\)$/

/** COUNT(n) to more, PERCENT(n) to more, anything to ALL; COUNT against PERCENT is unknown offline. */
export function widerSelection(before: string, after: string): boolean {
  const [percentBefore, percentAfter] = [selectionPercent(before), selectionPercent(after)]
  if (percentAfter === 100) return percentBefore !== 100
  if (percentBefore !== undefined && percentAfter !== undefined) return percentAfter > percentBefore
  const [countBefore, countAfter] = [COUNT.exec(before)?.[1], COUNT.exec(after)?.[1]]
  return (
    countBefore !== undefined &&
    countAfter !== undefined &&
    Number(countAfter) > Number(countBefore)
  )
}

/** Whether a member that narrows the pool of resources now certainly lets more through. */
const POOL_WIDENING: Record<
  string,
  { wider: (before?: JsonValue, after?: JsonValue) => boolean; why: string }
> = {
  resourceArns: {
    wider: (before, after) =>
      Array.isArray(before) &&
      Array.isArray(after) &&
      itemChanges(before, after).removed.length === 0,
    why: 'more resources named: it targets resources it did not before'
  },
  resourceTags: {
    wider: (before, after) =>
      isObject(before) &&
      isObject(after) &&
      entriesOf(after).every(([tag, value]) => memberOf(before, tag) === value),
    why: 'fewer resource tags: the target can match more resources'
  },
  filters: {
    wider: (before, after) =>
      Array.isArray(before) &&
      (after === undefined ||
        (Array.isArray(after) && itemChanges(before, after).added.length === 0)),
    why: 'fewer filters: the target can match more resources'
  }
}

function targetRisk(
  difference: Difference,
  before: JsonObject,
  after: JsonObject
): Risk | undefined {
  const member = difference.keys[0] ?? ''
  const { before: was, after: is } = difference
  if (member === 'selectionMode')
    return typeof was === 'string' && typeof is === 'string' && widerSelection(was, is)
      ? { why: `selects more resources: ${compact(was)} → ${compact(is)}` }
      : undefined
  const pool = ownEntry(POOL_WIDENING, member)
  return pool?.wider(memberOf(before, member), memberOf(after, member))
    ? { why: pool.why }
    : undefined
}

function targetSummary(target: JsonObject): string {
  const part = (member: string): string[] => {
    const value = stringAt(target, member)
    return value === undefined ? [] : [compact(value)]
  }
  return [...part('resourceType'), ...part('selectionMode')].join(', ') || 'no resource type'
}

function targetChanges(pair: Pair<JsonObject>): SemanticChange[] {
  const name = pair.key
  const keys = ['targets', name]
  return elementChanges(pair, {
    subject: 'target',
    keys,
    label: `target ${compact(name)}`,
    summary: targetSummary,
    changed: (before, after) =>
      differences(before, after).map((difference) =>
        differenceChange(
          'target',
          keys,
          `target ${compact(name)} ${pathOf(difference.keys)}`,
          difference,
          targetRisk(difference, before, after)
        )
      )
  })
}

interface StopCondition {
  /** What it watches: the alarm's name, or `none`. */
  label: string
  isAlarm: boolean
  value: JsonObject
}

function stopConditions(template: JsonObject | undefined): [string, StopCondition][] {
  return (arrayAt(template, 'stopConditions') ?? []).filter(isObject).map((condition) => {
    const source = stringAt(condition, 'source') ?? ''
    const value = stringAt(condition, 'value')
    const alarm = value?.includes(':alarm:') ? value.slice(value.indexOf(':alarm:') + 7) : value
    return [
      value ?? source,
      {
        label: compact(alarm ?? source),
        isAlarm: source === 'aws:cloudwatch:alarm',
        value: condition
      }
    ]
  })
}

function stopConditionChanges(
  before: JsonObject | undefined,
  after: JsonObject | undefined
): SemanticChange[] {
  const remainingAlarms = stopConditions(after).filter(([, condition]) => condition.isAlarm).length
  return pairByKey(stopConditions(before), stopConditions(after)).flatMap((pair) => {
    const keys = ['stopConditions', pair.key]
    const label = `stop condition ${(pair.after ?? pair.before)?.label ?? ''}`
    return elementChanges(pair, {
      subject: 'stop condition',
      keys,
      label,
      removedRisk: ({ isAlarm, label: alarm }) =>
        isAlarm
          ? {
              why: remainingAlarms
                ? `the experiment no longer stops when ${alarm} fires`
                : 'no alarm stops the experiment any more'
            }
          : undefined,
      changed: (was, is) =>
        differences(was.value, is.value).map((difference) =>
          differenceChange(
            'stop condition',
            keys,
            `${label} ${pathOf(difference.keys)}`,
            difference
          )
        )
    })
  })
}

const estimateWords = (seconds: number | 'unknown'): string =>
  seconds === 'unknown' ? 'unknown (startAfter cycle)' : formatSeconds(seconds)

function durationChanges(
  before: JsonObject | undefined,
  after: JsonObject | undefined
): SemanticChange[] {
  // Unknown when startAfter has a cycle; undefined when there is no template.
  const [was, is] = [before, after].map((template) =>
    template ? (planTimeline(template).estimatedDuration ?? 'unknown') : undefined
  )
  if (was === is) return []
  const keys = ['estimatedDuration']
  if (was === undefined || is === undefined) {
    const [kind, shown] = was === undefined ? (['added', is] as const) : (['removed', was] as const)
    return [
      describedChange(
        'duration',
        keys,
        kind,
        `estimated duration ${kind}: ${estimateWords(shown ?? 'unknown')}`
      )
    ]
  }
  const words = `estimated duration: ${estimateWords(was)} → ${estimateWords(is)}`
  return [
    describedChange('duration', keys, 'changed', words, {
      before: estimateWords(was),
      after: estimateWords(is),
      risk:
        is !== 'unknown' && was !== 'unknown' && is > was
          ? { why: `the experiment runs longer: ${formatSeconds(was)} → ${formatSeconds(is)}` }
          : undefined
    })
  ]
}

const MEMBER_SUBJECTS: Record<string, ChangeSubject> = {
  experimentOptions: 'experiment options',
  roleArn: 'role',
  logConfiguration: 'log configuration'
}
/** Compared element by element above, or not what the experiment does. */
const NOT_MEMBERS = new Set(['actions', 'targets', 'stopConditions', '$schema', 'clientToken'])

function multiAccountRisk(
  before: JsonObject | undefined,
  after: JsonObject | undefined
): Risk | undefined {
  const targeting = (template: JsonObject | undefined): string | undefined =>
    stringAt(objectAt(template, 'experimentOptions'), 'accountTargeting')
  return targeting(after) === 'multi-account' && targeting(before) !== 'multi-account'
    ? { why: 'it now targets resources in other accounts too' }
    : undefined
}

function memberChanges(
  before: JsonObject | undefined,
  after: JsonObject | undefined
): SemanticChange[] {
  const multiAccount = multiAccountRisk(before, after)
  // The whole experimentOptions added or removed, or its accountTargeting changed.
  const aboutAccounts = ({ keys }: Difference): boolean =>
    keys.length === 0 || keys[0] === 'accountTargeting'
  return unionKeys(before, after)
    .filter((member) => !NOT_MEMBERS.has(member))
    .flatMap((member) =>
      valueChanges(
        ownEntry(MEMBER_SUBJECTS, member) ?? 'experiment',
        [member],
        memberOf(before, member),
        memberOf(after, member),
        (difference) =>
          member === 'experimentOptions' && aboutAccounts(difference) ? multiAccount : undefined
      )
    )
}

/** The changes between two templates; a side without a template (a templateId file) has none. */
export function templateChanges(
  before: JsonObject | undefined,
  after: JsonObject | undefined
): SemanticChange[] {
  return [
    ...pairByKey(elements(before, 'actions'), elements(after, 'actions')).flatMap(actionChanges),
    ...pairByKey(elements(before, 'targets'), elements(after, 'targets')).flatMap(targetChanges),
    ...stopConditionChanges(before, after),
    ...durationChanges(before, after),
    ...memberChanges(before, after)
  ]
}
