/**
 * Validation of one loaded experiment: placeholders, JSON Schema, semantic rules, guardrails and
 * the hypothesis, all turned into findings at exact lines and columns. Pure: no I/O, no clock.
 */
import { excerpt, excerptList, quote } from '../experiment/excerpt.js'
import { defineMember, type JsonObject } from '../experiment/json-source.js'
import { isObject, objectAt, stringAt, type ExperimentSource } from '../experiment/model.js'
import { substitutePlaceholders, type PlaceholderHit } from '../experiment/placeholders.js'
import { planTimeline, type Timeline } from '../experiment/timeline.js'
import { findAction, findParameter } from '../catalog/catalog.js'
import { RULES, sortFindings, type Finding } from './findings.js'
import {
  combineGuardrails,
  guardrailIssues,
  guardrailSettingIssues,
  type Guardrails,
  type InputGuardrails
} from './guardrails.js'
import { hypothesisIssues } from './hypothesis-rules.js'
import { fileIssue, templateIssue, type Issue } from './issues.js'
import { experimentFileSchemaIssues, templateFileSchemaIssues } from './schema-issues.js'
import { templateRuleIssues } from './template-rules.js'

/** What a name the catalog does not know is: an error, or a warning (input `unknown-actions`). */
export type UnknownActions = 'error' | 'warning'

export interface ValidationOptions {
  /** Values from the `vars` input; they override the file's `vars`. */
  vars: ReadonlyMap<string, string>
  guardrails: InputGuardrails
  /** Default `error`. */
  unknownActions?: UnknownActions
}

export interface ValidatedExperiment {
  source: ExperimentSource
  findings: Finding[]
  /** The template as FIS takes it: placeholders substituted, kubernetesSpec serialized. */
  template?: JsonObject
  hypothesis?: JsonObject
  guardrails: Guardrails
  timeline?: Timeline
}

const ARN_FIELDS = new Set([
  'roleArn',
  'value',
  'logGroupArn',
  'resourceArns',
  'documentArn',
  'alarmArns'
])

function placeholderIssue(
  hit: PlaceholderHit,
  scope: Issue['scope'],
  knownVars: ReadonlyMap<string, string>
): Issue {
  const make = scope === 'file' ? fileIssue : templateIssue
  if (hit.kind === 'unresolved') {
    const known = [...knownVars.keys()]
    return make(
      hit.pointer,
      'placeholder/unresolved',
      `${excerpt(hit.text)} has no value: set it in the vars input (${excerpt(hit.text.slice(2, -1))}=...) or in the file's vars${known.length ? ` (known: ${excerptList(known)})` : ''}`
    )
  }
  return make(
    hit.pointer,
    'placeholder/fill-in',
    `${quote(hit.text)} is a placeholder to fill in before this template can run; replace it, or use \${NAME} with vars`
  )
}

/**
 * The template as FIS takes it: without `$schema`, and kubernetesSpec objects serialized. The
 * substituted template is already a fresh copy, so only the changed parts are rebuilt.
 */
function toFisTemplate(template: JsonObject): JsonObject {
  const { $schema: _schema, ...fisTemplate } = template
  const actions = objectAt(fisTemplate, 'actions')
  if (!actions) return fisTemplate
  const serialized: JsonObject = {}
  for (const [name, action] of Object.entries(actions)) {
    const parameters = isObject(action) ? objectAt(action, 'parameters') : undefined
    const actionId = isObject(action) ? stringAt(action, 'actionId') : undefined
    const spec = actionId === undefined ? undefined : findAction(actionId)
    const objectSpecs = Object.entries(parameters ?? {}).filter(
      ([parameter, value]) =>
        spec !== undefined &&
        findParameter(spec, parameter)?.format.type === 'kubernetes-spec' &&
        isObject(value)
    )
    defineMember(
      serialized,
      name,
      objectSpecs.length && isObject(action)
        ? {
            ...action,
            parameters: {
              ...parameters,
              ...Object.fromEntries(
                objectSpecs.map(([parameter, value]) => [parameter, JSON.stringify(value)])
              )
            }
          }
        : action
    )
  }
  return { ...fisTemplate, actions: serialized }
}

/** The file's vars, overridden by the vars input. */
function mergedVars(
  fileVars: JsonObject | undefined,
  inputVars: ReadonlyMap<string, string>
): Map<string, string> {
  const vars = new Map<string, string>()
  for (const [name, value] of Object.entries(fileVars ?? {}))
    if (typeof value === 'string') vars.set(name, value)
  for (const [name, value] of inputVars) vars.set(name, value)
  return vars
}

/** What validate mode can say about a templateId file: only plan and run can read the template. */
function onlineOnlyIssue(templateId: string): Issue {
  return fileIssue(
    '/templateId',
    'guardrail/online-only',
    `templateId ${quote(templateId)} is checked online only: the template lives in FIS, so validate mode cannot check its actions, targets or guardrails. plan and run read it with GetExperimentTemplate and refuse it before anything starts unless it passes the same guardrails as an inline template (accounts, Regions, stop conditions, forbidden actions, maxDuration, maxTargetPercent)`
  )
}

