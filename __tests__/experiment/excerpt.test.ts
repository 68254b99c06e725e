import { describe, expect, it } from '@jest/globals'
import { EXCERPT_LENGTH, excerpt, excerptList, quote } from '../../src/experiment/excerpt.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

describe('excerpt', () => {
  it('keeps a short value whole', () => {
    expect(excerpt('arn:aws:iam::111122223333:role/fis')).toBe('arn:aws:iam::111122223333:role/fis')
    expect(excerpt('x'.repeat(EXCERPT_LENGTH))).toBe('x'.repeat(EXCERPT_LENGTH))
  })

  it('cuts a long value to its first code points, with an ellipsis', () => {
    expect(excerpt('x'.repeat(1_000_000))).toBe(`${'x'.repeat(EXCERPT_LENGTH)}…`)
    expect(excerpt('abcdef', 3)).toBe('abc…')
  })

  it('never cuts a character in half', () => {
    const cut = excerpt(`a${'😀'.repeat(100)}`)
    expect(Array.from(cut)).toHaveLength(EXCERPT_LENGTH + 1)
    expect(cut.endsWith('😀…')).toBe(true)
    expect(LONE_SURROGATE.test(cut)).toBe(false)
    // 80 emoji are 160 UTF-16 units but 80 code points: within the limit, kept whole.
    expect(excerpt('😀'.repeat(EXCERPT_LENGTH))).toBe('😀'.repeat(EXCERPT_LENGTH))
  })

  it('quotes with line breaks and quotes escaped, so a value cannot break its line', () => {
    expect(quote('a"b\nc')).toBe('"a\\"b\\nc"')
    expect(quote('y'.repeat(500))).toBe(`"${'y'.repeat(EXCERPT_LENGTH)}…"`)
  })

  it('lists at most ten names, each bounded, and counts the rest', () => {
    const names = Array.from({ length: 25 }, (_, index) => `n${index}`)
    expect(excerptList(names)).toBe('n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 and 15 more')
    expect(excerptList(['z'.repeat(300)], ' → ')).toBe(`${'z'.repeat(EXCERPT_LENGTH)}…`)
    expect(excerptList([])).toBe('')
  })
})
