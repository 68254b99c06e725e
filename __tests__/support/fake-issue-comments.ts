/**
 * A pull request's conversation on the fake GitHub API: list (paginated as GitHub does, with
 * `per_page` and `page`), create and update issue comments, behind the `pull-requests`
 * permission (a read-only fork token gets 403 on writes).
 */
import type { FakeGitHub } from './fake-github.js'

export interface IssueComment {
  id: number
  body: string
  user: { login: string }
}

export interface IssueComments {
  comments(number: number): IssueComment[]
  /** Adds comments by someone else, before the action's. */
  seed(number: number, count: number): void
}

export function serveIssueComments(github: FakeGitHub): IssueComments {
  const threads = new Map<number, IssueComment[]>()
  let nextId = 1000
  const thread = (number: number): IssueComment[] => {
    const existing = threads.get(number)
    if (existing) return existing
    const created: IssueComment[] = []
    threads.set(number, created)
    return created
  }
  const bodyOf = (body: unknown): string =>
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { body?: unknown }).body === 'string'
      ? (body as { body: string }).body
      : ''

  github.route(
    'GET',
    /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
    'pull-requests',
    ({ params, query }) => {
      const perPage = Math.min(Number(query.get('per_page') ?? 30), 100)
      const page = Number(query.get('page') ?? 1)
      const all = thread(Number(params[0]))
      return { status: 200, body: all.slice((page - 1) * perPage, page * perPage) }
    }
  )
  github.route(
    'POST',
    /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
    'pull-requests',
    ({ params, body }) => {
      const comment = { id: nextId++, body: bodyOf(body), user: { login: 'github-actions[bot]' } }
      thread(Number(params[0])).push(comment)
      return { status: 201, body: comment }
    }
  )
  github.route(
    'PATCH',
    /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/,
    'pull-requests',
    ({ params, body }) => {
      for (const comments of threads.values()) {
        const comment = comments.find((candidate) => candidate.id === Number(params[0]))
        if (comment) {
          comment.body = bodyOf(body)
          return { status: 200, body: comment }
        }
      }
      return { status: 404, body: { message: 'Not Found' } }
    }
  )
  return {
    comments: (number) => structuredClone(thread(number)),
    seed: (number, count) => {
      for (let index = 0; index < count; index++)
        thread(number).push({
          id: nextId++,
          body: `looks good ${index}`,
          user: { login: 'reviewer' }
        })
    }
  }
}
