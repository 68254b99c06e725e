import { describe, expect, it } from '@jest/globals'
import { evaluatePhase } from '../../src/hypothesis/evaluate.js'
import type { Datapoint } from '../../src/hypothesis/model.js'
import { alignDown, periodStarts, valuesByPeriod } from '../../src/hypothesis/windows.js'
import { at, check, MINUTE, minutesOf, series, T0, windows } from './support.js'

describe('period alignment', () => {
  it.each([
    ['aligned window', at(0), at(3), 60, [0, 1, 2]],
    ['partial period at the start counts', at(0, 30), at(3), 60, [0, 1, 2]],
    ['partial period at the end does not', at(0), at(3, 30), 60, [0, 1, 2]],
    ['partial at both edges', at(0, 30), at(3, 30), 60, [0, 1, 2]],
    ['end exactly on a period end includes it', at(0, 1), at(2), 60, [0, 1]],
    ['shorter than one period, inside it', at(0, 10), at(0, 40), 60, []],
    [
      'shorter than one period, across a boundary: the period in progress',
      at(0, 50),
      at(1, 10),
      60,
      [0]
    ],
    ['empty window', at(1), at(1), 60, []],
    ['5-minute periods start at multiples of 300 s', at(2), at(20), 300, [0, 5, 10, 15]],
    ['high resolution 10 s periods', at(0, 5), at(0, 45), 10, [0, 1 / 6, 2 / 6, 3 / 6]]
  ])('%s', (_label, start, end, period, expected) => {
    expect(minutesOf(periodStarts({ start, end }, period))).toEqual(expected)
  })

  it('aligns to the epoch, not to the window', () => {
    expect(alignDown(at(7, 59), 5 * MINUTE)).toBe(at(5))
    expect(alignDown(at(0, 0), 5 * MINUTE)).toBe(T0)
    expect(alignDown(-1, 60_000)).toBe(-60_000)
  })

  it('gives the period in progress at the experiment end to the after window only', () => {
    const split = {
      baseline: { start: at(-3), end: at(0, 30) },
      during: { start: at(0, 30), end: at(3, 30) },
      after: { start: at(3, 30), end: at(6, 30) }
    }
    expect(minutesOf(periodStarts(split.baseline, 60))).toEqual([-3, -2, -1])
    expect(minutesOf(periodStarts(split.during, 60))).toEqual([0, 1, 2])
    expect(minutesOf(periodStarts(split.after, 60))).toEqual([3, 4, 5])
  })

  it('judges a window that holds no whole period inconclusive', () => {
    const result = evaluatePhase(
      check(),
      { during: { start: at(0, 10), end: at(0, 40) } },
      series('0.9'),
      'during'
    )
    expect(result).toMatchObject({
      status: 'inconclusive',
      expectedPeriods: 0,
      datapoints: 0,
      reason: 'the window from 10:00:10 to 10:00:40 UTC holds no whole 60 s period'
    })
  })

  it('does not judge the period still open at the window end', () => {
    const result = evaluatePhase(
      check(),
      { during: { start: T0, end: at(2, 30) } },
      series('0.1 0.1 0.9'),
      'during'
    )
    expect(result.status).toBe('pass')
    expect(result.expectedPeriods).toBe(2)
    expect(result.breachingPeriods).toEqual([])
  })
})

describe('datapoints into periods', () => {
  const ascending = series('0.1 0.7 - 0.2 0.9 0.1')

  it.each([
    ['oldest first', ascending],
    ['newest first (GetMetricData default)', [...ascending].reverse()],
    [
      'shuffled',
      [ascending[3], ascending[0], ascending[4], ascending[1], ascending[2]] as Datapoint[]
    ]
  ])('gives the same result for %s input', (_label, input) => {
    const result = evaluatePhase(check(), windows(6), input, 'during')
    expect(minutesOf(result.breachingPeriods)).toEqual([1, 4])
    expect(result.periods.map((period) => period.value)).toEqual([
      0.1,
      0.7,
      undefined,
      0.2,
      0.9,
      0.1
    ])
    expect(result.observed).toMatchObject({ min: 0.1, max: 0.9, last: 0.1 })
    expect(result.observed?.mean).toBeCloseTo(0.4, 12)
  })

  it.each([
    ['the later value wins', [0.9, 0.1], 0.1],
    ['the later value wins either way', [0.1, 0.9], 0.9],
    ['a later NaN does not erase a value', [0.9, Number.NaN], 0.9],
    ['a later Infinity does not erase a value', [0.4, Number.POSITIVE_INFINITY], 0.4],
    ['three values: the last', [0.3, 0.2, 0.1], 0.1]
  ])('keeps one value per period on duplicates: %s', (_label, values, kept) => {
    const input = values.map((value) => ({ timestamp: T0, value }))
    expect(valuesByPeriod(input, 60)).toEqual(new Map([[T0, kept]]))
  })

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY]
  ])('treats %s as a missing value', (_label, value) => {
    const input = [...series('0.1 - 0.1'), { timestamp: at(1), value }]
    const result = evaluatePhase(check(), windows(3), input, 'during')
    expect(result.periods[1]).toEqual({ start: at(1), state: 'missing', causes: [] })
    expect(result).toMatchObject({
      status: 'inconclusive',
      datapoints: 2,
      reason: '1 of 3 periods had no data; the gap at 10:01 UTC could hide a period above 0.5'
    })
  })

  it('counts a timestamp inside a period for that period', () => {
    expect(valuesByPeriod([{ timestamp: at(2, 30), value: 1 }], 60)).toEqual(new Map([[at(2), 1]]))
  })

  it('ignores datapoints outside the window', () => {
    const input = [...series('0.9 0.9', at(-2)), ...series('0.1 0.1'), ...series('0.9', at(2))]
    const result = evaluatePhase(check(), windows(2), input, 'during')
    expect(result).toMatchObject({ status: 'pass', datapoints: 2, expectedPeriods: 2 })
  })
})
