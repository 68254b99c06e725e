/**
 * AWS FIS over restJson1: experiment templates, experiments, resolved targets, tags and the
 * action catalog. Errors carry `x-amzn-ErrorType` and a `{"message": ...}` body, timestamps
 * are epoch seconds, as the FIS clients expect.
 */
import { allActions, findAction, type ActionSpec } from './catalog.js'
import type { PreparedCall, ServiceEndpoint, ServiceRequest, ServiceResponse } from './endpoint.js'
import { ServiceError } from './errors.js'
import { isActive, type ExperimentRecord } from './experiments.js'
import { paginate } from './paging.js'
import { randomId } from './random.js'
import {
  isObject,
  readNewTemplate,
  readTemplateUpdate,
  stringMapOf,
  validation,
  type JsonObject,
  type TemplateContent
} from './templates.js'
import type { World } from './world.js'

const MAX_ACTIVE_EXPERIMENTS = 5

interface StoredTemplate {
  id: string
  arn: string
  content: TemplateContent
  tags: Record<string, string>
  creationTime: number
  lastUpdateTime: number
}

/** What a clientToken was first used for, so a replay returns the same resource. */
interface TokenUse {
  resourceId: string
  fingerprint: string
}

interface FisCall {
  label: string
  query: URLSearchParams
  body: JsonObject
}

type Handler = (call: FisCall) => JsonObject

/** Method, path, operation and, for the call log, the name of the path label. */
const ROUTES: [method: string, path: RegExp, operation: string, label?: string][] = [
  ['POST', /^\/experimentTemplates$/, 'CreateExperimentTemplate'],
  ['GET', /^\/experimentTemplates$/, 'ListExperimentTemplates'],
  ['GET', /^\/experimentTemplates\/([^/]+)$/, 'GetExperimentTemplate', 'id'],
  ['PATCH', /^\/experimentTemplates\/([^/]+)$/, 'UpdateExperimentTemplate', 'id'],
  ['DELETE', /^\/experimentTemplates\/([^/]+)$/, 'DeleteExperimentTemplate', 'id'],
  ['POST', /^\/experiments$/, 'StartExperiment'],
  ['GET', /^\/experiments$/, 'ListExperiments'],
  ['GET', /^\/experiments\/([^/]+)$/, 'GetExperiment', 'id'],
  ['DELETE', /^\/experiments\/([^/]+)$/, 'StopExperiment', 'id'],
  [
    'GET',
    /^\/experiments\/([^/]+)\/resolvedTargets$/,
    'ListExperimentResolvedTargets',
    'experimentId'
  ],
  ['POST', /^\/tags\/([^/]+)$/, 'TagResource', 'resourceArn'],
  ['DELETE', /^\/tags\/([^/]+)$/, 'UntagResource', 'resourceArn'],
  ['GET', /^\/tags\/([^/]+)$/, 'ListTagsForResource', 'resourceArn'],
  ['GET', /^\/actions$/, 'ListActions'],
  ['GET', /^\/actions\/([^/]+)$/, 'GetAction', 'id']
]

function notFound(message: string): ServiceError {
  return new ServiceError(404, 'ResourceNotFoundException', message)
}

function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000
}

function maxResultsOf(query: URLSearchParams): number {
  const text = query.get('maxResults')
  if (text === null) return 100
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw validation(`maxResults must be an integer from 1 to 100, got ${text}`)
  }
  return value
}

function page<T>(items: readonly T[], query: URLSearchParams, scope: string) {
  const result = paginate(items, maxResultsOf(query), query.get('nextToken') ?? undefined, scope)
  if (!result) throw validation('The nextToken is not valid')
  return result
}

function fingerprint(body: JsonObject): string {
  return JSON.stringify(Object.entries(body).filter(([key]) => key !== 'clientToken'))
}

/**
 * The resource a clientToken already created, when this request repeats that one; a different
 * request under a used token is a conflict, as in FIS.
 */
function replayed(
  tokens: ReadonlyMap<string, TokenUse>,
  token: string | undefined,
  body: JsonObject
): string | undefined {
  const previous = token === undefined ? undefined : tokens.get(token)
  if (previous && previous.fingerprint !== fingerprint(body)) {
    throw new ServiceError(
      409,
      'ConflictException',
      'The clientToken was already used for a different request'
    )
  }
  return previous?.resourceId
}

