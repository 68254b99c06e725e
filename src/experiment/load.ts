/**
 * Loads one experiment file: reads and parses it with positions, decides its shape (bare FIS
 * template or gate file) and loads a `templateFile`. Everything wrong with the file itself comes
 * back as located findings; nothing here throws for bad input.
 */
import { basename, dirname, extname, relative, resolve } from 'node:path'
import type { Finding } from '../validate/findings.js'
import { quote } from './excerpt.js'
import { lineIndex, parseJson, type ParsedJson } from './json-source.js'
import {
  GATE_FILE_KEYS,
  isObject,
  memberOf,
  objectAt,
  stringAt,
  type ExperimentSource,
  type SourceDocument
} from './model.js'
import { readExperimentText, type ReadResult } from './read-file.js'
import { isInside } from './workspace.js'

export interface LoadResult {
  source?: ExperimentSource
  findings: Finding[]
}

/** The path people should see: relative to the workspace when the file is inside it. */
export function displayPath(absolutePath: string, workspace: string): string {
  const fromWorkspace = relative(workspace, absolutePath)
  return fromWorkspace && isInside(resolve(workspace), resolve(absolutePath))
    ? fromWorkspace.split('\\').join('/')
    : absolutePath
}

/** How the loader reads a file: from the workspace, or (pull requests) as it was at a commit. */
export type TextReader = (absolutePath: string, workspace: string) => ReadResult

function readDocument(
  absolutePath: string,
  file: string,
  workspace: string,
  readText: TextReader
): { document?: SourceDocument; findings: Finding[] } {
  const read = readText(absolutePath, workspace)
  if ('failure' in read) {
    const { rule, message, position } = read.failure
    return {
      findings: [
        {
          file,
          line: position?.line ?? 0,
          column: position?.column ?? 0,
          rule,
          severity: 'error',
          message: message.replace(absolutePath, file)
        }
      ]
    }
  }
  const parsed = parseJson(read.text)
  if ('error' in parsed) {
    const { line, column } = lineIndex(read.text)(parsed.error.offset)
    return {
      findings: [
        {
          file,
          line,
          column,
          rule: parsed.error.rule,
          severity: 'error',
          message: parsed.error.message
        }
      ]
    }
  }
  return { document: { file, absolutePath, parsed: parsed as ParsedJson }, findings: [] }
}

function rootKind(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  return `a ${typeof value}`
}

/** Read failures of a templateFile that are about the path point at the gate file's templateFile. */
const PATH_RULES = new Set<Finding['rule']>([
  'file/not-found',
  'file/not-a-file',
  'file/unreadable',
  'file/outside-workspace'
])

function atTemplateFile(finding: Finding, gate: SourceDocument, templateFile: string): Finding {
  if (!PATH_RULES.has(finding.rule)) return finding
  return {
    ...finding,
    file: gate.file,
    ...gate.parsed.locate('/templateFile'),
    // Leaving the workspace keeps its own rule: it is a policy refusal, not a missing file.
    rule: finding.rule === 'file/outside-workspace' ? finding.rule : 'file/template-file',
    message: `templateFile ${quote(templateFile)}: ${finding.message} (the path is relative to ${gate.file})`
  }
}

export function loadExperiment(
  absolutePath: string,
  workspace: string,
  readText: TextReader = readExperimentText
): LoadResult {
  const file = displayPath(absolutePath, workspace)
  const { document, findings } = readDocument(absolutePath, file, workspace, readText)
  if (!document) return { findings }
  const root = document.parsed.value
  if (!isObject(root)) {
    return {
      findings: [
        {
          file,
          line: 1,
          column: 1,
          rule: 'schema/shape',
          severity: 'error',
          message: `The file must hold a JSON object (an FIS experiment template or a fis-gate file), found ${rootKind(root)}`
        }
      ]
    }
  }
  const isGate = GATE_FILE_KEYS.some((key) => Object.prototype.hasOwnProperty.call(root, key))
  const source: ExperimentSource = {
    file,
    absolutePath,
    name: stringAt(root, 'name') ?? basename(absolutePath, extname(absolutePath)),
    shape: isGate ? 'gate' : 'template',
    document,
    root
  }
  if (!isGate) {
    source.template = { value: root, source: { document, prefix: '' } }
    return { source, findings }
  }
  const inline = objectAt(root, 'template')
  const templateFile = stringAt(root, 'templateFile')
  source.templateId = stringAt(root, 'templateId')
  if (inline) {
    source.template = { value: inline, source: { document, prefix: '/template' } }
  } else if (
    templateFile &&
    memberOf(root, 'template') === undefined &&
    memberOf(root, 'templateId') === undefined
  ) {
    const templatePath = resolve(dirname(absolutePath), templateFile)
    const loaded = readDocument(
      templatePath,
      displayPath(templatePath, workspace),
      workspace,
      readText
    )
    if (!loaded.document) {
      findings.push(
        ...loaded.findings.map((finding) => atTemplateFile(finding, document, templateFile))
      )
      return { source, findings }
    }
    const templateRoot = loaded.document.parsed.value
    if (!isObject(templateRoot)) {
      findings.push({
        file: loaded.document.file,
        line: 1,
        column: 1,
        rule: 'schema/shape',
        severity: 'error',
        message: `templateFile must hold an FIS experiment template object, found ${rootKind(templateRoot)}`
      })
      return { source, findings }
    }
    source.template = { value: templateRoot, source: { document: loaded.document, prefix: '' } }
  }
  return { source, findings }
}
