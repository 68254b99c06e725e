/**
 * Writes dist/licenses.txt: the license of every production package in package-lock.json, in
 * lockfile (path) order. ncc's own --license output is not reproducible: the bundle holds several
 * copies of some packages (e.g. @aws-sdk/core with and without a LICENSE file) and ncc keeps the
 * copy it meets first, in directory-listing order, which differs between machines.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    { version?: string; license?: string; dev?: boolean; devOptional?: boolean; optional?: boolean }
  >
}

const sections: string[] = []
for (const [path, entry] of Object.entries(lock.packages).sort(([a], [b]) =>
  a < b ? -1 : a > b ? 1 : 0
)) {
  if (!path || entry.dev || entry.devOptional) continue
  const directory = join(root, path)
  if (!existsSync(directory)) continue // an optional package for another platform
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
  const licenseFile = readdirSync(directory)
    .filter((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file))
    .sort()[0]
  const text = licenseFile ? readFileSync(join(directory, licenseFile), 'utf8').trim() : ''
  sections.push(
    [`${name}@${entry.version ?? '?'}`, entry.license ?? 'unknown', text].filter(Boolean).join('\n')
  )
}
writeFileSync(join(root, 'dist/licenses.txt'), `${sections.join('\n\n')}\n`)
console.log(`wrote dist/licenses.txt (${sections.length} packages)`)
