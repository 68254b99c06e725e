import { describe, expect, it } from '@jest/globals'
import { evaluateCheck, evaluatePhase } from '../../src/hypothesis/evaluate.js'
import type {
  CheckDefinition,
  ComparisonOperator,
  PhaseStatus,
  TreatMissingData
} from '../../src/hypothesis/model.js'
import { at, check, minutesOf, series, T0, windows } from './support.js'

function during(definition: CheckDefinition, text: string) {
  const minutes = text.trim().split(/\s+/).length
  return evaluatePhase(definition, windows(minutes), series(text), 'during')
}

describe('comparison operators', () => {
  it.each<[ComparisonOperator, number, PhaseStatus, string]>([
    ['GreaterThanThreshold', 0.6, 'breach', 'period 10:00 UTC above 0.5 (0.6)'],
    [
      'GreaterThanThreshold',
      0.5,
      'pass',
      'no period above 0.5 from 10:00 to 10:01 UTC (1 of 1 period had data, max 0.5)'
    ],
    [
      'GreaterThanThreshold',
      0.4,
      'pass',
      'no period above 0.5 from 10:00 to 10:01 UTC (1 of 1 period had data, max 0.4)'
    ],
    ['GreaterThanOrEqualToThreshold', 0.6, 'breach', 'period 10:00 UTC at or above 0.5 (0.6)'],
    ['GreaterThanOrEqualToThreshold', 0.5, 'breach', 'period 10:00 UTC at or above 0.5 (0.5)'],
    [
      'GreaterThanOrEqualToThreshold',
      0.4,
      'pass',
      'no period at or above 0.5 from 10:00 to 10:01 UTC (1 of 1 period had data, max 0.4)'
    ],
    ['LessThanThreshold', 0.4, 'breach', 'period 10:00 UTC below 0.5 (0.4)'],
    [
      'LessThanThreshold',
      0.5,
      'pass',
      'no period below 0.5 from 10:00 to 10:01 UTC (1 of 1 period had data, min 0.5)'
    ],
    [
      'LessThanThreshold',
      0.6,
      'pass',
      'no period below 0.5 from 10:00 to 10:01 UTC (1 of 1 period had data, min 0.6)'
    ],
    ['LessThanOrEqualToThreshold', 0.4, 'breach', 'period 10:00 UTC at or below 0.5 (0.4)'],
    ['LessThanOrEqualToThreshold', 0.5, 'breach', 'period 10:00 UTC at or below 0.5 (0.5)'],
    [
      'LessThanOrEqualToThreshold',
      0.6,
      'pass',
      'no period at or below 0.5 from 10:00 to 10:01 UTC (1 of 1 period had data, min 0.6)'
    ]
  ])('%s with %p', (comparisonOperator, value, status, reason) => {
    const result = during(check({ comparisonOperator }), String(value))
    expect(result).toMatchObject({ status, reason })
    expect(result.breachingPeriods).toEqual(status === 'breach' ? [T0] : [])
  })
})

