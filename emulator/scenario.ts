/**
 * Scenario files: what they may contain (`Scenario`, mirrored by scenario.schema.json), and the
 * checked model with defaults filled in that the emulator runs on (`ScenarioModel`).
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject } from 'ajv'
import type { ClockMode } from './clock.js'
import { parseDuration } from './duration.js'
import { statisticAggregation } from './statistics.js'

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'
export type ServiceName = 'fis' | 'cloudwatch' | 'sts'
export type FaultType =
  'throttling' | 'server-error' | 'slow' | 'drop' | 'hang' | 'expired-token' | 'access-denied'

/** A scenario file as written (see docs/emulator.md). */
export interface Scenario {
  $schema?: string
  description?: string
  account: string
  region: string
  clock?: ClockMode
  timeScale?: number
  seed?: number
  ingestionLag?: string
  initiationDelay?: string
  stopDelay?: string
  caller?: { arn?: string; userId?: string }
  resources?: ScenarioResource[]
  alarms?: ScenarioAlarm[]
  metrics?: ScenarioMetric[]
  actionOutcomes?: Record<string, ScenarioActionOutcome>
  faults?: ScenarioFault[]
}

/** A JSON value, as scenario resource attributes hold them. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * A resource that targets can resolve to. Which optional members matter depends on the type and
 * on how a target selects (docs/emulator.md, "Target resolution").
 */
export interface ScenarioResource {
  resourceType: string
  arn: string
  tags?: Record<string, string>
  /** What the service's Describe call reports; target `filters` paths are read from it. */
  attributes?: { [key: string]: JsonValue }
  /** ECS tasks: the ECS cluster name; EKS pods: the EKS cluster name. */
  cluster?: string
  /** ECS tasks: the ECS service name. */
  service?: string
  /** EKS pods: the Kubernetes namespace, labels, owning deployment and pod name. */
  namespace?: string
  labels?: Record<string, string>
  deploymentName?: string
  podName?: string
  /** The Availability Zone (`eu-west-1a`) that `availabilityZoneIdentifier` parameters match. */
  availabilityZone?: string
}

export interface ScenarioAlarm {
  name: string
  description?: string
  namespace?: string
  metricName?: string
  dimensions?: Record<string, string>
  statistic?: 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum'
  extendedStatistic?: string
  unit?: string
  period?: number
  evaluationPeriods?: number
  datapointsToAlarm?: number
  threshold?: number
  comparisonOperator?: string
  treatMissingData?: 'breaching' | 'notBreaching' | 'ignore' | 'missing'
  alarmRule?: string
  initialState?: AlarmStateValue
  initialReason?: string
  timeline?: { at: string; state: AlarmStateValue; reason?: string }[]
  whenActionsRun?: string[]
}

export interface ScenarioMetric {
  namespace: string
  metricName: string
  dimensions?: Record<string, string>
  unit?: string
  resolution?: 1 | 5 | 10 | 20 | 30 | 60
  statistics: Record<string, { baseline: number; noise?: number }>
  effects?: ScenarioEffect[]
  gaps?: { from: string; to: string }[]
}

export interface ScenarioEffect {
  whenActionsRun: string[]
  operation: 'set' | 'add' | 'multiply'
  value: number
  statistics?: string[]
  recovery?: { duration: string; shape: RecoveryShape }
}

export type RecoveryShape = 'linear' | 'exponential' | 'step'

export interface ScenarioActionOutcome {
  outcome: 'complete' | 'fail' | 'skip'
  reason?: string
  after?: string
}

export interface ScenarioFault {
  type: FaultType
  rate?: number
  services?: ServiceName[]
  operations?: string[]
  delayMs?: number
  limit?: number
  afterProcessing?: boolean
}

/** Absolute interval in epoch milliseconds; `end` is Infinity while still open. */
export interface Interval {
  start: number
  end: number
}

export interface AlarmTimelineEntry {
  atMs: number
  state: AlarmStateValue
  reason: string
}

interface AlarmBehaviour {
  name: string
  description?: string
  initialState: AlarmStateValue
  initialReason: string
  timeline: AlarmTimelineEntry[]
  whenActionsRun: string[]
}

