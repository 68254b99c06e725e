import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CreateExperimentTemplateCommand,
  DeleteExperimentTemplateCommand,
  GetActionCommand,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListActionsCommand,
  ListExperimentResolvedTargetsCommand,
  ListExperimentsCommand,
  ListExperimentTemplatesCommand,
  ListTagsForResourceCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateExperimentTemplateCommand,
  type CreateExperimentTemplateCommandInput,
  type ResolvedTarget
} from '@aws-sdk/client-fis'
import { allActions, findAction } from '../../emulator/catalog.js'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import {
  ACCOUNT,
  REGION,
  ROLE_ARN,
  awsClients,
  templateInput,
  type AwsClients
} from '../support/emulator-clients.js'
import { rejection } from '../support/emulator-session.js'
import { testScenario } from '../support/test-scenario.js'

let emulator: Emulator
let aws: AwsClients

beforeAll(async () => {
  // advance() moves experiments past their actions' durations at once, which needs virtual time.
  emulator = await startEmulator({ scenario: testScenario({ clock: 'accelerated' }) })
  aws = awsClients(emulator)
})

afterAll(async () => {
  aws.destroy()
  await emulator.stop()
})

async function createTemplate(input: CreateExperimentTemplateCommandInput = templateInput()) {
  const { experimentTemplate } = await aws.fis.send(new CreateExperimentTemplateCommand(input))
  if (!experimentTemplate?.id) throw new Error('no template in the response')
  return experimentTemplate
}

async function startExperiment(experimentTemplateId: string) {
  const { experiment } = await aws.fis.send(new StartExperimentCommand({ experimentTemplateId }))
  if (!experiment?.id) throw new Error('no experiment in the response')
  return experiment
}

