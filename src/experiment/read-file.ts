/**
 * Reads an experiment file as text the way a person expects: UTF-8 with an optional BOM, CRLF
 * tolerated, and a located, plain-words error for everything else (directories, binary or UTF-16
 * files, invalid UTF-8, files far larger than any experiment). Reads are synchronous on purpose:
 * files are validated one after another, and async fs costs ten times more per small file.
 */
import { readFileSync, statSync, type Stats } from 'node:fs'
import { lineIndex, type Position } from './json-source.js'

/** FIS templates top out around tens of kilobytes; 1 MiB leaves room for any real file. */
export const MAX_FILE_BYTES = 1024 * 1024

export type ReadFailure = {
  rule:
    | 'file/not-found'
    | 'file/not-a-file'
    | 'file/unreadable'
    | 'file/too-large'
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

export function readExperimentText(path: string): ReadResult {
  let info: Stats
  try {
    info = statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { failure: { rule: 'file/not-found', message: `${path} does not exist` } }
    }
    return {
      failure: {
        rule: 'file/unreadable',
        message: `${path} cannot be read (${code ?? String(error)})`
      }
    }
  }
  if (info.isDirectory()) {
    return {
      failure: {
        rule: 'file/not-a-file',
        message: `${path} is a directory; name experiment files, or a glob such as ${path.replace(/\/$/, '')}/**/*.json`
      }
    }
  }
  if (!info.isFile())
    return { failure: { rule: 'file/not-a-file', message: `${path} is not a regular file` } }
  if (info.size > MAX_FILE_BYTES) {
    const megabytes = (info.size / (1024 * 1024)).toFixed(1)
    return {
      failure: {
        rule: 'file/too-large',
        message: `${path} is ${megabytes} MiB; an experiment file is at most 1 MiB (an FIS template holds at most 20 actions with 1024-character parameters)`,
        position: { line: 1, column: 1 }
      }
    }
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    return {
      failure: {
        rule: 'file/unreadable',
        message: `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`
      }
    }
  }
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
