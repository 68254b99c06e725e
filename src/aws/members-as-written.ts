/**
 * FIS request members sent exactly as written, whether or not the pinned 3.523.0 client knows
 * them. Its JSON serializers copy only the top-level members they know (a fixed `take()` list),
 * so `experimentReportConfiguration` on CreateExperimentTemplate (added to FIS on 2024-11-12) and
 * `experimentOptions` on StartExperiment (2024-03-14) never reach FIS, silently; and they leave
 * out null entries inside the members they do know. A build-step middleware therefore sets the
 * given members in the serialized body: after the serializer, before the content-length
 * middleware (which measures the body only when no length is set yet) and before signing, so the
 * body, its length and its signature agree.
 *
 * The members are JSON values (what an experiment file holds), so they need no conversion: a
 * member that needs one (a timestamp, a blob) belongs in the command's input, where the SDK
 * serializes it as FIS expects. Members of the input that are not given here stay as the
 * serializer wrote them (a generated `clientToken`, say).
 */
import type { BuildMiddleware, MiddlewareStack } from '@smithy/types'
import type { JsonObject } from '../experiment/json-source.js'

interface SerializedRequest {
  body?: unknown
}

function isRequest(value: unknown): value is SerializedRequest {
  return typeof value === 'object' && value !== null
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Sets each member in the request's serialized JSON body as written: a member the serializer
 * wrote is replaced, one it left out is added. A request without a JSON object body is refused
 * rather than sent without the members.
 */
function setMembers(request: unknown, members: JsonObject): void {
  const body = isRequest(request) ? request.body : undefined
  const serialized: unknown = typeof body === 'string' ? JSON.parse(body) : undefined
  if (!isRequest(request) || !isJsonObject(serialized)) {
    throw new Error(
      `fis-gate cannot send ${Object.keys(members).join(', ')} as written: the request has no JSON object body`
    )
  }
  request.body = JSON.stringify({ ...serialized, ...members })
}

/** `command`, set to send `members` exactly as written (see above). */
export function withMembersAsWritten<
  Input extends object,
  Output extends object,
  Command extends { middlewareStack: MiddlewareStack<Input, Output> }
>(
  command: Command & { middlewareStack: MiddlewareStack<Input, Output> },
  members: JsonObject
): Command {
  const asWritten: BuildMiddleware<Input, Output> = (next) => async (args) => {
    setMembers(args.request, members)
    return next(args)
  }
  command.middlewareStack.add(asWritten, {
    step: 'build',
    priority: 'high',
    name: 'fisGateMembersAsWritten',
    override: true
  })
  return command
}
