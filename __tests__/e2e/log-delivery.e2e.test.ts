/**
 * The whole log reaches the runner, however slowly it reads: a write to a full pipe is queued, and
 * a step that exits with writes still queued loses the end of its log, the failure message with
 * it. The bundled action runs with a reader that holds the pipe full for a while before reading.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MAIN_SCRIPT } from '../support/action-harness.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

let workspace: Workspace | undefined

afterEach(() => {
  workspace?.remove()
  workspace = undefined
})

/** A template with `count` waits whose durations are not ISO 8601: one finding each. */
function manyMistakes(count: number): object {
  const actions: Record<string, object> = {}
  for (let index = 0; index < count; index++)
    actions[`wait${index}`] = { actionId: 'aws:fis:wait', parameters: { duration: '5m' } }
  return {
    description: 'many mistakes',
    roleArn: 'arn:aws:iam::111122223333:role/fis',
    stopConditions: [{ source: 'none' }],
    actions
  }
}

describe('the log of a step', () => {
  it('arrives whole, its failure message last, when the runner reads the pipe late', async () => {
    const files: Record<string, object> = {}
    for (let file = 0; file < 30; file++) files[`experiments/f${file}.json`] = manyMistakes(20)
    workspace = tempWorkspace(files)
    const root = workspace.root
    for (const name of ['output', 'state', 'summary']) writeFileSync(join(root, name), '')
    const child = spawn(process.execPath, [MAIN_SCRIPT], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: root,
        GITHUB_WORKSPACE: root,
        RUNNER_TEMP: workspace.runnerTemp,
        GITHUB_OUTPUT: join(root, 'output'),
        GITHUB_STATE: join(root, 'state'),
        GITHUB_STEP_SUMMARY: join(root, 'summary'),
        INPUT_MODE: 'validate',
        INPUT_EXPERIMENTS: 'experiments/*.json',
        'INPUT_REQUIRE-STOP-CONDITIONS': 'false'
      }
    })
    // The pipe fills (64 KiB) while nothing reads it; the step has more to say than that.
    child.stdout.pause()
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const exited = new Promise<number>((resolve) =>
      child.once('close', (code) => resolve(code ?? -1))
    )
    await new Promise((resolve) => setTimeout(resolve, 2000))
    child.stdout.resume()
    expect(await exited).toBe(1)
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(64 * 1024)
    const lines = stdout.trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/^::error::fis-gate: 600 validation errors in 30 files; /)
    expect(stdout.match(/^::error /gm)?.length).toBe(9)
  }, 60_000)
})
