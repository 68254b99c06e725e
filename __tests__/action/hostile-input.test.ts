/**
 * Issue 9, validation side, through the whole validate mode: files built to crash, hang or leak
 * the gate. Each test reproduces the attack and asserts the safe outcome: a finding on that file,
 * nothing read or echoed from outside the workspace, and every other file's results unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { baseTemplate, tempWorkspace, type Workspace } from '../support/validate-files.js'
import { everythingShown, runValidate, sarifResults, type SarifResult } from './run-validate.js'

type Json = Record<string, unknown>

/** Every member of Object.prototype: constructor, toString, valueOf, __proto__, __defineGetter__… */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype)

/** An object whose keys are all prototype names; fromEntries makes even __proto__ an own key. */
const keyed = (value: (name: string, index: number) => unknown): Json =>
  Object.fromEntries(PROTOTYPE_NAMES.map((name, index) => [name, value(name, index)]))

function hostileGateFile(): Json {
  return {
    name: 'toString',
    vars: keyed(() => 'resolved'),
    template: {
      ...baseTemplate(),
      tags: keyed(() => 'tag'),
      targets: keyed(() => ({
        resourceType: 'aws:ec2:instance',
        resourceTags: keyed(() => 'web'),
        selectionMode: 'COUNT(1)',
        parameters: keyed(() => 'x')
      })),
      actions: keyed((name, index) => ({
        actionId: 'aws:ec2:stop-instances',
        parameters: keyed((parameter) => `\${${parameter}}`),
        targets: { Instances: name, ...keyed(() => name) },
        startAfter: [PROTOTYPE_NAMES[(index + 1) % PROTOTYPE_NAMES.length] as string]
      }))
    },
    hypothesis: {
      checks: [
        {
          name: 'constructor',
          expression: 'valueOf + hasOwnProperty',
          metrics: { m: { namespace: 'AWS/EC2', metricName: 'CPU', stat: 'p95', period: 60 } },
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 1
        }
      ]
    },
    guardrails: { maxDuration: 'PT1H', ...keyed(() => true) }
  }
}

/** A bare template whose top-level members are the prototype names. */
const hostileBareTemplate = (): Json => ({ ...baseTemplate(), ...keyed(() => ({})) })

/** Ordinary files, some valid and some not, so "unchanged" compares real results. */
function ordinaryFiles(workspace: Workspace, count: number): void {
  for (let index = 0; index < count; index++) {
    const template = baseTemplate() as { targets: { web: Json } } & Json
    if (index % 4 === 1) template.targets.web.selectionMode = 'SOME(2)'
    if (index % 4 === 2) template.roleArn = 'arn:aws:iam::12345:role/short'
    workspace.write(`experiments/file-${String(index).padStart(2, '0')}.json`, template)
  }
}

const fileOf = (result: SarifResult): string =>
  result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''

let workspace: Workspace
let outside: string
beforeEach(() => {
  workspace = tempWorkspace()
  outside = mkdtempSync(join(tmpdir(), 'fis-gate-outside-'))
})
afterEach(() => {
  workspace.remove()
  rmSync(outside, { recursive: true, force: true })
})

describe('keys named like Object.prototype members', () => {
  it('become findings on their file and leave every other file of the batch unchanged', async () => {
    ordinaryFiles(workspace, 30)
    const alone = sarifResults(await runValidate(workspace.root))
    workspace.write('experiments/hostile-gate.json', hostileGateFile())
    workspace.write('experiments/hostile-bare.json', hostileBareTemplate())
    const recorded = await runValidate(workspace.root)
    const results = sarifResults(recorded)

    const ordinary = results.filter((result) => !fileOf(result).includes('hostile'))
    expect(ordinary).toEqual(alone)
    expect(recorded.outputs.verdict).toBe('error')
    for (let index = 0; index < 30; index++)
      expect(recorded.summary).toContain(`file-${String(index).padStart(2, '0')}.json`)

    const hostile = results.filter((result) => fileOf(result) === 'experiments/hostile-gate.json')
    const messages = (rule: string): string[] =>
      hostile.filter((result) => result.ruleId === rule).map((result) => result.message.text)
    for (const name of PROTOTYPE_NAMES) {
      const quoted = JSON.stringify(name)
      expect([name, messages('action/unknown-parameter').some((m) => m.includes(quoted))]).toEqual([
        name,
        true
      ])
      expect([name, messages('target/key').some((m) => m.includes(quoted))]).toEqual([name, true])
      expect([name, messages('target/parameter').some((m) => m.includes(quoted))]).toEqual([
        name,
        true
      ])
      expect([name, messages('schema/unknown-member').some((m) => m.includes(quoted))]).toEqual([
        name,
        true
      ])
    }
    // startAfter chains every action into one cycle: reported once, not crashed on.
    expect(messages('action/start-after-cycle')).toHaveLength(1)
    expect(messages('hypothesis/metric')).toEqual([
      expect.stringContaining('"valueOf", "hasOwnProperty", not defined in metrics (m)')
    ])
    const bare = results.filter((result) => fileOf(result) === 'experiments/hostile-bare.json')
    expect(bare.filter((result) => result.ruleId === 'schema/unknown-member')).toHaveLength(
      PROTOTYPE_NAMES.length
    )
    for (const result of [...hostile, ...bare])
      expect(result.ruleId).not.toBe('internal/unexpected')
  })
})

