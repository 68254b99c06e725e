/**
 * `npm run emulator -- --scenario FILE [--port N] [--time-scale N]`
 *
 * Starts the emulator and prints `export NAME=value` lines (endpoints, fake credentials,
 * region) on stdout, so a shell, the AWS CLI or the built action can be pointed at it. Serves
 * until SIGINT or SIGTERM (or POST /_emulator/shutdown), then exits 0.
 */
import { parseArgs } from 'node:util'
import { startEmulator } from './index.js'

const USAGE = 'usage: npm run emulator -- --scenario FILE [--port N] [--time-scale N]'

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0)
    throw new Error(`--${name} must be a number, got ${value}`)
  return number
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      port: { type: 'string' },
      'time-scale': { type: 'string' },
      help: { type: 'boolean' }
    }
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  if (!values.scenario) throw new Error(`--scenario is required\n${USAGE}`)
  const emulator = await startEmulator({
    scenario: values.scenario,
    port: numberOption(values.port, 'port'),
    timeScale: numberOption(values['time-scale'], 'time-scale')
  })
  for (const [name, value] of Object.entries(emulator.env)) console.log(`export ${name}=${value}`)
  // The pid is printed because wrappers such as npx do not pass SIGTERM on to this process.
  console.error(
    `fis-gate emulator (pid ${process.pid}): serving ${values.scenario} at ${emulator.url} ` +
      `(account ${emulator.account}, ${emulator.region}); Ctrl-C or SIGTERM to stop`
  )
  const stop = (): void => {
    void emulator.stop()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  await emulator.closed
  process.off('SIGINT', stop)
  process.off('SIGTERM', stop)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`fis-gate emulator: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
