/**
 * Semantic rules of an FIS template that JSON Schema cannot express: actions against the catalog,
 * parameter formats, target keys and resource types, references, selection modes, selectors,
 * ARNs of the right kind, startAfter references and cycles. Pure: template in, issues out.
 */
import {
  findAction,
  findParameter,
  findResourceType,
  findTargetKey,
  fisCatalog,
  type ActionSpec,
  type ArnKind
} from '../catalog/catalog.js'
import { excerpt, excerptList, quote } from '../experiment/excerpt.js'
import { escapePointerToken as token, type JsonObject } from '../experiment/json-source.js'
import { arrayAt, entriesOf, isObject, memberOf, objectAt, stringAt } from '../experiment/model.js'
import { peakParallelActions, type Timeline } from '../experiment/timeline.js'
import { arnKindProblem, parseArn } from './arn.js'
import { templateIssue as issue, type Issue } from './issues.js'
import { kubernetesSpecIssues, PARAMETER_MAX_LENGTH } from './kubernetes-spec.js'
import { parameterFormatProblem } from './parameter-format.js'
import { didYouMean } from './suggest.js'

/** FIS quota L-EB051440. */
const MAX_PARALLEL_ACTIONS = 10
const SELECTION_MODE = /^(ALL|COUNT\((\d+)\)|PERCENT\((\d+)\))$/

/** Percentage a selection mode selects: ALL is 100, COUNT(n) is unknown offline. */
export function selectionPercent(selectionMode: string): number | undefined {
  const match = SELECTION_MODE.exec(selectionMode)
  if (!match) return undefined
  if (match[1] === 'ALL') return 100
  return match[3] === undefined ? undefined : Number(match[3])
}

function selectionModeIssues(pointer: string, selectionMode: string): Issue[] {
  const match = SELECTION_MODE.exec(selectionMode)
  if (!match) {
    const hint = /^(all|count|percent)/i.test(selectionMode) ? ' (the keywords are upper case)' : ''
    return [
      issue(
        pointer,
        'target/selection-mode',
        `selectionMode ${quote(selectionMode)} must be ALL, COUNT(n) or PERCENT(n)${hint}`
      )
    ]
  }
  if (match[2] !== undefined && Number(match[2]) < 1) {
    return [issue(pointer, 'target/selection-mode', 'COUNT(n) needs n of at least 1')]
  }
  if (match[3] !== undefined && (Number(match[3]) < 1 || Number(match[3]) > 100)) {
    return [
      issue(
        pointer,
        'target/selection-mode',
        `PERCENT(n) needs n from 1 to 100, found ${excerpt(match[3])}`
      )
    ]
  }
  return []
}

function arnIssues(pointer: string, value: string, kind: ArnKind): Issue[] {
  const problem = arnKindProblem(value, kind)
  return problem ? [issue(pointer, problem.rule, problem.message)] : []
}

