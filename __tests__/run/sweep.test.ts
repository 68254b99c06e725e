/**
 * mode: sweep's decisions over plain data: every rule for experiments and templates, the
 * timeout's boundary, each reason fis-gate cannot know a run's state, the tags that make an item
 * fis-gate's, the verdict and its reason.
 */
import { describe, expect, it } from '@jest/globals'
import { TAG } from '../../src/run/state.js'
import {
  decideExperiment,
  decideTemplate,
  isFisGateTagged,
  runIdentityOf,
  sweepReason,
  sweepRow,
  sweepVerdict,
  type RunAnswer,
  type SweepFacts,
  type SweepRow,
  type SweptExperiment,
  type Tags
} from '../../src/run/sweep.js'

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0)
const MINUTE = 60_000

function tags(overrides: Record<string, string | undefined> = {}): Tags {
  const all: Record<string, string | undefined> = {
    [TAG.repository]: 'octo-org/shop',
    [TAG.runId]: '1001',
    [TAG.sha]: '3f78',
    [TAG.experiment]: 'carts',
    [TAG.run]: 'octo-org/shop#1001.2/chaos/ab12cd34',
    [TAG.lock]: 'eu-west-1',
    [TAG.timeout]: '3600',
    ...overrides
  }
  return Object.fromEntries(
    Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)
  )
}

function experiment(changes: Partial<SweptExperiment> = {}): SweptExperiment {
  return { id: 'EXP1', status: 'running', tags: tags(), startedAt: NOW - 5 * MINUTE, ...changes }
}

const RUN_KEY = 'octo-org/shop#1001.2'

function facts(answer?: RunAnswer, changes: Partial<SweepFacts> = {}): SweepFacts {
  return {
    now: NOW,
    repository: 'octo-org/shop',
    fallbackTimeoutSeconds: 1800,
    answers: new Map(answer === undefined ? [] : [[RUN_KEY, answer]]),
    ...changes
  }
}

describe('which items are fis-gate’s, and their run', () => {
  it('is fis-gate’s only with the fis-gate:run tag', () => {
    expect(isFisGateTagged(tags())).toBe(true)
    expect(isFisGateTagged(undefined)).toBe(false)
    expect(isFisGateTagged({ team: 'payments' })).toBe(false)
    expect(isFisGateTagged(tags({ [TAG.run]: undefined }))).toBe(false)
  })

  it('reads the repository, the run id and the attempt from the tags', () => {
    expect(runIdentityOf(tags())).toEqual({
      repository: 'octo-org/shop',
      owner: 'octo-org',
      repo: 'shop',
      runId: 1001,
      attempt: 2,
      key: RUN_KEY,
      label: 'octo-org/shop#1001 attempt 2'
    })
  })

  it('has no attempt when the run tag names another run or does not parse', () => {
    expect(runIdentityOf(tags({ [TAG.run]: 'octo-org/shop#999.1/chaos/x' }))?.attempt).toBe(
      undefined
    )
    expect(runIdentityOf(tags({ [TAG.run]: 'something else' }))).toMatchObject({
      attempt: undefined,
      key: 'octo-org/shop#1001.',
      label: 'octo-org/shop#1001'
    })
  })

  it.each([
    ['no repository tag', { [TAG.repository]: undefined }],
    ['a repository that is no owner/name', { [TAG.repository]: 'octo-org/shop/extra' }],
    ['a run id that is not a number', { [TAG.runId]: '12abc' }],
    ['a run id of 0', { [TAG.runId]: '0' }]
  ])('names no run with %s', (_case, overrides) => {
    expect(runIdentityOf(tags(overrides))).toBeUndefined()
  })
})

