/**
 * Experiment template requests, checked the way FIS checks them before it stores anything:
 * required members, shapes, and what FIS knows about actions (ids, target keys, resource types,
 * required parameters), which comes from the emulator's own catalog. Each documented member is
 * read into its own shape; a member FIS does not model is accepted and ignored, neither stored
 * nor returned (why: docs/emulator.md, "Members FIS does not know").
 */
import { findAction, findResourceType } from './catalog.js'
import { parseDuration } from './duration.js'
import { ServiceError } from './errors.js'
import { parseSelectionMode, type TemplateTarget } from './targets.js'

export interface TemplateAction {
  actionId: string
  description?: string
  parameters: Record<string, string>
  targets: Record<string, string>
  startAfter: string[]
}

export interface StopCondition {
  source: string
  value?: string
}

export interface TemplateOptions {
  accountTargeting: string
  emptyTargetResolutionMode: string
}

export interface S3Location {
  bucketName?: string
  prefix?: string
}

export interface LogConfiguration {
  logSchemaVersion?: number
  cloudWatchLogsConfiguration?: { logGroupArn: string }
  s3Configuration?: S3Location
}

export interface ReportConfiguration {
  outputs?: { s3Configuration?: S3Location }
  dataSources?: { cloudWatchDashboards?: { dashboardIdentifier?: string }[] }
  preExperimentDuration?: string
  postExperimentDuration?: string
}

/** Everything about a template that experiments copy; ids, tags and times live beside it. */
export interface TemplateContent {
  description: string
  targets: Record<string, TemplateTarget>
  actions: Record<string, TemplateAction>
  stopConditions: StopCondition[]
  roleArn: string
  logConfiguration?: LogConfiguration
  experimentOptions: TemplateOptions
  experimentReportConfiguration?: ReportConfiguration
}

export type JsonObject = Record<string, unknown>

