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

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- tests build free-form JSON

let workspace: Workspace
beforeEach(() => {
  workspace = tempWorkspace()
})
afterEach(() => workspace.remove())

const check = (name: string) => ({
  name,
  metric: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: { LoadBalancer: 'app/x/1' },
    stat: 'p95',
    period: 60
  },
  comparisonOperator: 'GreaterThanThreshold',
  threshold: 0.5
})

async function gate(file: Json, options: Parameters<typeof validateFile>[2] = {}) {
  workspace.write('gate.json', file)
  return validateFile(workspace, 'gate.json', options)
}

describe('placeholders', () => {
  const withVars = () => {
    const template = baseTemplate() as Json
    template.roleArn = 'arn:aws:iam::${ACCOUNT}:role/fis-role'
    template.targets.web.resourceTags.env = '${ENV}'
    return {
      vars: { ACCOUNT: '111122223333' },
      template,
      hypothesis: { checks: [check('latency')] }
    }
  }

  it('substitutes file vars and reports an unresolved one at its string', async () => {
    const { findings } = await gate(withVars())
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'placeholder/unresolved',
        ...positionOf(workspace, 'gate.json', '"${ENV}"')
      })
    ])
    expect(findings[0]?.message).toMatch(
      /\$\{ENV\} has no value: set it in the vars input \(ENV=\.\.\.\)/
    )
  })

  it('lets the vars input supply and override values', async () => {
    const { findings, validated } = await gate(withVars(), {
      vars: { ENV: 'preprod', ACCOUNT: '444455556666' }
    })
    expect(errorsOf(findings)).toEqual([])
    expect(validated?.template?.roleArn).toBe('arn:aws:iam::444455556666:role/fis-role')
  })

  it.each([
    ['angle brackets', 'arn:aws:iam::<ACCOUNT_ID>:role/fis', '<ACCOUNT_ID>'],
    ['double braces', 'arn:aws:iam::{{ACCOUNT}}:role/fis', '{{ACCOUNT}}'],
    ['a your_ fill-in', 'arn:aws:iam::your_aws_account:role/fis', 'your_aws_account'],
    ['an ALL_CAPS account field', 'arn:aws:iam::ACCOUNTID:role/fis', 'ACCOUNTID'],
    ['an ALL_CAPS token for the whole ARN', 'FIS_WORKSHOP_ROLE_ARN', 'FIS_WORKSHOP_ROLE_ARN']
  ])('reports %s as a fill-in placeholder, not a malformed ARN', async (_name, roleArn, text) => {
    const template = { ...baseTemplate(), roleArn }
    workspace.write('gate.json', template)
    const { findings } = await validateFile(workspace, 'gate.json')
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'placeholder/fill-in',
        ...positionOf(workspace, 'gate.json', JSON.stringify(roleArn))
      })
    ])
    expect(findings[0]?.message).toContain(text)
  })

  it('leaves placeholders in descriptions alone', async () => {
    workspace.write('gate.json', {
      ...baseTemplate(),
      description: 'Stop <ONE> instance in {{az}}'
    })
    expect(errorsOf((await validateFile(workspace, 'gate.json')).findings)).toEqual([])
  })
})

describe('gate file shape', () => {
  it('needs exactly one of template, templateFile, templateId', async () => {
    const { findings } = await gate({ template: baseTemplate(), templateId: 'EXTabc123' })
    expect(rulesOf(errorsOf(findings))).toEqual(['schema/shape'])
  })

  it('checks only the form of a templateId', async () => {
    expect(errorsOf((await gate({ templateId: 'EXT7ah2K9Lq' })).findings)).toEqual([])
    const { findings } = await gate({ templateId: 'exp-123' })
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'schema/pattern',
        ...positionOf(workspace, 'gate.json', '"exp-123"')
      })
    ])
  })

  it('reports unknown gate keys with a suggestion', async () => {
    const { findings } = await gate({ template: baseTemplate(), hypotheses: {} })
    expect(errorsOf(findings)[0]?.message).toMatch(
      /"hypotheses" is not a member of the file.*Did you mean "hypothesis"\?/
    )
  })

  it('warns that a file without hypothesis is judged by FIS alone', async () => {
    const { findings } = await gate({ template: baseTemplate() })
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'hypothesis/missing',
        severity: 'warning',
        line: 1,
        column: 1
      })
    ])
  })
})

