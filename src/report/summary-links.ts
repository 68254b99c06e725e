/**
 * Where the job summary links to beyond AWS: the lines of experiment files at the workflow's
 * commit. Outside a GitHub run (local runs, tests) there is nothing to link to, and no link is
 * drawn rather than a wrong one.
 */
import { repositoryFileUrl } from '../github/file-links.js'

export interface SummaryLinks {
  /** The URL of `file` at `line` (1-based) at the workflow's commit, when one exists. */
  fileLine(file: string, line: number): string | undefined
}

export const NO_LINKS: SummaryLinks = { fileLine: () => undefined }

/** Lines at the commit of the workflow run `env` describes (GITHUB_SERVER_URL, _REPOSITORY, _SHA). */
export function repositoryLinks(env: NodeJS.ProcessEnv): SummaryLinks {
  return { fileLine: (file, line) => repositoryFileUrl(env, file, line) }
}
