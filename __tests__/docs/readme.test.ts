/**
 * The README as a user reads and copies it: its inputs and outputs tables are what action.yml
 * generates (npm run docs:inputs), and every YAML block parses, with recipes that name only
 * declared inputs and outputs, grant what their steps need, and serialize chaos runs.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  inputsTable,
  marker,
  parseActionMetadata,
  regenerateReadme,
  replaceGenerated
} from '../../scripts/action-docs.js'
import {
  concurrencyProblems,
  isFisGate,
  isWorkflow,
  modeOf,
  permissionProblems,
  pinProblems,
  readWorkflow,
  undeclaredInputs,
  undeclaredOutputs,
  yamlBlocks,
  yamlDocuments,
  type Workflow
} from './workflow-lint.js'

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url))
const readme = readFileSync(readmePath, 'utf8')
const actionYaml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
const action = parseActionMetadata(actionYaml)
const inputs = new Set(action.inputs.map((input) => input.name))
const outputs = new Set(action.outputs.map((output) => output.name))
const defaultMode = action.inputs.find((input) => input.name === 'mode')?.default ?? 'run'

const blocks = yamlBlocks(readme, 'README.md')
const recipes: Workflow[] = blocks.flatMap((block) =>
  yamlDocuments(block.text, block.where)
    .filter(isWorkflow)
    .map((doc) => readWorkflow(doc, block.where))
)

/** action.yml with one more input, first in the list. */
function withExtraInput(name: string, description: string): string {
  return actionYaml.replace(
    /\ninputs:\n/,
    `\ninputs:\n  ${name}:\n    description: ${description}\n    required: false\n    default: 'x'\n`
  )
}

describe('the inputs and outputs tables', () => {
  it('are what npm run docs:inputs generates from action.yml', async () => {
    expect(await regenerateReadme(readme, actionYaml, readmePath)).toBe(readme)
  })

  it('list every input and output of action.yml, in its order', () => {
    const names = (region: 'inputs' | 'outputs'): string[] => {
      const text = readme.slice(
        readme.indexOf(marker(region)),
        readme.indexOf(marker(region, true))
      )
      return [...text.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1] as string)
    }
    expect(names('inputs')).toEqual(action.inputs.map((input) => input.name))
    expect(names('outputs')).toEqual(action.outputs.map((output) => output.name))
    expect(inputs.size).toBeGreaterThan(0)
  })

  it('drift when action.yml gains an input or changes a description', async () => {
    const added = await regenerateReadme(
      readme,
      withExtraInput('zz-added', 'A new input.'),
      readmePath
    )
    expect(added).not.toBe(readme)
    expect(added).toMatch(/^\| `zz-added` +\| `x` +\| A new input\. +\|$/m)
    const changed = actionYaml.replace(/(\n {2}verdict:\n {4}description: >-\n {6})/, '$1Changed. ')
    expect(changed).not.toBe(actionYaml)
    expect(await regenerateReadme(readme, changed, readmePath)).toContain(
      'Changed. The worst verdict'
    )
  })

  it('escape | in a table cell and join a folded description into one line', () => {
    const table = inputsTable(
      parseActionMetadata(
        'name: t\ndescription: t\ninputs:\n  a-b:\n    description: |\n      one | two\n      three\n    required: true\n'
      )
    )
    expect(table.split('\n')[2]).toBe('| `a-b` | required | one \\| two three |')
  })

  it('refuse a README without both markers of a table', () => {
    const broken = readme.replace(marker('outputs', true), '')
    expect(() => replaceGenerated(broken, action)).toThrow(marker('outputs', true))
  })
})

