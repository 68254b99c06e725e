/**
 * An issue is a finding before it has a position: a rule, a message and a JSON Pointer into either
 * the experiment file (`file`) or the FIS template (`template`, wherever its text lives).
 */
import type { RuleId, Severity } from './findings.js'

export interface Issue {
  scope: 'file' | 'template'
  pointer: string
  /** Point at the member's key rather than its value (unknown members, misspelled names). */
  part?: 'key' | 'value'
  rule: RuleId
  message: string
  /** Overrides the rule's default severity. */
  severity?: Severity
  /**
   * A name the catalog does not know (action id, parameter, target key, resource type): FIS may
   * have added it after this release, so the `unknown-actions` input can make it a warning.
   */
  unknownToCatalog?: boolean
}

/** Issue constructors for one scope; both scopes share the shape, only the document differs. */
const issueIn =
  (scope: Issue['scope']) =>
  (pointer: string, rule: RuleId, message: string, extra: Partial<Issue> = {}): Issue => ({
    scope,
    pointer,
    rule,
    message,
    ...extra
  })

export const templateIssue = issueIn('template')
export const fileIssue = issueIn('file')
