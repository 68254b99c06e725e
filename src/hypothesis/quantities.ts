/**
 * Measured values as people read them: 3 significant digits and a unit, `220 ms` for 0.220109
 * Seconds, `12.5 %`, `1.23 k` requests. The JSON report keeps the exact values; the summary shows
 * these. Units are CloudWatch's (the MetricStat `Unit` names), resolved per check by `checkUnit`.
 */
import type { MetricStatSpec } from './definition.js'

/**
 * A measured value to `digits` significant digits (3 by default: what a CloudWatch statistic over
 * a period means; the JSON report keeps the exact value), in plain decimals without an exponent:
 * 0.220109 reads 0.22, 0.0000123456 reads 0.0000123, 123456 reads 123000.
 */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value)
  const rounded = Number(value.toPrecision(digits))
  if (rounded === 0) return '0'
  const magnitude = Math.floor(Math.log10(Math.abs(rounded)))
  // toFixed takes at most 100 decimals; a value that small has no plain reading anyway.
  if (magnitude < -90 || magnitude >= 21) return String(rounded)
  const decimals = Math.max(0, digits - 1 - magnitude)
  const text = rounded.toFixed(decimals)
  return decimals > 0 ? text.replace(/\.?0+$/, '') : text
}

/** One way of showing a quantity: values of at least `from` (in base units) are divided by `size`. */
interface Scale {
  from: number
  size: number
  /** After the number: `ms`, `%`, `k`; empty for plain counts. */
  symbol: string
  /** On an axis title, where a bare `k` would not say what it counts. */
  axis: string
}

const TIME: Scale[] = [
  { from: 0, size: 1e-6, symbol: 'µs', axis: 'µs' },
  { from: 1e-3, size: 1e-3, symbol: 'ms', axis: 'ms' },
  { from: 1, size: 1, symbol: 's', axis: 's' },
  // 1000 s and more: 16.7 min reads better than 1000 s, and 600 s is still exact in seconds.
  { from: 1000, size: 60, symbol: 'min', axis: 'min' },
  { from: 36_000, size: 3600, symbol: 'h', axis: 'h' }
]

/** Decimal prefixes on a base symbol: CloudWatch does not say its Kilobytes are 1024 bytes. */
function decimal(base: string, axisBase = base): Scale[] {
  return ['', 'k', 'M', 'G', 'T'].map((prefix, index) => ({
    from: index === 0 ? 0 : 1000 ** index,
    size: 1000 ** index,
    symbol: `${prefix}${base}`,
    axis: `${prefix}${axisBase}`
  }))
}

const COUNT: Scale[] = [
  { from: 0, size: 1, symbol: '', axis: 'count' },
  { from: 1e3, size: 1e3, symbol: 'k', axis: 'count, thousands' },
  { from: 1e6, size: 1e6, symbol: 'M', axis: 'count, millions' },
  { from: 1e9, size: 1e9, symbol: 'G', axis: 'count, billions' }
]
const PERCENT: Scale[] = [{ from: 0, size: 1, symbol: '%', axis: '%' }]
/** CloudWatch's `None`, and values whose unit nobody gave: big ones still get k, M, G. */
const PLAIN: Scale[] = COUNT.map((scale, index) => ({
  ...scale,
  axis: index === 0 ? '' : scale.symbol
}))

/** Every CloudWatch unit (MetricDatum Unit) as a multiple of a base unit and its scales. */
const UNITS: Record<string, { base: number; scales: Scale[] }> = {
  Seconds: { base: 1, scales: TIME },
  Milliseconds: { base: 1e-3, scales: TIME },
  Microseconds: { base: 1e-6, scales: TIME },
  Bytes: { base: 1, scales: decimal('B') },
  Kilobytes: { base: 1e3, scales: decimal('B') },
  Megabytes: { base: 1e6, scales: decimal('B') },
  Gigabytes: { base: 1e9, scales: decimal('B') },
  Terabytes: { base: 1e12, scales: decimal('B') },
  Bits: { base: 1, scales: decimal('bit') },
  Kilobits: { base: 1e3, scales: decimal('bit') },
  Megabits: { base: 1e6, scales: decimal('bit') },
  Gigabits: { base: 1e9, scales: decimal('bit') },
  Terabits: { base: 1e12, scales: decimal('bit') },
  Percent: { base: 1, scales: PERCENT },
  Count: { base: 1, scales: COUNT },
  'Bytes/Second': { base: 1, scales: decimal('B/s') },
  'Kilobytes/Second': { base: 1e3, scales: decimal('B/s') },
  'Megabytes/Second': { base: 1e6, scales: decimal('B/s') },
  'Gigabytes/Second': { base: 1e9, scales: decimal('B/s') },
  'Terabytes/Second': { base: 1e12, scales: decimal('B/s') },
  'Bits/Second': { base: 1, scales: decimal('bit/s') },
  'Kilobits/Second': { base: 1e3, scales: decimal('bit/s') },
  'Megabits/Second': { base: 1e6, scales: decimal('bit/s') },
  'Gigabits/Second': { base: 1e9, scales: decimal('bit/s') },
  'Terabits/Second': { base: 1e12, scales: decimal('bit/s') },
  'Count/Second': { base: 1, scales: decimal('/s', 'per second') },
  None: { base: 1, scales: PLAIN }
}

/**
 * The units of metrics that fault-injection hypotheses watch most, for files that give no `unit`
 * (CloudWatch returns none with GetMetricData). From the AWS documentation's metric lists:
 * - AWS/ApplicationELB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 * - AWS/NetworkELB: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html
 * - AWS/EC2: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html
 * - AWS/ECS: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html
 * - ECS/ContainerInsights and ContainerInsights (EKS): https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 *   and https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-EKS.html
 * - AWS/Lambda: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 * - AWS/RDS: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html
 * - AWS/ApiGateway: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 * - AWS/DynamoDB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
 * Patterns match the whole metric name.
 */
