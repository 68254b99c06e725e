/**
 * The local FIS + CloudWatch + STS emulator, for tests and demos. See docs/emulator.md.
 *
 *   const emulator = await startEmulator({ scenario: 'examples/scenarios/steady.json' })
 *   new FisClient({ endpoint: emulator.url, region: 'eu-west-1', credentials })
 *   ...
 *   await emulator.stop()
 */
import { experimentView, type ExperimentView } from './experiments.js'
import { loadScenario, type AlarmStateValue, type Scenario } from './scenario.js'
import { EmulatorServer, type CallRecord } from './server.js'
import { World } from './world.js'

export type { CallRecord } from './server.js'
export type { ClockMode } from './clock.js'
export { ClockError } from './clock.js'
export type { ExperimentView } from './experiments.js'
export type {
  AlarmStateValue,
  Scenario,
  ScenarioActionOutcome,
  ScenarioAlarm,
  ScenarioEffect,
  ScenarioFault,
  ScenarioMetric,
  ScenarioResource,
  JsonValue
} from './scenario.js'
export { ScenarioError } from './scenario.js'

export interface EmulatorOptions {
  /** A scenario object, or the path of a scenario JSON file. */
  scenario: Scenario | string
  /** Default 0: any free port. */
  port?: number
  /** Overrides the scenario's timeScale. */
  timeScale?: number
}

/** Fake credentials: the emulator does not check signatures, but SDKs insist on signing. */
export const EMULATOR_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATORFISGATE0',
  secretAccessKey: 'emulator-secret-access-key',
  sessionToken: 'emulator-session-token'
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`, the endpoint of all three services. */
  url: string
  /** AWS_ENDPOINT_URL_FIS/_CLOUDWATCH/_STS, fake credentials and AWS_REGION. */
  env: Record<string, string>
  region: string
  account: string
  /** Every AWS call so far, oldest first (copies). */
  calls(): CallRecord[]
  /** Current experiments, brought up to the present (copies). */
  experiments(): ExperimentView[]
  /** Sets an alarm's state as of now; throws when the scenario has no such alarm. */
  setAlarmState(name: string, state: AlarmStateValue, reason?: string): void
  /** Moves an accelerated clock forward by this many seconds; throws ClockError on a wall clock. */
  advance(seconds: number): void
  /** The emulator's present, epoch milliseconds (the wall clock unless the clock is accelerated). */
  now(): number
  /** Stops the server and closes every connection. */
  stop(): Promise<void>
  /** Settles once the emulator has stopped, by `stop()` or by `POST /_emulator/shutdown`. */
  closed: Promise<void>
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const scenario = loadScenario(options.scenario)
  if (options.timeScale !== undefined) {
    if (!(options.timeScale > 0)) throw new RangeError('timeScale must be a positive number')
    scenario.timeScale = options.timeScale
  }
  const world = new World(scenario)
  let markClosed = (): void => undefined
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve
  })
  const server = new EmulatorServer(world, () => void stop())
  const stop = (): Promise<void> => server.close().then(markClosed)
  const port = await server.listen(options.port ?? 0)
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    env: {
      AWS_ENDPOINT_URL_FIS: url,
      AWS_ENDPOINT_URL_CLOUDWATCH: url,
      AWS_ENDPOINT_URL_STS: url,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: EMULATOR_CREDENTIALS.sessionToken,
      AWS_REGION: scenario.region
    },
    region: scenario.region,
    account: scenario.account,
    calls: () => structuredClone(server.calls),
    experiments: () => {
      world.sync()
      return world.experiments.all().map(experimentView)
    },
    setAlarmState: (name, state, reason) => {
      if (!world.setAlarmState(name, state, reason)) {
        throw new Error(`the scenario has no alarm ${name}`)
      }
    },
    advance: (seconds) => world.advance(seconds),
    now: () => world.clock.now(),
    stop,
    closed
  }
}
