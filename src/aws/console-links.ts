/**
 * Where a person goes next: the AWS console and the CLI, for one FIS experiment, the CloudWatch
 * graph of one hypothesis check, and the experiment's log group. Pure.
 *
 * Every value in these URLs comes from experiment files or from AWS, so each is encoded into a
 * small alphabet (letters, digits and `-._~'()*!%:/?#=&`): no white space, `<`, `>`, `\` or
 * backtick, so a URL can neither end a Markdown link destination early nor escape its end.
 */
import type { HypothesisCheck, MetricStatSpec } from '../hypothesis/definition.js'
import type { TimeWindow } from '../hypothesis/model.js'

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** encodeURIComponent, which throws on a lone surrogate: that one becomes U+FFFD instead. */
const encode = (text: string): string => encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))

/**
 * The console's home for a service in a Region: China and GovCloud have consoles of their own,
 * and a value that is not a Region code never becomes part of the host name.
 */
function consoleHome(service: string, region: string): string {
  const query = `?region=${encode(region)}`
  if (!REGION.test(region)) return `https://console.aws.amazon.com/${service}/home${query}`
  if (region.startsWith('cn-'))
    return `https://${region}.console.amazonaws.cn/${service}/home${query}`
  if (region.startsWith('us-gov-'))
    return `https://console.amazonaws-us-gov.com/${service}/home${query}`
  return `https://${region}.console.aws.amazon.com/${service}/home${query}`
}

export function fisExperimentConsoleUrl(region: string, experimentId: string): string {
  return `${consoleHome('fis', region)}#ExperimentDetails:ExperimentId=${encode(experimentId)}`
}

/** The FIS console's list of experiments, for one a person has to find by its tags. */
export function fisExperimentsConsoleUrl(region: string): string {
  return `${consoleHome('fis', region)}#Experiments`
}

/**
 * `aws fis <command> --id <id> --region <region>`, or nothing when the id or Region is not plain:
 * ids come from AWS, and only a plain one goes into a command line a person may paste.
 */
export function fisCommand(
  command: 'stop-experiment' | 'delete-experiment-template',
  region: string,
  id: string
): string | undefined {
  return /^[A-Za-z0-9-]{1,64}$/.test(id) && /^[a-z0-9-]{1,30}$/.test(region)
    ? `aws fis ${command} --id ${id} --region ${region}`
    : undefined
}

/** What to do about an experiment whose stop fis-gate could not confirm. */
export function stopByHand(region: string, experimentId: string): string {
  const command = fisCommand('stop-experiment', region, experimentId)
  const console = `the FIS console: ${fisExperimentConsoleUrl(region, experimentId)}`
  return command ? `stop it with \`${command}\` or in ${console}` : `stop it in ${console}`
}

/** A value of the console's URL state: JSON without null. */
type UrlState =
  string | number | boolean | readonly UrlState[] | { readonly [key: string]: UrlState | undefined }

/**
 * A string in the console's encoding (JSURL): letters, digits, `_`, `-` and `.` stay, `$` is `!`,
 * and every other UTF-16 code unit is `*hh` below 0x100, else `**hhhh`.
 */
function urlStateText(text: string): string {
  return text.replace(/[^\w.-]/g, (char) => {
    if (char === '$') return '!'
    const unit = char.charCodeAt(0)
    return unit < 0x100
      ? `*${unit.toString(16).padStart(2, '0')}`
      : `**${unit.toString(16).padStart(4, '0')}`
  })
}

/**
 * The console's URL state encoding (JSURL): `~'text`, `~12.5`, `~true`, an array as
 * `~(~a~b)`, an object as `~(key~value~key~value)`; undefined members are left out.
 */
function urlState(value: UrlState): string {
  if (typeof value === 'string') return `~'${urlStateText(value)}`
  if (typeof value === 'number') return Number.isFinite(value) ? `~${value}` : '~null'
  if (typeof value === 'boolean') return `~${value}`
  if (Array.isArray(value)) return `~(${value.map(urlState).join('') || '~'})`
  const members = Object.entries(value as Record<string, UrlState | undefined>).flatMap(
    ([key, member]) => (member === undefined ? [] : [`${urlStateText(key)}${urlState(member)}`])
  )
  return `~(${members.join('~')})`
}

