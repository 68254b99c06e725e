/**
 * Markdown helpers for the job summary. core.summary does not escape anything, and user and AWS
 * strings (file names, messages, ARNs, alarm reasons) must never inject HTML or break a table.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** HTML entities for `& < > "`, and line breaks folded: no markup, one table row. */
const plainText = (text: string): string =>
  text.replace(/[&<>"]/g, (char) => ENTITIES[char] as string).replace(/\r?\n/g, ' ')

/** Text safe inside a Markdown table cell or paragraph. */
export function escapeMarkdown(text: string): string {
  return plainText(text).replace(/([\\`*_[\]|#~])/g, '\\$1')
}

/** Inline code that survives backticks in the text (`|` as an entity so tables hold). */
export function code(text: string): string {
  return `<code>${plainText(text).replace(/\|/g, '&#124;')}</code>`
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