function targetIssues(name: string, target: JsonObject): Issue[] {
  const issues: Issue[] = []
  const pointer = `/targets/${token(name)}`
  const resourceType = stringAt(target, 'resourceType')
  const spec = resourceType ? findResourceType(resourceType) : undefined
  if (resourceType && !spec) {
    issues.push(
      issue(
        `${pointer}/resourceType`,
        'target/resource-type',
        `${quote(resourceType)} is not an FIS resource type.${didYouMean(resourceType, fisCatalog().resourceTypes.keys())}`,
        { unknownToCatalog: true }
      )
    )
  }
  const selectionMode = stringAt(target, 'selectionMode')
  if (selectionMode !== undefined)
    issues.push(...selectionModeIssues(`${pointer}/selectionMode`, selectionMode))

  const arns = arrayAt(target, 'resourceArns')
  const tags = objectAt(target, 'resourceTags')
  const filters = arrayAt(target, 'filters')
  const parameters = objectAt(target, 'parameters')
  const hasArns = (arns?.length ?? 0) > 0
  const hasTags = Object.keys(tags ?? {}).length > 0
  const hasFilters = (filters?.length ?? 0) > 0
  const hasParameters = Object.keys(parameters ?? {}).length > 0
  if (hasArns && (hasTags || hasFilters)) {
    issues.push(
      issue(
        `${pointer}/resourceArns`,
        'target/selector',
        `Target ${quote(name)} uses resourceArns together with ${hasTags ? 'resourceTags' : 'filters'}; FIS accepts ARNs or tags/filters, not both`
      )
    )
  }
  if (spec?.selection === 'parameters') {
    if (hasArns || hasTags) {
      issues.push(
        issue(
          `${pointer}/${hasArns ? 'resourceArns' : 'resourceTags'}`,
          'target/selector',
          `${resourceType} targets are selected by target parameters only (clusterIdentifier, namespace, selectorType, selectorValue), not by ARNs or tags`
        )
      )
    }
  } else if (spec && !hasArns && !hasTags && !hasFilters && !hasParameters) {
    issues.push(
      issue(
        pointer,
        'target/selector',
        `Target ${quote(name)} selects nothing: give resourceArns, resourceTags or filters`
      )
    )
  }

  arns?.forEach((arn, index) => {
    if (typeof arn !== 'string') return
    const arnPointer = `${pointer}/resourceArns/${index}`
    const parsed = parseArn(arn)
    if ('problem' in parsed) {
      issues.push(
        issue(
          arnPointer,
          'arn/malformed',
          `${quote(arn)} is not a well-formed ARN: ${parsed.problem}`
        )
      )
      return
    }
    const expected = spec?.arn
    if (!expected?.service) return
    const resourceMatches =
      expected.resourcePrefixes?.some((prefix) => parsed.arn.resource.startsWith(prefix)) ?? true
    if (parsed.arn.service !== expected.service || !resourceMatches) {
      const shape = `arn:aws:${expected.service}:${expected.hasRegion ? 'REGION' : ''}:${expected.hasAccount ? 'ACCOUNT' : ''}:${expected.resourcePrefixes?.[0] ?? ''}…`
      issues.push(
        issue(
          arnPointer,
          'arn/wrong-kind',
          `${quote(arn)} is not an ARN of resource type ${resourceType} (expected ${shape})`
        )
      )
    }
  })

  if (spec) {
    for (const [parameter, value] of entriesOf(parameters)) {
      const parameterSpec = findParameter(spec, parameter)
      if (!parameterSpec) {
        const known = Object.keys(spec.parameters)
        issues.push(
          issue(
            `${pointer}/parameters/${token(parameter)}`,
            'target/parameter',
            `${resourceType} targets have no parameter ${quote(parameter)}; ${known.length ? `known: ${known.join(', ')}.` : 'this resource type takes no target parameters.'}${didYouMean(parameter, known)}`,
            { part: 'key', unknownToCatalog: true }
          )
        )
      } else if (typeof value === 'string') {
        const problem = parameterFormatProblem(value, parameterSpec.format)
        if (problem)
          issues.push(
            issue(
              `${pointer}/parameters/${token(parameter)}`,
              'target/parameter',
              `Target parameter ${parameter}: ${problem}`
            )
          )
      }
    }
    const missing = Object.entries(spec.parameters).filter(
      ([parameter, parameterSpec]) =>
        parameterSpec.required && memberOf(parameters, parameter) === undefined
    )
    if (missing.length) {
      issues.push(
        issue(
          parameters ? `${pointer}/parameters` : pointer,
          'target/parameter',
          `${resourceType} targets need the parameter${missing.length > 1 ? 's' : ''} ${missing.map(([parameter]) => parameter).join(', ')}`
        )
      )
    }
  }
  return issues
}

