/** ARN parsing and the ARN kinds fis-gate checks (IAM role, CloudWatch alarm, log group, SSM document). */
import type { ArnKind } from '../catalog/catalog.js'
import { quote } from '../experiment/excerpt.js'
import { plural } from '../hypothesis/describe.js'

export interface Arn {
  partition: string
  service: string
  region: string
  account: string
  resource: string
}

const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc'
])
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/
export const ACCOUNT_PATTERN = /^\d{12}$/

export function parseArn(text: string): { arn: Arn } | { problem: string } {
  const parts = text.split(':')
  if (parts[0] !== 'arn' || parts.length < 6) {
    return {
      problem: 'an ARN has six colon-separated parts: arn:partition:service:region:account:resource'
    }
  }
  const [, partition = '', service = '', region = '', account = ''] = parts
  const resource = parts.slice(5).join(':')
  if (!PARTITIONS.has(partition))
    return {
      problem: `unknown partition ${quote(partition)} (expected aws, aws-cn, aws-us-gov, ...)`
    }
  if (!/^[a-z0-9-]+$/.test(service)) return { problem: `${quote(service)} is not a service name` }
  if (region && !REGION_PATTERN.test(region))
    return { problem: `${quote(region)} is not a Region code such as eu-west-1` }
  if (account && !ACCOUNT_PATTERN.test(account)) {
    return {
      problem: `the account ${quote(account)} must be 12 digits (it has ${plural(account.length, 'character')})`
    }
  }
  if (!resource) return { problem: 'the resource part is empty' }
  return { arn: { partition, service, region, account, resource } }
}

interface KindRule {
  label: string
  example: string
  matches: (arn: Arn) => boolean
  needsRegion: boolean
  needsAccount: boolean
}

export const ARN_KINDS: Record<ArnKind, KindRule> = {
  'iam-role': {
    label: 'an IAM role ARN',
    example: 'arn:aws:iam::123456789012:role/fis-experiment-role',
    matches: (arn) =>
      arn.service === 'iam' && arn.resource.startsWith('role/') && arn.region === '',
    needsRegion: false,
    needsAccount: true
  },
  'cloudwatch-alarm': {
    label: 'a CloudWatch alarm ARN',
    example: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:my-alarm',
    matches: (arn) =>
      arn.service === 'cloudwatch' && arn.resource.startsWith('alarm:') && arn.resource.length > 6,
    needsRegion: true,
    needsAccount: true
  },
  'logs-log-group': {
    label: 'a CloudWatch Logs log group ARN',
    example: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/fis/experiments:*',
    matches: (arn) => arn.service === 'logs' && arn.resource.startsWith('log-group:'),
    needsRegion: true,
    needsAccount: true
  },
  'ssm-document': {
    label: 'an SSM document ARN',
    example: 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-CPU-Stress',
    matches: (arn) => arn.service === 'ssm' && arn.resource.startsWith('document/'),
    needsRegion: true,
    needsAccount: false
  }
}

/** Why `text` is not an ARN of `kind`, or undefined when it is one. */
export function arnKindProblem(
  text: string,
  kind: ArnKind
): { rule: 'arn/malformed' | 'arn/wrong-kind'; message: string } | undefined {
  const parsed = parseArn(text)
  const rule = ARN_KINDS[kind]
  if ('problem' in parsed) {
    return {
      rule: 'arn/malformed',
      message: `${quote(text)} is not a well-formed ARN: ${parsed.problem}; expected ${rule.label} such as ${rule.example}`
    }
  }
  if (!rule.matches(parsed.arn)) {
    return {
      rule: 'arn/wrong-kind',
      message: `${quote(text)} is not ${rule.label}; expected something like ${rule.example}`
    }
  }
  const missing =
    rule.needsAccount && !parsed.arn.account
      ? 'account'
      : rule.needsRegion && !parsed.arn.region
        ? 'Region'
        : undefined
  if (missing) {
    return {
      rule: 'arn/malformed',
      message: `${quote(text)} has an empty ${missing} field; expected ${rule.label} such as ${rule.example}`
    }
  }
  return undefined
}
