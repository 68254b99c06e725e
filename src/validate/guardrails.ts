/**
 * Guardrails: per-file limits combined with the action inputs (the stricter wins), checked
 * offline against the template. A violation points at the offending element (the ARN, the
 * action, the target), never at the guardrail.
 */
import { findAction } from '../catalog/catalog.js'
import { formatSeconds, parseDuration } from '../experiment/duration.js'
import { escapePointerToken as token, type JsonObject } from '../experiment/json-source.js'
import { arrayAt, entriesOf, isObject, objectAt, stringAt } from '../experiment/model.js'
import type { Timeline } from '../experiment/timeline.js'
import { parseArn } from './arn.js'
import { fileIssue, templateIssue, type Issue } from './issues.js'
import { selectionPercent } from './template-rules.js'

export interface Guardrails {
  allowedAccounts?: string[]
  allowedRegions?: string[]
  /** Seconds. */
  maxDuration?: number
  requireStopConditions: boolean
  maxTargetPercent?: number
  forbiddenActions: string[]
}

/** Guardrails from the action inputs; only these three exist as inputs. */
export interface InputGuardrails {
  allowedAccounts?: string[]
  allowedRegions?: string[]
  requireStopConditions: boolean
}

const intersect = (a: string[] | undefined, b: string[] | undefined): string[] | undefined =>
  a && b ? a.filter((item) => b.includes(item)) : (a ?? b)
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : undefined

/** The stricter of the file's guardrails (schema-checked shape) and the inputs. */
export function combineGuardrails(
  fromFile: JsonObject | undefined,
  fromInputs: InputGuardrails
): Guardrails {
  const maxDurationText = stringAt(fromFile, 'maxDuration')
  const maxTargetPercent = fromFile?.maxTargetPercent
  return {
    allowedAccounts: intersect(strings(fromFile?.allowedAccounts), fromInputs.allowedAccounts),
    allowedRegions: intersect(strings(fromFile?.allowedRegions), fromInputs.allowedRegions),
    maxDuration: maxDurationText ? parseDuration(maxDurationText) : undefined,
    requireStopConditions:
      fromInputs.requireStopConditions || fromFile?.requireStopConditions === true,
    maxTargetPercent: typeof maxTargetPercent === 'number' ? maxTargetPercent : undefined,
    forbiddenActions: strings(fromFile?.forbiddenActions) ?? []
  }
}

export interface ArnReference {
  pointer: string
  arn: string
}

/** Every ARN in a template that names an account or Region: roles, alarms, targets, logs, documents. */
export function templateArns(template: JsonObject): ArnReference[] {
  const found: ArnReference[] = []
  const add = (pointer: string, value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('arn:')) found.push({ pointer, arn: value })
  }
  add('/roleArn', template.roleArn)
  ;(arrayAt(template, 'stopConditions') ?? []).forEach((condition, index) => {
    if (isObject(condition)) add(`/stopConditions/${index}/value`, condition.value)
  })
  for (const [name, target] of entriesOf(objectAt(template, 'targets'))) {
    if (!isObject(target)) continue
    ;(arrayAt(target, 'resourceArns') ?? []).forEach((arn, index) =>
      add(`/targets/${token(name)}/resourceArns/${index}`, arn)
    )
    for (const [parameter, value] of entriesOf(objectAt(target, 'parameters')))
      add(`/targets/${token(name)}/parameters/${token(parameter)}`, value)
  }
  add(
    '/logConfiguration/cloudWatchLogsConfiguration/logGroupArn',
    objectAt(objectAt(template, 'logConfiguration'), 'cloudWatchLogsConfiguration')?.logGroupArn
  )
  for (const [name, action] of entriesOf(objectAt(template, 'actions'))) {
    if (!isObject(action)) continue
    const spec = findAction(stringAt(action, 'actionId') ?? '')
    for (const [parameter, value] of entriesOf(objectAt(action, 'parameters'))) {
      const format = spec?.parameters[parameter]?.format
      if (typeof value !== 'string' || !format) continue
      const isArnList = format.type === 'list' && format.item.type === 'arn'
      if (format.type !== 'arn' && !isArnList) continue
      for (const arn of isArnList ? value.split(',') : [value])
        add(`/actions/${token(name)}/parameters/${token(parameter)}`, arn.trim())
    }
  }
  return found
}

const matchesForbidden = (actionId: string, pattern: string): boolean =>
  pattern.endsWith('*') ? actionId.startsWith(pattern.slice(0, -1)) : actionId === pattern