function parameterIssues(actionPointer: string, action: JsonObject, spec: ActionSpec): Issue[] {
  const issues: Issue[] = []
  const parameters = objectAt(action, 'parameters')
  const known = Object.keys(spec.parameters)
  for (const [name, value] of entriesOf(parameters)) {
    const pointer = `${actionPointer}/parameters/${token(name)}`
    const parameterSpec = findParameter(spec, name)
    if (!parameterSpec) {
      issues.push(
        issue(
          pointer,
          'action/unknown-parameter',
          `${spec.id} has no parameter ${quote(name)}; ${known.length ? `its parameters are ${known.join(', ')}.` : 'it takes no parameters.'}${didYouMean(name, known)}`,
          { part: 'key', unknownToCatalog: true }
        )
      )
      continue
    }
    if (parameterSpec.format.type === 'kubernetes-spec') {
      issues.push(
        ...kubernetesSpecIssues({
          actionPointer,
          parameters: parameters as JsonObject,
          spec: value
        })
      )
      continue
    }
    if (typeof value !== 'string') {
      issues.push(
        issue(
          pointer,
          'schema/type',
          `Parameter ${name} must be a string (FIS takes every parameter as text, e.g. "50" or "true")`
        )
      )
      continue
    }
    if (value.length > PARAMETER_MAX_LENGTH) {
      issues.push(
        issue(
          pointer,
          'action/parameter-length',
          `Parameter ${name} is ${value.length} characters; FIS allows at most ${PARAMETER_MAX_LENGTH}`
        )
      )
      continue
    }
    const problem = parameterFormatProblem(value, parameterSpec.format)
    if (problem)
      issues.push(issue(pointer, 'action/parameter-format', `Parameter ${name}: ${problem}`))
  }
  const missing = Object.entries(spec.parameters)
    .filter(
      ([name, parameterSpec]) => parameterSpec.required && memberOf(parameters, name) === undefined
    )
    .map(([name]) => name)
  if (missing.length) {
    issues.push(
      issue(
        parameters ? `${actionPointer}/parameters` : actionPointer,
        'action/missing-parameter',
        `${spec.id} needs the parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
      )
    )
  }
  if (spec.id === 'aws:network:disrupt-connectivity') {
    const scope = stringAt(parameters, 'scope')
    const hasPrefixList = memberOf(parameters, 'prefixListIdentifier') !== undefined
    if (scope === 'prefix-list' && !hasPrefixList) {
      issues.push(
        issue(
          `${actionPointer}/parameters/scope`,
          'action/missing-parameter',
          'scope prefix-list needs the parameter prefixListIdentifier'
        )
      )
    } else if (scope !== undefined && scope !== 'prefix-list' && hasPrefixList) {
      issues.push(
        issue(
          `${actionPointer}/parameters/prefixListIdentifier`,
          'action/unknown-parameter',
          `prefixListIdentifier applies only when scope is prefix-list (scope is ${quote(scope)})`
        )
      )
    }
  }
  return issues
}

function actionTargetIssues(
  actionPointer: string,
  action: JsonObject,
  spec: ActionSpec,
  targets: JsonObject | undefined
): Issue[] {
  const issues: Issue[] = []
  const actionTargets = objectAt(action, 'targets')
  const keys = Object.keys(spec.targets)
  if (keys.length === 0) {
    if (Object.keys(actionTargets ?? {}).length > 0) {
      issues.push(
        issue(
          `${actionPointer}/targets`,
          'target/key',
          `${spec.id} takes no targets; remove "targets"`
        )
      )
    }
    return issues
  }
  if (!Object.keys(actionTargets ?? {}).some((key) => keys.includes(key))) {
    const key = keys[0] as string
    if (Object.keys(actionTargets ?? {}).length === 0) {
      issues.push(
        issue(
          actionTargets ? `${actionPointer}/targets` : actionPointer,
          'target/key',
          `${spec.id} needs a target under the key "${key}" (a target of resource type ${findTargetKey(spec, key)?.join(' or ')})`
        )
      )
    }
  }
  for (const [key, targetName] of entriesOf(actionTargets)) {
    const pointer = `${actionPointer}/targets/${token(key)}`
    const allowed = findTargetKey(spec, key)
    if (!allowed) {
      issues.push(
        issue(
          pointer,
          'target/key',
          `${spec.id} has no target key ${quote(key)}; use ${keys.map((known) => `"${known}"`).join(' or ')}.${didYouMean(key, keys)}`,
          { part: 'key', unknownToCatalog: true }
        )
      )
      continue
    }
    if (typeof targetName !== 'string') continue
    const target = objectAt(targets, targetName)
    if (!target) continue // reported by the reference rule
    const resourceType = stringAt(target, 'resourceType')
    if (resourceType && findResourceType(resourceType) && !allowed.includes(resourceType)) {
      issues.push(
        issue(
          pointer,
          'target/resource-type',
          `Target ${quote(targetName)} is of resource type ${resourceType}, but ${spec.id} needs ${allowed.join(' or ')} under "${key}"`,
          { part: 'key' }
        )
      )
    }
    const arnCount = arrayAt(target, 'resourceArns')?.length ?? 0
    const usesOther =
      Object.keys(objectAt(target, 'resourceTags') ?? {}).length > 0 ||
      (arrayAt(target, 'filters')?.length ?? 0) > 0 ||
      Object.keys(objectAt(target, 'parameters') ?? {}).length > 0
    const targetPointer = `/targets/${token(targetName)}`
    if (spec.targetSelection === 'single-arn' && (arnCount !== 1 || usesOther)) {
      issues.push(
        issue(
          targetPointer,
          'target/selector',
          `${spec.id} needs its target ${quote(targetName)} to name exactly one cluster ARN in resourceArns, with no tags, filters or parameters`
        )
      )
    } else if (spec.targetSelection === 'arns' && (arnCount === 0 || usesOther)) {
      issues.push(
        issue(
          targetPointer,
          'target/selector',
          `${spec.id} needs its target ${quote(targetName)} to use resourceArns only (no tags, filters or parameters)`
        )
      )
    } else if (
      spec.targetSelection === 'tags' &&
      (arnCount > 0 || Object.keys(objectAt(target, 'resourceTags') ?? {}).length === 0)
    ) {
      issues.push(
        issue(
          targetPointer,
          'target/selector',
          `${spec.id} needs its target ${quote(targetName)} to select buckets by resourceTags only`
        )
      )
    }
  }
  return issues
}

export function templateRuleIssues(template: JsonObject, timeline: Timeline): Issue[] {
  const issues: Issue[] = []
  const targets = objectAt(template, 'targets')
  const actions = objectAt(template, 'actions')
  const referencedTargets = new Set<string>()

  for (const [name, action] of entriesOf(actions)) {
    if (!isObject(action)) continue
    const pointer = `/actions/${token(name)}`
    for (const [key, targetName] of entriesOf(objectAt(action, 'targets'))) {
      if (typeof targetName !== 'string') continue
      referencedTargets.add(targetName)
      if (!objectAt(targets, targetName)) {
        const defined = Object.keys(targets ?? {})
        issues.push(
          issue(
            `${pointer}/targets/${token(key)}`,
            'target/reference',
            `Action ${quote(name)} refers to target ${quote(targetName)}, which is not defined in targets${defined.length ? ` (defined: ${excerptList(defined)})` : ''}.${didYouMean(targetName, defined)}`
          )
        )
      }
    }
    ;(arrayAt(action, 'startAfter') ?? []).forEach((after, index) => {
      if (typeof after !== 'string') return
      const afterPointer = `${pointer}/startAfter/${index}`
      if (after === name)
        issues.push(
          issue(
            afterPointer,
            'action/start-after',
            `Action ${quote(name)} cannot start after itself`
          )
        )
      else if (!objectAt(actions, after)) {
        issues.push(
          issue(
            afterPointer,
            'action/start-after',
            `startAfter names ${quote(after)}, which is not an action of this template.${didYouMean(after, Object.keys(actions ?? {}))}`
          )
        )
      }
    })
    const actionId = stringAt(action, 'actionId')
    if (actionId === undefined) continue
    const spec = findAction(actionId)
    if (!spec) {
      const hint = actionId.startsWith('aws:')
        ? didYouMean(actionId, fisCatalog().actions.keys())
        : ' FIS action ids look like aws:service:action, e.g. aws:ec2:stop-instances.'
      issues.push(
        issue(
          `${pointer}/actionId`,
          'action/unknown-action',
          `${quote(actionId)} is not an FIS action.${hint}`,
          { unknownToCatalog: true }
        )
      )
      continue
    }
    if (spec.deprecatedBy) {
      issues.push(
        issue(
          `${pointer}/actionId`,
          'action/deprecated-action',
          `${actionId} is a legacy name; AWS recommends ${spec.deprecatedBy}`
        )
      )
    }
    issues.push(...parameterIssues(pointer, action, spec))
    issues.push(...actionTargetIssues(pointer, action, spec, targets))
  }

  for (const cycle of timeline.cycles) {
    const first = cycle[0] as string
    issues.push(
      issue(
        `/actions/${token(first)}/startAfter`,
        'action/start-after-cycle',
        `startAfter forms a cycle (${excerptList([...cycle, first], ' → ')}), so these actions can never start`
      )
    )
  }
  // At most MAX_PARALLEL_ACTIONS actions can never exceed the limit: skip the sweep.
  const peak = timeline.actions.length > MAX_PARALLEL_ACTIONS ? peakParallelActions(timeline) : 0
  if (peak > MAX_PARALLEL_ACTIONS) {
    issues.push(
      issue(
        '/actions',
        'action/parallel-limit',
        `Up to ${peak} actions would run at once; FIS runs at most ${MAX_PARALLEL_ACTIONS} in parallel. Chain some with startAfter`,
        { part: 'key' }
      )
    )
  }

  for (const [name, target] of entriesOf(targets)) {
    if (!isObject(target)) continue
    issues.push(...targetIssues(name, target))
    if (!referencedTargets.has(name)) {
      issues.push(
        issue(
          `/targets/${token(name)}`,
          'target/unused',
          `Target ${quote(name)} is not used by any action`,
          { part: 'key' }
        )
      )
    }
  }

  const roleArn = stringAt(template, 'roleArn')
  if (roleArn) issues.push(...arnIssues('/roleArn', roleArn, 'iam-role'))
  ;(arrayAt(template, 'stopConditions') ?? []).forEach((condition, index) => {
    if (!isObject(condition)) return
    const value = stringAt(condition, 'value')
    if (stringAt(condition, 'source') === 'aws:cloudwatch:alarm' && value) {
      issues.push(...arnIssues(`/stopConditions/${index}/value`, value, 'cloudwatch-alarm'))
    }
  })
  const logGroupArn = stringAt(
    objectAt(objectAt(template, 'logConfiguration'), 'cloudWatchLogsConfiguration'),
    'logGroupArn'
  )
  if (logGroupArn)
    issues.push(
      ...arnIssues(
        '/logConfiguration/cloudWatchLogsConfiguration/logGroupArn',
        logGroupArn,
        'logs-log-group'
      )
    )
  return issues
}
