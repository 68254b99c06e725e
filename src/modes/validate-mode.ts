/**
 * mode: validate — offline, no AWS call, no credentials. Loads and validates every experiment
 * file, annotates findings at their lines, writes the job summary and SARIF, and fails on errors.
 */
import type { StepResult } from '../pull-request/pull-request-comment.js'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ActionIO } from '../action-io.js'
import { changedFiles, pullRequestRange } from '../experiment/changed-files.js'
import { discoverExperimentFiles } from '../experiment/discover.js'
import { excerpt } from '../experiment/excerpt.js'
import { displayPath, loadExperiment } from '../experiment/load.js'
import { plural } from '../hypothesis/describe.js'
import type { Inputs } from '../inputs.js'
import { planAnnotations } from '../report/annotations.js'
import { toSarif } from '../report/sarif.js'
import { renderValidationSummary } from '../report/validation-summary.js'
import { hasErrors, type Finding } from '../validate/findings.js'
import { validateExperiment, type ValidatedExperiment } from '../validate/validate.js'
import { ACTION_VERSION, actionRepositoryUrl } from '../version.js'
import { repositoryLinks } from '../report/summary-links.js'

export interface ValidationOutcome {
  experiments: ValidatedExperiment[]
  otherFindings: Finding[]
  findings: Finding[]
  /** Errors fis-gate itself raised on a file (each also an internal/unexpected finding). */
  unexpected: { file: string; error: unknown }[]
}

/** What one file came to: a validated experiment, findings alone, or nothing (not changed). */
type FileOutcome = { experiment: ValidatedExperiment } | { findings: Finding[] } | undefined

function checkFile(
  file: string,
  inputs: Inputs,
  workspace: string,
  changed: ReadonlySet<string> | undefined
): FileOutcome {
  const loaded = loadExperiment(file, workspace)
  const templatePath = loaded.source?.template?.source.document.absolutePath
  if (changed && !changed.has(file) && !(templatePath && changed.has(templatePath))) return
  if (!loaded.source) return { findings: loaded.findings }
  const validated = validateExperiment(loaded.source, {
    vars: inputs.vars,
    guardrails: {
      allowedAccounts: inputs.allowedAccounts,
      allowedRegions: inputs.allowedRegions,
      requireStopConditions: inputs.requireStopConditions
    },
    unknownActions: inputs.unknownActions
  })
  validated.findings.unshift(...loaded.findings)
  return { experiment: validated }
}

/**
 * A bug in fis-gate on one file is that file's error, not the end of the step: the other files
 * keep their findings, SARIF, summary and verdict. The annotation carries no stack trace.
 */
function unexpectedFinding(file: string, error: unknown): Finding {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return {
    file,
    line: 0,
    column: 0,
    rule: 'internal/unexpected',
    severity: 'error',
    message: `fis-gate failed while checking this file (${excerpt(what, 200)}), so it was not validated. This is a bug in fis-gate ${ACTION_VERSION}: please report it with this version and, if you can, the file; the other files were checked as usual`
  }
}

/**
 * Discovers, loads and validates; shared by every mode, since each starts by validating. With
 * `changed`, only files in it (or whose templateFile is in it) are kept.
 */
export async function validateAll(
  inputs: Inputs,
  workspace: string,
  changed?: ReadonlySet<string>
): Promise<ValidationOutcome> {
  const discovery = await discoverExperimentFiles(inputs.experiments, workspace)
  const experiments: ValidatedExperiment[] = []
  const otherFindings = [...discovery.findings]
  const unexpected: ValidationOutcome['unexpected'] = []
  for (const file of discovery.files) {
    let outcome: FileOutcome
    try {
      outcome = checkFile(file, inputs, workspace, changed)
    } catch (error) {
      unexpected.push({ file, error })
      outcome = { findings: [unexpectedFinding(displayPath(file, workspace), error)] }
    }
    if (outcome && 'experiment' in outcome) experiments.push(outcome.experiment)
    else if (outcome) otherFindings.push(...outcome.findings)
  }
  return {
    experiments,
    otherFindings,
    findings: [...otherFindings, ...experiments.flatMap((experiment) => experiment.findings)],
    unexpected
  }
}

