/**
 * On `pull_request` events: the comment for the experiment files the pull request changed, with
 * the semantic diff against the base commit read with local git. The comment is a courtesy: no
 * token, a read-only fork token, an API that refuses or a base commit missing from the checkout
 * each give a notice, and the check's verdict is never changed by it.
 */
import { relative, resolve, sep } from 'node:path'
import type { ActionIO } from '../action-io.js'
import { DIFF_LIMITS, GitError, pullRequestRange, runGit } from '../experiment/changed-files.js'
import { loadExperiment } from '../experiment/load.js'
import { createGitHubApi } from '../github/api.js'
import { blobUrl } from '../github/file-links.js'
import type { Inputs } from '../inputs.js'
import { systemClock } from '../run/context.js'
import type { ExperimentRun, Verdict } from '../run/model.js'
import type { Finding } from '../validate/findings.js'
import type { ValidatedExperiment } from '../validate/validate.js'
import { experimentAtCommit } from './base-version.js'
import { renderComment, type CommentedFile } from './comment-body.js'
import { commentMarker, publishComment, type PullRequestRef } from './publish-comment.js'
import { diffExperiment, experimentVersion } from './semantic-diff.js'

/** What a validate, plan or run step concluded: what the comment reports. */
export interface StepResult {
  mode: 'validate' | 'plan' | 'run'
  verdict: Verdict
  findings: readonly Finding[]
  experiments: readonly ValidatedExperiment[]
  runs: readonly ExperimentRun[]
}

interface PullRequestEvent extends PullRequestRef {
  base: string
  head: string
}

/** A `pull_request` event (never `pull_request_target`) with its number and repository. */
function pullRequestEvent(env: NodeJS.ProcessEnv): PullRequestEvent | undefined {
  const range = env.GITHUB_EVENT_NAME === 'pull_request' ? pullRequestRange(env) : undefined
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!range || range.number === undefined || !owner || !repo) return undefined
  return { owner, repo, number: range.number, base: range.base, head: range.head }
}

type PathChange = 'added' | 'modified' | 'deleted'

/** Workspace-relative paths the pull request changed, with how; renames as a delete and an add. */
async function changedPaths(
  workspace: string,
  event: PullRequestEvent
): Promise<Map<string, PathChange>> {
  const listing = await runGit(
    workspace,
    ['diff', '--name-status', '--no-renames', '-z', `${event.base}...${event.head}`],
    DIFF_LIMITS
  )
  const fields = listing.toString('utf8').split('\0')
  const paths = new Map<string, PathChange>()
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const status = fields[index] ?? ''
    const path = fields[index + 1] ?? ''
    paths.set(path, status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified')
  }
  return paths
}

const toRelative = (workspace: string, absolutePath: string): string =>
  relative(resolve(workspace), absolutePath).split(sep).join('/')

/** The files to report on, each with its diff against the base. */
async function commentedFiles(
  workspace: string,
  event: PullRequestEvent,
  result: StepResult
): Promise<CommentedFile[]> {
  let changed: Map<string, PathChange> | { unavailable: string }
  try {
    changed = await changedPaths(workspace, event)
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    changed = {
      unavailable: `the base commit ${event.base.slice(0, 12)} is not in the checkout (${error.message}); check out with fetch-depth: 0`
    }
  }
  const findingsOf = (file: string): Finding[] =>
    result.findings.filter((finding) => finding.file === file)
  const runOf = (file: string): ExperimentRun | undefined =>
    result.runs.find((run) => run.file === file)
  const headFiles = new Map<string, string>()
  for (const experiment of result.experiments)
    headFiles.set(
      toRelative(workspace, experiment.source.absolutePath),
      experiment.source.absolutePath
    )
  // Files that did not load have findings only.
  for (const finding of result.findings)
    if (!headFiles.has(finding.file)) headFiles.set(finding.file, resolve(workspace, finding.file))

  const entries: CommentedFile[] = []
  if (!(changed instanceof Map)) {
    for (const file of headFiles.keys())
      entries.push({
        file,
        change: 'modified',
        findings: findingsOf(file),
        diff: changed,
        run: runOf(file)
      })
    return entries
  }
  for (const [file, absolutePath] of headFiles) {
    const change = changed.get(file)
    if (!change) continue
    const base = await experimentAtCommit(workspace, event.base, absolutePath)
    const head = experimentVersion(loadExperiment(absolutePath, workspace))
    entries.push({
      file,
      change,
      findings: findingsOf(file),
      diff: base.state === 'git-failed' ? { unavailable: base.reason } : diffExperiment(base, head),
      run: runOf(file)
    })
  }
  for (const [file, change] of changed) {
    if (change !== 'deleted' || !file.endsWith('.json')) continue
    const base = await experimentAtCommit(workspace, event.base, resolve(workspace, file))
    // A deleted JSON file that was an experiment file at the base.
    if (base.state !== 'present') continue
    entries.push({ file, change, findings: [], diff: diffExperiment(base, { state: 'absent' }) })
  }
  return entries
}

export async function commentOnPullRequest(
  io: ActionIO,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  result: StepResult,
  cancellation: AbortSignal
): Promise<void> {
  const event = inputs.prComment ? pullRequestEvent(env) : undefined
  if (!event) return
  const notice = (message: string): void =>
    io.annotate({ severity: 'notice', title: 'fis-gate pull-request comment', message })
  if (!inputs.githubToken) {
    notice('No github-token, so no pull-request comment; the verdict is unaffected')
    return
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const head = { server, repository: `${event.owner}/${event.repo}`, commit: event.head }
  const marker = commentMarker(env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '')
  try {
    const body = renderComment({
      marker,
      mode: result.mode,
      verdict: result.verdict,
      headSha: event.head,
      files: await commentedFiles(workspace, event, result),
      fileUrl: (file, line) => blobUrl(head, file, line),
      runUrl: `${server.replace(/\/+$/, '')}/${head.repository}/actions/runs/${encodeURIComponent(env.GITHUB_RUN_ID ?? '')}`
    })
    const api = createGitHubApi({
      token: inputs.githubToken,
      baseUrl: env.GITHUB_API_URL,
      clock: systemClock,
      random: Math.random,
      cancellation
    })
    const outcome = await publishComment(api, event, marker, body)
    io.info(`fis-gate: pull-request comment ${outcome} on #${event.number}`)
  } catch (error) {
    notice(
      `The pull-request comment was not posted: ${error instanceof Error ? error.message : String(error)}; the verdict is unaffected`
    )
  }
}
