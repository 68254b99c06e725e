/**
 * `changed-only`: on pull_request events, the files the pull request changed, from the local git
 * history between the event's base and head commits (no network call: validation stays offline).
 * A gate file counts as changed when the templateFile it names changed. The git runner here is the
 * one every local git read uses.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

const execGit = promisify(execFile)

/** How long one git command may take and how much it may print before it is stopped. */
export interface GitLimits {
  timeoutMs: number
  maxBytes: number
}

/** A git command that failed, timed out or printed too much; the message is one line. */
export class GitError extends Error {
  override name = 'GitError'
}

function gitFailure(error: unknown, limits: GitLimits): string {
  const failure = error as { code?: unknown; killed?: boolean; stderr?: Buffer; message?: string }
  if (failure.code === 'ENOENT') return 'git is not installed'
  if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
    return `git printed more than ${limits.maxBytes} bytes`
  if (failure.killed) return `git did not finish within ${limits.timeoutMs / 1000}s`
  const detail = failure.stderr?.toString('utf8').trim() || failure.message || 'git failed'
  return detail.split('\n')[0] as string
}

/**
 * Runs git in `cwd` with these arguments, never through a shell, stopped past `limits`; what it
 * printed, as bytes. Throws GitError.
 */
export async function runGit(
  cwd: string,
  args: readonly string[],
  limits: GitLimits
): Promise<Buffer> {
  try {
    const { stdout } = await execGit('git', args, {
      cwd,
      encoding: 'buffer',
      timeout: limits.timeoutMs,
      maxBuffer: limits.maxBytes
    })
    return stdout
  } catch (error) {
    throw new GitError(gitFailure(error, limits))
  }
}

/** A pull request's diff lists at most a few thousand names; two minutes is far beyond it. */
export const DIFF_LIMITS: GitLimits = { timeoutMs: 120_000, maxBytes: 64 * 1024 * 1024 }

export interface PullRequestRange {
  base: string
  head: string
  /** The pull request's number, for the comment. */
  number?: number
}

/** The base and head commits of a pull_request (or pull_request_target) event, if this is one. */
export function pullRequestRange(env: NodeJS.ProcessEnv): PullRequestRange | undefined {
  if (!/^pull_request/.test(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { number?: unknown; base?: { sha?: string }; head?: { sha?: string } }
    }
    const base = event.pull_request?.base?.sha
    const head = event.pull_request?.head?.sha
    const number = event.pull_request?.number
    if (!base || !head) return undefined
    return typeof number === 'number' ? { base, head, number } : { base, head }
  } catch {
    return undefined
  }
}

export class ChangedFilesError extends Error {
  override name = 'InputError'
}

/** Absolute paths of the files changed between base and head (deleted files excluded). */
export async function changedFiles(
  workspace: string,
  range: PullRequestRange
): Promise<Set<string>> {
  let stdout: Buffer
  try {
    stdout = await runGit(
      workspace,
      ['diff', '--name-only', '--diff-filter=d', '-z', `${range.base}...${range.head}`],
      DIFF_LIMITS
    )
  } catch (error) {
    throw new ChangedFilesError(
      `changed-only needs the pull request's base commit ${range.base.slice(0, 12)} in the checkout (${(error as Error).message}). Check out with fetch-depth: 0 (actions/checkout), or set changed-only: false`
    )
  }
  return new Set(
    stdout
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map((path) => resolve(workspace, path))
  )
}
