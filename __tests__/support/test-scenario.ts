/**
 * A small scenario for emulator tests: three ECS tasks (cluster preprod, services carts and
 * orders), a running instance, the preprod EKS cluster with two carts pods, the carts-5xx
 * stop-condition alarm, a composite alarm, and latency and error metrics without noise so tests
 * can assert exact values. Tests override what they exercise.
 * The clock is the wall clock unless the overrides ask for `accelerated`.
 */
import type {
  Scenario,
  ScenarioAlarm,
  ScenarioMetric,
  ScenarioResource
} from '../../emulator/index.js'
import { ACCOUNT, REGION } from './emulator-clients.js'

export const LOAD_BALANCER = { Name: 'LoadBalancer', Value: 'app/carts/123' }

export function testScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    account: ACCOUNT,
    region: REGION,
    resources: [
      ecsTask('task1', 'carts'),
      ecsTask('task2', 'carts'),
      ecsTask('task3', 'orders'),
      {
        resourceType: 'aws:ec2:instance',
        arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0000000000000001`,
        tags: { Environment: 'preprod' },
        attributes: {
          State: { Name: 'running' },
          Placement: { AvailabilityZone: `${REGION}a` }
        }
      },
      {
        resourceType: 'aws:eks:cluster',
        arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/preprod`
      },
      cartsPod('pod1', 'a'),
      cartsPod('pod2', 'b')
    ],
    alarms: [
      {
        name: 'carts-5xx',
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: { LoadBalancer: LOAD_BALANCER.Value },
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        threshold: 25,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching'
      },
      {
        name: 'carts-p95',
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: LOAD_BALANCER.Value },
        extendedStatistic: 'p95',
        period: 60,
        evaluationPeriods: 3,
        threshold: 1.5,
        comparisonOperator: 'GreaterThanThreshold'
      },
      { name: 'carts-health', alarmRule: 'ALARM("carts-5xx") OR ALARM("carts-p95")' }
    ],
    metrics: [
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: LOAD_BALANCER.Value },
        unit: 'Seconds',
        statistics: { p95: { baseline: 0.2 }, Average: { baseline: 0.1 } }
      },
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: { LoadBalancer: LOAD_BALANCER.Value },
        statistics: { Sum: { baseline: 2 } }
      }
    ],
    ...overrides
  }
}

function ecsTask(id: string, service: string): ScenarioResource {
  return {
    resourceType: 'aws:ecs:task',
    arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/${id}`,
    tags: { service, Environment: 'preprod' },
    cluster: 'preprod',
    service
  }
}

function cartsPod(podName: string, zone: string): ScenarioResource {
  return {
    resourceType: 'aws:eks:pod',
    arn: `arn:aws:eks:${REGION}:${ACCOUNT}:pod/preprod/carts/${podName}`,
    cluster: 'preprod',
    namespace: 'carts',
    labels: { app: 'carts' },
    deploymentName: 'carts',
    podName,
    availabilityZone: `${REGION}${zone}`
  }
}

/** The test scenario's alarms, with one of them changed. */
export function withAlarm(name: string, changes: Partial<ScenarioAlarm>): Pick<Scenario, 'alarms'> {
  return {
    alarms: (testScenario().alarms ?? []).map((alarm) =>
      alarm.name === name ? { ...alarm, ...changes } : alarm
    )
  }
}

/** The test scenario's metrics, with the one of this name changed. */
export function withMetric(
  metricName: string,
  changes: Partial<ScenarioMetric>
): Pick<Scenario, 'metrics'> {
  return {
    metrics: (testScenario().metrics ?? []).map((metric) =>
      metric.metricName === metricName ? { ...metric, ...changes } : metric
    )
  }
}

/** A hypothesis check on the carts p95 latency the test scenario serves (0.2 s). */
export const latencyCheck = (period: number, changes: Record<string, unknown> = {}): object => ({
  name: 'carts p95 latency',
  metric: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: { LoadBalancer: LOAD_BALANCER.Value },
    stat: 'p95',
    period
  },
  comparisonOperator: 'GreaterThanThreshold',
  threshold: 0.5,
  ...changes
})
