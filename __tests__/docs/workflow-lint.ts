/**
 * Checks of GitHub workflows as a user copies them: the README's recipes and the repository's own
 * .github/workflows. Each check returns the problems it finds, named by where they are, so a test
 * asserts an empty list and another shows the check finds a planted mistake.
 */
import { parseYaml } from '../../scripts/action-docs.js'

type Mapping = Record<string, unknown>

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export interface YamlBlock {
  /** e.g. README.md:120 (the line of the opening fence). */
  where: string
  text: string
}

/** Every fenced ```yaml / ```yml block, also those indented inside list items. */
export function yamlBlocks(markdown: string, file: string): YamlBlock[] {
  const lines = markdown.split('\n')
  const blocks: YamlBlock[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)```ya?ml\s*$/.exec(lines[index] as string)
    if (!open) continue
    const indent = open[1] as string
    const body: string[] = []
    let end = index + 1
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] as string)) {
      body.push(
        (lines[end] as string).startsWith(indent)
          ? (lines[end] as string).slice(indent.length)
          : (lines[end] as string)
      )
      end++
    }
    if (end === lines.length) throw new Error(`${file}:${index + 1}: unclosed yaml block`)
    blocks.push({ where: `${file}:${index + 1}`, text: body.join('\n') })
    index = end
  }
  return blocks
}

/** The YAML documents of a text (Kubernetes manifests hold several, split by ---). */
export function yamlDocuments(text: string, where: string): unknown[] {
  return text
    .split(/^---\s*$/m)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      try {
        return parseYaml(part)
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`, { cause: error })
      }
    })
}

export interface Workflow {
  where: string
  on: string[]
  doc: Mapping
  jobs: Job[]
}

export interface Job {
  where: string
  name: string
  doc: Mapping
  steps: Step[]
}

export interface Step {
  where: string
  doc: Mapping
  uses?: string
  with: Mapping
}

export function isWorkflow(doc: unknown): doc is Mapping {
  return isMapping(doc) && 'on' in doc && isMapping(doc.jobs)
}

function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on]
  if (Array.isArray(on)) return on.map(String)
  if (isMapping(on)) return Object.keys(on)
  return []
}

export function readWorkflow(doc: Mapping, where: string): Workflow {
  const jobs = Object.entries(doc.jobs as Mapping).map(([name, job]): Job => {
    const jobWhere = `${where} jobs.${name}`
    if (!isMapping(job)) throw new Error(`${jobWhere} is not a mapping`)
    const steps = Array.isArray(job.steps) ? job.steps : []
    return {
      where: jobWhere,
      name,
      doc: job,
      steps: steps.map((step, index): Step => {
        const stepWhere = `${jobWhere}.steps[${index}]`
        if (!isMapping(step)) throw new Error(`${stepWhere} is not a mapping`)
        return {
          where: stepWhere,
          doc: step,
          ...(typeof step.uses === 'string' ? { uses: step.uses } : {}),
          with: isMapping(step.with) ? step.with : {}
        }
      })
    }
  })
  return { where, on: triggers(doc.on), doc, jobs }
}

/** This action: from the repository itself (`./`) or as OWNER/fis-gate@REF. */
export const isFisGate = (uses: string | undefined): boolean =>
  uses === './' || /^[\w.-]+\/fis-gate@/.test(uses ?? '')

const usesAction = (step: Step, action: string): boolean =>
  (step.uses ?? '').toLowerCase().startsWith(`${action.toLowerCase()}@`)

/** The mode a fis-gate step runs, the action's default when it names none. */
export const modeOf = (step: Step, defaultMode: string): string =>
  String(step.with.mode ?? defaultMode)

/** Every `with:` of a fis-gate step names an input action.yml declares. */
export function undeclaredInputs(workflow: Workflow, inputs: Set<string>): string[] {
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter((step) => isFisGate(step.uses))
      .flatMap((step) =>
        Object.keys(step.with)
          .filter((name) => !inputs.has(name))
          .map((name) => `${step.where}: with: ${name} is not an input of action.yml`)
      )
  )
}

/** Every steps.<id>.outputs.<name> of a fis-gate step names an output action.yml declares. */
export function undeclaredOutputs(workflow: Workflow, outputs: Set<string>): string[] {
  return workflow.jobs.flatMap((job) => {
    const ids = new Set(
      job.steps
        .filter((step) => isFisGate(step.uses) && step.doc.id)
        .map((step) => String(step.doc.id))
    )
    const text = JSON.stringify(job.doc)
    return [...text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)]
      .filter(([, id, name]) => ids.has(id as string) && !outputs.has(name as string))
      .map(([reference]) => `${job.where}: ${reference} is not an output of action.yml`)
  })
}

