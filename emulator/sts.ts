/** STS GetCallerIdentity (awsQuery) for the scenario's account and caller. */
import type { ServiceEndpoint } from './endpoint.js'
import { queryEndpoint } from './query-protocol.js'
import type { World } from './world.js'

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

export function stsEndpoint(world: World): ServiceEndpoint {
  return queryEndpoint('sts', STS_NAMESPACE, {
    GetCallerIdentity: () => ({
      UserId: world.scenario.caller.userId,
      Account: world.scenario.account,
      Arn: world.scenario.caller.arn
    })
  })
}