describe('M of N', () => {
  it.each<[string, number, number, string, PhaseStatus, number[], string]>([
    [
      '1 of 1 breaches on one period',
      1,
      1,
      '0.1 0.1 0.7 0.1 0.1 0.1',
      'breach',
      [2],
      'period 10:02 UTC above 0.5 (0.7)'
    ],
    [
      '1 of 1 passes when no period breaches',
      1,
      1,
      '0.1 0.1 0.1',
      'pass',
      [],
      'no period above 0.5 from 10:00 to 10:03 UTC (3 of 3 periods had data, max 0.1)'
    ],
    [
      '2 of 3 tolerates single noisy periods',
      2,
      3,
      '0.1 0.7 0.1 0.1 0.7 0.1',
      'pass',
      [1, 4],
      'no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:06 UTC (6 of 6 periods had data, max 0.7)'
    ],
    [
      '2 of 3 just misses: breaches 3 periods apart',
      2,
      3,
      '0.7 0.1 0.1 0.7 0.1 0.1',
      'pass',
      [0, 3],
      'no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:06 UTC (6 of 6 periods had data, max 0.7)'
    ],
    [
      '2 of 3 breaches 2 periods apart',
      2,
      3,
      '0.1 0.7 0.1 0.7 0.1 0.1',
      'breach',
      [1, 3],
      '2 of 3 periods above 0.5 from 10:01 to 10:03 UTC'
    ],
    [
      '2 of 3 breaches on 2 adjacent periods',
      2,
      3,
      '0.1 0.1 0.1 0.7 0.7',
      'breach',
      [3, 4],
      '2 of 3 periods above 0.5 from 10:03 to 10:04 UTC'
    ],
    [
      '3 of 5 breaches',
      3,
      5,
      '0.7 0.1 0.7 0.1 0.7 0.1',
      'breach',
      [0, 2, 4],
      '3 of 5 periods above 0.5 from 10:00 to 10:04 UTC'
    ],
    [
      '3 of 5 just misses',
      3,
      5,
      '0.7 0.1 0.7 0.1 0.1 0.7',
      'pass',
      [0, 2, 5],
      'no 3 of 5 consecutive periods above 0.5 from 10:00 to 10:06 UTC (6 of 6 periods had data, max 0.7)'
    ],
    [
      '3 of 3 needs 3 in a row',
      3,
      3,
      '0.7 0.7 0.1 0.7 0.7 0.1',
      'pass',
      [0, 1, 3, 4],
      'no 3 of 3 consecutive periods above 0.5 from 10:00 to 10:06 UTC (6 of 6 periods had data, max 0.7)'
    ],
    [
      '3 of 3 breaches on 3 in a row',
      3,
      3,
      '0.1 0.7 0.7 0.7 0.1',
      'breach',
      [1, 2, 3],
      '3 of 3 periods above 0.5 from 10:01 to 10:03 UTC'
    ],
    [
      '1 of 3 reports the breaching period',
      1,
      3,
      '0.1 0.1 0.7 0.1',
      'breach',
      [2],
      'period 10:02 UTC above 0.5 (0.7)'
    ]
  ])('%s', (_label, datapointsToAlarm, evaluationPeriods, text, status, breaching, reason) => {
    const result = during(check({ datapointsToAlarm, evaluationPeriods }), text)
    expect(result).toMatchObject({ status, reason })
    expect(minutesOf(result.breachingPeriods)).toEqual(breaching)
  })

  it('reports the first run that reached M', () => {
    const result = during(
      check({ datapointsToAlarm: 2, evaluationPeriods: 3 }),
      '0.1 0.7 0.7 0.1 0.7 0.7'
    )
    expect(result.firstBreach).toEqual({ from: at(1), to: at(2), breaching: 2, length: 3 })
  })

  it('has no firstBreach without a breach', () => {
    expect(during(check(), '0.1 0.2').firstBreach).toBeUndefined()
  })

  it.each<[string, TreatMissingData, string, PhaseStatus, string]>([
    [
      'breaches when the short window already holds M',
      'notBreaching',
      '0.7 0.7',
      'breach',
      '2 of 2 periods above 0.5 from 10:00 to 10:01 UTC'
    ],
    [
      'is inconclusive otherwise, even with full data',
      'notBreaching',
      '0.1 0.7',
      'inconclusive',
      'the window holds 2 periods, fewer than the 3 evaluation periods'
    ],
    [
      'is inconclusive under breaching too',
      'breaching',
      '0.1 0.1',
      'inconclusive',
      'the window holds 2 periods, fewer than the 3 evaluation periods'
    ],
    [
      'is inconclusive under missing',
      'missing',
      '0.1 0.1',
      'inconclusive',
      'the window holds 2 periods, fewer than the 3 evaluation periods'
    ]
  ])('a window shorter than N %s', (_label, treatMissingData, text, status, reason) => {
    const result = during(
      check({ datapointsToAlarm: 2, evaluationPeriods: 3, treatMissingData }),
      text
    )
    expect(result).toMatchObject({ status, reason })
  })
})

