/**
 * The semantic diff of one experiment file for the pull-request comment: what the pull request
 * changes in what the experiment does, in words a reviewer can approve, with the risky changes
 * marked. The two versions are compared as written (placeholders unsubstituted, so a changed
 * `vars` entry is one change, not one per value that uses it). Pure: versions in, changes out.
 *
 * The changes come in a fixed order: the file itself, actions, targets, stop conditions, the
 * estimated duration, the template's other members, the hypothesis checks and members, the
 * guardrails, the vars, then the gate file's templateId and name. Within each, the head's order,
 * then what only the base had. The risk rules are at the top of each section's module.
 */
import { excerpt } from '../experiment/excerpt.js'
import type { JsonObject } from '../experiment/json-source.js'
import type { LoadResult } from '../experiment/load.js'
import { objectAt, stringAt } from '../experiment/model.js'
import { describedChange, valueChanges, type SemanticChange } from './change.js'
import { guardrailChanges } from './guardrail-changes.js'
import { hypothesisChanges } from './hypothesis-changes.js'
import { templateChanges } from './template-changes.js'

export type { ChangeKind, ChangeSubject, Risk, SemanticChange } from './change.js'

/** What an experiment file holds, as the loader read it. */
export interface ExperimentContent {
  /** The FIS template: the file itself, the gate file's inline template or its templateFile. */
  template?: JsonObject
  templateId?: string
  name?: string
  vars?: JsonObject
  hypothesis?: JsonObject
  guardrails?: JsonObject
}

/** One version of a file: not there, there but not an experiment one can read, or its content. */
export type ExperimentVersion =
  | { state: 'absent' }
  | { state: 'unparseable'; reason: string }
  | { state: 'present'; content: ExperimentContent }

/** A reason quoted in a change stays one line, however long the finding. */
const oneLine = (reason: string): string => excerpt(reason.replace(/\s+/g, ' '), 300)

/**
 * The version the loader read: absent when the file does not exist, unparseable when the loader
 * found anything wrong with the file itself (its findings are the reason).
 */
export function experimentVersion(load: LoadResult): ExperimentVersion {
  const [failure] = load.findings
  if (failure?.rule === 'file/not-found') return { state: 'absent' }
  if (failure || !load.source) {
    // The file is named: a finding may be in the templateFile rather than the file itself.
    const where =
      failure && failure.line > 0 ? ` (${failure.file}:${failure.line}:${failure.column})` : ''
    return {
      state: 'unparseable',
      reason: `${failure?.message ?? 'nothing could be loaded'}${where}`
    }
  }
  const { source } = load
  const gate = source.shape === 'gate'
  return {
    state: 'present',
    content: {
      template: source.template?.value,
      ...(gate
        ? {
            templateId: source.templateId,
            name: stringAt(source.root, 'name'),
            vars: objectAt(source.root, 'vars'),
            hypothesis: objectAt(source.root, 'hypothesis'),
            guardrails: objectAt(source.root, 'guardrails')
          }
        : {})
    }
  }
}

function contentChanges(before: ExperimentContent, after: ExperimentContent): SemanticChange[] {
  return [
    ...templateChanges(before.template, after.template),
    ...hypothesisChanges(before.hypothesis, after.hypothesis),
    ...guardrailChanges(before.guardrails, after.guardrails),
    ...valueChanges('var', ['vars'], before.vars ?? {}, after.vars ?? {}),
    ...valueChanges('experiment', ['templateId'], before.templateId, after.templateId),
    ...valueChanges('experiment', ['name'], before.name, after.name)
  ]
}

const fileChange = (kind: SemanticChange['kind'], words: string): SemanticChange =>
  describedChange('file', [], kind, words)

/**
 * The changes from `base` (the file at the pull request's base commit) to `head`. A new file
 * lists everything in it as added; a deleted file is one change; a version that cannot be read
 * says so (an unreadable base is compared as if the file were new).
 */
export function diffExperiment(base: ExperimentVersion, head: ExperimentVersion): SemanticChange[] {
  if (head.state === 'unparseable') {
    return [
      fileChange(
        'changed',
        `this version cannot be read as an experiment, so it is not compared: ${oneLine(head.reason)}`
      )
    ]
  }
  if (head.state === 'absent')
    return base.state === 'absent' ? [] : [fileChange('removed', 'experiment file deleted')]
  if (base.state === 'present') return contentChanges(base.content, head.content)
  const note =
    base.state === 'absent'
      ? fileChange('added', 'new experiment file')
      : fileChange(
          'changed',
          `the base version cannot be read as an experiment, so everything here is listed as added: ${oneLine(base.reason)}`
        )
  return [note, ...contentChanges({}, head.content)]
}
