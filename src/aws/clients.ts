/**
 * The AWS clients a run uses. @aws-sdk 3.523.0 predates service-specific endpoint variables, so
 * AWS_ENDPOINT_URL_FIS / _CLOUDWATCH / _STS (and AWS_ENDPOINT_URL) are resolved here, as newer
 * SDKs and the AWS CLI do. Credentials come from the default chain (normally set by
 * aws-actions/configure-aws-credentials with OIDC).
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { FisClient } from '@aws-sdk/client-fis'
import { STSClient } from '@aws-sdk/client-sts'
import { ACTION_VERSION } from '../version.js'
import { BoundedHttpHandler } from './bounded-handler.js'

export type Service = 'fis' | 'cloudwatch' | 'sts'

export interface AwsClients {
  fis: FisClient
  cloudwatch: CloudWatchClient
  sts: STSClient
  destroy(): void
}

/** The configured endpoint of a service, or undefined for the SDK's default. */
export function endpointFor(service: Service, env: NodeJS.ProcessEnv): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined
  return env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL || undefined
}

/** SDK retries per call: throttling, 5xx and dropped connections are retried with backoff. */
export const SDK_MAX_ATTEMPTS = 6

export interface ClientOptions {
  region: string
  env: NodeJS.ProcessEnv
  /** Defaults to the SDK's credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  maxAttempts?: number
  /** One attempt's time limit, milliseconds (see bounded-handler.ts). */
  attemptTimeoutMs?: number
}

export function createAwsClients(options: ClientOptions): AwsClients {
  const common = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? (Number(options.env.AWS_MAX_ATTEMPTS) || SDK_MAX_ATTEMPTS),
    retryMode: 'standard',
    customUserAgent: `fis-gate/${ACTION_VERSION}`,
    ...(options.credentials ? { credentials: options.credentials } : {})
  }
  // One handler (and connection pool) per client: destroying a client destroys its handler.
  const bounded = () => ({ requestHandler: new BoundedHttpHandler(options.attemptTimeoutMs) })
  const fis = new FisClient({ ...common, ...bounded(), endpoint: endpointFor('fis', options.env) })
  const cloudwatch = new CloudWatchClient({
    ...common,
    ...bounded(),
    endpoint: endpointFor('cloudwatch', options.env)
  })
  const sts = new STSClient({ ...common, ...bounded(), endpoint: endpointFor('sts', options.env) })
  return {
    fis,
    cloudwatch,
    sts,
    destroy() {
      fis.destroy()
      cloudwatch.destroy()
      sts.destroy()
    }
  }
}