describe('kubernetesSpec', () => {
  const customResource = (spec: unknown, kind = 'PodChaos', extra: Json = {}) => {
    const template = baseTemplate() as Json
    template.targets = {
      cluster: {
        resourceType: 'aws:eks:cluster',
        resourceArns: ['arn:aws:eks:eu-west-1:111122223333:cluster/preprod'],
        selectionMode: 'ALL'
      }
    }
    template.actions = {
      chaos: {
        actionId: 'aws:eks:inject-kubernetes-custom-resource',
        parameters: {
          kubernetesApiVersion: 'chaos-mesh.org/v1alpha1',
          kubernetesKind: kind,
          kubernetesNamespace: 'chaos-mesh',
          kubernetesSpec: spec,
          maxDuration: 'PT5M',
          ...extra
        },
        targets: { Cluster: 'cluster' }
      }
    }
    return { template, hypothesis: { checks: [check('c')] } }
  }
  const podKill = {
    selector: { namespaces: ['shop'], labelSelectors: { app: 'checkout' } },
    mode: 'one',
    action: 'pod-kill'
  }

  it('accepts an object and serializes it compactly for FIS', async () => {
    const { findings, validated } = await gate(customResource(podKill))
    expect(errorsOf(findings)).toEqual([])
    expect(validated?.template?.actions).toMatchObject({
      chaos: { parameters: { kubernetesSpec: JSON.stringify(podKill) } }
    })
  })

  it('accepts a JSON string', async () => {
    expect(errorsOf((await gate(customResource(JSON.stringify(podKill)))).findings)).toEqual([])
  })

  it('reports a string that does not parse', async () => {
    const { findings } = await gate(customResource('{"mode": one}'))
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'action/kubernetes-spec',
        ...positionOf(workspace, 'gate.json', '"{\\"mode\\": one}"')
      })
    ])
  })

  it('checks the 1024-character limit on the serialized string', async () => {
    const spec = {
      ...podKill,
      selector: { namespaces: Array.from({ length: 120 }, (_, i) => `namespace-${i}`) }
    }
    const { findings } = await gate(customResource(spec))
    expect(rulesOf(errorsOf(findings))).toEqual(['action/parameter-length'])
  })

  it('points inside an object spec at the wrong member', async () => {
    const { findings } = await gate(customResource({ ...podKill, mode: 'some' }))
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'action/kubernetes-spec',
        ...positionOf(workspace, 'gate.json', '"some"')
      })
    ])
  })

  it.each([
    [
      'a whole custom resource instead of its spec',
      { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', spec: podKill },
      'PodChaos',
      /only its spec/
    ],
    ['a PodChaos without action', { selector: {}, mode: 'one' }, 'PodChaos', /needs "action"/],
    [
      'a StressChaos without stressors',
      { selector: {}, mode: 'all' },
      'StressChaos',
      /needs "stressors"/
    ],
    ['a fixed mode without value', { ...podKill, mode: 'fixed' }, 'PodChaos', /needs "value"/],
    ['an unknown kind', podKill, 'PodKiller', /neither a Chaos Mesh kind/],
    [
      'a Litmus kind under the Chaos Mesh API version',
      { experiments: [{ name: 'pod-delete' }], chaosServiceAccount: 'litmus' },
      'ChaosEngine',
      /belongs to litmuschaos.io\/v1alpha1/
    ]
  ])('reports %s', async (_name, spec, kind, message) => {
    const { findings } = await gate(customResource(spec, kind))
    expect(errorsOf(findings).map((finding) => finding.message)).toEqual([
      expect.stringMatching(message)
    ])
  })

  it('accepts a Litmus ChaosEngine spec', async () => {
    const spec = {
      engineState: 'active',
      chaosServiceAccount: 'litmus-admin',
      experiments: [{ name: 'pod-delete', spec: { components: { env: [] } } }]
    }
    const { findings } = await gate(
      customResource(spec, 'ChaosEngine', { kubernetesApiVersion: 'litmuschaos.io/v1alpha1' })
    )
    expect(errorsOf(findings)).toEqual([])
  })

  it('warns when the chaos outlasts maxDuration', async () => {
    const { findings } = await gate(customResource({ ...podKill, duration: '10m' }))
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'action/kubernetes-spec',
        severity: 'warning',
        ...positionOf(workspace, 'gate.json', '"10m"')
      })
    )
  })
})

