/** Checks an action parameter value against its catalog format; returns what is wrong, in words. */
import type { ParameterFormat } from '../catalog/catalog.js'
import { formatSeconds, parseDuration } from '../experiment/duration.js'
import { excerpt, quote } from '../experiment/excerpt.js'
import { ARN_KINDS, arnKindProblem, REGION_PATTERN } from './arn.js'

const INTEGER = /^-?\d+$/
const NUMBER = /^-?\d+(\.\d+)?$/
const AVAILABILITY_ZONE = /^(?:[a-z]{2}(-[a-z]+)+-\d+[a-z]|[a-z]{2,4}\d+-az\d+)$/
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/

function describe(format: ParameterFormat): string {
  switch (format.type) {
    case 'duration':
      return `an ISO-8601 duration from ${format.min} to ${format.max}`
    case 'integer':
      return `a whole number from ${format.min} to ${format.max}`
    case 'number':
      return `a number from ${format.min} to ${format.max}`
    case 'enum':
      return `one of ${format.values.join(', ')}`
    case 'boolean':
      return 'true or false'
    case 'list':
      return `a comma-separated list of ${describe(format.item)}`
    case 'arn':
      return ARN_KINDS[format.kind].label
    case 'json-object':
      return 'a JSON object encoded as a string'
    case 'port':
      return 'a port number from 1 to 65535'
    case 'http-status':
      return 'a three-digit HTTP status code'
    case 'region':
      return 'a Region code such as eu-west-1'
    case 'availability-zone':
      return 'an Availability Zone name (us-east-1a) or ID (use1-az1)'
    case 'network-source':
      return 'an IPv4 address or CIDR block, a domain name, an AZ name or ID, ALL, DYNAMODB or S3'
    case 'string':
    case 'kubernetes-spec':
    case 'kubernetes-kind':
      return 'a string'
  }
}

function withinRange(value: number, min: number, max: number): boolean {
  return value >= min && value <= max
}

/** What is wrong with `value` for `format`, or undefined when it fits. */
export function parameterFormatProblem(value: string, format: ParameterFormat): string | undefined {
  const expected = (): string => `${quote(value)} is not ${describe(format)}`
  switch (format.type) {
    case 'duration': {
      const seconds = parseDuration(value)
      if (seconds === undefined) return `${expected()}; write it like PT5M or PT1H30M`
      const min = parseDuration(format.min) ?? 0
      const max = parseDuration(format.max) ?? Infinity
      if (!withinRange(seconds, min, max))
        return `${excerpt(value)} (${formatSeconds(seconds)}) is outside ${format.min}..${format.max}`
      return undefined
    }
    case 'integer':
      return INTEGER.test(value) && withinRange(Number(value), format.min, format.max)
        ? undefined
        : expected()
    case 'number':
      return NUMBER.test(value) && withinRange(Number(value), format.min, format.max)
        ? undefined
        : expected()
    case 'enum': {
      const matches = format.caseInsensitive
        ? format.values.some((allowed) => allowed.toLowerCase() === value.toLowerCase())
        : format.values.includes(value)
      return matches ? undefined : expected()
    }
    case 'boolean':
      return /^(true|false)$/i.test(value) ? undefined : expected()
    case 'list': {
      const items = value.split(',')
      if (format.maxItems && items.length > format.maxItems)
        return `at most ${format.maxItems} items are allowed, found ${items.length}`
      for (const item of items) {
        const problem = parameterFormatProblem(item, format.item)
        if (problem) return items.length > 1 ? `item ${problem}` : problem
      }
      return undefined
    }
    case 'arn':
      return arnKindProblem(value, format.kind)?.message
    case 'json-object': {
      try {
        const parsed: unknown = JSON.parse(value)
        return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
          ? undefined
          : `${expected()}; it parses, but not to an object`
      } catch (error) {
        return `${expected()}: ${excerpt((error as Error).message)}`
      }
    }
    case 'port':
      return INTEGER.test(value) && withinRange(Number(value), 1, 65535) ? undefined : expected()
    case 'http-status':
      return /^\d{3}$/.test(value) ? undefined : expected()
    case 'region':
      return REGION_PATTERN.test(value) ? undefined : expected()
    case 'availability-zone':
      return AVAILABILITY_ZONE.test(value) ? undefined : expected()
    case 'network-source':
      if (
        ['ALL', 'DYNAMODB', 'S3'].includes(value) ||
        AVAILABILITY_ZONE.test(value) ||
        DOMAIN.test(value)
      )
        return undefined
      {
        const ip = IPV4.exec(value)
        const octetsValid =
          ip &&
          value
            .split('/')[0]
            ?.split('.')
            .every((octet) => Number(octet) <= 255)
        const prefixValid = !value.includes('/') || Number(value.split('/')[1]) <= 32
        return ip && octetsValid && prefixValid ? undefined : expected()
      }
    case 'string':
    case 'kubernetes-spec':
    case 'kubernetes-kind':
      return value.trim() === '' ? 'the value is empty' : undefined
  }
}
