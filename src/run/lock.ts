/**
 * One experiment at a time per lock key. The default key is the account and Region: any active
 * FIS experiment there (fis-gate's or not) holds it. A named key (the `lock` input) is held only
 * by active experiments tagged fis-gate:lock with that key. fis-gate tags its own experiments.
 */
import type { ExperimentSummary } from '@aws-sdk/client-fis'
import { describeAwsError } from '../aws/errors.js'
import { formatSeconds } from '../experiment/duration.js'
import type { RunContext } from './context.js'
import { listExperiments } from './fis-listing.js'
import { ACTIVE_STATES } from './model.js'
import { TAG } from './state.js'

export interface LockOptions {
  /** undefined: the account and Region. */
  key?: string
  timeoutMs: number
  pollIntervalMs: number
}

async function activeHolders(
  context: RunContext,
  key: string | undefined
): Promise<ExperimentSummary[]> {
  return (await listExperiments(context.clients.fis, () => context.limits.cancellable())).filter(
    (experiment) =>
      ACTIVE_STATES.has(experiment.state?.status ?? '') &&
      (key === undefined || experiment.tags?.[TAG.lock] === key)
  )
}

/** Waits until the lock is free; returns a refusal when it stays held past the timeout. */
export async function waitForLock(
  context: RunContext,
  options: LockOptions
): Promise<string | undefined> {
  const deadline = context.clock.now() + options.timeoutMs
  const label =
    options.key === undefined ? `account and Region ${context.region}` : `lock "${options.key}"`
  let announced = false
  for (;;) {
    let holders: ExperimentSummary[]
    try {
      holders = await activeHolders(context, options.key)
    } catch (error) {
      return `${describeAwsError('FIS ListExperiments', error)}; fis-gate reads the active experiments to hold the ${label}, so nothing was started`
    }
    if (holders.length === 0) return undefined
    const names = holders
      .map(
        (holder) =>
          `${holder.id} (${holder.state?.status}${holder.tags?.[TAG.repository] ? `, ${holder.tags[TAG.repository]}` : ''})`
      )
      .join(', ')
    if (context.cancellation.aborted) return `Cancelled while waiting for the ${label}`
    if (context.clock.now() >= deadline) {
      return `Another experiment holds the ${label}: ${names}. Waited ${formatSeconds(options.timeoutMs / 1000)} (lock-timeout); try again when it ends`
    }
    if (!announced) {
      context.log.info(
        `Waiting for the ${label}, held by ${names} (up to ${formatSeconds(options.timeoutMs / 1000)})`
      )
      announced = true
    }
    await context.clock.sleep(
      Math.min(options.pollIntervalMs, Math.max(0, deadline - context.clock.now())),
      context.cancellation
    )
  }
}
