/**
 * The job summary's size budget. GitHub drops a step's whole summary, with an error annotation,
 * when the summary file is over 1 MiB in bytes (actions/runner CreateStepSummaryCommand
 * AttachmentSizeLimit; GitHub docs, workflow commands, "Step isolation and limits"); every append
 * of the step counts. The renderers fit within a budget, most important parts first, and count
 * what they leave out; `capSummary` is the last resort where the file is written.
 */

export const STEP_SUMMARY_LIMIT = 1024 * 1024

/** What one step's renderers use together; the rest is headroom below the hard cap. */
export const SUMMARY_BUDGET = STEP_SUMMARY_LIMIT - 32 * 1024

/** Room a renderer keeps for the line that counts what it left out. */
export const OMISSION_NOTE_BYTES = 1024

export const byteSize = (text: string): number => Buffer.byteLength(text, 'utf8')

export interface Fitted<T> {
  /** What fits, in the original order. */
  shown: T[]
  /** What was left out, in the original order. */
  omitted: T[]
}

/**
 * Takes items by rank (lower first; equal ranks in their order) while their sizes fit in `budget`
 * bytes; one that does not fit is left out and smaller ones after it may still fit.
 */
export function fitToBudget<T>(
  items: readonly T[],
  size: (item: T) => number,
  rank: (item: T) => number,
  budget: number
): Fitted<T> {
  const byRank = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const order = rank(a.item) - rank(b.item)
      return order === 0 ? a.index - b.index : order
    })
  const taken = new Set<number>()
  let left = budget
  for (const { item, index } of byRank) {
    const cost = size(item)
    if (cost > left) continue
    left -= cost
    taken.add(index)
  }
  return {
    shown: items.filter((_, index) => taken.has(index)),
    omitted: items.filter((_, index) => !taken.has(index))
  }
}

/**
 * The paragraph that stands for what a renderer left out: how many `noun`s, each kind with its
 * count as `text` (kinds with none left out), and `where` the reader finds them. Empty when
 * nothing was left out.
 */
export function omissionNote(
  kinds: readonly { count: number; text: string }[],
  noun: string,
  where: string
): string {
  const total = kinds.reduce((sum, kind) => sum + kind.count, 0)
  if (total === 0) return ''
  const breakdown = kinds
    .filter((kind) => kind.count > 0)
    .map((kind) => kind.text)
    .join(', ')
  return `**${total} more ${noun}${total === 1 ? ' is' : 's are'} not shown here** (${breakdown}) to keep the job summary under GitHub's 1 MiB limit; ${where}.`
}

const CUT_NOTE =
  "\n**The rest of this summary was cut** to keep the step's job summary under GitHub's 1 MiB limit: every finding is in the SARIF file (output `sarif`) and, in plan and run modes, every run in the JSON report (output `report`).\n"
const FENCE = /^ {0,3}(`{3,}|~{3,})/

/**
 * The last resort: `markdown` if it fits in `room` bytes, else its longest run of whole lines that
 * fits with the fence and `<details>` it leaves open closed and a note that the rest was cut.
 */
export function capSummary(markdown: string, room: number): string {
  if (byteSize(markdown) <= room) return markdown
  const lines = markdown.split('\n')
  const noteBytes = byteSize(CUT_NOTE)
  let keptBytes = 0
  let openFence: string | undefined
  let openDetails = 0
  let cut = { lines: 0, closing: '' }
  for (const [index, line] of lines.entries()) {
    const fence = FENCE.exec(line)?.[1]
    if (fence) openFence = openFence ? undefined : fence
    else if (!openFence)
      openDetails +=
        (line.match(/<details[\s>]/g)?.length ?? 0) - (line.match(/<\/details>/g)?.length ?? 0)
    keptBytes += byteSize(line) + 1
    const closing = `${openFence ? `${openFence}\n` : ''}${'</details>\n'.repeat(Math.max(openDetails, 0))}`
    if (keptBytes + byteSize(closing) + noteBytes > room) break
    cut = { lines: index + 1, closing }
  }
  if (cut.lines === 0) return ''
  return `${lines.slice(0, cut.lines).join('\n')}\n${cut.closing}${CUT_NOTE}`
}