describe('treatMissingData', () => {
  it.each<[string, number, number, string, TreatMissingData, PhaseStatus, number[], string]>([
    // one gap, 1 of 1
    [
      'one gap',
      1,
      1,
      '0.1 - 0.1 0.1',
      'missing',
      'inconclusive',
      [],
      '1 of 4 periods had no data; the gap at 10:01 UTC could hide a period above 0.5'
    ],
    [
      'one gap',
      1,
      1,
      '0.1 - 0.1 0.1',
      'notBreaching',
      'pass',
      [],
      'no period above 0.5 from 10:00 to 10:04 UTC (3 of 4 periods had data, periods without data count as not breaching, max 0.1)'
    ],
    [
      'one gap',
      1,
      1,
      '0.1 - 0.1 0.1',
      'breaching',
      'breach',
      [1],
      'period 10:01 UTC without data (treated as breaching)'
    ],
    [
      'one gap',
      1,
      1,
      '0.1 - 0.1 0.1',
      'ignore',
      'pass',
      [],
      'no datapoint above 0.5 from 10:00 to 10:04 UTC (3 of 4 periods had data, gaps ignored, max 0.1)'
    ],
    // a gap between two breaching periods, 2 of 3
    [
      'gap between breaches',
      2,
      3,
      '0.7 - 0.7 0.1 0.1 0.1',
      'missing',
      'breach',
      [0, 2],
      '2 of 3 periods above 0.5 from 10:00 to 10:02 UTC'
    ],
    [
      'gap between breaches',
      2,
      3,
      '0.7 - 0.7 0.1 0.1 0.1',
      'notBreaching',
      'breach',
      [0, 2],
      '2 of 3 periods above 0.5 from 10:00 to 10:02 UTC'
    ],
    [
      'gap between breaches',
      2,
      3,
      '0.7 - 0.7 0.1 0.1 0.1',
      'breaching',
      'breach',
      [0, 1, 2],
      '3 of 3 periods above 0.5 or without data (treated as breaching) from 10:00 to 10:02 UTC'
    ],
    [
      'gap between breaches',
      2,
      3,
      '0.7 - 0.7 0.1 0.1 0.1',
      'ignore',
      'breach',
      [0, 2],
      '2 of 3 datapoints above 0.5 from 10:00 to 10:02 UTC'
    ],
    // two gaps that could hide the second breaching period, 2 of 3
    [
      'two gaps after a breach',
      2,
      3,
      '0.7 - - 0.7 0.1 0.1',
      'missing',
      'inconclusive',
      [0, 3],
      '2 of 6 periods had no data; the gaps at 10:01 and 10:02 UTC could hide 2 of 3 periods above 0.5 from 10:00 to 10:02 UTC'
    ],
    [
      'two gaps after a breach',
      2,
      3,
      '0.7 - - 0.7 0.1 0.1',
      'notBreaching',
      'pass',
      [0, 3],
      'no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:06 UTC (4 of 6 periods had data, periods without data count as not breaching, max 0.7)'
    ],
    [
      'two gaps after a breach',
      2,
      3,
      '0.7 - - 0.7 0.1 0.1',
      'breaching',
      'breach',
      [0, 1, 2, 3],
      '3 of 3 periods above 0.5 or without data (treated as breaching) from 10:00 to 10:02 UTC'
    ],
    [
      'two gaps after a breach',
      2,
      3,
      '0.7 - - 0.7 0.1 0.1',
      'ignore',
      'breach',
      [0, 3],
      '2 of 3 datapoints above 0.5 from 10:00 to 10:03 UTC'
    ],
    // isolated gaps next to no breach: no filling could make 2 of 3
    [
      'isolated gaps',
      2,
      3,
      '0.1 - 0.1 0.1 - 0.1',
      'missing',
      'pass',
      [],
      'no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:06 UTC (4 of 6 periods had data, no gap could hide a breach, max 0.1)'
    ],
    [
      'isolated gaps',
      2,
      3,
      '0.1 - 0.1 0.1 - 0.1',
      'notBreaching',
      'pass',
      [],
      'no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:06 UTC (4 of 6 periods had data, periods without data count as not breaching, max 0.1)'
    ],
    [
      'isolated gaps',
      2,
      3,
      '0.1 - 0.1 0.1 - 0.1',
      'breaching',
      'pass',
      [1, 4],
      'no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:06 UTC (4 of 6 periods had data, periods without data count as breaching, max 0.1)'
    ],
    [
      'isolated gaps',
      2,
      3,
      '0.1 - 0.1 0.1 - 0.1',
      'ignore',
      'pass',
      [],
      'no 2 of 3 consecutive datapoints above 0.5 from 10:00 to 10:06 UTC (4 of 6 periods had data, gaps ignored, max 0.1)'
    ],
    // a gap next to a breaching period: it could make 2 of 3
    [
      'a gap next to a breach',
      2,
      3,
      '0.1 0.1 0.7 - 0.1 0.1',
      'missing',
      'inconclusive',
      [2],
      '1 of 6 periods had no data; the gap at 10:03 UTC could hide 2 of 3 periods above 0.5 from 10:01 to 10:03 UTC'
    ],
    [
      'a gap next to a breach',
      2,
      3,
      '0.1 0.1 0.7 - 0.1 0.1',
      'breaching',
      'breach',
      [2, 3],
      '2 of 3 periods above 0.5 or without data (treated as breaching) from 10:02 to 10:03 UTC'
    ],
    // no data at all
    [
      'no data',
      1,
      1,
      '- - -',
      'missing',
      'inconclusive',
      [],
      'no data in any of the 3 periods from 10:00 to 10:03 UTC'
    ],
    [
      'no data',
      1,
      1,
      '- - -',
      'ignore',
      'inconclusive',
      [],
      'no data in any of the 3 periods from 10:00 to 10:03 UTC'
    ],
    [
      'no data',
      1,
      1,
      '- - -',
      'notBreaching',
      'pass',
      [],
      'no period above 0.5 from 10:00 to 10:03 UTC (0 of 3 periods had data, periods without data count as not breaching)'
    ],
    [
      'no data',
      1,
      1,
      '- - -',
      'breaching',
      'breach',
      [0, 1, 2],
      'period 10:00 UTC without data (treated as breaching)'
    ],
    // too few datapoints for one run of N
    [
      'sparse data',
      2,
      3,
      '- - 0.1 - -',
      'missing',
      'inconclusive',
      [],
      'only 1 of 5 periods had data, fewer than the 3 evaluation periods'
    ],
    [
      'sparse data',
      2,
      3,
      '- - 0.1 - -',
      'ignore',
      'inconclusive',
      [],
      'only 1 of 5 periods had data, fewer than the 3 evaluation periods'
    ],
    [
      'sparse data',
      2,
      3,
      '- - 0.1 - -',
      'notBreaching',
      'pass',
      [],
      'no 2 of 3 consecutive periods above 0.5 from 10:00 to 10:05 UTC (1 of 5 periods had data, periods without data count as not breaching, max 0.1)'
    ],
    [
      'sparse data',
      2,
      3,
      '0.1 - - - 0.1 - 0.1',
      'ignore',
      'pass',
      [],
      'no 2 of 3 consecutive datapoints above 0.5 from 10:00 to 10:07 UTC (3 of 7 periods had data, gaps ignored, max 0.1)'
    ],
    // sparse breaching datapoints: ignore joins them across the gaps, missing does not
    [
      'sparse breaches',
      2,
      3,
      '0.7 - - - 0.7 0.1 0.1',
      'ignore',
      'breach',
      [0, 4],
      '2 of 3 datapoints above 0.5 from 10:00 to 10:04 UTC'
    ],
    [
      'sparse breaches',
      2,
      3,
      '0.7 - - - 0.7 0.1 0.1',
      'missing',
      'inconclusive',
      [0, 4],
      '3 of 7 periods had no data; the gaps at 10:01 and 10:02 UTC could hide 2 of 3 periods above 0.5 from 10:00 to 10:02 UTC'
    ]
  ])(
    '%s, %p of %p, %s: treatMissingData %s',
    (
      _label,
      datapointsToAlarm,
      evaluationPeriods,
      text,
      treatMissingData,
      status,
      breaching,
      reason
    ) => {
      const result = during(check({ datapointsToAlarm, evaluationPeriods, treatMissingData }), text)
      expect(result).toMatchObject({ status, reason })
      expect(minutesOf(result.breachingPeriods)).toEqual(breaching)
    }
  )

  it('records how each period was judged', () => {
    const result = during(check({ treatMissingData: 'breaching' }), '0.1 - 0.7')
    expect(result.periods).toEqual([
      { start: at(0), value: 0.1, state: 'ok', causes: [] },
      { start: at(1), state: 'breaching', causes: ['missing'] },
      { start: at(2), value: 0.7, state: 'breaching', causes: ['threshold'] }
    ])
    expect(result).toMatchObject({ expectedPeriods: 3, datapoints: 2 })
  })
})

