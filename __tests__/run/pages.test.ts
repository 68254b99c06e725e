/** Pagination always ends: a repeated NextToken, or pages without end, stop it with a reason. */
import { describe, expect, it } from '@jest/globals'
import { PageGuard } from '../../src/aws/pages.js'

describe('PageGuard', () => {
  it('passes new tokens on and ends on none', () => {
    const pages = new PageGuard('FIS ListExperiments')
    expect([pages.next('a'), pages.next('b'), pages.next(undefined), pages.next('')]).toEqual([
      'a',
      'b',
      undefined,
      undefined
    ])
  })

  it('stops at a token it has seen', () => {
    const pages = new PageGuard('FIS ListExperiments')
    pages.next('same')
    expect(() => pages.next('same')).toThrow(
      'FIS ListExperiments returned a NextToken it had returned before; stopped paging'
    )
  })

  it('stops after a thousand pages', () => {
    const pages = new PageGuard('CloudWatch GetMetricData')
    for (let page = 0; page < 1000; page++) pages.next(`t${page}`)
    expect(() => pages.next('t1000')).toThrow('returned more than 1000 pages')
  })
})
