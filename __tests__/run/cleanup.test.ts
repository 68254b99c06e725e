/**
 * The post step's cleanup against the emulator, on a clock it is handed (its 90 s confirmation
 * wait passes at once): it claims a stop only when FIS confirmed the experiment ended, and names
 * what it could not confirm with what to do.
 */
import { describe, expect, it } from '@jest/globals'
import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis'
import { callLimits } from '../../src/aws/call-limits.js'
import { cleanUpRun, describeCleanup } from '../../src/run/cleanup.js'
import { TAG, type RunState } from '../../src/run/state.js'
import { cartsTemplate, type AwsClients } from '../support/emulator-clients.js'
import { emulatorPerTest } from '../support/emulator-session.js'
import { skippingClock } from '../support/skipping-clock.js'
import type { Clock } from '../../src/run/context.js'
import type { Emulator } from '../../emulator/index.js'
import { StopExperimentCommand } from '@aws-sdk/client-fis'

const world = emulatorPerTest()

/** Starts a twelve-hour experiment; its id. */
async function runningExperiment(aws: AwsClients): Promise<string> {
  return (await startedExperiment(aws)).experimentId
}

async function startedExperiment(
  aws: AwsClients,
  tags: Record<string, string> = {}
): Promise<{ experimentId: string; templateId: string }> {
  const created = await aws.fis.send(
    new CreateExperimentTemplateCommand(cartsTemplate({ duration: 'PT12H' }))
  )
  const templateId = created.experimentTemplate?.id as string
  const started = await aws.fis.send(
    new StartExperimentCommand({ experimentTemplateId: templateId, tags })
  )
  return { experimentId: started.experiment?.id as string, templateId }
}

function cleanup(
  aws: AwsClients,
  region: string,
  experimentId: string,
  state: Partial<RunState> = {}
) {
  const clock = skippingClock()
  const warnings: string[] = []
  return cleanUpRun(
    {
      clients: aws,
      clock,
      log: {
        info: () => undefined,
        warning: (message) => warnings.push(message),
        group: (_name, run) => run()
      },
      limits: callLimits(new AbortController().signal, 30_000, clock.now),
      random: () => 0.5,
      cancellation: new AbortController().signal
    },
    {
      region,
      runTag: '',
      cleanup: false,
      experiments: [{ experimentId, file: 'x.json' }],
      templates: [],
      ...state
    }
  ).then((report) => ({ report, warnings }))
}

