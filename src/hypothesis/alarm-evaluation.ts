/**
 * M-of-N over a sequence of judged slots (periods, or the datapoints present under `ignore`), the
 * way a CloudWatch alarm slides its evaluation periods over time. See evaluate.ts for the rules.
 */
import type { PeriodState } from './model.js'

export interface Slot {
  start: number
  state: PeriodState
}

export interface AlarmRule {
  /** M */
  datapointsToAlarm: number
  /** N */
  evaluationPeriods: number
}

/** Slots `from` (inclusive) to `to` (exclusive), with how many are breaching and missing. */
export interface Run {
  from: number
  to: number
  breaching: number
  missing: number
}

class RunCounter {
  private readonly breaching: number[] = [0]
  private readonly missing: number[] = [0]

  constructor(slots: readonly Slot[]) {
    for (const slot of slots) {
      this.breaching.push(this.last(this.breaching) + (slot.state === 'breaching' ? 1 : 0))
      this.missing.push(this.last(this.missing) + (slot.state === 'missing' ? 1 : 0))
    }
  }

  run(from: number, to: number): Run {
    return {
      from,
      to,
      breaching: this.at(this.breaching, to) - this.at(this.breaching, from),
      missing: this.at(this.missing, to) - this.at(this.missing, from)
    }
  }

  private last(sums: number[]): number {
    return this.at(sums, sums.length - 1)
  }

  private at(sums: number[], index: number): number {
    return sums[index] ?? 0
  }
}

/**
 * Every run of N consecutive slots, oldest first; when there are fewer than N slots, the one run
 * of all of them (a window shorter than N can still show M breaching periods).
 */
export function runsOf(slots: readonly Slot[], rule: AlarmRule): Run[] {
  const counter = new RunCounter(slots)
  const length = Math.min(rule.evaluationPeriods, slots.length)
  const runs: Run[] = []
  for (let from = 0; length > 0 && from + length <= slots.length; from++) {
    runs.push(counter.run(from, from + length))
  }
  return runs
}

/** At least M breaching slots: the alarm fires whatever the missing slots held. */
export function isBreaching(run: Run, rule: AlarmRule): boolean {
  return run.breaching >= rule.datapointsToAlarm
}

/** Not breaching, but the missing slots could have made it so. */
export function isUndecided(run: Run, rule: AlarmRule): boolean {
  return !isBreaching(run, rule) && run.breaching + run.missing >= rule.datapointsToAlarm
}

/**
 * The smallest index from which every run lying inside the slots from there to the end satisfies
 * `holds` (runs shorter than N when fewer than N slots remain); `slots.length` when even the last
 * slot alone does not. If it holds from an index, it holds from every later one, so one backward
 * pass finds it: stepping back one slot adds exactly one run, the one starting there.
 */
function holdsFrom(slots: readonly Slot[], rule: AlarmRule, holds: (run: Run) => boolean): number {
  const counter = new RunCounter(slots)
  for (let from = slots.length - 1; from >= 0; from--) {
    const run = counter.run(from, Math.min(from + rule.evaluationPeriods, slots.length))
    if (!holds(run)) return from + 1
  }
  return 0
}

export interface RecoverySearch {
  /** First `ok` slot after which no run could breach even if every missing slot were breaching. */
  proven?: number
  /** Some slot at or before the deadline, not known to breach, from which no run is known to breach. */
  possibleInTime: boolean
  /** The latest run with M breaching slots, if any: what kept the check from recovering. */
  lastBreach?: Run
}

export function searchRecovery(
  slots: readonly Slot[],
  rule: AlarmRule,
  deadline: number
): RecoverySearch {
  const decidedFrom = holdsFrom(
    slots,
    rule,
    (run) => run.breaching + run.missing < rule.datapointsToAlarm
  )
  const knownFrom = holdsFrom(slots, rule, (run) => !isBreaching(run, rule))
  let proven: number | undefined
  for (let index = decidedFrom; index < slots.length && proven === undefined; index++) {
    if (slots[index]?.state === 'ok') proven = index
  }
  const possibleInTime = slots.some(
    (slot, index) => index >= knownFrom && slot.start <= deadline && slot.state !== 'breaching'
  )
  return { proven, possibleInTime, lastBreach: lastBreach(slots, rule, knownFrom) }
}

/**
 * The run starting just before `knownFrom` breaches; near the end of the slots it is shorter than
 * N, so report the full run of the last N slots instead, which holds it.
 */
function lastBreach(slots: readonly Slot[], rule: AlarmRule, knownFrom: number): Run | undefined {
  if (knownFrom === 0) return undefined
  const from = Math.min(knownFrom - 1, Math.max(0, slots.length - rule.evaluationPeriods))
  return new RunCounter(slots).run(from, Math.min(from + rule.evaluationPeriods, slots.length))
}
