/**
 * The evaluation rules of docs/verdicts.md, rule by rule, on series written period by period
 * (`'0.1 0.9 - 0.1'`: one value a minute from the series' start, `-` a gap).
 */
import { describe, expect, it } from '@jest/globals'
import { evaluateCheck, evaluateWhileRunning } from '../../src/hypothesis/evaluate.js'
import type {
  CheckDefinition,
  ComparisonOperator,
  EvaluationWindows,
  Phase,
  PhaseResult,
  PhaseStatus
} from '../../src/hypothesis/model.js'
import { ownedPeriods } from '../../src/hypothesis/windows.js'
import { at, check, MINUTE, minutesOf, series, T0, windows } from './support.js'

function phaseOf(
  definition: CheckDefinition,
  win: EvaluationWindows,
  text: string,
  phase: Phase,
  from = at(-10)
): PhaseResult {
  const result = evaluateCheck({ ...definition, phases: [phase] }, win, series(text, from), phase)
  const [only] = result.phases
  if (!only) throw new Error(`phase ${phase} was not evaluated`)
  return only
}

/** Ten healthy minutes of baseline, then `rest` from T0 on. */
const healthy = (rest: string) => `${'0.1 '.repeat(10)}${rest}`

describe('phase ownership', () => {
  const sixty = check()
  it('before owns the periods that end at or before the fault start', () => {
    const win = { ...windows(3), baseline: { start: at(-3, 30), end: at(0, 30) } }
    expect(minutesOf(ownedPeriods('before', sixty, win))).toEqual([-3, -2, -1])
  })

  it('during owns every period the fault overlaps, the one in progress at the end included', () => {
    const win = { ...windows(0), during: { start: at(0, 20), end: at(2, 10) } }
    expect(minutesOf(ownedPeriods('during', sixty, win))).toEqual([0, 1, 2])
  })

  it.each([
    ['an instant fault', at(1, 15), at(1, 15)],
    ['a 30-second fault', at(1, 15), at(1, 45)]
  ])('%s owns the period it falls in', (_name, start, end) => {
    expect(
      minutesOf(ownedPeriods('during', sixty, { ...windows(0), during: { start, end } }))
    ).toEqual([1])
  })

  it('after owns the periods from the end to the deadline, plus N − 1 for the look-back', () => {
    const win = { ...windows(0), during: { start: T0, end: at(2, 30) } }
    const threeOfThree = check({ recoverWithin: 120, datapointsToAlarm: 2, evaluationPeriods: 3 })
    // The deadline is 10:04:30: periods 3 and 4 start before it, then two more.
    expect(minutesOf(ownedPeriods('after', threeOfThree, win))).toEqual([3, 4, 5, 6])
  })

  it('after without recoverWithin lasts settle', () => {
    expect(minutesOf(ownedPeriods('after', check(), windows(5, 3)))).toEqual([5, 6, 7])
  })
})

describe('comparison operators: a value at the threshold breaches only the OrEqualTo ones', () => {
  it.each<[ComparisonOperator, number, PhaseStatus]>([
    ['GreaterThanThreshold', 0.5, 'pass'],
    ['GreaterThanThreshold', 0.50001, 'breach'],
    ['GreaterThanOrEqualToThreshold', 0.5, 'breach'],
    ['LessThanThreshold', 0.5, 'pass'],
    ['LessThanThreshold', 0.49999, 'breach'],
    ['LessThanOrEqualToThreshold', 0.5, 'breach']
  ])('%s with %d: %s', (comparisonOperator, value, status) => {
    const during = phaseOf(check({ comparisonOperator }), windows(1), `${value}`, 'during', T0)
    expect(during.status).toBe(status)
  })
})

