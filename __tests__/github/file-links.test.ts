/**
 * Links to a file's line at the commit: read back with the WHATWG URL parser, the path decodes to
 * the file's own segments whatever they hold, the anchor is its line, and outside a workflow run
 * (or with values that are not a repository, a commit or a server) there is no link at all.
 */
import { describe, expect, it } from '@jest/globals'
import { blobUrl, repositoryFileUrl } from '../../src/github/file-links.js'
import { link } from '../../src/report/markdown.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'octo-org/shop',
  GITHUB_SHA: SHA
}

function read(url: string): { origin: string; prefix: string[]; path: string; hash: string } {
  const parsed = new URL(url)
  const segments = parsed.pathname.split('/').slice(1)
  const blob = segments.indexOf('blob')
  return {
    origin: parsed.origin,
    prefix: segments.slice(0, blob + 2),
    path: segments
      .slice(blob + 2)
      .map((segment) => decodeURIComponent(segment))
      .join('/'),
    hash: parsed.hash
  }
}

describe('repositoryFileUrl', () => {
  it('links a line of a file at the run commit', () => {
    const url = repositoryFileUrl(ENV, 'experiments/carts.json', 12) as string
    expect(url).toBe(`https://github.com/octo-org/shop/blob/${SHA}/experiments/carts.json#L12`)
    expect(read(url)).toEqual({
      origin: 'https://github.com',
      prefix: ['octo-org', 'shop', 'blob', SHA],
      path: 'experiments/carts.json',
      hash: '#L12'
    })
  })

  it.each([
    'experiments/a b#c?d>e).json',
    "experiments/it's ~(x)*!$&=+,;@.json",
    'experiments/延迟/𝒳 é.json',
    'experiments/%41 <x> `y` [z](w) \\.json'
  ])('keeps %s whole and the link one link', (path) => {
    const url = repositoryFileUrl(ENV, path, 3) as string
    expect(read(url)).toMatchObject({ path, hash: '#L3' })
    expect(url).toMatch(/^[A-Za-z0-9\-._~'()*!%:/?#=&+,;@$]+$/)
    const markdown = link('line 3', url)
    expect(markdown.indexOf('>')).toBe(markdown.length - 2)
  })

  it('links the file alone without a line', () => {
    for (const line of [undefined, 0, -1, 1.5, Number.NaN])
      expect(read(repositoryFileUrl(ENV, 'a.json', line) as string).hash).toBe('')
  })

  it('has no link outside a workflow run', () => {
    for (const name of Object.keys(ENV)) {
      const env: NodeJS.ProcessEnv = { ...ENV }
      delete env[name]
      expect(repositoryFileUrl(env, 'a.json', 1)).toBeUndefined()
    }
  })

  it('has no link for a path that leaves the repository', () => {
    for (const path of ['', '/etc/passwd', '../outside.json', 'experiments/../../x.json'])
      expect(repositoryFileUrl(ENV, path, 1)).toBeUndefined()
  })

  it('has no link for a repository, commit or server that is not one', () => {
    const bad = [
      { GITHUB_REPOSITORY: 'octo-org/shop/../../evil' },
      { GITHUB_REPOSITORY: 'octo org/shop' },
      { GITHUB_SHA: 'main' },
      { GITHUB_SHA: `${SHA}#x` },
      { GITHUB_SERVER_URL: 'javascript:alert(1)' },
      { GITHUB_SERVER_URL: 'https://user:pass@github.com' },
      { GITHUB_SERVER_URL: 'not a url' }
    ]
    for (const overrides of bad)
      expect(repositoryFileUrl({ ...ENV, ...overrides }, 'a.json', 1)).toBeUndefined()
  })

  it('follows a GitHub Enterprise Server under a path, without doubling slashes', () => {
    const url = blobUrl(
      { server: 'https://ghe.example.com/github/', repository: 'o/r', commit: SHA },
      'a.json',
      2
    )
    expect(url).toBe(`https://ghe.example.com/github/o/r/blob/${SHA}/a.json#L2`)
  })
})
