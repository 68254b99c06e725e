/** The rule reference and the README stay complete as rules and inputs are added. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { RULES } from '../../src/validate/findings.js'

const read = (path: string): string =>
  readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('documentation', () => {
  it('lists every rule id in docs/rules.md with its severity', () => {
    const doc = read('docs/rules.md')
    for (const [id, rule] of Object.entries(RULES)) {
      const row = new RegExp(`\`${id}\`\\s*\\|\\s*${rule.severity}\\s*\\|`)
      expect([id, row.test(doc)]).toEqual([id, true])
    }
  })

  it('documents every action.yml input and output in the README', () => {
    const action = read('action.yml')
    const readme = read('README.md')
    const names = (section: string): string[] => {
      const block = action.split(`\n${section}:\n`)[1]?.split(/\n\S/)[0] ?? ''
      return [...block.matchAll(/^ {2}([a-z-]+):$/gm)].map((match) => match[1] as string)
    }
    expect(names('inputs').length).toBeGreaterThan(0)
    for (const name of [...names('inputs'), ...names('outputs')])
      expect([name, readme.includes(`| \`${name}\``)]).toEqual([name, true])
  })
})
