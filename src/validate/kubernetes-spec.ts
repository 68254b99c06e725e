/**
 * Checks of aws:eks:inject-kubernetes-custom-resource: kubernetesApiVersion and kubernetesKind
 * agree, and kubernetesSpec parses and has the shape of a Chaos Mesh spec of that kind or a
 * Litmus ChaosEngine spec. FIS itself accepts any string and fails inside the cluster later.
 */
import type { JsonObject, JsonValue } from '../experiment/json-source.js'
import { parseDuration } from '../experiment/duration.js'
import { excerpt, quote } from '../experiment/excerpt.js'
import { isObject, memberOf, stringAt } from '../experiment/model.js'
import { templateIssue, type Issue } from './issues.js'

const CHAOS_MESH = 'chaos-mesh.org/v1alpha1'
const LITMUS = 'litmuschaos.io/v1alpha1'
export const CHAOS_MESH_KINDS = [
  'AWSChaos',
  'DNSChaos',
  'GCPChaos',
  'HTTPChaos',
  'IOChaos',
  'JVMChaos',
  'KernelChaos',
  'NetworkChaos',
  'PhysicalMachineChaos',
  'PodChaos',
  'PodHttpChaos',
  'PodIOChaos',
  'PodNetworkChaos',
  'Schedule',
  'StressChaos',
  'TimeChaos'
]
const LITMUS_KINDS = ['ChaosEngine']
export const PARAMETER_MAX_LENGTH = 1024

const MODES = ['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent']
/** Kinds whose spec selects pods with `selector` and `mode`. */
const POD_SELECTING_KINDS = new Set([
  'DNSChaos',
  'HTTPChaos',
  'IOChaos',
  'JVMChaos',
  'KernelChaos',
  'NetworkChaos',
  'PodChaos',
  'StressChaos',
  'TimeChaos'
])
/** Required members and allowed `action` values per Chaos Mesh kind (chaos-mesh.org v1alpha1 API). */
const KIND_RULES: Record<string, { required: string[]; actions?: string[] }> = {
  PodChaos: { required: ['action'], actions: ['pod-failure', 'pod-kill', 'container-kill'] },
  NetworkChaos: {
    required: ['action'],
    actions: ['netem', 'delay', 'loss', 'duplicate', 'corrupt', 'partition', 'bandwidth']
  },
  StressChaos: { required: [] },
  IOChaos: {
    required: ['action', 'volumePath'],
    actions: ['latency', 'fault', 'attrOverride', 'mistake']
  },
  TimeChaos: { required: ['timeOffset'] },
  DNSChaos: { required: ['action'], actions: ['random', 'error'] },
  HTTPChaos: { required: ['target', 'port'] },
  JVMChaos: { required: ['action'] },
  KernelChaos: { required: ['failKernRequest'] },
  AWSChaos: {
    required: ['action', 'awsRegion'],
    actions: ['ec2-stop', 'ec2-restart', 'detach-volume']
  },
  GCPChaos: {
    required: ['action', 'project', 'zone', 'instance'],
    actions: ['node-stop', 'node-reset', 'disk-loss']
  },
  Schedule: { required: ['schedule', 'type'] }
}

/** Go durations as Chaos Mesh writes them: 30s, 1m, 1h30m, 500ms. */
function goDurationSeconds(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined
  const scale: Record<string, number> = {
    ns: 1e-9,
    us: 1e-6,
    µs: 1e-6,
    ms: 1e-3,
    s: 1,
    m: 60,
    h: 3600
  }
  let total = 0
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(amount) * (scale[unit as string] ?? 0)
  }
  return total
}

export interface KubernetesSpecContext {
  actionPointer: string
  parameters: JsonObject
  /** The spec as written: an object (gate-file convenience) or a JSON string. */
  spec: JsonValue
}

