/**
 * A GitHub REST API stand-in over HTTP on 127.0.0.1, for tests of the bundled action and of
 * src/github: it records every request, checks the token the way GitHub does (an unknown token
 * is 401 "Bad credentials"; a token without the permission an endpoint needs is 403 "Resource
 * not accessible by integration", what a read-only fork token gets), keeps a primary rate limit
 * with GitHub's x-ratelimit-* headers, serves workflow runs and their attempts, and answers
 * chosen requests with scripted failures (403/404/429/5xx, secondary rate limits with or without
 * retry-after) or not at all.
 *
 * More endpoints (issues and their comments, for the pull-request comment) plug in with
 * `route(method, pattern, permission, handler)`; their handlers get the parsed request.
 *
 *   const github = await startFakeGitHub()
 *   github.setRun('octo-org/shop', 42, { status: 'completed' })
 *   runAction({ env: { GITHUB_API_URL: github.url }, inputs: { 'github-token': FAKE_TOKEN } })
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The token every fake accepts unless told otherwise: it may read Actions. */
export const FAKE_TOKEN = 'ghs_fakeGitHubTokenForFisGateTests000'

export type Access = 'none' | 'read' | 'write'
/** A token's permissions, as a workflow's `permissions:` names them. */
export type Permissions = Partial<Record<'actions' | 'issues' | 'pull-requests', Access>>

export interface FakeResponse {
  status: number
  headers?: Record<string, string>
  /** JSON; a string is sent as it is. */
  body?: unknown
}

export interface RecordedRequest {
  method: string
  /** Without the base path (`/api/v3` for GHES). */
  path: string
  query: Record<string, string>
  /** The token of the Authorization header, when there was one. */
  token?: string
  userAgent?: string
  body?: unknown
  /** What the fake answered; undefined for a request it left hanging. */
  status?: number
}

export interface ParsedRequest {
  method: string
  path: string
  /** The pattern's capture groups. */
  params: string[]
  query: URLSearchParams
  body: unknown
  token?: string
}

export type Handler = (request: ParsedRequest) => FakeResponse

export interface RequestMatch {
  method?: string
  path: RegExp
}

export interface WorkflowRun {
  status: string
  conclusion?: string | null
  /** Status per attempt; default: one attempt, with the run's status. */
  attempts?: Record<number, string>
}

export interface FakeGitHubOptions {
  /** GitHub Enterprise Server serves the API under `/api/v3`. */
  basePath?: string
  /** Accepted tokens and their permissions; default FAKE_TOKEN with `actions: read`. */
  tokens?: Record<string, Permissions>
  /** The clock of x-ratelimit-reset (epoch ms); default Date.now. */
  now?: () => number
}

export interface FakeGitHub {
  /** GITHUB_API_URL for the action: `http://127.0.0.1:PORT` plus the base path. */
  url: string
  requests(): RecordedRequest[]
  setRun(repository: string, runId: number, run: WorkflowRun): void
  /** The next requests matching `match` get these answers, one each, in order. */
  failNext(match: RequestMatch, ...responses: FakeResponse[]): void
  /** Requests matching `match` get no answer at all (the connection stays open). */
  hang(match: RequestMatch): void
  /** The primary rate limit: requests left in the window, and when it resets (epoch ms). */
  setRateLimit(limit: { remaining: number; resetAt: number }): void
  route(method: string, pattern: RegExp, permission: keyof Permissions, handler: Handler): void
  stop(): Promise<void>
}

/** Scripted failures shaped as GitHub sends them. */
export const GITHUB_FAILURES = {
  serverError: (status = 502): FakeResponse => ({
    status,
    body: { message: 'Server Error' }
  }),
  secondaryRateLimit: (retryAfterSeconds?: number): FakeResponse => ({
    status: 403,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
    }
  }),
  tooManyRequests: (retryAfterSeconds: number): FakeResponse => ({
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { message: 'Too Many Requests' }
  }),
  forbidden: (): FakeResponse => ({
    status: 403,
    body: { message: 'Resource not accessible by integration' }
  }),
  notFound: (): FakeResponse => ({ status: 404, body: { message: 'Not Found' } })
}

const ALLOWS: Record<Access, number> = { none: 0, read: 1, write: 2 }

interface Route {
  method: string
  pattern: RegExp
  permission: keyof Permissions
  handler: Handler
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (text += chunk))
    request.on('end', () => resolve(text))
    request.on('error', reject)
  })
}

