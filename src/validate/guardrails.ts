/**
 * Guardrails: per-file limits combined with the action inputs (the stricter wins), checked
 * offline against the template. A violation points at the offending element (the ARN, the
 * action, the target), never at the guardrail.
 */
import { findAction, findParameter } from '../catalog/catalog.js'
import { formatSeconds, parseDuration } from '../experiment/duration.js'
import { excerpt, excerptList, quote } from '../experiment/excerpt.js'
import { escapePointerToken as token, type JsonObject } from '../experiment/json-source.js'
import { arrayAt, entriesOf, isObject, memberOf, objectAt, stringAt } from '../experiment/model.js'
import { planTimeline, type Timeline } from '../experiment/timeline.js'
import { parseArn } from './arn.js'
import { RULES, type Finding } from './findings.js'
import { fileIssue, templateIssue, type Issue } from './issues.js'
import { describePointer } from './schema-issues.js'
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
  const maxTargetPercent = memberOf(fromFile, 'maxTargetPercent')
  return {
    allowedAccounts: intersect(
      strings(memberOf(fromFile, 'allowedAccounts')),
      fromInputs.allowedAccounts
    ),
    allowedRegions: intersect(
      strings(memberOf(fromFile, 'allowedRegions')),
      fromInputs.allowedRegions
    ),
    maxDuration: maxDurationText ? parseDuration(maxDurationText) : undefined,
    requireStopConditions:
      fromInputs.requireStopConditions || memberOf(fromFile, 'requireStopConditions') === true,
    maxTargetPercent: typeof maxTargetPercent === 'number' ? maxTargetPercent : undefined,
    forbiddenActions: strings(memberOf(fromFile, 'forbiddenActions')) ?? []
  }
}

export interface ArnReference {
  pointer: string
  arn: string
}

