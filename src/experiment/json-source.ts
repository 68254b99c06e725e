/**
 * A JSON parser that remembers where every value and key came from, so each finding can point at
 * an exact line and column. It is iterative (an explicit stack), so hostile nesting cannot
 * overflow the call stack, and it reports the mistakes people really make in experiment files
 * (trailing commas, comments, single quotes, unquoted Terraform placeholders) in plain words.
 */
import { excerpt, quote } from './excerpt.js'

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject
export interface JsonObject {
  [key: string]: JsonValue
}

/** 1-based line and column, as editors and GitHub annotations count them. */
export interface Position {
  line: number
  column: number
}

export interface JsonSyntaxError {
  rule: 'syntax/invalid-json' | 'syntax/too-deep' | 'syntax/duplicate-key' | 'syntax/empty-file'
  message: string
  offset: number
}

/** Offsets of one node: where its key starts (object members only) and where its value starts. */
interface NodeOffsets {
  key?: number
  value: number
  container: boolean
}

export interface ParsedJson {
  value: JsonValue
  /**
   * Finds a JSON Pointer's position, falling back to the nearest ancestor that exists. By default
   * an object or array is located by its member name (people name things by their key) and any
   * other value by the value itself.
   */
  locate(pointer: string, part?: 'key' | 'value'): Position
  positionOf(offset: number): Position
}

/** Deeper than any FIS template or gate file needs; stops pathological input early. */
export const MAX_NESTING_DEPTH = 128

const isDigit = (code: number): boolean => code >= 48 && code <= 57

export function escapePointerToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return []
  const tokens = pointer.slice(1).split('/')
  return pointer.includes('~')
    ? tokens.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    : tokens
}

/** Line starts of a text, for offset → line/column conversion by binary search. */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0]
  for (let next = text.indexOf('\n'); next >= 0; next = text.indexOf('\n', next + 1))
    starts.push(next + 1)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 }
  }
}

/** `open`: just after the opening bracket; `member`: after a value, expecting ',' or the close. */
type Frame =
  | {
      kind: 'object'
      value: JsonObject
      members: Map<string, NodeOffsets>
      state: 'open' | 'member'
      key?: string
      keyOffset?: number
    }
  | { kind: 'array'; value: JsonValue[]; items: NodeOffsets[]; state: 'open' | 'member' }

class SyntaxFailure extends Error {
  constructor(readonly detail: JsonSyntaxError) {
    super(detail.message)
  }
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file'
  const char = text[offset] as string
  if (char === '\n' || char === '\r') return 'a line break'
  return `'${char}'`
}

/** Sets a member as own data, even `__proto__`, which plain assignment would treat as the prototype. */
export function defineMember(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true
    })
  } else {
    target[key] = value
  }
}

export function parseJson(text: string): ParsedJson | { error: JsonSyntaxError } {
  try {
    return parseOrThrow(text)
  } catch (failure) {
    if (failure instanceof SyntaxFailure) return { error: failure.detail }
    throw failure
  }
}

