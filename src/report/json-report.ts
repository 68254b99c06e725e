/**
 * The machine-readable reports: of a plan or run (schemas/report.schema.json), and of a sweep
 * (schemas/sweep-report.schema.json).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { WorkflowRun } from '../run/context.js'
import type { ExperimentRun, Verdict } from '../run/model.js'
import type { SweepResult } from '../run/sweep.js'
import type { Finding } from '../validate/findings.js'
import { ACTION_VERSION } from '../version.js'

export const REPORT_FILE = 'fis-gate-report.json'
/** Its own file: a sweep and a run in one job share the report directory. */
export const SWEEP_REPORT_FILE = 'fis-gate-sweep.json'

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

/**
 * Plain JSON: times as ISO-8601 strings, absent values left out. An experiment's times (its
 * start and end, its actions', `firedAt`, the timeline's) are FIS's and CloudWatch's own, as
 * ExperimentRun holds them: an untimed timeline event has no `time` (see TimelineEvent). Only
 * `startedAt` and `finishedAt`, when fis-gate itself ran, are the runner's clock.
 */
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

async function writeJson(directory: string, file: string, json: object): Promise<string> {
  await mkdir(directory, { recursive: true })
  const path = join(directory, file)
  await writeFile(path, `${JSON.stringify(json, null, 2)}\n`)
  return path
}

export function writeJsonReport(directory: string, report: RunReport): Promise<string> {
  return writeJson(directory, REPORT_FILE, toJsonReport(report))
}

export interface SweepReport extends SweepResult {
  startedAt: number
  finishedAt: number
  workflow: WorkflowRun
}

export function toSweepJsonReport(report: SweepReport): object {
  return {
    schemaVersion: 1,
    tool: { name: 'fis-gate', version: ACTION_VERSION },
    mode: 'sweep',
    verdict: report.verdict,
    reason: report.reason,
    dryRun: report.dryRun,
    region: report.region,
    startedAt: iso(report.startedAt),
    finishedAt: iso(report.finishedAt),
    workflow: report.workflow,
    items: report.rows.map(({ run, ...row }) => ({
      ...row,
      run: run && { repository: run.repository, runId: run.runId, attempt: run.attempt }
    })),
    untagged: report.untagged,
    problems: report.problems
  }
}

export function writeSweepReport(directory: string, report: SweepReport): Promise<string> {
  return writeJson(directory, SWEEP_REPORT_FILE, toSweepJsonReport(report))
}
