/**
 * How the server talks to each emulated service: a service turns an HTTP request into a named
 * operation with parsed parameters (what the call log records), then executes it.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { ServiceError } from './errors.js'
import type { ServiceName } from './scenario.js'

export interface ServiceRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
}

export interface ServiceResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** The error code the response carries, for the call log. */
  errorCode?: string
}

export interface PreparedCall {
  operation: string
  request: Record<string, unknown>
  execute(requestId: string): ServiceResponse
}

export interface ServiceEndpoint {
  service: ServiceName
  prepare(request: ServiceRequest): PreparedCall
  /** The service's own wire form of an error, used for injected faults too. */
  errorResponse(error: ServiceError, requestId: string): ServiceResponse
}
