/**
 * A check's chart in the job summary: a Mermaid xychart-beta block (GitHub renders Mermaid; it
 * strips `data:` images and artifact links need a sign-in and a zip, so an SVG is no option) and a
 * legend line under it.
 *
 * What the chart shows and how, given what xychart can draw:
 * - the metric, the threshold and the baseline bounds as named lines, in the scale of the largest
 *   value (`ms`, `%`, `count, thousands`), the unit in the y-axis title;
 * - the baseline, fault and after windows and the breaching periods as full-height bars behind the
 *   lines, one bar series each (xychart draws bar series over each other, in order);
 * - at most 8 time labels (HH:MM UTC, HH:MM:SS for steps under a minute) on a category axis whose
 *   other categories are distinct invisible strings: a band scale merges equal categories, and
 *   Mermaid trims spaces, so the blanks are zero-width characters (`invisibleLabel`);
 * - colours from a `plotColorPalette` in the init directive, in plot order, and a legend twice:
 *   Mermaid's own (`showLegend`, new in 2026, which GitHub's Mermaid may not have yet) and a text
 *   line whose coloured squares match the palette.
 */
import type {
  BaselineSummary,
  ComparisonOperator,
  Datapoint,
  EvaluationWindows,
  PhaseResult,
  TimeWindow
} from '../hypothesis/model.js'
import { escapeMarkdown, mermaidString } from './markdown.js'
import { displayScale, formatScaled, type DisplayScale } from '../hypothesis/quantities.js'
import { formatDate, formatTime, OPERATOR_SYMBOLS } from '../hypothesis/describe.js'
import { formatSignificant } from '../hypothesis/quantities.js'

/** Categories on the x axis at most: more would be bars thinner than a pixel on GitHub's width. */
export const MAX_CATEGORIES = 60
/** Time labels at most, so that `HH:MM` labels never touch. */
export const MAX_TIME_LABELS = 8
/** Time labels at most on a chart across days, whose first label of each day names the day. */
const MAX_DATED_LABELS = 5
/** Code points of the check name on the y axis, before its unit. */
const AXIS_NAME_LIMIT = 32
const DAY = 86_400
/** Label steps in seconds, the first that keeps to MAX_TIME_LABELS wins. */
const LABEL_STEPS = [
  5,
  10,
  15,
  30,
  60,
  120,
  300,
  600,
  900,
  1800,
  3600,
  7200,
  10_800,
  21_600,
  43_200,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY
]

type Kind =
  'baseline' | 'during' | 'after' | 'breaching' | 'metric' | 'threshold' | 'upper' | 'lower'

/** Each kind's colour on the chart and the square that stands for it in the legend line. */
const STYLE: Record<Kind, { colour: string; square: string }> = {
  baseline: { colour: '#eaeef2', square: '⬜' },
  during: { colour: '#ffd8a8', square: '🟧' },
  after: { colour: '#c8f0d0', square: '🟩' },
  breaching: { colour: '#ffb3b3', square: '🟥' },
  metric: { colour: '#0969da', square: '🟦' },
  threshold: { colour: '#1f2328', square: '⬛' },
  upper: { colour: '#8250df', square: '🟪' },
  lower: { colour: '#8250df', square: '🟪' }
}

export interface CheckChartInput {
  name: string
  points: readonly Datapoint[]
  /** Seconds: the width of one category when every datapoint has its own. */
  period: number
  /** CloudWatch unit of the values; undefined when the file and the metric do not say. */
  unit: string | undefined
  comparisonOperator?: ComparisonOperator
  threshold?: number
  baseline?: BaselineSummary
  windows: EvaluationWindows
  /** The check's phase results: the after window and the breaching periods. */
  phases: readonly PhaseResult[]
}

/** One x category: the datapoints from `start` for `span` milliseconds, shown as one value. */
interface Category {
  start: number
  span: number
  value: number
}

/**
 * At most MAX_CATEGORIES categories: consecutive datapoints grouped, each group showing the value
 * worst for the check (the highest, or the lowest under a less-than operator), so that thinning
 * never hides a breach.
 */
