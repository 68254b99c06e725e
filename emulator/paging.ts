/**
 * Opaque pagination tokens shared by every list operation. A token carries the operation it was
 * issued for, so a token from one listing is rejected by another instead of silently skipping.
 */
export interface Page<T> {
  items: T[]
  nextToken?: string
}

export function encodeToken(scope: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ scope, position })).toString('base64url')
}

/** The position a token stands for, or undefined when the token was not issued for this scope. */
export function decodeToken(scope: string, token: string): unknown {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    if (typeof decoded === 'object' && decoded !== null && 'scope' in decoded) {
      return decoded.scope === scope && 'position' in decoded ? decoded.position : undefined
    }
  } catch {
    return undefined
  }
  return undefined
}

/** A page of `items`, or undefined when `nextToken` is not a valid token for this scope. */
export function paginate<T>(
  items: readonly T[],
  maxResults: number,
  nextToken: string | undefined,
  scope: string
): Page<T> | undefined {
  let offset = 0
  if (nextToken !== undefined) {
    const position = decodeToken(scope, nextToken)
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) {
      return undefined
    }
    offset = position
  }
  const end = offset + maxResults
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: encodeToken(scope, end) } : {})
  }
}
