/**
 * Checks before any fault: who we are (STS) against the allowed accounts and Regions, and every
 * stop-condition alarm exists and is OK. A refusal names what is wrong and what to do.
 */
import { PageGuard } from '../aws/pages.js'
import type { HttpHandlerOptions } from '@smithy/types'
import {
  DescribeAlarmsCommand,
  type CompositeAlarm,
  type MetricAlarm
} from '@aws-sdk/client-cloudwatch'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { describeAwsError } from '../aws/errors.js'
import type { RunContext } from './context.js'
import { alarmNameOf } from './observe.js'

export type Refusal = { refused: string }

export interface AlarmState {
  name: string
  state: string
  reason?: string
  transitionedAt?: number
}

/** DescribeAlarms for both metric and composite alarms (metric only when AlarmTypes is omitted). */
export async function describeAlarms(
  context: RunContext,
  names: readonly string[],
  callOptions: HttpHandlerOptions = context.limits.cancellable()
): Promise<Map<string, AlarmState>> {
  const found = new Map<string, AlarmState>()
  for (let index = 0; index < names.length; index += 100) {
    const pages = new PageGuard('CloudWatch DescribeAlarms')
    let nextToken: string | undefined
    do {
      const page = await context.clients.cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmNames: names.slice(index, index + 100),
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
          NextToken: nextToken
        }),
        callOptions
      )
      const alarms: (MetricAlarm | CompositeAlarm)[] = [
        ...(page.MetricAlarms ?? []),
        ...(page.CompositeAlarms ?? [])
      ]
      for (const alarm of alarms) {
        if (!alarm.AlarmName) continue
        found.set(alarm.AlarmName, {
          name: alarm.AlarmName,
          state: alarm.StateValue ?? 'UNKNOWN',
          reason: alarm.StateReason,
          transitionedAt: (
            alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp
          )?.getTime()
        })
      }
      nextToken = pages.next(page.NextToken)
    } while (nextToken)
  }
  return found
}

export async function callerAccount(context: RunContext): Promise<string | Refusal> {
  try {
    const identity = await context.clients.sts.send(
      new GetCallerIdentityCommand({}),
      context.limits.cancellable()
    )
    if (!identity.Account) return { refused: 'STS GetCallerIdentity returned no account' }
    return identity.Account
  } catch (error) {
    return { refused: describeAwsError('STS GetCallerIdentity', error) }
  }
}

export interface IdentityRules {
  allowedAccounts?: readonly string[]
  allowedRegions?: readonly string[]
}

export function identityRefusal(
  account: string,
  region: string,
  rules: IdentityRules
): string | undefined {
  if (rules.allowedAccounts && !rules.allowedAccounts.includes(account)) {
    return `The AWS credentials belong to account ${account}, which is not allowed (allowed: ${rules.allowedAccounts.join(', ') || 'none'}). Check the role assumed by aws-actions/configure-aws-credentials`
  }
  if (rules.allowedRegions && !rules.allowedRegions.includes(region)) {
    return `The Region is ${region}, which is not allowed (allowed: ${rules.allowedRegions.join(', ') || 'none'})`
  }
  return undefined
}

/** Every stop-condition alarm must exist and be OK before a fault is injected. */
export async function alarmRefusal(
  context: RunContext,
  alarmArns: readonly string[]
): Promise<string | undefined> {
  if (alarmArns.length === 0) return undefined
  const names = alarmArns.map(alarmNameOf)
  let alarms: Map<string, AlarmState>
  try {
    alarms = await describeAlarms(context, names)
  } catch (error) {
    return describeAwsError('CloudWatch DescribeAlarms', error)
  }
  for (const name of names) {
    const alarm = alarms.get(name)
    if (!alarm)
      return `Stop-condition alarm "${name}" does not exist in ${context.region}; FIS could not stop the experiment on it. Create the alarm or fix the ARN`
    if (alarm.state !== 'OK') {
      return `Stop-condition alarm "${name}" is ${alarm.state}${alarm.reason ? ` (${alarm.reason})` : ''}; the system must be healthy before a fault is injected`
    }
  }
  return undefined
}