describe('workspace confinement', () => {
  const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'

  it('refuses paths, links, globs and templateFiles that lead outside, echoing nothing of them', async () => {
    writeFileSync(join(outside, 'token.json'), `${TOKEN}\n`)
    const away = `../${basename(outside)}`
    workspace.write('experiments/ok.json', baseTemplate())
    symlinkSync(join(outside, 'token.json'), join(workspace.root, 'experiments/link.json'))
    workspace.write('experiments/gate.json', { templateFile: `../${away}/token.json` })
    symlinkSync(join(outside, 'token.json'), join(workspace.root, 'experiments/template-link.json'))
    workspace.write('experiments/gate-link.json', { templateFile: 'template-link.json' })
    const recorded = await runValidate(workspace.root, {
      experiments: [
        join(outside, 'token.json'),
        `${away}/token.json`,
        `${away}/*.json`,
        'experiments/ok.json',
        'experiments/link.json',
        'experiments/gate.json',
        'experiments/gate-link.json'
      ].join('\n')
    })

    expect(everythingShown(recorded)).not.toContain('ghp_')
    const refusals = sarifResults(recorded).filter(
      (result) => result.ruleId === 'file/outside-workspace'
    )
    // The absolute path and the ../ path name one file: it is refused once.
    expect(refusals.map((result) => [fileOf(result), result.level]).sort()).toEqual([
      [`${away}/*.json`, 'error'],
      [join(outside, 'token.json'), 'error'],
      ['experiments/gate-link.json', 'error'],
      ['experiments/gate.json', 'error'],
      ['experiments/link.json', 'error']
    ])
    for (const result of refusals) expect(result.message.text).toMatch(/outside the workspace/)
    const link = refusals.find((result) => fileOf(result) === 'experiments/link.json')
    expect(link?.message.text).toContain(`is a symbolic link to ${join(outside, 'token.json')}`)
    const gate = refusals.find((result) => fileOf(result) === 'experiments/gate.json')
    expect(gate?.locations[0]?.physicalLocation.region).toEqual({ startLine: 2, startColumn: 19 })
    expect(
      sarifResults(recorded).filter((result) => fileOf(result) === 'experiments/ok.json')
    ).toEqual([expect.objectContaining({ ruleId: 'hypothesis/missing' })])
    expect(recorded.outputs.verdict).toBe('error')
  })

  it('walks globs past link loops and links to / without following them', async () => {
    workspace.write('experiments/a.json', baseTemplate())
    symlinkSync('..', join(workspace.root, 'experiments/loop'))
    symlinkSync('/', join(workspace.root, 'experiments/root'))
    symlinkSync('self.json', join(workspace.root, 'experiments/self.json'))
    const recorded = await runValidate(workspace.root)
    const results = sarifResults(recorded)
    expect(results.map((result) => [fileOf(result), result.ruleId])).toEqual([
      ['experiments/self.json', 'file/unreadable'],
      ['experiments/a.json', 'hypothesis/missing']
    ])
    expect(results[0]?.message.text).toBe('experiments/self.json is a loop of symbolic links')
  })

  it('never waits on a FIFO, named or globbed', async () => {
    mkdirSync(join(workspace.root, 'experiments'))
    execFileSync('mkfifo', [join(workspace.root, 'experiments/pipe.json')])
    const recorded = await runValidate(workspace.root, {
      experiments: 'experiments/pipe.json\nexperiments/*.json'
    })
    expect(sarifResults(recorded)).toEqual([
      expect.objectContaining({
        ruleId: 'file/not-a-file',
        message: { text: 'experiments/pipe.json is not a regular file' }
      })
    ])
  })

  const asRoot = process.getuid?.() === 0
  ;(asRoot ? it.skip : it)('names a directory a glob cannot read', async () => {
    workspace.write('experiments/locked/a.json', baseTemplate())
    chmodSync(join(workspace.root, 'experiments/locked'), 0o000)
    try {
      const recorded = await runValidate(workspace.root)
      expect(sarifResults(recorded)).toEqual([
        expect.objectContaining({
          ruleId: 'file/unreadable',
          message: { text: expect.stringMatching(/experiments\/\*\*\/\*\.json.*EACCES/) }
        })
      ])
    } finally {
      chmodSync(join(workspace.root, 'experiments/locked'), 0o755)
    }
  })
})