function categoriesOf(points: readonly Datapoint[], period: number, lowIsBad: boolean): Category[] {
  const sorted = points
    .filter((point) => Number.isFinite(point.value))
    .sort((a, b) => a.timestamp - b.timestamp)
  const size = Math.ceil(sorted.length / MAX_CATEGORIES)
  const categories: Category[] = []
  for (let index = 0; index < sorted.length; index += size) {
    const group = sorted.slice(index, index + size)
    const values = group.map((point) => point.value)
    const last = group[group.length - 1] as Datapoint
    const start = (group[0] as Datapoint).timestamp
    categories.push({
      start,
      span: last.timestamp - start + period * 1000,
      value: lowIsBad ? Math.min(...values) : Math.max(...values)
    })
  }
  return categories
}

/**
 * Time labels: the smallest round step (5 s to a day) with at most MAX_TIME_LABELS ticks in the
 * chart's span, each tick on the category holding it, `HH:MM` (`HH:MM:SS` off the whole minute).
 */
export function timeLabels(categories: readonly { start: number; span: number }[]): string[] {
  const first = categories[0]
  const last = categories[categories.length - 1]
  const labels = categories.map(() => '')
  if (!first || !last) return labels
  const end = last.start + last.span
  // A chart across days names each day, or equal times of two days would be one category; its
  // dated labels are wider, so fewer of them fit.
  const days = formatDate(first.start) !== formatDate(end - 1)
  const most = days ? MAX_DATED_LABELS : MAX_TIME_LABELS
  const fits = (seconds: number) => ticksBetween(first.start, end, seconds).length <= most
  const step = LABEL_STEPS.find(fits) ?? Math.ceil((end - first.start) / 1000 / DAY / most) * DAY
  const used = new Set<string>()
  let lastDay = ''
  for (const tick of ticksBetween(first.start, end, step)) {
    const index = categories.findIndex(
      (category) => category.start <= tick && tick < category.start + category.span
    )
    // The day once, on the first label of each day: `12-01 23:00`, `00:00` would be ambiguous.
    const newDay = used.size === 0 || formatDate(tick) !== lastDay
    const label = !days
      ? formatTime(tick)
      : step >= DAY
        ? formatDate(tick).slice(5)
        : newDay
          ? `${formatDate(tick).slice(5)} ${formatTime(tick)}`
          : formatTime(tick)
    if (index !== -1 && labels[index] === '' && !used.has(label)) {
      labels[index] = label
      used.add(label)
      lastDay = formatDate(tick)
    }
  }
  return labels
}

function ticksBetween(start: number, end: number, seconds: number): number[] {
  const step = seconds * 1000
  const ticks: number[] = []
  for (let tick = Math.ceil(start / step) * step; tick < end; tick += step) ticks.push(tick)
  return ticks
}

const overlaps = (category: Category, window: TimeWindow | undefined): boolean =>
  window !== undefined &&
  category.start < Math.max(window.end, window.start + 1) &&
  window.start < category.start + category.span

/** What shades a category: breaching first, then the phase it is in. */
function shadeOf(
  category: Category,
  windows: ChartWindows,
  breaching: readonly number[]
): Kind | undefined {
  if (breaching.some((start) => category.start <= start && start < category.start + category.span))
    return 'breaching'
  if (overlaps(category, windows.during)) return 'during'
  if (overlaps(category, windows.after)) return 'after'
  if (overlaps(category, windows.baseline)) return 'baseline'
  return undefined
}

interface ChartWindows {
  baseline?: TimeWindow
  /** Absent when the check judged only `before`: a refusal before any fault has no fault window. */
  during?: TimeWindow
  after?: TimeWindow
}

/** Axis bounds on round numbers (1, 1.2, 1.5, 2, … 8 times a power of ten) around the values shown. */
function niceBound(value: number, up: boolean): number {
  if (value === 0) return 0
  const power = 10 ** Math.floor(Math.log10(Math.abs(value)))
  const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
  const scaled = Math.abs(value) / power
  const pick =
    up === value > 0
      ? (steps.find((step) => step >= scaled - 1e-9) as number)
      : (steps.findLast((step) => step <= scaled + 1e-9) as number)
  return Number((Math.sign(value) * pick * power).toPrecision(3))
}

