/**
 * The pull-request comment, through the bundled action in a real git repository, against a fake
 * GitHub API: one comment per job, created once and then updated in place (found again past a
 * page of other comments), with the semantic diff of each changed experiment file against the
 * base commit; no token, a forbidden write and a failing API each give a notice and leave the
 * verdict as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { killRunningActions, runAction, type ActionRunResult } from '../support/action-harness.js'
import {
  FAKE_TOKEN,
  GITHUB_FAILURES,
  startFakeGitHub,
  type FakeGitHub
} from '../support/fake-github.js'
import { serveIssueComments, type IssueComments } from '../support/fake-issue-comments.js'
import { git } from '../support/git.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

const PULL = 7
const READ_ONLY = 'ghs_readOnlyForkToken000000000000000'

let workspace: Workspace | undefined
let github: FakeGitHub | undefined
let conversation: IssueComments

beforeEach(async () => {
  github = await startFakeGitHub({
    tokens: { [FAKE_TOKEN]: { 'pull-requests': 'write' }, [READ_ONLY]: { 'pull-requests': 'read' } }
  })
  conversation = serveIssueComments(github)
})

afterEach(async () => {
  killRunningActions()
  await github?.stop()
  workspace?.remove()
  workspace = undefined
})

const example = JSON.parse(
  readFileSync(new URL('../../examples/experiments/carts-latency.json', import.meta.url), 'utf8')
) as { template: Record<string, unknown> & { targets: { cartsTasks: Record<string, unknown> } } }

/** carts-latency with some changes to its template. */
function cartsLatency(change: (template: typeof example.template) => void): object {
  const copy = structuredClone(example)
  change(copy.template)
  delete (copy as { $schema?: string }).$schema
  return copy
}

/**
 * A pull request that modifies carts.json (selection PERCENT(25) → ALL, the stop condition
 * removed, 200 → 800 ms), adds pods.json and deletes old.json.
 */
function pullRequest(): { base: string; head: string } {
  workspace = tempWorkspace()
  const root = workspace.root
  git(root, 'init', '-q', '-b', 'main')
  const base = cartsLatency((template) => {
    template.targets.cartsTasks.selectionMode = 'PERCENT(25)'
  })
  workspace.write('experiments/carts.json', base)
  workspace.write('experiments/old.json', base)
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'base')
  const baseSha = git(root, 'rev-parse', 'HEAD')
  workspace.write(
    'experiments/carts.json',
    cartsLatency((template) => {
      template.targets.cartsTasks.selectionMode = 'ALL'
      template.stopConditions = [{ source: 'none' }]
      const actions = template.actions as Record<string, { parameters: Record<string, string> }>
      ;(
        actions.cartsLatency as { parameters: Record<string, string> }
      ).parameters.delayMilliseconds = '800'
    })
  )
  workspace.write('experiments/pods.json', base)
  git(root, 'rm', '-q', 'experiments/old.json')
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'head')
  return { base: baseSha, head: git(root, 'rev-parse', 'HEAD') }
}

function validateOnPullRequest(
  shas: { base: string; head: string },
  inputs: Record<string, string> = {}
): Promise<ActionRunResult> {
  return runAction({
    workspace: workspace?.root,
    runnerTemp: workspace?.runnerTemp,
    eventName: 'pull_request',
    event: { pull_request: { number: PULL, base: { sha: shas.base }, head: { sha: shas.head } } },
    env: { GITHUB_API_URL: github?.url ?? '' },
    inputs: {
      mode: 'validate',
      experiments: 'experiments/*.json',
      'require-stop-conditions': 'false',
      'github-token': FAKE_TOKEN,
      ...inputs
    }
  })
}

/** The lines of a file's section in the comment, heading first. */
function section(body: string, file: string): string[] {
  const lines = body.split('\n')
  const start = lines.findIndex((line) => line.startsWith('### ') && line.includes(file))
  if (start < 0) throw new Error(`no section for ${file} in:\n${body}`)
  const end = lines.findIndex((line, index) => index > start && line.startsWith('### '))
  return lines.slice(start, end < 0 ? undefined : end).filter(Boolean)
}

