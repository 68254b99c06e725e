/**
 * The end-to-end harness, proven with tiny fake actions (ESM scripts written to a temporary
 * directory) so its runner emulation does not depend on the real bundle.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import {
  inputVariable,
  killRunningActions,
  parseAnnotations,
  parseFileCommands,
  runAction,
  runMainThenPost
} from '../support/action-harness.js'
import { testScenario } from '../support/test-scenario.js'

let scripts: string
let emulator: Emulator

/** Writes a fake action; `fileCommand(name, key, value)` appends like @actions/core does. */
function fakeAction(name: string, body: string): string {
  const path = join(scripts, name)
  writeFileSync(
    path,
    `import { appendFileSync, readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
const fileCommand = (variable, key, value) => {
  const delimiter = 'ghadelimiter_' + randomUUID()
  appendFileSync(process.env[variable], key + '<<' + delimiter + '\\n' + value + '\\n' + delimiter + '\\n')
}
${body}
`
  )
  return path
}

beforeAll(async () => {
  scripts = mkdtempSync(join(tmpdir(), 'fis-gate-fake-action-'))
  emulator = await startEmulator({ scenario: testScenario() })
})

afterEach(killRunningActions)

afterAll(async () => {
  rmSync(scripts, { recursive: true, force: true })
  await emulator.stop()
})

