/** From check results to the hypothesis verdict. Missing data is never a silent pass. */
import type { CheckResult, HypothesisOutcome, Phase, PhaseResult, PhaseStatus } from './model.js'

/** The worst of some phase statuses: breach, then inconclusive, then pass; none is inconclusive. */
export function worstStatus(statuses: readonly PhaseStatus[]): PhaseStatus {
  if (statuses.includes('breach')) return 'breach'
  if (statuses.length === 0 || statuses.includes('inconclusive')) return 'inconclusive'
  return 'pass'
}

/**
 * Any breach fails the hypothesis, and the reason names the first breaching check (in the order
 * given) and its first breaching phase; else anything inconclusive (a check with no phase
 * evaluated, or no check at all, included) makes it inconclusive; else it passes.
 */
export function hypothesisVerdict(results: readonly CheckResult[]): HypothesisOutcome {
  if (results.length === 0) return { verdict: 'inconclusive', reason: 'no check was evaluated' }
  const breaches = findings(results, 'breach')
  const [firstBreach] = breaches
  if (firstBreach) {
    return { verdict: 'fail', reason: findingReason(firstBreach, 'breached', breaches.length - 1) }
  }
  const notEvaluated = results.find((result) => result.phases.length === 0)
  if (notEvaluated) {
    return {
      verdict: 'inconclusive',
      reason: `${notEvaluated.name} was not evaluated in any phase`
    }
  }
  const unknowns = findings(results, 'inconclusive')
  const [firstUnknown] = unknowns
  if (firstUnknown) {
    return {
      verdict: 'inconclusive',
      reason: findingReason(firstUnknown, 'is inconclusive', unknowns.length - 1)
    }
  }
  const held = results.length === 1 ? 'the check held' : `all ${results.length} checks held`
  return { verdict: 'pass', reason: `${held} in every phase` }
}

interface Finding {
  check: CheckResult
  phase: PhaseResult
}

function findings(results: readonly CheckResult[], status: PhaseStatus): Finding[] {
  return results.flatMap((check) =>
    check.phases.filter((phase) => phase.status === status).map((phase) => ({ check, phase }))
  )
}

const PHASE_WORDS: Record<Phase, string> = {
  before: 'before the experiment',
  during: 'during the experiment',
  after: 'after the experiment'
}

function findingReason({ check, phase }: Finding, verb: string, others: number): string {
  const more = others > 0 ? ` (and ${others} more)` : ''
  return `${check.name} ${verb} ${PHASE_WORDS[phase.phase]}: ${phase.reason}${more}`
}
