/**
 * The pull-request comment, as Markdown from plain data: the verdict first, then one section per
 * experiment file the pull request changed, with its validation result linked to the lines at the
 * head commit, what plan resolved or what the run concluded, and the semantic diff against the
 * base, risky changes first and marked. It stays under GitHub's 65,536-character body limit:
 * files that do not fit are counted and left to the job summary.
 */
import { plural } from '../hypothesis/describe.js'
import type { ExperimentRun, Verdict } from '../run/model.js'
import type { Finding } from '../validate/findings.js'
import { code, escapeMarkdown, link } from '../report/markdown.js'
import { VERDICT_ICON } from '../report/run-summary.js'
import type { SemanticChange } from './change.js'

/** GitHub refuses a comment body over 65,536 characters; this leaves room for the closing note. */
export const COMMENT_LIMIT = 65_536
const FILE_BUDGET = COMMENT_LIMIT - 4_096
/** Findings and changes listed per file; the rest are counted. */
const ITEMS_PER_FILE = 25

export interface CommentedFile {
  /** Workspace-relative path. */
  file: string
  change: 'added' | 'modified' | 'deleted'
  findings: readonly Finding[]
  /** The semantic diff against the base, or why there is none. */
  diff: readonly SemanticChange[] | { unavailable: string }
  /** Plan or run mode: what happened to this file's experiment. */
  run?: ExperimentRun
}

export interface CommentInput {
  /** The hidden line that finds this comment again on the next push. */
  marker: string
  mode: 'validate' | 'plan' | 'run'
  verdict: Verdict
  headSha: string
  files: readonly CommentedFile[]
  /** The file at the head commit, at a line when given; undefined when it has no link. */
  fileUrl(file: string, line?: number): string | undefined
  /** The workflow run, where the job summary holds everything. */
  runUrl: string
}

const linked = (label: string, url: string | undefined): string =>
  url === undefined ? label : link(label, url)

/** Comment text: escaped Markdown that also cannot mention (and so notify) anyone. */
const text = (value: string): string => escapeMarkdown(value).replace(/@/g, '@\u2060')

function validationLines(entry: CommentedFile, input: CommentInput): string[] {
  if (entry.change === 'deleted') return []
  const errors = entry.findings.filter((finding) => finding.severity === 'error').length
  const warnings = entry.findings.filter((finding) => finding.severity === 'warning').length
  const head =
    errors > 0
      ? `❌ **${plural(errors, 'error')}**${warnings ? `, ${plural(warnings, 'warning')}` : ''}`
      : warnings
        ? `⚠️ valid, ${plural(warnings, 'warning')}`
        : '✅ valid'
  const ordered = [...entry.findings].sort(
    (a, b) => Number(b.severity === 'error') - Number(a.severity === 'error')
  )
  const listed = ordered.slice(0, ITEMS_PER_FILE).map((finding) => {
    const icon = finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️'
    const url = finding.line > 0 ? input.fileUrl(finding.file, finding.line) : undefined
    const where = finding.line > 0 ? linked(`line ${finding.line}`, url) : 'file'
    return `- ${icon} ${where} ${code(finding.rule)}: ${text(finding.message)}`
  })
  const more = ordered.length - listed.length
  return [
    `**Validation:** ${head}`,
    ...listed,
    ...(more > 0 ? [`- … and ${plural(more, 'more finding')} in the job summary`] : [])
  ]
}

function runLines(run: ExperimentRun | undefined): string[] {
  if (!run) return []
  const lines = [
    `**${run.mode === 'plan' ? 'Plan' : 'Run'}:** ${VERDICT_ICON[run.verdict]} \`${run.verdict}\` — ${text(run.reason)}`
  ]
  if (run.mode === 'plan' && run.resolvedTargets?.length) {
    const shown = run.resolvedTargets.slice(0, ITEMS_PER_FILE)
    lines.push(
      ...shown.map(
        (resource) =>
          `- ${code(resource.targetName)} → ${code(resource.resourceType)} ${code(resource.identifier)}`
      )
    )
    const more = run.resolvedTargets.length - shown.length
    if (more > 0) lines.push(`- … and ${plural(more, 'more resource')}`)
  }
  for (const check of run.hypothesis?.checks ?? []) {
    const icon = check.status === 'pass' ? '✅' : check.status === 'breach' ? '❌' : '❔'
    lines.push(`- ${icon} check ${text(check.name)}: ${check.status}`)
  }
  return lines
}

