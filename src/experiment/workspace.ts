/**
 * Workspace confinement: fis-gate reads experiment files only inside the workspace, judged after
 * symbolic links are resolved. A path that leads elsewhere (absolute, `../`, a link pointing out)
 * is refused before anything of it is read, so nothing of its content can reach a message.
 */
import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'

/** Whether `path` is `root` or below it; both absolute. `..foo` is a name, not a way up. */
export function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path)
  return (
    fromRoot === '' ||
    (fromRoot !== '..' && !fromRoot.startsWith(`..${sep}`) && !isAbsolute(fromRoot))
  )
}

export type Confinement =
  { realPath: string } | { outside: string } | { missing: true } | { unreadable: string }

export const outsideMessage = (path: string, workspace: string): string =>
  `${path} is outside the workspace (${workspace}); fis-gate reads experiment files only inside it. Move the file into the repository, or fix the path`

/** The workspace as the file system names it, links resolved; as given when it cannot be resolved. */
function realWorkspace(workspace: string): string {
  try {
    return realpathSync.native(workspace)
  } catch {
    return resolve(workspace)
  }
}

/**
 * Where `path` really is, when that is inside `workspace`. The lexical check comes first, so a
 * path outside is refused without touching the file system at all.
 */
export function confine(path: string, workspace: string): Confinement {
  const root = resolve(workspace)
  if (!isInside(root, resolve(path))) return { outside: outsideMessage(path, root) }
  let realPath: string
  try {
    realPath = realpathSync.native(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true }
    if (code === 'ELOOP') return { unreadable: `${path} is a loop of symbolic links` }
    return { unreadable: `${path} cannot be read (${code ?? 'unknown error'})` }
  }
  if (!isInside(realWorkspace(root), realPath)) {
    return {
      outside: `${path} is a symbolic link to ${realPath}; ${outsideMessage(realPath, root)}`
    }
  }
  return { realPath }
}
