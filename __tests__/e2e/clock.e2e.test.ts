/**
 * One clock, end to end: the bundled action against an emulator whose FIS clock is not the
 * runner's (accelerated, time scale 300, and half an hour ahead before the run starts). Every
 * time in the JSON report's timeline must be FIS's or CloudWatch's, in order, within the
 * experiment; the run's duration must be FIS's own.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator, type Scenario } from '../../emulator/index.js'
import { killRunningActions, runAction } from '../support/action-harness.js'
import { cartsTemplate } from '../support/emulator-clients.js'
import { testScenario, withAlarm } from '../support/test-scenario.js'
import { tempWorkspace, type Workspace } from '../support/validate-files.js'

/** How far the emulator's FIS runs ahead of the runner before the action starts. */
const AHEAD_S = 1800

let emulator: Emulator | undefined
let workspace: Workspace | undefined

afterEach(async () => {
  killRunningActions()
  await emulator?.stop()
  emulator = undefined
  workspace?.remove()
  workspace = undefined
})

interface ReportEvent {
  time?: string
  source: string
  name: string
  to: string
}

interface ReportExperiment {
  verdict: string
  status?: string
  startTime?: string
  endTime?: string
  actions: { name: string; startTime?: string; endTime?: string }[]
  alarms: { name: string; firedAt?: string }[]
  timeline: ReportEvent[]
}

async function aheadWorld(overrides: Partial<Scenario> = {}): Promise<Emulator> {
  emulator = await startEmulator({
    scenario: testScenario({
      clock: 'accelerated',
      timeScale: 300,
      initiationDelay: 'PT2S',
      ...overrides
    })
  })
  emulator.advance(AHEAD_S)
  return emulator
}

async function report(
  mode: 'plan' | 'run',
  options: { duration?: string; timeout?: string } = {}
): Promise<{
  experiment: ReportExperiment
  runnerStart: number
  fisBefore: number
}> {
  if (!emulator) throw new Error('no emulator')
  workspace = tempWorkspace({
    'experiments/carts.json': {
      template: cartsTemplate({
        alarm: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:carts-5xx',
        duration: options.duration
      })
    }
  })
  const runnerStart = Date.now()
  const fisBefore = emulator.now()
  const result = await runAction({
    workspace: workspace.root,
    runnerTemp: workspace.runnerTemp,
    emulator,
    runId: `${runnerStart}`,
    inputs: {
      mode,
      experiments: 'experiments/*.json',
      'poll-interval': '200ms',
      ...(options.timeout ? { timeout: options.timeout } : {})
    }
  })
  const path = result.outputs.report
  if (!path) throw new Error(`no report: ${result.stderr}`)
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { experiments: ReportExperiment[] }
  const experiment = parsed.experiments[0]
  if (!experiment) throw new Error('no experiment in the report')
  return { experiment, runnerStart, fisBefore }
}

const epoch = (iso: string | undefined): number => {
  if (iso === undefined) throw new Error('no time')
  return Date.parse(iso)
}

