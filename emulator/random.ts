/**
 * Seeded pseudo-randomness. Scenarios must replay identically from run to run, so nothing in the
 * emulator that looks random (ids, metric noise, fault dice) may come from Math.random.
 */

/** mulberry32: tiny and statistically good enough for ids, jitter and fault dice. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A number in [0, 1) that depends only on its inputs. Metric noise uses it so that reading the
 * same datapoint twice, in any order or page, gives the same value.
 */
export function hashToUnit(...parts: readonly (string | number)[]): number {
  const text = parts.join('\u0000')
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return (hash >>> 0) / 4294967296
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** FIS-style identifiers: a prefix (`EXT`, `EXP`) and 15 alphanumerics. */
export function randomId(prefix: string, random: () => number): string {
  let id = prefix
  for (let index = 0; index < 15; index++) {
    id += ALPHANUMERIC.charAt(Math.floor(random() * ALPHANUMERIC.length))
  }
  return id
}
