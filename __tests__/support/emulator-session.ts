/**
 * Emulators started inside a test, with SDK clients, stopped after it; and the SDK error a
 * call rejects with.
 */
import { afterEach } from '@jest/globals'
import { startEmulator, type Emulator, type Scenario } from '../../emulator/index.js'
import { awsClients, type AwsClients } from './emulator-clients.js'
import { testScenario } from './test-scenario.js'

export interface Session {
  emulator: Emulator
  aws: AwsClients
}

/** Call at the top of a test file: returns `world(overrides)`, which starts an emulator. */
export function emulatorPerTest(): (
  overrides?: Partial<Scenario>,
  options?: { maxAttempts?: number }
) => Promise<Session> {
  const started: Session[] = []
  afterEach(async () => {
    for (const { emulator, aws } of started.splice(0)) {
      aws.destroy()
      await emulator.stop()
    }
  })
  return async (overrides = {}, options = {}) => {
    const emulator = await startEmulator({ scenario: testScenario(overrides) })
    const session = { emulator, aws: awsClients(emulator, options) }
    started.push(session)
    return session
  }
}

export type SdkError = Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }

/** The error `call` rejects with; fails the test when it resolves. */
export async function rejection(call: Promise<unknown>): Promise<SdkError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught
  )
  if (!(error instanceof Error)) throw new Error('the call did not fail')
  return error as SdkError
}