describe('guardrails', () => {
  const twoStep = () => {
    const template = baseTemplate() as Json
    template.actions.wait = {
      actionId: 'aws:fis:wait',
      parameters: { duration: 'PT10M' },
      startAfter: ['stop']
    }
    return template
  }

  it('requires an alarm stop condition by default and points at stopConditions', async () => {
    workspace.write('gate.json', { ...baseTemplate(), stopConditions: [{ source: 'none' }] })
    const { findings } = await validateFile(workspace, 'gate.json', {
      guardrails: { requireStopConditions: true }
    })
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'guardrail/stop-conditions',
        ...positionOf(workspace, 'gate.json', '"stopConditions"')
      })
    ])
  })

  it('checks every ARN against allowed accounts and Regions, from inputs and file (stricter wins)', async () => {
    const template = baseTemplate() as Json
    template.stopConditions[0].value = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:x'
    const { findings } = await gate(
      { template, guardrails: { allowedAccounts: ['111122223333', '999999999999'] } },
      { guardrails: { allowedAccounts: ['999999999999'], allowedRegions: ['eu-west-1'] } }
    )
    expect(errorsOf(findings).map((finding) => [finding.rule, finding.line])).toEqual([
      ['guardrail/account', positionOf(workspace, 'gate.json', '"arn:aws:iam').line],
      ['guardrail/account', positionOf(workspace, 'gate.json', '"arn:aws:cloudwatch').line],
      ['guardrail/region', positionOf(workspace, 'gate.json', '"arn:aws:cloudwatch').line]
    ])
  })

  it('exempts ARNs with an empty account, such as AWS-owned SSM documents', async () => {
    const template = baseTemplate() as Json
    template.actions.stop = {
      actionId: 'aws:ssm:send-command',
      parameters: {
        documentArn: 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-CPU-Stress',
        duration: 'PT1M'
      },
      targets: { Instances: 'web' }
    }
    const { findings } = await gate({ template, guardrails: { allowedAccounts: ['111122223333'] } })
    expect(errorsOf(findings)).toEqual([])
  })

  it('bounds the longest startAfter path by maxDuration and points at its last action', async () => {
    const { findings } = await gate({ template: twoStep(), guardrails: { maxDuration: 'PT10M' } })
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'guardrail/max-duration',
        ...positionOf(workspace, 'gate.json', '"PT10M"')
      })
    ])
    expect(errorsOf(findings)[0]?.message).toMatch(/12m \(stop → wait\).*maxDuration of 10m/)
    expect(
      errorsOf((await gate({ template: twoStep(), guardrails: { maxDuration: 'PT12M' } })).findings)
    ).toEqual([])
  })

  it('bounds PERCENT(n) and counts ALL as 100%', async () => {
    const template = baseTemplate() as Json
    template.targets.web.selectionMode = 'ALL'
    const { findings } = await gate({ template, guardrails: { maxTargetPercent: 50 } })
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'guardrail/max-target-percent',
        ...positionOf(workspace, 'gate.json', '"ALL"')
      })
    ])
    template.targets.web.selectionMode = 'PERCENT(50)'
    expect(
      errorsOf((await gate({ template, guardrails: { maxTargetPercent: 50 } })).findings)
    ).toEqual([])
  })

  it('forbids actions by id or prefix', async () => {
    const { findings } = await gate({
      template: baseTemplate(),
      guardrails: { forbiddenActions: ['aws:ec2:*'] }
    })
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'guardrail/forbidden-action',
        ...positionOf(workspace, 'gate.json', '"aws:ec2:stop-instances"')
      })
    ])
  })
})

