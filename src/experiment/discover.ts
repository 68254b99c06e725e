/**
 * Turns the `experiments` input (files or globs, one per line) into a sorted list of files.
 * A literal path is taken as named, so a missing file or a directory gets its own clear error;
 * a glob that matches nothing is an error too, never a silent green run. Lines starting with `!`
 * exclude what they match.
 */
import { create as createGlobber } from '@actions/glob'
import { resolve } from 'node:path'
import type { Finding } from '../validate/findings.js'

const GLOB_CHARACTERS = /[*?[\]{}]/

export interface Discovery {
  files: string[]
  findings: Finding[]
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
    const globber = await createGlobber(resolve(workspace, pattern), {
      matchDirectories: false,
      implicitDescendants: false,
      followSymbolicLinks: true
    })
    const matches = await globber.glob()
    if (matches.length === 0) {
      findings.push({
        file: pattern,
        line: 0,
        column: 0,
        rule: 'file/no-match',
        severity: 'error',
        message: `The pattern "${pattern}" in the experiments input matched no file (relative to ${workspace}). Check the path, or remove the line`
      })
    }
    for (const match of matches) files.add(match)
  }
  for (const pattern of exclusions) {
    const globber = await createGlobber(resolve(workspace, pattern), {
      matchDirectories: false,
      implicitDescendants: false
    })
    for (const match of await globber.glob()) files.delete(match)
  }
  return { files: [...files].sort(), findings }
}
