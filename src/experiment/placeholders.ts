/**
 * `${NAME}` substitution and detection of the fill-in styles found in published templates
 * (`<YOUR ACCOUNT>`, `{{x}}`, `your_region`, `ACCOUNT_ID` in an ARN), so they are reported as
 * placeholders to fill in rather than as malformed values.
 */
import { defineMember, escapePointerToken, type JsonObject, type JsonValue } from './json-source.js'

export interface PlaceholderHit {
  /** JSON Pointer of the string value, relative to the value that was scanned. */
  pointer: string
  text: string
  kind: 'unresolved' | 'fill-in'
}

export interface Substitution {
  value: JsonValue
  hits: PlaceholderHit[]
}

const VARIABLE = /\$\{([^{}]+)\}/g
/** Cheap first look: most strings contain none of the characters a fill-in needs. */
const MAY_HOLD_FILL_IN = /[{<]|your|YOUR|^[A-Z]|^arn:/
const FILL_IN_PATTERNS: readonly RegExp[] = [
  /\{\{[^{}]*\}\}/,
  /<[A-Za-z0-9][^<>]*>/,
  /(?<![A-Za-z0-9])(?:your|YOUR)[_-][A-Za-z0-9_-]*/
]
/** A whole value written as an ALL_CAPS token, e.g. `FIS_WORKSHOP_ROLE_ARN`. */
const CAPS_TOKEN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/

/** Keys whose values are prose: placeholders there harm nothing, so fill-ins are not reported. */
const PROSE_KEYS = new Set(['description'])

export function findFillIn(text: string, arnField: boolean): string | undefined {
  if (!MAY_HOLD_FILL_IN.test(text)) return undefined
  for (const pattern of FILL_IN_PATTERNS) {
    const match = pattern.exec(text)
    if (match) return match[0]
  }
  if (arnField && CAPS_TOKEN.test(text)) return text
  if (text.startsWith('arn:')) {
    // The Region or account field written as a word: arn:aws:iam::ACCOUNT_ID:role/x
    const [, , , region, account] = text.split(':')
    if (region && /[A-Z_]/.test(region)) return region
    if (account && /^[A-Za-z_]+$/.test(account)) return account
  }
  return undefined
}

export interface SubstituteOptions {
  vars: ReadonlyMap<string, string>
  /** Whether a key's string value should be read as an ARN (for the ALL_CAPS token style). */
  isArnField?: (key: string) => boolean
}

/**
 * Replaces `${NAME}` from vars in every string value and reports what is left: unresolved
 * variables and fill-in placeholders. Objects are rebuilt without touching prototypes.
 */
export function substitutePlaceholders(value: JsonValue, options: SubstituteOptions): Substitution {
  const hits: PlaceholderHit[] = []
  const visit = (node: JsonValue, pointer: string, key: string): JsonValue => {
    if (typeof node === 'string') {
      let unresolved: string | undefined
      const replaced = node.includes('${')
        ? node.replace(VARIABLE, (whole, name: string) => {
            const found = options.vars.get(name.trim())
            if (found === undefined) unresolved ??= whole
            return found ?? whole
          })
        : node
      if (unresolved) {
        hits.push({ pointer, text: unresolved, kind: 'unresolved' })
      } else if (!PROSE_KEYS.has(key)) {
        const fillIn = findFillIn(replaced, options.isArnField?.(key) ?? false)
        if (fillIn) hits.push({ pointer, text: fillIn, kind: 'fill-in' })
      }
      return replaced
    }
    if (Array.isArray(node))
      return node.map((item, index) => visit(item, `${pointer}/${index}`, key))
    if (node !== null && typeof node === 'object') {
      const copy: JsonObject = {}
      for (const [childKey, child] of Object.entries(node)) {
        defineMember(
          copy,
          childKey,
          visit(child, `${pointer}/${escapePointerToken(childKey)}`, childKey)
        )
      }
      return copy
    }
    return node
  }
  return { value: visit(value, '', ''), hits }
}

/** `NAME=value` lines of the `vars` input; blank lines and `#` comments are skipped. */
export function parseVarsInput(text: string): { vars: Map<string, string>; errors: string[] } {
  const vars = new Map<string, string>()
  const errors: string[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim()
    if (!trimmed || trimmed.startsWith('#')) return
    const equals = trimmed.indexOf('=')
    if (equals <= 0) {
      errors.push(`vars line ${index + 1}: expected NAME=value, found "${trimmed}"`)
      return
    }
    vars.set(trimmed.slice(0, equals).trim(), trimmed.slice(equals + 1).trim())
  })
  return { vars, errors }
}
