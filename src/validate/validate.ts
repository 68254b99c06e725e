/**
 * Validation of one loaded experiment: placeholders, JSON Schema, semantic rules, guardrails and
 * the hypothesis, all turned into findings at exact lines and columns. Pure: no I/O, no clock.
 */
import type { JsonObject } from '../experiment/json-source.js'
import {
  isObject,
  objectAt,
  type ExperimentSource,
  type SourceDocument
} from '../experiment/model.js'
import { substitutePlaceholders, type PlaceholderHit } from '../experiment/placeholders.js'
import { planTimeline, type Timeline } from '../experiment/timeline.js'
import { findAction } from '../catalog/catalog.js'
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

export interface ValidationOptions {
  /** Values from the `vars` input; they override the file's `vars`. */
  vars: ReadonlyMap<string, string>
  guardrails: InputGuardrails
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
      `${hit.text} has no value: set it in the vars input (${hit.text.slice(2, -1)}=...) or in the file's vars${known.length ? ` (known: ${known.join(', ')})` : ''}`
    )
  }
  return make(
    hit.pointer,
    'placeholder/fill-in',
    `"${hit.text}" is a placeholder to fill in before this template can run; replace it, or use \${NAME} with vars`
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
    const spec =
      isObject(action) && typeof action.actionId === 'string'
        ? findAction(action.actionId)
        : undefined
    const objectSpecs = Object.entries(parameters ?? {}).filter(
      ([parameter, value]) =>
        spec?.parameters[parameter]?.format.type === 'kubernetes-spec' && isObject(value)
    )
    serialized[name] =
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
  }
  return { ...fisTemplate, actions: serialized }
}

export function validateExperiment(
  source: ExperimentSource,
  options: ValidationOptions
): ValidatedExperiment {
  const issues: Issue[] = []
  const placeholderPointers = new Set<string>()
  const isGate = source.shape === 'gate'
  const fileVars = isGate ? objectAt(source.root, 'vars') : undefined
  const vars = new Map<string, string>()
  for (const [name, value] of Object.entries(fileVars ?? {}))
    if (typeof value === 'string') vars.set(name, value)
  for (const [name, value] of options.vars) vars.set(name, value)
  const isArnField = (key: string): boolean => ARN_FIELDS.has(key)

  // The file itself, minus its own vars (those are values, not places to substitute).
  const { vars: _ownVars, ...rootWithoutVars } = source.root
  const fileSubstitution = substitutePlaceholders(rootWithoutVars, { vars, isArnField })
  const root = fileSubstitution.value as JsonObject
  if (fileVars) root.vars = fileVars
  const trackPlaceholders = (
    hits: PlaceholderHit[],
    scope: Issue['scope'],
    prefix: string
  ): void => {
    for (const hit of hits) {
      issues.push(placeholderIssue(hit, scope, vars))
      placeholderPointers.add(`${scope}:${prefix}${hit.pointer}`)
    }
  }
  trackPlaceholders(fileSubstitution.hits, 'file', '')
  issues.push(...experimentFileSchemaIssues(root))

  let template: JsonObject | undefined
  if (source.template) {
    if (source.template.source.prefix === '/template') {
      template = objectAt(root, 'template')
    } else if (isGate) {
      const templateSubstitution = substitutePlaceholders(source.template.value, {
        vars,
        isArnField
      })
      template = templateSubstitution.value as JsonObject
      trackPlaceholders(templateSubstitution.hits, 'template', '')
      issues.push(...templateFileSchemaIssues(template))
    } else {
      template = root
    }
  }

  const timeline = template ? planTimeline(template) : undefined
  if (template && timeline) issues.push(...templateRuleIssues(template, timeline))
  const fileGuardrails = objectAt(root, 'guardrails')
  const guardrails = combineGuardrails(fileGuardrails, options.guardrails)
  issues.push(...guardrailSettingIssues(fileGuardrails))
  if (!source.templateId) issues.push(...guardrailIssues(template, timeline, guardrails))
  const hypothesis = objectAt(root, 'hypothesis')
  issues.push(...hypothesisIssues(hypothesis, Boolean(template || source.templateId)))

  const templateSource = source.template?.source
  const resolve = (issue: Issue): { document: SourceDocument; pointer: string; key: string } => {
    if (issue.scope === 'template' && templateSource) {
      const pointer = `${templateSource.prefix}${issue.pointer}`
      // Only a templateFile has its own document; inline and bare templates live in the file.
      const ownDocument = isGate && templateSource.prefix === ''
      return {
        document: templateSource.document,
        pointer,
        key: `${ownDocument ? 'template' : 'file'}:${pointer}`
      }
    }
    return { document: source.document, pointer: issue.pointer, key: `file:${issue.pointer}` }
  }
  const findings: Finding[] = []
  for (const issue of issues) {
    const { document, pointer, key } = resolve(issue)
    // A value that still holds a placeholder is unknown: only the placeholder is reported there.
    if (!issue.rule.startsWith('placeholder/') && placeholderPointers.has(key)) continue
    const position = document.parsed.locate(pointer, issue.part)
    findings.push({
      file: document.file,
      line: position.line,
      column: position.column,
      rule: issue.rule,
      severity: issue.severity ?? RULES[issue.rule].severity,
      message: issue.message
    })
  }
  return {
    source,
    findings: sortFindings(findings),
    template: template ? toFisTemplate(template) : undefined,
    hypothesis,
    guardrails,
    timeline
  }
}
