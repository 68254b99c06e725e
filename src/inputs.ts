/**
 * The action's inputs, read and checked up front. Every problem names the input and says what
 * was expected, so a misconfigured workflow fails before anything else happens.
 */
import { join } from 'node:path'
import { formatSeconds, parseDuration } from './experiment/duration.js'
import { parseVarsInput } from './experiment/placeholders.js'
import { VERDICT_ORDER, type Verdict } from './run/model.js'
import { ACCOUNT_PATTERN, REGION_PATTERN } from './validate/arn.js'
import type { UnknownActions } from './validate/validate.js'

export const MODES = ['validate', 'plan', 'run', 'sweep'] as const
export type Mode = (typeof MODES)[number]

export interface TimeInput {
  ms: number
  /** As the user wrote it, for messages. */
  text: string
}

export interface Inputs {
  mode: Mode
  experiments: string[]
  vars: Map<string, string>
  allowedAccounts?: string[]
  allowedRegions?: string[]
  requireStopConditions: boolean
  reportDir: string
  /** Required for plan and run. */
  region: string
  timeout: TimeInput
  pollInterval: TimeInput
  /** undefined: the account and Region. */
  lock?: string
  lockTimeout: TimeInput
  cleanup: boolean
  failOn: Verdict[]
  /** On pull requests, only the experiment files the pull request changed. */
  changedOnly: boolean
  /** What an action, parameter, target key or resource type the catalog does not know is. */
  unknownActions: UnknownActions
  /** For the GitHub REST API; empty: none (sweep then knows no run's state). */
  githubToken: string
  /** On pull_request events: one comment with the result, updated in place. */
  prComment: boolean
  /** Sweep: report what would be stopped and deleted, and touch nothing. */
  sweepDryRun: boolean
}

/** A misconfigured input: reported as a plain message, never with a stack trace. */
export class InputError extends Error {
  override name = 'InputError'
}

export type GetInput = (name: string) => string

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))

const list = (text: string): string[] | undefined => {
  const items = text.split(/[\s,]+/).filter(Boolean)
  return items.length ? items : undefined
}

function booleanInput(getInput: GetInput, name: string, fallback: boolean): boolean {
  const value = getInput(name).trim().toLowerCase()
  if (value === '') return fallback
  if (['true', 'yes', 'on'].includes(value)) return true
  if (['false', 'no', 'off'].includes(value)) return false
  throw new InputError(`Input ${name} must be true or false, found "${getInput(name)}"`)
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `10s`, `15m`, `1h`, `1h30m`, `500ms` or ISO-8601 (`PT15M`), as milliseconds within bounds. */
export function parseTimeInput(
  name: string,
  text: string,
  bounds: { min: number; max: number }
): TimeInput {
  const trimmed = text.trim()
  let ms: number | undefined
  if (/^p/i.test(trimmed)) {
    const seconds = parseDuration(trimmed.toUpperCase())
    ms = seconds === undefined ? undefined : seconds * 1000
  } else {
    const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
    if (parts.length && parts.map((part) => part[0]).join('') === trimmed) {
      ms = parts.reduce(
        (total, part) => total + Number(part[1]) * (UNIT_MS[part[2] as string] ?? 0),
        0
      )
    }
  }
  if (ms === undefined)
    throw new InputError(
      `Input ${name}: "${text}" is not a duration; write it like 30s, 15m, 1h or PT15M`
    )
  if (ms < bounds.min || ms > bounds.max) {
    throw new InputError(
      `Input ${name}: ${trimmed} is outside ${formatSeconds(bounds.min / 1000)} to ${formatSeconds(bounds.max / 1000)}`
    )
  }
  return { ms, text: trimmed }
}

const UNKNOWN_ACTIONS: readonly UnknownActions[] = ['error', 'warning']

function unknownActionsInput(getInput: GetInput): UnknownActions {
  const value = getInput('unknown-actions').trim().toLowerCase() || 'error'
  const known = UNKNOWN_ACTIONS.find((allowed) => allowed === value)
  if (!known)
    throw new InputError(
      `Input unknown-actions must be error or warning, found "${getInput('unknown-actions')}"`
    )
  return known
}

/** The lock key becomes a tag value: FIS takes at most 256 characters. */
function lockInput(getInput: GetInput): string | undefined {
  const key = getInput('lock').trim()
  if (key.length > 256)
    throw new InputError(
      `Input lock: ${key.length} characters; a lock key is an FIS tag value, at most 256 characters`
    )
  return key || undefined
}

export function readInputs(getInput: GetInput, env: NodeJS.ProcessEnv): Inputs {
  const mode = (getInput('mode').trim() || 'run') as Mode
  if (!MODES.includes(mode)) {
    throw new InputError(`Input mode must be one of ${MODES.join(', ')}, found "${mode}"`)
  }
  const experiments = lines(getInput('experiments'))
  if (experiments.length === 0) experiments.push('experiments/**/*.json')

  const { vars, errors } = parseVarsInput(getInput('vars'))
  if (errors.length) throw new InputError(`Input vars: ${errors.join('; ')}`)

  const allowedAccounts = list(getInput('allowed-accounts'))
  const badAccount = allowedAccounts?.find((account) => !ACCOUNT_PATTERN.test(account))
  if (badAccount)
    throw new InputError(`Input allowed-accounts: "${badAccount}" is not a 12-digit AWS account id`)
  const allowedRegions = list(getInput('allowed-regions'))
  const badRegion = allowedRegions?.find((region) => !REGION_PATTERN.test(region))
  if (badRegion)
    throw new InputError(
      `Input allowed-regions: "${badRegion}" is not a Region code such as eu-west-1`
    )

  const region = getInput('region').trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION || ''
  if (mode !== 'validate' && !region) {
    throw new InputError(
      'No AWS Region: set the region input, or AWS_REGION (aws-actions/configure-aws-credentials sets it)'
    )
  }
  if (region && !REGION_PATTERN.test(region))
    throw new InputError(`Input region: "${region}" is not a Region code such as eu-west-1`)

  const failOn = (list(getInput('fail-on')) ?? [
    'fail',
    'aborted',
    'inconclusive',
    'error',
    'cancelled'
  ]) as Verdict[]
  const badVerdict = failOn.find((verdict) => !VERDICT_ORDER.includes(verdict))
  if (badVerdict)
    throw new InputError(
      `Input fail-on: "${badVerdict}" is not a verdict (${VERDICT_ORDER.join(', ')})`
    )

  return {
    mode,
    experiments,
    vars,
    allowedAccounts,
    allowedRegions,
    requireStopConditions: booleanInput(getInput, 'require-stop-conditions', true),
    reportDir:
      getInput('report-dir').trim() || join(env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp', 'fis-gate'),
    region,
    timeout: parseTimeInput('timeout', getInput('timeout') || '1h', {
      min: 1000,
      max: 13 * 3_600_000
    }),
    pollInterval: parseTimeInput('poll-interval', getInput('poll-interval') || '10s', {
      min: 100,
      max: 600_000
    }),
    lock: lockInput(getInput),
    lockTimeout: parseTimeInput('lock-timeout', getInput('lock-timeout') || '15m', {
      min: 0,
      max: 13 * 3_600_000
    }),
    cleanup: booleanInput(getInput, 'cleanup', true),
    failOn,
    changedOnly: booleanInput(getInput, 'changed-only', false),
    unknownActions: unknownActionsInput(getInput),
    githubToken: getInput('github-token').trim(),
    prComment: booleanInput(getInput, 'pr-comment', true),
    sweepDryRun: booleanInput(getInput, 'sweep-dry-run', false)
  }
}
