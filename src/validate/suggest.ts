/** "Did you mean ...?" for misspelled action ids, parameters, target keys and resource types. */
import { quote } from '../experiment/excerpt.js'

/**
 * Longer than any name a person misspells. Edit distance is quadratic, so a hostile 1 MB name
 * compared with another must not be attempted at all.
 */
const MAX_SUGGESTED_LENGTH = 128

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number
    previous[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost)
      diagonal = above
    }
  }
  return previous[b.length] as number
}

/** The closest candidate within a third of the word's length, compared case-insensitively. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined
  const lower = word.toLowerCase()
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what cannot be closer.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue
    const distance = editDistance(lower, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

export const didYouMean = (word: string, candidates: Iterable<string>): string => {
  const match = closest(word, candidates)
  return match ? ` Did you mean ${quote(match)}?` : ''
}
