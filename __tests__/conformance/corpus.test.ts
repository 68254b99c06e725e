/**
 * Conformance on the public corpus in ../shared/corpus/fis-templates: files the manifest marks
 * CLASS=NEG:... or CLASS=PLACEHOLDER-INVALID must get an error; every other file must get no
 * error except placeholder/... ones, with the policy guardrails off. Five files the manifest
 * calls clean break documented FIS rules; each is pinned to exactly the rules it breaks, with
 * the reason, so any other finding on them still fails this test (docs/conformance.md).
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadExperiment } from '../../src/experiment/load.js'
import type { Finding } from '../../src/validate/findings.js'
import { validateExperiment } from '../../src/validate/validate.js'

const corpus = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpus/fis-templates'
)

/** Files the manifest classifies as clean that break a documented rule (reasons in docs/conformance.md). */
const DISPUTED: Record<string, string[]> = {
  // resourceArns together with filters: FIS accepts ARNs or tags/filters on a target, never both.
  'Young-ook__terraform-aws-fis/examples__rds__templates__reboot-db-instances__pr4.tpl.json': [
    'target/selector'
  ],
  'Young-ook__terraform-aws-fis/examples__rds__templates__reboot-db-instances__tag-1.0.1.tpl.json':
    ['target/selector'],
  // trafficType is a parameter of the blackhole-port actions only; clusterIdentifier and namespace
  // are target parameters (reported although their values are placeholders: the names are wrong).
  'aws-samples__aws-fault-injection-simulator-workshop-v2/az-application-slowdown-experiment__templates__fis-az-app-slowdown-template.json':
    [
      'action/unknown-parameter',
      'action/unknown-parameter',
      'action/unknown-parameter',
      'action/unknown-parameter'
    ],
  // interface is a parameter of the EKS network actions, not of aws:ecs:task-network-packet-loss;
  // clusterIdentifier and namespace are target parameters of aws:eks:pod.
  'aws-samples__aws-fault-injection-simulator-workshop-v2/cross-az-traffic-slowdown-experiment__templates__fis-cross-az-traffic-slowdown-template__branch-grayfailures.json':
    ['action/unknown-parameter', 'action/unknown-parameter', 'action/unknown-parameter'],
  // documentArn lacks "document/": arn:aws:ssm:us-east-1::AWSFIS-Run-Network-Latency-Sources.
  'aws-samples__fis-template-library/fis-latency-injection-source.json': ['action/parameter-format']
}

interface Row {
  file: string
  negative: boolean
}

function manifest(): Row[] {
  const [, ...rows] = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n')
  return rows.map((row) => {
    const columns = row.split('\t')
    return {
      file: columns[0] as string,
      negative: /CLASS=(NEG:|PLACEHOLDER-INVALID)/.test(columns[8] ?? '')
    }
  })
}

async function findingsFor(file: string): Promise<Finding[]> {
  const loaded = await loadExperiment(join(corpus, file), corpus)
  if (!loaded.source) return loaded.findings
  const validated = validateExperiment(loaded.source, {
    vars: new Map(),
    guardrails: { requireStopConditions: false }
  })
  return [...loaded.findings, ...validated.findings]
}

describe('public FIS template corpus', () => {
  it('is available beside the project (../shared, as in CI)', () => {
    expect(existsSync(join(corpus, 'MANIFEST.tsv'))).toBe(true)
  })

  it('matches the manifest: every negative fails, every other file only has placeholder errors', async () => {
    const rows = manifest()
    const counts = {
      files: rows.length,
      negatives: 0,
      negativesCaught: 0,
      clean: 0,
      cleanWithPlaceholderErrorsOnly: 0,
      cleanWithoutErrors: 0,
      disputed: 0
    }
    const problems: string[] = []
    for (const row of rows) {
      const errors = (await findingsFor(row.file)).filter((finding) => finding.severity === 'error')
      if (row.negative) {
        counts.negatives++
        if (errors.length) counts.negativesCaught++
        else problems.push(`${row.file}: negative but no error`)
        continue
      }
      counts.clean++
      const other = errors
        .filter((finding) => !finding.rule.startsWith('placeholder/'))
        .map((finding) => finding.rule)
      const disputed = DISPUTED[row.file]
      if (disputed) {
        counts.disputed++
        if (JSON.stringify(other) !== JSON.stringify(disputed))
          problems.push(
            `${row.file}: expected exactly ${disputed.join(', ')}, got ${other.join(', ') || 'nothing'}`
          )
        continue
      }
      if (other.length)
        problems.push(
          `${row.file}: ${errors
            .filter((finding) => !finding.rule.startsWith('placeholder/'))
            .map(
              (finding) => `${finding.line}:${finding.column} ${finding.rule} ${finding.message}`
            )
            .join('; ')}`
        )
      else if (errors.length) counts.cleanWithPlaceholderErrorsOnly++
      else counts.cleanWithoutErrors++
    }
    console.log(`corpus conformance: ${JSON.stringify(counts)}`)
    expect(problems).toEqual([])
    expect(counts.negativesCaught).toBe(counts.negatives)
    expect(counts.files).toBe(145)
  })
})
