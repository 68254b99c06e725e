/** git in a test repository, as a committer with a name and an address of its own. */
import { execFileSync } from 'node:child_process'

export const git = (root: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], {
    cwd: root,
    encoding: 'utf8'
  }).trim()
