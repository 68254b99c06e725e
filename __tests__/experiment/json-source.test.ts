import { describe, expect, it } from '@jest/globals'
import { MAX_NESTING_DEPTH, parseJson, type ParsedJson } from '../../src/experiment/json-source.js'

function parsed(text: string): ParsedJson {
  const result = parseJson(text)
  if ('error' in result) throw new Error(`unexpected error: ${result.error.message}`)
  return result
}

function failure(text: string): { rule: string; message: string; line: number; column: number } {
  const result = parseJson(text)
  if (!('error' in result)) throw new Error('expected a syntax error')
  const before = text.slice(0, result.error.offset)
  return {
    rule: result.error.rule,
    message: result.error.message,
    line: before.split('\n').length,
    column: result.error.offset - before.lastIndexOf('\n')
  }
}

describe('parseJson values', () => {
  it('parses every JSON type exactly like JSON.parse', () => {
    const text =
      '{"s": "a\\"b\\u00e9\\n", "n": -1.5e3, "i": 0, "t": true, "f": false, "z": null, "a": [1, [2, {}], []], "o": {"k": {}}}'
    expect(parsed(text).value).toEqual(JSON.parse(text))
  })

  it('keeps __proto__ and constructor as plain data members', () => {
    const value = parsed('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}')
      .value as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(value['__proto__']).toEqual({ polluted: true })
  })

  it('locates keys and values by JSON Pointer, 1-based', () => {
    const document = parsed(
      '{\n  "actions": {\n    "a/b": { "actionId": "x" }\n  },\n  "list": [10, 20]\n}'
    )
    expect(document.locate('/actions/a~1b/actionId')).toEqual({ line: 3, column: 26 })
    expect(document.locate('/actions/a~1b', 'key')).toEqual({ line: 3, column: 5 })
    expect(document.locate('/list/1')).toEqual({ line: 5, column: 16 })
    expect(document.locate('/actions/missing/deeper')).toEqual({ line: 2, column: 3 })
    expect(document.locate('')).toEqual({ line: 1, column: 1 })
  })

  it('counts lines correctly with CRLF line endings', () => {
    const document = parsed('{\r\n  "a": 1,\r\n  "b": [\r\n    true\r\n  ]\r\n}\r\n')
    expect(document.locate('/b/0')).toEqual({ line: 4, column: 5 })
  })

  it('accepts nesting up to the limit', () => {
    const depth = MAX_NESTING_DEPTH
    expect(() => parsed('['.repeat(depth) + ']'.repeat(depth))).not.toThrow()
  })
})

describe('parseJson errors', () => {
  it.each([
    [
      'trailing comma in an object',
      '{\n  "a": 1,\n}',
      'syntax/invalid-json',
      3,
      1,
      /Trailing comma before '\}'/
    ],
    [
      'trailing comma in an array',
      '[1, 2,\n ]',
      'syntax/invalid-json',
      2,
      2,
      /Trailing comma before '\]'/
    ],
    [
      'a comment',
      '{\n  // note\n  "a": 1\n}',
      'syntax/invalid-json',
      2,
      3,
      /Comments are not allowed/
    ],
    ['single quotes', "{'a': 1}", 'syntax/invalid-json', 1, 2, /double quotes/],
    [
      'an unquoted Terraform placeholder',
      '{\n  "stopConditions": ${alarm}\n}',
      'syntax/invalid-json',
      2,
      21,
      /Unquoted placeholder \$\{alarm\}/
    ],
    ['a missing comma', '{"a": 1\n "b": 2}', 'syntax/invalid-json', 2, 2, /is a comma missing/],
    ['a missing colon', '{"a" 1}', 'syntax/invalid-json', 1, 6, /Expected ':' after the key "a"/],
    [
      'an unterminated string',
      '{"a": "x\n}',
      'syntax/invalid-json',
      1,
      9,
      /closing quote is missing/
    ],
    ['a raw tab inside a string', '{"a": "x\ty"}', 'syntax/invalid-json', 1, 9, /U\+0009/],
    ['Python literals', '{"a": True}', 'syntax/invalid-json', 1, 7, /JSON spells it true/],
    ['leading zeros', '{"a": 007}', 'syntax/invalid-json', 1, 7, /leading zeros/],
    [
      'text after the value',
      '{}\n{}',
      'syntax/invalid-json',
      2,
      1,
      /after the end of the JSON value/
    ],
    [
      'a duplicate key',
      '{\n  "a": 1,\n  "a": 2\n}',
      'syntax/duplicate-key',
      3,
      3,
      /Duplicate key "a"/
    ],
    ['an empty file', '', 'syntax/empty-file', 1, 1, /empty/],
    ['whitespace only', ' \n\t ', 'syntax/empty-file', 1, 1, /empty/]
  ])('reports %s at its line and column', (_name, text, rule, line, column, message) => {
    const error = failure(text)
    expect(error).toMatchObject({ rule, line, column })
    expect(error.message).toMatch(message)
  })

  it('stops 10,000-deep nesting with a located error instead of overflowing the stack', () => {
    const error = failure('['.repeat(10_000) + ']'.repeat(10_000))
    expect(error.rule).toBe('syntax/too-deep')
    expect(error.column).toBe(MAX_NESTING_DEPTH + 1)
  })
})
