/**
 * Bounded echo of values from experiment files. A finding quotes enough of a value to recognize it;
 * a 1 MB malformed value must not be copied whole into annotations, the job summary (1 MiB limit)
 * and SARIF. Every message that quotes a value from a file goes through these helpers.
 */

/** Code points of a value shown in a message; longer values are cut with an ellipsis. */
export const EXCERPT_LENGTH = 80
/** Names listed in a message ("known: a, b, c") before the rest is counted. */
export const EXCERPT_ITEMS = 10

/** At most `max` code points of `text` (never half a surrogate pair), with `…` when cut. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  // Two UTF-16 units per code point at most: anything this short cannot be over the limit.
  if (text.length <= max) return text
  let end = 0
  for (let count = 0; count < max && end < text.length; count++) {
    const code = text.codePointAt(end) as number
    end += code > 0xffff ? 2 : 1
  }
  return end >= text.length ? text : `${text.slice(0, end)}…`
}

/**
 * A value in double quotes, bounded, with line breaks and control characters escaped as in JSON,
 * so a quoted value can neither run on for pages nor break the line it is quoted in.
 */
export function quote(text: string): string {
  return JSON.stringify(excerpt(text))
}

/** `a, b, c and 4 more`: each name bounded, at most EXCERPT_ITEMS of them. */
export function excerptList(items: Iterable<string>, separator = ', '): string {
  const all = [...items]
  const shown = all.slice(0, EXCERPT_ITEMS).map((item) => excerpt(item))
  const more = all.length - shown.length
  return `${shown.join(separator)}${more > 0 ? ` and ${more} more` : ''}`
}
