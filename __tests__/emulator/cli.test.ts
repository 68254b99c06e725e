/**
 * The standalone emulator as `npm run emulator` starts it: exports on stdout, served until a
 * signal, exit 0. npx does not pass SIGTERM on to the process it runs, so the test signals the
 * emulator process itself (its pid is in the banner on stderr) and sees npx exit 0 through it.
 */
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { EMULATOR_CREDENTIALS } from '../../emulator/index.js'

describe('emulator CLI', () => {
  it('prints exports, honours --time-scale, serves SDK calls and exits 0 on SIGTERM', async () => {
    const child = spawn(
      'npx',
      [
        'tsx',
        'emulator/cli.ts',
        '--scenario',
        'examples/scenarios/steady.json',
        '--time-scale',
        '60'
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code))
    )
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const began = Date.now()
      while (!/pid (\d+)/.test(stderr) || !stdout.includes('AWS_REGION')) {
        if (Date.now() - began > 20_000) throw new Error(`the emulator did not start:\n${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      const exports = Object.fromEntries(
        [...stdout.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]])
      )
      expect(Object.keys(exports)).toEqual([
        'AWS_ENDPOINT_URL_FIS',
        'AWS_ENDPOINT_URL_CLOUDWATCH',
        'AWS_ENDPOINT_URL_STS',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_REGION'
      ])
      expect(exports.AWS_ENDPOINT_URL_FIS).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(exports.AWS_REGION).toBe('eu-west-1')

      const sts = new STSClient({
        endpoint: exports.AWS_ENDPOINT_URL_STS,
        region: exports.AWS_REGION,
        credentials: EMULATOR_CREDENTIALS
      })
      const identity = await sts.send(new GetCallerIdentityCommand({}))
      sts.destroy()
      expect(identity.Account).toBe('111122223333')
      const clock = await fetch(`${exports.AWS_ENDPOINT_URL_FIS}/_emulator/clock`)
      expect(await clock.json()).toMatchObject({ timeScale: 60 })

      process.kill(Number(/pid (\d+)/.exec(stderr)?.[1]), 'SIGTERM')
      const timeout = new Promise((resolve) => (timer = setTimeout(resolve, 15_000, 'running')))
      expect(await Promise.race([exited, timeout])).toBe(0)
    } finally {
      clearTimeout(timer)
      if (child.exitCode === null) process.kill(-(child.pid ?? 0), 'SIGKILL')
    }
  })
})