export function fisEndpoint(world: World): ServiceEndpoint {
  const { region, account } = world.scenario
  const templates = new Map<string, StoredTemplate>()
  const templateTokens = new Map<string, TokenUse>()
  const experimentTokens = new Map<string, TokenUse>()

  const requireTemplate = (id: string): StoredTemplate => {
    const template = templates.get(id)
    if (!template) throw notFound(`Experiment template ${id} not found`)
    return template
  }

  const requireExperiment = (id: string): ExperimentRecord => {
    world.sync()
    const experiment = world.experiments.find(id)
    if (!experiment) throw notFound(`Experiment ${id} not found`)
    return experiment
  }

  const templateJson = (template: StoredTemplate): JsonObject => ({
    id: template.id,
    arn: template.arn,
    description: template.content.description,
    targets: template.content.targets,
    actions: template.content.actions,
    stopConditions: template.content.stopConditions,
    creationTime: seconds(template.creationTime),
    lastUpdateTime: seconds(template.lastUpdateTime),
    roleArn: template.content.roleArn,
    tags: template.tags,
    logConfiguration: template.content.logConfiguration,
    experimentOptions: template.content.experimentOptions,
    targetAccountConfigurationsCount: 0,
    experimentReportConfiguration: template.content.experimentReportConfiguration
  })

  const experimentOptions = (experiment: ExperimentRecord) => ({
    ...experiment.template.experimentOptions,
    actionsMode: experiment.actionsMode
  })

  const experimentJson = (experiment: ExperimentRecord): JsonObject => ({
    id: experiment.id,
    arn: experiment.arn,
    experimentTemplateId: experiment.templateId,
    roleArn: experiment.template.roleArn,
    state: { status: experiment.status, reason: experiment.reason },
    targets: experiment.template.targets,
    actions: Object.fromEntries(
      experiment.actions.map((action) => [
        action.name,
        {
          actionId: action.actionId,
          description: action.description,
          parameters: action.parameters,
          targets: action.targets,
          startAfter: action.startAfter,
          state: { status: action.status, reason: action.reason },
          startTime: seconds(action.startTime),
          endTime: seconds(action.endTime)
        }
      ])
    ),
    stopConditions: experiment.template.stopConditions,
    creationTime: seconds(experiment.creationTime),
    startTime: seconds(experiment.startTime),
    endTime: seconds(experiment.endTime),
    tags: experiment.tags,
    logConfiguration: experiment.template.logConfiguration,
    experimentOptions: experimentOptions(experiment),
    targetAccountConfigurationsCount: 0,
    experimentReportConfiguration: experiment.template.experimentReportConfiguration
  })

  const actionTargets = (spec: ActionSpec) => {
    const entries = Object.entries(spec.targets)
    return entries.length === 0
      ? undefined
      : Object.fromEntries(entries.map(([key, types]) => [key, { resourceType: types[0] }]))
  }

  const actionSummary = (spec: ActionSpec): JsonObject => ({
    id: spec.id,
    arn: `arn:aws:fis:${region}::action/${spec.id}`,
    description: spec.description,
    targets: actionTargets(spec),
    tags: {}
  })

  /** Tags live on templates and experiments; the ARN says which. */
  const taggable = (arn: string): { tags: Record<string, string> } => {
    const match = /^arn:[^:]+:fis:[^:]*:[^:]*:(experiment-template|experiment)\/(.+)$/.exec(arn)
    if (!match) throw validation(`${arn} is not the ARN of an experiment template or experiment`)
    const [, kind, id = ''] = match
    return kind === 'experiment' ? requireExperiment(id) : requireTemplate(id)
  }

  const handlers: Record<string, Handler> = {
    CreateExperimentTemplate: ({ body }) => {
      const token = typeof body.clientToken === 'string' ? body.clientToken : undefined
      const previous = replayed(templateTokens, token, body)
      if (previous) return { experimentTemplate: templateJson(requireTemplate(previous)) }
      const content = readNewTemplate(body)
      const tags = body.tags === undefined ? {} : stringMapOf(body.tags, 'tags')
      const now = world.sync()
      const id = randomId('EXT', world.idRandom)
      const template: StoredTemplate = {
        id,
        arn: `arn:aws:fis:${region}:${account}:experiment-template/${id}`,
        content,
        tags,
        creationTime: now,
        lastUpdateTime: now
      }
      templates.set(id, template)
      if (token !== undefined)
        templateTokens.set(token, { resourceId: id, fingerprint: fingerprint(body) })
      return { experimentTemplate: templateJson(template) }
    },

    GetExperimentTemplate: ({ label }) => ({
      experimentTemplate: templateJson(requireTemplate(label))
    }),

    UpdateExperimentTemplate: ({ label, body }) => {
      const template = requireTemplate(label)
      template.content = readTemplateUpdate(body, template.content)
      template.lastUpdateTime = world.sync()
      return { experimentTemplate: templateJson(template) }
    },

    DeleteExperimentTemplate: ({ label }) => {
      const template = requireTemplate(label)
      templates.delete(label)
      return { experimentTemplate: templateJson(template) }
    },

    ListExperimentTemplates: ({ query }) => {
      const result = page([...templates.values()], query, 'ListExperimentTemplates')
      return {
        experimentTemplates: result.items.map((template) => ({
          id: template.id,
          arn: template.arn,
          description: template.content.description,
          creationTime: seconds(template.creationTime),
          lastUpdateTime: seconds(template.lastUpdateTime),
          tags: template.tags
        })),
        nextToken: result.nextToken
      }
    },

    StartExperiment: ({ body }) => {
      if (body.experimentTemplateId === undefined) {
        throw validation(
          "1 validation error detected: Value null at 'experimentTemplateId' failed to satisfy constraint: Member must not be null"
        )
      }
      if (typeof body.clientToken !== 'string' || body.clientToken.length === 0) {
        throw validation('clientToken must be a non-empty string')
      }
      const token = body.clientToken
      const previous = replayed(experimentTokens, token, body)
      if (previous) return { experiment: experimentJson(requireExperiment(previous)) }
      const options = body.experimentOptions === undefined ? {} : body.experimentOptions
      if (!isObject(options)) throw validation('experimentOptions must be an object')
      const actionsMode = options.actionsMode ?? 'run-all'
      if (actionsMode !== 'run-all' && actionsMode !== 'skip-all') {
        throw validation('experimentOptions.actionsMode must be run-all or skip-all')
      }
      const tags = body.tags === undefined ? {} : stringMapOf(body.tags, 'tags')
      const template = requireTemplate(String(body.experimentTemplateId))
      const now = world.sync()
      if (world.experiments.activeCount() >= MAX_ACTIVE_EXPERIMENTS) {
        throw new ServiceError(
          402,
          'ServiceQuotaExceededException',
          `The quota of ${MAX_ACTIVE_EXPERIMENTS} active experiments per account and Region is reached`
        )
      }
      const experiment = world.experiments.start(
        {
          templateId: template.id,
          template: template.content,
          clientToken: token,
          actionsMode,
          tags
        },
        now
      )
      experimentTokens.set(token, { resourceId: experiment.id, fingerprint: fingerprint(body) })
      return { experiment: experimentJson(experiment) }
    },

    GetExperiment: ({ label }) => ({ experiment: experimentJson(requireExperiment(label)) }),

    StopExperiment: ({ label }) => {
      const experiment = requireExperiment(label)
      if (!isActive(experiment)) {
        throw validation(`Experiment ${label} is ${experiment.status} and cannot be stopped`)
      }
      world.experiments.stop(experiment, world.sync(), 'Stopping Experiment.')
      return { experiment: experimentJson(experiment) }
    },

    ListExperiments: ({ query }) => {
      world.sync()
      const templateId = query.get('experimentTemplateId')
      const experiments = world.experiments
        .all()
        .filter((experiment) => templateId === null || experiment.templateId === templateId)
      const result = page(experiments, query, `ListExperiments:${templateId ?? ''}`)
      return {
        experiments: result.items.map((experiment) => ({
          id: experiment.id,
          arn: experiment.arn,
          experimentTemplateId: experiment.templateId,
          state: { status: experiment.status, reason: experiment.reason },
          creationTime: seconds(experiment.creationTime),
          tags: experiment.tags,
          experimentOptions: experimentOptions(experiment)
        })),
        nextToken: result.nextToken
      }
    },

    ListExperimentResolvedTargets: ({ label, query }) => {
      const experiment = requireExperiment(label)
      const targetName = query.get('targetName')
      if (targetName !== null && !(targetName in experiment.template.targets)) {
        throw validation(`Experiment ${label} has no target named ${targetName}`)
      }
      const resolved = experiment.resolvedTargets.filter(
        (target) => targetName === null || target.targetName === targetName
      )
      const result = page(
        resolved,
        query,
        `ListExperimentResolvedTargets:${label}:${targetName ?? ''}`
      )
      return {
        resolvedTargets: result.items.map((target) => ({
          resourceType: target.resourceType,
          targetName: target.targetName,
          targetInformation: { arn: target.arn }
        })),
        nextToken: result.nextToken
      }
    },

    TagResource: ({ label, body }) => {
      const resource = taggable(label)
      Object.assign(resource.tags, body.tags === undefined ? {} : stringMapOf(body.tags, 'tags'))
      return {}
    },

    UntagResource: ({ label, query }) => {
      const resource = taggable(label)
      const removed = query.getAll('tagKeys')
      resource.tags = Object.fromEntries(
        Object.entries(resource.tags).filter(([key]) => !removed.includes(key))
      )
      return {}
    },

    ListTagsForResource: ({ label }) => ({ tags: taggable(label).tags }),

    ListActions: ({ query }) => {
      const result = page(allActions(), query, 'ListActions')
      return { actions: result.items.map(actionSummary), nextToken: result.nextToken }
    },

    GetAction: ({ label }) => {
      const spec = findAction(label)
      if (!spec) throw notFound(`Action ${label} not found`)
      return {
        action: {
          ...actionSummary(spec),
          parameters: Object.fromEntries(
            Object.entries(spec.parameters).map(([name, parameter]) => [
              name,
              { description: parameter.description, required: parameter.required }
            ])
          )
        }
      }
    }
  }

  const errorResponse = (error: ServiceError, requestId: string): ServiceResponse => ({
    status: error.status,
    headers: {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': error.code
    },
    body: JSON.stringify({ message: error.message }),
    errorCode: error.code
  })

  const prepare = (request: ServiceRequest): PreparedCall => {
    const route = ROUTES.find(
      ([method, path]) => method === request.method && path.test(request.path)
    )
    const operation = route?.[2] ?? 'Unknown'
    const rawLabel = route?.[1].exec(request.path)?.[1] ?? ''
    let label = rawLabel
    let requestError: ServiceError | undefined
    try {
      label = decodeURIComponent(rawLabel)
    } catch {
      requestError = validation(`The path label ${rawLabel} is not valid percent-encoding`)
    }
    let body: unknown = {}
    if (request.body.length > 0) {
      try {
        body = JSON.parse(request.body)
      } catch {
        requestError ??= validation('The request body is not valid JSON')
      }
    }
    const query: Record<string, string | string[]> = {}
    for (const key of new Set(request.query.keys())) {
      const values = request.query.getAll(key)
      query[key] = values.length === 1 ? (values[0] ?? '') : values
    }
    const labelName = route?.[3]
    return {
      operation,
      request: {
        ...(labelName ? { [labelName]: label } : {}),
        ...query,
        ...(isObject(body) ? body : { body })
      },
      execute(requestId) {
        try {
          const handler = handlers[operation]
          if (!handler) {
            throw new ServiceError(
              404,
              'UnknownOperationException',
              `No FIS operation matches ${request.method} ${request.path}`
            )
          }
          if (requestError) throw requestError
          if (!isObject(body)) throw validation('The request body must be a JSON object')
          return {
            status: 200,
            headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId },
            body: JSON.stringify(handler({ label, query: request.query, body }))
          }
        } catch (error) {
          if (error instanceof ServiceError) return errorResponse(error, requestId)
          throw error
        }
      }
    }
  }

  return { service: 'fis', prepare, errorResponse }
}
