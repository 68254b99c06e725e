/** Findings → SARIF 2.1.0, as github/codeql-action/upload-sarif reads it. */
import { RULES, type Finding, type RuleId, type Severity } from '../validate/findings.js'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  notice: 'note'
}

export interface SarifOptions {
  version: string
  /** The action's repository, when known: SARIF links rules to docs/rules.md there. */
  informationUri?: string
}

export function toSarif(findings: readonly Finding[], options: SarifOptions): object {
  const ruleIds = Object.keys(RULES) as RuleId[]
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fis-gate',
            version: options.version,
            semanticVersion: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/[/-](\w)/g, (_match, letter: string) => letter.toUpperCase()),
              shortDescription: { text: RULES[id].summary },
              ...(options.informationUri
                ? {
                    helpUri: `${options.informationUri}/blob/main/docs/rules.md#${id.replace('/', '')}`
                  }
                : {}),
              defaultConfiguration: { level: LEVEL[RULES[id].severity] }
            }))
          }
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIds.indexOf(finding.rule),
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file, uriBaseId: '%SRCROOT%' },
                ...(finding.line > 0
                  ? { region: { startLine: finding.line, startColumn: finding.column } }
                  : {})
              }
            }
          ]
        }))
      }
    ]
  }
}
