import { describe, expect, it } from '@jest/globals'
import { planAnnotations } from '../../src/report/annotations.js'
import { escapeMarkdown } from '../../src/report/markdown.js'
import { toSarif } from '../../src/report/sarif.js'
import { renderValidationSummary } from '../../src/report/validation-summary.js'
import { RULES, type Finding } from '../../src/validate/findings.js'

const finding = (severity: Finding['severity'], index: number): Finding => ({
  file: 'experiments/a.json',
  line: index + 1,
  column: 3,
  rule: severity === 'error' ? 'action/unknown-action' : 'target/unused',
  severity,
  message: `problem ${index}`
})

describe('annotations', () => {
  it('annotates 10 errors and 10 warnings, then points at the summary for the rest', () => {
    const findings = [
      ...Array.from({ length: 14 }, (_, i) => finding('error', i)),
      ...Array.from({ length: 12 }, (_, i) => finding('warning', i))
    ]
    const plan = planAnnotations(findings)
    expect(plan.annotations.filter((annotation) => annotation.severity === 'error')).toHaveLength(
      10
    )
    expect(plan.annotations.filter((annotation) => annotation.severity === 'warning')).toHaveLength(
      10
    )
    expect(plan.overflow).toEqual({ error: 4, warning: 2, notice: 0 })
    expect(plan.annotations.at(-1)).toMatchObject({
      severity: 'notice',
      message: expect.stringMatching(/^4 more errors and 2 more warnings are not annotated/)
    })
    expect(plan.unannotated).toEqual([...findings.slice(10, 14), ...findings.slice(14 + 10)])
    expect(plan.annotations[0]).toEqual({
      severity: 'error',
      message: 'problem 0',
      title: 'fis-gate action/unknown-action',
      file: 'experiments/a.json',
      startLine: 1,
      startColumn: 3
    })
  })

  it('keeps one error for the failure message of a step that will fail', () => {
    const findings = Array.from({ length: 15 }, (_, i) => finding('error', i))
    const plan = planAnnotations(findings, { stepFails: true })
    const errors = plan.annotations.filter((annotation) => annotation.severity === 'error')
    expect(errors.map((annotation) => annotation.message)).toEqual(
      findings.slice(0, 9).map((item) => item.message)
    )
    expect(plan.overflow).toEqual({ error: 6, warning: 0, notice: 0 })
    expect(plan.unannotated).toEqual(findings.slice(9))
    expect(plan.annotations.at(-1)).toMatchObject({
      severity: 'notice',
      message: expect.stringMatching(
        /^6 more errors are not annotated \(.*the step's failure message is one of its errors\)/
      )
    })
  })

  it('counts in words: one more finding is one', () => {
    const errors = Array.from({ length: 11 }, (_, i) => finding('error', i))
    const warnings = Array.from({ length: 11 }, (_, i) => finding('warning', i))
    const notice = (items: Finding[]): string =>
      planAnnotations(items).annotations.at(-1)?.message ?? ''
    expect(notice(errors)).toMatch(/^1 more error is not annotated \(/)
    expect(notice([...errors, ...warnings])).toMatch(
      /^1 more error and 1 more warning are not annotated \(/
    )
    expect(notice([...errors, ...warnings])).not.toContain('(s)')
  })

  it('does not attach a glob pattern as a file', () => {
    const plan = planAnnotations([
      {
        file: 'experiments/**/*.json',
        line: 0,
        column: 0,
        rule: 'file/no-match',
        severity: 'error',
        message: 'no match'
      }
    ])
    expect(plan.annotations[0]).not.toHaveProperty('file')
  })
})

describe('SARIF', () => {
  it('is SARIF 2.1.0 with every rule and located results relative to the source root', () => {
    const sarif = toSarif([finding('error', 4), { ...finding('warning', 0), line: 0, column: 0 }], {
      version: '1.2.3',
      informationUri: 'https://github.com/acme/fis-gate'
    }) as {
      version: string
      runs: {
        tool: {
          driver: { name: string; version: string; rules: { id: string; helpUri: string }[] }
        }
        results: {
          ruleId: string
          ruleIndex: number
          level: string
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId: string }
              region?: object
            }
          }[]
        }[]
      }[]
    }
    expect(sarif.version).toBe('2.1.0')
    const run = sarif.runs[0]!
    expect(run.tool.driver).toMatchObject({ name: 'fis-gate', version: '1.2.3' })
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(Object.keys(RULES))
    expect(run.tool.driver.rules[0]?.helpUri).toBe(
      'https://github.com/acme/fis-gate/blob/main/docs/rules.md#syntaxinvalid-json'
    )
    const [located, fileOnly] = run.results
    expect(located).toMatchObject({
      ruleId: 'action/unknown-action',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'experiments/a.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 5, startColumn: 3 }
          }
        }
      ]
    })
    expect(run.tool.driver.rules[located!.ruleIndex]?.id).toBe('action/unknown-action')
    expect(fileOnly?.level).toBe('warning')
    expect(fileOnly?.locations[0]?.physicalLocation.region).toBeUndefined()
  })
})

describe('summary', () => {
  it('escapes HTML and table syntax from user strings', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> | `x` *b*')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; \\| \\`x\\` \\*b\\*'
    )
  })

  it('gives a file that did not load its own section, under a failing headline', () => {
    const markdown = renderValidationSummary({
      experiments: [],
      otherFindings: [
        {
          file: 'exp/*.json',
          line: 0,
          column: 0,
          rule: 'file/no-match',
          severity: 'error',
          message: 'The pattern "exp/*.json" matched no file'
        }
      ]
    })
    expect(markdown).toMatch(
      /^## ❌ fis-gate validate: error\n\n1 error; at exp\/\\\*\.json: The pattern/
    )
    expect(markdown).toMatch(/^### ❌ 1 error — exp\/\\\*\.json$/m)
    expect(markdown).toContain(
      '| exp/\\*.json | ❌ error | <code>file/no-match</code> | The pattern &quot;exp/\\*.json&quot; matched no file |'
    )
  })
})
