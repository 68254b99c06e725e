/**
 * Text for the step log that the runner never takes for a workflow command, whatever AWS or an
 * experiment file put in it.
 *
 * The runner reads stdout line by line (.NET ReadLine: a line ends at \n, \r or \r\n) and runs a
 * line as a command (actions/runner ActionCommand.TryParseV2 and TryParse) when, after
 * TrimStart(), it starts with `::name props::data`, or when it holds the legacy `##[name props]data`
 * anywhere in it, for any registered name (set-output, add-mask, stop-commands, error, …).
 *
 * Why each line is escaped rather than wrapped in `::stop-commands::<token>`: stop-commands only
 * pauses command processing, so a `##[error]…` line would still show as the log viewer's error
 * marker; it echoes two extra lines around every message; and its safety rests on runner state and
 * on a token the text must never contain. Escaping is stateless: what is left is not a command in
 * any runner state, and the text reads the same with one backslash added.
 */

/**
 * What may precede a command's `::` on a line: what .NET's TrimStart() removes (JavaScript's \s
 * and U+0085) and, because .NET compares culture-sensitively, characters it may ignore
 * (zero-width and other format characters, controls).
 */
const LEADING_IGNORED = /^[\s\p{Cc}\p{Cf}]*/u

/** The legacy command prefix; a backslash after it leaves no registered command name. */
const LEGACY_PREFIX = /##\[/g

function inertLine(line: string): string {
  const escaped = line.replace(LEGACY_PREFIX, '##[\\')
  const indent = LEADING_IGNORED.exec(escaped)?.[0].length ?? 0
  return escaped.startsWith(':', indent)
    ? `${escaped.slice(0, indent)}\\${escaped.slice(indent)}`
    : escaped
}

/** `text` with every line the runner would see made inert; line breaks become \n. */
export function inertLogText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(inertLine)
    .join('\n')
}
