/**
 * GetMetricData for a hypothesis: one query set per experiment, at most 500 queries a call,
 * following NextToken (PartialData), oldest first. Returns each returned query's datapoints.
 */
import { PageGuard } from '../aws/pages.js'
import type { HttpHandlerOptions } from '@smithy/types'
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch'
import type { MetricQuery } from '../hypothesis/definition.js'
import type { Datapoint, TimeWindow } from '../hypothesis/model.js'
import type { RunContext } from './context.js'

export const MAX_QUERIES_PER_CALL = 500

/** Packs whole checks into calls of at most 500 queries: an expression travels with its metrics. */
function batches(queries: readonly MetricQuery[]): MetricQuery[][] {
  const byCheck = new Map<string, MetricQuery[]>()
  for (const query of queries) {
    const check = query.Id.split('_')[0] as string
    byCheck.set(check, [...(byCheck.get(check) ?? []), query])
  }
  const calls: MetricQuery[][] = []
  for (const group of byCheck.values()) {
    const last = calls[calls.length - 1]
    if (last && last.length + group.length <= MAX_QUERIES_PER_CALL) last.push(...group)
    else calls.push([...group])
  }
  return calls
}

export async function fetchDatapoints(
  context: RunContext,
  queries: readonly MetricQuery[],
  window: TimeWindow,
  callOptions: HttpHandlerOptions = context.limits.cancellable()
): Promise<Map<string, Datapoint[]>> {
  const series = new Map<string, Datapoint[]>()
  for (const batch of batches(queries)) {
    const pages = new PageGuard('CloudWatch GetMetricData')
    let nextToken: string | undefined
    do {
      const page = await context.clients.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch as MetricDataQuery[],
          StartTime: new Date(window.start),
          EndTime: new Date(window.end),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken
        }),
        callOptions
      )
      for (const result of page.MetricDataResults ?? []) {
        if (!result.Id) continue
        const points = series.get(result.Id) ?? []
        const timestamps = result.Timestamps ?? []
        const values = result.Values ?? []
        timestamps.forEach((timestamp, index) =>
          points.push({ timestamp: timestamp.getTime(), value: values[index] ?? Number.NaN })
        )
        series.set(result.Id, points)
      }
      nextToken = pages.next(page.NextToken)
    } while (nextToken)
  }
  return series
}