/** An ARN within a longer string: up to the first character no ARN holds. */
const EMBEDDED_ARN = /arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:\d{12}:[^\s"'`,;()<>{}[\]\\]+/g

/** Every ARN in a template that names an account or Region: roles, alarms, targets, logs, documents. */
export function templateArns(template: JsonObject): ArnReference[] {
  const found: ArnReference[] = []
  const add = (pointer: string, value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('arn:')) found.push({ pointer, arn: value })
  }
  add('/roleArn', memberOf(template, 'roleArn'))
  ;(arrayAt(template, 'stopConditions') ?? []).forEach((condition, index) => {
    if (isObject(condition)) add(`/stopConditions/${index}/value`, memberOf(condition, 'value'))
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
    stringAt(
      objectAt(objectAt(template, 'logConfiguration'), 'cloudWatchLogsConfiguration'),
      'logGroupArn'
    )
  )
  for (const [name, action] of entriesOf(objectAt(template, 'actions'))) {
    if (!isObject(action)) continue
    const spec = findAction(stringAt(action, 'actionId') ?? '')
    for (const [parameter, value] of entriesOf(objectAt(action, 'parameters'))) {
      if (typeof value !== 'string') continue
      const pointer = `/actions/${token(name)}/parameters/${token(parameter)}`
      const format = spec && findParameter(spec, parameter)?.format
      const isArnList = format?.type === 'list' && format.item.type === 'arn'
      if (format?.type === 'arn' || isArnList) {
        for (const arn of isArnList ? value.split(',') : [value]) add(pointer, arn.trim())
        continue
      }
      // ARNs inside other values (an SSM document's JSON parameters, an assume-role ARN) count
      // too: another account or Region named there is reached all the same.
      for (const arn of value.match(EMBEDDED_ARN) ?? []) add(pointer, arn)
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
      (condition) => isObject(condition) && memberOf(condition, 'source') === 'aws:cloudwatch:alarm'
    )
    if (!hasAlarm) {
      issues.push(
        templateIssue(
          memberOf(template, 'stopConditions') === undefined ? '' : '/stopConditions',
          'guardrail/stop-conditions',
          'The template has no aws:cloudwatch:alarm stop condition, so nothing stops the fault if the system degrades. Add {"source": "aws:cloudwatch:alarm", "value": "<alarm ARN>"}, or set require-stop-conditions: false'
        )
      )
    }
  }
  const checksArns =
    guardrails.allowedAccounts !== undefined || guardrails.allowedRegions !== undefined
  const targeting = stringAt(objectAt(template, 'experimentOptions'), 'accountTargeting')
  if (guardrails.allowedAccounts !== undefined && targeting === 'multi-account') {
    issues.push(
      templateIssue(
        '/experimentOptions/accountTargeting',
        'guardrail/account',
        `accountTargeting "multi-account" reaches the accounts of the template's target account configurations, which fis-gate cannot check against the allowed accounts (${guardrails.allowedAccounts.join(', ') || 'none'}); use single-account, or drop allowed-accounts for this experiment`
      )
    )
  }
  for (const { pointer, arn } of checksArns ? templateArns(template) : []) {
    const parsed = parseArn(arn)
    if ('problem' in parsed) continue
    const { account, region } = parsed.arn
    if (account && guardrails.allowedAccounts && !guardrails.allowedAccounts.includes(account)) {
      issues.push(
        templateIssue(
          pointer,
          'guardrail/account',
          `${quote(arn)} is in account ${account}, which is not in the allowed accounts (${guardrails.allowedAccounts.join(', ') || 'none'})`
        )
      )
    }
    if (region && guardrails.allowedRegions && !guardrails.allowedRegions.includes(region)) {
      issues.push(
        templateIssue(
          pointer,
          'guardrail/region',
          `${quote(arn)} is in ${excerpt(region)}, which is not in the allowed Regions (${guardrails.allowedRegions.join(', ') || 'none'})`
        )
      )
    }
  }
  if (
    guardrails.maxDuration !== undefined &&
    timeline?.estimatedDuration !== undefined &&
    timeline.estimatedDuration > guardrails.maxDuration
  ) {
    const last = timeline.criticalPath[timeline.criticalPath.length - 1] as string
    const action = objectAt(objectAt(template, 'actions'), last)
    const parameter = findAction(stringAt(action, 'actionId') ?? '')?.durationParameter
    const pointer = `/actions/${token(last)}${parameter && memberOf(objectAt(action, 'parameters'), parameter) !== undefined ? `/parameters/${token(parameter)}` : ''}`
    issues.push(
      templateIssue(
        pointer,
        'guardrail/max-duration',
        `The experiment is estimated to run ${formatSeconds(timeline.estimatedDuration)} (${excerptList(timeline.criticalPath, ' → ')}), over the maxDuration of ${formatSeconds(guardrails.maxDuration)}`
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
            `Target ${quote(name)} selects ${mode === 'ALL' ? 'ALL (100%)' : `${percent}%`} of its resources, over the maxTargetPercent of ${guardrails.maxTargetPercent}%`
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
            `${quote(actionId)} is forbidden here (forbiddenActions: ${quote(pattern)})`
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
        `maxDuration ${quote(maxDuration)} must be a positive ISO-8601 duration such as PT30M`
      )
    )
  }
  return issues
}

/**
 * A template as FIS's GetExperimentTemplate returns it: the members the guardrails read, in the
 * shapes of the SDK's ExperimentTemplate (which is assignable to this), so this module needs no SDK.
 */
export interface FisTemplateResponse {
  id?: string
  roleArn?: string
  targets?: Record<
    string,
    {
      resourceType?: string
      resourceArns?: string[]
      resourceTags?: Record<string, string>
      filters?: { path?: string; values?: string[] }[]
      selectionMode?: string
      parameters?: Record<string, string>
    }
  >
  actions?: Record<
    string,
    {
      actionId?: string
      parameters?: Record<string, string>
      targets?: Record<string, string>
      startAfter?: string[]
    }
  >
  stopConditions?: { source?: string; value?: string }[]
  logConfiguration?: { cloudWatchLogsConfiguration?: { logGroupArn?: string } }
}

/** A guardrail refusal of a template read from FIS: no line, but the element's path in it. */
export interface TemplateFinding extends Finding {
  /** Where in the template, e.g. `actions.terminate.actionId`. */
  path: string
}

/**
 * The guardrails of an inline template, applied to a template read from FIS (a `templateId`
 * file): accounts, Regions, stop conditions, forbidden actions, maxDuration and maxTargetPercent,
 * by the same checks. `file` is the experiment file that named the template. Pure.
 */
export function templateGuardrailFindings(
  template: FisTemplateResponse,
  guardrails: Guardrails,
  file: string
): TemplateFinding[] {
  // Plain JSON data, as if read from a file: dates become strings, undefined members vanish.
  const json = JSON.parse(JSON.stringify(template)) as JsonObject
  return guardrailIssues(json, planTimeline(json), guardrails).map((issue) => {
    const path = issue.pointer === '' ? 'the template' : describePointer(issue.pointer)
    return {
      file,
      line: 0,
      column: 0,
      rule: issue.rule,
      severity: issue.severity ?? RULES[issue.rule].severity,
      message: `${template.id ? `Template ${excerpt(template.id)}, ` : ''}${path}: ${issue.message}`,
      path
    }
  })
}