export function kubernetesSpecIssues({
  actionPointer,
  parameters,
  spec
}: KubernetesSpecContext): Issue[] {
  const issues: Issue[] = []
  const parametersPointer = `${actionPointer}/parameters`
  const specPointer = `${parametersPointer}/kubernetesSpec`
  const apiVersion = stringAt(parameters, 'kubernetesApiVersion')
  const kind = stringAt(parameters, 'kubernetesKind')

  if (kind && !CHAOS_MESH_KINDS.includes(kind) && !LITMUS_KINDS.includes(kind)) {
    issues.push(
      templateIssue(
        `${parametersPointer}/kubernetesKind`,
        'action/kubernetes-spec',
        `kubernetesKind ${quote(kind)} is neither a Chaos Mesh kind (${CHAOS_MESH_KINDS.join(', ')}) nor the Litmus ChaosEngine`
      )
    )
  } else if (kind && apiVersion) {
    const expectedVersion = LITMUS_KINDS.includes(kind) ? LITMUS : CHAOS_MESH
    if (apiVersion !== expectedVersion && (apiVersion === LITMUS || apiVersion === CHAOS_MESH)) {
      issues.push(
        templateIssue(
          `${parametersPointer}/kubernetesApiVersion`,
          'action/kubernetes-spec',
          `kubernetesKind ${kind} belongs to ${expectedVersion}, but kubernetesApiVersion is ${apiVersion}`
        )
      )
    }
  }

  // Where inner problems point: inside the object when it was written as one, else at the string.
  const inside = (path: string): string =>
    typeof spec === 'string' ? specPointer : `${specPointer}${path}`
  let value: JsonValue = spec
  if (typeof spec === 'string') {
    try {
      value = JSON.parse(spec) as JsonValue
    } catch (error) {
      issues.push(
        templateIssue(
          specPointer,
          'action/kubernetes-spec',
          `kubernetesSpec must be the custom resource's spec as JSON; this string does not parse: ${excerpt((error as Error).message)}. You can also write it as a JSON object and fis-gate serializes it`
        )
      )
      return issues
    }
  }
  if (!isObject(value)) {
    issues.push(
      templateIssue(
        specPointer,
        'action/kubernetes-spec',
        'kubernetesSpec must be a JSON object (the custom resource spec)'
      )
    )
    return issues
  }
  const serialized = JSON.stringify(value)
  if (serialized.length > PARAMETER_MAX_LENGTH) {
    issues.push(
      templateIssue(
        specPointer,
        'action/parameter-length',
        `kubernetesSpec serializes to ${serialized.length} characters; FIS allows at most ${PARAMETER_MAX_LENGTH}. Shorten the spec (drop defaults, use shorter selectors)`
      )
    )
  }
  const has = (name: string): boolean => memberOf(value as JsonObject, name) !== undefined
  if (has('apiVersion') || has('kind') || (has('spec') && has('metadata'))) {
    issues.push(
      templateIssue(
        specPointer,
        'action/kubernetes-spec',
        'kubernetesSpec holds the whole custom resource; FIS takes only its spec: move apiVersion and kind to kubernetesApiVersion/kubernetesKind, drop metadata, and use the content of spec'
      )
    )
    return issues
  }
  if (!kind) return issues
  const member = (name: string): JsonValue | undefined => memberOf(value as JsonObject, name)
  const require = (name: string, why: string): void => {
    if (member(name) === undefined)
      issues.push(
        templateIssue(
          specPointer,
          'action/kubernetes-spec',
          `A ${kind} spec needs "${name}" (${why})`
        )
      )
  }

  if (LITMUS_KINDS.includes(kind)) {
    require('chaosServiceAccount', 'the service account the chaos runs as')
    const experiments = member('experiments')
    if (experiments === undefined) require('experiments', 'the list of Litmus experiments to run')
    else if (
      !Array.isArray(experiments) ||
      experiments.length === 0 ||
      !experiments.every((item) => isObject(item) && stringAt(item, 'name') !== undefined)
    ) {
      issues.push(
        templateIssue(
          inside('/experiments'),
          'action/kubernetes-spec',
          'experiments must be a non-empty list of {"name": ...} entries'
        )
      )
    }
    const engineState = member('engineState')
    if (engineState !== undefined && engineState !== 'active' && engineState !== 'stop') {
      issues.push(
        templateIssue(
          inside('/engineState'),
          'action/kubernetes-spec',
          'engineState must be "active" or "stop"'
        )
      )
    }
    return issues
  }

  const rules = Object.prototype.hasOwnProperty.call(KIND_RULES, kind)
    ? KIND_RULES[kind]
    : undefined
  for (const name of rules?.required ?? []) require(name, `required by ${kind}`)
  const action = member('action')
  if (rules?.actions && typeof action === 'string' && !rules.actions.includes(action)) {
    issues.push(
      templateIssue(
        inside('/action'),
        'action/kubernetes-spec',
        `${kind} action ${quote(action)} is not one of ${rules.actions.join(', ')}`
      )
    )
  }
  if (
    kind === 'StressChaos' &&
    member('stressors') === undefined &&
    member('stressngStressors') === undefined
  ) {
    require('stressors', 'memory or cpu stressors, or stressngStressors')
  }
  if (kind === 'PodChaos' && action === 'container-kill')
    require('containerNames', 'the containers to kill')
  if (POD_SELECTING_KINDS.has(kind)) {
    require('selector', 'which pods to affect')
    const mode = member('mode')
    if (mode === undefined) require('mode', `one of ${MODES.join(', ')}`)
    else if (typeof mode !== 'string' || !MODES.includes(mode)) {
      issues.push(
        templateIssue(
          inside('/mode'),
          'action/kubernetes-spec',
          `mode must be one of ${MODES.join(', ')}`
        )
      )
    } else if (mode.startsWith('fixed') || mode === 'random-max-percent') {
      require('value', `the number or percentage for mode ${mode}`)
    }
  }
  const duration = member('duration')
  if (duration !== undefined) {
    const seconds = typeof duration === 'string' ? goDurationSeconds(duration) : undefined
    if (seconds === undefined) {
      issues.push(
        templateIssue(
          inside('/duration'),
          'action/kubernetes-spec',
          'duration must be a Go duration such as 30s, 5m or 1h30m'
        )
      )
    } else {
      const maxDurationText = stringAt(parameters, 'maxDuration')
      const maxDuration = maxDurationText === undefined ? undefined : parseDuration(maxDurationText)
      if (maxDuration !== undefined && seconds > maxDuration) {
        issues.push(
          templateIssue(
            inside('/duration'),
            'action/kubernetes-spec',
            `The chaos lasts ${excerpt(String(duration))}, longer than maxDuration ${excerpt(String(maxDurationText))}: FIS deletes the custom resource at maxDuration and cuts the fault short`,
            { severity: 'warning' }
          )
        )
      }
    }
  }
  return issues
}
