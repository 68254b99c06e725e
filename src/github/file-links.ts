/**
 * Links to a line of a file in the repository at one commit, as GitHub shows it:
 * `<server>/<owner>/<repo>/blob/<commit>/<path>#L<line>`. Pure; no @actions/* here, so reports
 * may use it.
 *
 * Paths come from experiment files and the workspace: each segment is percent-encoded, so no
 * `#`, `?`, space or `>` in a file name ends the path, the URL or a Markdown link early.
 */

export interface Repository {
  /** GITHUB_SERVER_URL: https://github.com or a GitHub Enterprise Server. */
  server: string
  /** `owner/repo`. */
  repository: string
  /** The commit the lines are read at. */
  commit: string
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
/** SHA-1 or SHA-256 object names. */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The server's origin and path without a trailing slash, when it is an http(s) URL. */
function serverBase(server: string): string | undefined {
  let url: URL
  try {
    url = new URL(server)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  if (url.username || url.password || url.search || url.hash) return undefined
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/**
 * The file at `path` (relative to the repository root, `/`-separated) at the commit, at `line`
 * when it is a positive whole number. Undefined when the repository, commit or server is not
 * one, or the path leaves the repository (absolute, or with a `..` segment).
 */
export function blobUrl(repository: Repository, path: string, line?: number): string | undefined {
  const base = serverBase(repository.server)
  if (!base || !REPOSITORY.test(repository.repository) || !COMMIT.test(repository.commit))
    return undefined
  const segments = path.split('/')
  if (!path || path.startsWith('/') || segments.some((segment) => segment === '..'))
    return undefined
  const encoded = segments
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => encodeURIComponent(segment.replace(LONE_SURROGATE, '\uFFFD')))
    .join('/')
  if (!encoded) return undefined
  const anchor = line !== undefined && Number.isSafeInteger(line) && line > 0 ? `#L${line}` : ''
  return `${base}/${repository.repository}/blob/${repository.commit}/${encoded}${anchor}`
}

/** The repository and commit of this workflow run; undefined outside one (a local run). */
export function runRepository(env: NodeJS.ProcessEnv): Repository | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: commit } = env
  return server && repository && commit ? { server, repository, commit } : undefined
}

/**
 * `path#Lline` at the commit this workflow run checked out (GITHUB_SHA); undefined in a local
 * run without GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA.
 */
export function repositoryFileUrl(
  env: NodeJS.ProcessEnv,
  path: string,
  line?: number
): string | undefined {
  const repository = runRepository(env)
  return repository ? blobUrl(repository, path, line) : undefined
}