describe('an experiment', () => {
  it('is stopped once its run has ended', () => {
    expect(decideExperiment(experiment(), facts('ended'))).toEqual({
      action: 'stop',
      why: 'its workflow run octo-org/shop#1001 attempt 2 has ended'
    })
  })

  it('is left while its run is in progress, with how much of its timeout has passed', () => {
    expect(decideExperiment(experiment(), facts('in_progress'))).toEqual({
      action: 'leave',
      why: 'its workflow run octo-org/shop#1001 attempt 2 is still in progress; it has run 5m of the 1h timeout it was started with'
    })
  })

  it('needs its run asked about first when GitHub has not answered yet', () => {
    expect(decideExperiment(experiment(), facts())).toEqual({
      action: 'ask',
      run: runIdentityOf(tags())
    })
  })

  it('is stopped once it has run longer than its timeout, without asking GitHub', () => {
    const old = experiment({ startedAt: NOW - 3600_000 - 1 })
    expect(decideExperiment(old, facts())).toEqual({
      action: 'stop',
      why: 'it has run 1h, longer than the 1h timeout it was started with'
    })
    expect(decideExperiment(old, facts('in_progress')).action).toBe('stop')
  })

  it('is not past its timeout at exactly its timeout', () => {
    const exactly = experiment({ startedAt: NOW - 3600_000 })
    expect(decideExperiment(exactly, facts('in_progress'))).toEqual({
      action: 'leave',
      why: 'its workflow run octo-org/shop#1001 attempt 2 is still in progress; it has run 1h of the 1h timeout it was started with'
    })
  })

  it('is judged by the timeout input when it has no fis-gate:timeout tag', () => {
    const untimed = experiment({ tags: tags({ [TAG.timeout]: undefined }) })
    expect(decideExperiment({ ...untimed, startedAt: NOW - 1800_000 - 1 }, facts())).toEqual({
      action: 'stop',
      why: "it has run 30m, longer than the timeout input's 30m (it has no fis-gate:timeout tag)"
    })
    expect(
      decideExperiment({ ...untimed, startedAt: NOW - 1800_000 }, facts('in_progress'))
    ).toEqual({
      action: 'leave',
      why: "its workflow run octo-org/shop#1001 attempt 2 is still in progress; it has run 30m of the timeout input's 30m (it has no fis-gate:timeout tag)"
    })
    expect(
      decideExperiment(
        { ...experiment({ tags: tags({ [TAG.timeout]: 'soon' }) }), startedAt: NOW - 1800_001 },
        facts()
      ).action
    ).toBe('stop')
  })

  it('is left, saying why, when GitHub could not tell', () => {
    const answer = { unknown: 'GitHub API: cannot read workflow run (HTTP 404: Not Found)' }
    expect(decideExperiment(experiment(), facts(answer))).toEqual({
      action: 'leave',
      why: 'fis-gate cannot tell whether its run has ended (GitHub API: cannot read workflow run (HTTP 404: Not Found)), so it is left until it outlives its timeout; it has run 5m of the 1h timeout it was started with'
    })
  })

  it('of a run in another repository is left without asking, unless past its timeout', () => {
    const foreign = experiment({
      tags: tags({
        [TAG.repository]: 'other-org/infra',
        [TAG.run]: 'other-org/infra#1001.2/chaos/x'
      })
    })
    const otherFacts = facts(undefined, {
      answers: new Map<string, RunAnswer>([['other-org/infra#1001.2', 'ended']])
    })
    expect(decideExperiment(foreign, otherFacts)).toEqual({
      action: 'leave',
      why: "fis-gate cannot tell whether its run has ended (its run other-org/infra#1001 attempt 2 is in another repository, whose runs this step's token cannot read), so it is left until it outlives its timeout; it has run 5m of the 1h timeout it was started with"
    })
    expect(decideExperiment({ ...foreign, startedAt: NOW - 2 * 3600_000 }, otherFacts).action).toBe(
      'stop'
    )
  })

  it('compares repositories without regard to case, as GitHub does', () => {
    expect(
      decideExperiment(experiment(), facts('ended', { repository: 'Octo-Org/Shop' })).action
    ).toBe('stop')
  })

  it('whose tags name no run is left, unless past its timeout', () => {
    const nameless = experiment({ tags: tags({ [TAG.runId]: undefined }) })
    expect(decideExperiment(nameless, facts())).toEqual({
      action: 'leave',
      why: expect.stringMatching(
        /^fis-gate cannot tell whether its run has ended \(its tags name no workflow run \(fis-gate:repository "octo-org\/shop", fis-gate:run-id ""\)\)/
      )
    })
    expect(decideExperiment({ ...nameless, startedAt: NOW - 4000_000 }, facts()).action).toBe(
      'stop'
    )
  })

  it('without a start time is judged by its run alone', () => {
    const timeless = experiment({ startedAt: undefined })
    expect(decideExperiment(timeless, facts('ended')).action).toBe('stop')
    expect(decideExperiment(timeless, facts({ unknown: 'no token' }))).toEqual({
      action: 'leave',
      why: 'fis-gate cannot tell whether its run has ended (no token), so it is left until it outlives its timeout; FIS gave no start time to judge its timeout by'
    })
  })

  it('that FIS is already stopping is left, even past its timeout and with its run ended', () => {
    const stopping = experiment({ status: 'stopping', startedAt: NOW - 9 * 3600_000 })
    expect(decideExperiment(stopping, facts('ended'))).toEqual({
      action: 'leave',
      why: 'FIS is already stopping it'
    })
  })

  it.each(['pending', 'initiating', 'running'])('is swept while %s', (status) => {
    expect(decideExperiment(experiment({ status }), facts('ended')).action).toBe('stop')
  })

  it.each(['completed', 'stopped', 'failed', 'cancelled'])('that is %s is left', (status) => {
    expect(decideExperiment(experiment({ status }), facts('ended')).action).toBe('leave')
  })
})