describe('experiment templates', () => {
  it('creates, reads, updates, lists and deletes a template', async () => {
    const created = await createTemplate(templateInput({ tags: { team: 'carts' } }))
    expect(created.id).toMatch(/^EXT[A-Za-z0-9]{15}$/)
    expect(created.creationTime).toBeInstanceOf(Date)
    expect(created.experimentOptions).toEqual({
      accountTargeting: 'single-account',
      emptyTargetResolutionMode: 'fail'
    })
    expect(created.tags).toEqual({ team: 'carts' })

    const { experimentTemplate: read } = await aws.fis.send(
      new GetExperimentTemplateCommand({ id: created.id })
    )
    expect(read).toEqual(created)
    expect(read?.actions?.latency).toEqual({
      actionId: 'aws:ecs:task-network-latency',
      parameters: { duration: 'PT5M' },
      targets: { Tasks: 'cartsTasks' },
      startAfter: []
    })

    emulator.advance(10)
    const { experimentTemplate: updated } = await aws.fis.send(
      new UpdateExperimentTemplateCommand({
        id: created.id,
        description: 'carts latency, skipping empty targets',
        experimentOptions: { emptyTargetResolutionMode: 'skip' }
      })
    )
    expect(updated?.description).toBe('carts latency, skipping empty targets')
    expect(updated?.experimentOptions?.emptyTargetResolutionMode).toBe('skip')
    expect(updated?.actions).toEqual(created.actions)
    expect(updated?.lastUpdateTime?.getTime()).toBeGreaterThan(
      created.lastUpdateTime?.getTime() ?? 0
    )

    const second = await createTemplate()
    const listed: string[] = []
    let nextToken: string | undefined
    do {
      const page = await aws.fis.send(
        new ListExperimentTemplatesCommand({ maxResults: 1, nextToken })
      )
      expect(page.experimentTemplates?.length).toBeLessThanOrEqual(1)
      listed.push(...(page.experimentTemplates ?? []).map((template) => template.id ?? ''))
      nextToken = page.nextToken
    } while (nextToken)
    expect(listed).toEqual(expect.arrayContaining([created.id, second.id]))

    const { experimentTemplate: deleted } = await aws.fis.send(
      new DeleteExperimentTemplateCommand({ id: created.id })
    )
    expect(deleted?.id).toBe(created.id)
    const error = await rejection(
      aws.fis.send(new GetExperimentTemplateCommand({ id: created.id }))
    )
    expect(error.name).toBe('ResourceNotFoundException')
    expect(error.$metadata?.httpStatusCode).toBe(404)
  })

  it('replays CreateExperimentTemplate for the same clientToken and rejects a changed request', async () => {
    const first = await createTemplate(templateInput({ clientToken: 'create-once' }))
    const again = await createTemplate(templateInput({ clientToken: 'create-once' }))
    expect(again.id).toBe(first.id)
    const error = await rejection(
      aws.fis.send(
        new CreateExperimentTemplateCommand(
          templateInput({ clientToken: 'create-once', description: 'something else' })
        )
      )
    )
    expect(error.name).toBe('ConflictException')
    expect(error.$metadata?.httpStatusCode).toBe(409)
  })

  const invalid: [string, Partial<CreateExperimentTemplateCommandInput>, RegExp][] = [
    ['description is missing', { description: undefined }, /description/],
    ['roleArn is missing', { roleArn: undefined }, /roleArn/],
    ['stopConditions is missing', { stopConditions: undefined }, /stopConditions/],
    ['actions is missing', { actions: undefined }, /actions/],
    [
      'the action id is unknown',
      {
        actions: { latency: { actionId: 'aws:ecs:task-latency', parameters: { duration: 'PT1M' } } }
      },
      /aws:ecs:task-latency/
    ],
    [
      'the target key is not valid for the action',
      {
        actions: {
          latency: {
            actionId: 'aws:ecs:task-network-latency',
            parameters: { duration: 'PT1M' },
            targets: { Instances: 'cartsTasks' }
          }
        }
      },
      /Target key Instances/
    ],
    [
      'an action names a target that does not exist',
      {
        actions: {
          latency: {
            actionId: 'aws:ecs:task-network-latency',
            parameters: { duration: 'PT1M' },
            targets: { Tasks: 'ordersTasks' }
          }
        }
      },
      /ordersTasks/
    ],
    [
      'startAfter names an unknown action',
      {
        actions: {
          latency: {
            actionId: 'aws:ecs:task-network-latency',
            parameters: { duration: 'PT1M' },
            targets: { Tasks: 'cartsTasks' },
            startAfter: ['warmup']
          }
        }
      },
      /warmup/
    ],
    [
      'startAfter names a member every object inherits',
      {
        actions: {
          latency: {
            actionId: 'aws:ecs:task-network-latency',
            parameters: { duration: 'PT1M' },
            targets: { Tasks: 'cartsTasks' },
            startAfter: ['constructor']
          }
        }
      },
      /constructor/
    ],
    [
      'startAfter forms a cycle',
      {
        actions: {
          a: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' }, startAfter: ['b'] },
          b: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' }, startAfter: ['a'] }
        }
      },
      /cycle/
    ],
    [
      'a required parameter is missing',
      {
        actions: {
          latency: { actionId: 'aws:ecs:task-network-latency', targets: { Tasks: 'cartsTasks' } }
        }
      },
      /duration/
    ],
    [
      'the target resource type does not fit the action',
      {
        targets: {
          cartsTasks: {
            resourceType: 'aws:ec2:instance',
            resourceTags: { service: 'carts' },
            selectionMode: 'ALL'
          }
        }
      },
      /aws:ec2:instance/
    ],
    [
      'the selection mode is not valid',
      {
        targets: {
          cartsTasks: {
            resourceType: 'aws:ecs:task',
            resourceTags: { service: 'carts' },
            selectionMode: 'SOME'
          }
        }
      },
      /SOME/
    ],
    [
      'a target mixes ARNs and tags',
      {
        targets: {
          cartsTasks: {
            resourceType: 'aws:ecs:task',
            resourceArns: [`arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/task1`],
            resourceTags: { service: 'carts' },
            selectionMode: 'ALL'
          }
        }
      },
      /resourceArns/
    ],
    [
      'a stop condition source is unknown',
      { stopConditions: [{ source: 'aws:cloudwatch:metric', value: 'x'.repeat(20) }] },
      /aws:cloudwatch:metric/
    ]
  ]

  it.each(invalid)('rejects a template when %s', async (_case, overrides, message) => {
    const input = { ...templateInput(), ...overrides } as CreateExperimentTemplateCommandInput
    const error = await rejection(aws.fis.send(new CreateExperimentTemplateCommand(input)))
    expect(error.name).toBe('ValidationException')
    expect(error.$metadata?.httpStatusCode).toBe(400)
    expect(error.message).toMatch(message)
  })

  it('checks an update against the whole template', async () => {
    const template = await createTemplate()
    const error = await rejection(
      aws.fis.send(
        new UpdateExperimentTemplateCommand({
          id: template.id,
          targets: {
            other: { resourceType: 'aws:ecs:task', resourceTags: { a: 'b' }, selectionMode: 'ALL' }
          }
        })
      )
    )
    expect(error.name).toBe('ValidationException')
    expect(error.message).toMatch(/cartsTasks/)
    const missing = await rejection(
      aws.fis.send(
        new UpdateExperimentTemplateCommand({ id: 'EXTdoesnotexist00', description: 'x' })
      )
    )
    expect(missing.name).toBe('ResourceNotFoundException')
  })
})