describe('percentile-like and metric-math values', () => {
  it.each<[string, Partial<CheckDefinition>, string, PhaseStatus, string]>([
    [
      'negative threshold, below',
      { comparisonOperator: 'LessThanThreshold', threshold: -0.25 },
      '-0.2 -0.3',
      'breach',
      'period 10:01 UTC below -0.25 (-0.3)'
    ],
    [
      'negative threshold, equal',
      { comparisonOperator: 'LessThanThreshold', threshold: -0.25 },
      '-0.25 -0.2',
      'pass',
      'no period below -0.25 from 10:00 to 10:02 UTC (2 of 2 periods had data, min -0.25)'
    ],
    [
      'negative values under a positive threshold',
      { threshold: 0 },
      '-5 -0.001 -1e6',
      'pass',
      'no period above 0 from 10:00 to 10:03 UTC (3 of 3 periods had data, max -0.001)'
    ],
    [
      'a fraction just above by rounding',
      { comparisonOperator: 'GreaterThanOrEqualToThreshold', threshold: 0.3 },
      String(0.1 + 0.2),
      'breach',
      'period 10:00 UTC at or above 0.3 (0.3)'
    ],
    [
      'tiny fractions',
      { threshold: 1e-9 },
      '1e-10 2e-9',
      'breach',
      'period 10:01 UTC above 1e-9 (2e-9)'
    ],
    [
      'zero crossing math result',
      { comparisonOperator: 'LessThanOrEqualToThreshold', threshold: 0 },
      '0.5 0 -0.5',
      'breach',
      'period 10:01 UTC at or below 0 (0)'
    ],
    [
      'a p99.9 latency in seconds',
      { threshold: 1.25 },
      '1.2499999 1.2500001',
      'breach',
      'period 10:01 UTC above 1.25 (1.2500001)'
    ]
  ])('%s', (_label, overrides, text, status, reason) => {
    expect(during(check(overrides), text)).toMatchObject({ status, reason })
  })
})