describe('action harness', () => {
  it('runs a step like the runner and parses outputs, state, summary and annotations', async () => {
    const script = fakeAction(
      'main.mjs',
      `fileCommand('GITHUB_OUTPUT', 'verdict', process.env['INPUT_FAIL-ON'])
fileCommand('GITHUB_OUTPUT', 'report', 'line one\\nline two')
fileCommand('GITHUB_STATE', 'experimentIds', 'EXP1,EXP2')
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## fis-gate\\n\\n| check | verdict |\\n')
console.log('::error file=experiments/a%2Cb.json,line=3,col=7,endLine=4,title=schema%3A type::must be a string%0Agot 100%25')
console.log('::warning::no hypothesis: the verdict rests on FIS alone')
console.log('::notice title=done::2 experiments')
console.log(JSON.stringify({
  env: Object.keys(process.env).sort(),
  allowed: process.env.INPUT_ALLOWED_ACCOUNTS,
  cwd: process.cwd(),
  event: JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8')),
  home: process.env.HOME,
  temp: process.env.RUNNER_TEMP
}))
process.exitCode = 3`
    )
    process.env.AWS_PROFILE = 'must-not-leak'
    const workspace = mkdtempSync(join(tmpdir(), 'fis-gate-workspace-'))
    try {
      const result = await runAction({
        script,
        workspace,
        inputs: { 'fail-on': 'fail,error', 'allowed accounts': '111122223333' },
        event: { pull_request: { number: 12 } },
        eventName: 'pull_request'
      })
      expect(result.exitCode).toBe(3)
      expect(result.signal).toBeNull()
      expect(result.outputs).toEqual({ verdict: 'fail,error', report: 'line one\nline two' })
      expect(result.state).toEqual({ experimentIds: 'EXP1,EXP2' })
      expect(result.summary).toBe('## fis-gate\n\n| check | verdict |\n')
      expect(result.annotations).toEqual([
        {
          level: 'error',
          file: 'experiments/a,b.json',
          line: 3,
          col: 7,
          endLine: 4,
          title: 'schema: type',
          message: 'must be a string\ngot 100%'
        },
        { level: 'warning', message: 'no hypothesis: the verdict rests on FIS alone' },
        { level: 'notice', title: 'done', message: '2 experiments' }
      ])
      const seen = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
        env: string[]
        allowed: string
        cwd: string
        event: unknown
        home: string
        temp: string
      }
      expect(seen.allowed).toBe('111122223333')
      expect(seen.cwd).toBe(workspace)
      expect(seen.event).toEqual({ pull_request: { number: 12 } })
      expect(seen.env).toContain('INPUT_FAIL-ON')
      expect(seen.env).toEqual(
        expect.arrayContaining(['GITHUB_REPOSITORY', 'GITHUB_RUN_ID', 'GITHUB_SHA'])
      )
      expect(seen.env.filter((name) => name.startsWith('AWS_'))).toEqual([
        'AWS_EC2_METADATA_DISABLED'
      ])
      expect(existsSync(seen.home)).toBe(false)
      expect(existsSync(seen.temp)).toBe(false)
    } finally {
      delete process.env.AWS_PROFILE
      rmSync(workspace, { recursive: true, force: true })
    }
  })

  it('points the step at an emulator and returns only the calls made during the run', async () => {
    const script = fakeAction(
      'sts.mjs',
      `const response = await fetch(process.env.AWS_ENDPOINT_URL_STS, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15'
})
const account = /<Account>(\\d+)<\\/Account>/.exec(await response.text())[1]
fileCommand('GITHUB_OUTPUT', 'account', account)
fileCommand('GITHUB_OUTPUT', 'region', process.env.AWS_REGION)`
    )
    await fetch(emulator.url, { method: 'POST', body: 'Action=GetCallerIdentity' })
    const result = await runAction({ script, emulator })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toEqual({ account: '111122223333', region: 'eu-west-1' })
    expect(result.calls.map((call) => call.operation)).toEqual(['GetCallerIdentity'])
  })

  it('sends a signal once stdout matches, and the step can handle it', async () => {
    const script = fakeAction(
      'cancellable.mjs',
      `process.once('SIGTERM', () => {
  fileCommand('GITHUB_OUTPUT', 'cancelled', 'true')
  process.exit(0)
})
console.log('experiment started')
setInterval(() => {}, 1000)`
    )
    const result = await runAction({
      script,
      signal: { signal: 'SIGTERM', whenStdout: /experiment started/ }
    })
    expect(result).toMatchObject({ exitCode: 0, signal: null, outputs: { cancelled: 'true' } })
  })

  it('sends a signal once the emulator call log satisfies a predicate', async () => {
    const script = fakeAction(
      'calls-then-waits.mjs',
      `await fetch(process.env.AWS_ENDPOINT_URL_STS, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15'
})
setInterval(() => {}, 1000)`
    )
    const result = await runAction({
      script,
      emulator,
      signal: {
        signal: 'SIGINT',
        whenCalls: (calls) => calls.some((call) => call.operation === 'GetCallerIdentity')
      }
    })
    expect(result.signal).toBe('SIGINT')
    expect(result.calls).toHaveLength(1)
  })

  it('kills a step after a delay and reports a timeout', async () => {
    const forever = fakeAction('forever.mjs', `setInterval(() => {}, 1000)`)
    const killed = await runAction({ script: forever, signal: { signal: 'SIGKILL', afterMs: 100 } })
    expect(killed).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: false })
    const timedOut = await runAction({ script: forever, timeoutMs: 200 })
    expect(timedOut).toMatchObject({ signal: 'SIGKILL', timedOut: true })
  })

  it('runs the post step with the main step’s state, even after main was killed', async () => {
    const main = fakeAction(
      'stateful-main.mjs',
      `fileCommand('GITHUB_STATE', 'experimentId', 'EXPabc')
fileCommand('GITHUB_STATE', 'note', 'two\\nlines')
appendFileSync(process.env.RUNNER_TEMP + '/report.json', '{}')
console.log('saved')
setInterval(() => {}, 1000)`
    )
    const post = fakeAction(
      'post.mjs',
      `fileCommand('GITHUB_OUTPUT', 'stopped', process.env.STATE_experimentId)
fileCommand('GITHUB_OUTPUT', 'note', process.env.STATE_note)
fileCommand('GITHUB_OUTPUT', 'report', readFileSync(process.env.RUNNER_TEMP + '/report.json', 'utf8'))`
    )
    const { main: mainRun, post: postRun } = await runMainThenPost({
      script: main,
      signal: { signal: 'SIGKILL', whenStdout: /saved/ },
      post: { script: post }
    })
    expect(mainRun.signal).toBe('SIGKILL')
    expect(mainRun.state).toEqual({ experimentId: 'EXPabc', note: 'two\nlines' })
    expect(postRun.exitCode).toBe(0)
    expect(postRun.outputs).toEqual({ stopped: 'EXPabc', note: 'two\nlines', report: '{}' })
  })
})

describe('runner formats', () => {
  it('names inputs as the runner does', () => {
    expect(inputVariable('allowed-accounts')).toBe('INPUT_ALLOWED-ACCOUNTS')
    expect(inputVariable('report dir')).toBe('INPUT_REPORT_DIR')
  })

  it('reads heredoc and name=value file commands', () => {
    expect(parseFileCommands('a<<EOF\n1\n2\nEOF\nb=x=y\nc<<D\n\nD\n')).toEqual({
      a: '1\n2',
      b: 'x=y',
      c: ''
    })
    expect(() => parseFileCommands('a<<EOF\nnever closed')).toThrow(/closing EOF/)
  })

  it('ignores lines that are not annotations', () => {
    expect(parseAnnotations('hello\n::debug::x\n::group::y\n  ::notice::indented')).toEqual([
      { level: 'notice', message: 'indented' }
    ])
  })
})
