import { describe, expect, it } from '@jest/globals'
import { evaluateCheck, hypothesisVerdict } from '../../src/hypothesis/evaluate.js'
import type { CheckResult, HypothesisVerdict } from '../../src/hypothesis/model.js'
import { at, check, checkResult, phaseResult, series, windows } from './support.js'

describe('hypothesisVerdict', () => {
  const held = (phase: 'before' | 'during' | 'after') => phaseResult(phase, 'pass', 'held')
  const breach = (phase: 'before' | 'during' | 'after', reason: string) =>
    phaseResult(phase, 'breach', reason)
  const unknown = (phase: 'before' | 'during' | 'after', reason: string) =>
    phaseResult(phase, 'inconclusive', reason)

  it.each<[string, CheckResult[], HypothesisVerdict, string]>([
    ['no checks', [], 'inconclusive', 'no check was evaluated'],
    [
      'one passing check',
      [checkResult('errors', held('during'), held('after'))],
      'pass',
      'the check held in every phase'
    ],
    [
      'every check passing',
      [
        checkResult('errors', held('during')),
        checkResult('latency', held('before'), held('during'))
      ],
      'pass',
      'all 2 checks held in every phase'
    ],
    [
      'an inconclusive phase',
      [
        checkResult('errors', held('during')),
        checkResult(
          'latency',
          held('during'),
          unknown('after', 'only 1 of 5 periods had data, fewer than the 3 evaluation periods')
        )
      ],
      'inconclusive',
      'latency is inconclusive after the experiment: only 1 of 5 periods had data, fewer than the 3 evaluation periods'
    ],
    [
      'two inconclusive phases',
      [
        checkResult(
          'errors',
          unknown('during', 'no data in any of the 5 periods from 10:00 to 10:05 UTC')
        ),
        checkResult('latency', unknown('during', 'x'))
      ],
      'inconclusive',
      'errors is inconclusive during the experiment: no data in any of the 5 periods from 10:00 to 10:05 UTC (and 1 more)'
    ],
    [
      'a breach after an inconclusive check',
      [
        checkResult('errors', unknown('during', 'x')),
        checkResult('latency', breach('during', '2 of 3 periods above 0.5 from 10:04 to 10:06 UTC'))
      ],
      'fail',
      'latency breached during the experiment: 2 of 3 periods above 0.5 from 10:04 to 10:06 UTC'
    ],
    [
      'the first breaching check in order',
      [
        checkResult(
          'errors',
          held('during'),
          breach('after', 'recovered after 180 s (10:08 UTC), later than recoverWithin 120 s')
        ),
        checkResult('latency', breach('during', 'y'))
      ],
      'fail',
      'errors breached after the experiment: recovered after 180 s (10:08 UTC), later than recoverWithin 120 s (and 1 more)'
    ],
    [
      'the first breaching phase of a check',
      [
        checkResult(
          'latency',
          breach('before', 'period 09:55 UTC above 0.5 (0.7)'),
          breach('during', 'y'),
          unknown('after', 'z')
        )
      ],
      'fail',
      'latency breached before the experiment: period 09:55 UTC above 0.5 (0.7) (and 1 more)'
    ],
    [
      'a check with no phase evaluated',
      [checkResult('errors', held('during')), checkResult('latency')],
      'inconclusive',
      'latency was not evaluated in any phase'
    ],
    [
      'a breach beats a check with no phase evaluated',
      [checkResult('latency'), checkResult('errors', breach('during', 'y'))],
      'fail',
      'errors breached during the experiment: y'
    ]
  ])('%s', (_label, results, verdict, reason) => {
    expect(hypothesisVerdict(results)).toEqual({ verdict, reason })
  })

  it('never passes a check that had no data', () => {
    const data = series('0.1 0.1 0.1')
    const results = [
      evaluateCheck(check({ name: 'latency' }), windows(3), data),
      evaluateCheck(check({ name: 'errors', phases: ['during', 'after'] }), windows(3), data)
    ]
    expect(hypothesisVerdict(results)).toEqual({
      verdict: 'inconclusive',
      reason:
        'errors is inconclusive after the experiment: the alarm would be INSUFFICIENT_DATA at 10:06 UTC: no datapoint in its 3 periods'
    })
  })

  it('fails on evaluated checks with the evidence in the reason', () => {
    const data = [
      ...series('0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1', at(-10)),
      ...series('0.2 0.6 0.7 0.2')
    ]
    const results = [
      evaluateCheck(
        check({
          name: 'latency',
          phases: ['before', 'during'],
          datapointsToAlarm: 2,
          evaluationPeriods: 3
        }),
        windows(4),
        data
      )
    ]
    expect(hypothesisVerdict(results)).toEqual({
      verdict: 'fail',
      reason:
        'latency breached during the experiment: in ALARM at 10:03 UTC: 2 of 3 datapoints above 0.5 — 10:01 (0.6), 10:02 (0.7)'
    })
  })
})
