/**
 * JUnit XML: a testsuite per experiment, a testcase for the FIS outcome and one per hypothesis
 * check. A breach is a <failure>; no data or an infrastructure problem is an <error>; a check that
 * was never evaluated is <skipped>. Readable by the common JUnit reporters (dorny/test-reporter,
 * mikepenz/action-junit-report, EnricoMi/publish-unit-test-result-action).
 */
import type { ExperimentRun } from '../run/model.js'

export const JUNIT_FILE = 'fis-gate-junit.xml'

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}

/**
 * Every code point outside XML 1.0's Char production (tab, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD, U+10000–U+10FFFF): the other C0 controls, U+FFFE, U+FFFF and, read by code
 * point, lone surrogates. A document holding one is not well-formed, so reporters reject the file.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** XML-escaped text or attribute value, without the characters XML 1.0 forbids. */
export function xml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (char) => ENTITIES[char] as string)
}

interface TestCase {
  name: string
  classname: string
  seconds: number
  outcome: { kind: 'failure' | 'error' | 'skipped'; type: string; message: string } | undefined
  output?: string
}

function fisCase(run: ExperimentRun): TestCase {
  const classname = `fis-gate.${run.name}`
  const seconds =
    run.startTime !== undefined && run.endTime !== undefined
      ? (run.endTime - run.startTime) / 1000
      : 0
  // FIS's own outcome: a breach or an undecided hypothesis is reported by the check testcases.
  const fisWorked =
    (run.status === 'completed' &&
      run.actions.every((action) => action.status === 'completed' || run.mode === 'plan')) ||
    (run.status === 'stopped' && run.verdict === 'fail' && run.hypothesis !== undefined)
  const outcome: TestCase['outcome'] = !run.experimentId
    ? run.verdict === 'error'
      ? { kind: 'error', type: 'error', message: run.reason }
      : { kind: 'skipped', type: run.verdict, message: `not started: ${run.reason}` }
    : fisWorked && run.verdict !== 'aborted'
      ? undefined
      : run.verdict === 'aborted' || run.verdict === 'fail'
        ? { kind: 'failure', type: run.verdict, message: run.reason }
        : run.verdict === 'cancelled'
          ? { kind: 'skipped', type: 'cancelled', message: run.reason }
          : { kind: 'error', type: run.verdict, message: run.reason }
  return {
    name: `FIS ${run.mode === 'plan' ? 'plan' : 'experiment'}${run.experimentId ? ` ${run.experimentId}` : ''}`,
    classname,
    seconds,
    outcome,
    output: run.timeline
      .map(
        (event) =>
          `${event.time === undefined ? '(no AWS time)' : new Date(event.time).toISOString()} ${event.source} ${event.name}: ${event.from ? `${event.from} -> ` : ''}${event.to}`
      )
      .join('\n')
  }
}

function checkCases(run: ExperimentRun): TestCase[] {
  return (run.hypothesis?.checks ?? []).map((check) => {
    const worst = check.phases.find((phase) => phase.status === check.status) ?? check.phases[0]
    const details = check.phases
      .map((phase) => `${phase.phase}: ${phase.status} — ${phase.reason}`)
      .join('\n')
    const outcome: TestCase['outcome'] =
      check.status === 'breach'
        ? { kind: 'failure', type: 'breach', message: `${worst?.phase}: ${worst?.reason ?? ''}` }
        : check.status === 'inconclusive'
          ? {
              kind: 'error',
              type: 'inconclusive',
              message: `${worst?.phase ?? 'no phase'}: ${worst?.reason ?? 'not evaluated'}`
            }
          : undefined
    return {
      name: check.name,
      classname: `fis-gate.${run.name}.hypothesis`,
      seconds: 0,
      outcome,
      output: details
    }
  })
}

function renderCase(test: TestCase): string {
  const open = `    <testcase name="${xml(test.name)}" classname="${xml(test.classname)}" time="${test.seconds.toFixed(3)}"`
  const body: string[] = []
  if (test.outcome?.kind === 'skipped')
    body.push(`      <skipped message="${xml(test.outcome.message)}"/>`)
  else if (test.outcome)
    body.push(
      `      <${test.outcome.kind} type="${xml(test.outcome.type)}" message="${xml(test.outcome.message)}">${xml(test.outcome.message)}</${test.outcome.kind}>`
    )
  if (test.output) body.push(`      <system-out>${xml(test.output)}</system-out>`)
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`
}

export function toJunit(runs: readonly ExperimentRun[], timestamp: number): string {
  const suites = runs.map((run) => {
    const cases = [fisCase(run), ...checkCases(run)]
    const count = (kind: string): number =>
      cases.filter((test) => test.outcome?.kind === kind).length
    const seconds = cases.reduce((sum, test) => sum + test.seconds, 0)
    return [
      `  <testsuite name="${xml(run.file)}" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}" timestamp="${new Date(run.startTime ?? timestamp).toISOString().slice(0, 19)}">`,
      ...cases.map(renderCase),
      '  </testsuite>'
    ].join('\n')
  })
  const all = runs.map((run) => [fisCase(run), ...checkCases(run)]).flat()
  const total = (kind: string): number => all.filter((test) => test.outcome?.kind === kind).length
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fis-gate" tests="${all.length}" failures="${total('failure')}" errors="${total('error')}" skipped="${total('skipped')}">\n${suites.join('\n')}\n</testsuites>\n`
}
