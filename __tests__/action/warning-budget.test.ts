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
  it('are annotated once each, at most 10, and logged past that', () => {
    for (let round = 0; round < 3; round++)
      for (let index = 0; index < 15; index++)
        runnerIO.annotate({ severity: 'warning', title: 'fis-gate', message: `problem ${index}` })
    const log = written.join('')
    const annotated = log.match(/^::warning title=fis-gate::problem \d+$/gm) ?? []
    expect(annotated).toHaveLength(10)
    expect(new Set(annotated).size).toBe(10)
    const logged = log.match(/^warning \(not annotated: GitHub shows 10 per step\): problem \d+$/gm)
    expect(logged).toHaveLength(5)
  })
})