const KNOWN_METRICS: { namespace: RegExp; metric: RegExp; unit: string }[] = [
  { namespace: /^AWS\/ApplicationELB$/, metric: /^TargetResponseTime$/, unit: 'Seconds' },
  {
    namespace: /^AWS\/(ApplicationELB|NetworkELB)$/,
    metric: /^(HTTPCode_.*|RequestCount.*|.*HostCount|.*ConnectionCount|.*_Reset_Count)$/,
    unit: 'Count'
  },
  { namespace: /^AWS\/(ApplicationELB|NetworkELB)$/, metric: /^ProcessedBytes$/, unit: 'Bytes' },
  { namespace: /^AWS\/(EC2|ECS|RDS)$/, metric: /^(CPU|Memory)Utilization$/, unit: 'Percent' },
  { namespace: /^AWS\/EC2$/, metric: /^Network(In|Out)$/, unit: 'Bytes' },
  { namespace: /^AWS\/EC2$/, metric: /^StatusCheckFailed.*$/, unit: 'Count' },
  { namespace: /^(ECS\/)?ContainerInsights$/, metric: /^.*_utilization.*$/, unit: 'Percent' },
  { namespace: /^(ECS\/)?ContainerInsights$/, metric: /^.*(Count|_restarts)$/, unit: 'Count' },
  {
    namespace: /^ECS\/ContainerInsights$/,
    metric: /^Memory(Utilized|Reserved)$/,
    unit: 'Megabytes'
  },
  { namespace: /^AWS\/Lambda$/, metric: /^Duration$/, unit: 'Milliseconds' },
  {
    namespace: /^AWS\/Lambda$/,
    metric: /^(Invocations|Errors|Throttles|ConcurrentExecutions)$/,
    unit: 'Count'
  },
  { namespace: /^AWS\/RDS$/, metric: /^(Read|Write)Latency$/, unit: 'Seconds' },
  { namespace: /^AWS\/RDS$/, metric: /^DatabaseConnections$/, unit: 'Count' },
  {
    namespace: /^AWS\/ApiGateway$/,
    metric: /^(Latency|IntegrationLatency)$/,
    unit: 'Milliseconds'
  },
  { namespace: /^AWS\/ApiGateway$/, metric: /^(4XXError|5XXError|Count)$/, unit: 'Count' },
  { namespace: /^AWS\/DynamoDB$/, metric: /^SuccessfulRequestLatency$/, unit: 'Milliseconds' },
  {
    namespace: /^AWS\/DynamoDB$/,
    metric: /^(ThrottledRequests|SystemErrors|UserErrors)$/,
    unit: 'Count'
  }
]

/**
 * The CloudWatch unit of a check's values, undefined when nobody says: the file's `unit`, else
 * `SampleCount` (a count whatever the metric), else the table above. An expression's unit is its
 * author's business (`errors / requests * 100` is a percentage only by intent), so it has none.
 */
export function checkUnit(
  metric: Pick<MetricStatSpec, 'namespace' | 'metricName' | 'stat' | 'unit'> | undefined
): string | undefined {
  if (!metric) return undefined
  if (metric.unit && metric.unit in UNITS) return metric.unit
  if (metric.stat === 'SampleCount') return 'Count'
  return KNOWN_METRICS.find(
    (known) => known.namespace.test(metric.namespace) && known.metric.test(metric.metricName)
  )?.unit
}

/** How to show values of one unit around one magnitude: a chart's axis picks one for all its values. */
export interface DisplayScale {
  /** Multiply a raw value by this to get the number shown. */
  factor: number
  symbol: string
  /** For an axis title: `ms`, `count, thousands`; `value, unit not given` when the unit is unknown. */
  axis: string
}

/** The scale for values around `magnitude` (a raw value, any sign). */
export function displayScale(unit: string | undefined, magnitude: number): DisplayScale {
  const known = unit === undefined ? undefined : UNITS[unit]
  const { base, scales } = known ?? { base: 1, scales: PLAIN }
  const size = Math.abs(magnitude * base)
  // Zero reads in the unit itself (`0 s`, not `0 µs`).
  const scale =
    (size === 0
      ? scales.find((candidate) => candidate.size === base)
      : scales.findLast((candidate) => size >= candidate.from)) ?? (scales[0] as Scale)
  const axis = known
    ? scale.axis || 'no unit'
    : `value, unit not given${scale.symbol ? `, ${scale.symbol}` : ''}`
  return { factor: base / scale.size, symbol: scale.symbol, axis }
}

/** A value in a scale already chosen: `220 ms`, `12.5 %`, `1.23 k`, `42`. */
export function formatScaled(value: number, scale: DisplayScale, digits = 3): string {
  const number = formatSignificant(value * scale.factor, digits)
  return scale.symbol ? `${number} ${scale.symbol}` : number
}

/**
 * One value with its unit, in the scale its own size asks for. `digits`: 3 for measured values,
 * 4 for thresholds people typed (0.2345 s reads 234.5 ms, not a rounded 235 ms).
 */
export function formatQuantity(
  value: number | undefined,
  unit: string | undefined,
  digits = 3
): string {
  if (value === undefined) return '—'
  if (!Number.isFinite(value)) return String(value)
  // Round first, so 999.7 ms reads 1 s and not 1000 ms.
  const rounded = Number(value.toPrecision(digits))
  return formatScaled(rounded, displayScale(unit, rounded), digits)
}
