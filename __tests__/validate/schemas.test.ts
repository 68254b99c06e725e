/**
 * The published schemas and the catalog agree: every catalog action is offered to editors, and
 * each per-action contract in the published schema is enforced at run time by the semantic rules
 * (the runtime validators leave the contracts out to avoid duplicate findings).
 */
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { readdirSync, readFileSync } from 'node:fs'
import { fisCatalog } from '../../src/catalog/catalog.js'
import type { JsonObject } from '../../src/experiment/json-source.js'
import { parseJson } from '../../src/experiment/json-source.js'
import type { ExperimentSource } from '../../src/experiment/model.js'
import { validateExperiment } from '../../src/validate/validate.js'

const read = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >

function publishedValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false })
  for (const name of [
    'fis-template.schema.json',
    'hypothesis.schema.json',
    'experiment.schema.json'
  ])
    ajv.addSchema(read(name))
  return ajv.getSchema('experiment.schema.json') as ((data: unknown) => boolean) & {
    errors?: unknown[] | null
  }
}

function runtimeRules(template: JsonObject): string[] {
  const text = JSON.stringify(template)
  const parsed = parseJson(text)
  if ('error' in parsed) throw new Error(parsed.error.message)
  const source: ExperimentSource = {
    file: 't.json',
    absolutePath: '/t.json',
    name: 't',
    shape: 'template',
    document: { file: 't.json', absolutePath: '/t.json', parsed },
    root: template,
    template: {
      value: template,
      source: { document: { file: 't.json', absolutePath: '/t.json', parsed }, prefix: '' }
    }
  }
  return validateExperiment(source, {
    vars: new Map(),
    guardrails: { requireStopConditions: false }
  })
    .findings.filter((finding) => finding.severity === 'error')
    .map((finding) => finding.rule)
}

/** A value that satisfies a parameter's format, to build a valid action from the catalog alone. */
function sampleValue(format: { type: string; [key: string]: unknown }): string | JsonObject {
  switch (format.type) {
    case 'duration':
      return String(format.min) === 'PT10M' ? 'PT10M' : 'PT2M'
    case 'integer':
    case 'number':
      return String(format.min === 0 ? 1 : format.min)
    case 'enum':
      return String((format.values as string[])[0])
    case 'boolean':
      return 'true'
    case 'list':
      return sampleValue(format.item as { type: string }) as string
    case 'arn':
      return format.kind === 'cloudwatch-alarm'
        ? 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a'
        : 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-CPU-Stress'
    case 'json-object':
      return '{}'
    case 'kubernetes-spec':
      return { selector: { namespaces: ['a'] }, mode: 'one', action: 'pod-kill' }
    case 'kubernetes-kind':
      return 'PodChaos'
    case 'port':
      return '443'
    case 'http-status':
      return '503'
    case 'region':
      return 'eu-west-1'
    case 'availability-zone':
    case 'network-source':
      return 'eu-west-1a'
    default:
      return 'value'
  }
}

function validTemplateFor(actionId: string): JsonObject {
  const action = fisCatalog().actions.get(actionId)!
  const parameters: JsonObject = {}
  for (const [name, spec] of Object.entries(action.parameters))
    if (spec.required) parameters[name] = sampleValue(spec.format)
  if (actionId === 'aws:eks:inject-kubernetes-custom-resource')
    parameters.kubernetesApiVersion = 'chaos-mesh.org/v1alpha1'
  const targets: JsonObject = {}
  const actionTargets: JsonObject = {}
  for (const [key, types] of Object.entries(action.targets)) {
    const resourceType = types[0]!
    const typeSpec = fisCatalog().resourceTypes.get(resourceType)!
    const targetParameters = Object.fromEntries(
      Object.entries(typeSpec.parameters)
        .filter(([, spec]) => spec.required)
        .map(([name, spec]) => [
          name,
          name === 'selectorType'
            ? 'podName'
            : spec.format.type === 'enum'
              ? String((spec.format as { values: string[] }).values[0])
              : 'value'
        ])
    )
    const selector: JsonObject =
      action.targetSelection === 'single-arn'
        ? { resourceArns: ['arn:aws:eks:eu-west-1:111122223333:cluster/c'] }
        : action.targetSelection === 'arns'
          ? { resourceArns: ['arn:aws:iam::111122223333:role/r'] }
          : typeSpec.selection === 'parameters'
            ? {}
            : { resourceTags: { app: 'x' } }
    targets.t = {
      resourceType,
      selectionMode: 'ALL',
      ...selector,
      ...(Object.keys(targetParameters).length ? { parameters: targetParameters } : {})
    }
    actionTargets[key] = 't'
  }
  return {
    description: 'd',
    roleArn: 'arn:aws:iam::111122223333:role/fis',
    stopConditions: [{ source: 'none' }],
    ...(Object.keys(targets).length ? { targets } : {}),
    actions: {
      a: {
        actionId,
        ...(Object.keys(parameters).length ? { parameters } : {}),
        ...(Object.keys(actionTargets).length ? { targets: actionTargets } : {})
      }
    }
  }
}

describe('published schemas', () => {
  it('offer every catalog action id and resource type to editors', () => {
    const definitions = (read('fis-template.schema.json').definitions ?? {}) as Record<
      string,
      { properties: Record<string, { examples?: string[] }> }
    >
    expect(definitions.action?.properties.actionId?.examples).toEqual([
      ...fisCatalog().actions.keys()
    ])
    expect(definitions.target?.properties.resourceType?.examples).toEqual([
      ...fisCatalog().resourceTypes.keys()
    ])
  })

  it('accept the example experiments', () => {
    const validate = publishedValidator()
    for (const name of readdirSync(new URL('../../examples/experiments/', import.meta.url))) {
      const example: unknown = JSON.parse(
        readFileSync(new URL(`../../examples/experiments/${name}`, import.meta.url), 'utf8')
      )
      expect([name, validate(example), validate.errors ?? null]).toEqual([name, true, null])
    }
  })

  describe.each([...fisCatalog().actions.keys()])('%s', (actionId) => {
    it('is valid when built from the catalog, for both the published schema and the rules', () => {
      const template = validTemplateFor(actionId)
      const validate = publishedValidator()
      expect(validate(template)).toBe(true)
      expect(runtimeRules(template)).toEqual([])
    })

    it('rejects an unknown parameter in the published schema and in the rules', () => {
      const template = validTemplateFor(actionId)
      const action = (template.actions as JsonObject).a as JsonObject
      action.parameters = { ...((action.parameters as JsonObject) ?? {}), notAParameter: 'x' }
      expect(publishedValidator()(template)).toBe(false)
      expect(runtimeRules(template)).toEqual(['action/unknown-parameter'])
    })

    const required = Object.entries(fisCatalog().actions.get(actionId)!.parameters).filter(
      ([, spec]) => spec.required
    )
    if (required.length) {
      it('rejects a missing required parameter in the published schema and in the rules', () => {
        const template = validTemplateFor(actionId)
        delete ((template.actions as JsonObject).a as { parameters: JsonObject }).parameters[
          required[0]![0]
        ]
        expect(publishedValidator()(template)).toBe(false)
        expect(runtimeRules(template)).toEqual(['action/missing-parameter'])
      })
    }
  })
})
