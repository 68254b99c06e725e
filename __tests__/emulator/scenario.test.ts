import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadScenario, type Scenario } from '../../emulator/scenario.js'
import { startEmulator } from '../../emulator/index.js'
import { testScenario } from '../support/test-scenario.js'

const temporary: string[] = []

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('scenarios', () => {
  it.each(readdirSync('examples/scenarios'))('example %s is valid', (file) => {
    const scenario = loadScenario(join('examples/scenarios', file))
    expect(scenario.account).toBe('111122223333')
    expect(scenario.region).toBe('eu-west-1')
    // FIS runs faster than the wall clock in every example, so a demo or CI run takes seconds.
    expect(scenario.timeScale).toBeGreaterThan(1)
  })

  it('fills in defaults', () => {
    const scenario = loadScenario({ account: '111122223333', region: 'eu-west-1' })
    expect(scenario).toMatchObject({
      clock: 'wall',
      timeScale: 1,
      seed: 1,
      ingestionLagMs: 0,
      initiationDelayMs: 0,
      stopDelayMs: 0,
      caller: { arn: 'arn:aws:sts::111122223333:assumed-role/fis-gate-ci/session' },
      resources: [],
      alarms: [],
      metrics: [],
      faults: []
    })
  })

  it('reads a file with a byte-order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fis-gate-scenario-'))
    temporary.push(dir)
    const path = join(dir, 'scenario.json')
    writeFileSync(path, '\uFEFF' + JSON.stringify(testScenario({ timeScale: 60 })))
    expect(loadScenario(path).timeScale).toBe(60)
    const emulator = await startEmulator({ scenario: path, timeScale: 5 })
    expect(emulator.env.AWS_REGION).toBe('eu-west-1')
    await emulator.stop()
  })

  const invalid: [string, unknown, RegExp][] = [
    ['an account that is not 12 digits', { account: '1234', region: 'eu-west-1' }, /\/account/],
    ['an unknown member', { ...testScenario(), colour: 'blue' }, /additional properties/],
    [
      'a composite alarm with metric fields',
      { ...testScenario(), alarms: [{ name: 'x', alarmRule: 'TRUE', metricName: 'M' }] },
      /\/alarms\/0/
    ],
    [
      'a metric alarm without a threshold',
      {
        ...testScenario(),
        alarms: [
          { name: 'x', namespace: 'N', metricName: 'M', comparisonOperator: 'GreaterThanThreshold' }
        ]
      },
      /threshold/
    ],
    [
      'a duration that is not ISO-8601',
      { ...testScenario(), ingestionLag: '5 minutes' },
      /ingestionLag/
    ],
    ['an unknown clock', { ...testScenario(), clock: 'virtual' }, /\/clock/],
    [
      'a resource attribute that is not an object',
      {
        ...testScenario(),
        resources: [{ resourceType: 'aws:ec2:instance', arn: 'arn:x', attributes: 'running' }]
      },
      /\/resources\/0\/attributes/
    ],
    ['a slow fault without delayMs', { ...testScenario(), faults: [{ type: 'slow' }] }, /delayMs/],
    [
      'afterProcessing on a fault that is not a drop',
      { ...testScenario(), faults: [{ type: 'throttling', afterProcessing: true }] },
      /\/faults\/0/
    ],
    [
      'a statistic CloudWatch does not know',
      {
        ...testScenario(),
        metrics: [{ namespace: 'N', metricName: 'M', statistics: { p95x: { baseline: 1 } } }]
      },
      /p95x/
    ],
    [
      'a gap that ends before it starts',
      {
        ...testScenario(),
        metrics: [
          {
            namespace: 'N',
            metricName: 'M',
            statistics: { Sum: { baseline: 1 } },
            gaps: [{ from: 'PT2M', to: 'PT1M' }]
          }
        ]
      },
      /gap/
    ],
    [
      'two alarms with one name',
      {
        ...testScenario(),
        alarms: [
          { name: 'x', alarmRule: 'TRUE' },
          { name: 'x', alarmRule: 'FALSE' }
        ]
      },
      /twice/
    ]
  ]

  it.each(invalid)('rejects %s', (_case, scenario, message) => {
    expect(() => loadScenario(scenario as Scenario)).toThrow(message)
  })

  it('names a missing file', () => {
    expect(() => loadScenario('examples/scenarios/nope.json')).toThrow(/cannot read scenario/)
  })
})
