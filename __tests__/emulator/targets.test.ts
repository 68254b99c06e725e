/**
 * Target resolution as FIS does it, so a plan shows what an experiment would hit: ARNs must
 * exist, tags all match, filters read resource attributes, target parameters select EKS pods
 * and ECS tasks, selection modes pick seeded subsets, and ListExperimentResolvedTargets reports
 * exactly what resolved. A target that resolves to nothing fails the experiment unless the
 * template skips it.
 */
import { describe, expect, it } from '@jest/globals'
import {
  CreateExperimentTemplateCommand,
  GetExperimentCommand,
  ListExperimentResolvedTargetsCommand,
  StartExperimentCommand,
  type CreateExperimentTemplateCommandInput,
  type Experiment,
  type CreateExperimentTemplateTargetInput
} from '@aws-sdk/client-fis'
import type { Scenario, ScenarioResource } from '../../emulator/index.js'
import { ACCOUNT, REGION, ROLE_ARN, type AwsClients } from '../support/emulator-clients.js'
import { emulatorPerTest, rejection } from '../support/emulator-session.js'
import { testScenario } from '../support/test-scenario.js'

const world = emulatorPerTest()

const task = (id: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/${id}`
const pod = (path: string) => `arn:aws:eks:${REGION}:${ACCOUNT}:pod/${path}`
const instance = (id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`

type Targets = Record<string, CreateExperimentTemplateTargetInput>

/** A target of ECS tasks chosen by `choice` (ALL unless it says otherwise). */
const ecsTasks = (
  choice: Partial<CreateExperimentTemplateTargetInput>
): CreateExperimentTemplateTargetInput => ({
  resourceType: 'aws:ecs:task',
  selectionMode: 'ALL',
  ...choice
})

/** Lets a template keep targets that resolve to nothing, to compare several in one experiment. */
const SKIP_EMPTY: Partial<CreateExperimentTemplateCommandInput> = {
  experimentOptions: { emptyTargetResolutionMode: 'skip' }
}

function template(
  targets: Targets,
  changes: Partial<CreateExperimentTemplateCommandInput> = {}
): CreateExperimentTemplateCommandInput {
  return {
    description: 'resolution',
    roleArn: ROLE_ARN,
    stopConditions: [{ source: 'none' }],
    targets,
    actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } } },
    ...changes
  }
}

/** Starts the template and returns the experiment once its targets are resolved. */
async function run(
  aws: AwsClients,
  input: CreateExperimentTemplateCommandInput
): Promise<{ experiment: Experiment; resolved: Record<string, string[]> }> {
  const created = await aws.fis.send(new CreateExperimentTemplateCommand(input))
  const started = await aws.fis.send(
    new StartExperimentCommand({ experimentTemplateId: created.experimentTemplate?.id })
  )
  const experimentId = started.experiment?.id ?? ''
  const { experiment } = await aws.fis.send(new GetExperimentCommand({ id: experimentId }))
  const resolved: Record<string, string[]> = {}
  let nextToken: string | undefined
  do {
    const page = await aws.fis.send(
      new ListExperimentResolvedTargetsCommand({ experimentId, maxResults: 3, nextToken })
    )
    for (const target of page.resolvedTargets ?? []) {
      const name = target.targetName ?? ''
      resolved[name] = [...(resolved[name] ?? []), target.targetInformation?.arn ?? '']
    }
    nextToken = page.nextToken
  } while (nextToken)
  return { experiment: experiment ?? {}, resolved }
}

function withResources(...extra: ScenarioResource[]): Partial<Scenario> {
  return { resources: [...(testScenario().resources ?? []), ...extra] }
}

describe('resourceArns', () => {
  it('resolves ARNs the account has, in the type the target names', async () => {
    const { aws } = await world()
    const { experiment, resolved } = await run(
      aws,
      template({ tasks: ecsTasks({ resourceArns: [task('task3'), task('task1')] }) })
    )
    expect(experiment.state?.status).toBe('running')
    expect(resolved).toEqual({ tasks: [task('task1'), task('task3')] })
  })

  it.each(['fail', 'skip'] as const)(
    'fails the experiment naming ARNs that do not exist (emptyTargetResolutionMode %s)',
    async (emptyTargetResolutionMode) => {
      const { aws } = await world()
      const missing = instance('i-0000000000000009')
      const { experiment, resolved } = await run(
        aws,
        template(
          {
            web: {
              resourceType: 'aws:ec2:instance',
              resourceArns: [instance('i-0000000000000001'), missing, task('task1')],
              selectionMode: 'ALL'
            }
          },
          { experimentOptions: { emptyTargetResolutionMode } }
        )
      )
      expect(experiment.state?.status).toBe('failed')
      expect(experiment.state?.reason).toMatch(/^Target resolution failed: target web/)
      expect(experiment.state?.reason).toContain(`${missing}, ${task('task1')}`)
      expect(experiment.state?.reason).not.toContain('i-0000000000000001')
      expect(experiment.actions?.wait?.state?.status).toBe('cancelled')
      expect(resolved).toEqual({})
    }
  )
})