function logLine(finding: Finding): string {
  const where =
    finding.line > 0 ? `${finding.file}:${finding.line}:${finding.column}` : finding.file
  return `${where}  ${finding.severity.padEnd(7)}  ${finding.rule.padEnd(28)}  ${finding.message}`
}

/**
 * The log shows each finding once: an annotated one as its annotation (the runner prints it as a
 * line), the rest past GitHub's annotation limit as a line of their own.
 */
export async function reportValidation(
  io: ActionIO,
  inputs: Inputs,
  outcome: ValidationOutcome,
  env: NodeJS.ProcessEnv
): Promise<string> {
  for (const experiment of outcome.experiments) {
    const errors = experiment.findings.filter((finding) => finding.severity === 'error').length
    io.info(
      `${errors ? '✗' : '✓'} ${experiment.source.file}: ${errors ? plural(errors, 'error') : 'valid'}`
    )
  }
  // The stack helps a bug report; it is shown only when the run has debug logging on.
  if (env.RUNNER_DEBUG === '1') {
    for (const { file, error } of outcome.unexpected)
      io.info(`internal error on ${file}: ${error instanceof Error ? error.stack : String(error)}`)
  }
  // Errors fail the step in every mode (plan and run refuse to start): its failure message is
  // then one of the step's error annotations.
  const plan = planAnnotations(outcome.findings, {
    stepFails: hasErrors(outcome.findings) && inputs.failOn.includes('error')
  })
  for (const annotation of plan.annotations) io.annotate(annotation)
  for (const finding of plan.unannotated) io.info(`  ${logLine(finding)}`)
  await mkdir(inputs.reportDir, { recursive: true })
  const sarifPath = join(inputs.reportDir, 'fis-gate.sarif')
  await writeFile(
    sarifPath,
    `${JSON.stringify(toSarif(outcome.findings, { version: ACTION_VERSION, informationUri: actionRepositoryUrl(env) }), null, 2)}\n`
  )
  io.setOutput('sarif', sarifPath)
  // Plan and run modes fold each file's validation into its run's section instead.
  if (inputs.mode === 'validate')
    await io.appendSummary(
      renderValidationSummary(
        { experiments: outcome.experiments, otherFindings: outcome.otherFindings },
        undefined,
        repositoryLinks(env)
      )
    )
  return sarifPath
}

/** With changed-only on a pull request, the files it changed; undefined means every file. */
export async function changedScope(
  io: ActionIO,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  workspace: string
): Promise<Set<string> | undefined> {
  if (!inputs.changedOnly) return undefined
  const range = pullRequestRange(env)
  if (!range) {
    io.info('changed-only: this is not a pull_request event, so every experiment file is checked')
    return undefined
  }
  const changed = await changedFiles(workspace, range)
  io.info(
    `changed-only: ${plural(changed.size, 'file')} changed between ${range.base.slice(0, 12)} and ${range.head.slice(0, 12)}`
  )
  return changed
}

export async function runValidateMode(
  io: ActionIO,
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): Promise<StepResult> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const changed = await changedScope(io, inputs, env, workspace)
  const outcome = await io.group('Validate experiment files', () =>
    validateAll(inputs, workspace, changed)
  )
  await reportValidation(io, inputs, outcome, env)
  const failed = hasErrors(outcome.findings)
  const verdict = failed ? 'error' : 'pass'
  io.setOutput('verdict', verdict)
  io.setOutput('experiment-ids', '')
  if (failed && inputs.failOn.includes('error')) {
    const errors = outcome.findings.filter((finding) => finding.severity === 'error').length
    const files = new Set(
      outcome.findings
        .filter((finding) => finding.severity === 'error')
        .map((finding) => finding.file)
    ).size
    io.setFailed(
      `fis-gate: ${plural(errors, 'validation error')} in ${plural(files, 'file')}; see the annotations and the job summary`
    )
  }
  return {
    mode: 'validate',
    verdict,
    findings: outcome.findings,
    experiments: outcome.experiments,
    runs: []
  }
}