describe('hypothesis', () => {
  const withChecks = (checks: Json[], extra: Json = {}) =>
    gate({ template: baseTemplate(), hypothesis: { baseline: 'PT10M', checks, ...extra } })

  it('accepts the SPEC example', async () => {
    const full = {
      ...check('carts p95'),
      datapointsToAlarm: 2,
      evaluationPeriods: 3,
      treatMissingData: 'missing',
      phases: ['before', 'during', 'after'],
      recoverWithin: 'PT2M',
      baselineComparison: { maxIncreasePercent: 50 },
      abortOnBreach: false
    }
    expect(errorsOf((await withChecks([full], { settle: 'PT3M' })).findings)).toEqual([])
  })

  it.each<[string, Json, string, string]>([
    [
      'an unknown statistic',
      { ...check('a'), metric: { ...check('a').metric, stat: 'P95' } },
      'hypothesis/statistic',
      '"P95"'
    ],
    [
      'a period that is not a CloudWatch period',
      { ...check('a'), metric: { ...check('a').metric, period: 90 } },
      'hypothesis/period',
      '90'
    ],
    [
      'datapointsToAlarm above evaluationPeriods',
      { ...check('a'), datapointsToAlarm: 3, evaluationPeriods: 2 },
      'hypothesis/check',
      '3,'
    ],
    [
      'an expression over an undefined id',
      {
        name: 'a',
        expression: 'errors / requests * 100',
        metrics: { errors: check('a').metric },
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 1
      },
      'hypothesis/metric',
      '"errors / requests * 100"'
    ],
    [
      'a query id that starts upper case',
      {
        name: 'a',
        expression: 'Errors',
        metrics: { Errors: check('a').metric },
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 1
      },
      'hypothesis/metric',
      '"Errors": {'
    ],
    [
      'abortOnBreach without the during phase',
      { ...check('a'), phases: ['after'], abortOnBreach: true },
      'hypothesis/check',
      'true'
    ],
    [
      'a malformed recoverWithin',
      { ...check('a'), recoverWithin: '2 minutes' },
      'schema/pattern',
      '"2 minutes"'
    ]
  ])('reports %s', async (_name, item, rule, needle) => {
    const { findings } = await withChecks([item])
    expect(errorsOf(findings)).toContainEqual(
      expect.objectContaining({ rule, ...positionOf(workspace, 'gate.json', needle) })
    )
  })

  it('reports a threshold without comparisonOperator at the check', async () => {
    const { findings } = await withChecks([{ name: 'a', metric: check('a').metric, threshold: 1 }])
    // An array element has no name of its own: the finding points at its opening brace.
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'hypothesis/check',
        line: positionOf(workspace, 'gate.json', '"name": "a"').line - 1
      })
    ])
  })

  it('needs a baseline for the before phase and for baselineComparison', async () => {
    const { findings } = await gate({
      template: baseTemplate(),
      hypothesis: {
        checks: [
          { ...check('a'), phases: ['before'], baselineComparison: { maxIncreasePercent: 10 } }
        ]
      }
    })
    expect(rulesOf(errorsOf(findings))).toEqual(['hypothesis/check', 'hypothesis/check'])
  })

  it('accepts percentile, trimmed-mean and ranged statistics', async () => {
    for (const stat of ['p99.9', 'tm90', 'TM(10%:90%)', 'PR(:300)', 'IQM', 'wm98', 'Sum']) {
      const { findings } = await withChecks([
        { ...check('a'), metric: { ...check('a').metric, stat } }
      ])
      expect([stat, errorsOf(findings)]).toEqual([stat, []])
    }
  })

  it('refuses duplicate check names', async () => {
    const { findings } = await withChecks([check('same'), check('same')])
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'hypothesis/check',
        message: expect.stringMatching(/used twice/)
      })
    ])
  })
})
