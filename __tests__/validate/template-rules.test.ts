import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  baseTemplate,
  errorsOf,
  positionOf,
  rulesOf,
  tempWorkspace,
  validateFile,
  type Workspace
} from '../support/validate-files.js'

type Template = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- tests mutate free-form JSON

let workspace: Workspace
beforeEach(() => {
  workspace = tempWorkspace()
})
afterEach(() => workspace.remove())

async function check(
  change: (template: Template) => void,
  options: Parameters<typeof validateFile>[2] = {}
) {
  const template = baseTemplate() as Template
  change(template)
  workspace.write('t.json', template)
  return (await validateFile(workspace, 't.json', options)).findings
}

describe('the base template', () => {
  it('is valid, so each case below fails for its own reason only', async () => {
    expect(errorsOf(await check(() => undefined))).toEqual([])
  })
})

describe('template rules', () => {
  it.each<[string, (t: Template) => void, string, string]>([
    [
      'an unknown action with a suggestion',
      (t) => (t.actions.stop.actionId = 'aws:ec2:stop-instance'),
      'action/unknown-action',
      '"aws:ec2:stop-instance"'
    ],
    [
      'a non-AWS action',
      (t) => (t.actions.stop.actionId = 'localstack:generic:api-error'),
      'action/unknown-action',
      '"localstack:generic:api-error"'
    ],
    [
      'an unknown parameter',
      (t) => (t.actions.stop.parameters.duration = 'PT1M'),
      'action/unknown-parameter',
      '"duration"'
    ],
    [
      'a missing required parameter',
      (t) => (t.actions.stop = { actionId: 'aws:fis:wait' }),
      'action/missing-parameter',
      '"stop"'
    ],
    [
      'a malformed duration',
      (t) => (t.actions.stop.parameters.startInstancesAfterDuration = '5 minutes'),
      'action/parameter-format',
      '"5 minutes"'
    ],
    [
      'a duration out of range',
      (t) => (t.actions.stop.parameters.startInstancesAfterDuration = 'PT13H'),
      'action/parameter-format',
      '"PT13H"'
    ],
    [
      'a percentage out of range',
      (t) => {
        t.targets.web.resourceType = 'aws:eks:nodegroup'
        t.actions.stop = {
          actionId: 'aws:eks:terminate-nodegroup-instances',
          parameters: { instanceTerminationPercentage: '150' },
          targets: { Nodegroups: 'web' }
        }
      },
      'action/parameter-format',
      '"150"'
    ],
    [
      'an enum value that is not allowed',
      (t) => {
        t.actions.stop = {
          actionId: 'aws:network:disrupt-connectivity',
          parameters: { duration: 'PT1M', scope: 'everything' },
          targets: { Subnets: 'web' }
        }
        t.targets.web.resourceType = 'aws:ec2:subnet'
      },
      'action/parameter-format',
      '"everything"'
    ],
    [
      'a port out of range',
      (t) => {
        t.targets.web = {
          resourceType: 'aws:ecs:task',
          parameters: { cluster: 'c', service: 's' },
          selectionMode: 'ALL'
        }
        t.actions.stop = {
          actionId: 'aws:ecs:task-network-blackhole-port',
          parameters: { duration: 'PT1M', port: '70000', trafficType: 'ingress' },
          targets: { Tasks: 'web' }
        }
      },
      'action/parameter-format',
      '"70000"'
    ],
    [
      'a parameter over 1024 characters',
      (t) => {
        t.actions.stop = {
          actionId: 'aws:ssm:send-command',
          parameters: {
            documentArn: 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-CPU-Stress',
            duration: 'PT1M',
            documentParameters: `{"x":"${'y'.repeat(1100)}"}`
          },
          targets: { Instances: 'web' }
        }
      },
      'action/parameter-length',
      '"{\\"x'
    ],
    [
      'documentParameters that are not a JSON object',
      (t) => {
        t.actions.stop = {
          actionId: 'aws:ssm:send-command',
          parameters: {
            documentArn: 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-CPU-Stress',
            duration: 'PT1M',
            documentParameters: "{'commands': []}"
          },
          targets: { Instances: 'web' }
        }
      },
      'action/parameter-format',
      "\"{'commands'"
    ],
    [
      'an SSM document ARN without document/',
      (t) => {
        t.actions.stop = {
          actionId: 'aws:ssm:send-command',
          parameters: {
            documentArn: 'arn:aws:ssm:eu-west-1::AWSFIS-Run-CPU-Stress',
            duration: 'PT1M'
          },
          targets: { Instances: 'web' }
        }
      },
      'action/parameter-format',
      '"arn:aws:ssm:eu-west-1::AWSFIS'
    ],
    [
      'a target key the action does not have',
      (t) => (t.actions.stop.targets = { Instance: 'web' }),
      'target/key',
      '"Instance"'
    ],
    ['a missing target', (t) => delete t.actions.stop.targets, 'target/key', '"stop"'],
    [
      'targets on an action that takes none',
      (t) =>
        (t.actions.stop = {
          actionId: 'aws:fis:wait',
          parameters: { duration: 'PT1M' },
          targets: { Instances: 'web' }
        }),
      'target/key',
      '"targets": {\n        "Instances"'
    ],
    [
      'a target of the wrong resource type',
      (t) => (t.targets.web.resourceType = 'aws:rds:db'),
      'target/resource-type',
      '"Instances": "web"'
    ],
    [
      'an unknown resource type',
      (t) => (t.targets.web.resourceType = 'aws:ec2:instances'),
      'target/resource-type',
      '"aws:ec2:instances"'
    ],
    [
      'a reference to an undefined target',
      (t) => (t.actions.stop.targets.Instances = 'webs'),
      'target/reference',
      '"webs"'
    ],
    [
      'a lower-case selection mode',
      (t) => (t.targets.web.selectionMode = 'count(1)'),
      'target/selection-mode',
      '"count(1)"'
    ],
    [
      'PERCENT over 100',
      (t) => (t.targets.web.selectionMode = 'PERCENT(120)'),
      'target/selection-mode',
      '"PERCENT(120)"'
    ],
    [
      'COUNT(0)',
      (t) => (t.targets.web.selectionMode = 'COUNT(0)'),
      'target/selection-mode',
      '"COUNT(0)"'
    ],
    [
      'ARNs together with tags',
      (t) =>
        (t.targets.web.resourceArns = [
          'arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0'
        ]),
      'target/selector',
      '"resourceArns"'
    ],
    [
      'a target that selects nothing',
      (t) => delete t.targets.web.resourceTags,
      'target/selector',
      '"web": {'
    ],
    [
      'six ARNs',
      (t) => {
        delete t.targets.web.resourceTags
        t.targets.web.resourceArns = Array.from(
          { length: 6 },
          (_, i) => `arn:aws:ec2:eu-west-1:111122223333:instance/i-000000000000000${i}`
        )
      },
      'schema/count',
      '"resourceArns"'
    ],
    [
      'a malformed target ARN',
      (t) => {
        delete t.targets.web.resourceTags
        t.targets.web.resourceArns = ['arn:aws:ec2:eu-west-1:11112222333:instance/i-1']
      },
      'arn/malformed',
      '"arn:aws:ec2:eu-west-1:11112222333'
    ],
    [
      'a target ARN of another resource type',
      (t) => {
        delete t.targets.web.resourceTags
        t.targets.web.resourceArns = ['arn:aws:rds:eu-west-1:111122223333:db:orders']
      },
      'arn/wrong-kind',
      '"arn:aws:rds'
    ],
    [
      'an unknown target parameter',
      (t) => (t.targets.web.parameters = { cluster: 'x' }),
      'target/parameter',
      '"cluster"'
    ],
    [
      'an eks:pod target without its parameters',
      (t) => {
        t.targets.web = {
          resourceType: 'aws:eks:pod',
          parameters: { clusterIdentifier: 'c' },
          selectionMode: 'ALL'
        }
        t.actions.stop = {
          actionId: 'aws:eks:pod-delete',
          parameters: { kubernetesServiceAccount: 'fis' },
          targets: { Pods: 'web' }
        }
      },
      'target/parameter',
      '"parameters": {\n        "clusterIdentifier"'
    ],
    [
      'an eks:pod target selected by tags',
      (t) => {
        t.targets.web = {
          resourceType: 'aws:eks:pod',
          resourceTags: { app: 'x' },
          parameters: {
            clusterIdentifier: 'c',
            namespace: 'n',
            selectorType: 'podName',
            selectorValue: 'p'
          },
          selectionMode: 'ALL'
        }
        t.actions.stop = {
          actionId: 'aws:eks:pod-delete',
          parameters: { kubernetesServiceAccount: 'fis' },
          targets: { Pods: 'web' }
        }
      },
      'target/selector',
      '"resourceTags"'
    ],
    [
      'a target parameter with a comma',
      (t) =>
        (t.targets.web = {
          resourceType: 'aws:ecs:task',
          parameters: { cluster: 'a,b' },
          selectionMode: 'ALL'
        }),
      'schema/pattern',
      '"a,b"'
    ],
    [
      'startAfter naming an unknown action',
      (t) => (t.actions.stop.startAfter = ['wait']),
      'action/start-after',
      '"wait"'
    ],
    [
      'startAfter naming itself',
      (t) => (t.actions.stop.startAfter = ['stop']),
      'action/start-after',
      '"stop"\n'
    ],
    [
      'a startAfter cycle',
      (t) => {
        t.actions.a = {
          actionId: 'aws:fis:wait',
          parameters: { duration: 'PT1M' },
          startAfter: ['b']
        }
        t.actions.b = {
          actionId: 'aws:fis:wait',
          parameters: { duration: 'PT1M' },
          startAfter: ['a']
        }
      },
      'action/start-after-cycle',
      '"startAfter": [\n        "b"'
    ],
    [
      'a role ARN that is a user',
      (t) => (t.roleArn = 'arn:aws:iam::111122223333:user/deployer'),
      'arn/wrong-kind',
      '"arn:aws:iam::111122223333:user'
    ],
    [
      'an 11-digit account in roleArn',
      (t) => (t.roleArn = 'arn:aws:iam::11112222333:role/fis'),
      'arn/malformed',
      '"arn:aws:iam::11112222333'
    ],
    [
      'a stop condition that is not an alarm ARN',
      (t) => (t.stopConditions[0].value = 'arn:aws:sns:eu-west-1:111122223333:topic'),
      'arn/wrong-kind',
      '"arn:aws:sns'
    ],
    [
      'a log group ARN of another service',
      (t) =>
        (t.logConfiguration = {
          logSchemaVersion: 2,
          cloudWatchLogsConfiguration: { logGroupArn: 'arn:aws:s3:::bucket/logs-for-fis' }
        }),
      'arn/wrong-kind',
      '"arn:aws:s3'
    ],
    [
      'an unknown member',
      (t) => (t.actions.stop.startAfterDelay = 'PT1M'),
      'schema/unknown-member',
      '"startAfterDelay"'
    ],
    [
      'a description over 512 characters',
      (t) => (t.description = 'd'.repeat(600)),
      'schema/length',
      '"ddd'
    ],
    ['a missing roleArn', (t) => delete t.roleArn, 'schema/required', '{'],
    [
      'stopConditions as an object',
      (t) => (t.stopConditions = { source: 'none' }),
      'schema/type',
      '"stopConditions": {'
    ],
    [
      'more than 20 actions',
      (t) => {
        for (let i = 0; i < 20; i++)
          t.actions[`wait${i}`] = {
            actionId: 'aws:fis:wait',
            parameters: { duration: 'PT1M' },
            startAfter: i ? [`wait${i - 1}`] : []
          }
      },
      'schema/count',
      '"actions"'
    ]
  ])('reports %s', async (_name, change, rule, needle) => {
    const findings = await check(change)
    const found = findings.find((finding) => finding.rule === rule)
    expect(found).toBeDefined()
    const expected = positionOf(workspace, 't.json', needle)
    expect({ line: found?.line, column: found?.column }).toEqual(expected)
  })

  it('says which action id was meant', async () => {
    const findings = await check((t) => (t.actions.stop.actionId = 'aws:ec2:stop-instance'))
    expect(findings[0]?.message).toBe(
      '"aws:ec2:stop-instance" is not an FIS action. Did you mean "aws:ec2:stop-instances"? If it is no typo but new in FIS since this fis-gate release, set the input unknown-actions: warning to accept it'
    )
  })

  it('warns about unused targets without failing', async () => {
    const findings = await check(
      (t) =>
        (t.targets.spare = {
          resourceType: 'aws:ec2:instance',
          resourceTags: { a: 'b' },
          selectionMode: 'ALL'
        })
    )
    expect(errorsOf(findings)).toEqual([])
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'target/unused',
        severity: 'warning',
        ...positionOf(workspace, 't.json', '"spare"')
      })
    )
  })

  it('warns when more than 10 actions would run at once', async () => {
    const findings = await check((t) => {
      for (let i = 0; i < 11; i++)
        t.actions[`wait${i}`] = { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } }
    })
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'action/parallel-limit', severity: 'warning' })
    )
  })

  it('accepts the legacy ElastiCache action with a deprecation warning', async () => {
    const findings = await check((t) => {
      t.targets.web = {
        resourceType: 'aws:elasticache:redis-replicationgroup',
        resourceTags: { a: 'b' },
        parameters: { availabilityZoneIdentifier: 'eu-west-1a' },
        selectionMode: 'ALL'
      }
      t.actions.stop = {
        actionId: 'aws:elasticache:interrupt-cluster-az-power',
        parameters: { duration: 'PT5M' },
        targets: { ReplicationGroups: 'web' }
      }
    })
    expect(errorsOf(findings)).toEqual([])
    expect(rulesOf(findings)).toContain('action/deprecated-action')
  })

  it('requires prefixListIdentifier exactly when scope is prefix-list', async () => {
    const subnetTemplate = (parameters: Record<string, string>) => (t: Template) => {
      t.targets.web.resourceType = 'aws:ec2:subnet'
      t.actions.stop = {
        actionId: 'aws:network:disrupt-connectivity',
        parameters: { duration: 'PT1M', ...parameters },
        targets: { Subnets: 'web' }
      }
    }
    expect(rulesOf(await check(subnetTemplate({ scope: 'prefix-list' })))).toContain(
      'action/missing-parameter'
    )
    expect(
      rulesOf(await check(subnetTemplate({ scope: 'all', prefixListIdentifier: 'pl-1' })))
    ).toContain('action/unknown-parameter')
    expect(
      errorsOf(await check(subnetTemplate({ scope: 'prefix-list', prefixListIdentifier: 'pl-1' })))
    ).toEqual([])
  })
})
