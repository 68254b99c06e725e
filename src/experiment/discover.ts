/**
 * Turns the `experiments` input (files or globs, one per line) into a sorted list of files.
 * A literal path is taken as named, so a missing file or a directory gets its own clear error;
 * a glob that matches nothing is an error too, never a silent green run. Lines starting with `!`
 * exclude what they match.
 *
 * Globs stay inside the workspace and never follow symbolic links to directories: a link to `/`
 * or a link loop would otherwise make one line walk the whole machine, or for ever. A link to a
 * file is matched like a file and confined when it is read (load.ts).
 */
import { create as createGlobber } from '@actions/glob'
import { resolve } from 'node:path'
import type { Finding } from '../validate/findings.js'
import { excerpt } from './excerpt.js'
import { isInside } from './workspace.js'

const GLOB_CHARACTERS = /[*?[\]{}]/
/** Far more experiment files than any repository holds; a glob matching more is a mistake. */
export const MAX_GLOB_MATCHES = 10_000

export interface Discovery {
  files: string[]
  findings: Finding[]
}

type GlobResult = { matches: string[] } | { finding: Finding }

/**
 * @actions/glob logs every option and search path with core.debug: `::debug::` lines the runner
 * hides but keeps in the raw log, dozens per pattern. Unless the run has debug logging on
 * (RUNNER_DEBUG=1, which is what core.isDebug() reads), those lines are dropped while it globs;
 * everything else written meanwhile passes unchanged. (@actions/core writes each command with
 * one write of its whole line.)
 */
async function withoutDebugCommands<T>(run: () => Promise<T>): Promise<T> {
  if (process.env.RUNNER_DEBUG === '1') return run()
  const stdout = process.stdout
  const write = stdout.write
  const filtered = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && chunk.startsWith('::debug::')) {
      const done = rest.find((argument) => typeof argument === 'function') as
        (() => void) | undefined
      if (done) process.nextTick(done)
      return true
    }
    return Reflect.apply(write, this, [chunk, ...rest]) as boolean
  }
  stdout.write = filtered as typeof stdout.write
  try {
    return await run()
  } finally {
    stdout.write = write
  }
}

const patternFinding = (pattern: string, rule: Finding['rule'], message: string): Finding => ({
  file: pattern,
  line: 0,
  column: 0,
  rule,
  severity: 'error',
  message
})

/** The directory a glob starts from: its path up to the first segment with a glob character. */
function globRoot(pattern: string, workspace: string): string {
  const segments = pattern.split(/[\\/]/)
  const literal = segments.slice(
    0,
    segments.findIndex((segment) => GLOB_CHARACTERS.test(segment))
  )
  return resolve(workspace, literal.join('/') || '.')
}

async function expand(pattern: string, workspace: string, limit: number): Promise<GlobResult> {
  if (!isInside(resolve(workspace), globRoot(pattern, workspace))) {
    return {
      finding: patternFinding(
        pattern,
        'file/outside-workspace',
        `The pattern "${pattern}" in the experiments input searches outside the workspace (${workspace}); fis-gate reads experiment files only inside it. Use a path relative to the workspace`
      )
    }
  }
  const matches: string[] = []
  try {
    const tooMany = await withoutDebugCommands(async () => {
      const globber = await createGlobber(resolve(workspace, pattern), {
        matchDirectories: false,
        implicitDescendants: false,
        followSymbolicLinks: false
      })
      for await (const match of globber.globGenerator()) {
        matches.push(match)
        if (matches.length > limit) return true
      }
      return false
    })
    if (tooMany)
      return {
        finding: patternFinding(
          pattern,
          'file/too-many-matches',
          `The pattern "${pattern}" in the experiments input matches more than ${MAX_GLOB_MATCHES} files; narrow it to the experiment files (for example experiments/**/*.json)`
        )
      }
  } catch (error) {
    return {
      finding: patternFinding(
        pattern,
        'file/unreadable',
        `The pattern "${pattern}" in the experiments input could not be searched: ${excerpt((error as Error).message, 300)}. Make the directory readable, or narrow the pattern`
      )
    }
  }
  return { matches }
}

export async function discoverExperimentFiles(
  patterns: readonly string[],
  workspace: string
): Promise<Discovery> {
  const files = new Set<string>()
  const findings: Finding[] = []
  const exclusions = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => pattern.slice(1))
  for (const pattern of patterns.filter((line) => !line.startsWith('!'))) {
    if (!GLOB_CHARACTERS.test(pattern)) {
      files.add(resolve(workspace, pattern))
      continue
    }
    const result = await expand(pattern, workspace, MAX_GLOB_MATCHES)
    if ('finding' in result) findings.push(result.finding)
    else if (result.matches.length === 0) {
      findings.push(
        patternFinding(
          pattern,
          'file/no-match',
          `The pattern "${pattern}" in the experiments input matched no file (relative to ${workspace}). Check the path, or remove the line`
        )
      )
    }
    for (const match of 'matches' in result ? result.matches : []) files.add(match)
  }
  for (const pattern of exclusions) {
    // An exclusion may match any number of files; outside the workspace it excludes nothing.
    const result = await expand(pattern, workspace, Infinity)
    if ('finding' in result && result.finding.rule !== 'file/outside-workspace')
      findings.push(result.finding)
    for (const match of 'matches' in result ? result.matches : []) files.delete(match)
  }
  // Exclusions that leave nothing would make a green gate out of no experiment at all.
  if (files.size === 0 && findings.length === 0 && patterns.length > 0)
    findings.push(
      patternFinding(
        patterns.join(', '),
        'file/no-match',
        `The experiments input (${patterns.map((pattern) => `"${pattern}"`).join(', ')}) leaves no file once its exclusions apply, so there is nothing to check. Check the patterns`
      )
    )
  return { files: [...files].sort(), findings }
}
