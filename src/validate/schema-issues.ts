/** Runs the precompiled JSON Schema validators and turns ajv errors into located, plain-words issues. */
import type { ErrorObject } from 'ajv'
import { excerpt, quote } from '../experiment/excerpt.js'
import { escapePointerToken, splitPointer } from '../experiment/json-source.js'
import { plural } from '../hypothesis/describe.js'
import { validateExperimentFile, validateFisTemplate } from './generated/schema-validators.js'
import type { RuleId } from './findings.js'
import type { Issue } from './issues.js'
import { didYouMean } from './suggest.js'

/**
 * `/actions/a/parameters/x` → `actions.a.parameters.x`; `/stopConditions/0` → `stopConditions[0]`.
 * Each name is bounded: a path made of 1 MB keys must stay readable.
 */
export function describePointer(pointer: string): string {
  if (pointer === '') return 'the file'
  return splitPointer(pointer)
    .map((part, index) =>
      /^\d+$/.test(part) ? `[${excerpt(part)}]` : `${index ? '.' : ''}${excerpt(part)}`
    )
    .join('')
}

/**
 * A value ajv reports, bounded whatever its type. Never String(): a user's object with an own
 * `toString` member cannot be converted that way.
 */
const shown = (data: unknown): string =>
  typeof data === 'string' ? quote(data) : excerpt(JSON.stringify(data) ?? 'undefined')

const typeName = (value: unknown): string =>
  Array.isArray(value)
    ? 'an array'
    : value === null
      ? 'null'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`

function allowedMembers(error: ErrorObject): string[] {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties
  return properties ? Object.keys(properties).filter((key) => key !== '$schema') : []
}

function toIssue(error: ErrorObject, scope: Issue['scope']): Issue | undefined {
  const at = error.instancePath
  const where = describePointer(at)
  const make = (rule: RuleId, message: string, pointer = at, part?: Issue['part']): Issue => ({
    scope,
    pointer,
    part,
    rule,
    message
  })
  const params = error.params as Record<string, unknown>
  if (error.propertyName !== undefined) {
    const key = error.propertyName
    const keyPointer = `${at}/${escapePointerToken(key)}`
    if (error.keyword === 'maxLength')
      return make(
        'schema/length',
        `The name ${quote(key)} in ${where} is longer than ${String(params.limit)} characters`,
        keyPointer,
        'key'
      )
    if (error.keyword === 'minLength')
      return make('schema/length', `${where} has an empty name`, keyPointer, 'key')
    return make(
      'schema/pattern',
      `The name ${quote(key)} in ${where} is not allowed (it must not be blank or contain $, { or })`,
      keyPointer,
      'key'
    )
  }
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined
    case 'required': {
      if (error.schemaPath.includes('/oneOf/')) return undefined
      const missing = String(params.missingProperty)
      return make(
        'schema/required',
        `${where === 'the file' ? 'The file' : where} is missing the required member ${quote(missing)}`,
        at,
        'key'
      )
    }
    case 'additionalProperties': {
      const member = String(params.additionalProperty)
      const allowed = allowedMembers(error)
      const memberPointer = `${at}/${escapePointerToken(member)}`
      return make(
        'schema/unknown-member',
        `${quote(member)} is not a member of ${where}${allowed.length ? `; allowed: ${allowed.join(', ')}.` : '.'}${didYouMean(member, allowed)}`,
        memberPointer,
        'key'
      )
    }
    case 'type':
      return make(
        'schema/type',
        `${where} must be ${String(params.type)
          .replace(/^(object|array|integer)$/, 'an $1')
          .replace(/^(string|number|boolean)$/, 'a $1')}, found ${typeName(error.data)}`
      )
    case 'enum':
      return make(
        'schema/enum',
        `${where} is ${shown(error.data)}; allowed: ${(params.allowedValues as unknown[]).join(', ')}`
      )
    case 'const':
      return make('schema/enum', `${where} must be ${JSON.stringify(params.allowedValue)}`)
    case 'maxLength':
    case 'minLength': {
      const length = typeof error.data === 'string' ? error.data.length : 0
      return error.keyword === 'minLength' && length === 0
        ? make('schema/length', `${where} must not be empty`)
        : make(
            'schema/length',
            `${where} is ${plural(length, 'character')}; ${error.keyword === 'maxLength' ? 'at most' : 'at least'} ${String(params.limit)} allowed`
          )
    }
    case 'maxItems':
    case 'minItems':
    case 'maxProperties':
    case 'minProperties': {
      const count = Array.isArray(error.data)
        ? error.data.length
        : Object.keys(error.data as object).length
      return make(
        'schema/count',
        `${where} has ${count === 1 ? '1 entry' : `${count} entries`}; ${error.keyword.startsWith('max') ? 'at most' : 'at least'} ${String(params.limit)} allowed`,
        at,
        'key'
      )
    }
    case 'pattern': {
      const pattern = String(params.pattern)
      // An empty string already has its minLength issue; "blank" would say it twice.
      if (pattern === '[\\S]+')
        return error.data === '' ? undefined : make('schema/pattern', `${where} must not be blank`)
      if (at.endsWith('/templateId'))
        return make(
          'schema/pattern',
          `templateId ${shown(error.data)} is not an experiment template id (EXT followed by letters and digits)`
        )
      if (at.includes('/targets/') && at.includes('/parameters/')) {
        return make(
          'schema/pattern',
          `${where} may hold only letters, digits, spaces and _ . : / = + - @ (no commas or wildcards)`
        )
      }
      if (pattern.startsWith('^P'))
        return make(
          'schema/pattern',
          `${where} ${shown(error.data)} is not an ISO-8601 duration such as PT5M`
        )
      return make(
        'schema/pattern',
        `${where} ${shown(error.data)} does not have the required form (${pattern})`
      )
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make(
        'schema/range',
        `${where} is ${shown(error.data)}; it must be ${String(params.comparison)} ${String(params.limit)}`
      )
    case 'uniqueItems':
      return make('schema/shape', `${where} lists the same value twice`)
    case 'oneOf':
      // The only oneOf in the schemas: a gate file's template / templateFile / templateId.
      return make(
        'schema/shape',
        'A gate file needs exactly one of template, templateFile or templateId',
        at,
        'key'
      )
    default:
      return make('schema/shape', `${where} ${error.message ?? 'is not valid'}`)
  }
}

function issuesFrom(errors: ErrorObject[] | null | undefined, scope: Issue['scope']): Issue[] {
  const issues: Issue[] = []
  const seen = new Set<string>()
  for (const error of errors ?? []) {
    const issue = toIssue(error, scope)
    if (!issue) continue
    const key = `${issue.pointer}\u0000${issue.message}`
    if (!seen.has(key)) {
      seen.add(key)
      issues.push(issue)
    }
  }
  return issues
}

/** Schema issues of the experiment file (a bare template, or a gate file with any inline template). */
export function experimentFileSchemaIssues(root: unknown): Issue[] {
  return validateExperimentFile(root) ? [] : issuesFrom(validateExperimentFile.errors, 'file')
}

/** Schema issues of a template loaded from a templateFile. */
export function templateFileSchemaIssues(template: unknown): Issue[] {
  return validateFisTemplate(template) ? [] : issuesFrom(validateFisTemplate.errors, 'template')
}
