/** The inputs sweep and the GitHub edge add: mode sweep, github-token, pr-comment, sweep-dry-run. */
import { describe, expect, it } from '@jest/globals'
import { InputError, readInputs } from '../../src/inputs.js'

const read = (
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = { AWS_REGION: 'eu-west-1' }
) => readInputs((name) => inputs[name] ?? '', env)

describe('inputs', () => {
  it('accepts mode sweep, which needs a Region like plan and run', () => {
    expect(read({ mode: 'sweep' }).mode).toBe('sweep')
    expect(() => read({ mode: 'sweep' }, {})).toThrow(
      new InputError(
        'No AWS Region: set the region input, or AWS_REGION (aws-actions/configure-aws-credentials sets it)'
      )
    )
    expect(() => read({ mode: 'clean' })).toThrow(
      new InputError('Input mode must be one of validate, plan, run, sweep, found "clean"')
    )
  })

  it('reads github-token trimmed, empty meaning none', () => {
    expect(read({ 'github-token': '  ghs_abc \n' }).githubToken).toBe('ghs_abc')
    expect(read({}).githubToken).toBe('')
  })

  it('has pr-comment on and sweep-dry-run off by default, both booleans', () => {
    expect(read({})).toMatchObject({ prComment: true, sweepDryRun: false })
    expect(read({ 'pr-comment': 'false', 'sweep-dry-run': 'yes' })).toMatchObject({
      prComment: false,
      sweepDryRun: true
    })
    expect(() => read({ 'sweep-dry-run': 'maybe' })).toThrow(
      new InputError('Input sweep-dry-run must be true or false, found "maybe"')
    )
    expect(() => read({ 'pr-comment': 'sometimes' })).toThrow(
      new InputError('Input pr-comment must be true or false, found "sometimes"')
    )
  })
})
