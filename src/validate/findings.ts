/**
 * Validation findings and the registry of stable rule ids. The registry is the one list of what
 * fis-gate checks: SARIF publishes it as the tool's rules and the docs list it.
 */

export type Severity = 'error' | 'warning' | 'notice'

export interface Finding {
  /** Path of the file the finding points into, relative to the workspace when possible. */
  file: string
  /** 1-based; 0 when the finding is about the file as a whole or about an input. */
  line: number
  column: number
  rule: RuleId
  severity: Severity
  message: string
}

interface RuleInfo {
  severity: Severity
  summary: string
}

export const RULES = {
  'syntax/invalid-json': { severity: 'error', summary: 'The file is not valid JSON.' },
  'syntax/invalid-utf8': { severity: 'error', summary: 'The file is not valid UTF-8.' },
  'syntax/empty-file': { severity: 'error', summary: 'The file is empty.' },
  'syntax/too-deep': {
    severity: 'error',
    summary: 'JSON nesting is deeper than an experiment file can need.'
  },
  'syntax/duplicate-key': {
    severity: 'error',
    summary: 'An object has the same key twice; one value would be lost.'
  },
  'file/not-found': { severity: 'error', summary: 'A named experiment file does not exist.' },
  'file/not-a-file': {
    severity: 'error',
    summary: 'A named path is a directory or another non-file.'
  },
  'file/unreadable': { severity: 'error', summary: 'A file could not be read.' },
  'file/too-large': {
    severity: 'error',
    summary: 'A file is larger than any experiment file can be.'
  },
  'file/no-match': {
    severity: 'error',
    summary: 'A glob in the experiments input matched no file.'
  },
  'file/template-file': {
    severity: 'error',
    summary: 'The templateFile of a gate file cannot be used.'
  },
  'file/outside-workspace': {
    severity: 'error',
    summary: 'A path, glob or templateFile leads outside the workspace (symbolic links resolved).'
  },
  'file/too-many-matches': {
    severity: 'error',
    summary: 'A glob in the experiments input matches more files than any experiment set needs.'
  },
  'schema/type': { severity: 'error', summary: 'A value has the wrong JSON type.' },
  'schema/required': { severity: 'error', summary: 'A required member is missing.' },
  'schema/unknown-member': {
    severity: 'error',
    summary: 'A member is not part of the FIS API or the gate file.'
  },
  'schema/enum': { severity: 'error', summary: 'A value is not one of the allowed values.' },
  'schema/length': {
    severity: 'error',
    summary: 'A string is shorter or longer than the API allows.'
  },
  'schema/count': {
    severity: 'error',
    summary: 'A list or map has fewer or more entries than the API allows.'
  },
  'schema/pattern': {
    severity: 'error',
    summary: 'A string does not have the form the API requires.'
  },
  'schema/range': { severity: 'error', summary: 'A number is outside its allowed range.' },
  'schema/shape': {
    severity: 'error',
    summary: 'The document does not have one of the accepted shapes.'
  },
  'action/unknown-action': { severity: 'error', summary: 'The actionId is not an FIS action.' },
  'action/deprecated-action': {
    severity: 'warning',
    summary: 'The actionId is a legacy name of another FIS action.'
  },
  'action/missing-parameter': {
    severity: 'error',
    summary: 'A required action parameter is missing.'
  },
  'action/unknown-parameter': {
    severity: 'error',
    summary: 'The action has no parameter of this name.'
  },
  'action/parameter-format': {
    severity: 'error',
    summary: 'An action parameter value has the wrong format or range.'
  },
  'action/parameter-length': {
    severity: 'error',
    summary: 'An action parameter value is longer than 1024 characters.'
  },
  'action/start-after': {
    severity: 'error',
    summary: 'startAfter names an action that does not exist, or itself.'
  },
  'action/start-after-cycle': {
    severity: 'error',
    summary: 'startAfter references form a cycle, so the actions can never start.'
  },
  'action/kubernetes-spec': {
    severity: 'error',
    summary: 'kubernetesSpec is not a Chaos Mesh or Litmus spec consistent with kubernetesKind.'
  },
  'action/parallel-limit': {
    severity: 'warning',
    summary: 'More actions would run at once than FIS allows (10).'
  },
  'target/reference': {
    severity: 'error',
    summary: 'An action refers to a target that is not defined.'
  },
  'target/unused': { severity: 'warning', summary: 'A target is defined but no action uses it.' },
  'target/key': {
    severity: 'error',
    summary: 'A target key is not valid for the action, or a required one is missing.'
  },
  'target/resource-type': {
    severity: 'error',
    summary: 'The target resource type does not fit the action, or is unknown.'
  },
  'target/selection-mode': {
    severity: 'error',
    summary: 'selectionMode is not ALL, COUNT(n) or PERCENT(n) within bounds.'
  },
  'target/selector': {
    severity: 'error',
    summary: 'The target selects resources in a way FIS does not accept.'
  },
  'target/parameter': {
    severity: 'error',
    summary: 'A target parameter is unknown, missing or malformed for the resource type.'
  },
  'arn/malformed': { severity: 'error', summary: 'An ARN is not well formed.' },
  'arn/wrong-kind': {
    severity: 'error',
    summary: 'An ARN names the wrong kind of resource for its field.'
  },
  'placeholder/unresolved': {
    severity: 'error',
    summary: 'A ${NAME} placeholder has no value from vars.'
  },
  'placeholder/fill-in': {
    severity: 'error',
    summary: 'A fill-in placeholder (<YOUR ACCOUNT>, {{x}}, ACCOUNT_ID) was left in the file.'
  },
  'guardrail/stop-conditions': {
    severity: 'error',
    summary: 'The template has no CloudWatch alarm stop condition.'
  },
  'guardrail/account': {
    severity: 'error',
    summary: 'An ARN names an account outside allowedAccounts.'
  },
  'guardrail/region': {
    severity: 'error',
    summary: 'An ARN names a Region outside allowedRegions.'
  },
  'guardrail/max-duration': {
    severity: 'error',
    summary: 'The estimated experiment duration exceeds maxDuration.'
  },
  'guardrail/max-target-percent': {
    severity: 'error',
    summary: 'A target selects a larger share than maxTargetPercent.'
  },
  'guardrail/forbidden-action': {
    severity: 'error',
    summary: 'The template uses an action listed in forbiddenActions.'
  },
  'guardrail/invalid': { severity: 'error', summary: 'A guardrail setting itself is invalid.' },
  'guardrail/online-only': {
    severity: 'notice',
    summary: 'A templateId file: its template is read and checked online (plan and run) only.'
  },
  'hypothesis/missing': {
    severity: 'warning',
    summary: 'No hypothesis: the verdict rests on the FIS outcome alone.'
  },
  'hypothesis/metric': {
    severity: 'error',
    summary: 'A hypothesis metric, expression or query id is invalid.'
  },
  'hypothesis/statistic': {
    severity: 'error',
    summary: 'A statistic is not a CloudWatch statistic.'
  },
  'hypothesis/period': { severity: 'error', summary: 'A period is not one CloudWatch accepts.' },
  'hypothesis/duration': {
    severity: 'error',
    summary: 'A hypothesis duration is not a valid ISO-8601 duration.'
  },
  'hypothesis/check': {
    severity: 'error',
    summary: 'A check is inconsistent (condition, phases, datapoints, names).'
  },
  'internal/unexpected': {
    severity: 'error',
    summary: 'fis-gate failed on this file; a bug to report. The other files are unaffected.'
  }
} as const satisfies Record<string, RuleInfo>

export type RuleId = keyof typeof RULES

export const hasErrors = (findings: readonly Finding[]): boolean =>
  findings.some((finding) => finding.severity === 'error')

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

/** Errors first, then by file and position: the order people read and fix them in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column
  )
}
