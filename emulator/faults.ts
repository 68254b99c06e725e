/**
 * Injected faults: throttling, server errors, slow responses, dropped and hung connections and
 * expired credentials, or a missing permission, each at a rate, optionally only for some services or operations. Dice come from
 * a seeded generator, so the same sequence of calls meets the same faults on every run.
 */
import { ServiceError } from './errors.js'
import { seededRandom } from './random.js'
import type { ScenarioFault, ServiceName } from './scenario.js'

export type FaultOutcome =
  | { kind: 'none'; delayMs: number }
  | { kind: 'drop' | 'hang'; delayMs: number; afterProcessing: boolean }
  | { kind: 'error'; delayMs: number; error: ServiceError }

/** Fault seeds are offset from the scenario seed so faults and ids draw independent streams. */
const FAULT_STREAM = 0x5eed

export class FaultInjector {
  private readonly random: () => number
  private readonly hits: number[]

  constructor(
    private readonly rules: readonly ScenarioFault[],
    seed: number
  ) {
    this.random = seededRandom(seed ^ FAULT_STREAM)
    this.hits = rules.map(() => 0)
  }

  /** Rolls the dice for one call: slow rules add up, the first failing rule that hits wins. */
  decide(service: ServiceName, operation: string): FaultOutcome {
    let delayMs = 0
    for (const [index, rule] of this.rules.entries()) {
      if (rule.services && !rule.services.includes(service)) continue
      if (rule.operations && !rule.operations.includes(operation)) continue
      const hits = this.hits[index] ?? 0
      if (rule.limit !== undefined && hits >= rule.limit) continue
      if (this.random() >= (rule.rate ?? 1)) continue
      this.hits[index] = hits + 1
      if (rule.type === 'slow') {
        delayMs += rule.delayMs ?? 0
        continue
      }
      if (rule.type === 'drop' || rule.type === 'hang') {
        return { kind: rule.type, delayMs, afterProcessing: rule.afterProcessing ?? false }
      }
      return { kind: 'error', delayMs, error: faultError(rule.type, service) }
    }
    return { kind: 'none', delayMs }
  }
}

function faultError(
  type: 'throttling' | 'server-error' | 'expired-token' | 'access-denied',
  service: ServiceName
) {
  const fis = service === 'fis'
  switch (type) {
    case 'throttling':
      return fis
        ? new ServiceError(429, 'ThrottlingException', 'Rate exceeded')
        : new ServiceError(400, 'Throttling', 'Rate exceeded')
    case 'server-error':
      return fis
        ? new ServiceError(500, 'InternalServerException', 'Internal server error (injected fault)')
        : new ServiceError(
            500,
            service === 'sts' ? 'InternalFailure' : 'InternalServiceError',
            'Internal service error (injected fault)'
          )
    case 'access-denied':
      return fis
        ? new ServiceError(
            403,
            'AccessDeniedException',
            'User is not authorized to perform this operation (injected fault)'
          )
        : new ServiceError(
            403,
            'AccessDenied',
            'User is not authorized to perform this operation (injected fault)'
          )
    case 'expired-token':
      return new ServiceError(
        403,
        fis ? 'ExpiredTokenException' : 'ExpiredToken',
        'The security token included in the request is expired'
      )
  }
}
