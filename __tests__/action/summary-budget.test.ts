/**
 * The step's job summary stays under GitHub's 1 MiB, through the action's real flow: files whose
 * values are a megabyte long, and the public corpus ten times over (1,450 files) in validate mode
 * and in run mode (where invalid files mean no AWS call, and two summaries share the step).
 * What does not fit is counted, and the counts agree with the SARIF file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TEXT_LIMIT } from '../../src/report/markdown.js'
import { baseTemplate, tempWorkspace, type Workspace } from '../support/validate-files.js'
import { everythingShown, runValidate, sarifResults, type Recorded } from './run-validate.js'

const corpus = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpus/fis-templates'
)
const COPIES = 10
/** GitHub drops a step summary over 1 MiB. */
const STEP_SUMMARY_LIMIT = 1024 * 1024

interface Counts {
  errors: number
  warnings: number
  valid: number
}

const bytes = (text: string): number => Buffer.byteLength(text)
const longestRun = (text: string, character: string): number =>
  Math.max(0, ...(text.match(new RegExp(`${character}+`, 'g')) ?? []).map((run) => run.length))

describe('files with a 1 MB value', () => {
  let workspace: Workspace
  afterAll(() => workspace.remove())

  it('are named, counted and quoted in excerpts, in a summary far under 1 MiB', async () => {
    const huge = 'Q'.repeat(1_000_000)
    workspace = tempWorkspace({
      'experiments/long-name.json': { name: huge, template: baseTemplate() },
      'experiments/long-action.json': {
        ...baseTemplate(),
        actions: { [huge]: (baseTemplate().actions as { stop: object }).stop }
      }
    })
    const recorded = await runValidate(workspace.root)
    expect(bytes(recorded.summary)).toBeLessThan(STEP_SUMMARY_LIMIT / 16)
    expect(recorded.summary).toMatch(
      /^## ❌ fis-gate validate: error\n\n\d+ errors? in all 2 files/
    )
    expect(recorded.summary).toContain('experiments/long-name.json')
    expect(recorded.summary).toContain('experiments/long-action.json')
    expect(longestRun(everythingShown(recorded), 'Q')).toBeLessThanOrEqual(TEXT_LIMIT)
  })
})

/**
 * Files of each kind in the summary: those that did not load (in the table before the first file
 * heading, all errors), those shown with a heading, and those counted in the note.
 */
function fileCounts(summary: string): { shown: Counts; omitted: Counts } {
  const beforeFiles = summary.split(/^### /m)[0] ?? ''
  const unloaded = new Set(
    beforeFiles
      .split('\n')
      .filter((line) => line.startsWith('| ') && !/^\| (Where|---) /.test(line))
      .map((line) => (line.split(' | ')[0] ?? '').replace(/:\d+:\d+$/, ''))
  )
  const headings = summary.match(/^### (❌ \d+ errors?|✅ valid)(, \d+ warnings?)? — /gm) ?? []
  const shown = {
    errors: unloaded.size + headings.filter((line) => line.includes('❌')).length,
    warnings: headings.filter((line) => !line.includes('❌') && line.includes('warning')).length,
    valid: headings.filter((line) => !line.includes('❌') && !line.includes('warning')).length
  }
  const note = /\*\*(\d+) more files? (is|are) not shown here\*\* \(([^)]*)\)/.exec(summary)
  const kind = (name: string): number =>
    Number(new RegExp(`(\\d+) ${name}`).exec(note?.[3] ?? '')?.[1] ?? 0)
  return {
    shown,
    omitted: { errors: kind('with errors'), warnings: kind('with warnings'), valid: kind('valid') }
  }
}

/** Files with errors, with warnings only, and clean, as the SARIF file has them. */
function sarifCounts(recorded: Recorded, files: number): Counts {
  const levels = new Map<string, Set<string>>()
  for (const result of sarifResults(recorded)) {
    const uri = result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''
    levels.set(uri, (levels.get(uri) ?? new Set()).add(result.level))
  }
  const withErrors = [...levels.values()].filter((set) => set.has('error')).length
  const withWarnings = [...levels.values()].filter(
    (set) => !set.has('error') && set.has('warning')
  ).length
  return { errors: withErrors, warnings: withWarnings, valid: files - withErrors - withWarnings }
}

describe(`the public corpus ×${COPIES}`, () => {
  let workspace: Workspace
  let files = 0
  beforeAll(() => {
    workspace = tempWorkspace()
    for (let copy = 0; copy < COPIES; copy++)
      cpSync(corpus, join(workspace.root, `copy-${copy}`), { recursive: true })
    files = readdirSync(workspace.root, { recursive: true }).filter((path) =>
      String(path).endsWith('.json')
    ).length
  })
  afterAll(() => workspace.remove())

  it('validates into a summary under 1 MiB that counts every file it does not show', async () => {
    const recorded = await runValidate(workspace.root, { experiments: '**/*.json' })
    expect(files).toBeGreaterThanOrEqual(145 * COPIES)
    expect(Number(/^(\d+) files · /m.exec(recorded.summary)?.[1])).toBe(files)
    expect(bytes(recorded.summary)).toBeLessThan(STEP_SUMMARY_LIMIT)
    const { shown, omitted } = fileCounts(recorded.summary)
    expect(omitted.errors + omitted.warnings + omitted.valid).toBeGreaterThan(0)
    const expected = sarifCounts(recorded, files)
    expect({
      errors: shown.errors + omitted.errors,
      warnings: shown.warnings + omitted.warnings,
      valid: shown.valid + omitted.valid
    }).toEqual(expected)
  })

  it('keeps a run step under 1 MiB: its verdict first, each file validation folded in its section', async () => {
    const recorded = await runValidate(
      workspace.root,
      { mode: 'run', experiments: '**/*.json', region: 'eu-west-1' },
      { AWS_EC2_METADATA_DISABLED: 'true' }
    )
    expect(recorded.outputs.verdict).toBe('error')
    expect(bytes(recorded.summary)).toBeLessThan(STEP_SUMMARY_LIMIT)
    expect(recorded.summary.startsWith('## ⚠️ fis-gate run: error\n')).toBe(true)
    expect(recorded.summary).not.toMatch(/fis-gate validate/)
    expect(recorded.summary).toMatch(new RegExp(`^${files} files · 0 experiments started · `, 'm'))
    const runsNote = /\*\*(\d+) more experiments are not shown here\*\*/.exec(recorded.summary)
    const runSections = (recorded.summary.match(/^### ⚠️ error — /gm) ?? []).length
    expect(runSections + Number(runsNote?.[1] ?? 0)).toBe(files)
    const folds = recorded.summary.match(/^<details open><summary>Validation: ❌ /gm) ?? []
    expect(folds.length).toBe(runSections)
  })
})