describe('resourceTags and filters', () => {
  it('requires every tag', async () => {
    const { aws } = await world()
    const { resolved } = await run(
      aws,
      template(
        {
          carts: ecsTasks({ resourceTags: { service: 'carts', Environment: 'preprod' } }),
          preprod: ecsTasks({ resourceTags: { Environment: 'preprod' } }),
          nowhere: ecsTasks({ resourceTags: { service: 'carts', Environment: 'prod' } })
        },
        SKIP_EMPTY
      )
    )
    expect(resolved).toEqual({
      carts: [task('task1'), task('task2')],
      preprod: [task('task1'), task('task2'), task('task3')]
    })
  })

  it('matches attribute paths against any of the values, every filter at once', async () => {
    const server = (id: string, state: string, zone: string, groups: string[]) => ({
      resourceType: 'aws:ec2:instance',
      arn: instance(id),
      tags: { Role: 'web' },
      attributes: {
        State: { Name: state, Code: state === 'running' ? 16 : 80 },
        Placement: { AvailabilityZone: zone },
        SecurityGroups: groups.map((GroupName) => ({ GroupName }))
      }
    })
    const { aws } = await world({
      resources: [
        server('i-a', 'running', 'eu-west-1a', ['web']),
        server('i-b', 'running', 'eu-west-1b', ['web', 'admin']),
        server('i-c', 'stopped', 'eu-west-1a', ['web'])
      ]
    })
    const filtered = (...filters: { path: string; values: string[] }[]) => ({
      resourceType: 'aws:ec2:instance',
      resourceTags: { Role: 'web' },
      filters,
      selectionMode: 'ALL'
    })
    const { resolved } = await run(
      aws,
      template(
        {
          running: filtered({ path: 'State.Name', values: ['running'] }),
          anyState: filtered({ path: 'State.Name', values: ['running', 'stopped'] }),
          runningInB: filtered(
            { path: 'State.Name', values: ['running'] },
            { path: 'Placement.AvailabilityZone', values: ['eu-west-1b'] }
          ),
          byCode: filtered({ path: 'State.Code', values: ['80'] }),
          admins: filtered({ path: 'SecurityGroups.GroupName', values: ['admin'] }),
          wholeObject: filtered({ path: 'State', values: ['running'] }),
          noSuchPath: filtered({ path: 'VpcId', values: ['vpc-1'] })
        },
        SKIP_EMPTY
      )
    )
    expect(resolved).toEqual({
      running: [instance('i-a'), instance('i-b')],
      anyState: [instance('i-a'), instance('i-b'), instance('i-c')],
      runningInB: [instance('i-b')],
      byCode: [instance('i-c')],
      admins: [instance('i-b')]
    })
  })
})

