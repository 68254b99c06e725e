/**
 * The planned timeline: the estimated duration is the end of the longest startAfter path, and
 * unknown (not 0) when startAfter has a cycle.
 */
import { describe, expect, it } from '@jest/globals'
import type { JsonObject } from '../../src/experiment/json-source.js'
import { planTimeline } from '../../src/experiment/timeline.js'
import { renderValidationSummary } from '../../src/report/validation-summary.js'
import { rulesOf, tempWorkspace, validateFile } from '../support/validate-files.js'

const wait = (duration: string, startAfter?: string[]): JsonObject => ({
  actionId: 'aws:fis:wait',
  parameters: { duration },
  ...(startAfter ? { startAfter } : {})
})

const template = (actions: Record<string, JsonObject>): JsonObject => ({
  description: 'waits',
  roleArn: 'arn:aws:iam::111122223333:role/fis-role',
  stopConditions: [{ source: 'none' }],
  targets: {},
  actions
})

describe('planned timeline', () => {
  it('estimates the end of the longest startAfter path', () => {
    const timeline = planTimeline(
      template({
        a: wait('PT1M'),
        b: wait('PT2M', ['a']),
        c: wait('PT30S')
      })
    )
    expect(timeline.estimatedDuration).toBe(180)
    expect(timeline.criticalPath).toEqual(['a', 'b'])
    expect(timeline.cycles).toEqual([])
  })

  it('leaves the duration of a cyclic startAfter graph unknown, not 0, with the cycle named', () => {
    const timeline = planTimeline(
      template({
        a: wait('PT1M', ['b']),
        b: wait('PT1M', ['a']),
        c: wait('PT5M')
      })
    )
    expect(timeline.estimatedDuration).toBeUndefined()
    expect(timeline.criticalPath).toEqual([])
    expect(timeline.cycles).toEqual([['a', 'b']])
  })

  it('says so in the validation summary, next to the cycle finding', async () => {
    const workspace = tempWorkspace({
      'experiments/loop.json': template({ a: wait('PT1M', ['b']), b: wait('PT1M', ['a']) })
    })
    try {
      const { findings, validated } = await validateFile(workspace, 'experiments/loop.json')
      expect(rulesOf(findings)).toContain('action/start-after-cycle')
      if (!validated) throw new Error('the file did not load')
      const markdown = renderValidationSummary({ experiments: [validated], otherFindings: [] })
      expect(markdown).toContain('**Estimated duration:** unknown (startAfter cycle: a → b → a)')
      expect(markdown).not.toMatch(/Estimated duration:\*\* 0s/)
    } finally {
      workspace.remove()
    }
  })
})
