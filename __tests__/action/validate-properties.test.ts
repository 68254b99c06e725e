/**
 * Property-based tests of the whole validate mode, in batches: arbitrary JSON (built from the
 * words experiment files use, and Object.prototype's names), arbitrary text and bytes, and random
 * mutations of the public corpus (../shared/corpus/fis-templates, read in place) and the examples.
 * For every batch: validation never throws and never reports internal/unexpected, every finding
 * lies inside the file it names, a second run gives the same results, and the summary stays under
 * GitHub's 1 MiB. Bounded so the file runs in a few seconds; the counts are printed.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fisCatalog } from '../../src/catalog/catalog.js'
import { GATE_FILE_KEYS } from '../../src/experiment/model.js'
import { tempWorkspace } from '../support/validate-files.js'
import { runValidate, sarifResults, type SarifResult } from './run-validate.js'

const here = dirname(fileURLToPath(import.meta.url))
const corpus = resolve(here, '../../../shared/corpus/fis-templates')
const examples = resolve(here, '../../examples/experiments')
const SUMMARY_LIMIT = 1024 * 1024
/**
 * A fixed default seed keeps CI reproducible; FC_SEED=<n> explores others (a failure prints the
 * seed and the shrunk counterexample).
 */
const seed = Number(process.env.FC_SEED ?? 11)
/** FC_SCALE=10 for a longer hunt; the default keeps the file at a few seconds. */
const scale = Number(process.env.FC_SCALE ?? 1)

const counts = { batches: 0, files: 0, findings: 0, located: 0, rules: new Set<string>() }

/** The corpus and example files as text: the seeds of the mutations. */
function seedFiles(): string[] {
  const [, ...rows] = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n')
  const files = rows.map((row) => join(corpus, row.split('\t')[0] as string))
  for (const name of readdirSync(examples))
    if (name.endsWith('.json')) files.push(join(examples, name))
  return files.map((file) => readFileSync(file, 'utf8'))
}

// ---- generators -----------------------------------------------------------------------------

const catalog = fisCatalog()
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype)
const KEYS = [
  ...GATE_FILE_KEYS,
  ...['description', 'roleArn', 'stopConditions', 'targets', 'actions', 'source', 'value'],
  ...['actionId', 'parameters', 'startAfter', 'resourceType', 'resourceArns', 'resourceTags'],
  ...['selectionMode', 'filters', 'path', 'values', 'checks', 'metric', 'expression', 'metrics'],
  ...['maxDuration', 'forbiddenActions', 'allowedAccounts', 'baseline', 'Instances', 'duration'],
  ...PROTOTYPE_NAMES
]
const STRINGS = [
  ...catalog.actions.keys(),
  ...catalog.resourceTypes.keys(),
  ...[
    'ALL',
    'COUNT(1)',
    'PERCENT(150)',
    'PT5M',
    'P',
    '${ACCOUNT}',
    '${',
    '<YOUR ROLE>',
    'aws:cloudwatch:alarm'
  ],
  ...[
    'arn:aws:iam::111122223333:role/r',
    'arn:aws:cloudwatch:eu-west-1:1:alarm:a',
    'EXTabc123',
    '../x.json'
  ],
  ...PROTOTYPE_NAMES
]

const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }))
const leaf = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null)
)
const { tree } = fc.letrec<{ tree: unknown; object: unknown; array: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    leaf,
    tie('object'),
    tie('object'),
    tie('array')
  ),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 6 }),
  array: fc.array(tie('tree'), { maxLength: 4 })
}))

/** How a generated value is written: compact, indented, with tabs, with CRLF, with a BOM. */
const layout = fc.record({
  indent: fc.constantFrom(0, 2, '\t'),
  crlf: fc.boolean(),
  bom: fc.boolean()
})
const written = (
  value: unknown,
  style: { indent: number | string; crlf: boolean; bom: boolean }
) => {
  const text = JSON.stringify(value, null, style.indent) ?? 'null'
  return `${style.bom ? '\ufeff' : ''}${style.crlf ? text.replace(/\n/g, '\r\n') : text}`
}

type Op =
  | { kind: 'replace' | 'rename' | 'delete'; steps: number[]; value: unknown; name: string }
  | { kind: 'text'; at: number; cut: number; insert: string }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('replace' as const, 'rename' as const, 'delete' as const),
    steps: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    value: tree,
    name: key
  }),
  fc.record({
    kind: fc.constant('text' as const),
    at: fc.nat(),
    cut: fc.nat({ max: 8 }),
    insert: fc.oneof(
      fc.constantFrom('"', ',', '{', '}', '[', ']', '\\', '\n', '__proto__'),
      fc.string({ maxLength: 6 })
    )
  })
)

// ---- mutations ------------------------------------------------------------------------------

type Container = Record<string, unknown> | unknown[]
const isContainer = (value: unknown): value is Container =>
  typeof value === 'object' && value !== null

