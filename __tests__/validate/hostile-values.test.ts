/**
 * Values built to flood messages or exhaust the validator: a huge value anywhere is quoted as a
 * bounded excerpt, and hostile shapes (thousands of chained actions, huge similar names) finish.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  baseTemplate,
  errorsOf,
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

/** Long enough that echoing it whole is obvious; FIS's own limits are far below. */
const HUGE = 'Q'.repeat(100_000)
const MAX_MESSAGE = 600

const template = (change: (t: Json) => void): Json => {
  const t = baseTemplate() as Json
  change(t)
  return t
}

/** Each case puts HUGE where a message quotes it, and names the rule that must quote it. */
const CASES: [string, Json | string, string][] = [
  ['selectionMode', template((t) => (t.targets.web.selectionMode = HUGE)), 'target/selection-mode'],
  ['resourceType', template((t) => (t.targets.web.resourceType = HUGE)), 'target/resource-type'],
  [
    'resource ARN',
    template(
      (t) =>
        (t.targets.web = {
          ...t.targets.web,
          resourceTags: undefined,
          resourceArns: [`arn:${HUGE}`]
        })
    ),
    'arn/malformed'
  ],
  [
    'role ARN account',
    template((t) => (t.roleArn = `arn:aws:iam::${'9'.repeat(100_000)}:role/x`)),
    'arn/malformed'
  ],
  [
    'parameter value',
    template((t) => (t.actions.stop.parameters.startInstancesAfterDuration = HUGE.slice(0, 1000))),
    'action/parameter-format'
  ],
  [
    'parameter name',
    template((t) => (t.actions.stop.parameters[HUGE] = 'x')),
    'action/unknown-parameter'
  ],
  ['target key', template((t) => (t.actions.stop.targets[HUGE] = 'web')), 'target/key'],
  [
    'target reference',
    template((t) => (t.actions.stop.targets.Instances = HUGE)),
    'target/reference'
  ],
  ['startAfter', template((t) => (t.actions.stop.startAfter = [HUGE])), 'action/start-after'],
  ['actionId', template((t) => (t.actions.stop.actionId = `aws:${HUGE}`)), 'action/unknown-action'],
  ['stop condition source', template((t) => (t.stopConditions[0].source = HUGE)), 'schema/enum'],
  ['unknown member', template((t) => (t[HUGE] = 1)), 'schema/unknown-member'],
  ['fill-in placeholder', template((t) => (t.roleArn = `<${HUGE}>`)), 'placeholder/fill-in'],
  [
    'unresolved placeholder',
    template((t) => (t.roleArn = `\${${HUGE}}`)),
    'placeholder/unresolved'
  ],
  [
    'kubernetesSpec',
    template(
      (t) =>
        (t.actions.stop = {
          actionId: 'aws:eks:inject-kubernetes-custom-resource',
          parameters: {
            kubernetesApiVersion: 'chaos-mesh.org/v1alpha1',
            kubernetesKind: HUGE,
            kubernetesNamespace: 'default',
            kubernetesSpec: `{${HUGE.slice(0, 900)}`,
            maxDuration: 'PT5M'
          },
          targets: { Cluster: 'web' }
        })
    ),
    'action/kubernetes-spec'
  ],
  [
    'hypothesis',
    {
      template: baseTemplate(),
      hypothesis: {
        baseline: HUGE,
        checks: [
          {
            name: HUGE,
            metric: { namespace: 'A', metricName: 'B', stat: HUGE, period: 60 },
            threshold: 1,
            comparisonOperator: 'GreaterThanThreshold'
          },
          {
            name: HUGE,
            expression: `${HUGE.toLowerCase()} + 1`,
            metrics: { [`m${HUGE}`]: { namespace: 'A', metricName: 'B', stat: 'p95', period: 60 } },
            recoverWithin: HUGE,
            threshold: 1,
            comparisonOperator: 'GreaterThanThreshold'
          }
        ]
      }
    },
    'hypothesis/statistic'
  ],
  [
    'guardrail setting',
    { template: baseTemplate(), guardrails: { maxDuration: HUGE } },
    'schema/pattern'
  ],
  ['templateId', { templateId: `EXT-${HUGE}` }, 'schema/pattern'],
  ['duplicate key', `{"description": "x", "${HUGE}": 1, "${HUGE}": 2}`, 'syntax/duplicate-key'],
  ['unquoted placeholder', `{"roleArn": \${${HUGE}}}`, 'syntax/invalid-json']
]

describe('a huge value anywhere', () => {
  it.each(CASES)('is quoted as an excerpt: %s', async (_where, file, rule) => {
    workspace.write('f.json', file)
    const { findings } = await validateFile(workspace, 'f.json')
    expect(rulesOf(findings)).toContain(rule)
    for (const finding of findings) {
      expect([finding.rule, finding.message.length < MAX_MESSAGE]).toEqual([finding.rule, true])
      for (const char of ['Q', 'q', '9']) expect(finding.message).not.toContain(char.repeat(200))
    }
  })

  it('lists at most ten known vars in an unresolved-placeholder message', async () => {
    const vars = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`V${i}`, 'x']))
    workspace.write('f.json', { vars, template: template((t) => (t.roleArn = '${MISSING}')) })
    const { findings } = await validateFile(workspace, 'f.json')
    expect(errorsOf(findings)[0]?.message).toMatch(/\(known: V0, V1, .*, V9 and 4990 more\)$/)
  })
})

describe('hostile shapes finish', () => {
  /** As many actions as fit in 1 MiB (written compactly), each starting after the next one. */
  const chain = (cycle: boolean): string => {
    const count = 20_000
    const actions: Json = {}
    for (let index = 0; index < count; index++) {
      const next = index + 1 < count ? `a${index + 1}` : cycle ? 'a0' : undefined
      actions[`a${index}`] = { actionId: 'x', startAfter: next ? [next] : [] }
    }
    return JSON.stringify({ ...baseTemplate(), targets: {}, actions })
  }

  it.each([
    ['a 20,000-action startAfter chain', false, 0],
    ['a 20,000-action startAfter cycle', true, 1]
  ])('%s, deeper than the call stack', async (_name, cycle, cycles) => {
    workspace.write('f.json', chain(cycle))
    const { findings, validated } = await validateFile(workspace, 'f.json')
    expect(rulesOf(findings).filter((rule) => rule === 'action/start-after-cycle')).toHaveLength(
      cycles
    )
    expect(validated?.timeline?.actions).toHaveLength(20_000)
    if (!cycle) expect(validated?.timeline?.criticalPath).toHaveLength(20_000)
  })

  it('suggests nothing for huge names rather than comparing them letter by letter', async () => {
    workspace.write(
      'f.json',
      template((t) => {
        t.targets = { [`${HUGE}1`]: t.targets.web, [`${HUGE}2`]: t.targets.web }
        t.actions.stop.targets.Instances = `${HUGE}3`
      })
    )
    const { findings } = await validateFile(workspace, 'f.json')
    const reference = findings.find((finding) => finding.rule === 'target/reference')
    expect(reference?.message).not.toContain('Did you mean')
  })
})

describe('unknown names under placeholders', () => {
  it('reports an unknown parameter although its value is an unresolved placeholder', async () => {
    workspace.write(
      'f.json',
      template((t) => (t.actions.stop.parameters.newKnob = '${KNOB}'))
    )
    const { findings } = await validateFile(workspace, 'f.json')
    expect(rulesOf(errorsOf(findings)).sort()).toEqual([
      'action/unknown-parameter',
      'placeholder/unresolved'
    ])
  })
})