describe('baseline comparison', () => {
  const baseline = series('0.2 0.2 0.2 0.2 0.2 0.2 0.2 0.2 0.2 0.2', at(-10))

  function compare(overrides: Partial<CheckDefinition>, text: string, baselineData = baseline) {
    const definition = check({ comparisonOperator: undefined, threshold: undefined, ...overrides })
    return evaluateCheck(definition, windows(text.split(' ').length), [
      ...baselineData,
      ...series(text)
    ])
  }

  it.each<[string, Partial<CheckDefinition>, string, PhaseStatus, number[], string]>([
    [
      'an increase within bounds',
      { baselineComparison: { maxIncreasePercent: 50 } },
      '0.25 0.3 0.1',
      'pass',
      [],
      'no period more than 50% above the baseline mean 0.2 from 10:00 to 10:03 UTC (3 of 3 periods had data, max 0.3)'
    ],
    [
      'a value exactly at the decrease bound',
      { baselineComparison: { maxDecreasePercent: 20 } },
      '0.16',
      'pass',
      [],
      'no period more than 20% below the baseline mean 0.2 from 10:00 to 10:01 UTC (1 of 1 period had data, min 0.16)'
    ],
    [
      'an increase beyond bounds',
      { baselineComparison: { maxIncreasePercent: 50 } },
      '0.25 0.31',
      'breach',
      [1],
      'period 10:01 UTC more than 50% above the baseline mean 0.2 (0.31)'
    ],
    [
      'a decrease within bounds',
      { baselineComparison: { maxDecreasePercent: 20 } },
      '0.17 0.16 0.9',
      'pass',
      [],
      'no period more than 20% below the baseline mean 0.2 from 10:00 to 10:03 UTC (3 of 3 periods had data, min 0.16)'
    ],
    [
      'a decrease beyond bounds',
      { baselineComparison: { maxDecreasePercent: 20 } },
      '0.17 0.15',
      'breach',
      [1],
      'period 10:01 UTC more than 20% below the baseline mean 0.2 (0.15)'
    ],
    [
      'both ways',
      { baselineComparison: { maxIncreasePercent: 50, maxDecreasePercent: 20 } },
      '0.35 0.2 0.1',
      'breach',
      [0, 2],
      'period 10:00 UTC more than 50% above the baseline mean 0.2 (0.35)'
    ],
    [
      'both ways within bounds',
      { baselineComparison: { maxIncreasePercent: 50, maxDecreasePercent: 20 } },
      '0.29 0.17',
      'pass',
      [],
      'no period more than 50% above the baseline mean 0.2 or more than 20% below the baseline mean 0.2 from 10:00 to 10:02 UTC (2 of 2 periods had data, min 0.17, max 0.29)'
    ],
    [
      'with a threshold: the baseline bound breaches',
      {
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 1,
        baselineComparison: { maxIncreasePercent: 50 }
      },
      '0.4',
      'breach',
      [0],
      'period 10:00 UTC more than 50% above the baseline mean 0.2 (0.4)'
    ],
    [
      'with a threshold: both breach',
      {
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 1,
        baselineComparison: { maxIncreasePercent: 50 }
      },
      '1.2',
      'breach',
      [0],
      'period 10:00 UTC above 1 or more than 50% above the baseline mean 0.2 (1.2)'
    ],
    [
      'with a threshold: the threshold breaches',
      {
        comparisonOperator: 'LessThanThreshold',
        threshold: 0.1,
        baselineComparison: { maxIncreasePercent: 50 }
      },
      '0.05',
      'breach',
      [0],
      'period 10:00 UTC below 0.1 (0.05)'
    ]
  ])('%s', (_label, overrides, text, status, breaching, reason) => {
    const result = compare(overrides, text)
    const phase = result.phases[0]
    expect(phase).toMatchObject({ phase: 'during', status, reason })
    expect(minutesOf(phase?.breachingPeriods ?? [])).toEqual(breaching)
  })

  it('reports the baseline mean and bounds', () => {
    const result = compare(
      { baselineComparison: { maxIncreasePercent: 50, maxDecreasePercent: 20 } },
      '0.2'
    )
    expect(result.baseline).toMatchObject({
      window: { start: at(-10), end: T0 },
      expectedPeriods: 10,
      datapoints: 10
    })
    expect(result.baseline?.mean).toBeCloseTo(0.2, 12)
    expect(result.baseline?.upperBound).toBeCloseTo(0.3, 12)
    expect(result.baseline?.lowerBound).toBeCloseTo(0.16, 12)
  })

  it('takes the mean over the baseline datapoints present, not over the periods', () => {
    const result = compare(
      { baselineComparison: { maxIncreasePercent: 10 } },
      '0.5',
      series('- 0.4 - 0.6', at(-4))
    )
    expect(result.baseline).toMatchObject({ expectedPeriods: 10, datapoints: 2, mean: 0.5 })
    expect(result.baseline?.upperBound).toBeCloseTo(0.55, 12)
    expect(result.status).toBe('pass')
  })

  it.each<[string, number, string, PhaseStatus]>([
    ['an increase on a negative mean breaches above mean + |mean| × %', -10, '-4', 'breach'],
    ['a value below a negative mean is not an increase', -10, '-6', 'pass'],
    ['a zero mean makes any increase breach', 0, '0.001', 'breach'],
    ['a zero mean holds at zero', 0, '0', 'pass']
  ])('%s', (_label, baselineValue, text, status) => {
    const result = compare(
      { baselineComparison: { maxIncreasePercent: 50 } },
      text,
      series(String(baselineValue), at(-1))
    )
    expect(result.status).toBe(status)
  })

  it('is inconclusive without baseline data, naming the baseline window', () => {
    const result = compare({ baselineComparison: { maxIncreasePercent: 50 } }, '0.25 0.9', [])
    expect(result.baseline).toEqual({
      window: { start: at(-10), end: T0 },
      expectedPeriods: 10,
      datapoints: 0
    })
    expect(result.phases[0]).toMatchObject({
      status: 'inconclusive',
      reason: 'no baseline data from 09:50 to 10:00 UTC to compare with',
      breachingPeriods: []
    })
  })

  it('still breaches on the threshold without baseline data', () => {
    const result = compare(
      {
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0.5,
        baselineComparison: { maxIncreasePercent: 50 }
      },
      '0.25 0.9',
      []
    )
    expect(result.phases[0]).toMatchObject({
      status: 'breach',
      reason: 'period 10:01 UTC above 0.5 (0.9)'
    })
  })

  it('is inconclusive without a baseline window', () => {
    const definition = check({
      comparisonOperator: undefined,
      threshold: undefined,
      baselineComparison: { maxDecreasePercent: 10 }
    })
    const result = evaluateCheck(
      definition,
      { during: { start: T0, end: at(2) } },
      series('0.1 0.1')
    )
    expect(result.baseline).toBeUndefined()
    expect(result.phases[0]).toMatchObject({
      status: 'inconclusive',
      reason: 'no baseline window to compare with'
    })
  })

  it('does not compare the baseline with itself in phase before', () => {
    const definition = check({
      threshold: 1,
      phases: ['before'],
      baselineComparison: { maxIncreasePercent: 10 }
    })
    const result = evaluateCheck(
      definition,
      windows(2),
      series('0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.9', at(-10))
    )
    expect(result.phases[0]).toMatchObject({
      phase: 'before',
      status: 'pass',
      breachingPeriods: [],
      reason: 'no period above 1 from 09:50 to 10:00 UTC (10 of 10 periods had data, max 0.9)'
    })
  })

  it('checks only for data in phase before when the check has no threshold', () => {
    const definition = check({
      comparisonOperator: undefined,
      threshold: undefined,
      phases: ['before', 'during'],
      baselineComparison: { maxIncreasePercent: 50 }
    })
    const result = evaluateCheck(definition, windows(1), [
      ...series('0.2 - 0.2', at(-3)),
      ...series('0.2')
    ])
    expect(result.phases.map((phase) => [phase.phase, phase.status, phase.reason])).toEqual([
      [
        'before',
        'pass',
        '2 of 10 periods had data from 09:50 to 10:00 UTC; the baseline comparison starts with the experiment'
      ],
      [
        'during',
        'pass',
        'no period more than 50% above the baseline mean 0.2 from 10:00 to 10:01 UTC (1 of 1 period had data, max 0.2)'
      ]
    ])
  })
})

