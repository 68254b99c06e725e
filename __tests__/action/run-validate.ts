/**
 * Runs the action in validate mode in-process, through its real flow, with an ActionIO that
 * records outputs, annotations, the summary and the log, and reads back the SARIF it wrote.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionIO } from '../../src/action-io.js'
import type { Annotation } from '../../src/report/annotations.js'

export interface Recorded {
  outputs: Record<string, string>
  annotations: Annotation[]
  summary: string
  failed?: string
  logs: string[]
}

export interface SarifResult {
  ruleId: string
  level: string
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string }
      region?: { startLine: number; startColumn: number }
    }
  }[]
}

export function recorder(inputs: Record<string, string>): { io: ActionIO; recorded: Recorded } {
  const recorded: Recorded = { outputs: {}, annotations: [], summary: '', logs: [] }
  const io: ActionIO = {
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => void (recorded.outputs[name] = value),
    info: (message) => void recorded.logs.push(message),
    annotate: (annotation) => void recorded.annotations.push(annotation),
    group: (_name, run) => run(),
    appendSummary: async (markdown) => void (recorded.summary += markdown),
    setFailed: (message) => void (recorded.failed = message)
  }
  return { io, recorded }
}

/**
 * Validate mode over the workspace `root`. The action module is imported on first use, so a test
 * file's `jest.unstable_mockModule` calls, made before, apply to it.
 */
export async function runValidate(
  root: string,
  inputs: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {}
): Promise<Recorded> {
  const { runAction } = await import('../../src/action.js')
  const { io, recorded } = recorder({
    mode: 'validate',
    'report-dir': join(root, 'reports'),
    ...inputs
  })
  await runAction(
    io,
    { GITHUB_WORKSPACE: root, ...env },
    { cancellation: new AbortController().signal, saveState: () => undefined }
  )
  return recorded
}

export function sarifResults(recorded: Recorded): SarifResult[] {
  const sarif = JSON.parse(readFileSync(recorded.outputs.sarif as string, 'utf8')) as {
    runs: { results: SarifResult[] }[]
  }
  return sarif.runs[0]?.results ?? []
}

/** Everything the step showed or wrote that a person or a tool reads. */
export function everythingShown(recorded: Recorded): string {
  return [
    recorded.summary,
    recorded.failed ?? '',
    ...recorded.logs,
    ...recorded.annotations.map((annotation) => `${annotation.title} ${annotation.message}`),
    readFileSync(recorded.outputs.sarif as string, 'utf8')
  ].join('\n')
}
