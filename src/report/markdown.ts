/**
 * Markdown helpers for the job summary. core.summary does not escape anything, and user and AWS
 * strings (file names, messages, ARNs, alarm reasons) must never inject HTML or break a table.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Text safe inside a Markdown table cell or paragraph. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>"]/g, (char) => ENTITIES[char] as string)
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\r?\n/g, ' ')
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const escaped = text
    .replace(/[&<>"]/g, (char) => ENTITIES[char] as string)
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, ' ')
  return `<code>${escaped}</code>`
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
