/**
 * The README's inputs and outputs tables are generated from action.yml, the one place the
 * action's interface is declared. `npm run docs:inputs` (scripts/docs-inputs.ts) rewrites them
 * between their markers; .ci/run runs it and fails when README.md changes, and
 * __tests__/docs/readme.test.ts checks the same at test time.
 */
import { createRequire } from 'node:module'
import { format, resolveConfig } from 'prettier'

export interface ActionInput {
  name: string
  description: string
  /** undefined when action.yml declares none; '' is shown as no default. */
  default?: string
  required: boolean
}

export interface ActionOutput {
  name: string
  description: string
}

export interface ActionMetadata {
  name: string
  description: string
  author?: string
  inputs: ActionInput[]
  outputs: ActionOutput[]
}

interface JsYaml {
  load(text: string, options: { schema: unknown; filename?: string }): unknown
  CORE_SCHEMA: unknown
}

// js-yaml 3.x (a devDependency) ships no types, hence the small interface above. The YAML
// 1.2 core schema reads `on:` as a key and `yes` as a string, as the Actions runner does, and
// js-yaml refuses duplicate keys.
const jsYaml = createRequire(import.meta.url)('js-yaml') as JsYaml

export function parseYaml(text: string, filename?: string): unknown {
  return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, ...(filename ? { filename } : {}) })
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Folded or literal block text as one line. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

function entries(
  section: unknown,
  where: string
): { name: string; spec: Record<string, unknown> }[] {
  if (section === undefined || section === null) return []
  if (!isRecord(section)) throw new Error(`action.yml: ${where} must be a mapping`)
  return Object.entries(section).map(([name, spec]) => {
    if (!isRecord(spec) || typeof spec.description !== 'string')
      throw new Error(`action.yml: ${where}.${name} needs a description`)
    return { name, spec }
  })
}

export function parseActionMetadata(text: string): ActionMetadata {
  const action = parseYaml(text, 'action.yml')
  if (!isRecord(action)) throw new Error('action.yml: not a mapping')
  return {
    name: String(action.name ?? ''),
    description: oneLine(String(action.description ?? '')),
    ...(action.author === undefined ? {} : { author: String(action.author) }),
    inputs: entries(action.inputs, 'inputs').map(({ name, spec }) => ({
      name,
      description: oneLine(spec.description as string),
      ...(spec.default === undefined || spec.default === null
        ? {}
        : { default: String(spec.default) }),
      required: spec.required === true || spec.required === 'true'
    })),
    outputs: entries(action.outputs, 'outputs').map(({ name, spec }) => ({
      name,
      description: oneLine(spec.description as string)
    }))
  }
}

/** A code span that survives any backtick in the text, with `|` escaped for a table cell. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const padded = longestRun > 0 ? ` ${text} ` : text
  return `${fence}${padded}${fence}`.replace(/\|/g, '\\|')
}

const cell = (text: string): string => text.replace(/\|/g, '\\|')

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

export function inputsTable(action: ActionMetadata): string {
  return table(
    ['Input', 'Default', 'Meaning'],
    action.inputs.map((input) => [
      code(input.name),
      input.required ? 'required' : input.default ? code(input.default) : '',
      cell(input.description)
    ])
  )
}

export function outputsTable(action: ActionMetadata): string {
  return table(
    ['Output', 'Meaning'],
    action.outputs.map((output) => [code(output.name), cell(output.description)])
  )
}

/** The README's generated regions: each sits between its two marker comments. */
export const GENERATED = {
  inputs: inputsTable,
  outputs: outputsTable
} as const

export const marker = (region: keyof typeof GENERATED, end = false): string =>
  end
    ? `<!-- end of generated ${region} -->`
    : `<!-- ${region}: generated from action.yml by \`npm run docs:inputs\`; edit action.yml, not this table -->`

/** Replaces each generated region's content; the markers must each be there exactly once. */
export function replaceGenerated(readme: string, action: ActionMetadata): string {
  let result = readme
  for (const [region, render] of Object.entries(GENERATED) as [
    keyof typeof GENERATED,
    (action: ActionMetadata) => string
  ][]) {
    const begin = marker(region)
    const end = marker(region, true)
    const start = result.indexOf(begin)
    const stop = result.indexOf(end)
    if (
      start < 0 ||
      stop < start ||
      result.indexOf(begin, start + 1) >= 0 ||
      result.indexOf(end, stop + 1) >= 0
    )
      throw new Error(
        `README.md needs the ${region} table between exactly one "${begin}" and one "${end}" line`
      )
    result = `${result.slice(0, start + begin.length)}\n\n${render(action)}\n\n${result.slice(stop)}`
  }
  return result
}

/** The README with its tables regenerated, formatted as `prettier --write` would leave it. */
export async function regenerateReadme(
  readme: string,
  actionYaml: string,
  readmePath: string
): Promise<string> {
  const replaced = replaceGenerated(readme, parseActionMetadata(actionYaml))
  const options = (await resolveConfig(readmePath)) ?? {}
  return format(replaced, { ...options, filepath: readmePath })
}
