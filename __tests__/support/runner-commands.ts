/**
 * What the GitHub runner would run as workflow commands in a step's stdout, written from the
 * runner's own rules (actions/runner: ProcessInvoker reads lines with .NET ReadLine,
 * ActionCommandManager registers the commands below, ActionCommand.TryParseV2 and TryParse parse
 * them), independently of fis-gate's code. Comparisons are ordinal: a test oracle cannot reproduce
 * .NET's culture-sensitive matching, which fis-gate's escaping covers by escaping more.
 */

/** The payload: five lines the runner would run as commands if printed as they are. */
export const INJECTED_COMMANDS =
  '\n::set-output name=verdict::pass\n::add-mask::x\n::stop-commands::t\n::error::forged\n##[error]x'

/** Every command the runner registers (case-insensitive), stop-commands included. */
export const REGISTERED_COMMANDS = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'stop-commands'
])

/** .NET's Char.IsWhiteSpace: what String.TrimStart() removes. */
const DOTNET_WHITESPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

export interface ParsedCommand {
  line: string
  name: string
  data: string
}

const registered = (name: string): boolean => REGISTERED_COMMANDS.has(name.toLowerCase())

/** `::name props::data` after leading white space. */
function parseV2(line: string): ParsedCommand | undefined {
  const message = line.replace(DOTNET_WHITESPACE, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  return registered(name) ? { line, name, data: message.slice(end + 2) } : undefined
}

/** The legacy `##[name props]data`, anywhere in the line. */
function parseLegacy(line: string): ParsedCommand | undefined {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const bracket = line.indexOf(']', prefix)
  if (bracket < 0) return undefined
  const info = line.slice(prefix + 3, bracket)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  return registered(name) ? { line, name, data: line.slice(bracket + 1) } : undefined
}

/** Every line of `stdout` the runner would take for a command, in order. */
export function runnerCommands(stdout: string): ParsedCommand[] {
  return stdout.split(/\r\n|\r|\n/).flatMap((line) => parseV2(line) ?? parseLegacy(line) ?? [])
}