describe('evaluateCheck', () => {
  const definition = check({ phases: ['after', 'before', 'during'] })
  const data = [
    ...series('0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1', at(-10)),
    ...series('0.1 0.9 0.1'),
    ...series('0.1 0.1', at(3))
  ]

  it('evaluates the phases in order and takes the worst status', () => {
    const result = evaluateCheck(definition, windows(3, 2), data)
    expect(result.name).toBe('p95 latency')
    expect(result.status).toBe('breach')
    expect(result.phases.map((phase) => [phase.phase, phase.status])).toEqual([
      ['before', 'pass'],
      ['during', 'breach'],
      ['after', 'pass']
    ])
    expect(result.baseline).toBeUndefined()
  })

  it('evaluates only the phase asked for, if the check has it', () => {
    expect(
      evaluateCheck(definition, windows(3, 2), data, 'before').phases.map((phase) => phase.phase)
    ).toEqual(['before'])
    const duringOnly = check({ phases: ['during'] })
    expect(evaluateCheck(duringOnly, windows(3), data, 'before')).toEqual({
      name: 'p95 latency',
      status: 'inconclusive',
      phases: []
    })
  })

  it('is inconclusive in a phase whose window was not given', () => {
    const result = evaluateCheck(definition, { during: { start: T0, end: at(3) } }, data)
    expect(result.phases.map((phase) => [phase.phase, phase.status, phase.reason])).toEqual([
      ['before', 'inconclusive', 'no baseline window was given'],
      ['during', 'breach', 'period 10:01 UTC above 0.5 (0.9)'],
      ['after', 'inconclusive', 'no after window was given']
    ])
  })

  it.each<[string, Partial<CheckDefinition>, string]>([
    ['a zero period', { period: 0 }, 'check "p95 latency": period must be positive, not 0'],
    [
      'M above N',
      { datapointsToAlarm: 3, evaluationPeriods: 2 },
      'check "p95 latency": datapointsToAlarm (3) must be a whole number from 1 to evaluationPeriods (2)'
    ],
    [
      'M of zero',
      { datapointsToAlarm: 0 },
      'check "p95 latency": datapointsToAlarm (0) must be a whole number from 1 to evaluationPeriods (1)'
    ],
    [
      'a threshold without operator',
      { comparisonOperator: undefined },
      'check "p95 latency": comparisonOperator and threshold go together'
    ],
    [
      'nothing to compare',
      { comparisonOperator: undefined, threshold: undefined, baselineComparison: {} },
      'check "p95 latency": a check needs comparisonOperator and threshold, or baselineComparison'
    ],
    [
      'a negative recoverWithin',
      { recoverWithin: -1 },
      'check "p95 latency": recoverWithin must not be negative, not -1'
    ]
  ])('refuses a definition with %s', (_label, overrides, message) => {
    expect(() => evaluateCheck(check(overrides), windows(1), [])).toThrow(new RangeError(message))
  })
})