interface SubstitutedExperiment {
  root: JsonObject
  template?: JsonObject
  issues: Issue[]
  /** `scope:pointer` of every value that still holds a placeholder. */
  placeholderPointers: Set<string>
}

/** Placeholders substituted in the file and in its template, with the schema issues of both. */
function substituteAndCheckSchema(
  source: ExperimentSource,
  vars: ReadonlyMap<string, string>,
  fileVars: JsonObject | undefined
): SubstitutedExperiment {
  const issues: Issue[] = []
  const placeholderPointers = new Set<string>()
  const isArnField = (key: string): boolean => ARN_FIELDS.has(key)
  const track = (hits: PlaceholderHit[], scope: Issue['scope']): void => {
    for (const hit of hits) {
      issues.push(placeholderIssue(hit, scope, vars))
      placeholderPointers.add(`${scope}:${hit.pointer}`)
    }
  }
  // The file itself, minus its own vars (those are values, not places to substitute).
  const { vars: _ownVars, ...rootWithoutVars } = source.root
  const fileSubstitution = substitutePlaceholders(rootWithoutVars, { vars, isArnField })
  const root = fileSubstitution.value as JsonObject
  if (fileVars) root.vars = fileVars
  track(fileSubstitution.hits, 'file')
  issues.push(...experimentFileSchemaIssues(root))
  if (!source.template) return { root, issues, placeholderPointers }
  if (source.template.source.prefix === '/template')
    return { root, template: objectAt(root, 'template'), issues, placeholderPointers }
  if (source.shape !== 'gate') return { root, template: root, issues, placeholderPointers }
  const templateSubstitution = substitutePlaceholders(source.template.value, { vars, isArnField })
  const template = templateSubstitution.value as JsonObject
  track(templateSubstitution.hits, 'template')
  issues.push(...templateFileSchemaIssues(template))
  return { root, template, issues, placeholderPointers }
}

/** The way out when FIS is ahead of the catalog: the finding stays, as a warning. */
const CATALOG_HINT =
  ' If it is no typo but new in FIS since this fis-gate release, set the input unknown-actions: warning to accept it'
const ACCEPTED_NOTE = ' (accepted as a warning: unknown-actions is warning)'

/** Issues become findings at their lines; a value that still holds a placeholder is unknown. */
function locateIssues(
  source: ExperimentSource,
  issues: readonly Issue[],
  placeholderPointers: ReadonlySet<string>,
  unknownActions: UnknownActions
): Finding[] {
  const templateSource = source.template?.source
  // Only a templateFile has its own document; inline and bare templates live in the file.
  const ownTemplateDocument = source.shape === 'gate' && templateSource?.prefix === ''
  const findings: Finding[] = []
  for (const issue of issues) {
    const inTemplate = issue.scope === 'template' && templateSource !== undefined
    const pointer = inTemplate ? `${templateSource.prefix}${issue.pointer}` : issue.pointer
    const document = inTemplate ? templateSource.document : source.document
    const key = `${inTemplate && ownTemplateDocument ? 'template' : 'file'}:${pointer}`
    // Only the placeholder is reported at a value that holds one; its name is still checked.
    const aboutValue = issue.part !== 'key' && !issue.rule.startsWith('placeholder/')
    if (aboutValue && placeholderPointers.has(key)) continue
    const position = document.parsed.locate(pointer, issue.part)
    const accepted = issue.unknownToCatalog === true && unknownActions === 'warning'
    const hint = issue.unknownToCatalog ? (accepted ? ACCEPTED_NOTE : CATALOG_HINT) : ''
    findings.push({
      file: document.file,
      line: position.line,
      column: position.column,
      rule: issue.rule,
      severity: accepted ? 'warning' : (issue.severity ?? RULES[issue.rule].severity),
      message: `${issue.message}${hint}`
    })
  }
  return sortFindings(findings)
}

export function validateExperiment(
  source: ExperimentSource,
  options: ValidationOptions
): ValidatedExperiment {
  const fileVars = source.shape === 'gate' ? objectAt(source.root, 'vars') : undefined
  const vars = mergedVars(fileVars, options.vars)
  const { root, template, issues, placeholderPointers } = substituteAndCheckSchema(
    source,
    vars,
    fileVars
  )
  const timeline = template ? planTimeline(template) : undefined
  if (template && timeline) issues.push(...templateRuleIssues(template, timeline))
  const fileGuardrails = objectAt(root, 'guardrails')
  const guardrails = combineGuardrails(fileGuardrails, options.guardrails)
  issues.push(...guardrailSettingIssues(fileGuardrails))
  if (source.templateId) issues.push(onlineOnlyIssue(source.templateId))
  else issues.push(...guardrailIssues(template, timeline, guardrails))
  const hypothesis = objectAt(root, 'hypothesis')
  issues.push(...hypothesisIssues(hypothesis, Boolean(template || source.templateId)))
  return {
    source,
    findings: locateIssues(source, issues, placeholderPointers, options.unknownActions ?? 'error'),
    template: template ? toFisTemplate(template) : undefined,
    hypothesis,
    guardrails,
    timeline
  }
}
