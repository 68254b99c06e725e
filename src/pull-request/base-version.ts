/**
 * An experiment file as it was at a commit (the pull request's base), read with local git like
 * changed-only: no network and no shell, each git command bounded in time and output, the path
 * confined to the workspace. The file is loaded by the same loader as the head version (its
 * templateFile read at the same commit), so both sides of the semantic diff mean the same thing.
 * "Not in that commit" is an answer of its own; git failing is another.
 */
import { resolve, relative, sep } from 'node:path'
import { GitError, runGit, type GitLimits } from '../experiment/changed-files.js'
import { quote } from '../experiment/excerpt.js'
import { loadExperiment, type TextReader } from '../experiment/load.js'
import {
  decodeExperimentText,
  MAX_FILE_BYTES,
  tooLargeFailure,
  type ReadFailure,
  type ReadResult
} from '../experiment/read-file.js'
import { isInside, outsideMessage } from '../experiment/workspace.js'
import { experimentVersion, type ExperimentVersion } from './semantic-diff.js'

/** A file at a commit: its text (or why it is no experiment file), not there, or git failed. */
export type FileAtCommit = ReadResult | { absent: true } | { gitFailed: string }

/** The base version for the semantic diff, or why git could not tell. */
export type BaseVersion = ExperimentVersion | { state: 'git-failed'; reason: string }

/** Only an object id: a name such as `--output=x` or `HEAD:path` never reaches git. */
const COMMIT_ID = /^[0-9a-f]{4,64}$/i
/** One tree entry is listed; a few kilobytes is plenty even for a long path. */
const LISTING_LIMITS: GitLimits = { timeoutMs: 30_000, maxBytes: 64 * 1024 }
const CONTENT_LIMITS: GitLimits = { timeoutMs: 30_000, maxBytes: MAX_FILE_BYTES + 1 }

interface TreeEntry {
  mode: string
  type: string
  object: string
  size?: number
}

/** The entry of `git ls-tree -z -l` output for exactly `path` (`<mode> <type> <id> <size>\t<path>`). */
function entryFor(listing: Buffer, path: string): TreeEntry | undefined {
  for (const record of listing.toString('utf8').split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([^]*)$/.exec(record)
    if (match && match[5] === path) {
      const [, mode = '', type = '', object = '', size = '-'] = match
      return { mode, type, object, size: size === '-' ? undefined : Number(size) }
    }
  }
  return undefined
}

function entryFailure(path: string, entry: TreeEntry, commit: string): ReadFailure | undefined {
  const at = `at commit ${commit.slice(0, 12)}`
  if (entry.type === 'tree')
    return { rule: 'file/not-a-file', message: `${path} is a directory ${at}` }
  if (entry.mode === '120000')
    return {
      rule: 'file/not-a-file',
      message: `${path} is a symbolic link ${at}; fis-gate reads only regular files from a commit`
    }
  if (entry.type !== 'blob')
    return { rule: 'file/not-a-file', message: `${path} is not a regular file ${at}` }
  return (entry.size ?? 0) > MAX_FILE_BYTES ? tooLargeFailure(path, entry.size ?? 0) : undefined
}

/** The content of `absolutePath` (inside `workspace`) at `commit`, a commit id. */
export async function readFileAtCommit(
  workspace: string,
  commit: string,
  absolutePath: string
): Promise<FileAtCommit> {
  if (!COMMIT_ID.test(commit)) return { gitFailed: `${quote(commit)} is not a commit id` }
  const root = resolve(workspace)
  if (!isInside(root, resolve(absolutePath)))
    return {
      failure: { rule: 'file/outside-workspace', message: outsideMessage(absolutePath, root) }
    }
  // ls-tree takes paths relative to its working directory, and so prints them.
  const path = relative(root, resolve(absolutePath)).split(sep).join('/')
  if (path === '')
    return { failure: { rule: 'file/not-a-file', message: `${absolutePath} is the workspace` } }
  try {
    const listing = await runGit(
      root,
      ['--literal-pathspecs', 'ls-tree', '-z', '-l', commit, '--', path],
      LISTING_LIMITS
    )
    const entry = entryFor(listing, path)
    if (!entry) return { absent: true }
    const failure = entryFailure(absolutePath, entry, commit)
    if (failure) return { failure }
    const bytes = await runGit(root, ['cat-file', 'blob', entry.object], CONTENT_LIMITS)
    return decodeExperimentText(absolutePath, bytes)
  } catch (error) {
    if (error instanceof GitError)
      return { gitFailed: `git cannot read commit ${commit.slice(0, 12)}: ${error.message}` }
    throw error
  }
}

/** What the loader is told about a path that is not in the commit. */
const notAtCommit = (path: string, commit: string): ReadResult => ({
  failure: {
    rule: 'file/not-found',
    message: `${path} does not exist at commit ${commit.slice(0, 12)}`
  }
})

/**
 * The experiment file as it was at `commit`, loaded like the head version. The loader asks for
 * the file, then for its templateFile: whatever it asked for that was not read yet is read at
 * the commit and the file is loaded again, so it is loaded at most twice.
 */
export async function experimentAtCommit(
  workspace: string,
  commit: string,
  absolutePath: string
): Promise<BaseVersion> {
  const reads = new Map<string, ReadResult>()
  let wanted = [absolutePath]
  for (;;) {
    for (const path of wanted) {
      const file = await readFileAtCommit(workspace, commit, path)
      if ('gitFailed' in file) return { state: 'git-failed', reason: file.gitFailed }
      reads.set(path, 'absent' in file ? notAtCommit(path, commit) : file)
    }
    wanted = []
    const readAtCommit: TextReader = (path) => {
      const read = reads.get(path)
      if (read) return read
      wanted.push(path)
      return { failure: { rule: 'file/unreadable', message: `${path} is read at the commit next` } }
    }
    const loaded = loadExperiment(absolutePath, workspace, readAtCommit)
    if (!wanted.length) return experimentVersion(loaded)
  }
}
