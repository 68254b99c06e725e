/**
 * What the post step's cleanup found and did (src/run/cleanup.ts builds it), as plain data: the
 * log line, the step's failure and its job summary section (src/report/cleanup-summary.ts) are
 * all read from it, so they cannot disagree about what FIS confirmed.
 */

/** An experiment whose end FIS never confirmed: what was seen, and why the stop failed. */
export interface UnconfirmedStop {
  experimentId: string
  lastState: string
  stopError?: string
}

/** What the post step did about one experiment. */
export type ExperimentAction =
  /** It sent StopExperiment, FIS accepted it, and FIS then reported a terminal state. */
  | 'stopped'
  /** It was `stopping` already (the main step's stop): post waited until FIS reported it ended. */
  | 'stop-awaited'
  /** Terminal before anything was asked of it, or ended on its own while its stop failed. */
  | 'already-ended'
  /** FIS never reported that it ended. */
  | 'not-confirmed'

export interface ExperimentCleanup {
  experimentId: string
  /** The experiment file, when the main step recorded it. */
  file?: string
  /** Recorded by the main step, or found only by this run's tag. */
  foundBy: 'state' | 'run-tag'
  action: ExperimentAction
  /** The last state FIS reported; `gone` once FIS no longer knows the id, `unknown` when unread. */
  lastState: string
  /** When FIS says the experiment ended (its `endTime`), epoch milliseconds. */
  endTime?: number
  stopError?: string
}

/** What became of one template this run created. */
export type TemplateOutcome =
  | 'deleted'
  /** The main step deleted it (its state says so); post asked nothing of FIS. */
  | 'deleted-by-main'
  /** FIS no longer had it when post tried. */
  | 'gone'
  /** `cleanup: false`: left for the user, as asked. */
  | 'kept'
  | 'delete-failed'

export interface TemplateCleanup {
  templateId: string
  file?: string
  outcome: TemplateOutcome
  /** Why it was kept, or why its delete failed. */
  reason?: string
}

/** A StartExperiment main sent and never saw answered; the experiment the search found for it. */
export interface UnansweredStart {
  templateId: string
  file: string
  experimentId?: string
}

export interface CleanupReport {
  /** Every experiment post looked at: the recorded ones first, then those found by tag. */
  experiments: ExperimentCleanup[]
  /** Every template this run created, as far as the state and the tag search know. */
  templates: TemplateCleanup[]
  unansweredStarts: UnansweredStart[]
  /**
   * Main began a StartExperiment whose outcome it never learned, and the search by this run's tag
   * failed (or there was no tag to search by): an experiment may be running that nobody can name.
   * Why.
   */
  unsearched?: string
  /**
   * The post step was cancelled while it still searched for an unanswered start, before FIS
   * could no longer commit it: that start may yet begin an experiment.
   */
  searchCutShort?: boolean
}

/**
 * The experiments whose end FIS has not confirmed: each may still be running, and while one does
 * the post step fails.
 */
export function unconfirmedEnds(report: CleanupReport): UnconfirmedStop[] {
  return report.experiments.flatMap(({ experimentId, action, lastState, stopError }) =>
    action === 'not-confirmed'
      ? [{ experimentId, lastState, ...(stopError ? { stopError } : {}) }]
      : []
  )
}

/** Unanswered starts the search could not rule out: it failed, or the post step was cancelled. */
export function unsettledStarts(report: CleanupReport): UnansweredStart[] {
  if (!report.unsearched && !report.searchCutShort) return []
  return report.unansweredStarts.filter((start) => start.experimentId === undefined)
}

/** Nothing this run started can still be active: FIS confirmed every end, no start is unknown. */
export const confirmedNothingRunning = (report: CleanupReport): boolean =>
  !unconfirmedEnds(report).length && !unsettledStarts(report).length
