/**
 * Reads an experiment file as text the way a person expects: UTF-8 with an optional BOM, CRLF
 * tolerated, and a located, plain-words error for everything else (directories, binary or UTF-16
 * files, invalid UTF-8, files far larger than any experiment). Reads are synchronous on purpose:
 * files are validated one after another, and async fs costs ten times more per small file.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { lineIndex, type Position } from './json-source.js'
import { confine } from './workspace.js'

/** FIS templates top out around tens of kilobytes; 1 MiB leaves room for any real file. */
export const MAX_FILE_BYTES = 1024 * 1024

export type ReadFailure = {
  rule:
    | 'file/not-found'
    | 'file/not-a-file'
    | 'file/unreadable'
    | 'file/too-large'
    | 'file/outside-workspace'
    | 'syntax/invalid-utf8'
  message: string
  position?: Position
}

export type ReadResult = { text: string } | { failure: ReadFailure }

const fatalDecoder = new TextDecoder('utf-8', { fatal: true })

/** Offset of the first byte that breaks UTF-8, scanning only after the fast decoder said no. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i] as number
    const size =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0
    if (size === 0) return i
    try {
      fatalDecoder.decode(bytes.subarray(i, i + size))
    } catch {
      return i
    }
    i += size
  }
  return bytes.length
}

/** A failure of the file system, in the words of a read failure. */
function systemFailure(path: string, error: unknown): ReadFailure {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return { rule: 'file/not-found', message: `${path} does not exist` }
  if (code === 'EISDIR') return directoryFailure(path)
  return { rule: 'file/unreadable', message: `${path} cannot be read (${code ?? String(error)})` }
}

const directoryFailure = (path: string): ReadFailure => ({
  rule: 'file/not-a-file',
  message: `${path} is a directory; name experiment files, or a glob such as ${path.replace(/\/$/, '')}/**/*.json`
})

/** Why a file of this kind and size cannot be an experiment file, or undefined when it can. */
function kindFailure(path: string, info: Stats): ReadFailure | undefined {
  if (info.isDirectory()) return directoryFailure(path)
  // A FIFO or a device would block a read or never end; only regular files are read.
  if (!info.isFile()) return { rule: 'file/not-a-file', message: `${path} is not a regular file` }
  return info.size > MAX_FILE_BYTES ? tooLargeFailure(path, info.size) : undefined
}

export const tooLargeFailure = (path: string, size: number): ReadFailure => ({
  rule: 'file/too-large',
  message: `${path} is ${(size / (1024 * 1024)).toFixed(1)} MiB; an experiment file is at most 1 MiB (an FIS template holds at most 20 actions with 1024-character parameters)`,
  position: { line: 1, column: 1 }
})

/**
 * The bytes of a regular file of at most MAX_FILE_BYTES. Opened without blocking and checked
 * again on the open descriptor, so a file swapped for a FIFO after the first look cannot hang
 * the read; a file that grows meanwhile is read no further than one byte past its size.
 */
function readRegularFile(path: string, realPath: string): Buffer | ReadFailure {
  const first = kindFailure(path, statSync(realPath))
  if (first) return first
  const descriptor = openSync(realPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    const info = fstatSync(descriptor)
    const again = kindFailure(path, info)
    if (again) return again
    const buffer = Buffer.allocUnsafe(info.size + 1)
    let length = 0
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = readSync(descriptor, buffer, length, buffer.length - length, null)
    if (length > info.size)
      return { rule: 'file/unreadable', message: `${path} changed while it was read; try again` }
    return buffer.subarray(0, length)
  } finally {
    closeSync(descriptor)
  }
}

/** Reads an experiment file inside `workspace` (see workspace.ts) as text. */
export function readExperimentText(path: string, workspace: string): ReadResult {
  const confined = confine(path, workspace)
  if ('outside' in confined)
    return { failure: { rule: 'file/outside-workspace', message: confined.outside } }
  if ('missing' in confined)
    return { failure: { rule: 'file/not-found', message: `${path} does not exist` } }
  if ('unreadable' in confined)
    return { failure: { rule: 'file/unreadable', message: confined.unreadable } }
  let bytes: Buffer | ReadFailure
  try {
    bytes = readRegularFile(path, confined.realPath)
  } catch (error) {
    return { failure: systemFailure(path, error) }
  }
  return Buffer.isBuffer(bytes) ? decodeExperimentText(path, bytes) : { failure: bytes }
}

/** An experiment file's bytes as text: UTF-8 with an optional BOM; UTF-16 and invalid UTF-8 refused. */
export function decodeExperimentText(path: string, bytes: Buffer): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      failure: {
        rule: 'syntax/invalid-utf8',
        message: `${path} is UTF-16 encoded; save it as UTF-8`,
        position: { line: 1, column: 1 }
      }
    }
  }
  const body =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return { text: fatalDecoder.decode(body) }
  } catch {
    const offset = firstInvalidUtf8Byte(body)
    const validPrefix = body.subarray(0, offset).toString('utf8')
    const byte = (body[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')
    return {
      failure: {
        rule: 'syntax/invalid-utf8',
        message: `${path} is not valid UTF-8 (byte 0x${byte} at offset ${offset}); save the file as UTF-8`,
        position: lineIndex(validPrefix)(validPrefix.length)
      }
    }
  }
}