describe("the README's YAML blocks", () => {
  it('parse', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    for (const block of blocks)
      expect(yamlDocuments(block.text, block.where).length).toBeGreaterThan(0)
  })

  it('are complete workflows wherever they use fis-gate', () => {
    const usingFisGate = blocks.filter((block) => /uses: [\w.-]+\/fis-gate@/.test(block.text))
    expect(usingFisGate.map((block) => block.where)).toEqual(
      usingFisGate
        .filter((block) => recipes.some((recipe) => recipe.where === block.where))
        .map((block) => block.where)
    )
  })

  it('name only inputs and outputs that action.yml declares', () => {
    expect(recipes.flatMap((recipe) => undeclaredInputs(recipe, inputs))).toEqual([])
    expect(recipes.flatMap((recipe) => undeclaredOutputs(recipe, outputs))).toEqual([])
    // The checks see a misspelled input and output.
    const [first] = recipes.filter((recipe) =>
      recipe.jobs.some((job) => job.steps.some((step) => isFisGate(step.uses) && step.doc.id))
    )
    const misspelt = readWorkflow(
      JSON.parse(
        JSON.stringify(first!.doc)
          .replace('"experiments":', '"experiment":')
          .replace(/outputs\.sarif/g, 'outputs.sariff')
      ),
      'planted'
    )
    expect(undeclaredInputs(misspelt, inputs)).toEqual([
      expect.stringContaining('with: experiment is not an input')
    ])
    expect(undeclaredOutputs(misspelt, outputs)).toEqual(
      expect.arrayContaining([expect.stringContaining('steps.fis.outputs.sariff is not an output')])
    )
  })

  it('grant each job what its steps need, and never use pull_request_target', () => {
    expect(recipes.flatMap(permissionProblems)).toEqual([])
    const [gate] = recipes.filter((recipe) => recipe.on.includes('pull_request'))
    const planted = readWorkflow(
      {
        ...gate!.doc,
        on: { pull_request_target: {} },
        jobs: { a: { 'runs-on': 'x', steps: [{ uses: 'fis-gate/fis-gate@v0' }] } }
      },
      'planted'
    )
    expect(permissionProblems(planted)).toEqual([
      expect.stringContaining('pull_request_target'),
      expect.stringContaining('declares no permissions')
    ])
  })

  it('hold a concurrency group per environment wherever they inject faults', () => {
    expect(recipes.flatMap((recipe) => concurrencyProblems(recipe, defaultMode))).toEqual([])
    const planted = readWorkflow(
      {
        on: 'push',
        jobs: {
          a: { steps: [{ uses: 'fis-gate/fis-gate@v0' }] },
          b: {
            concurrency: { group: 'chaos-${{ github.ref }}', 'cancel-in-progress': true },
            steps: [{ uses: 'fis-gate/fis-gate@v0', with: { mode: 'run' } }]
          },
          c: { steps: [{ uses: 'fis-gate/fis-gate@v0', with: { mode: 'validate' } }] }
        }
      },
      'planted'
    )
    expect(concurrencyProblems(planted, defaultMode)).toEqual([
      'planted jobs.a: runs experiments without a concurrency group',
      expect.stringContaining('changes per run or branch'),
      expect.stringContaining('cancel-in-progress')
    ])
  })

  it('pin every other action to a major tag', () => {
    expect(recipes.flatMap(pinProblems)).toEqual([])
    const planted = readWorkflow(
      {
        on: 'push',
        jobs: { a: { steps: [{ uses: 'actions/checkout@main' }, { uses: 'actions/checkout@v7' }] } }
      },
      'planted'
    )
    expect(pinProblems(planted)).toEqual([expect.stringContaining('actions/checkout@main')])
  })

  describe('include the four recipes', () => {
    const fisSteps = (
      recipe: Workflow
    ): { job: string; mode: string; index: number; if?: unknown }[] =>
      recipe.jobs.flatMap((job) =>
        job.steps.flatMap((step, index) =>
          isFisGate(step.uses)
            ? [{ job: job.name, mode: modeOf(step, defaultMode), index, if: step.doc.if }]
            : []
        )
      )
    const uses = (recipe: Workflow, action: string): boolean =>
      recipe.jobs.some((job) => job.steps.some((step) => step.uses?.startsWith(`${action}@`)))

    it('a pull-request check: pull_request, validate or plan, a SARIF upload', () => {
      const checks = recipes.filter(
        (recipe) =>
          recipe.on.includes('pull_request') &&
          fisSteps(recipe).some((step) => step.mode === 'validate' || step.mode === 'plan') &&
          uses(recipe, 'github/codeql-action/upload-sarif')
      )
      expect(checks.map((recipe) => fisSteps(recipe)[0]!.mode).sort()).toEqual(['plan', 'validate'])
    })

    it('a release gate: OIDC credentials, an environment, a concurrency group, mode run', () => {
      const gates = recipes.filter(
        (recipe) =>
          recipe.on.includes('push') &&
          recipe.jobs.some(
            (job) =>
              job.doc.environment &&
              job.doc.concurrency &&
              job.steps.some((step) =>
                step.uses?.startsWith('aws-actions/configure-aws-credentials@')
              ) &&
              job.steps.some((step) => isFisGate(step.uses) && modeOf(step, defaultMode) === 'run')
          )
      )
      expect(gates.length).toBeGreaterThanOrEqual(1)
    })

    it('a nightly schedule: mode run, then mode sweep even when the run failed', () => {
      const nightly = recipes.filter((recipe) => recipe.on.includes('schedule'))
      expect(nightly.length).toBeGreaterThanOrEqual(1)
      const steps = fisSteps(nightly[0]!)
      const run = steps.find((step) => step.mode === 'run')
      const sweep = steps.find((step) => step.mode === 'sweep')
      expect([run?.job, sweep?.job]).toEqual([steps[0]!.job, steps[0]!.job])
      expect(sweep!.index).toBeGreaterThan(run!.index)
      expect(String(sweep!.if)).toContain('always()')
    })

    it('a matrix over environments, a concurrency group per matrix account and Region', () => {
      const matrix = recipes
        .flatMap((recipe) => recipe.jobs)
        .find((job) => {
          const strategy = job.doc.strategy as { matrix?: unknown } | undefined
          return strategy?.matrix !== undefined && job.steps.some((step) => isFisGate(step.uses))
        })
      expect(matrix?.doc.environment).toBe('${{ matrix.environment }}')
      expect(String((matrix?.doc.concurrency as { group?: string }).group)).toContain('matrix.')
    })
  })
})