/**
 * One row of a graph's `metrics`: namespace, metric name, each dimension's name and value, then
 * its options. (The console reads a lone `.` in a row as "the same as the row above"; fis-gate
 * puts the single-metric row first, so only an expression's later metrics could meet that.)
 */
function metricRow(spec: MetricStatSpec, options: Record<string, UrlState | undefined>): UrlState {
  return [
    spec.namespace,
    spec.metricName,
    ...Object.entries(spec.dimensions).flat(),
    { stat: spec.stat, period: spec.period, accountId: spec.accountId, ...options }
  ]
}

/** An id for the expression that none of its metrics has. */
function expressionId(metricIds: readonly string[]): string {
  let index = 1
  while (metricIds.includes(`e${index}`)) index++
  return `e${index}`
}

const iso = (time: number): string => new Date(time).toISOString()

/**
 * The CloudWatch console's graph of one check (`#metricsV2:graph=…`): its metric with dimensions,
 * statistic and period, or its metric-math expression with the metrics it combines (hidden, as
 * the check judges only the expression), labelled with the check's name, its threshold as a
 * horizontal line, in `region`, over `window` widened to whole periods of the check so the first
 * and last periods show complete. Pass the evaluation windows (baseline start to the end of the
 * after phase) or the experiment's start and end, as epoch milliseconds. Undefined when the
 * check has no metric or the window is not a time.
 */
export function checkConsoleUrl(
  region: string,
  check: Pick<HypothesisCheck, 'definition' | 'metric' | 'expression'>,
  window: TimeWindow
): string | undefined {
  const { definition } = check
  if (!Number.isFinite(window.start) || !Number.isFinite(window.end)) return undefined
  const periodMs = Math.max(1, definition.period) * 1000
  const start = Math.floor(window.start / periodMs) * periodMs
  const end = Math.max(Math.ceil(window.end / periodMs) * periodMs, start + periodMs)
  // Past ±8.64e15 ms a Date is invalid and has no ISO form.
  if (Math.abs(start) > 8.64e15 || Math.abs(end) > 8.64e15) return undefined
  let metrics: UrlState[]
  if (check.metric) {
    metrics = [metricRow(check.metric, { label: definition.name })]
  } else if (check.expression) {
    const ids = Object.keys(check.expression.metrics)
    metrics = [
      { expression: check.expression.text, label: definition.name, id: expressionId(ids) },
      ...Object.entries(check.expression.metrics).map(([id, spec]) =>
        metricRow(spec, { id, visible: false })
      )
    ]
  } else return undefined
  const graph: UrlState = {
    metrics,
    view: 'timeSeries',
    stacked: false,
    region,
    period: definition.period,
    ...(check.metric ? { stat: check.metric.stat } : {}),
    start: iso(start),
    end: iso(end),
    annotations:
      definition.threshold === undefined
        ? undefined
        : { horizontal: [{ label: 'threshold', value: definition.threshold }] }
  }
  return `${consoleHome('cloudwatch', region)}#metricsV2:graph=${urlState(graph)}`
}

/**
 * The CloudWatch Logs console page of the log group an ARN names (a template's
 * `logConfiguration.cloudWatchLogsConfiguration.logGroupArn`, with or without the `:*` that
 * IAM-style log group ARNs end in), in the ARN's Region. The console reads the name
 * percent-encoded twice. Undefined when the ARN names no log group.
 */
export function logGroupConsoleUrl(logGroupArn: string): string | undefined {
  const match = /^arn:[a-z-]+:logs:([^:]*):[^:]*:log-group:(.+?)(?::\*)?$/.exec(logGroupArn)
  const [, region = '', name = ''] = match ?? []
  if (!region || !name) return undefined
  return `${consoleHome('cloudwatch', region)}#logsV2:log-groups/log-group/${encodeURIComponent(encode(name))}`
}
