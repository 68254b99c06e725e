/**
 * ISO-8601 durations as FIS and scenario files write them (`PT5M`, `PT1H30M`, `P1D`, `PT0.5S`).
 * Scenario gap offsets may be negative (`-PT2M`: before the experiment started). Years, months
 * and weeks are refused: no FIS duration needs them. The emulator parses durations itself rather
 * than with fis-gate's parser, so that a mistake there cannot hide in both.
 */
const DURATION =
  /^(-?)P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1000]

/** Milliseconds in the duration, or undefined when the text is not a duration this accepts. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text)
  // `P` and `PT` alone match the pattern but name no duration.
  if (!match || /P$|T$/.test(text)) return undefined
  const [, sign, ...parts] = match
  const ms = parts.reduce(
    (total, part, index) => total + (part ? Number(part) * (UNIT_MS[index] ?? 0) : 0),
    0
  )
  return sign ? -ms : ms
}
