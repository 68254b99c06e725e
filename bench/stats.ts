/** Medians, number formatting, the result table and the machine line. Pure, except `machine()`. */
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os'

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** `12.3 s` style with a fixed number of decimals. */
export const fixed = (value: number, decimals: number, unit: string): string =>
  `${value.toFixed(decimals)} ${unit}`

/** `median (min–max, n)`: the spread tells a quiet machine from a noisy one. */
export function spread(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values)
  const high = Math.max(...values)
  return `${format(median(values))} (${format(low)}–${format(high)}, n=${values.length})`
}

export const MIB = 1024 * 1024
export const mebibytes = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`

export interface Row {
  measure: string
  /** The figure: a median unless the measure says otherwise. */
  median: string
  /** What the figure is compared with, measured in the same run. */
  reference: string
  target: string
  /** Undefined when the row has no target. */
  met?: boolean
}

const cell = (text: string): string => text.replace(/\|/g, '\\|')

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| Measure | Median | Reference (same run) | Target | Met? |',
    '| --- | --- | --- | --- | --- |'
  ]
  for (const row of rows) {
    const met = row.met === undefined ? '—' : row.met ? 'yes' : '**no**'
    lines.push(
      `| ${[row.measure, row.median, row.reference, row.target, met].map(cell).join(' | ')} |`
    )
  }
  return lines.join('\n')
}

function operatingSystem(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))
    if (pretty?.[1]) return `${pretty[1]} (${type()} ${release()})`
  } catch {
    // not Linux, or no os-release: the kernel name will do
  }
  return `${type()} ${release()}`
}

/** CPU model, cores, RAM, Node and OS, plus the load average: a busy machine shows there. */
export function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
  return `Machine: ${model}, ${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}, ${operatingSystem()}; load average at start ${load}`
}
