/**
 * The emulator keeps its own table of FIS actions and resource types so that it can catch a
 * mistake in fis-gate's catalog instead of repeating it. The two are transcribed from the same
 * FIS documentation independently; where they disagree, one of them is wrong: check the FIS User
 * Guide (or GetAction in a real account) and fix that one.
 */
import { describe, expect, it } from '@jest/globals'
import { fisCatalog } from '../../src/catalog/catalog.js'
import { allActions, findResourceType } from '../../emulator/catalog.js'

const required = (parameters: Record<string, { required: boolean }>) =>
  Object.entries(parameters)
    .filter(([, parameter]) => parameter.required)
    .map(([name]) => name)

/** What both tables say about an action, in a shape either can give. */
function summary(spec: {
  id: string
  targets: Record<string, string[]>
  parameters: Record<string, { required: boolean }>
  durationParameter?: string
}) {
  return {
    id: spec.id,
    targets: spec.targets,
    parameters: Object.keys(spec.parameters),
    required: required(spec.parameters),
    durationParameter: spec.durationParameter
  }
}

describe("the emulator's FIS table and fis-gate's catalog", () => {
  it('know the same actions, target keys, parameters and duration parameters', () => {
    expect(allActions().map(summary)).toEqual([...fisCatalog().actions.values()].map(summary))
  })

  it('know the same resource types and target parameters', () => {
    for (const [id, spec] of fisCatalog().resourceTypes) {
      const ours = findResourceType(id)
      expect([id, ours?.selection, Object.keys(ours?.parameters ?? {})]).toEqual([
        id,
        spec.selection,
        Object.keys(spec.parameters)
      ])
      expect([id, required(ours?.parameters ?? {})]).toEqual([id, required(spec.parameters)])
    }
    expect(findResourceType('aws:ec2:instances')).toBeUndefined()
  })
})
