import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  baseTemplate,
  errorsOf,
  tempWorkspace,
  validateFile,
  type Workspace
} from '../support/validate-files.js'

let workspace: Workspace
beforeEach(() => {
  workspace = tempWorkspace()
})
afterEach(() => workspace.remove())

describe('loading experiment files', () => {
  it('accepts a UTF-8 BOM and CRLF line endings with correct positions', async () => {
    const text = JSON.stringify(
      { ...baseTemplate(), roleArn: 'arn:aws:iam::111122223333:user/not-a-role' },
      null,
      2
    ).replace(/\n/g, '\r\n')
    workspace.write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
    const { findings } = await validateFile(workspace, 'bom.json')
    const roleLine = text.split('\r\n').findIndex((line) => line.includes('"roleArn"')) + 1
    expect(errorsOf(findings)).toEqual([
      expect.objectContaining({
        rule: 'arn/wrong-kind',
        line: roleLine,
        column: 14,
        file: 'bom.json'
      })
    ])
  })

  it('reports invalid UTF-8 at the line and column of the bad byte', async () => {
    workspace.write(
      'latin1.json',
      Buffer.concat([
        Buffer.from('{\n  "description": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"\n}')
      ])
    )
    const { findings } = await validateFile(workspace, 'latin1.json')
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'syntax/invalid-utf8',
        line: 2,
        column: 22,
        severity: 'error'
      })
    ])
    expect(findings[0]?.message).toMatch(/byte 0xE9.*save the file as UTF-8/)
  })

  it('names UTF-16 files as such', async () => {
    workspace.write('utf16.json', Buffer.from('\ufeff{"a": 1}', 'utf16le'))
    const { findings } = await validateFile(workspace, 'utf16.json')
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'syntax/invalid-utf8',
        message: expect.stringMatching(/UTF-16/)
      })
    ])
  })

  it('refuses a 5 MB file before reading it', async () => {
    workspace.write('huge.json', `{"description": "${'x'.repeat(5 * 1024 * 1024)}"}`)
    const { findings } = await validateFile(workspace, 'huge.json')
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'file/too-large',
        line: 1,
        column: 1,
        message: expect.stringMatching(/5\.0 MiB/)
      })
    ])
  })

  it.each([
    ['an array', '[1, 2]', /found an array/],
    ['a string', '"template"', /found a string/],
    ['null', 'null', /found null/]
  ])('reports a root that is %s', async (_name, text, message) => {
    workspace.write('root.json', text)
    const { findings } = await validateFile(workspace, 'root.json')
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'schema/shape',
        line: 1,
        column: 1,
        message: expect.stringMatching(message)
      })
    ])
  })

  it('reports a directory given as a file', async () => {
    workspace.write('experiments/a.json', '{}')
    const { findings } = await validateFile(workspace, 'experiments')
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'file/not-a-file',
        message: expect.stringMatching(/is a directory.*experiments\/\*\*\/\*\.json/)
      })
    ])
  })

  it('reports a missing file', async () => {
    const { findings } = await validateFile(workspace, 'nope.json')
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'file/not-found', file: 'nope.json' })
    ])
  })

  it('loads templateFile relative to the gate file and reports template findings in that file', async () => {
    const template = baseTemplate()
    ;(template.actions as Record<string, Record<string, unknown>>).stop!.actionId =
      'aws:ec2:stop-instance'
    workspace.write('templates/stop.json', template)
    workspace.write('experiments/gate.json', {
      templateFile: '../templates/stop.json',
      hypothesis: undefined
    })
    const { findings } = await validateFile(workspace, 'experiments/gate.json')
    const unknown = errorsOf(findings).find((finding) => finding.rule === 'action/unknown-action')
    expect(unknown).toMatchObject({ file: 'templates/stop.json', line: 21, column: 19 })
    expect(unknown?.message).toMatch(/Did you mean "aws:ec2:stop-instances"/)
  })

  it('reports a templateFile that does not exist at the templateFile member', async () => {
    workspace.write('gate.json', '{\n  "templateFile": "missing.json"\n}')
    const { findings } = await validateFile(workspace, 'gate.json')
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'file/template-file',
        file: 'gate.json',
        line: 2,
        column: 19
      })
    ])
  })

  it('reports a syntax error inside a templateFile in that file', async () => {
    workspace.write('t.json', '{\n  "description": "x",\n}')
    workspace.write('gate.json', { templateFile: 't.json' })
    const { findings } = await validateFile(workspace, 'gate.json')
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'syntax/invalid-json', file: 't.json', line: 3, column: 1 })
    ])
  })
})
