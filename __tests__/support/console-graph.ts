/**
 * The CloudWatch console's graph links read back the way the console reads them: a JSURL reader
 * written from the format, not from fis-gate's encoder, so tests can check what a link opens.
 */

export type Decoded = string | number | boolean | null | Decoded[] | { [key: string]: Decoded }

/**
 * JSURL as the console writes its state: `~` before every value; `'` starts a string, `(` an
 * array (whose items each start with `~`) or an object (`key~value` pairs joined by `~`), and
 * anything else is a number, true, false or null. In strings and keys `*hh` and `**hhhh` are
 * UTF-16 code units, `!` is `$`, and only letters, digits, `_`, `-` and `.` stand for themselves.
 */
export function decodeState(text: string): Decoded {
  let at = 0
  const fail = (why: string): never => {
    throw new Error(`${why} at ${at} of ${text}`)
  }
  const take = (char: string): void => {
    if (text[at] !== char) fail(`expected ${char}`)
    at++
  }
  const hex = (length: number): string => {
    const digits = text.slice(at, at + length)
    if (!new RegExp(`^[0-9a-f]{${length}}$`).test(digits)) fail('bad escape')
    at += length
    return String.fromCharCode(parseInt(digits, 16))
  }
  const word = (): string => {
    let out = ''
    while (at < text.length && text[at] !== '~' && text[at] !== ')') {
      const char = text[at] as string
      if (char === '*' && text[at + 1] === '*') {
        at += 2
        out += hex(4)
      } else if (char === '*') {
        at += 1
        out += hex(2)
      } else if (char === '!') {
        at++
        out += '$'
      } else if (/^[A-Za-z0-9_.-]$/.test(char)) {
        at++
        out += char
      } else fail(`unencoded ${JSON.stringify(char)}`)
    }
    return out
  }
  const value = (): Decoded => {
    take('~')
    if (text[at] === "'") {
      at++
      return word()
    }
    if (text[at] === '(') {
      at++
      if (text[at] === '~') {
        const items: Decoded[] = []
        if (text[at + 1] === ')') at++
        else while (text[at] === '~') items.push(value())
        take(')')
        return items
      }
      const object: Record<string, Decoded> = {}
      while (text[at] !== ')') {
        const key = word()
        object[key] = value()
        if (text[at] !== ')') take('~')
      }
      take(')')
      return object
    }
    const raw = word()
    if (raw === 'true' || raw === 'false') return raw === 'true'
    if (raw === 'null') return null
    const number = Number(raw)
    return raw !== '' && Number.isFinite(number) ? number : fail(`not a value: ${raw}`)
  }
  const decoded = value()
  if (at !== text.length) fail('trailing text')
  return decoded
}

export interface GraphMetric {
  namespace: string
  metricName: string
  dimensions: Record<string, string>
  options: Record<string, Decoded>
}

export interface Graph {
  host: string
  path: string
  queryRegion: string | null
  rows: Decoded[]
  state: Record<string, Decoded>
}

export function readGraph(url: string): Graph {
  const parsed = new URL(url)
  const prefix = '#metricsV2:graph='
  if (!parsed.hash.startsWith(prefix)) throw new Error(`not a metrics graph: ${url}`)
  const state = decodeState(parsed.hash.slice(prefix.length))
  if (typeof state !== 'object' || state === null || Array.isArray(state))
    throw new Error('the graph is not an object')
  const rows = state.metrics
  if (!Array.isArray(rows)) throw new Error('the graph has no metrics')
  return {
    host: parsed.host,
    path: parsed.pathname,
    queryRegion: parsed.searchParams.get('region'),
    rows,
    state
  }
}

/** A metrics row: namespace, metric name, dimension name/value pairs, then its options. */
export function metricOf(row: Decoded): GraphMetric {
  if (!Array.isArray(row)) throw new Error('a row is an array')
  const options = row[row.length - 1]
  const names = row.slice(0, -1)
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new Error('a row ends with its options')
  if (!names.every((part): part is string => typeof part === 'string') || names.length % 2)
    throw new Error('a row names its metric in strings')
  const [namespace = '', metricName = '', ...pairs] = names
  const dimensions: Record<string, string> = {}
  for (let index = 0; index < pairs.length; index += 2)
    dimensions[pairs[index] as string] = pairs[index + 1] as string
  return { namespace, metricName, dimensions, options }
}

/** The one metric a check's link graphs, with its statistic and period, and the time range. */
export function decodeConsoleGraph(url: string): {
  metric: {
    namespace: string
    metricName: string
    dimensions: Record<string, string>
    stat: unknown
    period: unknown
  }
  region: unknown
  start: number
  end: number
} {
  const graph = readGraph(url)
  const row = metricOf(graph.rows[graph.rows.length - 1] as Decoded)
  return {
    metric: {
      namespace: row.namespace,
      metricName: row.metricName,
      dimensions: row.dimensions,
      stat: row.options.stat,
      period: row.options.period
    },
    region: graph.state.region,
    start: Date.parse(String(graph.state.start)),
    end: Date.parse(String(graph.state.end))
  }
}
