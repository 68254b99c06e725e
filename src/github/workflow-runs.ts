/**
 * Whether a workflow run (or one attempt of it) has ended, asked of the GitHub REST API. Any
 * failure is "don't know", with why: the caller leaves what it cannot judge.
 */
import { GitHubApiError, type GitHubApi, type GitHubProblemKind } from './api.js'

export type WorkflowRunState =
  'in_progress' | 'ended' | { unknown: string; kind: GitHubProblemKind }

export interface WorkflowRunRef {
  owner: string
  repo: string
  runId: number
  /** The attempt (GITHUB_RUN_ATTEMPT): a re-run does not keep an earlier attempt's leftovers alive. */
  attempt?: number
}

/** The token permission reading a run needs. */
export const ACTIONS_READ = 'actions: read'

/** `completed` is the one status after which a run (attempt) does nothing more. */
export async function workflowRunState(
  api: GitHubApi,
  run: WorkflowRunRef
): Promise<WorkflowRunState> {
  const name = `${run.owner}/${run.repo}#${run.runId}${run.attempt === undefined ? '' : ` attempt ${run.attempt}`}`
  const request = { what: `read workflow run ${name}`, permission: ACTIONS_READ }
  try {
    const data = await api.send(request, (github, options) =>
      run.attempt === undefined
        ? github.rest.actions.getWorkflowRun({
            owner: run.owner,
            repo: run.repo,
            run_id: run.runId,
            ...options
          })
        : github.rest.actions.getWorkflowRunAttempt({
            owner: run.owner,
            repo: run.repo,
            run_id: run.runId,
            attempt_number: run.attempt,
            ...options
          })
    )
    const status = typeof data === 'object' && data !== null ? data.status : undefined
    if (status === 'completed') return 'ended'
    if (typeof status === 'string' && status) return 'in_progress'
    return {
      unknown: `GitHub API: workflow run ${name} has no status in GitHub's answer`,
      kind: 'unavailable'
    }
  } catch (error) {
    if (error instanceof GitHubApiError) return { unknown: error.message, kind: error.kind }
    throw error
  }
}