function permissionsOf(workflow: Workflow, job: Job): Mapping | string | undefined {
  const permissions = job.doc.permissions ?? workflow.doc.permissions
  return isMapping(permissions) || typeof permissions === 'string' ? permissions : undefined
}

const grants = (permissions: Mapping | string | undefined, scope: string, level: string): boolean =>
  permissions === 'write-all' ||
  (level === 'read' && permissions === 'read-all') ||
  (isMapping(permissions) &&
    (permissions[scope] === level || (level === 'read' && permissions[scope] === 'write')))

/**
 * Least privilege, and what each step needs: every job declares its permissions; OIDC needs
 * id-token: write, a SARIF upload security-events: write, the pull-request comment
 * pull-requests: write, a sweep actions: read. Never pull_request_target.
 */
export function permissionProblems(workflow: Workflow): string[] {
  const problems: string[] = []
  if (workflow.on.includes('pull_request_target'))
    problems.push(
      `${workflow.where}: on: pull_request_target runs with secrets and a write token on code from forks; use pull_request`
    )
  for (const job of workflow.jobs) {
    const permissions = permissionsOf(workflow, job)
    if (permissions === undefined) {
      problems.push(`${job.where}: declares no permissions (the token's defaults may be write-all)`)
      continue
    }
    if (permissions === 'write-all') problems.push(`${job.where}: permissions: write-all`)
    const needs = (scope: string, level: string, why: string): void => {
      if (!grants(permissions, scope, level))
        problems.push(`${job.where}: needs permissions ${scope}: ${level} (${why})`)
    }
    const fisGate = job.steps.filter((step) => isFisGate(step.uses))
    if (
      job.steps.some(
        (step) =>
          usesAction(step, 'aws-actions/configure-aws-credentials') && step.with['role-to-assume']
      )
    )
      needs('id-token', 'write', 'OIDC for configure-aws-credentials')
    if (job.steps.some((step) => usesAction(step, 'github/codeql-action/upload-sarif')))
      needs('security-events', 'write', 'the SARIF upload')
    if (
      workflow.on.includes('pull_request') &&
      fisGate.some((step) => String(step.with['pr-comment'] ?? 'true') !== 'false')
    )
      needs('pull-requests', 'write', 'the fis-gate comment on the pull request')
    if (fisGate.some((step) => step.with.mode === 'sweep'))
      needs('actions', 'read', 'mode: sweep reads whether workflow runs have ended')
  }
  return problems
}

/** Parts of a group name that change per run or branch, so the group would serialize nothing. */
const PER_RUN = /github\.(run_id|run_number|run_attempt|sha|ref|ref_name|head_ref)\b/

/**
 * Jobs that inject faults (mode run) hold a concurrency group named after what they target,
 * never cancel-in-progress.
 */
export function concurrencyProblems(workflow: Workflow, defaultMode: string): string[] {
  return workflow.jobs
    .filter((job) =>
      job.steps.some((step) => isFisGate(step.uses) && modeOf(step, defaultMode) === 'run')
    )
    .flatMap((job) => {
      const concurrency = job.doc.concurrency ?? workflow.doc.concurrency
      const group = isMapping(concurrency) ? concurrency.group : concurrency
      if (typeof group !== 'string' || group.trim() === '')
        return [`${job.where}: runs experiments without a concurrency group`]
      const problems: string[] = []
      if (PER_RUN.test(group))
        problems.push(`${job.where}: concurrency group "${group}" changes per run or branch`)
      if (
        isMapping(concurrency) &&
        concurrency['cancel-in-progress'] !== undefined &&
        concurrency['cancel-in-progress'] !== false
      )
        problems.push(`${job.where}: cancel-in-progress would cut a running experiment short`)
      return problems
    })
}

/** OWNER/REPO[/PATH]@vN for every action from another repository. */
export function pinProblems(workflow: Workflow): string[] {
  return workflow.jobs.flatMap((job) =>
    job.steps
      .filter(
        (step) => step.uses && !step.uses.startsWith('./') && !step.uses.startsWith('docker://')
      )
      .filter((step) => !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+$/.test(step.uses as string))
      .map((step) => `${step.where}: ${step.uses} is not pinned to a major tag (OWNER/REPO@vN)`)
  )
}

/** action → the majors it is used at, over all the workflows given. */
export function majorsByAction(workflows: Workflow[]): Map<string, Set<string>> {
  const majors = new Map<string, Set<string>>()
  for (const workflow of workflows)
    for (const job of workflow.jobs)
      for (const step of job.steps) {
        const match = /^([\w.-]+\/[\w./-]+)@(v\d+)$/.exec(step.uses ?? '')
        if (!match || isFisGate(step.uses)) continue
        const action = (match[1] as string).toLowerCase()
        majors.set(action, (majors.get(action) ?? new Set()).add(match[2] as string))
      }
  return majors
}