describe('the silent passes of the old evaluation', () => {
  it('a 5XX burst a minute after the end fails a notBreaching after check with settle PT3M', () => {
    const errors = check({ threshold: 10, treatMissingData: 'notBreaching' })
    // Errors are reported only when they happen: nothing until minute 6, then 40 a minute.
    const after = phaseOf(errors, windows(5, 3), '- - - - - - 40 40', 'after', T0)
    expect(after.status).toBe('breach')
    expect(after.reason).toBe('in ALARM at 10:07 UTC: 1 of 1 datapoints above 10 — 10:06 (40)')
  })

  it('the period in progress at the end counts in during, and recoverWithin does not forgive it', () => {
    const p95 = check({ threshold: 0.5, recoverWithin: 120 })
    const win = { ...windows(0), during: { start: T0, end: at(4, 30) } }
    const result = evaluateCheck(
      { ...p95, phases: ['during', 'after'] },
      win,
      series(healthy('0.2 0.2 0.2 0.2 0.91 0.2 0.2 0.2'), at(-10))
    )
    expect(result.phases.map((phase) => phase.status)).toEqual(['breach', 'pass'])
    expect(result.phases[0]?.reason).toBe(
      'in ALARM at 10:05 UTC: 1 of 1 datapoints above 0.5 — 10:04 (0.91)'
    )
  })

  it('a check without any datapoint is inconclusive, whatever treatMissingData says', () => {
    const typo = check({ treatMissingData: 'notBreaching', phases: ['during', 'after'] })
    const result = evaluateCheck(typo, windows(5), [])
    expect(result.noData).toBe(true)
    expect(result.status).toBe('inconclusive')
    expect(result.phases.every((phase) => phase.status === 'inconclusive')).toBe(true)
  })
})

describe('the false failures of the old evaluation', () => {
  it('a recovery in the last period before the deadline passes', () => {
    const p95 = check({ recoverWithin: 180 })
    // The end is 10:05; the deadline 10:08; the period 10:07–10:08 is back under the threshold.
    const after = phaseOf(p95, windows(5), healthy('0.9 0.9 0.9 0.9 0.9 0.9 0.9 0.2 0.2'), 'after')
    expect(after.status).toBe('pass')
    expect(after.recovery).toMatchObject({
      recovered: true,
      seconds: 180,
      met: true,
      period: at(7)
    })
  })

  it('the same recovery a period later is late', () => {
    const p95 = check({ recoverWithin: 180 })
    const after = phaseOf(
      p95,
      windows(5),
      healthy('0.9 0.9 0.9 0.9 0.9 0.9 0.9 0.9 0.2 0.2'),
      'after'
    )
    expect(after.status).toBe('breach')
    expect(after.recovery).toMatchObject({ recovered: false, met: false })
    expect(after.reason).toMatch(/^did not recover within 180 s: still in ALARM at 10:08 UTC/)
  })

  it('a partial period is never judged while running', () => {
    // A Sum read 30 s into its period holds half a period's requests: far below the floor.
    const requests = check({
      comparisonOperator: 'LessThanThreshold',
      threshold: 100,
      abortOnBreach: true
    })
    const win = { ...windows(0), during: { start: T0, end: at(2, 30) } }
    const points = series(`${'120 '.repeat(10)}120 120 55`, at(-10))
    const { abort, result } = evaluateWhileRunning(requests, win, points, at(2, 30))
    expect(abort).toBe(false)
    expect(result.evaluations.map((evaluation) => evaluation.at)).toEqual([at(1), at(2)])
    expect(result.status).toBe('pass')
  })
})

describe('faults shorter than a period', () => {
  it.each([
    ['instant', at(1, 20), at(1, 20)],
    ['30-second', at(1, 20), at(1, 50)]
  ])('an %s fault gets a during verdict', (_name, start, end) => {
    const win = { ...windows(0), during: { start, end } }
    const healthyDuring = phaseOf(check(), win, healthy('0.2 0.2 0.2'), 'during')
    const breachingDuring = phaseOf(check(), win, healthy('0.2 0.8 0.2'), 'during')
    expect(healthyDuring.status).toBe('pass')
    expect(breachingDuring.status).toBe('breach')
    expect(breachingDuring.expectedPeriods).toBe(1)
  })
})

describe('M of N as CloudWatch evaluates it', () => {
  it('notBreaching 0.9 · gap · 0.9 with 2 of 2: the two real datapoints fire the alarm', () => {
    const rule = check({
      datapointsToAlarm: 2,
      evaluationPeriods: 2,
      treatMissingData: 'notBreaching'
    })
    expect(phaseOf(rule, windows(3), '0.9 - 0.9', 'during', T0).status).toBe('breach')
  })

  it('breaching 0.1 · gap · 0.1 with 1 of 1: the latest real datapoint keeps the alarm OK', () => {
    const rule = check({ treatMissingData: 'breaching' })
    expect(phaseOf(rule, windows(3), healthy('0.1 - 0.1'), 'during').status).toBe('pass')
  })

  it('missing with 1 of 1 looks back over a gap to the latest real datapoint', () => {
    const during = phaseOf(check(), windows(3), healthy('0.1 0.9 -'), 'during')
    expect(during.status).toBe('breach')
    expect(during.evaluations.map((evaluation) => evaluation.state)).toEqual([
      'OK',
      'ALARM',
      'ALARM'
    ])
  })

  it('a pass on fewer than N real datapoints says so', () => {
    const rule = check({
      datapointsToAlarm: 2,
      evaluationPeriods: 3,
      treatMissingData: 'notBreaching'
    })
    const during = phaseOf(rule, windows(3), '0.1 - -', 'during', T0)
    expect(during.status).toBe('pass')
    expect(during.reason).toMatch(
      /every evaluation rested on fewer than 3 real datapoints, the gaps counted as not breaching/
    )
  })
})

