/**
 * The semantic diff over the examples: each test loads an example as the base version, edits a
 * copy of it into the head version, and checks the exact list of changes and which are risky.
 */
import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { splitPointer, type JsonObject, type JsonValue } from '../../src/experiment/json-source.js'
import { loadExperiment } from '../../src/experiment/load.js'
import { widerSelection } from '../../src/pull-request/template-changes.js'
import {
  diffExperiment,
  experimentVersion,
  type ExperimentContent,
  type ExperimentVersion,
  type SemanticChange
} from '../../src/pull-request/semantic-diff.js'
import { tempWorkspace } from '../support/validate-files.js'

const WORKSPACE = process.cwd()

function example(name: string): ExperimentContent {
  const version = experimentVersion(
    loadExperiment(join(WORKSPACE, 'examples/experiments', name), WORKSPACE)
  )
  if (version.state !== 'present') throw new Error(`${name} did not load: ${version.state}`)
  return version.content
}

const present = (content: ExperimentContent): ExperimentVersion => ({ state: 'present', content })

/** A JSON Pointer into the content and its new value; no value removes it, `-` appends. */
type Edit = [pointer: string, value?: JsonValue]

function edited(base: ExperimentContent, edits: readonly Edit[]): ExperimentContent {
  const copy = structuredClone(base) as unknown as JsonObject
  for (const [pointer, value] of edits) {
    const tokens = splitPointer(pointer)
    const last = tokens.pop() as string
    let node: JsonValue = copy
    for (const token of tokens) node = (node as JsonObject)[token] as JsonValue
    if (Array.isArray(node)) {
      if (value === undefined) node.splice(Number(last), 1)
      else node[last === '-' ? node.length : Number(last)] = value
    } else if (value === undefined) delete (node as JsonObject)[last]
    else (node as JsonObject)[last] = value
  }
  return copy as unknown as ExperimentContent
}

/** The changes from the example to its edited copy. */
function diffAfter(name: string, edits: readonly Edit[]): SemanticChange[] {
  const base = example(name)
  return diffExperiment(present(base), present(edited(base, edits)))
}

const listed = (changes: readonly SemanticChange[]) =>
  changes.map(({ kind, path, words, risk }) => ({ kind, path, words, risky: risk !== undefined }))

const CHECKOUT_ALARM = 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:checkout-running-tasks'

describe('the semantic diff of a modified example', () => {
  it('lists exactly its changes: a parameter, a removed stop condition and a widened selection', () => {
    const changes = diffAfter('ecs-checkout-cpu-stress.json', [
      ['/template/actions/stressCheckoutCpu/parameters/percent', '100'],
      ['/template/stopConditions/0'],
      ['/template/targets/checkoutTasks/selectionMode', 'ALL']
    ])
    expect(listed(changes)).toEqual([
      {
        kind: 'changed',
        path: 'actions.stressCheckoutCpu.parameters.percent',
        words: 'stressCheckoutCpu.percent: 90 → 100',
        risky: false
      },
      {
        kind: 'changed',
        path: 'targets.checkoutTasks.selectionMode',
        words: 'target checkoutTasks selectionMode: PERCENT(66) → ALL',
        risky: true
      },
      {
        kind: 'removed',
        path: `stopConditions.${CHECKOUT_ALARM}`,
        words: 'stop condition checkout-running-tasks removed',
        risky: true
      }
    ])
    expect(changes.map((change) => change.risk?.why).filter(Boolean)).toEqual([
      'selects more resources: PERCENT(66) → ALL',
      'no alarm stops the experiment any more'
    ])
    expect(changes[0]).toMatchObject({ subject: 'action', before: '90', after: '100' })
  })

  it('finds nothing when the same experiment is written differently', () => {
    const base = example('eks-chaos-mesh-network-delay.json')
    const spec = base.template?.actions as JsonObject
    const parameters = (spec.delayCartsNetwork as JsonObject).parameters as JsonObject
    const changes = diffExperiment(
      present(base),
      present(
        edited(base, [
          // The spec as the string FIS takes, members in another order.
          [
            '/template/actions/delayCartsNetwork/parameters/kubernetesSpec',
            JSON.stringify(
              Object.fromEntries(Object.entries(parameters.kubernetesSpec as JsonObject).reverse())
            )
          ],
          ['/hypothesis/checks/0/phases', ['after', 'during']],
          ['/hypothesis/checks/0/treatMissingData', 'missing'],
          ['/hypothesis/checks/0/abortOnBreach', false],
          ['/guardrails/maxDuration', 'PT600S'],
          ['/guardrails/requireStopConditions', false]
        ])
      )
    )
    expect(changes).toEqual([])
  })

  it('follows a JSON-valued parameter member by member', () => {
    const changes = diffAfter('eks-chaos-mesh-network-delay.json', [
      ['/template/actions/delayCartsNetwork/parameters/kubernetesSpec/delay/latency', '500ms'],
      ['/template/actions/delayCartsNetwork/parameters/kubernetesSpec/mode', 'one']
    ])
    expect(listed(changes)).toEqual([
      {
        kind: 'changed',
        path: 'actions.delayCartsNetwork.parameters.kubernetesSpec.mode',
        words: 'delayCartsNetwork.kubernetesSpec.mode: all → one',
        risky: false
      },
      {
        kind: 'changed',
        path: 'actions.delayCartsNetwork.parameters.kubernetesSpec.delay.latency',
        words: 'delayCartsNetwork.kubernetesSpec.delay.latency: 120ms → 500ms',
        risky: false
      }
    ])
  })
})