describe('bounded echo', () => {
  it('quotes at most an excerpt of a huge malformed value', async () => {
    const huge = (char: string): string => char.repeat(200_000)
    const template = baseTemplate() as Json & { actions: { stop: Json } }
    template.roleArn = `arn:aws:iam::${huge('1')}:role/x`
    // Under FIS's 1024-character parameter limit, so its format is checked and quoted.
    template.actions.stop.parameters = { startInstancesAfterDuration: `PT${'M'.repeat(1000)}` }
    workspace.write('experiments/huge.json', template)
    workspace.write('experiments/placeholder.json', {
      ...baseTemplate(),
      roleArn: `\${${huge('V')}}`
    })
    const recorded = await runValidate(workspace.root)
    const results = sarifResults(recorded)
    expect(results.map((result) => result.ruleId).sort()).toEqual([
      'action/parameter-format',
      'arn/malformed',
      'hypothesis/missing',
      'hypothesis/missing',
      'placeholder/unresolved',
      'schema/length'
    ])
    for (const result of results) expect(result.message.text.length).toBeLessThan(600)
    const shown = everythingShown(recorded)
    for (const char of ['1', 'M', 'V']) expect(shown).not.toContain(char.repeat(200))
    expect(shown).toContain(`${'1'.repeat(60)}…`)
    expect(recorded.summary.length).toBeLessThan(20_000)
  })
})

describe('unknown-actions', () => {
  function aheadOfTheCatalog(): Json {
    const template = baseTemplate() as Json & { actions: Json; targets: Json }
    template.actions = {
      future: {
        actionId: 'aws:ec2:future-fault',
        parameters: { intensity: '${LEVEL}' },
        targets: { Instances: 'web' }
      },
      stop: {
        actionId: 'aws:ec2:stop-instances',
        parameters: { startInstancesAfterDuration: 'PT2M', newKnob: '${LEVEL}' },
        targets: { Instances: 'web' }
      }
    }
    template.targets = {
      ...template.targets,
      things: {
        resourceType: 'aws:ec2:future-thing',
        resourceTags: { a: 'b' },
        selectionMode: 'ALL'
      }
    }
    return template
  }

  const catalogRules = ['action/unknown-action', 'action/unknown-parameter', 'target/resource-type']

  it('fails on names the catalog does not know, with the way out in the message', async () => {
    workspace.write('experiments/ahead.json', aheadOfTheCatalog())
    const recorded = await runValidate(workspace.root, { vars: 'LEVEL=3' })
    const results = sarifResults(recorded).filter((result) => catalogRules.includes(result.ruleId))
    expect(results.map((result) => [result.ruleId, result.level]).sort()).toEqual(
      catalogRules.map((rule) => [rule, 'error'])
    )
    for (const result of results)
      expect(result.message.text).toMatch(/set the input unknown-actions: warning to accept it$/)
    expect(recorded.outputs.verdict).toBe('error')
  })

  it('with warning, accepts them as warnings that stay in the annotations and SARIF', async () => {
    workspace.write('experiments/ahead.json', aheadOfTheCatalog())
    const recorded = await runValidate(workspace.root, {
      vars: 'LEVEL=3',
      'unknown-actions': 'warning'
    })
    const results = sarifResults(recorded).filter((result) => catalogRules.includes(result.ruleId))
    expect(results.map((result) => [result.ruleId, result.level]).sort()).toEqual(
      catalogRules.map((rule) => [rule, 'warning'])
    )
    expect(
      recorded.annotations.filter((annotation) => annotation.severity === 'warning').length
    ).toBeGreaterThanOrEqual(3)
    expect(recorded.outputs.verdict).toBe('pass')
    expect(recorded.failed).toBeUndefined()
  })
})

describe('templateId files', () => {
  it('say in validate mode that the template is checked online only', async () => {
    workspace.write('experiments/existing.json', { templateId: 'EXTa1b2c3' })
    const recorded = await runValidate(workspace.root, { 'allowed-accounts': '111122223333' })
    expect(recorded.annotations).toContainEqual(
      expect.objectContaining({
        severity: 'notice',
        title: 'fis-gate guardrail/online-only',
        file: 'experiments/existing.json',
        startLine: 2,
        startColumn: 17,
        message: expect.stringMatching(
          /^templateId "EXTa1b2c3" is checked online only: .* plan and run read it with GetExperimentTemplate/
        )
      })
    )
    expect(recorded.outputs.verdict).toBe('pass')
  })
})
