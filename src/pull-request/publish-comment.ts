/**
 * One comment per workflow job on the pull request, found again by its hidden marker and edited
 * in place on every push; never a second one. Looking for it reads every page of the
 * conversation's comments, so a busy pull request still finds it.
 */
import type { GitHubApi } from '../github/api.js'

export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

/** The line that identifies this job's comment: the workflow and the job, never the run. */
export function commentMarker(workflow: string, job: string): string {
  const safe = (value: string): string => value.replace(/--+|[<>\n\r]/g, ' ').slice(0, 100)
  return `<!-- fis-gate comment: workflow=${safe(workflow)} job=${safe(job)} -->`
}

const WRITE = 'pull-requests: write'
const READ = 'pull-requests: read'
const PAGE = 100
/** A conversation with more comments than this is searched only this far. */
const MAX_PAGES = 50

async function existingComment(
  api: GitHubApi,
  pull: PullRequestRef,
  marker: string
): Promise<number | undefined> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const comments = await api.send(
      { what: `list the comments of pull request #${pull.number}`, permission: READ },
      (github, options) =>
        github.rest.issues.listComments({
          owner: pull.owner,
          repo: pull.repo,
          issue_number: pull.number,
          per_page: PAGE,
          page,
          ...options
        })
    )
    const mine = comments.find((comment) => comment.body?.split('\n', 1)[0] === marker)
    if (mine) return mine.id
    if (comments.length < PAGE) return undefined
  }
  return undefined
}

/** Creates or updates this job's comment; which it did. Throws GitHubApiError. */
export async function publishComment(
  api: GitHubApi,
  pull: PullRequestRef,
  marker: string,
  body: string
): Promise<'created' | 'updated'> {
  const id = await existingComment(api, pull, marker)
  if (id === undefined) {
    await api.send(
      { what: `comment on pull request #${pull.number}`, permission: WRITE },
      (github, options) =>
        github.rest.issues.createComment({
          owner: pull.owner,
          repo: pull.repo,
          issue_number: pull.number,
          body,
          ...options
        })
    )
    return 'created'
  }
  await api.send(
    { what: `update comment ${id} on pull request #${pull.number}`, permission: WRITE },
    (github, options) =>
      github.rest.issues.updateComment({
        owner: pull.owner,
        repo: pull.repo,
        comment_id: id,
        body,
        ...options
      })
  )
  return 'updated'
}