describe('actions', () => {
  it('marks a new destructive action, and an action turned destructive, but not a new wait', () => {
    const changes = diffAfter('carts-latency.json', [
      [
        '/template/actions/terminateCarts',
        { actionId: 'aws:ec2:terminate-instances', targets: { Instances: 'cartsTasks' } }
      ],
      ['/template/actions/pause', { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } }]
    ])
    expect(listed(changes)).toEqual([
      {
        kind: 'added',
        path: 'actions.terminateCarts',
        words: 'action terminateCarts added: aws:ec2:terminate-instances on cartsTasks',
        risky: true
      },
      {
        kind: 'added',
        path: 'actions.pause',
        words: 'action pause added: aws:fis:wait',
        risky: false
      }
    ])
    expect(changes[0]?.risk?.why).toBe('aws:ec2:terminate-instances is destructive (terminate)')

    const turned = diffAfter('carts-latency.json', [
      ['/template/actions/cartsLatency/actionId', 'aws:ecs:stop-task']
    ])
    expect(listed(turned)).toEqual([
      {
        kind: 'changed',
        path: 'actions.cartsLatency.actionId',
        words: 'action cartsLatency actionId: aws:ecs:task-network-latency → aws:ecs:stop-task',
        risky: true
      },
      // stop-task is instantaneous: the experiment no longer lasts the latency's five minutes.
      {
        kind: 'changed',
        path: 'estimatedDuration',
        words: 'estimated duration: 5m → 0s',
        risky: false
      }
    ])
  })

  it('marks a longer fault and a longer experiment, not a shorter one', () => {
    const duration = '/template/actions/cartsLatency/parameters/duration'
    const longer = diffAfter('carts-latency.json', [[duration, 'PT10M']])
    expect(listed(longer)).toEqual([
      {
        kind: 'changed',
        path: 'actions.cartsLatency.parameters.duration',
        words: 'cartsLatency.duration: PT5M → PT10M',
        risky: true
      },
      {
        kind: 'changed',
        path: 'estimatedDuration',
        words: 'estimated duration: 5m → 10m',
        risky: true
      }
    ])
    expect(longer.map((change) => change.risk?.why)).toEqual([
      'the fault lasts longer: 5m → 10m',
      'the experiment runs longer: 5m → 10m'
    ])
    const shorter = diffAfter('carts-latency.json', [[duration, 'PT2M']])
    expect(shorter.map((change) => [change.words, change.risk])).toEqual([
      ['cartsLatency.duration: PT5M → PT2M', undefined],
      ['estimated duration: 5m → 2m', undefined]
    ])
  })

  it('counts the longest startAfter path for the estimated duration', () => {
    const changes = diffAfter('multi-layer-orders.json', [
      ['/template/actions/quietMinute/parameters/duration', 'PT3M']
    ])
    expect(changes.map((change) => [change.words, change.risk?.why])).toEqual([
      ['quietMinute.duration: PT1M → PT3M', 'the fault lasts longer: 1m → 3m'],
      ['estimated duration: 3m → 5m', 'the experiment runs longer: 3m → 5m']
    ])
  })
})

