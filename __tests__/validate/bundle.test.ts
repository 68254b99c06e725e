/**
 * One SDK release in the bundle: every copy of @smithy/core or @aws-sdk/core the lockfile resolves
 * is bundled, so two releases mean two SDKs in dist/ (it once held ten copies, 35 MB). And the
 * bundled JavaScript stays within its 4 MiB budget.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string }>
}

function releasesOf(name: string): string[] {
  const versions = Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([, entry]) => entry.version ?? '?')
  return [...new Set(versions)]
}

describe('the bundle', () => {
  it.each(['@smithy/core', '@aws-sdk/core', '@aws-sdk/credential-provider-node'])(
    'resolves one release of %s',
    (name) => {
      expect(releasesOf(name)).toHaveLength(1)
    }
  )

  it('keeps dist/*.js within 4 MiB', () => {
    const files = ['dist/main', 'dist/post'].flatMap((folder) =>
      readdirSync(folder)
        .filter((file) => file.endsWith('.js'))
        .map((file) => join(folder, file))
    )
    const bytes = files.reduce((total, file) => total + statSync(file).size, 0)
    expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024)
  })
})
