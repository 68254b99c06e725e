/**
 * ISO-8601 durations as FIS and the hypothesis use them (PT5M, PT1H30M, PT0.5S, P1D). Years and
 * months are refused: their length depends on the calendar, and no FIS duration needs them.
 */

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

/** Seconds in the duration, or undefined when the text is not a duration fis-gate accepts. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text)
  if (!match || text === 'P' || text.endsWith('T')) return undefined
  const [, weeks, days, hours, minutes, seconds] = match
  const part = (value: string | undefined, scale: number): number =>
    value ? Number(value) * scale : 0
  return (
    part(weeks, 604800) +
    part(days, 86400) +
    part(hours, 3600) +
    part(minutes, 60) +
    part(seconds, 1)
  )
}

/** A short human form: 90 → "1m 30s", 43200 → "12h". */
export function formatSeconds(totalSeconds: number): string {
  if (totalSeconds === 0) return '0s'
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = Math.round((totalSeconds % 60) * 1000) / 1000
  return [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : '']
    .filter(Boolean)
    .join(' ')
}