describe('targets', () => {
  it.each([
    ['COUNT(1)', 'COUNT(2)', true],
    ['COUNT(2)', 'COUNT(1)', false],
    ['PERCENT(25)', 'PERCENT(50)', true],
    ['PERCENT(50)', 'PERCENT(25)', false],
    ['COUNT(5)', 'ALL', true],
    ['PERCENT(25)', 'ALL', true],
    ['PERCENT(100)', 'ALL', false],
    ['ALL', 'COUNT(1)', false],
    ['COUNT(1)', 'PERCENT(10)', false],
    ['PERCENT(10)', 'COUNT(50)', false]
  ])('%s → %s is wider: %s', (before, after, wider) => {
    expect(widerSelection(before, after)).toBe(wider)
  })

  it('marks a pool that can only be larger: a tag or the filters removed, an ARN added', () => {
    const changes = diffAfter('web-stop-instance.json', [
      ['/template/targets/webInstances/resourceTags/Environment'],
      ['/template/targets/webInstances/filters']
    ])
    expect(listed(changes)).toEqual([
      {
        kind: 'removed',
        path: 'targets.webInstances.resourceTags.Environment',
        words: 'target webInstances resourceTags.Environment removed (was preprod)',
        risky: true
      },
      {
        kind: 'removed',
        path: 'targets.webInstances.filters',
        words:
          'target webInstances filters removed (was [{"path":"State.Name","values":["running"]}])',
        risky: true
      }
    ])
    const cluster = '/template/targets/preprodCluster/resourceArns/-'
    const arnAdded = diffAfter('carts-pod-kill.json', [
      [cluster, 'arn:aws:eks:eu-west-1:111122223333:cluster/staging']
    ])
    expect(listed(arnAdded)).toEqual([
      {
        kind: 'changed',
        path: 'targets.preprodCluster.resourceArns',
        words:
          'target preprodCluster resourceArns: added arn:aws:eks:eu-west-1:111122223333:cluster/staging',
        risky: true
      }
    ])
  })

  it('does not mark a pool that is narrower or different', () => {
    const changes = diffAfter('web-stop-instance.json', [
      ['/template/targets/webInstances/resourceTags/Tier', 'front'],
      ['/template/targets/webInstances/resourceTags/Role', 'api'],
      ['/template/targets/webInstances/selectionMode', 'PERCENT(10)']
    ])
    expect(changes.map((change) => [change.words, change.risk])).toEqual([
      ['target webInstances resourceTags.Role: web → api', undefined],
      ['target webInstances resourceTags.Tier added: front', undefined],
      ['target webInstances selectionMode: COUNT(1) → PERCENT(10)', undefined]
    ])
    const arnReplaced = diffAfter('carts-pod-kill.json', [
      [
        '/template/targets/preprodCluster/resourceArns/0',
        'arn:aws:eks:eu-west-1:111122223333:cluster/staging'
      ]
    ])
    expect(arnReplaced.map((change) => [change.words, change.risk])).toEqual([
      [
        'target preprodCluster resourceArns: added arn:aws:eks:eu-west-1:111122223333:cluster/staging; removed arn:aws:eks:eu-west-1:111122223333:cluster/preprod',
        undefined
      ]
    ])
  })
})

