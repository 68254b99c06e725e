/**
 * The base version of experiment files, read with local git in a temporary repository of two
 * commits: the base, and the pull request's head that changes, adds and removes files.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { changedFiles } from '../../src/experiment/changed-files.js'
import { MAX_FILE_BYTES } from '../../src/experiment/read-file.js'
import { loadExperiment } from '../../src/experiment/load.js'
import { experimentAtCommit, readFileAtCommit } from '../../src/pull-request/base-version.js'
import {
  diffExperiment,
  experimentVersion,
  type ExperimentVersion
} from '../../src/pull-request/semantic-diff.js'
import { git } from '../support/git.js'
import { baseTemplate, tempWorkspace, type Workspace } from '../support/validate-files.js'

let workspace: Workspace | undefined
afterEach(() => {
  workspace?.remove()
  workspace = undefined
})

interface Repository {
  root: string
  base: string
  head: string
  path: (file: string) => string
}

/** Base: a.json, gate.json (with templates/t.json), a link, big.json. Head: a.json and t.json changed, new.json added, gone.json deleted. */
function repository(): Repository {
  const created = tempWorkspace()
  workspace = created
  const root = created.root
  git(root, 'init', '-q', '-b', 'main')
  created.write('experiments/a.json', baseTemplate())
  created.write('experiments/gone.json', baseTemplate())
  created.write('experiments/gate.json', { templateFile: '../templates/t.json' })
  created.write('experiments/orphan.json', { templateFile: '../templates/never.json' })
  created.write('templates/t.json', baseTemplate())
  created.write('experiments/big.json', `{"description": "${'x'.repeat(MAX_FILE_BYTES)}"}`)
  symlinkSync('a.json', join(root, 'experiments/link.json'))
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'base')
  const base = git(root, 'rev-parse', 'HEAD')
  created.write('experiments/a.json', { ...baseTemplate(), description: 'changed' })
  created.write('templates/t.json', {
    ...baseTemplate(),
    roleArn: 'arn:aws:iam::111122223333:role/other'
  })
  created.write('experiments/new.json', baseTemplate())
  git(root, 'rm', '-q', 'experiments/gone.json')
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', 'head')
  return { root, base, head: git(root, 'rev-parse', 'HEAD'), path: (file) => join(root, file) }
}

describe('a file at a commit', () => {
  it('reads the text the file had at the base commit', async () => {
    const { root, base, path } = repository()
    const read = await readFileAtCommit(root, base, path('experiments/a.json'))
    expect(read).toEqual({ text: JSON.stringify(baseTemplate(), null, 2) })
  })

  it('tells a file the base did not have from a commit git does not know', async () => {
    const { root, base, path } = repository()
    expect(await readFileAtCommit(root, base, path('experiments/new.json'))).toEqual({
      absent: true
    })
    const unknown = await readFileAtCommit(
      root,
      '0123456789abcdef0123456789abcdef01234567',
      path('experiments/a.json')
    )
    expect(unknown).toEqual({
      gitFailed: expect.stringMatching(/^git cannot read commit 0123456789ab: /)
    })
    const notRepository = tempWorkspace({ 'a.json': baseTemplate() })
    try {
      const outside = await readFileAtCommit(
        notRepository.root,
        base,
        join(notRepository.root, 'a.json')
      )
      expect(outside).toEqual({ gitFailed: expect.stringMatching(/not a git repository/i) })
    } finally {
      notRepository.remove()
    }
  })

  it('passes git nothing but a commit id', async () => {
    const { root, path } = repository()
    for (const commit of ['--output=/tmp/x', 'HEAD', 'main:experiments', ''])
      expect(await readFileAtCommit(root, commit, path('experiments/a.json'))).toEqual({
        gitFailed: `${JSON.stringify(commit)} is not a commit id`
      })
  })

  it('refuses a path outside the workspace, a directory, a link and a file over 1 MiB', async () => {
    const { root, base, path } = repository()
    const failure = async (file: string) => {
      const read = await readFileAtCommit(root, base, file)
      return 'failure' in read ? read.failure.rule : read
    }
    expect(await failure(join(root, '../elsewhere.json'))).toBe('file/outside-workspace')
    expect(await failure(path('experiments'))).toBe('file/not-a-file')
    expect(await failure(path('experiments/link.json'))).toBe('file/not-a-file')
    expect(await failure(path('experiments/big.json'))).toBe('file/too-large')
  })
})

/** The base version, for a test that expects git to answer. */
async function baseVersion(root: string, commit: string, file: string): Promise<ExperimentVersion> {
  const version = await experimentAtCommit(root, commit, file)
  if (version.state === 'git-failed') throw new Error(version.reason)
  return version
}

describe('the base version of an experiment', () => {
  it('is loaded with its templateFile as both were at the base commit', async () => {
    const { root, base, path } = repository()
    const gate = path('experiments/gate.json')
    const before = await baseVersion(root, base, gate)
    expect(before).toEqual({ state: 'present', content: { template: baseTemplate() } })
    const changes = diffExperiment(before, experimentVersion(loadExperiment(gate, root)))
    expect(changes.map((change) => change.words)).toEqual([
      `roleArn: ${String(baseTemplate().roleArn)} → arn:aws:iam::111122223333:role/other`
    ])
  })

  it('is unparseable when its templateFile is not in the base commit', async () => {
    const { root, base, path } = repository()
    expect(await baseVersion(root, base, path('experiments/orphan.json'))).toEqual({
      state: 'unparseable',
      reason: expect.stringMatching(
        new RegExp(
          `^templateFile "../templates/never.json": .* does not exist at commit ${base.slice(0, 12)}`
        )
      )
    })
  })

  it('is absent for a new file, and a deleted file has one at the base', async () => {
    const { root, base, path } = repository()
    expect(await experimentAtCommit(root, base, path('experiments/new.json'))).toEqual({
      state: 'absent'
    })
    const gone = path('experiments/gone.json')
    const deleted = diffExperiment(
      await baseVersion(root, base, gone),
      experimentVersion(loadExperiment(gone, root))
    )
    expect(deleted.map((change) => change.words)).toEqual(['experiment file deleted'])
  })

  it('says when git cannot read the base commit', async () => {
    const { root, path } = repository()
    expect(await experimentAtCommit(root, 'abcdef0123456789', path('experiments/a.json'))).toEqual({
      state: 'git-failed',
      reason: expect.stringMatching(/abcdef0123456789/)
    })
  })
})

describe('changed-only through the shared git runner', () => {
  it('lists the files the pull request changed, and explains a missing base commit', async () => {
    const { root, base, head, path } = repository()
    expect([...(await changedFiles(root, { base, head }))].sort()).toEqual([
      path('experiments/a.json'),
      path('experiments/new.json'),
      path('templates/t.json')
    ])
    await expect(
      changedFiles(root, { base: '0123456789abcdef0123456789abcdef01234567', head })
    ).rejects.toThrow(
      /base commit 0123456789ab in the checkout \(fatal: .*\)\. Check out with fetch-depth: 0/
    )
  })
})
