/**
 * Pagination that always ends: a service that repeats a NextToken, or pages on past any real
 * listing, would otherwise keep a step (or the post step) calling for ever.
 */

/** Far beyond any account's experiments, templates, alarms or datapoints of one call. */
const MAX_PAGES = 1000

export class PageGuard {
  private readonly seen = new Set<string>()

  constructor(private readonly what: string) {}

  /** The token to ask for next; throws when the service loops or never stops paging. */
  next(token: string | undefined): string | undefined {
    if (!token) return undefined
    if (this.seen.has(token))
      throw new Error(`${this.what} returned a NextToken it had returned before; stopped paging`)
    if (this.seen.size >= MAX_PAGES)
      throw new Error(`${this.what} returned more than ${MAX_PAGES} pages; stopped paging`)
    this.seen.add(token)
    return token
  }
}
