/**
 * Metric series. A scenario metric stores one sample per `resolution` seconds for each statistic
 * it defines: the baseline, bent by effects while the named actions run (and during their
 * recovery), plus deterministic noise. A GetMetricData period aggregates the samples that fall
 * in it, so any period works, high-resolution ones included, and datapoints are the same
 * whichever window or page reads them.
 */
import { mergeIntervals, type FaultHistory } from './alarms.js'
import { hashToUnit } from './random.js'
import type { EffectModel, Interval, MetricModel } from './scenario.js'
import { statisticAggregation, type Aggregation } from './statistics.js'

/** Ascending epoch-millisecond timestamps with one value each. */
export interface Series {
  timestamps: number[]
  values: number[]
}

export interface MetricQuery {
  namespace: string
  metricName: string
  dimensions: Record<string, string>
  statistic: string
  periodSeconds: number
  unit?: string
  /** Inclusive; rounded down to a multiple of the period. */
  startMs: number
  /** Exclusive. */
  endMs: number
}

export interface MetricContext {
  /** Samples taken after this time (now minus the ingestion lag) are not ingested yet. */
  latestMs: number
  seed: number
  history: FaultHistory
}

export function findMetric(
  metrics: readonly MetricModel[],
  query: Pick<MetricQuery, 'namespace' | 'metricName' | 'dimensions'>
): MetricModel | undefined {
  return metrics.find(
    (metric) =>
      metric.namespace === query.namespace &&
      metric.metricName === query.metricName &&
      sameDimensions(metric.dimensions, query.dimensions)
  )
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/** The datapoints of one statistic; empty when the metric or statistic is not in the scenario. */
export function metricSeries(
  metrics: readonly MetricModel[],
  query: MetricQuery,
  context: MetricContext
): Series {
  const series: Series = { timestamps: [], values: [] }
  const metric = findMetric(metrics, query)
  const statistic = metric?.statistics[query.statistic]
  const aggregation = statisticAggregation(query.statistic)
  if (!metric || !statistic || !aggregation) return series
  if (query.unit !== undefined && metric.unit !== undefined && query.unit !== metric.unit) {
    return series
  }
  const resolution = metric.resolutionSeconds * 1000
  const period = query.periodSeconds * 1000
  const starts = context.history.injectionStarts()
  const gaps = starts.flatMap((start) =>
    metric.gaps.map((gap) => ({ start: start + gap.fromMs, end: start + gap.toMs }))
  )
  const effects = metric.effects
    .filter((effect) => !effect.statistics || effect.statistics.includes(query.statistic))
    .map((effect) => ({
      effect,
      intervals: mergeIntervals(context.history.runningIntervals(effect.whenActionsRun))
    }))
  const key = `${metric.namespace}/${metric.metricName}/${JSON.stringify(metric.dimensions)}`
  for (let bucket = floorTo(query.startMs, period); bucket < query.endMs; bucket += period) {
    const samples: number[] = []
    for (let time = ceilTo(bucket, resolution); time < bucket + period; time += resolution) {
      if (time > context.latestMs) break
      if (gaps.some((gap) => time >= gap.start && time < gap.end)) continue
      let value = statistic.baseline
      for (const { effect, intervals } of effects) {
        const weight = effectWeight(effect, intervals, time)
        if (weight > 0) value += weight * (applyEffect(effect, value) - value)
      }
      const noise = statistic.noise * (2 * hashToUnit(context.seed, key, query.statistic, time) - 1)
      samples.push(value + noise)
    }
    if (samples.length > 0) {
      series.timestamps.push(bucket)
      series.values.push(aggregate(aggregation, samples))
    }
  }
  return series
}

function floorTo(time: number, step: number): number {
  return Math.floor(time / step) * step
}

function ceilTo(time: number, step: number): number {
  return Math.ceil(time / step) * step
}

function applyEffect(effect: EffectModel, value: number): number {
  switch (effect.operation) {
    case 'set':
      return effect.value
    case 'add':
      return value + effect.value
    case 'multiply':
      return value * effect.value
  }
}

/** 1 while the actions run, then fading to 0 over the recovery (0 at once without one). */
function effectWeight(effect: EffectModel, intervals: readonly Interval[], time: number): number {
  let weight = 0
  for (const interval of intervals) {
    if (time >= interval.start && time < interval.end) return 1
    const since = time - interval.end
    const recovery = effect.recovery
    if (!recovery || since < 0 || since >= recovery.durationMs) continue
    const progress = since / recovery.durationMs
    const fading =
      recovery.shape === 'linear'
        ? 1 - progress
        : recovery.shape === 'exponential'
          ? // e^-5 at the end of the recovery: 99% of the way back, then the rest at once.
            Math.exp(-5 * progress)
          : 1
    weight = Math.max(weight, fading)
  }
  return weight
}

function aggregate(aggregation: Aggregation, samples: readonly number[]): number {
  switch (aggregation) {
    case 'sum':
      return samples.reduce((total, sample) => total + sample, 0)
    case 'min':
      return Math.min(...samples)
    case 'max':
      return Math.max(...samples)
    case 'mean':
      return samples.reduce((total, sample) => total + sample, 0) / samples.length
  }
}