describe('tags', () => {
  it('tags, lists and untags templates and experiments by ARN', async () => {
    const template = await createTemplate(templateInput({ tags: { a: '1' } }))
    // 3.523.0 drops `arn` from responses, so the ARN is built as FIS builds it.
    const arn = `arn:aws:fis:${REGION}:${ACCOUNT}:experiment-template/${template.id}`
    await aws.fis.send(new TagResourceCommand({ resourceArn: arn, tags: { b: '2', c: '3' } }))
    await aws.fis.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'c'] }))
    const { tags } = await aws.fis.send(new ListTagsForResourceCommand({ resourceArn: arn }))
    expect(tags).toEqual({ b: '2' })

    const experiment = await startExperiment(template.id ?? '')
    const experimentArn = `arn:aws:fis:${REGION}:${ACCOUNT}:experiment/${experiment.id}`
    await aws.fis.send(new TagResourceCommand({ resourceArn: experimentArn, tags: { run: '42' } }))
    const listed = await aws.fis.send(
      new ListTagsForResourceCommand({ resourceArn: experimentArn })
    )
    expect(listed.tags).toEqual({ run: '42' })

    const error = await rejection(
      aws.fis.send(
        new ListTagsForResourceCommand({
          resourceArn: `arn:aws:fis:${REGION}:${ACCOUNT}:experiment-template/EXTdoesnotexist00`
        })
      )
    )
    expect(error.name).toBe('ResourceNotFoundException')
  })
})

describe('actions', () => {
  it('lists every catalog action, page by page', async () => {
    const ids: string[] = []
    let nextToken: string | undefined
    do {
      const page = await aws.fis.send(new ListActionsCommand({ maxResults: 20, nextToken }))
      ids.push(...(page.actions ?? []).map((action) => action.id ?? ''))
      nextToken = page.nextToken
    } while (nextToken)
    expect(ids).toEqual(allActions().map((spec) => spec.id))
  })

  it('describes an action with its parameters and targets from the catalog', async () => {
    const { action } = await aws.fis.send(new GetActionCommand({ id: 'aws:ec2:stop-instances' }))
    const spec = findAction('aws:ec2:stop-instances')
    expect(action?.targets).toEqual({ Instances: { resourceType: 'aws:ec2:instance' } })
    expect(Object.keys(action?.parameters ?? {})).toEqual(Object.keys(spec?.parameters ?? {}))
    const { action: wait } = await aws.fis.send(new GetActionCommand({ id: 'aws:fis:wait' }))
    expect(wait?.targets).toBeUndefined()
    expect(wait?.parameters?.duration?.required).toBe(true)
    const error = await rejection(aws.fis.send(new GetActionCommand({ id: 'aws:fis:nap' })))
    expect(error.name).toBe('ResourceNotFoundException')
  })
})

