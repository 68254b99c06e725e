/**
 * A small scenario for emulator tests: three ECS tasks, two instances, two pods, the carts-5xx
 * stop-condition alarm, a composite alarm, and latency and error metrics without noise so tests
 * can assert exact values. Tests override what they exercise.
 */
import type { Scenario, ScenarioAlarm, ScenarioMetric } from '../../emulator/index.js'
import { ACCOUNT, REGION } from './emulator-clients.js'

export const LOAD_BALANCER = { Name: 'LoadBalancer', Value: 'app/carts/123' }

export function testScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    account: ACCOUNT,
    region: REGION,
    resources: [
      {
        resourceType: 'aws:ecs:task',
        arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/task1`,
        tags: { service: 'carts', Environment: 'preprod' }
      },
      {
        resourceType: 'aws:ecs:task',
        arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/task2`,
        tags: { service: 'carts', Environment: 'preprod' }
      },
      {
        resourceType: 'aws:ecs:task',
        arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/preprod/task3`,
        tags: { service: 'orders', Environment: 'preprod' }
      },
      {
        resourceType: 'aws:ec2:instance',
        arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0000000000000001`,
        tags: { Environment: 'preprod' }
      },
      {
        resourceType: 'aws:eks:pod',
        arn: `arn:aws:eks:${REGION}:${ACCOUNT}:pod/preprod/carts/pod1`
      },
      {
        resourceType: 'aws:eks:pod',
        arn: `arn:aws:eks:${REGION}:${ACCOUNT}:pod/preprod/carts/pod2`
      }
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
