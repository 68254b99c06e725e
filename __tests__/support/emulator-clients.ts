/**
 * The pinned AWS SDK clients pointed at an emulator, plus the pieces of FIS input the emulator
 * tests keep needing. SDK 3.523.0 ignores AWS_ENDPOINT_URL_*, so the endpoint is passed in.
 */
import {
  StartExperimentCommand,
  type CreateExperimentTemplateCommandInput
} from '@aws-sdk/client-fis'
import { EMULATOR_CREDENTIALS, type Emulator } from '../../emulator/index.js'
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js'
import { withMembersAsWritten } from '../../src/aws/members-as-written.js'

export type { AwsClients }

/** The action's own client factory, pointed at the emulator with its fake credentials. */
export function awsClients(emulator: Emulator, options: { maxAttempts?: number } = {}): AwsClients {
  return createAwsClients({
    region: emulator.region,
    env: emulator.env,
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 3
  })
}

/** StartExperiment with `experimentOptions.actionsMode`, sent the way the action sends it. */
export function startExperimentCommand(
  input: { experimentTemplateId: string; clientToken?: string; tags?: Record<string, string> },
  actionsMode: 'run-all' | 'skip-all'
): StartExperimentCommand {
  return withMembersAsWritten(new StartExperimentCommand(input), {
    experimentOptions: { actionsMode }
  })
}

export const ACCOUNT = '111122223333'
export const REGION = 'eu-west-1'
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/fis-experiment`

export function alarmArn(name: string): string {
  return `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`
}

/** A valid template: one ECS latency action on the carts tasks, stopped by the carts-5xx alarm. */
export function templateInput(
  overrides: Partial<CreateExperimentTemplateCommandInput> = {}
): CreateExperimentTemplateCommandInput {
  return {
    description: 'carts latency',
    roleArn: ROLE_ARN,
    stopConditions: [{ source: 'aws:cloudwatch:alarm', value: alarmArn('carts-5xx') }],
    targets: {
      cartsTasks: {
        resourceType: 'aws:ecs:task',
        resourceTags: { service: 'carts' },
        selectionMode: 'ALL'
      }
    },
    actions: {
      latency: {
        actionId: 'aws:ecs:task-network-latency',
        parameters: { duration: 'PT5M' },
        targets: { Tasks: 'cartsTasks' }
      }
    },
    ...overrides
  }
}

export interface CartsChanges {
  duration?: string
  tags?: Record<string, string>
  emptyTargets?: 'skip' | 'fail'
  alarm?: string
}

/** The carts template with the variations the end-to-end tests need. */
export function cartsTemplate(changes: CartsChanges = {}): CreateExperimentTemplateCommandInput {
  return templateInput({
    ...(changes.alarm
      ? { stopConditions: [{ source: 'aws:cloudwatch:alarm', value: changes.alarm }] }
      : {}),
    targets: {
      cartsTasks: {
        resourceType: 'aws:ecs:task',
        resourceTags: changes.tags ?? { service: 'carts' },
        selectionMode: 'ALL'
      }
    },
    actions: {
      latency: {
        actionId: 'aws:ecs:task-network-latency',
        parameters: { duration: changes.duration ?? 'PT5M' },
        targets: { Tasks: 'cartsTasks' }
      }
    },
    ...(changes.emptyTargets
      ? { experimentOptions: { emptyTargetResolutionMode: changes.emptyTargets } }
      : {})
  })
}