describe('a template', () => {
  const template = { id: 'EXT1', tags: tags(), createdAt: NOW - 10 * MINUTE }

  it('is deleted once its run has ended and nothing from it is active', () => {
    expect(decideTemplate(template, [], facts('ended'))).toEqual({
      action: 'delete',
      why: 'its workflow run octo-org/shop#1001 attempt 2 has ended'
    })
  })

  it('is kept when its run kept it on purpose (cleanup: false), even once the run has ended', () => {
    const kept = { ...template, tags: { ...template.tags, 'fis-gate:cleanup': 'false' } }
    expect(decideTemplate(kept, [], facts('ended'))).toEqual({
      action: 'leave',
      why: 'its run kept it on purpose (cleanup: false)'
    })
  })

  it('is kept while an experiment from it is active', () => {
    expect(decideTemplate(template, ['EXP7'], facts('ended'))).toEqual({
      action: 'leave',
      why: 'its workflow run octo-org/shop#1001 attempt 2 has ended, but EXP7 from it is still active'
    })
    expect(decideTemplate(template, ['EXP7', 'EXP8'], facts('ended'))).toEqual({
      action: 'leave',
      why: expect.stringMatching(/EXP7, EXP8 from it are still active$/)
    })
  })

  it('is kept while its run is in progress, whatever its age', () => {
    expect(
      decideTemplate({ ...template, createdAt: NOW - 99 * 3600_000 }, [], facts('in_progress'))
    ).toEqual({
      action: 'leave',
      why: 'its workflow run octo-org/shop#1001 attempt 2 is still in progress'
    })
  })

  it('is kept when fis-gate cannot tell: no timeout rule applies to templates', () => {
    expect(decideTemplate(template, [], facts({ unknown: 'no token' }))).toEqual({
      action: 'leave',
      why: 'fis-gate cannot tell whether its run has ended: no token'
    })
    const foreign = { ...template, tags: tags({ [TAG.repository]: 'other-org/infra' }) }
    expect(decideTemplate(foreign, [], facts('ended')).action).toBe('leave')
  })

  it('needs its run asked about first', () => {
    expect(decideTemplate(template, [], facts()).action).toBe('ask')
  })
})

describe('the verdict and its reason', () => {
  const row = (outcome: SweepRow['outcome'], kind: SweepRow['kind'] = 'experiment'): SweepRow =>
    sweepRow(kind, { id: `${kind}-${outcome}`, tags: tags() }, NOW - MINUTE, NOW, outcome, 'why')

  it('passes when nothing needed stopping, templates deleted or not', () => {
    const rows = [row('left'), row('deleted', 'template')]
    expect(sweepVerdict(rows, { listing: false, cancelled: false })).toBe('pass')
    expect(sweepReason('pass', rows, [], false)).toBe('Nothing needed stopping; 1 template deleted')
    expect(sweepReason('pass', [], [], false)).toBe('Nothing needed stopping')
  })

  it.each(['stopped', 'would-stop', 'ended-before-stop'] as const)(
    'fails when an experiment needed stopping (%s)',
    (outcome) => {
      expect(sweepVerdict([row('left'), row(outcome)], { listing: false, cancelled: false })).toBe(
        'fail'
      )
    }
  )

  it('says what was stopped and why, or what would be in a dry run', () => {
    const rows = [row('stopped'), row('left'), row('deleted', 'template')]
    expect(sweepReason('fail', rows, [], false)).toBe(
      '1 experiment needed stopping: experiment-stopped (why); 1 template deleted'
    )
    const dry = [row('would-stop'), row('would-stop'), row('would-delete', 'template')]
    expect(sweepReason('fail', dry, [], true)).toBe(
      '2 experiments would be stopped (dry run: nothing was stopped): experiment-would-stop (why), experiment-would-stop (why); 1 template would be deleted'
    )
  })

  it('is an error when a stop was not confirmed or a delete failed, over fail', () => {
    const rows = [row('stopped'), row('stop-unconfirmed'), row('delete-failed', 'template')]
    expect(sweepVerdict(rows, { listing: false, cancelled: false })).toBe('error')
    expect(sweepReason('error', rows, [], false)).toBe(
      'FIS has not confirmed the stop of experiment-stop-unconfirmed; 1 template could not be deleted: template-delete-failed'
    )
  })

  it('is an error when FIS could not be listed', () => {
    expect(sweepVerdict([], { listing: true, cancelled: false })).toBe('error')
    expect(sweepReason('error', [], ['FIS ListExperiments failed: AccessDenied'], false)).toBe(
      'FIS ListExperiments failed: AccessDenied'
    )
  })

  it('is cancelled when the workflow was, whatever else happened', () => {
    expect(sweepVerdict([row('stop-unconfirmed')], { listing: true, cancelled: true })).toBe(
      'cancelled'
    )
  })

  it('gives each row its file, run and age', () => {
    expect(row('left')).toEqual({
      kind: 'experiment',
      id: 'experiment-left',
      status: undefined,
      file: 'carts',
      run: runIdentityOf(tags()),
      ageSeconds: 60,
      outcome: 'left',
      why: 'why'
    })
  })
})
