/**
 * The one home of escaping for the job summary (and any Markdown fis-gate writes). core.summary
 * escapes nothing, and names and values from experiment files or AWS (file names, check names,
 * messages, ARNs, alarm reasons) must never add a heading, open or close a block or a code fence,
 * inject HTML, break a table cell, close a Mermaid chart, or run on for pages.
 */
import { excerpt } from '../experiment/excerpt.js'

/** Code points of one value as text: a finding message or an AWS reason fits whole, a 1 MB value does not. */
export const TEXT_LIMIT = 1000
/** Code points of one value as inline code: identifiers (ARNs, ids, action ids), never pages. */
export const CODE_LIMIT = 256
/** Code points of a Mermaid chart title. */
const LABEL_LIMIT = 80

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/**
 * One line of text without markup: HTML entities for `& < > "` (no tag, no entity of the value's
 * own), line breaks folded (CommonMark ends a line at \n, \r and \r\n), and a backslash before
 * each character with a meaning inside a line: escapes, code spans, emphasis, links and images,
 * table cells (GFM reads `\|` as a pipe inside a cell), headings, strikethrough and math.
 */
function inline(text: string, max: number): string {
  return excerpt(text, max)
    .replace(/[&<>"]/g, (char) => ENTITIES[char] as string)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]|#~$]/g, '\\$&')
}

/**
 * Text safe anywhere in a line: a table cell, a heading, a paragraph, or the start of a line
 * (no indented code block, list item, thematic break or setext underline either).
 */
export function escapeMarkdown(text: string, max = TEXT_LIMIT): string {
  return inline(text, max)
    .trimStart()
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
}

/** Inline code: HTML `<code>`, so backticks in the value cannot end it early. */
export function code(text: string): string {
  return `<code>${inline(text, CODE_LIMIT)}</code>`
}

/**
 * A link to `url` on a label that is already Markdown (escaped text or inline code). Its target
 * cannot end early: `<…>` holds parentheses, and `<`, `>` and white space, which would end it,
 * are percent-encoded, as is `|`, which would split the table cell the link sits in.
 */
export function link(label: string, url: string): string {
  return `[${label}](<${url.replace(/[<>|\s]/g, encodeURIComponent)}>)`
}

/**
 * Text inside a Mermaid double-quoted string: on one line (the fence it sits in closes only at a
 * line start), without `"` (which would end the string) and without `%%` (a Mermaid directive or
 * comment), bounded.
 */
export function mermaidString(text: string, max = LABEL_LIMIT): string {
  return excerpt(text, Math.min(max, LABEL_LIMIT))
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/["\\]/g, "'")
    .replace(/%(?=%)/g, '% ')
}

/** One row of a table, its cells already escaped. */
export const tableRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`

export function table(header: string[], rows: string[][]): string {
  return [tableRow(header), tableRow(header.map(() => '---')), ...rows.map(tableRow)].join('\n')
}
