/**
 * One file's unexpected error (a bug in fis-gate) becomes an internal/unexpected finding on that
 * file and costs the other files nothing. The fault is injected: validateExperiment is the real
 * one, except that it throws for files named `explode*.json`.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { baseTemplate, tempWorkspace, type Workspace } from '../support/validate-files.js'
import { everythingShown, runValidate, sarifResults } from './run-validate.js'

const real = await import('../../src/validate/validate.js')
jest.unstable_mockModule('../../src/validate/validate.js', () => ({
  ...real,
  validateExperiment: (...args: Parameters<typeof real.validateExperiment>) => {
    if (/explode[^/]*\.json$/.test(args[0].file))
      throw new TypeError("Cannot read properties of undefined (reading 'format')")
    return real.validateExperiment(...args)
  }
}))

let workspace: Workspace
beforeEach(() => {
  workspace = tempWorkspace()
})
afterEach(() => workspace.remove())

function batch(): void {
  workspace.write('experiments/a-valid.json', baseTemplate())
  workspace.write('experiments/b-invalid.json', {
    ...baseTemplate(),
    roleArn: 'arn:aws:s3:::a-bucket-name'
  })
  workspace.write('experiments/explode.json', baseTemplate())
  workspace.write('experiments/z-valid.json', baseTemplate())
}

describe('an unexpected error on one file', () => {
  it('is a finding on that file; the others keep their results, SARIF, summary and verdict', async () => {
    batch()
    const recorded = await runValidate(workspace.root)
    const results = sarifResults(recorded)
    const byFile = (file: string) =>
      results
        .filter(
          (result) =>
            result.locations[0]?.physicalLocation.artifactLocation.uri === `experiments/${file}`
        )
        .map((result) => result.ruleId)
    expect(byFile('explode.json')).toEqual(['internal/unexpected'])
    expect(byFile('a-valid.json')).toEqual(['hypothesis/missing'])
    expect(byFile('b-invalid.json')).toEqual(['arn/wrong-kind', 'hypothesis/missing'])
    expect(byFile('z-valid.json')).toEqual(['hypothesis/missing'])

    const finding = results.find((result) => result.ruleId === 'internal/unexpected')
    expect(finding?.level).toBe('error')
    expect(finding?.message.text).toMatch(
      /^fis-gate failed while checking this file \(TypeError: Cannot read properties of undefined \(reading 'format'\)\), so it was not validated\. This is a bug in fis-gate \d+\.\d+\.\d+: please report it with this version/
    )
    expect(recorded.annotations).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        title: 'fis-gate internal/unexpected',
        file: 'experiments/explode.json'
      })
    )
    expect(everythingShown(recorded)).not.toMatch(/\n\s+at /)
    expect(recorded.summary).toMatch(/a-valid\.json[\s\S]*b-invalid\.json[\s\S]*z-valid\.json/)
    expect(recorded.outputs.verdict).toBe('error')
    expect(recorded.failed).toBe(
      'fis-gate: 2 validation errors in 2 files; see the annotations and the job summary'
    )
  })

  it('shows its stack trace only with debug logging on', async () => {
    batch()
    const quiet = await runValidate(workspace.root)
    expect(quiet.logs.join('\n')).not.toContain('internal error on')
    const debug = await runValidate(workspace.root, {}, { RUNNER_DEBUG: '1' })
    expect(debug.logs).toContainEqual(
      expect.stringMatching(/^internal error on .*explode\.json: TypeError: .*\n\s+at /)
    )
  })
})
