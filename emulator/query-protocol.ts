/**
 * The awsQuery protocol spoken by @aws-sdk/client-cloudwatch 3.523.0 and @aws-sdk/client-sts:
 * form-urlencoded requests with dotted keys (`AlarmNames.member.1=x`) and XML responses whose
 * lists are `<member>` elements.
 */

import type { PreparedCall, ServiceEndpoint, ServiceRequest, ServiceResponse } from './endpoint.js'
import { ServiceError } from './errors.js'
import type { ServiceName } from './scenario.js'

export type QueryValue = string | QueryValue[] | QueryObject
export interface QueryObject {
  [key: string]: QueryValue
}

interface Draft {
  [key: string]: Draft | string
}

/**
 * Turns `A.member.2.B=x&A.member.1.B=y` into `{ A: [{ B: 'y' }, { B: 'x' }] }`. An empty list is
 * sent as `A=` and stays the empty string; `queryList` reads it as [].
 */
export function parseQueryBody(body: string): QueryObject {
  const root: Draft = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split('.')
    let node = root
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = value
        return
      }
      const child = node[segment]
      const next: Draft = typeof child === 'object' ? child : {}
      node[segment] = next
      node = next
    })
  }
  return normalize(root) as QueryObject
}

function normalize(node: Draft | string): QueryValue {
  if (typeof node === 'string') return node
  const keys = Object.keys(node)
  const members = node.member
  if (keys.length === 1 && typeof members === 'object') {
    return Object.keys(members)
      .filter((index) => /^[1-9]\d*$/.test(index))
      .sort((a, b) => Number(a) - Number(b))
      .map((index) => normalize(members[index] ?? ''))
  }
  return Object.fromEntries(keys.map((key) => [key, normalize(node[key] ?? '')]))
}

export function queryString(value: QueryValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export function queryList(value: QueryValue | undefined): QueryValue[] {
  return Array.isArray(value) ? value : []
}

export function queryObject(value: QueryValue | undefined): QueryObject {
  return typeof value === 'object' && !Array.isArray(value) ? value : {}
}

/** Values an XML response is built from: objects become elements, arrays `<member>` lists. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | XmlObject
export interface XmlObject {
  [key: string]: XmlValue
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;'
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (character) => ESCAPES[character] ?? character)
}

export function toXml(name: string, value: XmlValue): string {
  if (value === undefined) return ''
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`
    return `<${name}>${value.map((item) => toXml('member', item)).join('')}</${name}>`
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([key, child]) => toXml(key, child))
    return `<${name}>${children.join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata>…</ResponseMetadata></OpResponse>` */
export function queryResponseXml(
  operation: string,
  namespace: string,
  result: XmlObject,
  requestId: string
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${namespace}">` +
    toXml(`${operation}Result`, result) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${operation}Response>`
  )
}

export function queryErrorXml(
  namespace: string,
  status: number,
  code: string,
  message: string,
  requestId: string
): string {
  const type = status >= 500 ? 'Receiver' : 'Sender'
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}">` +
    toXml('Error', { Type: type, Code: code, Message: message }) +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  )
}

export type QueryHandler = (params: QueryObject) => XmlObject

/**
 * An awsQuery service: the operation is the body's `Action`, handlers return the members of
 * `<ActionResult>` or throw a ServiceError.
 */
export function queryEndpoint(
  service: ServiceName,
  namespace: string,
  handlers: Record<string, QueryHandler>
): ServiceEndpoint {
  const errorResponse = (error: ServiceError, requestId: string): ServiceResponse => ({
    status: error.status,
    headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
    body: queryErrorXml(namespace, error.status, error.code, error.message, requestId),
    errorCode: error.code
  })
  const prepare = (request: ServiceRequest): PreparedCall => {
    const params = parseQueryBody(request.body)
    const operation = queryString(params.Action) ?? 'Unknown'
    const rest: QueryObject = Object.fromEntries(
      Object.entries(params).filter(([key]) => key !== 'Action' && key !== 'Version')
    )
    const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined
    return {
      operation,
      request: rest,
      execute(requestId) {
        try {
          if (!handler) {
            throw new ServiceError(
              400,
              'InvalidAction',
              `The action ${operation} is not valid for this emulated ${service} endpoint ` +
                '(it speaks awsQuery, the protocol of the pinned 3.523.0 clients)'
            )
          }
          return {
            status: 200,
            headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
            body: queryResponseXml(operation, namespace, handler(rest), requestId)
          }
        } catch (error) {
          if (error instanceof ServiceError) return errorResponse(error, requestId)
          throw error
        }
      }
    }
  }
  return { service, prepare, errorResponse }
}