export function guardrailIssues(
  template: JsonObject | undefined,
  timeline: Timeline | undefined,
  guardrails: Guardrails
): Issue[] {
  if (!template) return []
  const issues: Issue[] = []
  if (guardrails.requireStopConditions) {
    const conditions = arrayAt(template, 'stopConditions') ?? []
    const hasAlarm = conditions.some(
      (condition) => isObject(condition) && condition.source === 'aws:cloudwatch:alarm'
    )
    if (!hasAlarm) {
      issues.push(
        templateIssue(
          template.stopConditions === undefined ? '' : '/stopConditions',
          'guardrail/stop-conditions',
          'The template has no aws:cloudwatch:alarm stop condition, so nothing stops the fault if the system degrades. Add {"source": "aws:cloudwatch:alarm", "value": "<alarm ARN>"}, or set require-stop-conditions: false'
        )
      )
    }
  }
  const checksArns =
    guardrails.allowedAccounts !== undefined || guardrails.allowedRegions !== undefined
  for (const { pointer, arn } of checksArns ? templateArns(template) : []) {
    const parsed = parseArn(arn)
    if ('problem' in parsed) continue
    const { account, region } = parsed.arn
    if (account && guardrails.allowedAccounts && !guardrails.allowedAccounts.includes(account)) {
      issues.push(
        templateIssue(
          pointer,
          'guardrail/account',
          `${arn} is in account ${account}, which is not in the allowed accounts (${guardrails.allowedAccounts.join(', ') || 'none'})`
        )
      )
    }
    if (region && guardrails.allowedRegions && !guardrails.allowedRegions.includes(region)) {
      issues.push(
        templateIssue(
          pointer,
          'guardrail/region',
          `${arn} is in ${region}, which is not in the allowed Regions (${guardrails.allowedRegions.join(', ') || 'none'})`
        )
      )
    }
  }
  if (
    guardrails.maxDuration !== undefined &&
    timeline &&
    timeline.estimatedDuration > guardrails.maxDuration
  ) {
    const last = timeline.criticalPath[timeline.criticalPath.length - 1] as string
    const action = objectAt(objectAt(template, 'actions'), last)
    const parameter = findAction(stringAt(action, 'actionId') ?? '')?.durationParameter
    const pointer = `/actions/${token(last)}${parameter && objectAt(action, 'parameters')?.[parameter] !== undefined ? `/parameters/${token(parameter)}` : ''}`
    issues.push(
      templateIssue(
        pointer,
        'guardrail/max-duration',
        `The experiment is estimated to run ${formatSeconds(timeline.estimatedDuration)} (${timeline.criticalPath.join(' → ')}), over the maxDuration of ${formatSeconds(guardrails.maxDuration)}`
      )
    )
  }
  if (guardrails.maxTargetPercent !== undefined) {
    for (const [name, target] of entriesOf(objectAt(template, 'targets'))) {
      const mode = isObject(target) ? stringAt(target, 'selectionMode') : undefined
      const percent = mode ? selectionPercent(mode) : undefined
      if (percent !== undefined && percent > guardrails.maxTargetPercent) {
        issues.push(
          templateIssue(
            `/targets/${token(name)}/selectionMode`,
            'guardrail/max-target-percent',
            `Target "${name}" selects ${mode === 'ALL' ? 'ALL (100%)' : `${percent}%`} of its resources, over the maxTargetPercent of ${guardrails.maxTargetPercent}%`
          )
        )
      }
    }
  }
  if (guardrails.forbiddenActions.length) {
    for (const [name, action] of entriesOf(objectAt(template, 'actions'))) {
      const actionId = isObject(action) ? stringAt(action, 'actionId') : undefined
      const pattern =
        actionId &&
        guardrails.forbiddenActions.find((forbidden) => matchesForbidden(actionId, forbidden))
      if (pattern) {
        issues.push(
          templateIssue(
            `/actions/${token(name)}/actionId`,
            'guardrail/forbidden-action',
            `${actionId} is forbidden here (forbiddenActions: ${pattern})`
          )
        )
      }
    }
  }
  return issues
}

/** Guardrails in the file that the schema accepts but that make no sense together. */
export function guardrailSettingIssues(fromFile: JsonObject | undefined): Issue[] {
  const issues: Issue[] = []
  const maxDuration = stringAt(fromFile, 'maxDuration')
  if (maxDuration !== undefined && !parseDuration(maxDuration)) {
    issues.push(
      fileIssue(
        '/guardrails/maxDuration',
        'guardrail/invalid',
        `maxDuration "${maxDuration}" must be a positive ISO-8601 duration such as PT30M`
      )
    )
  }
  return issues
}