/** What every timeline must be: one clock (FIS's), in order, within the experiment. */
function expectOneClock(
  experiment: ReportExperiment,
  { runnerStart, fisBefore }: { runnerStart: number; fisBefore: number }
): void {
  const fis = emulator?.experiments()[0]
  if (fis?.endTime === undefined) throw new Error('FIS has not ended the experiment')
  // The premise: FIS's clock is not the runner's.
  expect(fisBefore - runnerStart).toBeGreaterThanOrEqual(AHEAD_S * 1000)

  // The run's duration is FIS's own.
  expect(epoch(experiment.startTime)).toBe(fis.startTime)
  expect(epoch(experiment.endTime)).toBe(fis.endTime)
  expect(epoch(experiment.endTime) - epoch(experiment.startTime)).toBe(fis.endTime - fis.startTime)

  const timed = experiment.timeline.filter((event) => event.time !== undefined)
  const times = timed.map((event) => epoch(event.time))
  // In order.
  expect(times).toEqual([...times].sort((a, b) => a - b))
  // FIS's times of the experiment and its actions, exactly.
  const fisTimes = new Set([
    fis.startTime,
    fis.endTime,
    ...Object.values(fis.actions).flatMap((action) => [action.startTime, action.endTime])
  ])
  const evidence = new Set(
    experiment.alarms.map((alarm) => alarm.firedAt).map((at) => at && epoch(at))
  )
  for (const event of timed) {
    const time = epoch(event.time)
    if (event.source === 'experiment' || event.source === 'action')
      expect({ event, fromFis: fisTimes.has(time) }).toEqual({ event, fromFis: true })
    if (event.source === 'fis-gate' && event.to === 'template created') {
      // The template's FIS creation time: on FIS's clock, before the start.
      expect(time).toBeGreaterThanOrEqual(fisBefore)
      expect(time).toBeLessThanOrEqual(fis.startTime)
      continue
    }
    // Within the experiment, or CloudWatch evidence read up to a minute after it.
    const within = time >= fis.startTime && time <= fis.endTime
    const asEvidence = event.source === 'alarm' && time <= fis.endTime + 60_000
    expect({ event, within: within || asEvidence || evidence.has(time) }).toEqual({
      event,
      within: true
    })
  }
}

describe('one clock', () => {
  it('times a run by FIS and CloudWatch alone, in order, with FIS’s duration', async () => {
    await aheadWorld(
      withAlarm('carts-5xx', {
        timeline: [
          { at: 'PT1M', state: 'ALARM', reason: 'Threshold Crossed' },
          { at: 'PT4M', state: 'OK' }
        ]
      })
    )
    const run = await report('run')
    expect(run.experiment).toMatchObject({ verdict: 'aborted', status: 'stopped' })
    expectOneClock(run.experiment, run)
    // The alarm's change is CloudWatch's time, the one the evidence gives.
    const fired = run.experiment.timeline.find(
      (event) => event.source === 'alarm' && event.to === 'ALARM'
    )
    expect(fired?.time).toBeDefined()
    expect(fired?.time).toBe(run.experiment.alarms[0]?.firedAt)
    // FIS, not fis-gate, stopped it: on the stop condition, at FIS's end time.
    expect(run.experiment.timeline).toContainEqual(
      expect.objectContaining({ source: 'experiment', to: 'stopped', time: run.experiment.endTime })
    )
  })

  it('gives fis-gate’s stop request no time, in its place between FIS’s times', async () => {
    await aheadWorld()
    const run = await report('run', { duration: 'PT12H', timeout: '2s' })
    expect(run.experiment).toMatchObject({ verdict: 'error', status: 'stopped' })
    expectOneClock(run.experiment, run)
    const events = run.experiment.timeline
    const stop = events.findIndex((event) => event.to.startsWith('stop requested'))
    expect(events[stop]).toMatchObject({ source: 'fis-gate', to: 'stop requested (timeout 2s)' })
    expect(events[stop]).not.toHaveProperty('time')
    const running = events.findIndex((event) => event.source === 'action' && event.to === 'running')
    const stopped = events.findIndex(
      (event) => event.source === 'experiment' && event.to === 'stopped'
    )
    expect(running).toBeGreaterThanOrEqual(0)
    expect(stop).toBeGreaterThan(running)
    expect(stopped).toBeGreaterThan(stop)
  })

  it('times a plan by FIS alone: the timeline spans what the duration says', async () => {
    await aheadWorld()
    const plan = await report('plan')
    expect(plan.experiment).toMatchObject({ verdict: 'pass', status: 'completed' })
    expectOneClock(plan.experiment, plan)
    const started = plan.experiment.timeline.find((event) =>
      event.to.startsWith('experiment started')
    )
    expect(started?.time).toBe(plan.experiment.startTime)
    const last = plan.experiment.timeline.at(-1)
    expect(last).toMatchObject({ source: 'fis-gate', to: 'template deleted' })
    expect(last).not.toHaveProperty('time')
  })
})
