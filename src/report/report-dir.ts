/**
 * `report-dir` must be a directory fis-gate can write, checked before anything runs: a file, a
 * read-only place or a path under /proc is a clear input error at the start, not a crash after
 * an experiment ran. Every step is bounded in time, so a path on a stalled mount cannot hang it.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { InputError } from '../inputs.js'

const FILE_SYSTEM_LIMIT_MS = 5_000

function withinTime<T>(step: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${FILE_SYSTEM_LIMIT_MS / 1000} s`)),
      FILE_SYSTEM_LIMIT_MS
    )
  })
  return Promise.race([step, late]).finally(() => clearTimeout(timer))
}

const codeOf = (error: unknown): string =>
  error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)

/**
 * Creates the missing part of `directory` one level at a time: Node's recursive mkdir never
 * returns for a path under /proc, where each level is created without `recursive`.
 */
async function createEachLevel(directory: string): Promise<void> {
  const missing: string[] = []
  let path = resolve(directory)
  while (!(await exists(path))) {
    missing.unshift(path)
    const parent = dirname(path)
    if (parent === path) break
    path = parent
  }
  for (const level of missing) await mkdir(level)
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  )

export async function prepareReportDir(directory: string): Promise<void> {
  const refuse = (why: string): InputError =>
    new InputError(
      `Input report-dir: ${JSON.stringify(directory)} ${why}; point it at a writable directory, for example \${{ runner.temp }}/fis-gate`
    )
  try {
    await withinTime(createEachLevel(directory), 'creating it')
  } catch (error) {
    throw refuse(`cannot be created (${codeOf(error)})`)
  }
  const found = await withinTime(stat(directory), 'reading it').catch((error: unknown) => {
    throw refuse(`cannot be read (${codeOf(error)})`)
  })
  if (!found.isDirectory()) throw refuse('is not a directory')
  const probe = join(directory, `.fis-gate-write-check-${process.pid}`)
  try {
    await withinTime(writeFile(probe, ''), 'writing to it')
    await withinTime(rm(probe, { force: true }), 'cleaning up the write check')
  } catch (error) {
    throw refuse(`is not writable (${codeOf(error)})`)
  }
}
