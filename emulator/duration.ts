/**
 * ISO-8601 durations as FIS and scenario files write them (`PT5M`, `PT1H30M`, `P1D`, `PT0.5S`).
 * Scenario gap offsets may be negative (`-PT2M`: before the experiment started). Years and
 * months are refused because their length is ambiguous. The syntax is fis-gate's own
 * (src/experiment/duration.ts); this adds the sign and milliseconds.
 */
import { parseDuration as parseIsoDuration } from '../src/experiment/duration.js'

/** Milliseconds in the duration, or undefined when the text is not a duration this accepts. */
export function parseDuration(text: string): number | undefined {
  const negative = text.startsWith('-')
  const seconds = parseIsoDuration(negative ? text.slice(1) : text)
  return seconds === undefined ? undefined : (negative ? -1 : 1) * seconds * 1000
}
