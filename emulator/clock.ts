/**
 * The emulator's clocks. A scenario picks one:
 *
 * - `wall` (the default): now is the wall clock, as in AWS, so a metric window is only as
 *   complete as the real world has made it. `timeScale` shortens only what FIS itself takes its
 *   time over (action durations, initiation and stop delays, when a failing action fails); the
 *   world (alarm timelines, metric gaps and recoveries, ingestion lag) runs in real time.
 * - `accelerated`: virtual time, `timeScale` times faster than the wall clock for everything,
 *   and tests may jump it forward with `advance()`. Kept for tests that need exact instants.
 */
export type ClockMode = 'wall' | 'accelerated'

export interface Clock {
  readonly mode: ClockMode
  readonly timeScale: number
  /** Epoch milliseconds when the emulator started. */
  readonly anchor: number
  /** Epoch milliseconds; never goes backwards. */
  now(): number
  /** An AWS-side duration as written in a template or scenario, in milliseconds of this clock. */
  serviceDuration(ms: number): number
  /** Jumps time forward; only an accelerated clock can. */
  advance(seconds: number): void
}

export class ClockError extends Error {
  override name = 'ClockError'
}

export function createClock(mode: ClockMode, timeScale: number): Clock {
  return mode === 'wall' ? new WallClock(timeScale) : new AcceleratedClock(timeScale)
}

class WallClock implements Clock {
  readonly mode = 'wall'
  readonly anchor = Date.now()
  private latest = this.anchor

  constructor(readonly timeScale: number) {}

  /**
   * Date.now(), the clock a client compares FIS and CloudWatch timestamps with. Held still if
   * the system clock steps back, because the experiment simulation cannot replay backwards.
   */
  now(): number {
    this.latest = Math.max(this.latest, Date.now())
    return this.latest
  }

  serviceDuration(ms: number): number {
    return Math.round(ms / this.timeScale)
  }

  advance(): void {
    throw new ClockError(
      'advance() needs clock "accelerated": nothing can move the wall clock (scenario clock "wall")'
    )
  }
}

/**
 * virtualNow = anchor + (realNow - anchor) * timeScale + advanced. Elapsed real time comes from
 * the monotonic clock, so a wall clock adjustment during a test cannot move virtual time back.
 */
class AcceleratedClock implements Clock {
  readonly mode = 'accelerated'
  readonly anchor = Date.now()
  private readonly anchorMonotonic = performance.now()
  private advancedMs = 0

  constructor(readonly timeScale: number) {}

  now(): number {
    const elapsed = performance.now() - this.anchorMonotonic
    return Math.floor(this.anchor + elapsed * this.timeScale + this.advancedMs)
  }

  /** The whole clock is scaled already, so durations stay as written. */
  serviceDuration(ms: number): number {
    return ms
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`advance() takes a non-negative number of seconds, got ${seconds}`)
    }
    this.advancedMs += seconds * 1000
  }
}