describe('cleanUpRun', () => {
  it('reports a stop only once FIS says the experiment ended', async () => {
    const { emulator, aws } = await world()
    const id = await runningExperiment(aws)
    const { report } = await cleanup(aws, emulator.region, id)
    const ended = emulator.experiments()[0]
    expect(ended?.status).toBe('stopped')
    expect(typeof ended?.endTime).toBe('number')
    expect(report).toEqual({
      experiments: [
        {
          experimentId: id,
          file: 'x.json',
          foundBy: 'state',
          action: 'stopped',
          lastState: 'stopped',
          endTime: ended?.endTime
        }
      ],
      templates: [],
      unansweredStarts: []
    })
    expect(describeCleanup(report, emulator.region)).toEqual({
      line: 'fis-gate post: 1 experiment stopped and confirmed ended, 0 already ended, 0 templates deleted'
    })
    expect(emulator.experiments()[0]?.status).toBe('stopped')
  })

  it('names an experiment whose StopExperiment FIS refused, with the CLI command and the console link', async () => {
    const { emulator, aws } = await world({
      faults: [{ type: 'access-denied', operations: ['StopExperiment'] }]
    })
    const id = await runningExperiment(aws)
    const { report, warnings } = await cleanup(aws, emulator.region, id)
    expect(report.experiments).toEqual([
      {
        experimentId: id,
        file: 'x.json',
        foundBy: 'state',
        action: 'not-confirmed',
        lastState: 'running',
        stopError: expect.stringMatching(
          new RegExp(`^FIS StopExperiment ${id} failed: AccessDeniedException: `)
        )
      }
    ])
    expect(warnings).toContainEqual(
      expect.stringMatching(/has not confirmed that it ended within 90 s/)
    )
    const { failure } = describeCleanup(report, emulator.region)
    expect(failure).toMatch(
      new RegExp(
        `^fis-gate post: FIS has not confirmed that 1 experiment ended, so a fault may still be active\\. ${id} \\(last state running; FIS StopExperiment ${id} failed: AccessDeniedException: .*\\): stop it with \`aws fis stop-experiment --id ${id} --region eu-west-1\` or in the FIS console: https://eu-west-1\\.console\\.aws\\.amazon\\.com/fis/home\\?region=eu-west-1#ExperimentDetails:ExperimentId=${id}$`
      )
    )
    expect(emulator.experiments()[0]?.status).toBe('running')
  })

  it('fails, naming the risk, when main began a start it never saw answered and the search by tag is refused', async () => {
    const { emulator, aws } = await world({
      faults: [{ type: 'access-denied', operations: ['ListExperiments'] }]
    })
    const clock = skippingClock()
    const report = await cleanUpRun(
      {
        clients: aws,
        clock,
        log: { info: () => undefined, warning: () => undefined, group: (_name, run) => run() },
        limits: callLimits(new AbortController().signal, 30_000, clock.now),
        random: () => 0.5,
        cancellation: new AbortController().signal
      },
      {
        region: emulator.region,
        runTag: 'octo-org/shop#1.1/chaos/abcd1234',
        cleanup: true,
        experiments: [],
        templates: [],
        pendingStarts: [{ templateId: 'EXT1', file: 'x.json' }]
      }
    )
    expect(report.unsearched).toMatch(/^FIS ListExperiments failed: AccessDeniedException/)
    expect(describeCleanup(report, emulator.region).failure).toMatch(
      /^fis-gate post: FIS has not confirmed that 1 experiment ended, so a fault may still be active\. the main step began a StartExperiment whose outcome it never learned, and the search for it failed/
    )
  })

  it('waits for an experiment already stopping, and reports the end time FIS gives', async () => {
    const { emulator, aws } = await world({
      clock: 'accelerated',
      timeScale: 1,
      stopDelay: 'PT10S'
    })
    const id = await runningExperiment(aws)
    await aws.fis.send(new StopExperimentCommand({ id }))
    const before = emulator.calls().length
    // Post's waits move the emulator's clock: FIS ends the stop after ten of its seconds.
    const clock: Clock = {
      now: () => emulator.now(),
      sleep: async (ms) => emulator.advance(ms / 1000)
    }
    const report = await cleanUpRun(
      contextOn(aws, clock),
      state(emulator, { experiments: [{ experimentId: id, file: 'x.json' }] })
    )
    const ended = emulator.experiments()[0]
    expect(ended?.status).toBe('stopped')
    expect(report.experiments).toEqual([
      {
        experimentId: id,
        file: 'x.json',
        foundBy: 'state',
        action: 'stop-awaited',
        lastState: 'stopped',
        endTime: ended?.endTime
      }
    ])
    expect(typeof ended?.endTime).toBe('number')
    expect(
      emulator
        .calls()
        .slice(before)
        .map((call) => call.operation)
    ).not.toContain('StopExperiment')
  })

  it('finds by the run tag the experiment of a start main never saw answered, and accounts for every template', async () => {
    const runTag = 'octo-org/shop#1.1/chaos/abcd1234'
    const { emulator, aws } = await world()
    const unrecorded = await startedExperiment(aws, { [TAG.run]: runTag })
    const { templateId: leftOver } = await startedExperiment(aws)
    const report = await cleanUpRun(
      contextOn(aws, skippingClock()),
      state(emulator, {
        runTag,
        cleanup: true,
        templates: [
          { templateId: 'EXTmain', file: 'a.json', deleted: true },
          { templateId: leftOver, file: 'b.json', deleted: false }
        ],
        pendingStarts: [{ templateId: unrecorded.templateId, file: 'c.json' }]
      })
    )
    expect(report.experiments).toEqual([
      expect.objectContaining({
        experimentId: unrecorded.experimentId,
        file: 'c.json',
        foundBy: 'run-tag',
        action: 'stopped',
        lastState: 'stopped'
      })
    ])
    expect(report.unansweredStarts).toEqual([
      { templateId: unrecorded.templateId, file: 'c.json', experimentId: unrecorded.experimentId }
    ])
    expect(report.templates).toEqual([
      { templateId: 'EXTmain', file: 'a.json', outcome: 'deleted-by-main' },
      { templateId: leftOver, file: 'b.json', outcome: 'deleted' }
    ])
    expect(describeCleanup(report, emulator.region)).toEqual({
      line: 'fis-gate post: 1 experiment stopped and confirmed ended, 0 already ended, 1 template deleted'
    })
  })

  it('keeps a template with cleanup: false, and says why a delete failed', async () => {
    const { emulator, aws } = await world({
      faults: [{ type: 'access-denied', operations: ['DeleteExperimentTemplate'] }]
    })
    const kept = await startedExperiment(aws)
    const templates = [{ templateId: kept.templateId, file: 'a.json', deleted: false }]
    const keep = await cleanUpRun(
      contextOn(aws, skippingClock()),
      state(emulator, { cleanup: false, templates })
    )
    expect(keep.templates).toEqual([
      { templateId: kept.templateId, file: 'a.json', outcome: 'kept', reason: 'cleanup: false' }
    ])
    const refused = await cleanUpRun(
      contextOn(aws, skippingClock()),
      state(emulator, { cleanup: true, templates })
    )
    expect(refused.templates).toEqual([
      {
        templateId: kept.templateId,
        file: 'a.json',
        outcome: 'delete-failed',
        reason: expect.stringMatching(
          new RegExp(
            `^FIS DeleteExperimentTemplate ${kept.templateId} failed: AccessDeniedException: `
          )
        )
      }
    ])
  })

  it('does not claim an unanswered start is settled when the post step is cancelled during its search', async () => {
    const { emulator, aws } = await world()
    const cancel = new AbortController()
    cancel.abort()
    const clock = skippingClock()
    const report = await cleanUpRun(
      { ...contextOn(aws, clock), cancellation: cancel.signal },
      state(emulator, {
        runTag: 'octo-org/shop#1.1/chaos/abcd1234',
        pendingStarts: [{ templateId: 'EXT1', file: 'x.json' }]
      })
    )
    expect(report.searchCutShort).toBe(true)
    expect(describeCleanup(report, emulator.region).failure).toMatch(
      /^fis-gate post: FIS has not confirmed that 1 experiment ended, so a fault may still be active\. the main step began a StartExperiment whose outcome it never learned, and the post step was cancelled before its search for it ended/
    )
  })
})

function contextOn(aws: AwsClients, clock: Clock) {
  return {
    clients: aws,
    clock,
    log: {
      info: () => undefined,
      warning: () => undefined,
      group: <T>(_name: string, run: () => Promise<T>) => run()
    },
    limits: callLimits(new AbortController().signal, 30_000, () => clock.now()),
    random: () => 0.5,
    cancellation: new AbortController().signal
  }
}

function state(emulator: Emulator, changes: Partial<RunState>): RunState {
  return {
    region: emulator.region,
    runTag: '',
    cleanup: true,
    experiments: [],
    templates: [],
    ...changes
  }
}
