/**
 * Property: whatever the series (gaps, NaN, values exactly at the threshold), the operator, M ≤ N ≤ 5
 * and treatMissingData, a check never passes a window in which a CloudWatch alarm with the same
 * settings would be in ALARM at any period end; and it passes only where that alarm is OK at every
 * one. The alarm here is written from the User Guide's prose on its own, not from src/.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluateCheck } from '../../src/hypothesis/evaluate.js'
import type {
  CheckDefinition,
  ComparisonOperator,
  TreatMissingData
} from '../../src/hypothesis/model.js'
import { MINUTE, T0 } from './support.js'

type Slot = 'X' | '0' | '-'
type State = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA' | 'RETAIN'

/**
 * "CloudWatch attempts to retrieve a higher number of data points than Evaluation Periods" (5 for
 * 3 in the page's example: N + 2). With at least N existing points, the most recent N existing
 * ones are evaluated; with fewer, every existing point plus as few filled missing ones as needed.
 */
function referenceAlarm(range: Slot[], m: number, n: number, treat: TreatMissingData): State {
  const existing = range.filter((slot) => slot !== '-')
  const breachingOf = (slots: Slot[]) => slots.filter((slot) => slot === 'X').length
  if (existing.length >= n) return breachingOf(existing.slice(-n)) >= m ? 'ALARM' : 'OK'
  const fills = n - existing.length
  if (treat === 'breaching') return breachingOf(existing) + fills >= m ? 'ALARM' : 'OK'
  if (treat === 'notBreaching') return breachingOf(existing) >= m ? 'ALARM' : 'OK'
  const keep: State = treat === 'ignore' ? 'RETAIN' : 'INSUFFICIENT_DATA'
  if (existing.length === 0) return keep
  if (breachingOf(existing) >= m) return 'ALARM'
  if (existing.includes('0')) return 'OK'
  // Sixth row of the first table: "the oldest evaluated data point is breaching and there aren't
  // any non-breaching data points" → ALARM under missing; ignore retains.
  const missingPositions = range.flatMap((slot, index) => (slot === '-' ? [index] : []))
  const oldestFilled = missingPositions.slice(-fills)[0] ?? range.length
  const oldestExisting = range.findIndex((slot) => slot !== '-')
  if (treat === 'ignore') return 'RETAIN'
  return oldestExisting < oldestFilled ? 'ALARM' : 'INSUFFICIENT_DATA'
}

const OPERATORS: ComparisonOperator[] = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold'
]
const THRESHOLD = 0.5

function slotOf(value: number | undefined, operator: ComparisonOperator): Slot {
  if (value === undefined || !Number.isFinite(value)) return '-'
  const breaches = {
    GreaterThanThreshold: value > THRESHOLD,
    GreaterThanOrEqualToThreshold: value >= THRESHOLD,
    LessThanThreshold: value < THRESHOLD,
    LessThanOrEqualToThreshold: value <= THRESHOLD
  }[operator]
  return breaches ? 'X' : '0'
}

const scenario = fc.record({
  values: fc.array(
    fc.oneof(
      fc.constant(undefined),
      fc.constant(Number.NaN),
      fc.constant(THRESHOLD),
      fc.double({ min: 0, max: 1, noNaN: true })
    ),
    { minLength: 1, maxLength: 24 }
  ),
  operator: fc.constantFrom(...OPERATORS),
  n: fc.integer({ min: 1, max: 5 }),
  mFraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  treat: fc.constantFrom<TreatMissingData>('missing', 'ignore', 'breaching', 'notBreaching'),
  faultStart: fc.integer({ min: 0, max: 20 * 60 }),
  faultSeconds: fc.integer({ min: 0, max: 6 * 60 })
})

describe('no pass where the CloudWatch alarm would fire (property)', () => {
  it('holds for random series, operators, M of N and treatMissingData', () => {
    let runs = 0
    let breaches = 0
    let passes = 0
    fc.assert(
      fc.property(
        scenario,
        ({ values, operator, n, mFraction, treat, faultStart, faultSeconds }) => {
          const m = 1 + Math.floor(mFraction * n)
          const definition: CheckDefinition = {
            name: 'property',
            period: 60,
            comparisonOperator: operator,
            threshold: THRESHOLD,
            datapointsToAlarm: m,
            evaluationPeriods: n,
            treatMissingData: treat,
            phases: ['during'],
            abortOnBreach: false
          }
          const datapoints = values.flatMap((value, index) =>
            value === undefined ? [] : [{ timestamp: T0 + index * MINUTE, value }]
          )
          const start = T0 + faultStart * 1000
          const windows = { during: { start, end: start + faultSeconds * 1000 }, settle: 0 }
          const result = evaluateCheck(definition, windows, datapoints)
          const during = result.phases[0]
          if (!during) throw new Error('no during phase')
          const slotAt = (time: number): Slot => slotOf(values[(time - T0) / MINUTE], operator)
          const reference = during.periods.map((period) => {
            const range: Slot[] = []
            for (let back = n + 1; back >= 0; back--)
              range.push(slotAt(period.start - back * MINUTE))
            return referenceAlarm(range, m, n, treat)
          })
          runs++
          if (reference.includes('ALARM')) {
            breaches++
            expect(during.status).not.toBe('pass')
            // The one exception to "ALARM is a breach": a check with no datapoint at all.
            expect(during.status).toBe(result.noData ? 'inconclusive' : 'breach')
          }
          if (during.status === 'pass') {
            passes++
            expect(reference.every((state) => state === 'OK')).toBe(true)
          }
          expect(during.evaluations.map((evaluation) => evaluation.state)).toEqual(reference)
        }
      ),
      { numRuns: 3000, seed: 20261201 }
    )
    console.log(`alarm property: ${runs} windows, ${breaches} in ALARM, ${passes} passes`)
  })
})