describe('recovery is the alarm returning to OK and staying OK', () => {
  it('1 of 3: X X X then 0 0 0 0 stays in ALARM for two more periods', () => {
    const rule = check({ evaluationPeriods: 3, recoverWithin: 240 })
    const after = phaseOf(rule, windows(3), healthy('0.9 0.9 0.9 0.1 0.1 0.1 0.1 0.1 0.1'), 'after')
    expect(after.evaluations.slice(0, 3).map((evaluation) => evaluation.state)).toEqual([
      'ALARM',
      'ALARM',
      'OK'
    ])
    expect(after.recovery).toMatchObject({ seconds: 180, period: at(5), met: true })
  })

  it('2 of 3: X 0 X 0 0 0 after the end is itself a breach, not a recovery after 60 s', () => {
    const rule = check({ datapointsToAlarm: 2, evaluationPeriods: 3, recoverWithin: 180 })
    const after = phaseOf(rule, windows(3), healthy('0.1 0.1 0.1 0.9 0.1 0.9 0.1 0.1 0.1'), 'after')
    expect(after.status).toBe('breach')
    expect(after.recovery).toMatchObject({ recovered: true, seconds: 240, met: false })
    expect(after.reason).toMatch(/^back to OK at 10:07 UTC, 240 s after the experiment end/)
  })

  it('never left OK: recovered at once', () => {
    const after = phaseOf(
      check({ recoverWithin: 60 }),
      windows(3),
      healthy('0.1 0.1 0.1 0.1 0.1'),
      'after'
    )
    expect(after.recovery).toMatchObject({ seconds: 0, met: true })
    expect(after.reason).toMatch(/^never left OK after the experiment/)
  })

  it('still in ALARM at the end of the after window', () => {
    const after = phaseOf(
      check({ recoverWithin: 60 }),
      windows(3),
      healthy('0.9 0.9 0.9 0.9 0.9'),
      'after'
    )
    expect(after.status).toBe('breach')
    expect(after.reason).toMatch(/^did not recover within 60 s: still in ALARM at 10:04 UTC/)
  })

  it('an unknown state before the deadline leaves a late recovery inconclusive', () => {
    const rule = check({
      datapointsToAlarm: 2,
      evaluationPeriods: 2,
      treatMissingData: 'ignore',
      recoverWithin: 240
    })
    // Breaching up to 10:03, no data for four minutes (the alarm keeps its state), then OK.
    const after = phaseOf(rule, windows(3), healthy('0.9 0.9 0.9 - - - - 0.1 0.1'), 'after')
    expect(after.evaluations.map((evaluation) => evaluation.state)).toEqual([
      'ALARM',
      'ALARM',
      'RETAIN',
      'RETAIN',
      'OK'
    ])
    expect(after.status).toBe('inconclusive')
    expect(after.reason).toMatch(/^recovery within 240 s cannot be confirmed: the alarm would keep/)
  })
})

