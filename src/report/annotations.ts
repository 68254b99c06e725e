/**
 * Findings → GitHub annotations within the runner's limits: 10 errors and 10 warnings per step
 * are shown, the rest are dropped silently by GitHub, so the overflow is counted and pointed at
 * the job summary instead. A step that will fail keeps one error for its failure message
 * (core.setFailed is an error annotation too), so that message is never the one dropped.
 */
import { plural } from '../hypothesis/describe.js'
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
  /** The findings not annotated, in their order: the log shows these itself. */
  unannotated: Finding[]
}

export interface AnnotationOptions {
  /** The step will fail: one error annotation is left for its failure message. */
  stepFails?: boolean
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice']

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join('')
}

export function planAnnotations(
  findings: readonly Finding[],
  { stepFails = false }: AnnotationOptions = {}
): AnnotationPlan {
  const limit: Record<Severity, number> = {
    error: ANNOTATIONS_PER_SEVERITY - (stepFails ? 1 : 0),
    warning: ANNOTATIONS_PER_SEVERITY,
    notice: ANNOTATIONS_PER_SEVERITY
  }
  const used: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  const overflow: Record<Severity, number> = { error: 0, warning: 0, notice: 0 }
  const annotations: Annotation[] = []
  const unannotated: Finding[] = []
  for (const finding of findings) {
    if (used[finding.severity] >= limit[finding.severity]) {
      overflow[finding.severity]++
      unannotated.push(finding)
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
    const counts = SEVERITIES.filter((severity) => overflow[severity] > 0).map((severity) =>
      plural(overflow[severity], `more ${severity}`)
    )
    annotations.push({
      severity: 'notice',
      title: 'fis-gate: more findings',
      message: `${listed(counts)} ${hidden === 1 ? 'is' : 'are'} not annotated (GitHub shows ${ANNOTATIONS_PER_SEVERITY} annotations of each kind per step${stepFails ? ", and the step's failure message is one of its errors" : ''}); the log, the job summary and the SARIF file list every finding`
    })
  }
  return { annotations, overflow, unannotated }
}
