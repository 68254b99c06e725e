/**
 * changed-only on pull requests, through the bundled action, in a real git repository: only the
 * experiment files the pull request changed are checked, plus gate files whose templateFile
 * changed; nothing is fetched over the network.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { killRunningActions, runAction } from '../support/action-harness.js'
import { git } from '../support/git.js'
import { baseTemplate, tempWorkspace, type Workspace } from '../support/validate-files.js'

let workspace: Workspace | undefined
afterEach(() => {
  killRunningActions()
  workspace?.remove()
  workspace = undefined
})

/** A repository whose pull request changes a.json and the template gate.json uses, not broken.json. */
function repository(): { root: string; base: string; head: string } {
  workspace = tempWorkspace()
  const root = workspace.root
  git(root, 'init', '-q', '-b', 'main')
  workspace.write('experiments/a.json', baseTemplate())
  workspace.write('experiments/broken.json', '{ "description": "x", }')
  workspace.write('templates/stop.json', baseTemplate())
  workspace.write('experiments/gate.json', { templateFile: '../templates/stop.json' })
  workspace.write('experiments/untouched.json', baseTemplate())
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'base')
  const base = git(root, 'rev-parse', 'HEAD')
  workspace.write('experiments/a.json', { ...baseTemplate(), description: 'changed' })
  workspace.write('templates/stop.json', { ...baseTemplate(), description: 'template changed' })
  git(root, 'commit', '-q', '-am', 'change')
  return { root, base, head: git(root, 'rev-parse', 'HEAD') }
}

const event = (base: string, head: string): object => ({
  pull_request: { number: 7, base: { sha: base }, head: { sha: head } }
})

describe('changed-only', () => {
  it('checks only the files the pull request changed, and gate files whose template changed', async () => {
    const { root, base, head } = repository()
    const result = await runAction({
      workspace: root,
      eventName: 'pull_request',
      event: event(base, head),
      inputs: { mode: 'validate', 'changed-only': 'true' }
    })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(/changed-only: 2 files changed between/)
    expect(result.summary).toMatch(/All 2 files are valid/)
    expect(result.summary).toContain('experiments/a.json')
    expect(result.summary).toContain('experiments/gate.json')
    expect(result.summary).not.toContain('broken.json')
    expect(result.summary).not.toContain('untouched.json')
  })

  it('checks every file outside pull requests', async () => {
    const { root } = repository()
    const result = await runAction({
      workspace: root,
      eventName: 'push',
      inputs: { mode: 'validate', 'changed-only': 'true' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/not a pull_request event, so every experiment file is checked/)
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        file: 'experiments/broken.json',
        title: 'fis-gate syntax/invalid-json'
      })
    )
  })

  it('explains a checkout without the base commit', async () => {
    const { root, head } = repository()
    const result = await runAction({
      workspace: root,
      eventName: 'pull_request',
      event: event('0123456789abcdef0123456789abcdef01234567', head),
      inputs: { mode: 'validate', 'changed-only': 'true' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /::error::changed-only needs the pull request's base commit 0123456789ab .*fetch-depth: 0/
    )
  })
})
