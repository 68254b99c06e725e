/**
 * mode: validate — offline, no AWS call, no credentials. Loads and validates every experiment
 * file, annotates findings at their lines, writes the job summary and SARIF, and fails on errors.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ActionIO } from '../action-io.js'
import { changedFiles, pullRequestRange } from '../experiment/changed-files.js'
import { discoverExperimentFiles } from '../experiment/discover.js'
import { loadExperiment } from '../experiment/load.js'
import type { Inputs } from '../inputs.js'
import { planAnnotations } from '../report/annotations.js'
import { toSarif } from '../report/sarif.js'
import { renderValidationSummary } from '../report/validation-summary.js'
import { hasErrors, type Finding } from '../validate/findings.js'
import { validateExperiment, type ValidatedExperiment } from '../validate/validate.js'
import { ACTION_VERSION, actionRepositoryUrl } from '../version.js'

export interface ValidationOutcome {
  experiments: ValidatedExperiment[]
  otherFindings: Finding[]
  findings: Finding[]
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
  for (const file of discovery.files) {
    const loaded = loadExperiment(file, workspace)
    const templatePath = loaded.source?.template?.source.document.absolutePath
    if (changed && !changed.has(file) && !(templatePath && changed.has(templatePath))) continue
    if (!loaded.source) {
      otherFindings.push(...loaded.findings)
      continue
    }
    const validated = validateExperiment(loaded.source, {
      vars: inputs.vars,
      guardrails: {
        allowedAccounts: inputs.allowedAccounts,
        allowedRegions: inputs.allowedRegions,
        requireStopConditions: inputs.requireStopConditions
      }
    })
    validated.findings.unshift(...loaded.findings)
    experiments.push(validated)
  }
  return {
    experiments,
    otherFindings,
    findings: [...otherFindings, ...experiments.flatMap((experiment) => experiment.findings)]
  }
}

function logLine(finding: Finding): string {
  const where =
    finding.line > 0 ? `${finding.file}:${finding.line}:${finding.column}` : finding.file
  return `${where}  ${finding.severity.padEnd(7)}  ${finding.rule.padEnd(28)}  ${finding.message}`
}

export async function reportValidation(
  io: ActionIO,
  inputs: Inputs,
  outcome: ValidationOutcome,
  env: NodeJS.ProcessEnv
): Promise<string> {
  for (const experiment of outcome.experiments) {
    const errors = experiment.findings.filter((finding) => finding.severity === 'error').length
    io.info(
      `${errors ? '✗' : '✓'} ${experiment.source.file}: ${errors ? `${errors} error(s)` : 'valid'}`
    )
  }
  for (const finding of outcome.findings) io.info(`  ${logLine(finding)}`)
  for (const annotation of planAnnotations(outcome.findings).annotations) io.annotate(annotation)
  await mkdir(inputs.reportDir, { recursive: true })
  const sarifPath = join(inputs.reportDir, 'fis-gate.sarif')
  await writeFile(
    sarifPath,
    `${JSON.stringify(toSarif(outcome.findings, { version: ACTION_VERSION, informationUri: actionRepositoryUrl(env) }), null, 2)}\n`
  )
  io.setOutput('sarif', sarifPath)
  await io.appendSummary(
    renderValidationSummary({
      experiments: outcome.experiments,
      otherFindings: outcome.otherFindings
    })
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
    `changed-only: ${changed.size} file(s) changed between ${range.base.slice(0, 12)} and ${range.head.slice(0, 12)}`
  )
  return changed
}

export async function runValidateMode(
  io: ActionIO,
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const changed = await changedScope(io, inputs, env, workspace)
  const outcome = await io.group('Validate experiment files', () =>
    validateAll(inputs, workspace, changed)
  )
  await reportValidation(io, inputs, outcome, env)
  const failed = hasErrors(outcome.findings)
  io.setOutput('verdict', failed ? 'error' : 'pass')
  io.setOutput('experiment-ids', '')
  if (failed && inputs.failOn.includes('error')) {
    const errors = outcome.findings.filter((finding) => finding.severity === 'error').length
    const files = new Set(
      outcome.findings
        .filter((finding) => finding.severity === 'error')
        .map((finding) => finding.file)
    ).size
    io.setFailed(
      `fis-gate: ${errors} validation error(s) in ${files} file(s); see the annotations and the job summary`
    )
  }
}
