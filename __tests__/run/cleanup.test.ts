/**
 * The post step's cleanup against the emulator, on a clock it is handed (its 90 s confirmation
 * wait passes at once): it claims a stop only when FIS confirmed the experiment ended, and names
 * what it could not confirm with what to do.
 */
import { describe, expect, it } from '@jest/globals'
import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis'
import { callLimits } from '../../src/aws/call-limits.js'
import { cleanUpRun, describeCleanup } from '../../src/run/cleanup.js'
import { cartsTemplate, type AwsClients } from '../support/emulator-clients.js'
import { emulatorPerTest } from '../support/emulator-session.js'
import { skippingClock } from '../support/skipping-clock.js'

const world = emulatorPerTest()

/** Starts a twelve-hour experiment; its id. */
async function runningExperiment(aws: AwsClients): Promise<string> {
  const created = await aws.fis.send(
    new CreateExperimentTemplateCommand(cartsTemplate({ duration: 'PT12H' }))
  )
  const started = await aws.fis.send(
    new StartExperimentCommand({ experimentTemplateId: created.experimentTemplate?.id })
  )
  return started.experiment?.id as string
}

function cleanup(aws: AwsClients, region: string, experimentId: string) {
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
      templates: []
    }
  ).then((report) => ({ report, warnings }))
}

describe('cleanUpRun', () => {
  it('reports a stop only once FIS says the experiment ended', async () => {
    const { emulator, aws } = await world()
    const id = await runningExperiment(aws)
    const { report } = await cleanup(aws, emulator.region, id)
    expect(report).toEqual({
      stopped: [id],
      alreadyEnded: [],
      notConfirmed: [],
      deletedTemplates: []
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
    expect(report.stopped).toEqual([])
    expect(report.notConfirmed).toEqual([
      {
        experimentId: id,
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
})