/** Sets a member as own data, even `__proto__`. */
const define = (object: Record<string, unknown>, name: string, value: unknown): void =>
  void Object.defineProperty(object, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true
  })

/** Walks down `steps` (each picks a child modulo their number) and changes what it reaches. */
function mutateTree(root: Container, change: Extract<Op, { steps: number[] }>): void {
  let node = root
  for (let depth = 0; ; depth++) {
    const keys = Array.isArray(node) ? node.map((_, index) => String(index)) : Object.keys(node)
    if (keys.length === 0) {
      if (Array.isArray(node)) node.push(change.value)
      else define(node, change.name, change.value)
      return
    }
    const chosen = keys[(change.steps[depth] ?? 0) % keys.length] as string
    const child: unknown = Array.isArray(node) ? node[Number(chosen)] : node[chosen]
    if (depth + 1 < change.steps.length && isContainer(child)) {
      node = child
      continue
    }
    if (Array.isArray(node)) {
      const index = Number(chosen)
      if (change.kind === 'delete') node.splice(index, 1)
      else node.splice(index, change.kind === 'replace' ? 1 : 0, change.value)
    } else if (change.kind === 'delete') delete node[chosen]
    else if (change.kind === 'replace') define(node, chosen, change.value)
    else {
      delete node[chosen]
      define(node, change.name, child)
    }
    return
  }
}

function mutate(text: string, ops: Op[]): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  const treeOps = ops.filter(
    (change): change is Extract<Op, { steps: number[] }> => change.kind !== 'text'
  )
  let result = text
  if (isContainer(parsed) && treeOps.length) {
    for (const change of treeOps) mutateTree(parsed, change)
    result = JSON.stringify(parsed, null, 2)
  }
  for (const change of ops) {
    if (change.kind !== 'text') continue
    const at = result.length ? change.at % result.length : 0
    result = `${result.slice(0, at)}${change.insert}${result.slice(at + change.cut)}`
  }
  return result
}

// ---- the properties -------------------------------------------------------------------------

const uriOf = (result: SarifResult): string =>
  result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''

/** Writes the batch, validates it twice, and checks every property. */
async function checkBatch(files: (string | Uint8Array)[]): Promise<void> {
  const workspace = tempWorkspace()
  try {
    files.forEach((content, index) =>
      workspace.write(
        `experiments/f${index}.json`,
        typeof content === 'string' ? content : Buffer.from(content)
      )
    )
    const first = await runValidate(workspace.root)
    const second = await runValidate(workspace.root)
    const results = sarifResults(first)
    expect(sarifResults(second)).toEqual(results)
    expect(second.summary).toBe(first.summary)
    expect(Buffer.byteLength(first.summary)).toBeLessThan(SUMMARY_LIMIT)
    for (const result of results) {
      // Shows fis-gate's own error when it fails.
      expect(result.ruleId === 'internal/unexpected' ? result.message.text : '').toBe('')
      const path = join(workspace.root, uriOf(result))
      expect([uriOf(result), existsSync(path)]).toEqual([uriOf(result), true])
      const region = result.locations[0]?.physicalLocation.region
      counts.rules.add(result.ruleId)
      if (!region) continue
      const lines = new TextDecoder().decode(readFileSync(path)).split('\n')
      const line = lines[region.startLine - 1]
      expect([result.ruleId, region.startLine >= 1 && line !== undefined]).toEqual([
        result.ruleId,
        true
      ])
      expect([
        result.ruleId,
        region.startColumn >= 1 && region.startColumn <= (line ?? '').length + 1
      ]).toEqual([result.ruleId, true])
      counts.located++
    }
    counts.batches++
    counts.files += files.length
    counts.findings += results.length
  } finally {
    workspace.remove()
  }
}

describe('validate mode on arbitrary and mutated input (fast-check)', () => {
  const seeds = seedFiles()

  it('holds for arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(tree, layout), { minLength: 1, maxLength: 6 }), (batch) =>
        checkBatch(batch.map(([value, style]) => written(value, style)))
      ),
      { numRuns: 150 * scale, seed }
    )
  })

  it('holds for arbitrary text and bytes', async () => {
    const content = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))
    )
    await fc.assert(
      fc.asyncProperty(fc.array(content, { minLength: 1, maxLength: 6 }), checkBatch),
      { numRuns: 80 * scale, seed }
    )
  })

  it('holds for mutations of the corpus and the examples', async () => {
    const mutation = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(op, { maxLength: 5 }))
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 10 }), (batch) =>
        checkBatch(batch.map(([index, ops]) => mutate(seeds[index] as string, ops)))
      ),
      { numRuns: 250 * scale, seed }
    )
    console.log(
      `validate properties (seed ${seed}): ${counts.batches} batches validated twice, ${counts.files} files, ${counts.findings} findings (${counts.located} located), ${counts.rules.size} distinct rules`
    )
  })
})
