/**
 * The emulated world every service shares: the scenario, the clock, experiments and alarms.
 * Services call `sync()` before reading anything so that the state they report is the state at
 * the emulator's present.
 */
import { AlarmBoard, alarmArn } from './alarms.js'
import { createClock, type Clock } from './clock.js'
import { ExperimentEngine } from './experiments.js'
import { seededRandom } from './random.js'
import type { AlarmStateValue, ScenarioModel } from './scenario.js'

export class World {
  readonly clock: Clock
  readonly experiments: ExperimentEngine
  readonly alarms: AlarmBoard
  /** Ids come from their own stream so that fault dice or noise never shift them. */
  readonly idRandom: () => number

  constructor(readonly scenario: ScenarioModel) {
    this.clock = createClock(scenario.clock, scenario.timeScale)
    this.idRandom = seededRandom(scenario.seed)
    this.experiments = new ExperimentEngine(scenario, this.idRandom, this.clock)
    this.alarms = new AlarmBoard(scenario.alarms, this.clock.anchor, this.experiments)
    this.experiments.attachAlarms(this.alarms)
  }

  /** Brings experiments and alarms up to the present and returns it (epoch ms). */
  sync(): number {
    const now = this.clock.now()
    this.experiments.advanceTo(now)
    return now
  }

  /** Sets an alarm's state as of now; false when the scenario has no such alarm. */
  setAlarmState(name: string, state: AlarmStateValue, reason?: string): boolean {
    const now = this.sync()
    if (!this.alarms.find(name)) return false
    this.alarms.setState(name, state, reason ?? `Set to ${state} by hand (emulator control).`, now)
    this.experiments.advanceTo(now)
    return true
  }

  /** Throws a ClockError on a wall clock. */
  advance(seconds: number): void {
    this.sync()
    this.clock.advance(seconds)
    this.sync()
  }

  alarmArn(name: string): string {
    return alarmArn(this.scenario.region, this.scenario.account, name)
  }
}
