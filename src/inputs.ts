/**
 * The action's inputs, read and checked up front. Every problem names the input and says what
 * was expected, so a misconfigured workflow fails before anything else happens.
 */
import { join } from 'node:path'
import { parseVarsInput } from './experiment/placeholders.js'
import { ACCOUNT_PATTERN, REGION_PATTERN } from './validate/arn.js'

export const MODES = ['validate'] as const
export type Mode = (typeof MODES)[number]

export interface Inputs {
  mode: Mode
  experiments: string[]
  vars: Map<string, string>
  allowedAccounts?: string[]
  allowedRegions?: string[]
  requireStopConditions: boolean
  reportDir: string
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

export function readInputs(getInput: GetInput, env: NodeJS.ProcessEnv): Inputs {
  const mode = (getInput('mode').trim() || 'validate') as Mode
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

  const reportDir =
    getInput('report-dir').trim() || join(env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp', 'fis-gate')
  return {
    mode,
    experiments,
    vars,
    allowedAccounts,
    allowedRegions,
    requireStopConditions: booleanInput(getInput, 'require-stop-conditions', true),
    reportDir
  }
}