const writes = (): string[] =>
  (github?.requests() ?? [])
    .filter((request) => request.method !== 'GET')
    .map((request) => `${request.method} ${request.path}`)

describe('the pull-request comment', () => {
  it('is created once with the semantic diff, then updated in place, and found again past a page of other comments', async () => {
    const shas = pullRequest()
    // More than a page of the conversation comes before fis-gate's comment.
    conversation.seed(PULL, 150)
    const first = await validateOnPullRequest(shas)
    expect(first.exitCode).toBe(0)
    expect(first.outputs.verdict).toBe('pass')
    const mine = () =>
      conversation.comments(PULL).filter((entry) => entry.body.includes('fis-gate comment'))
    const [comment] = mine()
    expect(mine()).toHaveLength(1)
    expect(writes()).toEqual([`POST /repos/octo-org/shop/issues/${PULL}/comments`])
    const body = comment?.body ?? ''
    expect(body.split('\n')[0]).toBe('<!-- fis-gate comment: workflow=chaos job=fis-gate -->')
    expect(body).toMatch(
      /^## ✅ fis-gate validate: pass — 3 changed experiment files, 1 with risky changes$/m
    )

    const carts = section(body, 'experiments/carts.json')
    expect(carts[0]).toBe(
      `### ⚠️ [<code>experiments/carts.json</code>](<https://github.com/octo-org/shop/blob/${shas.head}/experiments/carts.json>) — modified`
    )
    const changes = carts.filter((line) => line.startsWith('- '))
    expect(changes).toEqual([
      '- ⚠️ **target cartsTasks selectionMode: PERCENT(25) → ALL** — selects more resources: PERCENT(25) → ALL',
      '- ⚠️ **stop condition carts-5xx removed** — no alarm stops the experiment any more',
      '- cartsLatency.delayMilliseconds: 200 → 800',
      '- stop condition none added'
    ])
    expect(section(body, 'experiments/old.json')).toContain(
      '**Changes:** the experiment file is deleted'
    )
    expect(section(body, 'experiments/pods.json')[0]).toMatch(/ — added$/)

    const second = await validateOnPullRequest(shas)
    expect(second.outputs.verdict).toBe('pass')
    expect(mine()).toHaveLength(1)
    expect(conversation.comments(PULL)).toHaveLength(151)
    expect(writes().slice(1)).toEqual([
      expect.stringMatching(/^PATCH \/repos\/octo-org\/shop\/issues\/comments\/\d+$/)
    ])

    conversation.seed(PULL, 150)
    await validateOnPullRequest(shas)
    expect(mine()).toHaveLength(1)
    expect(writes().slice(2)).toEqual([expect.stringMatching(/^PATCH /)])
    // Found on the second page, where it sits after the first 150 comments.
    const lastLookup = (github?.requests() ?? [])
      .filter((request) => request.method === 'GET')
      .slice(-2)
    expect(lastLookup.map((request) => request.query.page)).toEqual(['1', '2'])
  })

  it.each([
    ['no token', { 'github-token': '' }, /No github-token, so no pull-request comment/],
    ['a read-only fork token', { 'github-token': READ_ONLY }, /not posted: .*pull-requests: write/],
    ['an API that keeps failing', {}, /not posted: /]
  ])('with %s gives a notice and the same verdict', async (name, inputs, notice) => {
    const shas = pullRequest()
    if (name === 'an API that keeps failing')
      github?.failNext(
        { path: /comments/ },
        ...Array.from({ length: 10 }, () => GITHUB_FAILURES.serverError(500))
      )
    const result = await validateOnPullRequest(shas, inputs)
    expect([result.exitCode, result.outputs.verdict]).toEqual([0, 'pass'])
    expect(conversation.comments(PULL)).toEqual([])
    expect(result.annotations).toContainEqual(
      expect.objectContaining({ level: 'notice', message: expect.stringMatching(notice) })
    )
  })
})
