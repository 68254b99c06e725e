/**
 * Findings → GitHub annotations within the runner's limits: 10 errors and 10 warnings per step
 * are shown, the rest are dropped silently by GitHub, so the overflow is counted and pointed at
 * the job summary instead.
 */
import type { Finding, Severity } from '../validate/findings.js'

export const ANNOTATIONS_PER_SEVERITY = 10

export interface Annotation {
  severity: Severity
  message: string
  title: string
  file?: string
  startLine?: number
  startColumn?: number
}

export interface AnnotationPlan {
  annotations: Annotation[]
  /** Findings not annotated, per severity. */
  overflow: Record<Severity, number>
}

export function planAnnotations(findings: readonly Finding[]): AnnotationPlan {
  const used: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  const overflow: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  const annotations: Annotation[] = []
  for (const finding of findings) {
    if (used[finding.severity] >= ANNOTATIONS_PER_SEVERITY) {
      overflow[finding.severity]++
      continue
    }
    used[finding.severity]++
    annotations.push({
      severity: finding.severity,
      message: finding.message,
      title: `fis-gate ${finding.rule}`,
      ...(finding.line > 0
        ? { file: finding.file, startLine: finding.line, startColumn: finding.column }
        : finding.file && !/[*?[\]{}]/.test(finding.file)
          ? { file: finding.file }
          : {})
    })
  }
  const hidden = overflow.error + overflow.warning + overflow.notice
  if (hidden > 0 && used.notice < ANNOTATIONS_PER_SEVERITY) {
    annotations.push({
      severity: 'notice',
      title: 'fis-gate: more findings',
      message: `${overflow.error} more error(s) and ${overflow.warning} more warning(s) are listed in the job summary and the SARIF file (GitHub shows 10 annotations of each kind per step)`
    })
  }
  return { annotations, overflow }
}