describe('experiments', () => {
  it('lists resolved targets page by page and by target name (rules: targets.test.ts)', async () => {
    const instance = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0000000000000001`
    const template = await createTemplate({
      description: 'resolution',
      roleArn: ROLE_ARN,
      stopConditions: [{ source: 'none' }],
      targets: {
        carts: {
          resourceType: 'aws:ecs:task',
          resourceTags: { service: 'carts' },
          selectionMode: 'ALL'
        },
        oneTask: {
          resourceType: 'aws:ecs:task',
          resourceTags: { Environment: 'preprod' },
          selectionMode: 'COUNT(1)'
        },
        halfTasks: {
          resourceType: 'aws:ecs:task',
          resourceTags: { Environment: 'preprod' },
          selectionMode: 'PERCENT(50)'
        },
        byArn: { resourceType: 'aws:ec2:instance', resourceArns: [instance], selectionMode: 'ALL' },
        pods: {
          resourceType: 'aws:eks:pod',
          parameters: {
            clusterIdentifier: 'preprod',
            namespace: 'carts',
            selectorType: 'labelSelector',
            selectorValue: 'app=carts'
          },
          selectionMode: 'ALL'
        }
      },
      actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } } }
    })
    const experiment = await startExperiment(template.id ?? '')
    expect(experiment.id).toMatch(/^EXP[A-Za-z0-9]{15}$/)
    expect(experiment.state?.status).toBe('initiating')

    const resolved: ResolvedTarget[] = []
    let nextToken: string | undefined
    do {
      const page = await aws.fis.send(
        new ListExperimentResolvedTargetsCommand({
          experimentId: experiment.id,
          maxResults: 2,
          nextToken
        })
      )
      expect(page.resolvedTargets?.length).toBeLessThanOrEqual(2)
      resolved.push(...(page.resolvedTargets ?? []))
      nextToken = page.nextToken
    } while (nextToken)
    const arnsOf = (name: string) =>
      resolved
        .filter((target) => target.targetName === name)
        .map((target) => target.targetInformation?.arn)
    expect(arnsOf('carts')).toEqual([
      `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/task1`,
      `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/task2`
    ])
    expect(arnsOf('oneTask')).toHaveLength(1)
    expect(arnsOf('halfTasks')).toHaveLength(1) // 50% of 3, rounded down
    expect(arnsOf('byArn')).toEqual([instance])
    expect(arnsOf('pods')).toHaveLength(2)
    expect(resolved[0]).toEqual({
      resourceType: 'aws:ecs:task',
      targetName: 'carts',
      targetInformation: { arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/task1` }
    })

    const filtered = await aws.fis.send(
      new ListExperimentResolvedTargetsCommand({ experimentId: experiment.id, targetName: 'pods' })
    )
    expect(filtered.resolvedTargets?.map((target) => target.targetName)).toEqual(['pods', 'pods'])
  })

  it('reports experiments with their full shape and lists them with tags', async () => {
    const template = await createTemplate()
    const { experiment } = await aws.fis.send(
      new StartExperimentCommand({
        experimentTemplateId: template.id,
        tags: { 'fis-gate:run-id': '42' }
      })
    )
    const { experiment: read } = await aws.fis.send(
      new GetExperimentCommand({ id: experiment?.id })
    )
    expect(read).toMatchObject({
      id: experiment?.id,
      experimentTemplateId: template.id,
      roleArn: ROLE_ARN,
      targets: template.targets,
      stopConditions: template.stopConditions,
      tags: { 'fis-gate:run-id': '42' },
      experimentOptions: {
        accountTargeting: 'single-account',
        emptyTargetResolutionMode: 'fail',
        actionsMode: 'run-all'
      },
      targetAccountConfigurationsCount: 0
    })
    expect(read?.creationTime).toBeInstanceOf(Date)
    expect(read?.actions?.latency?.actionId).toBe('aws:ecs:task-network-latency')

    const { experiments } = await aws.fis.send(new ListExperimentsCommand({}))
    const summary = experiments?.find((candidate) => candidate.id === experiment?.id)
    expect(summary).toMatchObject({
      experimentTemplateId: template.id,
      tags: { 'fis-gate:run-id': '42' },
      state: { status: expect.any(String) }
    })
    await aws.fis.send(new StopExperimentCommand({ id: experiment?.id }))
  })

  it('answers 404 for unknown experiments and templates', async () => {
    for (const call of [
      () => aws.fis.send(new GetExperimentCommand({ id: 'EXPdoesnotexist00' })),
      () => aws.fis.send(new StopExperimentCommand({ id: 'EXPdoesnotexist00' })),
      () => aws.fis.send(new StartExperimentCommand({ experimentTemplateId: 'EXTdoesnotexist00' })),
      () =>
        aws.fis.send(
          new ListExperimentResolvedTargetsCommand({ experimentId: 'EXPdoesnotexist00' })
        )
    ]) {
      const error = await rejection(call())
      expect(error.name).toBe('ResourceNotFoundException')
      expect(error.$metadata?.httpStatusCode).toBe(404)
    }
  })

  it('refuses to stop an experiment that has already ended', async () => {
    const template = await createTemplate(
      templateInput({
        actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } } }
      })
    )
    const experiment = await startExperiment(template.id ?? '')
    emulator.advance(61)
    const { experiment: done } = await aws.fis.send(new GetExperimentCommand({ id: experiment.id }))
    expect(done?.state?.status).toBe('completed')
    const error = await rejection(aws.fis.send(new StopExperimentCommand({ id: experiment.id })))
    expect(error.name).toBe('ValidationException')
  })
})
