/**
 * npm run bench — measures and prints, never asserts (tests never time things). Everything runs
 * the bundled action (dist/, so `npm run build` first) as the GitHub runner does, through the
 * test harness, against the local emulator where AWS is needed. Prints one Markdown table on
 * stdout, each figure a median beside its reference measured in the same run, and the machine;
 * progress goes to stderr. Takes about four minutes, most of it real-time experiments.
 */
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { measureRuns } from './run.js'
import { machine, markdownTable, mebibytes, MIB, type Row } from './stats.js'
import { measureValidation } from './validate.js'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const DIST_TARGET_MIB = 4

/** The bundle budget as the bundle test counts it: the .js files of dist/main and dist/post. */
function distSize(): Row {
  const folders = ['dist/main', 'dist/post'].map((folder) => {
    const bytes = readdirSync(join(ROOT, folder))
      .filter((file) => file.endsWith('.js'))
      .reduce((total, file) => total + statSync(join(ROOT, folder, file)).size, 0)
    return { folder, bytes }
  })
  const total = folders.reduce((sum, { bytes }) => sum + bytes, 0)
  return {
    measure: '`dist/*.js` size (dist/main and dist/post; source maps not counted)',
    median: mebibytes(total),
    reference: folders.map(({ folder, bytes }) => `${folder} ${mebibytes(bytes)}`).join(', '),
    target: `≤ ${DIST_TARGET_MIB} MiB`,
    met: total <= DIST_TARGET_MIB * MIB
  }
}

const progress = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

const machineLine = machine()
const started = performance.now()
const rows = [...(await measureValidation(progress)), ...(await measureRuns(progress)), distSize()]
progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`)
console.log(markdownTable(rows))
console.log()
console.log(machineLine)