export interface MetricAlarmModel extends AlarmBehaviour {
  kind: 'metric'
  namespace: string
  metricName: string
  dimensions: Record<string, string>
  statistic?: string
  extendedStatistic?: string
  unit?: string
  period: number
  evaluationPeriods: number
  datapointsToAlarm: number
  threshold: number
  comparisonOperator: string
  treatMissingData: string
}

export interface CompositeAlarmModel extends AlarmBehaviour {
  kind: 'composite'
  alarmRule: string
}

export type AlarmModel = MetricAlarmModel | CompositeAlarmModel

export interface EffectModel {
  whenActionsRun: string[]
  operation: 'set' | 'add' | 'multiply'
  value: number
  statistics?: string[]
  recovery?: { durationMs: number; shape: RecoveryShape }
}

export interface MetricModel {
  namespace: string
  metricName: string
  dimensions: Record<string, string>
  unit?: string
  resolutionSeconds: number
  statistics: Record<string, { baseline: number; noise: number }>
  effects: EffectModel[]
  gaps: { fromMs: number; toMs: number }[]
}

export interface ActionOutcomeModel {
  outcome: 'complete' | 'fail' | 'skip'
  reason?: string
  afterMs: number
}

/** Durations are as written; AWS-side ones (delays, `afterMs`) go through Clock.serviceDuration. */
export interface ScenarioModel {
  description: string
  account: string
  region: string
  clock: ClockMode
  timeScale: number
  seed: number
  ingestionLagMs: number
  initiationDelayMs: number
  stopDelayMs: number
  caller: { arn: string; userId: string }
  resources: ScenarioResource[]
  alarms: AlarmModel[]
  metrics: MetricModel[]
  actionOutcomes: Record<string, ActionOutcomeModel>
  faults: ScenarioFault[]
}

export class ScenarioError extends Error {
  override name = 'ScenarioError'
}

let validator: (((data: unknown) => boolean) & { errors?: ErrorObject[] | null }) | undefined

