import { describe, expect, it } from '@jest/globals'
import { evaluatePhase } from '../../src/hypothesis/evaluate.js'
import type { CheckDefinition, PhaseStatus, Recovery } from '../../src/hypothesis/model.js'
import { at, check, MINUTE, minutesOf, series, T0 } from './support.js'

/** The experiment ends at `end` (10:05 by default); the after window lasts 5 minutes. */
function after(overrides: Partial<CheckDefinition>, text: string, end = at(5)) {
  const definition = check({ phases: ['after'], recoverWithin: 120, ...overrides })
  const windows = {
    during: { start: T0, end },
    after: { start: end, end: end + 5 * MINUTE }
  }
  return evaluatePhase(definition, windows, series(text, at(5)), 'after')
}

const recovered = (seconds: number, minute: number, limitSeconds = 120): Recovery => ({
  limitSeconds,
  recovered: true,
  seconds,
  at: at(minute),
  met: seconds <= limitSeconds
})
const notRecovered = (limitSeconds = 120): Recovery => ({
  limitSeconds,
  recovered: false,
  met: false
})

describe('recovery after the experiment', () => {
  it.each<[string, Partial<CheckDefinition>, string, PhaseStatus, Recovery | undefined, string]>([
    [
      'recovers at once',
      {},
      '0.1 0.1 0.1 0.1 0.1',
      'pass',
      recovered(0, 5),
      'recovered at once (10:05 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      'recovers in time',
      {},
      '0.9 0.1 0.1 0.1 0.1',
      'pass',
      recovered(60, 6),
      'recovered after 60 s (10:06 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      'recovers exactly at the limit',
      {},
      '0.9 0.9 0.1 0.1 0.1',
      'pass',
      recovered(120, 7),
      'recovered after 120 s (10:07 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      'recovers late',
      {},
      '0.9 0.9 0.9 0.1 0.1',
      'breach',
      recovered(180, 8),
      'recovered after 180 s (10:08 UTC), later than recoverWithin 120 s'
    ],
    [
      'never recovers',
      {},
      '0.9 0.9 0.9 0.9 0.9',
      'breach',
      notRecovered(),
      'did not recover within 120 s: period 10:09 UTC above 0.5 (0.9)'
    ],
    [
      'recovers, then breaches again: recovery counts from the last return',
      {},
      '0.9 0.1 0.1 0.9 0.1',
      'breach',
      recovered(240, 9),
      'recovered after 240 s (10:09 UTC), later than recoverWithin 120 s'
    ],
    [
      'recovers, then breaches again, within a longer limit',
      { recoverWithin: 300 },
      '0.9 0.1 0.1 0.9 0.1',
      'pass',
      recovered(240, 9, 300),
      'recovered after 240 s (10:09 UTC) and held to 10:10 UTC, within recoverWithin 300 s'
    ],
    [
      'recovers, then breaches in the last period',
      {},
      '0.1 0.1 0.1 0.1 0.9',
      'breach',
      notRecovered(),
      'did not recover within 120 s: period 10:09 UTC above 0.5 (0.9)'
    ],
    [
      'recoverWithin 0 needs no breach at all',
      { recoverWithin: 0 },
      '0.9 0.1 0.1 0.1 0.1',
      'breach',
      recovered(60, 6, 0),
      'recovered after 60 s (10:06 UTC), later than recoverWithin 0 s'
    ],
    // M of N: a lone relapse is noise, two are not
    [
      '2 of 3 tolerates a lone relapse',
      { datapointsToAlarm: 2, evaluationPeriods: 3 },
      '0.9 0.1 0.1 0.9 0.1',
      'pass',
      recovered(60, 6),
      'recovered after 60 s (10:06 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      '2 of 3 does not tolerate two relapses',
      { datapointsToAlarm: 2, evaluationPeriods: 3 },
      '0.1 0.1 0.1 0.9 0.9',
      'breach',
      notRecovered(),
      'did not recover within 120 s: 2 of 3 periods above 0.5 from 10:08 to 10:09 UTC'
    ],
    [
      '2 of 3: a gap next to a late breach could hide a relapse',
      { datapointsToAlarm: 2, evaluationPeriods: 3 },
      '0.9 0.1 0.1 - 0.9',
      'inconclusive',
      notRecovered(),
      'recovery within 120 s cannot be confirmed: 1 of 5 periods had no data (10:08 UTC)'
    ],
    // gaps
    [
      'missing: a gap where it may have recovered',
      { recoverWithin: 60 },
      '0.9 - 0.1 0.1 0.1',
      'inconclusive',
      recovered(120, 7, 60),
      'recovery within 60 s cannot be confirmed: 1 of 5 periods had no data (10:06 UTC); it is known to be back only after 120 s (10:07 UTC)'
    ],
    [
      'missing: a gap before a recovery in time',
      {},
      '0.9 - 0.1 0.1 0.1',
      'pass',
      recovered(120, 7),
      'recovered after 120 s (10:07 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      'missing: gaps after a recovery',
      {},
      '0.9 0.1 - - -',
      'inconclusive',
      notRecovered(),
      'recovery within 120 s cannot be confirmed: 3 of 5 periods had no data (10:07, 10:08 and 10:09 UTC)'
    ],
    [
      'missing: breaching until the data stops past the deadline',
      {},
      '0.9 0.9 0.9 - -',
      'breach',
      notRecovered(),
      'did not recover within 120 s: period 10:07 UTC above 0.5 (0.9)'
    ],
    [
      'ignore: gaps after a recovery',
      { treatMissingData: 'ignore' },
      '0.9 0.1 - - -',
      'pass',
      recovered(60, 6),
      'recovered after 60 s (10:06 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      'notBreaching: gaps after a recovery',
      { treatMissingData: 'notBreaching' },
      '0.9 0.1 - - -',
      'pass',
      recovered(60, 6),
      'recovered after 60 s (10:06 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      'breaching: a gap at the end',
      { treatMissingData: 'breaching' },
      '0.9 0.1 0.1 0.1 -',
      'breach',
      notRecovered(),
      'did not recover within 120 s: period 10:09 UTC without data (treated as breaching)'
    ],
    // no data
    [
      'missing: no data',
      {},
      '- - - - -',
      'inconclusive',
      undefined,
      'no data in any of the 5 periods from 10:05 to 10:10 UTC'
    ],
    [
      'ignore: no data',
      { treatMissingData: 'ignore' },
      '- - - - -',
      'inconclusive',
      undefined,
      'no data in any of the 5 periods from 10:05 to 10:10 UTC'
    ],
    [
      'notBreaching: no data',
      { treatMissingData: 'notBreaching' },
      '- - - - -',
      'pass',
      recovered(0, 5),
      'recovered at once (10:05 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    ],
    [
      'breaching: no data',
      { treatMissingData: 'breaching' },
      '- - - - -',
      'breach',
      notRecovered(),
      'did not recover within 120 s: period 10:09 UTC without data (treated as breaching)'
    ]
  ])('%s', (_label, overrides, text, status, recovery, reason) => {
    const result = after(overrides, text)
    expect(result).toMatchObject({ phase: 'after', status, reason })
    expect(result.recovery).toEqual(recovery)
  })

  it('measures from the experiment end when it falls inside a period', () => {
    expect(after({}, '0.1 0.1 0.1 0.1 0.1', at(5, 30)).recovery).toEqual(recovered(0, 5))
    const late = after({}, '0.9 0.1 0.1 0.1 0.1', at(5, 30))
    expect(late.recovery).toEqual(recovered(30, 6))
    expect(late.reason).toBe(
      'recovered after 30 s (10:06 UTC) and held to 10:10 UTC, within recoverWithin 120 s'
    )
  })

  it('keeps the evidence of the breaching periods', () => {
    const result = after({}, '0.9 0.9 0.1 0.1 0.1')
    expect(minutesOf(result.breachingPeriods)).toEqual([5, 6])
    expect(result.firstBreach).toEqual({ from: at(5), to: at(5), breaching: 1, length: 1 })
    expect(result).toMatchObject({ expectedPeriods: 5, datapoints: 5 })
    expect(result.observed).toEqual({ min: 0.1, max: 0.9, mean: expect.any(Number), last: 0.1 })
  })

  it('is inconclusive without baseline data even when it recovered', () => {
    const result = after(
      {
        comparisonOperator: undefined,
        threshold: undefined,
        baselineComparison: { maxIncreasePercent: 50 }
      },
      '0.1 0.1 0.1 0.1 0.1'
    )
    expect(result).toMatchObject({
      status: 'inconclusive',
      reason: 'no baseline window to compare with',
      recovery: recovered(0, 5)
    })
  })

  it('breaches on the threshold without baseline data when it never recovered', () => {
    const result = after({ baselineComparison: { maxIncreasePercent: 50 } }, '0.9 0.9 0.9 0.9 0.9')
    expect(result).toMatchObject({
      status: 'breach',
      reason: 'did not recover within 120 s: period 10:09 UTC above 0.5 (0.9)'
    })
  })

  it('judges after by M of N when the check has no recoverWithin', () => {
    const result = after({ recoverWithin: undefined }, '0.9 0.1 0.1 0.1 0.1')
    expect(result).toMatchObject({ status: 'breach', reason: 'period 10:05 UTC above 0.5 (0.9)' })
    expect(result.recovery).toBeUndefined()
  })
})
