/**
 * The emulator's virtual clock: virtualNow = anchor + (realNow - anchor) * timeScale + advanced.
 * The anchor is the wall-clock time the emulator started, so virtual time begins at "now" and
 * then runs timeScale times faster. Elapsed real time comes from the monotonic clock, so a wall
 * clock adjustment during a test cannot move virtual time backwards.
 */
export class VirtualClock {
  readonly anchor: number
  private readonly anchorMonotonic: number
  private advancedMs = 0

  constructor(readonly timeScale: number) {
    this.anchor = Date.now()
    this.anchorMonotonic = performance.now()
  }

  /** Virtual epoch milliseconds. */
  now(): number {
    const elapsed = performance.now() - this.anchorMonotonic
    return Math.floor(this.anchor + elapsed * this.timeScale + this.advancedMs)
  }

  /** Jumps virtual time forward, e.g. so a test can reach the end of a long action at once. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`advance() takes a non-negative number of seconds, got ${seconds}`)
    }
    this.advancedMs += seconds * 1000
  }
}
