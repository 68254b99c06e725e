/** Writes experiment files into a temp workspace and validates them like the action does. */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadExperiment } from '../../src/experiment/load.js'
import type { Finding } from '../../src/validate/findings.js'
import { validateExperiment, type ValidatedExperiment } from '../../src/validate/validate.js'
import type { InputGuardrails } from '../../src/validate/guardrails.js'

export interface Workspace {
  root: string
  /** A RUNNER_TEMP inside the workspace: reports the action writes there outlive its run. */
  runnerTemp: string
  write(path: string, content: string | Buffer | object): string
  remove(): void
}

/** A temporary workspace holding `files` (path → text, bytes or JSON). */
export function tempWorkspace(files: Record<string, string | Buffer | object> = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'fis-gate-test-'))
  const runnerTemp = join(root, 'runner-temp')
  mkdirSync(runnerTemp)
  const workspace: Workspace = {
    root,
    runnerTemp,
    write(path, content) {
      const target = join(root, path)
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(
        target,
        typeof content === 'string' || Buffer.isBuffer(content)
          ? content
          : JSON.stringify(content, null, 2)
      )
      return target
    },
    remove: () => rmSync(root, { recursive: true, force: true })
  }
  for (const [path, content] of Object.entries(files)) workspace.write(path, content)
  return workspace
}

export interface ValidateOptions {
  vars?: Record<string, string>
  guardrails?: Partial<InputGuardrails>
}

export async function validateFile(
  workspace: Workspace,
  path: string,
  options: ValidateOptions = {}
): Promise<{ findings: Finding[]; validated?: ValidatedExperiment }> {
  const loaded = await loadExperiment(join(workspace.root, path), workspace.root)
  if (!loaded.source) return { findings: loaded.findings }
  const validated = validateExperiment(loaded.source, {
    vars: new Map(Object.entries(options.vars ?? {})),
    guardrails: { requireStopConditions: false, ...options.guardrails }
  })
  return { findings: [...loaded.findings, ...validated.findings], validated }
}

/** A valid template to start each rule test from; tests change one thing at a time. */
export function baseTemplate(): Record<string, unknown> {
  return {
    description: 'Stop one instance',
    roleArn: 'arn:aws:iam::111122223333:role/fis-role',
    stopConditions: [
      {
        source: 'aws:cloudwatch:alarm',
        value: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:high-errors'
      }
    ],
    targets: {
      web: {
        resourceType: 'aws:ec2:instance',
        resourceTags: { app: 'web' },
        selectionMode: 'COUNT(1)'
      }
    },
    actions: {
      stop: {
        actionId: 'aws:ec2:stop-instances',
        parameters: { startInstancesAfterDuration: 'PT2M' },
        targets: { Instances: 'web' }
      }
    }
  }
}

/**
 * A template with `count` errors, each with its own message: wait actions whose durations are
 * `PT1Q`, `PT2Q`, … (no unit Q).
 */
export function templateWithErrors(count: number): Record<string, unknown> {
  const actions: Record<string, unknown> = {}
  for (let index = 1; index <= count; index++)
    actions[`wait${index}`] = { actionId: 'aws:fis:wait', parameters: { duration: `PT${index}Q` } }
  return { ...baseTemplate(), actions }
}

/** The message of the i-th error of templateWithErrors (from 1). */
export const errorMessageOf = (index: number): string =>
  `Parameter duration: "PT${index}Q" is not an ISO-8601 duration from PT1M to PT12H; write it like PT5M or PT1H30M`

export const errorsOf = (findings: Finding[]): Finding[] =>
  findings.filter((finding) => finding.severity === 'error')
export const rulesOf = (findings: Finding[]): string[] => findings.map((finding) => finding.rule)

/** Line and column where `needle` first starts in a written file: where a finding must point. */
export function positionOf(
  workspace: Workspace,
  path: string,
  needle: string
): { line: number; column: number } {
  const text = readFileSync(join(workspace.root, path), 'utf8')
  const offset = text.indexOf(needle)
  if (offset < 0) throw new Error(`${needle} not found in ${path}`)
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}
