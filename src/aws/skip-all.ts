/**
 * `experimentOptions.actionsMode: skip-all` for StartExperiment. The pinned 3.523.0 client
 * serializes only the members it knows and silently drops this one (added to FIS on 2024-03-14),
 * so a build-step middleware adds it to the serialized body: after the serializer, before the
 * content-length middleware and signing, so the body, its length and the signature agree.
 */
import type { StartExperimentCommand } from '@aws-sdk/client-fis'

interface SerializedRequest {
  body?: unknown
  headers?: Record<string, string>
}

function hasStringBody(request: unknown): request is SerializedRequest & { body: string } {
  return (
    typeof request === 'object' &&
    request !== null &&
    typeof (request as SerializedRequest).body === 'string'
  )
}

export function withActionsMode(
  command: StartExperimentCommand,
  actionsMode: 'run-all' | 'skip-all'
): StartExperimentCommand {
  command.middlewareStack.add(
    (next) => async (args) => {
      if (hasStringBody(args.request)) {
        const body = JSON.parse(args.request.body) as Record<string, unknown>
        body.experimentOptions = { ...(body.experimentOptions as object | undefined), actionsMode }
        args.request.body = JSON.stringify(body)
      }
      return next(args)
    },
    { step: 'build', priority: 'high', name: 'fisGateActionsMode', override: true }
  )
  return command
}
