/** A Clock for tests: real time for the calls, skipped time for the waits, each wait recorded. */
import type { Clock } from '../../src/run/context.js'

export interface SkippingClock extends Clock {
  /** Every wait asked for: when (on this clock) and how long. */
  waits: { at: number; ms: number }[]
}

export function skippingClock(): SkippingClock {
  let offset = 0
  const waits: { at: number; ms: number }[] = []
  return {
    waits,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      waits.push({ at: Date.now() + offset, ms })
      offset += ms
    }
  }
}
