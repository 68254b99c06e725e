/**
 * The emulated world the run benchmarks play in, and the experiment file they run: one 30-second
 * FIS action (EBS I/O pause, whose duration may be as short as a second) on the checkout database
 * volumes, three stop-condition alarms, and a checkout latency hypothesis with a 5-second period.
 * The wall clock at time scale 1: every second the experiment takes is a real second.
 */
import type { Scenario, ScenarioAlarm } from '../emulator/index.js'

export const ACCOUNT = '111122223333'
export const REGION = 'eu-west-1'
export const EXPERIMENT_SECONDS = 30
const LOAD_BALANCER = 'app/preprod-checkout/2b9d4e5f607f3a1c'
const VOLUME_IDS = ['vol-0a1b2c3d4e5f60718', 'vol-0b2c3d4e5f6071829']

/** The stop-condition alarm the abort benchmark sends to ALARM. */
export const FIRING_ALARM = 'checkout-5xx'

const ALARMS: ScenarioAlarm[] = [
  {
    name: FIRING_ALARM,
    namespace: 'AWS/ApplicationELB',
    metricName: 'HTTPCode_Target_5XX_Count',
    dimensions: { LoadBalancer: LOAD_BALANCER },
    statistic: 'Sum',
    period: 60,
    threshold: 25,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching'
  },
  {
    name: 'checkout-p99',
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: { LoadBalancer: LOAD_BALANCER },
    extendedStatistic: 'p99',
    period: 60,
    evaluationPeriods: 3,
    threshold: 2,
    comparisonOperator: 'GreaterThanThreshold'
  },
  {
    name: 'checkout-db-queue',
    namespace: 'AWS/EBS',
    metricName: 'VolumeQueueLength',
    dimensions: { VolumeId: VOLUME_IDS[0] as string },
    statistic: 'Average',
    period: 60,
    threshold: 50,
    comparisonOperator: 'GreaterThanThreshold'
  }
]

/** The world of every run; the alarms all start OK (a benchmark sets one to ALARM itself). */
export function benchScenario(seed: number): Scenario {
  return {
    account: ACCOUNT,
    region: REGION,
    clock: 'wall',
    timeScale: 1,
    seed,
    ingestionLag: 'PT3S',
    resources: VOLUME_IDS.map((id, index) => ({
      resourceType: 'aws:ec2:ebs-volume',
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/${id}`,
      tags: { service: 'checkout-db', Environment: 'preprod' },
      availabilityZone: `${REGION}${'ab'[index]}`
    })),
    alarms: ALARMS,
    metrics: [
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: LOAD_BALANCER },
        unit: 'Seconds',
        resolution: 1,
        statistics: { p95: { baseline: 0.3, noise: 0.03 } },
        effects: [
          {
            whenActionsRun: ['aws:ebs:pause-volume-io'],
            operation: 'add',
            value: 0.2,
            recovery: { duration: 'PT3S', shape: 'linear' }
          }
        ]
      }
    ]
  }
}

/** The hypothesis of the gate file: a latency check on every period the fault overlaps. */
export const HYPOTHESIS = {
  description: 'Checkout p95 stays under 800 ms while its database volume pauses',
  settle: 'PT5S',
  checks: [
    {
      name: 'checkout p95 latency',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: LOAD_BALANCER },
        stat: 'p95',
        period: 5
      },
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0.8,
      phases: ['during']
    }
  ]
}

/** A gate file; without the hypothesis the verdict rests on FIS and the alarms alone. */
export function benchExperiment(options: { hypothesis: boolean }): object {
  return {
    name: 'checkout-db-io-pause',
    template: {
      description: `Pause I/O on the checkout database volumes for ${EXPERIMENT_SECONDS} seconds`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/fis-experiment-role`,
      stopConditions: ALARMS.map((alarm) => ({
        source: 'aws:cloudwatch:alarm',
        value: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${alarm.name}`
      })),
      targets: {
        checkoutDbVolumes: {
          resourceType: 'aws:ec2:ebs-volume',
          resourceTags: { service: 'checkout-db', Environment: 'preprod' },
          selectionMode: 'ALL'
        }
      },
      actions: {
        pauseVolumeIo: {
          actionId: 'aws:ebs:pause-volume-io',
          parameters: { duration: `PT${EXPERIMENT_SECONDS}S` },
          targets: { Volumes: 'checkoutDbVolumes' }
        }
      }
    },
    ...(options.hypothesis ? { hypothesis: HYPOTHESIS } : {}),
    guardrails: { allowedAccounts: [ACCOUNT], allowedRegions: [REGION] }
  }
}