describe('stop conditions', () => {
  it('marks an alarm replaced by none, and says whether another alarm still stops it', () => {
    const none = diffAfter('ecs-checkout-cpu-stress.json', [
      ['/template/stopConditions/0', { source: 'none' }]
    ])
    expect(listed(none)).toEqual([
      {
        kind: 'added',
        path: 'stopConditions.none',
        words: 'stop condition none added',
        risky: false
      },
      {
        kind: 'removed',
        path: `stopConditions.${CHECKOUT_ALARM}`,
        words: 'stop condition checkout-running-tasks removed',
        risky: true
      }
    ])
    const replaced = diffAfter('ecs-checkout-cpu-stress.json', [
      [
        '/template/stopConditions/-',
        { source: 'aws:cloudwatch:alarm', value: `${CHECKOUT_ALARM}-v2` }
      ],
      ['/template/stopConditions/0']
    ])
    expect(replaced.map((change) => [change.words, change.risk?.why])).toEqual([
      ['stop condition checkout-running-tasks-v2 added', undefined],
      [
        'stop condition checkout-running-tasks removed',
        'the experiment no longer stops when checkout-running-tasks fires'
      ]
    ])
  })
})

describe('hypothesis checks', () => {
  it('marks a removed check and looser thresholds in either direction, not stricter ones', () => {
    const looser = diffAfter('eks-chaos-mesh-network-delay.json', [
      ['/hypothesis/checks/0/threshold', 0.8],
      ['/hypothesis/checks/1/threshold', 300]
    ])
    expect(looser.map((change) => [change.words, change.risk?.why])).toEqual([
      [
        'check "carts p95 latency" threshold: 0.5 → 0.8',
        'looser: it breaches only above 0.8 (was above 0.5)'
      ],
      [
        'check "carts requests served" threshold: 400 → 300',
        'looser: it breaches only below 300 (was below 400)'
      ]
    ])
    const stricter = diffAfter('eks-chaos-mesh-network-delay.json', [
      ['/hypothesis/checks/0/threshold', 0.3],
      ['/hypothesis/checks/1/threshold', 500],
      ['/hypothesis/checks/1/comparisonOperator', 'LessThanOrEqualToThreshold']
    ])
    expect(stricter.map((change) => change.risk)).toEqual([undefined, undefined, undefined])
    const removed = diffAfter('eks-chaos-mesh-network-delay.json', [['/hypothesis/checks/1']])
    expect(listed(removed)).toEqual([
      {
        kind: 'removed',
        path: 'hypothesis.checks.carts requests served',
        words: 'check "carts requests served" removed',
        risky: true
      }
    ])
  })

  it('marks fewer phases, runs of periods that breach less often, slower recovery', () => {
    const changes = diffAfter('eks-pod-delete-self-healing.json', [
      ['/hypothesis/checks/0/phases', ['during']],
      ['/hypothesis/checks/0/datapointsToAlarm', 3],
      ['/hypothesis/checks/0/evaluationPeriods', 3],
      ['/hypothesis/checks/1/recoverWithin', 'PT10M']
    ])
    const ofThree = 'looser: a breach needs 3 of 3 breaching periods (was 1 of 1)'
    expect(changes.map((change) => [change.path, change.words, change.risk?.why])).toEqual([
      [
        'hypothesis.checks.carts stays up.phases',
        'check "carts stays up" phases: removed after',
        'no longer judged after'
      ],
      [
        'hypothesis.checks.carts stays up.datapointsToAlarm',
        'check "carts stays up" datapointsToAlarm added: 3',
        ofThree
      ],
      [
        'hypothesis.checks.carts stays up.evaluationPeriods',
        'check "carts stays up" evaluationPeriods added: 3',
        ofThree
      ],
      [
        'hypothesis.checks.carts heals by itself.recoverWithin',
        'check "carts heals by itself" recoverWithin: PT20S → PT10M',
        'recovery may take longer: 20s → 10m'
      ]
    ])
    // More periods with room for as many gaps is stricter, not looser: 1 of 1 → 2 of 5.
    const stricter = diffAfter('eks-pod-delete-self-healing.json', [
      ['/hypothesis/checks/0/datapointsToAlarm', 2],
      ['/hypothesis/checks/0/evaluationPeriods', 5]
    ])
    expect(stricter.map((change) => change.risk)).toEqual([undefined, undefined])
  })

  it('marks a looser baseline comparison and a breach that no longer aborts', () => {
    const base = edited(example('eks-pod-delete-self-healing.json'), [
      ['/hypothesis/checks/0/abortOnBreach', true],
      ['/hypothesis/checks/0/baselineComparison', { maxIncreasePercent: 50 }]
    ])
    const head = edited(base, [
      ['/hypothesis/checks/0/abortOnBreach'],
      ['/hypothesis/checks/0/baselineComparison/maxIncreasePercent', 80]
    ])
    expect(
      diffExperiment(present(base), present(head)).map((change) => [change.words, change.risk?.why])
    ).toEqual([
      [
        'check "carts stays up" baselineComparison.maxIncreasePercent: 50 → 80',
        'looser baseline comparison: maxIncreasePercent 50% → 80%'
      ],
      [
        'check "carts stays up" abortOnBreach removed (was true)',
        'a breach no longer stops the experiment'
      ]
    ])
  })
})

