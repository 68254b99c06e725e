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
}

export function createAwsClients(options: ClientOptions): AwsClients {
  const common = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? (Number(options.env.AWS_MAX_ATTEMPTS) || SDK_MAX_ATTEMPTS),
    retryMode: 'standard',
    customUserAgent: `fis-gate/${ACTION_VERSION}`,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // @smithy/node-http-handler 2.5 (under the 3.523.0 clients) arms a timer per request for
    // requestTimeout + connectionTimeout and leaves it running when the request fails, holding
    // the process open. Zeros keep the defaults' meaning (no timeouts) and make that timer 0 ms.
    requestHandler: { requestTimeout: 0, connectionTimeout: 0 }
  }
  const fis = new FisClient({ ...common, endpoint: endpointFor('fis', options.env) })
  const cloudwatch = new CloudWatchClient({
    ...common,
    endpoint: endpointFor('cloudwatch', options.env)
  })
  const sts = new STSClient({ ...common, endpoint: endpointFor('sts', options.env) })
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
