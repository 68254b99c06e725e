/** AWS errors in one line a person can act on: what failed, the service's words, and what to do. */

interface ServiceErrorShape {
  name?: string
  message?: string
  $metadata?: { httpStatusCode?: number; requestId?: string }
  code?: string
}

const HINTS: [RegExp, string][] = [
  [
    /AccessDenied|UnauthorizedOperation|NotAuthorized/i,
    'the CI role lacks a permission: see docs/iam-policy.json'
  ],
  [
    /ExpiredToken|TokenRefreshRequired|RequestExpired/i,
    'the credentials expired: give aws-actions/configure-aws-credentials a role-duration-seconds longer than the experiment'
  ],
  [
    /CredentialsProviderError|Could not load credentials/i,
    'no AWS credentials: run aws-actions/configure-aws-credentials before this step'
  ],
  [
    /Throttl|TooManyRequests|Rate exceeded/i,
    'AWS kept throttling after all retries: lower the poll rate (poll-interval) or retry the job'
  ],
  [/ServiceQuotaExceeded/i, 'FIS runs at most 5 experiments at once per account and Region']
]

export function describeAwsError(operation: string, error: unknown): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorShape
  const name = shape.name ?? 'Error'
  const message = shape.message ?? String(error)
  const status = shape.$metadata?.httpStatusCode
  const requestId = shape.$metadata?.requestId
  const hint = HINTS.find(([pattern]) =>
    pattern.test(`${name} ${message} ${shape.code ?? ''}`)
  )?.[1]
  const details = [status ? `HTTP ${status}` : '', requestId ? `request ${requestId}` : '']
    .filter(Boolean)
    .join(', ')
  return `${operation} failed: ${name}: ${message}${details ? ` (${details})` : ''}${hint ? ` — ${hint}` : ''}`
}

export function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error
    ? String((error as { name: unknown }).name)
    : ''
}