describe('guardrails', () => {
  it('marks every loosened guardrail', () => {
    const changes = diffAfter('ecs-checkout-cpu-stress.json', [
      ['/guardrails/maxDuration', 'PT20M'],
      ['/guardrails/maxTargetPercent', 100],
      ['/guardrails/allowedAccounts/-', '444455556666'],
      ['/guardrails/allowedRegions'],
      ['/guardrails/requireStopConditions']
    ])
    expect(changes.map((change) => [change.words, change.risk?.why])).toEqual([
      ['guardrails.allowedAccounts: added 444455556666', 'more accounts allowed: 444455556666'],
      ['guardrails.maxDuration: PT10M → PT20M', 'a higher limit: 10m → 20m'],
      ['guardrails.maxTargetPercent: 66 → 100', 'a higher limit: 66% → 100%'],
      ['guardrails.allowedRegions removed (was ["eu-west-1"])', 'any Regions allowed now'],
      [
        'guardrails.requireStopConditions removed (was true)',
        'stop conditions are no longer required'
      ]
    ])
  })

  it('does not mark tightened guardrails', () => {
    const changes = diffAfter('ecs-checkout-cpu-stress.json', [
      ['/guardrails/maxDuration', 'PT5M'],
      ['/guardrails/maxTargetPercent', 50],
      ['/guardrails/allowedRegions', []],
      ['/guardrails/forbiddenActions', ['aws:ec2:*']]
    ])
    expect(changes).toHaveLength(4)
    expect(changes.filter((change) => change.risk)).toEqual([])
  })
})

