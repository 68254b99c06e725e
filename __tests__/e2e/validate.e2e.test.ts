/**
 * The bundled action (dist/) in validate mode, run as the GitHub runner runs it. Bad input of
 * every kind gets a located annotation, a clear message and exit code 1 — never a stack trace —
 * and validation reaches no AWS endpoint, even when one is configured.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { killRunningActions, POST_SCRIPT, runAction } from '../support/action-harness.js'
import {
  baseTemplate,
  errorMessageOf,
  templateWithErrors,
  tempWorkspace,
  type Workspace
} from '../support/validate-files.js'

let workspace: Workspace
let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: join(process.cwd(), 'examples/scenarios/steady.json')
  })
})
afterAll(() => emulator.stop())
afterEach(() => {
  killRunningActions()
  workspace?.remove()
})

const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m

async function validate(
  files: Record<string, string | Buffer | object>,
  experiments = 'experiments/**/*.json'
) {
  workspace = tempWorkspace(files)
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    inputs: { mode: 'validate', experiments, 'require-stop-conditions': 'false' }
  })
  expect(result.stdout).not.toMatch(STACK_FRAME)
  expect(result.stderr).not.toMatch(STACK_FRAME)
  return result
}

describe('validate mode, bundled', () => {
  it('passes valid files, writes outputs, summary and SARIF, and calls no AWS endpoint', async () => {
    const result = await validate({
      'experiments/a.json': baseTemplate(),
      'experiments/nested/b.json': {
        template: baseTemplate(),
        hypothesis: {
          checks: [
            {
              name: 'c',
              metric: { namespace: 'N', metricName: 'M', stat: 'Average', period: 60 },
              comparisonOperator: 'GreaterThanThreshold',
              threshold: 1
            }
          ]
        }
      }
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.verdict).toBe('pass')
    const sarif = JSON.parse(readFileSync(result.outputs.sarif as string, 'utf8')) as {
      version: string
      runs: { results: { ruleId: string }[] }[]
    }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0]?.results.map((item) => item.ruleId)).toEqual(['hypothesis/missing'])
    expect(result.summary).toMatch(
      /^## ✅ fis-gate validate: pass\n\nAll 2 files are valid, with 1 warning\./
    )
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        file: 'experiments/a.json',
        line: 1,
        col: 1,
        title: 'fis-gate hypothesis/missing'
      })
    ])
    expect(result.calls).toEqual([])
  })

  it.each<
    [
      string,
      string | Buffer | object,
      { title: string; line?: number; col?: number; message: RegExp }
    ]
  >([
    [
      'malformed JSON',
      '{\n  "description": "x",\n  "actions": {\n    "a": { "actionId": "aws:fis:wait" },\n  }\n}',
      {
        title: 'fis-gate syntax/invalid-json',
        line: 5,
        col: 3,
        message: /Trailing comma before '\}'/
      }
    ],
    [
      'an empty file',
      '',
      { title: 'fis-gate syntax/empty-file', line: 1, col: 1, message: /empty/ }
    ],
    [
      'a non-object root',
      '[{"description": "x"}]',
      {
        title: 'fis-gate schema/shape',
        line: 1,
        col: 1,
        message: /must hold a JSON object.*found an array/
      }
    ],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('{\n "description": "'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"\n}')
      ]),
      {
        title: 'fis-gate syntax/invalid-utf8',
        line: 2,
        col: 18,
        message: /not valid UTF-8 \(byte 0xC3/
      }
    ],
    [
      'a 5 MB file',
      `{"description": "${'x'.repeat(5 * 1024 * 1024)}"}`,
      {
        title: 'fis-gate file/too-large',
        line: 1,
        col: 1,
        message: /5\.0 MiB; an experiment file is at most 1 MiB/
      }
    ],
    [
      '10,000-deep nesting',
      '['.repeat(10_000) + ']'.repeat(10_000),
      { title: 'fis-gate syntax/too-deep', line: 1, col: 129, message: /deeper than 128 levels/ }
    ],
    [
      'a __proto__ member',
      '{\n  "__proto__": { "polluted": true },\n  "description": "x"\n}',
      {
        title: 'fis-gate schema/unknown-member',
        line: 2,
        col: 3,
        message: /"__proto__" is not a member/
      }
    ]
  ])('reports %s with a located error and exit code 1', async (_name, content, expected) => {
    const result = await validate({ 'experiments/bad.json': content })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.verdict).toBe('error')
    const error = result.annotations.find(
      (annotation) => annotation.level === 'error' && annotation.title === expected.title
    )
    expect(error).toMatchObject({
      file: 'experiments/bad.json',
      ...(expected.line ? { line: expected.line, col: expected.col } : {})
    })
    expect(error?.message).toMatch(expected.message)
    expect(result.stdout).toMatch(
      /::error::fis-gate: \d+ validation errors? in 1 file; see the annotations and the job summary/
    )
  })

  it('keeps constructor and __proto__ as data in tags and validates the rest normally', async () => {
    const template = {
      ...baseTemplate(),
      tags: JSON.parse('{"constructor": "x", "__proto__": "y"}') as object
    }
    const result = await validate({
      'experiments/tags.json': JSON.stringify(template).replace(
        '"tags":{}',
        '"tags":{"constructor":"x","__proto__":"y"}'
      )
    })
    expect(result.exitCode).toBe(0)
  })

  it('accepts a UTF-8 BOM and CRLF line endings and reports the right line', async () => {
    const text = JSON.stringify(
      { ...baseTemplate(), roleArn: 'arn:aws:iam::111122223333:group/x' },
      null,
      2
    ).replace(/\n/g, '\r\n')
    const result = await validate({
      'experiments/crlf.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
    })
    expect(result.exitCode).toBe(1)
    expect(
      result.annotations.filter((annotation) => annotation.level === 'error' && annotation.title)
    ).toEqual([
      expect.objectContaining({
        title: 'fis-gate arn/wrong-kind',
        file: 'experiments/crlf.json',
        line: 3,
        col: 14
      })
    ])
  })

  it('reports a directory given as a file', async () => {
    workspace = tempWorkspace()
    mkdirSync(join(workspace.root, 'experiments'), { recursive: true })
    const result = await runAction({
      workspace: workspace.root,
      inputs: { mode: 'validate', experiments: 'experiments' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations[0]).toMatchObject({
      level: 'error',
      title: 'fis-gate file/not-a-file',
      message: expect.stringMatching(/experiments is a directory/)
    })
  })

  it('reports a glob that matches nothing', async () => {
    const result = await validate(
      { 'experiments/a.json': baseTemplate() },
      'experiments/a.json\nchaos/**/*.json'
    )
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        title: 'fis-gate file/no-match',
        message: expect.stringMatching(
          /"chaos\/\*\*\/\*\.json" in the experiments input matched no file/
        )
      })
    )
  })

  it('logs each of 15 errors once, in 10 error annotations with its failure, without debug noise', async () => {
    workspace = tempWorkspace({ 'experiments/bad.json': templateWithErrors(15) })
    const run = (env: Record<string, string> = {}) =>
      runAction({
        workspace: workspace.root,
        runnerTemp: workspace.runnerTemp,
        emulator,
        inputs: { mode: 'validate', 'require-stop-conditions': 'false' },
        env
      })
    const result = await run()
    expect(result.exitCode).toBe(1)
    // GitHub shows 10 error annotations per step: the failure message is one of them.
    const errors = result.stdout.split(/\r?\n/).filter((line) => /^::error[ :]/.test(line))
    expect(errors.length).toBeLessThanOrEqual(10)
    expect(errors.at(-1)).toBe(
      '::error::fis-gate: 15 validation errors in 1 file; see the annotations and the job summary'
    )
    for (let index = 1; index <= 15; index++)
      expect([index, result.stdout.split(errorMessageOf(index)).length - 1]).toEqual([index, 1])
    expect(result.stdout).toMatch(
      /^::notice title=fis-gate%3A more findings::6 more errors are not annotated/m
    )
    expect(result.stdout).not.toMatch(/^::debug::/m)
    expect(result.stdout).not.toContain('(s)')
    // With debug logging on, what the libraries say is back.
    const debug = await run({ RUNNER_DEBUG: '1' })
    expect(debug.stdout).toMatch(/^::debug::/m)
  })

  it('rejects a bad input value with one line naming the input', async () => {
    const result = await validate({ 'experiments/a.json': baseTemplate() })
    expect(result.exitCode).toBe(0)
    const bad = await runAction({
      workspace: workspace.root,
      inputs: { mode: 'validate', 'allowed-accounts': '12345' }
    })
    expect(bad.exitCode).toBe(1)
    expect(bad.stdout).toContain(
      '::error::Input allowed-accounts: "12345" is not a 12-digit AWS account id'
    )
    expect(bad.stdout).not.toMatch(STACK_FRAME)
  })

  it('ships the precompiled schema validators and the catalog inside dist/', () => {
    expect(readFileSync(join(process.cwd(), 'dist/main/index.js'), 'utf8')).toContain(
      'experiment.schema.json'
    )
    expect(existsSync(join(process.cwd(), 'dist/main/fis-catalog.json'))).toBe(true)
  })

  it('runs the post step cleanly: validation starts nothing', async () => {
    workspace = tempWorkspace()
    const result = await runAction({
      workspace: workspace.root,
      script: POST_SCRIPT,
      inputs: { mode: 'validate' }
    })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(/nothing to clean up/)
  })
})