function diffLines(entry: CommentedFile): string[] {
  if (entry.change === 'deleted' && Array.isArray(entry.diff) && entry.diff.length <= 1)
    return ['**Changes:** the experiment file is deleted']
  if (!Array.isArray(entry.diff))
    return [
      `**Changes against the base:** not available (${text((entry.diff as { unavailable: string }).unavailable)})`
    ]
  const changes = entry.diff as readonly SemanticChange[]
  if (changes.length === 0) return ['**Changes against the base:** none that change what runs']
  const risky = changes.filter((change) => change.risk)
  const ordered = [...risky, ...changes.filter((change) => !change.risk)]
  const listed = ordered
    .slice(0, ITEMS_PER_FILE)
    .map((change) =>
      change.risk
        ? `- ⚠️ **${text(change.words)}** — ${text(change.risk.why)}`
        : `- ${text(change.words)}`
    )
  const more = ordered.length - listed.length
  return [
    `**Changes against the base** (${plural(changes.length, 'change')}${risky.length ? `, ${risky.length} risky` : ''}):`,
    ...listed,
    ...(more > 0 ? [`- … and ${plural(more, 'more change')}`] : [])
  ]
}

function isRisky(entry: CommentedFile): boolean {
  return Array.isArray(entry.diff) && (entry.diff as SemanticChange[]).some((change) => change.risk)
}

function fileSection(entry: CommentedFile, input: CommentInput): string {
  const errors = entry.findings.some((finding) => finding.severity === 'error')
  const icon = errors
    ? '❌'
    : entry.run
      ? VERDICT_ICON[entry.run.verdict]
      : isRisky(entry)
        ? '⚠️'
        : '✅'
  const title =
    entry.change === 'deleted'
      ? code(entry.file)
      : linked(code(entry.file), input.fileUrl(entry.file))
  return [
    `### ${icon} ${title} — ${entry.change}`,
    '',
    ...validationLines(entry, input),
    ...runLines(entry.run),
    ...diffLines(entry),
    ''
  ].join('\n')
}

/** Worst first: errors, then failed runs, then risky changes, then the rest in file order. */
function rank(entry: CommentedFile): number {
  if (entry.findings.some((finding) => finding.severity === 'error')) return 0
  if (entry.run && entry.run.verdict !== 'pass') return 1
  return isRisky(entry) ? 2 : 3
}

export function renderComment(input: CommentInput): string {
  const risky = input.files.filter(isRisky).length
  const headline = [
    input.marker,
    `## ${VERDICT_ICON[input.verdict]} fis-gate ${input.mode}: ${input.verdict} — ${plural(input.files.length, 'changed experiment file')}${risky ? `, ${risky} with risky changes` : ''}`,
    '',
    `<sub>At ${code(input.headSha.slice(0, 12))} · ${link('workflow run and job summary', input.runUrl)}</sub>`,
    ''
  ]
  if (input.files.length === 0)
    headline.push('This pull request changes no experiment file that this job checks.', '')
  let room = FILE_BUDGET - headline.join('\n').length
  const sections: string[] = []
  let omitted = 0
  // Worst first, and once one does not fit none after it is shown: a clean file never takes the
  // place of one with errors.
  for (const entry of [...input.files].sort((a, b) => rank(a) - rank(b))) {
    const section = fileSection(entry, input)
    if (omitted || section.length > room) {
      omitted++
      continue
    }
    room -= section.length
    sections.push(section)
  }
  const note = omitted
    ? [
        `**${plural(omitted, 'more file')} not shown** to keep this comment under GitHub's limit: see the ${link('job summary', input.runUrl)}.`
      ]
    : []
  return [...headline, ...sections, ...note].join('\n')
}