describe("the template's other members", () => {
  it('marks account targeting that becomes multi-account, not the other members', () => {
    const changes = diffAfter('web-stop-instance.json', [
      ['/template/roleArn', 'arn:aws:iam::111122223333:role/other'],
      ['/template/experimentOptions', { accountTargeting: 'multi-account' }],
      ['/template/logConfiguration'],
      ['/template/tags/team', 'platform']
    ])
    expect(listed(changes)).toEqual([
      {
        kind: 'changed',
        path: 'roleArn',
        words:
          'roleArn: arn:aws:iam::111122223333:role/fis-experiment-role → arn:aws:iam::111122223333:role/other',
        risky: false
      },
      { kind: 'changed', path: 'tags.team', words: 'tags.team: web → platform', risky: false },
      {
        kind: 'added',
        path: 'experimentOptions',
        words: 'experimentOptions added: {"accountTargeting":"multi-account"}',
        risky: true
      },
      {
        kind: 'removed',
        path: 'logConfiguration',
        words: expect.stringMatching(/^logConfiguration removed \(was \{"logSchemaVersion":2,/),
        risky: false
      }
    ])
    expect(changes.map((change) => change.subject)).toEqual([
      'role',
      'experiment',
      'experiment options',
      'log configuration'
    ])
  })
})

describe('the file as a whole', () => {
  it('lists a new file with everything in it, its destructive actions marked', () => {
    const changes = diffExperiment({ state: 'absent' }, present(example('web-stop-instance.json')))
    expect(listed(changes)).toEqual([
      { kind: 'added', path: '', words: 'new experiment file', risky: false },
      {
        kind: 'added',
        path: 'actions.stopWeb',
        words: 'action stopWeb added: aws:ec2:stop-instances on webInstances',
        risky: true
      },
      {
        kind: 'added',
        path: 'targets.webInstances',
        words: 'target webInstances added: aws:ec2:instance, COUNT(1)',
        risky: false
      },
      {
        kind: 'added',
        path: 'stopConditions.arn:aws:cloudwatch:eu-west-1:111122223333:alarm:carts-5xx',
        words: 'stop condition carts-5xx added',
        risky: false
      },
      {
        kind: 'added',
        path: 'estimatedDuration',
        words: 'estimated duration added: 3m',
        risky: false
      },
      {
        kind: 'added',
        path: 'description',
        words:
          'description added: "Stop one preprod web instance and start it again after 3 minutes"',
        risky: false
      },
      {
        kind: 'added',
        path: 'roleArn',
        words: 'roleArn added: arn:aws:iam::111122223333:role/fis-experiment-role',
        risky: false
      },
      {
        kind: 'added',
        path: 'logConfiguration',
        words: expect.stringMatching(/^logConfiguration added: \{"logSchemaVersion":2,/),
        risky: false
      },
      { kind: 'added', path: 'tags', words: 'tags added: {"team":"web"}', risky: false }
    ])
  })

  it('shows a deleted file as one change', () => {
    expect(
      listed(diffExperiment(present(example('carts-latency.json')), { state: 'absent' }))
    ).toEqual([{ kind: 'removed', path: '', words: 'experiment file deleted', risky: false }])
  })

  it('says when a version cannot be read', () => {
    const workspace = tempWorkspace({ 'broken.json': '{ "description": "x", }' })
    try {
      const broken = experimentVersion(
        loadExperiment(join(workspace.root, 'broken.json'), workspace.root)
      )
      expect(broken).toEqual({
        state: 'unparseable',
        reason: expect.stringMatching(/comma.*\(broken\.json:1:\d+\)$/)
      })
      const missing = loadExperiment(join(workspace.root, 'missing.json'), workspace.root)
      expect(experimentVersion(missing)).toEqual({ state: 'absent' })

      const head = present(example('carts-pod-kill.json'))
      const fromBroken = diffExperiment(broken, head)
      expect(fromBroken[0]).toMatchObject({ subject: 'file', kind: 'changed' })
      expect(fromBroken[0]?.words).toMatch(/^the base version cannot be read .* listed as added: /)
      expect(fromBroken.slice(1)).toEqual(diffExperiment({ state: 'absent' }, head).slice(1))

      expect(listed(diffExperiment(head, broken))).toEqual([
        {
          kind: 'changed',
          path: '',
          words: expect.stringMatching(/^this version cannot be read .* not compared: .*comma/),
          risky: false
        }
      ])
    } finally {
      workspace.remove()
    }
  })

  it('keeps words on one line and bounded, whatever the values', () => {
    const changes = diffAfter('carts-latency.json', [
      ['/template/actions/cartsLatency/parameters/delayMilliseconds', `800\n${'9'.repeat(5000)}`],
      ['/vars/ACCOUNT', '444455556666']
    ])
    expect(changes.map((change) => change.path)).toEqual([
      'actions.cartsLatency.parameters.delayMilliseconds',
      'vars.ACCOUNT'
    ])
    for (const change of changes) {
      expect(change.words).not.toMatch(/\n/)
      expect(change.words.length).toBeLessThan(250)
    }
    expect(changes[1]).toMatchObject({
      subject: 'var',
      words: 'vars.ACCOUNT: 111122223333 → 444455556666'
    })
    expect(changes[1]?.risk).toBeUndefined()
  })
})