describe('baselineComparison', () => {
  const relative = (percent: Partial<{ maxIncreasePercent: number; maxDecreasePercent: number }>) =>
    check({ comparisonOperator: undefined, threshold: undefined, baselineComparison: percent })

  it('0.2 0.2 0.2 and 0.18 with maxDecreasePercent 10 is exactly at the bound: no breach', () => {
    const win = { ...windows(1), baseline: { start: at(-3), end: T0 } }
    const during = phaseOf(
      relative({ maxDecreasePercent: 10 }),
      win,
      '0.2 0.2 0.2 0.18',
      'during',
      at(-3)
    )
    expect(during.status).toBe('pass')
  })

  it('a value exactly 50% above the baseline mean does not breach, a little more does', () => {
    const win = { ...windows(1), baseline: { start: at(-3), end: T0 } }
    const rule = relative({ maxIncreasePercent: 50 })
    expect(phaseOf(rule, win, '0.1 0.2 0.3 0.3', 'during', at(-3)).status).toBe('pass')
    expect(phaseOf(rule, win, '0.1 0.2 0.3 0.3001', 'during', at(-3)).status).toBe('breach')
  })

  it('without baseline data the comparison is inconclusive', () => {
    const win = { ...windows(1), baseline: { start: at(-3), end: T0 } }
    const during = phaseOf(relative({ maxIncreasePercent: 50 }), win, '- - - 0.3', 'during', at(-3))
    expect(during.status).toBe('inconclusive')
    expect(during.reason).toMatch(/no baseline data/)
  })
})

describe('while running', () => {
  it('gaps never abort; a real breach in an ended period does', () => {
    const rule = check({ abortOnBreach: true, treatMissingData: 'breaching' })
    const win = { ...windows(0), during: { start: T0, end: at(3) } }
    const gaps = evaluateWhileRunning(rule, win, series(healthy('- - -'), at(-10)), at(3))
    const breach = evaluateWhileRunning(rule, win, series(healthy('0.1 0.9 -'), at(-10)), at(3))
    expect(gaps.abort).toBe(false)
    expect(breach.abort).toBe(true)
    expect(breach.result.firstBreach).toMatchObject({ at: at(2), from: at(1) })
  })

  it('a check without abortOnBreach never aborts', () => {
    const win = { ...windows(0), during: { start: T0, end: at(3) } }
    const { abort, result } = evaluateWhileRunning(
      check(),
      win,
      series(healthy('0.9 0.9'), at(-10)),
      at(3)
    )
    expect(result.status).toBe('breach')
    expect(abort).toBe(false)
  })
})

it('every evaluation of a phase is at the end of a period it owns, oldest first', () => {
  const during = phaseOf(
    check({ evaluationPeriods: 3 }),
    windows(4),
    healthy('0.1 0.1 0.1 0.1'),
    'during'
  )
  expect(during.evaluations.map((evaluation) => (evaluation.at - T0) / MINUTE)).toEqual([
    1, 2, 3, 4
  ])
})

describe('found by attacking the evaluation', () => {
  it('measures recovery from the evaluation in force at an end in mid-period', () => {
    // The end is 10:03:30; the alarm is in ALARM at 10:03 (period 10:02) and back OK at 10:04.
    const win = { ...windows(0), during: { start: T0, end: at(3, 30) } }
    const after = phaseOf(
      check({ recoverWithin: 20 }),
      win,
      healthy('0.1 0.1 0.9 0.1 0.1 0.1'),
      'after'
    )
    expect(after.recovery).toMatchObject({ recovered: true, seconds: 30, at: at(4), met: false })
    expect(after.status).toBe('breach')
  })

  it('leaves a late recovery after an unknown state at the end inconclusive, not a breach', () => {
    // Healthy, then no data from 09:59 to 10:03 around the 10:03 end (INSUFFICIENT_DATA), then OK.
    const rule = check({ recoverWithin: 60, datapointsToAlarm: 1, evaluationPeriods: 2 })
    const points = series(`${'0.1 '.repeat(9)}- - - - - 0.1 0.1`, at(-10))
    const after = phaseOf(rule, windows(3), `${'0.1 '.repeat(9)}- - - - - 0.1 0.1`, 'after')
    expect(points).toHaveLength(11)
    expect(after.status).toBe('inconclusive')
    expect(after.reason).toMatch(/^recovery within 60 s cannot be confirmed/)
  })

  it('never gives during and after the same period for an instant fault on a period boundary', () => {
    const win = { ...windows(0), during: { start: T0, end: T0 } }
    expect(ownedPeriods('during', check(), win)).toEqual([T0])
    expect(ownedPeriods('after', check(), win)[0]).toBe(at(1))
  })

  it('does not count a datapoint that no evaluation reads as data', () => {
    // The only datapoint is at 09:57; the during evaluation at 10:01 reads 09:58 to 10:00.
    const result = evaluateCheck(
      check({ treatMissingData: 'notBreaching' }),
      windows(1),
      series('0.9', at(-3))
    )
    expect(result.noData).toBe(true)
    expect(result.status).toBe('inconclusive')
  })
})