describe('target parameters', () => {
  const otherPods: ScenarioResource[] = [
    {
      resourceType: 'aws:eks:pod',
      arn: pod('preprod/orders/orders-1'),
      cluster: 'preprod',
      namespace: 'orders',
      labels: { app: 'orders' },
      deploymentName: 'orders',
      podName: 'orders-1'
    },
    {
      resourceType: 'aws:eks:pod',
      arn: pod('staging/carts/carts-1'),
      cluster: 'staging',
      namespace: 'carts',
      labels: { app: 'carts' },
      deploymentName: 'carts',
      podName: 'carts-1'
    }
  ]
  const cartsPods = [pod('preprod/carts/pod1'), pod('preprod/carts/pod2')]
  const pods: [string, Record<string, string>, string[]][] = [
    ['a label', { selectorType: 'labelSelector', selectorValue: 'app=carts' }, cartsPods],
    ['a deployment', { selectorType: 'deploymentName', selectorValue: 'carts' }, cartsPods],
    ['a pod name', { selectorType: 'podName', selectorValue: 'pod2' }, [pod('preprod/carts/pod2')]],
    [
      'a label in one zone',
      {
        selectorType: 'labelSelector',
        selectorValue: 'app=carts',
        availabilityZoneIdentifier: 'eu-west-1a'
      },
      [pod('preprod/carts/pod1')]
    ],
    [
      'the cluster ARN',
      {
        clusterIdentifier: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/staging`,
        selectorType: 'labelSelector',
        selectorValue: 'app=carts'
      },
      [pod('staging/carts/carts-1')]
    ],
    [
      'a label of another namespace',
      { selectorType: 'labelSelector', selectorValue: 'app=orders' },
      []
    ],
    [
      'a label value that differs',
      { selectorType: 'labelSelector', selectorValue: 'app=cart' },
      []
    ],
    [
      'a selector that is not key=value',
      { selectorType: 'labelSelector', selectorValue: 'app' },
      []
    ]
  ]

  it.each(pods)('selects EKS pods by %s', async (_case, parameters, expected) => {
    const { aws } = await world(withResources(...otherPods))
    const { experiment, resolved } = await run(
      aws,
      template({
        pods: {
          resourceType: 'aws:eks:pod',
          parameters: { clusterIdentifier: 'preprod', namespace: 'carts', ...parameters },
          selectionMode: 'ALL'
        }
      })
    )
    expect(resolved.pods ?? []).toEqual(expected)
    expect(experiment.state?.status).toBe(expected.length ? 'running' : 'failed')
  })

  it('selects ECS tasks by cluster and service', async () => {
    const { aws } = await world()
    const { resolved } = await run(
      aws,
      template(
        {
          carts: ecsTasks({ parameters: { cluster: 'preprod', service: 'carts' } }),
          cluster: ecsTasks({ parameters: { cluster: 'preprod' } }),
          orders: ecsTasks({ parameters: { service: 'orders' } }),
          elsewhere: ecsTasks({ parameters: { cluster: 'prod', service: 'carts' } })
        },
        SKIP_EMPTY
      )
    )
    expect(resolved).toEqual({
      carts: [task('task1'), task('task2')],
      cluster: [task('task1'), task('task2'), task('task3')],
      orders: [task('task3')]
    })
  })

  it('refuses a pod target without its required parameters', async () => {
    const { aws } = await world()
    const error = await rejection(
      aws.fis.send(
        new CreateExperimentTemplateCommand(
          template({
            pods: {
              resourceType: 'aws:eks:pod',
              parameters: { clusterIdentifier: 'preprod', namespace: 'carts' },
              selectionMode: 'ALL'
            }
          })
        )
      )
    )
    expect(error.name).toBe('ValidationException')
    expect(error.message).toMatch(/selectorType/)
  })
})

describe('empty targets', () => {
  const targets: Targets = {
    carts: ecsTasks({ resourceTags: { service: 'carts' } }),
    nothing: ecsTasks({ resourceTags: { service: 'none' } })
  }
  const actions = {
    stopCarts: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'carts' } },
    stopNothing: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'nothing' } }
  }

  it('fails the experiment, naming the target', async () => {
    const { aws } = await world()
    const { experiment, resolved } = await run(aws, template(targets, { actions }))
    expect(experiment.state).toEqual({
      status: 'failed',
      reason: 'Target resolution failed: target nothing resolved to no resources.'
    })
    expect(resolved).toEqual({ carts: [task('task1'), task('task2')] })
  })

  it('skips the actions on it with emptyTargetResolutionMode skip', async () => {
    const { aws } = await world()
    const { experiment } = await run(aws, template(targets, { actions, ...SKIP_EMPTY }))
    expect(experiment.state?.status).toBe('completed')
    expect(experiment.actions?.stopCarts?.state?.status).toBe('completed')
    expect(experiment.actions?.stopNothing?.state?.status).toBe('skipped')
  })
})

describe('selection modes', () => {
  const fleet = Array.from({ length: 10 }, (_, index) => ({
    resourceType: 'aws:ecs:task',
    arn: task(`fleet${index}`),
    tags: { service: 'fleet' }
  }))
  const fleetArns = fleet.map((resource) => resource.arn)
  const chosen = (selectionMode: string) =>
    ecsTasks({ resourceTags: { service: 'fleet' }, selectionMode })
  const modes: Targets = {
    all: chosen('ALL'),
    three: chosen('COUNT(3)'),
    moreThanThere: chosen('COUNT(20)'),
    half: chosen('PERCENT(50)'),
    quarter: chosen('PERCENT(25)')
  }

  async function picks(seed: number) {
    const { aws } = await world({ seed, resources: fleet })
    return (await run(aws, template(modes))).resolved
  }

  it('picks COUNT and PERCENT (rounded down) subsets from the seed, the same on every run', async () => {
    const first = await picks(1)
    expect(first.all).toEqual(fleetArns)
    expect(first.moreThanThere).toEqual(fleetArns)
    expect(first.three).toHaveLength(3)
    expect(first.half).toHaveLength(5)
    expect(first.quarter).toHaveLength(2)
    for (const subset of [first.three, first.half, first.quarter]) {
      expect(new Set(subset).size).toBe(subset?.length)
      for (const arn of subset ?? []) expect(fleetArns).toContain(arn)
    }
    expect(first.three).not.toEqual(fleetArns.slice(0, 3))
    expect(await picks(1)).toEqual(first)
    expect((await picks(2)).three).not.toEqual(first.three)
  })

  it('selects nothing when PERCENT rounds down below one resource', async () => {
    const { aws } = await world({ resources: fleet })
    const { experiment, resolved } = await run(aws, template({ few: chosen('PERCENT(5)') }))
    expect(resolved).toEqual({})
    expect(experiment.state?.status).toBe('failed')
    expect(experiment.state?.reason).toContain('target few resolved to no resources')
  })
})