export function validation(message: string): ServiceError {
  return new ServiceError(400, 'ValidationException', message)
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function missing(member: string): ServiceError {
  return validation(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`
  )
}

function stringOf(value: unknown, member: string, max: number, min = 1): string {
  if (typeof value !== 'string') throw validation(`${member} must be a string`)
  if (value.length < min || value.length > max) {
    throw validation(`${member} must be between ${min} and ${max} characters long`)
  }
  return value
}

/** An optional member: read when present, absent otherwise. */
function optional<T>(value: unknown, read: (present: unknown) => T): T | undefined {
  return value === undefined ? undefined : read(value)
}

function integerOf(value: unknown, member: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validation(`${member} must be an integer`)
  }
  return value
}

function objectOf(value: unknown, member: string): JsonObject {
  if (!isObject(value)) throw validation(`${member} must be an object`)
  return value
}

export function stringMapOf(value: unknown, member: string): Record<string, string> {
  const entries = Object.entries(objectOf(value, member))
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw validation(`${member}.${key} must be a string`)
  }
  return Object.fromEntries(entries) as Record<string, string>
}

function stringListOf(value: unknown, member: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw validation(`${member} must be a list of strings`)
  }
  return value as string[]
}

function targetOf(value: unknown, name: string): TemplateTarget {
  const member = `targets.${name}`
  const target = objectOf(value, member)
  if (target.resourceType === undefined) throw missing(`${member}.resourceType`)
  if (target.selectionMode === undefined) throw missing(`${member}.selectionMode`)
  const resourceType = stringOf(target.resourceType, `${member}.resourceType`, 128)
  const spec = findResourceType(resourceType)
  if (!spec) throw validation(`Target resource type ${resourceType} is not supported`)
  const selectionMode = stringOf(target.selectionMode, `${member}.selectionMode`, 64)
  if (!parseSelectionMode(selectionMode)) {
    throw validation(
      `Selection mode ${selectionMode} of target ${name} is not valid; use ALL, COUNT(n) or PERCENT(n)`
    )
  }
  const resourceArns =
    target.resourceArns === undefined
      ? undefined
      : stringListOf(target.resourceArns, `${member}.resourceArns`)
  if (resourceArns && resourceArns.length > 5) {
    throw validation(
      `Target ${name} lists ${resourceArns.length} resourceArns; at most 5 are allowed`
    )
  }
  const resourceTags =
    target.resourceTags === undefined
      ? undefined
      : stringMapOf(target.resourceTags, `${member}.resourceTags`)
  const filters = target.filters === undefined ? undefined : filtersOf(target.filters, member)
  const parameters =
    target.parameters === undefined
      ? undefined
      : stringMapOf(target.parameters, `${member}.parameters`)
  requireParameters(spec.parameters, parameters ?? {}, `Target ${name} (${resourceType})`)
  if (resourceArns?.length && (resourceTags || filters?.length)) {
    throw validation(`Target ${name} cannot combine resourceArns with resourceTags or filters`)
  }
  if (spec.selection === 'parameters' && (resourceArns?.length || resourceTags)) {
    throw validation(`Targets of type ${resourceType} are selected by parameters only`)
  }
  if (!resourceArns?.length && !resourceTags && !filters?.length && !parameters) {
    throw validation(
      `Target ${name} must specify resourceArns, resourceTags, filters or parameters`
    )
  }
  return { resourceType, resourceArns, resourceTags, filters, selectionMode, parameters }
}

function requireParameters(
  specs: Record<string, { required: boolean }>,
  given: Record<string, string>,
  owner: string
): void {
  for (const [parameter, spec] of Object.entries(specs)) {
    if (spec.required && given[parameter] === undefined) {
      throw validation(`${owner} is missing required parameter ${parameter}`)
    }
  }
}

function filtersOf(value: unknown, member: string): { path: string; values: string[] }[] {
  if (!Array.isArray(value)) throw validation(`${member}.filters must be a list`)
  return value.map((item, index) => {
    const filter = objectOf(item, `${member}.filters.${index}`)
    return {
      path: stringOf(filter.path, `${member}.filters.${index}.path`, 256),
      values: stringListOf(filter.values, `${member}.filters.${index}.values`)
    }
  })
}

function actionOf(value: unknown, name: string): TemplateAction {
  const member = `actions.${name}`
  const action = objectOf(value, member)
  if (action.actionId === undefined) throw missing(`${member}.actionId`)
  const actionId = stringOf(action.actionId, `${member}.actionId`, 128)
  const spec = findAction(actionId)
  if (!spec) throw validation(`Action type ${actionId} of action ${name} is not valid`)
  const parameters =
    action.parameters === undefined ? {} : stringMapOf(action.parameters, `${member}.parameters`)
  requireParameters(spec.parameters, parameters, `Action ${name} (${actionId})`)
  const duration = spec.durationParameter && parameters[spec.durationParameter]
  if (duration && (parseDuration(duration) ?? -1) < 0) {
    throw validation(
      `Parameter ${spec.durationParameter} of action ${name} must be an ISO-8601 duration, got ${duration}`
    )
  }
  return {
    actionId,
    description:
      action.description === undefined
        ? undefined
        : stringOf(action.description, `${member}.description`, 512, 0),
    parameters,
    targets: action.targets === undefined ? {} : stringMapOf(action.targets, `${member}.targets`),
    startAfter:
      action.startAfter === undefined ? [] : stringListOf(action.startAfter, `${member}.startAfter`)
  }
}

/** Cross-references FIS checks once every member has the right shape. */
function checkReferences(
  actions: Record<string, TemplateAction>,
  targets: Record<string, TemplateTarget>
): void {
  if (Object.keys(actions).length === 0)
    throw validation('actions must contain at least one action')
  for (const [name, action] of Object.entries(actions)) {
    const spec = findAction(action.actionId)
    const validKeys = Object.keys(spec?.targets ?? {})
    for (const [key, targetName] of Object.entries(action.targets)) {
      if (!validKeys.includes(key)) {
        throw validation(
          `Target key ${key} is not valid for action ${name} (${action.actionId}); ` +
            (validKeys.length ? `valid keys: ${validKeys.join(', ')}` : 'it takes no targets')
        )
      }
      const target = Object.hasOwn(targets, targetName) ? targets[targetName] : undefined
      if (!target) {
        throw validation(`Action ${name} references target ${targetName}, which does not exist`)
      }
      const types = spec?.targets[key] ?? []
      if (!types.includes(target.resourceType)) {
        throw validation(
          `Target ${targetName} has resource type ${target.resourceType}, but ${key} of ` +
            `${action.actionId} takes ${types.join(' or ')}`
        )
      }
    }
    if (validKeys.length > 0 && Object.keys(action.targets).length === 0) {
      throw validation(
        `Action ${name} (${action.actionId}) needs a target: ${validKeys.join(', ')}`
      )
    }
    for (const predecessor of action.startAfter) {
      if (predecessor === name || !Object.hasOwn(actions, predecessor)) {
        throw validation(`Action ${name} starts after ${predecessor}, which is not another action`)
      }
    }
  }
  const cycle = findCycle(actions)
  if (cycle) throw validation(`startAfter forms a cycle: ${cycle.join(' -> ')}`)
}

function findCycle(actions: Record<string, TemplateAction>): string[] | undefined {
  const done = new Set<string>()
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name]
    if (done.has(name)) return undefined
    for (const predecessor of actions[name]?.startAfter ?? []) {
      const cycle = visit(predecessor, [...path, name])
      if (cycle) return cycle
    }
    done.add(name)
    return undefined
  }
  for (const name of Object.keys(actions)) {
    const cycle = visit(name, [])
    if (cycle) return cycle
  }
  return undefined
}

function stopConditionsOf(value: unknown): StopCondition[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw validation('stopConditions must list at least one stop condition')
  }
  return value.map((item, index) => {
    const condition = objectOf(item, `stopConditions.${index}`)
    const source = stringOf(condition.source, `stopConditions.${index}.source`, 64)
    if (source !== 'aws:cloudwatch:alarm' && source !== 'none') {
      throw validation(`Stop condition source ${source} is not valid`)
    }
    if (source === 'aws:cloudwatch:alarm' && condition.value === undefined) {
      throw missing(`stopConditions.${index}.value`)
    }
    return condition.value === undefined
      ? { source }
      : { source, value: stringOf(condition.value, `stopConditions.${index}.value`, 2048, 20) }
  })
}

function s3LocationOf(
  value: unknown,
  member: string,
  rules: { bucketRequired: boolean; prefixMax: number }
): S3Location {
  const location = objectOf(value, member)
  if (rules.bucketRequired && location.bucketName === undefined) {
    throw missing(`${member}.bucketName`)
  }
  return {
    bucketName: optional(location.bucketName, (name) =>
      stringOf(name, `${member}.bucketName`, 63, 3)
    ),
    prefix: optional(location.prefix, (prefix) =>
      stringOf(prefix, `${member}.prefix`, rules.prefixMax)
    )
  }
}

/** `logSchemaVersion` is required on CreateExperimentTemplate, optional on an update. */
function logConfigurationOf(value: unknown, update: boolean): LogConfiguration {
  const member = 'logConfiguration'
  const config = objectOf(value, member)
  if (!update && config.logSchemaVersion === undefined) throw missing(`${member}.logSchemaVersion`)
  return {
    logSchemaVersion: optional(config.logSchemaVersion, (version) =>
      integerOf(version, `${member}.logSchemaVersion`)
    ),
    cloudWatchLogsConfiguration: optional(config.cloudWatchLogsConfiguration, (logs) => {
      const logsMember = `${member}.cloudWatchLogsConfiguration`
      const { logGroupArn } = objectOf(logs, logsMember)
      if (logGroupArn === undefined) throw missing(`${logsMember}.logGroupArn`)
      return { logGroupArn: stringOf(logGroupArn, `${logsMember}.logGroupArn`, 2048, 20) }
    }),
    s3Configuration: optional(config.s3Configuration, (s3) =>
      s3LocationOf(s3, `${member}.s3Configuration`, { bucketRequired: true, prefixMax: 700 })
    )
  }
}

function dashboardsOf(value: unknown, member: string): { dashboardIdentifier?: string }[] {
  if (!Array.isArray(value)) throw validation(`${member} must be a list`)
  return value.map((item, index) => ({
    dashboardIdentifier: optional(objectOf(item, `${member}.${index}`).dashboardIdentifier, (id) =>
      stringOf(id, `${member}.${index}.dashboardIdentifier`, 512, 0)
    )
  }))
}

function reportConfigurationOf(value: unknown): ReportConfiguration {
  const member = 'experimentReportConfiguration'
  const report = objectOf(value, member)
  return {
    outputs: optional(report.outputs, (outputs) => ({
      s3Configuration: optional(objectOf(outputs, `${member}.outputs`).s3Configuration, (s3) =>
        s3LocationOf(s3, `${member}.outputs.s3Configuration`, {
          bucketRequired: false,
          prefixMax: 256
        })
      )
    })),
    dataSources: optional(report.dataSources, (sources) => ({
      cloudWatchDashboards: optional(
        objectOf(sources, `${member}.dataSources`).cloudWatchDashboards,
        (dashboards) => dashboardsOf(dashboards, `${member}.dataSources.cloudWatchDashboards`)
      )
    })),
    preExperimentDuration: optional(report.preExperimentDuration, (duration) =>
      stringOf(duration, `${member}.preExperimentDuration`, 32)
    ),
    postExperimentDuration: optional(report.postExperimentDuration, (duration) =>
      stringOf(duration, `${member}.postExperimentDuration`, 32)
    )
  }
}

function enumOf(value: unknown, member: string, allowed: string[]): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw validation(`${member} must be one of ${allowed.join(', ')}`)
  }
  return value
}

function optionsOf(value: unknown, current: TemplateOptions, update: boolean): TemplateOptions {
  const options = objectOf(value, 'experimentOptions')
  if (update && options.accountTargeting !== undefined) {
    throw validation('experimentOptions.accountTargeting cannot be updated')
  }
  return {
    accountTargeting:
      options.accountTargeting === undefined
        ? current.accountTargeting
        : enumOf(options.accountTargeting, 'experimentOptions.accountTargeting', [
            'single-account',
            'multi-account'
          ]),
    emptyTargetResolutionMode:
      options.emptyTargetResolutionMode === undefined
        ? current.emptyTargetResolutionMode
        : enumOf(options.emptyTargetResolutionMode, 'experimentOptions.emptyTargetResolutionMode', [
            'fail',
            'skip'
          ])
  }
}

function mapOf<T>(value: unknown, member: string, read: (item: unknown, name: string) => T) {
  return Object.fromEntries(
    Object.entries(objectOf(value, member)).map(([name, item]) => [name, read(item, name)])
  )
}

const DEFAULT_OPTIONS: TemplateOptions = {
  accountTargeting: 'single-account',
  emptyTargetResolutionMode: 'fail'
}

/** A CreateExperimentTemplate body, checked. */
export function readNewTemplate(body: JsonObject): TemplateContent {
  for (const member of ['description', 'stopConditions', 'actions', 'roleArn']) {
    if (body[member] === undefined) throw missing(member)
  }
  return readTemplate(body, undefined)
}

/** An UpdateExperimentTemplate body applied to the current template, checked as a whole. */
export function readTemplateUpdate(body: JsonObject, current: TemplateContent): TemplateContent {
  return readTemplate(body, current)
}

function readTemplate(body: JsonObject, current: TemplateContent | undefined): TemplateContent {
  const targets =
    body.targets === undefined ? (current?.targets ?? {}) : mapOf(body.targets, 'targets', targetOf)
  const actions =
    body.actions === undefined ? (current?.actions ?? {}) : mapOf(body.actions, 'actions', actionOf)
  checkReferences(actions, targets)
  const content: TemplateContent = {
    description:
      body.description === undefined
        ? (current?.description ?? '')
        : stringOf(body.description, 'description', 512),
    targets,
    actions,
    stopConditions:
      body.stopConditions === undefined
        ? (current?.stopConditions ?? [])
        : stopConditionsOf(body.stopConditions),
    roleArn:
      body.roleArn === undefined
        ? (current?.roleArn ?? '')
        : stringOf(body.roleArn, 'roleArn', 2048, 20),
    experimentOptions:
      body.experimentOptions === undefined
        ? (current?.experimentOptions ?? DEFAULT_OPTIONS)
        : optionsOf(
            body.experimentOptions,
            current?.experimentOptions ?? DEFAULT_OPTIONS,
            !!current
          ),
    logConfiguration:
      body.logConfiguration === undefined
        ? current?.logConfiguration
        : logConfigurationOf(body.logConfiguration, !!current),
    experimentReportConfiguration:
      body.experimentReportConfiguration === undefined
        ? current?.experimentReportConfiguration
        : reportConfigurationOf(body.experimentReportConfiguration)
  }
  return content
}