function parseOrThrow(text: string): ParsedJson {
  // Offsets per container (member name or index → offsets); pointers are resolved only on demand.
  const children = new Map<JsonObject | JsonValue[], Map<string, NodeOffsets> | NodeOffsets[]>()
  let rootOffsets: NodeOffsets = { value: 0, container: false }
  const length = text.length
  let pos = 0

  const fail = (
    message: string,
    offset: number,
    rule: JsonSyntaxError['rule'] = 'syntax/invalid-json'
  ): never => {
    throw new SyntaxFailure({ rule, message, offset })
  }

  const skipWhitespace = (): void => {
    while (pos < length) {
      const code = text.charCodeAt(pos)
      if (code === 32 || code === 10 || code === 13 || code === 9) {
        pos++
      } else if (code === 47 && (text[pos + 1] === '/' || text[pos + 1] === '*')) {
        fail('Comments are not allowed in JSON; remove the comment', pos)
      } else {
        return
      }
    }
  }

  const parseString = (): string => {
    const start = pos
    pos++ // opening quote
    let result = ''
    let chunkStart = pos
    while (pos < length) {
      const code = text.charCodeAt(pos)
      if (code === 34) {
        result += text.slice(chunkStart, pos)
        pos++
        return result
      }
      if (code === 92) {
        result += text.slice(chunkStart, pos)
        const escape = text[pos + 1]
        switch (escape) {
          case '"':
            result += '"'
            break
          case '\\':
            result += '\\'
            break
          case '/':
            result += '/'
            break
          case 'b':
            result += '\b'
            break
          case 'f':
            result += '\f'
            break
          case 'n':
            result += '\n'
            break
          case 'r':
            result += '\r'
            break
          case 't':
            result += '\t'
            break
          case 'u': {
            const hex = text.slice(pos + 2, pos + 6)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(`Invalid unicode escape '\\u${hex}'`, pos)
            result += String.fromCharCode(parseInt(hex, 16))
            pos += 4
            break
          }
          default:
            fail(`Invalid escape '\\${escape ?? ''}' in a string`, pos)
        }
        pos += 2
        chunkStart = pos
        continue
      }
      if (code < 32) {
        if (code === 10 || code === 13) {
          fail(
            'Unterminated string: the closing quote is missing before the end of the line (write a line break inside a string as \\n)',
            pos
          )
        }
        fail(
          `Control character U+${code.toString(16).padStart(4, '0').toUpperCase()} inside a string must be escaped (for example \\t or \\u0009)`,
          pos
        )
      }
      pos++
    }
    return fail('Unterminated string: the closing quote is missing', start)
  }

  const parseNumber = (): number => {
    const start = pos
    if (text[pos] === '-') pos++
    if (text[pos] === '0') {
      pos++
    } else if (isDigit(text.charCodeAt(pos)) && text[pos] !== '0') {
      while (isDigit(text.charCodeAt(pos))) pos++
    } else {
      fail(`Invalid number: expected a digit after '-'`, start)
    }
    if (text[pos] === '.') {
      pos++
      if (!isDigit(text.charCodeAt(pos)))
        fail('Invalid number: expected a digit after the decimal point', pos)
      while (isDigit(text.charCodeAt(pos))) pos++
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos++
      if (text[pos] === '+' || text[pos] === '-') pos++
      if (!isDigit(text.charCodeAt(pos)))
        fail('Invalid number: expected a digit in the exponent', pos)
      while (isDigit(text.charCodeAt(pos))) pos++
    }
    if (isDigit(text.charCodeAt(pos)) && text[start] === '0')
      fail('Numbers cannot have leading zeros', start)
    return Number(text.slice(start, pos))
  }

  const unexpectedValue = (): never => {
    const char = text[pos]
    if (char === "'") return fail('Strings must use double quotes, not single quotes', pos)
    if (char === '$' && text[pos + 1] === '{') {
      const end = text.indexOf('}', pos)
      const placeholder = end > pos ? excerpt(text.slice(pos, end + 1)) : '${…}'
      return fail(
        `Unquoted placeholder ${placeholder}: this is a template (Terraform templatefile) that must be rendered first, or the placeholder must be inside a JSON string`,
        pos
      )
    }
    if (char === '}' || char === ']')
      return fail(`Unexpected '${char}': a value is missing (is there a trailing comma?)`, pos)
    if (pos >= length) return fail('Unexpected end of the file: a value is missing', pos)
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos, pos + 40))?.[0]
    if (word) {
      const hint =
        word === 'True' || word === 'False' || word === 'None'
          ? ` (JSON spells it ${word === 'None' ? 'null' : word.toLowerCase()})`
          : ''
      return fail(
        `Unexpected word '${word}': JSON values are strings in double quotes, numbers, true, false, null, objects or arrays${hint}`,
        pos
      )
    }
    return fail(`Unexpected ${describeChar(text, pos)}: expected a JSON value`, pos)
  }

  const parseLiteral = (): JsonValue => {
    if (text.startsWith('true', pos)) {
      pos += 4
      return true
    }
    if (text.startsWith('false', pos)) {
      pos += 5
      return false
    }
    if (text.startsWith('null', pos)) {
      pos += 4
      return null
    }
    return unexpectedValue()
  }

  const stack: Frame[] = []
  let root: JsonValue | undefined
  let rootSet = false

  /** Stores a finished value into the enclosing container (or as the root). */
  const attach = (value: JsonValue, valueOffset: number): void => {
    const frame = stack[stack.length - 1]
    const container = value !== null && typeof value === 'object'
    if (!frame) {
      root = value
      rootSet = true
      rootOffsets = { value: valueOffset, container }
      return
    }
    if (frame.kind === 'array') {
      frame.items.push({ value: valueOffset, container })
      frame.value.push(value)
    } else {
      const key = frame.key as string
      frame.members.set(key, { key: frame.keyOffset, value: valueOffset, container })
      defineMember(frame.value, key, value)
      frame.key = undefined
    }
  }

  /** Parses one value; containers push a frame and are completed by the main loop. */
  const beginValue = (): void => {
    skipWhitespace()
    const start = pos
    const char = text[pos]
    if (char === '{' || char === '[') {
      if (stack.length >= MAX_NESTING_DEPTH) {
        fail(
          `Nesting is deeper than ${MAX_NESTING_DEPTH} levels; an experiment file never needs that`,
          pos,
          'syntax/too-deep'
        )
      }
      pos++
      if (char === '{') {
        const object: JsonObject = {}
        const members = new Map<string, NodeOffsets>()
        children.set(object, members)
        attach(object, start)
        stack.push({ kind: 'object', value: object, members, state: 'open' })
      } else {
        const array: JsonValue[] = []
        const items: NodeOffsets[] = []
        children.set(array, items)
        attach(array, start)
        stack.push({ kind: 'array', value: array, items, state: 'open' })
      }
      return
    }
    let value: JsonValue
    if (char === '"') value = parseString()
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9'))
      value = parseNumber()
    else value = parseLiteral()
    attach(value, start)
  }

  const expectMemberKey = (
    frame: Extract<Frame, { kind: 'object' }>,
    afterComma: boolean
  ): void => {
    skipWhitespace()
    const char = text[pos]
    if (char === '"') {
      const keyOffset = pos
      const key = parseString()
      if (Object.prototype.hasOwnProperty.call(frame.value, key)) {
        fail(
          `Duplicate key ${quote(key)}: JSON parsers keep only the last one, so an earlier value would be silently lost`,
          keyOffset,
          'syntax/duplicate-key'
        )
      }
      skipWhitespace()
      if (text[pos] !== ':')
        fail(`Expected ':' after the key ${quote(key)}, found ${describeChar(text, pos)}`, pos)
      pos++
      frame.key = key
      frame.keyOffset = keyOffset
      beginValue()
      return
    }
    if (char === '}' && afterComma)
      fail("Trailing comma before '}' is not allowed in JSON; remove the last comma", pos)
    if (char === "'") fail('Keys must use double quotes, not single quotes', pos)
    if (char !== undefined && /[A-Za-z_$]/.test(char))
      fail('Keys must be strings in double quotes', pos)
    fail(`Expected a key in double quotes, found ${describeChar(text, pos)}`, pos)
  }

  skipWhitespace()
  if (pos >= length) fail('The file is empty; expected a JSON object', 0, 'syntax/empty-file')
  beginValue()

  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame
    skipWhitespace()
    const char = text[pos]
    const close = frame.kind === 'object' ? '}' : ']'
    if (char === close) {
      pos++
      stack.pop()
      continue
    }
    if (frame.state === 'open') {
      frame.state = 'member'
      if (frame.kind === 'object') expectMemberKey(frame, false)
      else beginValue()
      continue
    }
    if (char !== ',') {
      const where = frame.kind === 'object' ? 'an object' : 'an array'
      const hint = char === '"' || char === '{' || char === '[' ? ' (is a comma missing?)' : ''
      fail(
        `Expected ',' or '${close}' after a value in ${where}, found ${describeChar(text, pos)}${hint}`,
        pos
      )
    }
    pos++
    if (frame.kind === 'object') {
      expectMemberKey(frame, true)
    } else {
      skipWhitespace()
      if (text[pos] === ']')
        fail("Trailing comma before ']' is not allowed in JSON; remove the last comma", pos)
      beginValue()
    }
  }

  skipWhitespace()
  if (pos < length)
    fail(`Unexpected ${describeChar(text, pos)} after the end of the JSON value`, pos)
  if (!rootSet) fail('Expected a JSON value', 0)

  let toPosition: ((offset: number) => Position) | undefined
  const positionOf = (offset: number): Position => {
    toPosition ??= lineIndex(text)
    return toPosition(offset)
  }
  return {
    value: root as JsonValue,
    positionOf,
    locate(pointer, part) {
      // Walk down the value tree; stop at the deepest node that exists (the nearest ancestor).
      let node = rootOffsets
      let value: JsonValue | undefined = root
      let exact = true
      for (const token of splitPointer(pointer)) {
        const offsets =
          value !== null && typeof value === 'object' ? children.get(value) : undefined
        const child = Array.isArray(offsets) ? offsets[Number(token)] : offsets?.get(token)
        if (!child || (Array.isArray(offsets) && !/^\d+$/.test(token))) {
          exact = false
          break
        }
        node = child
        value = Array.isArray(value) ? value[Number(token)] : (value as JsonObject)[token]
      }
      const wanted = exact ? part : undefined
      const useKey =
        node.key !== undefined && (wanted === 'key' || (wanted === undefined && node.container))
      return positionOf(useKey ? (node.key as number) : node.value)
    }
  }
}
