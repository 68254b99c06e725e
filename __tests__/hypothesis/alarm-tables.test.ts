/**
 * The two tables of the CloudWatch User Guide, "How alarm state is evaluated when data is missing"
 * (awsdocs/amazon-cloudwatch-user-guide, doc_source/AlarmThatSendsEmail.md; the current page is
 * alarms-and-missing-data), every row and every treatMissingData, as the page states them. The
 * page retrieves the 5 most recent periods for an alarm with 3 evaluation periods; the oldest
 * datapoint is on the left; 0 does not breach, X breaches, - is missing.
 *
 * Then the same rows through a whole check, where the single deviation shows: INSUFFICIENT_DATA
 * and "retain current state" are inconclusive, never a pass, and a check without any datapoint is
 * inconclusive whatever treatMissingData says.
 */
import { describe, expect, it } from '@jest/globals'
import { evaluateAlarm, evaluationRangeLength } from '../../src/hypothesis/alarm-evaluation.js'
import { evaluateCheck } from '../../src/hypothesis/evaluate.js'
import type {
  AlarmState,
  PeriodResult,
  PhaseStatus,
  TreatMissingData
} from '../../src/hypothesis/model.js'
import { check, MINUTE, T0 } from './support.js'

type Row = [
  m: number,
  datapoints: string,
  missing: string,
  ignore: string,
  breaching: string,
  notBreaching: string
]

/** As the page prints them: "Insufficient data", "Retain current state", "OK", "ALARM". */
const TABLES: Row[] = [
  [3, '0 - X - X', 'OK', 'OK', 'OK', 'OK'],
  [3, '0 - - - -', 'OK', 'OK', 'OK', 'OK'],
  [3, '- - - - -', 'Insufficient data', 'Retain current state', 'ALARM', 'OK'],
  [3, '0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  [3, '- - - - X', 'Insufficient data', 'Retain current state', 'ALARM', 'OK'],
  [3, 'X - - - -', 'ALARM', 'Retain current state', 'ALARM', 'OK'],
  [2, '0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  [2, '0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  [2, '0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
  [2, '- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
  [2, '- - - - X', 'Insufficient data', 'Retain current state', 'ALARM', 'OK']
]

const PAGE_STATE: Record<string, AlarmState> = {
  OK: 'OK',
  ALARM: 'ALARM',
  'Insufficient data': 'INSUFFICIENT_DATA',
  'Retain current state': 'RETAIN'
}

const TREATMENTS: TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching']

function periodsOf(datapoints: string): PeriodResult[] {
  return datapoints.split(' ').map((token, index) => {
    const start = T0 + index * MINUTE
    if (token === '-') return { start, state: 'missing', causes: [] }
    return token === 'X'
      ? { start, value: 0.9, state: 'breaching', causes: ['threshold'] }
      : { start, value: 0.1, state: 'ok', causes: [] }
  })
}

const cases = TABLES.flatMap(([m, datapoints, ...states]) =>
  TREATMENTS.map((treat, index) => ({
    m,
    datapoints,
    treat,
    expected: PAGE_STATE[states[index] ?? ''] as AlarmState
  }))
)

describe('CloudWatch alarm evaluation with missing data (the User Guide tables)', () => {
  it('retrieves 5 periods for 3 evaluation periods, as the page does', () => {
    expect(evaluationRangeLength({ datapointsToAlarm: 3, evaluationPeriods: 3 })).toBe(5)
  })

  it.each(cases)(
    '$m of 3, $datapoints, $treat → $expected',
    ({ m, datapoints, treat, expected }) => {
      const evaluation = evaluateAlarm(
        periodsOf(datapoints),
        { datapointsToAlarm: m, evaluationPeriods: 3 },
        treat,
        MINUTE
      )
      expect(evaluation.state).toBe(expected)
      expect(evaluation.evaluated).toHaveLength(3)
      expect(evaluation.at).toBe(T0 + 5 * MINUTE)
    }
  )
})

const PHASE_STATUS: Record<AlarmState, PhaseStatus> = {
  ALARM: 'breach',
  OK: 'pass',
  INSUFFICIENT_DATA: 'inconclusive',
  RETAIN: 'inconclusive'
}

describe('the tables through a check: an instant fault in the fifth period', () => {
  it.each(cases)('$m of 3, $datapoints, $treat', ({ m, datapoints, treat, expected }) => {
    const points = periodsOf(datapoints).flatMap((period) =>
      period.value === undefined ? [] : [{ timestamp: period.start, value: period.value }]
    )
    const faultAt = T0 + 4 * MINUTE
    const result = evaluateCheck(
      check({ datapointsToAlarm: m, evaluationPeriods: 3, treatMissingData: treat }),
      { during: { start: faultAt, end: faultAt }, settle: 0 },
      points
    )
    const [during] = result.phases
    const noData = points.length === 0
    expect(during?.evaluations.map((evaluation) => evaluation.state)).toEqual([expected])
    expect(during?.status).toBe(noData ? 'inconclusive' : PHASE_STATUS[expected])
    expect(result.noData === true).toBe(noData)
    if (noData) expect(during?.reason).toMatch(/namespace, metric name and dimensions/)
  })
})
