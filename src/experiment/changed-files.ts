/**
 * `changed-only`: on pull_request events, the files the pull request changed, from the local git
 * history between the event's base and head commits (no network call: validation stays offline).
 * A gate file counts as changed when the templateFile it names changed.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PullRequestRange {
  base: string
  head: string
}

/** The base and head commits of a pull_request (or pull_request_target) event, if this is one. */
export function pullRequestRange(env: NodeJS.ProcessEnv): PullRequestRange | undefined {
  if (!/^pull_request/.test(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { base?: { sha?: string }; head?: { sha?: string } }
    }
    const base = event.pull_request?.base?.sha
    const head = event.pull_request?.head?.sha
    return base && head ? { base, head } : undefined
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
  try {
    const { stdout } = await run(
      'git',
      ['diff', '--name-only', '--diff-filter=d', '-z', `${range.base}...${range.head}`],
      { cwd: workspace, maxBuffer: 64 * 1024 * 1024 }
    )
    return new Set(
      stdout
        .split('\0')
        .filter(Boolean)
        .map((path) => resolve(workspace, path))
    )
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message
    throw new ChangedFilesError(
      `changed-only needs the pull request's base commit ${range.base.slice(0, 12)} in the checkout (${detail.split('\n')[0]}). Check out with fetch-depth: 0 (actions/checkout), or set changed-only: false`
    )
  }
}