function validate(data: unknown): void {
  if (!validator) {
    const schema: unknown = JSON.parse(
      readFileSync(new URL('./scenario.schema.json', import.meta.url), 'utf8')
    )
    validator = new Ajv({ allErrors: true }).compile(schema as object)
  }
  if (!validator(data)) {
    const problems = (validator.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`
    )
    throw new ScenarioError(`invalid scenario:\n  ${problems.join('\n  ')}`)
  }
}

/** Reads (when given a path), checks against the schema and fills in defaults. */
export function loadScenario(source: Scenario | string): ScenarioModel {
  const data: unknown = typeof source === 'string' ? readScenarioFile(source) : source
  validate(data)
  return toModel(data as Scenario)
}

function readScenarioFile(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ScenarioError(`cannot read scenario ${path}: ${(error as Error).message}`)
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ScenarioError(`scenario ${path} is not JSON: ${(error as Error).message}`)
  }
}

/** Durations in files have already matched the schema's pattern, so they parse. */
function ms(duration: string | undefined): number {
  return duration === undefined ? 0 : (parseDuration(duration) ?? 0)
}

function toModel(scenario: Scenario): ScenarioModel {
  const alarms = (scenario.alarms ?? []).map(alarmModel)
  const names = new Set<string>()
  for (const alarm of alarms) {
    if (names.has(alarm.name)) throw new ScenarioError(`alarm ${alarm.name} is defined twice`)
    names.add(alarm.name)
  }
  return {
    description: scenario.description ?? '',
    account: scenario.account,
    region: scenario.region,
    clock: scenario.clock ?? 'wall',
    timeScale: scenario.timeScale ?? 1,
    seed: scenario.seed ?? 1,
    ingestionLagMs: ms(scenario.ingestionLag),
    initiationDelayMs: ms(scenario.initiationDelay),
    stopDelayMs: ms(scenario.stopDelay),
    caller: {
      arn:
        scenario.caller?.arn ?? `arn:aws:sts::${scenario.account}:assumed-role/fis-gate-ci/session`,
      userId: scenario.caller?.userId ?? 'AROAEMULATORFISGATECI:session'
    },
    resources: scenario.resources ?? [],
    alarms,
    metrics: (scenario.metrics ?? []).map(metricModel),
    actionOutcomes: Object.fromEntries(
      Object.entries(scenario.actionOutcomes ?? {}).map(([name, outcome]) => [
        name,
        { outcome: outcome.outcome, reason: outcome.reason, afterMs: ms(outcome.after) }
      ])
    ),
    faults: scenario.faults ?? []
  }
}

const DEFAULT_REASON: Record<AlarmStateValue, string> = {
  OK: 'Threshold Crossed: the emulated datapoints were not breaching the threshold.',
  ALARM: 'Threshold Crossed: the emulated datapoints were breaching the threshold.',
  INSUFFICIENT_DATA: 'Insufficient Data: the emulated metric reported no datapoints.'
}

export function defaultReason(state: AlarmStateValue): string {
  return DEFAULT_REASON[state]
}

function alarmModel(alarm: ScenarioAlarm): AlarmModel {
  const initialState = alarm.initialState ?? 'OK'
  const behaviour: AlarmBehaviour = {
    name: alarm.name,
    description: alarm.description,
    initialState,
    initialReason: alarm.initialReason ?? defaultReason(initialState),
    timeline: (alarm.timeline ?? []).map((entry) => ({
      atMs: ms(entry.at),
      state: entry.state,
      reason: entry.reason ?? defaultReason(entry.state)
    })),
    whenActionsRun: alarm.whenActionsRun ?? []
  }
  if (alarm.alarmRule !== undefined) {
    return { kind: 'composite', alarmRule: alarm.alarmRule, ...behaviour }
  }
  if (alarm.extendedStatistic && !statisticAggregation(alarm.extendedStatistic)) {
    throw new ScenarioError(
      `alarm ${alarm.name}: extendedStatistic ${alarm.extendedStatistic} is not a CloudWatch statistic`
    )
  }
  const evaluationPeriods = alarm.evaluationPeriods ?? 1
  return {
    kind: 'metric',
    ...behaviour,
    // The schema requires these for metric alarms.
    namespace: alarm.namespace ?? '',
    metricName: alarm.metricName ?? '',
    threshold: alarm.threshold ?? 0,
    comparisonOperator: alarm.comparisonOperator ?? '',
    dimensions: alarm.dimensions ?? {},
    statistic: alarm.extendedStatistic ? undefined : (alarm.statistic ?? 'Average'),
    extendedStatistic: alarm.extendedStatistic,
    unit: alarm.unit,
    period: alarm.period ?? 60,
    evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm ?? evaluationPeriods,
    treatMissingData: alarm.treatMissingData ?? 'missing'
  }
}

function metricModel(metric: ScenarioMetric): MetricModel {
  const label = `metric ${metric.namespace}/${metric.metricName}`
  for (const statistic of Object.keys(metric.statistics)) {
    if (!statisticAggregation(statistic)) {
      throw new ScenarioError(`${label}: ${statistic} is not a CloudWatch statistic`)
    }
  }
  const gaps = (metric.gaps ?? []).map((gap) => ({ fromMs: ms(gap.from), toMs: ms(gap.to) }))
  if (gaps.some((gap) => gap.toMs <= gap.fromMs)) {
    throw new ScenarioError(`${label}: every gap must end after it starts`)
  }
  return {
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions ?? {},
    unit: metric.unit,
    resolutionSeconds: metric.resolution ?? 60,
    statistics: Object.fromEntries(
      Object.entries(metric.statistics).map(([name, value]) => [
        name,
        { baseline: value.baseline, noise: value.noise ?? 0 }
      ])
    ),
    effects: (metric.effects ?? []).map((effect) => ({
      whenActionsRun: effect.whenActionsRun,
      operation: effect.operation,
      value: effect.value,
      statistics: effect.statistics,
      recovery: effect.recovery && {
        durationMs: ms(effect.recovery.duration),
        shape: effect.recovery.shape
      }
    })),
    gaps
  }
}
