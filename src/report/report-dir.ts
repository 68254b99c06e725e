/**
 * `report-dir` must be a directory fis-gate can write, checked before anything runs: a file, a
 * read-only place or a path under /proc is a clear input error at the start, not a crash after
 * an experiment ran. Every step is bounded in time, so a path on a stalled mount cannot hang it.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
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

export async function prepareReportDir(directory: string): Promise<void> {
  const refuse = (why: string): InputError =>
    new InputError(
      `Input report-dir: ${JSON.stringify(directory)} ${why}; point it at a writable directory, for example \${{ runner.temp }}/fis-gate`
    )
  try {
    await withinTime(mkdir(directory, { recursive: true }), 'creating it')
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