const matches = (match: RequestMatch, method: string, path: string): boolean =>
  (match.method === undefined || match.method === method) && match.path.test(path)

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '')
  const tokens = options.tokens ?? { [FAKE_TOKEN]: { actions: 'read' } }
  const now = options.now ?? Date.now
  const recorded: RecordedRequest[] = []
  const runs = new Map<string, WorkflowRun>()
  const scripted: { match: RequestMatch; response: FakeResponse }[] = []
  const hanging: RequestMatch[] = []
  const routes: Route[] = []
  let limit = { remaining: 1000, resetAt: now() + 3_600_000 }

  const runKey = (owner: string, repo: string, runId: string): string =>
    `${owner}/${repo}#${runId}`.toLowerCase()

  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': String(limit.remaining),
    'x-ratelimit-used': String(1000 - limit.remaining),
    'x-ratelimit-reset': String(Math.ceil(limit.resetAt / 1000)),
    'x-ratelimit-resource': 'core'
  })

  const answer = (method: string, path: string, parsed: Omit<ParsedRequest, 'params'>) => {
    const route = routes.find(
      (candidate) => candidate.method === method && candidate.pattern.test(path)
    )
    if (!route) return { status: 404, body: { message: 'Not Found' } }
    const permissions = parsed.token === undefined ? undefined : tokens[parsed.token]
    if (!permissions) return { status: 401, body: { message: 'Bad credentials' } }
    const needed = method === 'GET' ? ALLOWS.read : ALLOWS.write
    if (ALLOWS[permissions[route.permission] ?? 'none'] < needed) return GITHUB_FAILURES.forbidden()
    const params = (route.pattern.exec(path) ?? []).slice(1)
    return route.handler({ ...parsed, params })
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const method = request.method ?? 'GET'
      const path = url.pathname.startsWith(basePath)
        ? url.pathname.slice(basePath.length)
        : url.pathname
      const text = await readBody(request)
      let body: unknown = text
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        // kept as text
      }
      const authorization = /^(?:token|bearer) (.+)$/i.exec(request.headers.authorization ?? '')
      const record: RecordedRequest = {
        method,
        path,
        query: Object.fromEntries(url.searchParams),
        token: authorization?.[1],
        userAgent: request.headers['user-agent'],
        body
      }
      recorded.push(record)
      if (hanging.some((match) => matches(match, method, path))) return

      if (limit.resetAt <= now()) limit = { remaining: 1000, resetAt: now() + 3_600_000 }
      const index = scripted.findIndex((entry) => matches(entry.match, method, path))
      let result: FakeResponse
      if (index >= 0) {
        result = (scripted.splice(index, 1)[0] as { response: FakeResponse }).response
      } else if (limit.remaining <= 0) {
        result = {
          status: 403,
          body: {
            message: 'API rate limit exceeded for installation.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-rate-limits'
          }
        }
      } else {
        limit.remaining--
        result = answer(method, path, {
          method,
          path,
          query: url.searchParams,
          body,
          token: record.token
        })
      }
      record.status = result.status
      const payload =
        typeof result.body === 'string' ? result.body : JSON.stringify(result.body ?? {})
      response.writeHead(result.status, {
        'content-type': 'application/json; charset=utf-8',
        ...rateHeaders(),
        ...result.headers
      })
      response.end(payload)
    })()
  })

  const runRoute = (params: string[], attempt: number | undefined): FakeResponse => {
    const [owner = '', repo = '', runId = ''] = params
    const run = runs.get(runKey(owner, repo, runId))
    if (!run) return GITHUB_FAILURES.notFound()
    const attempts = run.attempts ?? { 1: run.status }
    const latest = Math.max(...Object.keys(attempts).map(Number))
    const status = attempt === undefined ? run.status : attempts[attempt]
    if (status === undefined) return GITHUB_FAILURES.notFound()
    return {
      status: 200,
      body: {
        id: Number(runId),
        name: 'chaos',
        status,
        conclusion: status === 'completed' ? (run.conclusion ?? 'success') : null,
        run_attempt: attempt ?? latest,
        repository: { full_name: `${owner}/${repo}` }
      }
    }
  }
  routes.push(
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/,
      permission: 'actions',
      handler: ({ params }) => runRoute(params, undefined)
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/attempts\/(\d+)$/,
      permission: 'actions',
      handler: ({ params }) => runRoute(params.slice(0, 3), Number(params[3]))
    }
  )

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests: () => structuredClone(recorded),
    setRun: (repository, runId, run) => {
      const [owner = '', repo = ''] = repository.split('/')
      runs.set(runKey(owner, repo, String(runId)), run)
    },
    failNext: (match, ...responses) => {
      for (const response of responses) scripted.push({ match, response })
    },
    hang: (match) => {
      hanging.push(match)
    },
    setRateLimit: (next) => {
      limit = { ...next }
    },
    route: (method, pattern, permission, handler) => {
      routes.unshift({ method, pattern, permission, handler })
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