/** A series row: `line "name" [v1, v2, ...]`, values to 3 significant digits in the chart's scale. */
function seriesRow(type: 'bar' | 'line', name: string, values: readonly number[]): string {
  return `  ${type} "${mermaidString(name)}" [${values.map((value) => formatSignificant(value)).join(', ')}]`
}

function spanText(window: TimeWindow): string {
  return window.end > window.start
    ? `${formatTime(window.start)}–${formatTime(window.end)}`
    : `at ${formatTime(window.start)}`
}

/**
 * A distinct invisible category name: `index + 1` in binary, zero-width space for 1 and
 * zero-width non-joiner for 0 (six characters at most for MAX_CATEGORIES, where runs of one
 * character would take up to 60).
 */
export function invisibleLabel(index: number): string {
  return (index + 1).toString(2).replace(/1/g, '\u200b').replace(/0/g, '\u200c')
}

/** Breaching periods as ranges of consecutive periods: `10:02–10:04, 10:07`. */
function breachingText(starts: readonly number[], period: number, most = 4): string {
  const ranges: { from: number; to: number }[] = []
  for (const start of [...starts].sort((a, b) => a - b)) {
    const previous = ranges[ranges.length - 1]
    if (previous && start - previous.to <= period * 1000) previous.to = start
    else ranges.push({ from: start, to: start })
  }
  const shown = ranges
    .slice(0, most)
    .map((range) =>
      range.to > range.from
        ? `${formatTime(range.from)}–${formatTime(range.to + period * 1000)}`
        : formatTime(range.from)
    )
  return `${shown.join(', ')}${ranges.length > most ? `, and ${ranges.length - most} more` : ''}`
}

interface Reference {
  kind: 'threshold' | 'upper' | 'lower'
  name: string
  value: number
}

/** The horizontal lines: the threshold and the baseline bounds the check has. */
function referencesOf(input: CheckChartInput): Reference[] {
  const references: Reference[] = []
  if (input.threshold !== undefined)
    references.push({ kind: 'threshold', name: 'threshold', value: input.threshold })
  const { upperBound, lowerBound } = input.baseline ?? {}
  if (upperBound !== undefined)
    references.push({ kind: 'upper', name: 'baseline upper bound', value: upperBound })
  if (lowerBound !== undefined)
    references.push({ kind: 'lower', name: 'baseline lower bound', value: lowerBound })
  return references
}

/** The windows to shade, from the evaluation windows and the check's own after phase. */
function chartWindows(input: CheckChartInput): ChartWindows {
  const afterPhase = input.phases.find((phase) => phase.phase === 'after')
  // Judged only before the fault: the run refused to start, and `during` is a placeholder instant.
  const refusedBeforeFault =
    input.phases.length > 0 && input.phases.every((phase) => phase.phase === 'before')
  return {
    baseline: input.windows.baseline ?? input.baseline?.window,
    during: refusedBeforeFault ? undefined : input.windows.during,
    after: afterPhase ? { start: input.windows.during.end, end: afterPhase.window.end } : undefined
  }
}

const SHADE_NAMES = {
  baseline: 'baseline window',
  during: 'fault window',
  after: 'after window',
  breaching: 'breaching periods'
} as const

/** One bar series per kind of shade present: full height where it applies, nothing elsewhere. */
function shadeRows(
  shades: readonly (Kind | undefined)[],
  range: { bottom: number; top: number }
): { kind: Kind; row: string }[] {
  // Below the axis, an unshaded category draws nothing (a bar of the axis minimum is a sliver).
  const nothing = range.bottom - (range.top - range.bottom)
  return (['baseline', 'during', 'after', 'breaching'] as const)
    .filter((kind) => shades.includes(kind))
    .map((kind) => ({
      kind,
      row: seriesRow(
        'bar',
        SHADE_NAMES[kind],
        shades.map((shade) => (shade === kind ? range.top : nothing))
      )
    }))
}

/** The y axis from 0 (or below, for negative values) to a round number above every value shown. */
function axisRange(shown: readonly number[]): { bottom: number; top: number } {
  return {
    bottom: niceBound(Math.min(...shown, 0) * 1.1, false),
    top: niceBound(Math.max(...shown, 0) * 1.1, true) || 1
  }
}

