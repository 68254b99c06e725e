/** The machine-readable report of a plan or run (schemas/report.schema.json). */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { WorkflowRun } from '../run/context.js'
import type { ExperimentRun, Verdict } from '../run/model.js'
import type { Finding } from '../validate/findings.js'
import { ACTION_VERSION } from '../version.js'

export const REPORT_FILE = 'fis-gate-report.json'

export interface RunReport {
  mode: 'plan' | 'run'
  verdict: Verdict
  startedAt: number
  finishedAt: number
  workflow: WorkflowRun
  findings: readonly Finding[]
  runs: readonly ExperimentRun[]
}

const iso = (time: number | undefined): string | undefined =>
  time === undefined ? undefined : new Date(time).toISOString()

/** Plain JSON: times as ISO-8601 strings, absent values left out. */
export function toJsonReport(report: RunReport): object {
  return {
    schemaVersion: 1,
    tool: { name: 'fis-gate', version: ACTION_VERSION },
    mode: report.mode,
    verdict: report.verdict,
    startedAt: iso(report.startedAt),
    finishedAt: iso(report.finishedAt),
    workflow: report.workflow,
    findings: report.findings,
    experiments: report.runs.map((run) => ({
      ...run,
      startTime: iso(run.startTime),
      endTime: iso(run.endTime),
      actions: run.actions.map((action) => ({
        ...action,
        startTime: iso(action.startTime),
        endTime: iso(action.endTime)
      })),
      alarms: run.alarms.map((alarm) => ({ ...alarm, firedAt: iso(alarm.firedAt) })),
      timeline: run.timeline.map((event) => ({ ...event, time: iso(event.time) }))
    }))
  }
}

export async function writeJsonReport(directory: string, report: RunReport): Promise<string> {
  await mkdir(directory, { recursive: true })
  const path = join(directory, REPORT_FILE)
  await writeFile(path, `${JSON.stringify(toJsonReport(report), null, 2)}\n`)
  return path
}
