/**
 * Warnings at run time (a retried call, a metric with no data) reach GitHub as annotations once
 * each and within the 10 a step shows; the rest stay in the log, never dropped unseen.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { runnerIO } from '../../src/runner-io.js'

let written: string[] = []

beforeEach(() => {
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('runtime warnings', () => {
  it('count a retry once, whatever its AWS request id, and the same finding in two files twice', () => {
    for (const id of ['a1', 'b2', 'c3'])
      runnerIO.annotate({
        severity: 'warning',
        title: 'fis-gate',
        message: `CloudWatch DescribeAlarms failed: Throttling: Rate exceeded (HTTP 400, request ${id})`
      })
    for (const file of ['x.json', 'y.json'])
      runnerIO.annotate({
        severity: 'warning',
        title: 'fis-gate',
        message: 'unused',
        file,
        startLine: 3
      })
    const log = written.join('')
    expect(log.match(/^::warning .*DescribeAlarms failed/gm)).toHaveLength(1)
    expect(log.match(/^::warning .*file=(x|y)\.json.*::unused$/gm)).toHaveLength(2)
  })

  it('are annotated once each, at most 10 in all, and logged past that', () => {
    for (let round = 0; round < 3; round++)
      for (let index = 0; index < 15; index++)
        runnerIO.annotate({ severity: 'warning', title: 'fis-gate', message: `problem ${index}` })
    const log = written.join('')
    const annotated = log.match(/^::warning title=fis-gate::problem \d+$/gm) ?? []
    // Three warnings of the test before count toward the step's 10.
    expect(annotated).toHaveLength(7)
    expect(new Set(annotated).size).toBe(7)
    const logged = log.match(/^warning \(not annotated: GitHub shows 10 per step\): problem \d+$/gm)
    expect(logged).toHaveLength(8)
  })
})