/** The text legend under the chart: `🟦 name (ms) · ⬛ threshold > 500 ms · 🟧 fault … (UTC)`. */
function legendLine(
  input: CheckChartInput,
  scale: DisplayScale,
  references: readonly Reference[],
  windows: ChartWindows,
  shades: readonly (Kind | undefined)[]
): string {
  const parts = [
    `${STYLE.metric.square} ${escapeMarkdown(input.name)} (${escapeMarkdown(scale.axis)})`
  ]
  for (const reference of references) {
    // In the axis's scale, so the legend reads like the chart: `0.8 s` on a chart in seconds.
    const value = formatScaled(reference.value, scale, reference.kind === 'threshold' ? 4 : 3)
    const operator =
      reference.kind === 'threshold' && input.comparisonOperator
        ? `${OPERATOR_SYMBOLS[input.comparisonOperator]} `
        : ''
    parts.push(
      `${STYLE[reference.kind].square} ${escapeMarkdown(`${reference.name} ${operator}${value}`)}`
    )
  }
  if (windows.baseline && shades.includes('baseline'))
    parts.push(`${STYLE.baseline.square} baseline ${spanText(windows.baseline)}`)
  if (windows.during) parts.push(`${STYLE.during.square} fault ${spanText(windows.during)}`)
  if (windows.after && shades.includes('after'))
    parts.push(`${STYLE.after.square} after ${spanText(windows.after)}`)
  const breaching = input.phases.flatMap((phase) => phase.breachingPeriods)
  parts.push(
    breaching.length
      ? `${STYLE.breaching.square} breaching ${breachingText(breaching, input.period)}`
      : 'no breaching period'
  )
  return `${parts.join(' · ')} (UTC)`
}

/** The Mermaid block and its legend line; empty with fewer than two datapoints. */
export function checkChart(input: CheckChartInput): string {
  const lowIsBad = input.comparisonOperator?.startsWith('Less') === true
  const categories = categoriesOf(input.points, input.period, lowIsBad)
  if (categories.length < 2) return ''
  const windows = chartWindows(input)
  const references = referencesOf(input)
  const breaching = input.phases.flatMap((phase) => phase.breachingPeriods)
  const shades = categories.map((category) => shadeOf(category, windows, breaching))

  const raw = [
    ...categories.map((category) => category.value),
    ...references.map((item) => item.value)
  ]
  const scale = displayScale(input.unit, Math.max(...raw.map(Math.abs)))
  const range = axisRange(raw.map((value) => value * scale.factor))
  const plots = [
    ...shadeRows(shades, range),
    {
      kind: 'metric' as const,
      row: seriesRow(
        'line',
        input.name,
        categories.map((category) => category.value * scale.factor)
      )
    },
    ...references.map((reference) => ({
      kind: reference.kind,
      row: seriesRow(
        'line',
        reference.name,
        categories.map(() => reference.value * scale.factor)
      )
    }))
  ]
  const init = {
    xyChart: { showLegend: true },
    themeVariables: {
      xyChart: { plotColorPalette: plots.map((plot) => STYLE[plot.kind].colour).join(', ') }
    }
  }
  // Unlabelled categories as distinct invisible strings (see the module comment).
  const labels = timeLabels(categories).map((label, index) => label || invisibleLabel(index))
  const block = [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `  title "${mermaidString(input.name)}"`,
    `  x-axis "time (UTC)" [${labels.map((label) => `"${label}"`).join(', ')}]`,
    // The title is the unit's place: a long name is cut so that the unit stays in view.
    `  y-axis "${mermaidString(input.name, AXIS_NAME_LIMIT)} (${scale.axis})" ${formatSignificant(range.bottom)} --> ${formatSignificant(range.top)}`,
    ...plots.map((plot) => plot.row),
    '```'
  ].join('\n')
  // Mermaid reads numbers as plain decimals: values beyond them (1e300) would be a parse error.
  if (/\de[+-]/.test(block))
    return `_No chart: the values of ${escapeMarkdown(input.name)} are too large or too small to draw._`
  return `${block}\n\n${legendLine(input, scale, references, windows, shades)}`
}
