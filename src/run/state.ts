/**
 * What main saves for the post step: every experiment it started and template it created, saved
 * the moment AWS returns the id, so a cancelled or killed main step still leaves post able to stop
 * and delete them. The runner processes GITHUB_STATE even when the step is killed.
 */

export const STATE_KEY = 'fis-gate-run'

export interface StartedExperiment {
  experimentId: string
  file: string
}

export interface CreatedTemplate {
  templateId: string
  file: string
  deleted: boolean
}

export interface RunState {
  region: string
  /** Client-token prefix and tag of this run attempt, for finding what a killed step started. */
  runTag: string
  cleanup: boolean
  experiments: StartedExperiment[]
  templates: CreatedTemplate[]
  /**
   * StartExperiment calls sent whose outcome main has not learned (yet): the post step searches
   * this run's tag for them, again for a while, and fails when it cannot.
   */
  pendingStarts?: { templateId: string; file: string }[]
}

export function encodeState(state: RunState): string {
  return JSON.stringify(state)
}

export function decodeState(text: string): RunState | undefined {
  if (!text) return undefined
  try {
    const value = JSON.parse(text) as Partial<RunState>
    if (
      typeof value.region !== 'string' ||
      !Array.isArray(value.experiments) ||
      !Array.isArray(value.templates)
    )
      return undefined
    return {
      region: value.region,
      runTag: String(value.runTag ?? ''),
      cleanup: value.cleanup !== false,
      experiments: value.experiments,
      templates: value.templates,
      pendingStarts: Array.isArray(value.pendingStarts) ? value.pendingStarts : []
    }
  } catch {
    return undefined
  }
}

/** Tags on every template and experiment fis-gate creates. */
export const TAG = {
  repository: 'fis-gate:repository',
  runId: 'fis-gate:run-id',
  sha: 'fis-gate:sha',
  experiment: 'fis-gate:experiment',
  run: 'fis-gate:run',
  lock: 'fis-gate:lock',
  /** Seconds: the `timeout` the experiment was started with. */
  timeout: 'fis-gate:timeout',
  /** `false` on a template its run keeps (`cleanup: false`): sweep leaves it too. */
  cleanup: 'fis-gate:cleanup'
} as const
