import { describe, expect, it } from '@jest/globals'
import {
  baselineWords,
  causeWords,
  formatNumber,
  formatTime,
  formatTimes,
  plural,
  thresholdWords
} from '../../src/hypothesis/describe.js'
import { buildHypothesis } from '../../src/hypothesis/definition.js'
import type { BreachCause } from '../../src/hypothesis/model.js'
import { at } from './support.js'

describe('words for reasons', () => {
  it.each([
    [at(4), '10:04'],
    [at(4, 30), '10:04:30'],
    [at(-1), '09:59'],
    [at(0, 0) + 500, '10:00:00']
  ])('formatTime(%p) is %p', (time, text) => {
    expect(formatTime(time)).toBe(text)
  })

  it.each([
    [0.5, '0.5'],
    [0.1 + 0.2, '0.3'],
    [1.2500001, '1.2500001'],
    [-0.25, '-0.25'],
    [1e-9, '1e-9'],
    [123456789, '123456789'],
    [-5, '-5'],
    [2 / 3, '0.666666666667']
  ])('formatNumber(%p) is %p', (value, text) => {
    expect(formatNumber(value)).toBe(text)
  })

  it.each([
    [[], ''],
    [[at(4)], '10:04 UTC'],
    [[at(4), at(5)], '10:04 and 10:05 UTC'],
    [[at(4), at(5), at(8)], '10:04, 10:05 and 10:08 UTC'],
    [[at(1), at(2), at(3), at(4), at(5)], '10:01, 10:02, 10:03 UTC and 2 more']
  ])('formatTimes(%p) is %p', (times, text) => {
    expect(formatTimes(times)).toBe(text)
  })

  it('counts nouns', () => {
    expect([plural(0, 'period'), plural(1, 'period'), plural(2, 'period')]).toEqual([
      '0 periods',
      '1 period',
      '2 periods'
    ])
  })

  it.each<[BreachCause[], string]>([
    [['threshold'], 'above 0.5'],
    [['increase'], 'more than 50% above the baseline mean 0.2'],
    [['decrease', 'threshold'], 'above 0.5 or more than 20% below the baseline mean 0.2'],
    [['threshold', 'threshold'], 'above 0.5'],
    [[], '']
  ])('names the causes %p', (causes, text) => {
    const words = {
      threshold: thresholdWords('GreaterThanThreshold', 0.5),
      increase: baselineWords('increase', 50, 0.2),
      decrease: baselineWords('decrease', 20, 0.2)
    }
    expect(causeWords(words, causes)).toBe(text)
  })
})

describe('words in the check unit', () => {
  it('says a threshold and a baseline mean in the unit of the values, as the summary shows them', () => {
    expect(thresholdWords('GreaterThanThreshold', 0.5, 'Seconds')).toBe('above 500 ms')
    expect(thresholdWords('LessThanThreshold', 0.2345, 'Seconds')).toBe('below 234.5 ms')
    expect(thresholdWords('LessThanThreshold', 80, 'Percent')).toBe('below 80 %')
    expect(baselineWords('increase', 50, 0.2049876, 'Seconds')).toBe(
      'more than 50% above the baseline mean 205 ms'
    )
    expect(thresholdWords('GreaterThanThreshold', 0.123456789)).toBe('above 0.1235')
    expect(baselineWords('increase', 12.3456789, 2)).toBe(
      'more than 12.35% above the baseline mean 2'
    )
  })

  it('gives a check built from a well-known metric its unit, and an expression none', () => {
    const { checks } = buildHypothesis({
      checks: [
        {
          name: 'latency',
          metric: {
            namespace: 'AWS/ApplicationELB',
            metricName: 'TargetResponseTime',
            dimensions: {},
            stat: 'p95',
            period: 60
          },
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 0.5
        },
        {
          name: 'error rate',
          expression: 'errors / requests * 100',
          metrics: {
            errors: { namespace: 'A', metricName: 'E', stat: 'Sum', period: 60 },
            requests: { namespace: 'A', metricName: 'R', stat: 'Sum', period: 60 }
          },
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 1
        }
      ]
    })
    expect(checks.map((check) => check.definition.unit)).toEqual(['Seconds', undefined])
  })
})
