export const id = 847;
export const ids = [847];
export const modules = {

/***/ 904:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ fisExperimentConsoleUrl),
/* harmony export */   z: () => (/* binding */ stopByHand)
/* harmony export */ });
/** Where a person goes next: the AWS console and the CLI, for one FIS experiment. */
function fisExperimentConsoleUrl(region, experimentId) {
    return `https://${region}.console.aws.amazon.com/fis/home?region=${region}#ExperimentDetails:ExperimentId=${encodeURIComponent(experimentId)}`;
}
/** What to do about an experiment whose stop fis-gate could not confirm. */
function stopByHand(region, experimentId) {
    // Ids come from AWS: only a plain one goes into a command line a person may paste.
    const command = /^[A-Za-z0-9-]{1,64}$/.test(experimentId) && /^[a-z0-9-]{1,30}$/.test(region);
    const console = `the FIS console: ${fisExperimentConsoleUrl(region, experimentId)}`;
    return command
        ? `stop it with \`aws fis stop-experiment --id ${experimentId} --region ${region}\` or in ${console}`
        : `stop it in ${console}`;
}


/***/ }),

/***/ 4633:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Th: () => (/* binding */ buildHypothesis)
/* harmony export */ });
/* unused harmony exports DEFAULT_SETTLE_SECONDS, DEFAULT_PHASES, afterWindowSeconds */
/* harmony import */ var _experiment_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3483);
/* harmony import */ var _experiment_model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5730);
/**
 * The file's hypothesis (schema- and rule-checked JSON) as evaluation inputs: check definitions
 * with defaults applied and durations in seconds, and one GetMetricData query set for all checks.
 * Pure.
 */


/** Without settle, wait this long for the last periods to be ingested. */
const DEFAULT_SETTLE_SECONDS = 120;
const DEFAULT_PHASES = ['during', 'after'];
function metricStat(value) {
    const dimensions = {};
    for (const [name, dimension] of (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .entriesOf */ .Mc)((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .objectAt */ .lJ)(value, 'dimensions')))
        if (typeof dimension === 'string')
            dimensions[name] = dimension;
    return {
        namespace: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(value, 'namespace') ?? '',
        metricName: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(value, 'metricName') ?? '',
        dimensions,
        stat: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(value, 'stat') ?? 'Average',
        period: typeof value.period === 'number' ? value.period : 60,
        unit: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(value, 'unit'),
        accountId: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(value, 'accountId')
    };
}
function statQuery(id, spec, returnData, label) {
    return {
        Id: id,
        ...(label ? { Label: label } : {}),
        ReturnData: returnData,
        MetricStat: {
            Metric: {
                Namespace: spec.namespace,
                MetricName: spec.metricName,
                Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value }))
            },
            Period: spec.period,
            Stat: spec.stat,
            ...(spec.unit ? { Unit: spec.unit } : {})
        },
        ...(spec.accountId ? { AccountId: spec.accountId } : {})
    };
}
const seconds = (text) => text === undefined ? undefined : (0,_experiment_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(text);
function buildHypothesis(hypothesis) {
    const checks = [];
    const queries = [];
    ((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .arrayAt */ .RD)(hypothesis, 'checks') ?? []).forEach((item, index) => {
        if (!(0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(item))
            return;
        const name = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(item, 'name') ?? `check ${index + 1}`;
        const queryId = `c${index}`;
        const metric = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .objectAt */ .lJ)(item, 'metric');
        let period;
        let metricSpec;
        let expression;
        if (metric) {
            metricSpec = metricStat(metric);
            period = metricSpec.period;
            queries.push(statQuery(queryId, metricSpec, true, name));
        }
        else {
            const metrics = {};
            for (const [id, spec] of (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .entriesOf */ .Mc)((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .objectAt */ .lJ)(item, 'metrics')))
                if ((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .Gv)(spec))
                    metrics[id] = metricStat(spec);
            // Ids are namespaced per check so two checks' expressions can share a query set.
            const text = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(item, 'expression') ?? '';
            const rewritten = text.replace(/\b[a-z][a-zA-Z0-9_]*\b/g, (id) => id in metrics ? `${queryId}_${id}` : id);
            // CloudWatch judges an expression in the period of the metrics it combines.
            period = Math.max(...Object.values(metrics).map((spec) => spec.period), 1);
            for (const [id, spec] of Object.entries(metrics))
                queries.push(statQuery(`${queryId}_${id}`, spec, false));
            queries.push({
                Id: queryId,
                Label: name,
                ReturnData: true,
                Expression: rewritten,
                Period: period
            });
            expression = { text, metrics };
        }
        const operator = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(item, 'comparisonOperator');
        const phases = ((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .arrayAt */ .RD)(item, 'phases') ?? DEFAULT_PHASES).filter((phase) => phase === 'before' || phase === 'during' || phase === 'after');
        const comparison = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .objectAt */ .lJ)(item, 'baselineComparison');
        checks.push({
            queryId,
            metric: metricSpec,
            expression,
            definition: {
                name,
                period,
                comparisonOperator: operator,
                threshold: typeof item.threshold === 'number' ? item.threshold : undefined,
                datapointsToAlarm: typeof item.datapointsToAlarm === 'number' ? item.datapointsToAlarm : 1,
                evaluationPeriods: typeof item.evaluationPeriods === 'number' ? item.evaluationPeriods : 1,
                treatMissingData: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(item, 'treatMissingData') ?? 'missing',
                phases,
                recoverWithin: seconds((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(item, 'recoverWithin')),
                baselineComparison: comparison
                    ? {
                        ...(typeof comparison.maxIncreasePercent === 'number'
                            ? { maxIncreasePercent: comparison.maxIncreasePercent }
                            : {}),
                        ...(typeof comparison.maxDecreasePercent === 'number'
                            ? { maxDecreasePercent: comparison.maxDecreasePercent }
                            : {})
                    }
                    : undefined,
                abortOnBreach: item.abortOnBreach === true
            }
        });
    });
    return {
        description: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(hypothesis, 'description'),
        baseline: seconds((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(hypothesis, 'baseline')),
        settle: seconds((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stringAt */ .bX)(hypothesis, 'settle')) ?? DEFAULT_SETTLE_SECONDS,
        checks,
        queries
    };
}
/** How long after the experiment end the after phase lasts: recoverWithin, else settle, else N periods. */
function afterWindowSeconds(hypothesis) {
    let longest = 0;
    for (const { definition } of hypothesis.checks) {
        if (!definition.phases.includes('after'))
            continue;
        longest = Math.max(longest, definition.recoverWithin ??
            Math.max(hypothesis.settle, definition.evaluationPeriods * definition.period));
    }
    return longest;
}


/***/ }),

/***/ 4657:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ thresholdWords),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Wd: () => (/* binding */ spanWords),
/* harmony export */   ZV: () => (/* binding */ formatNumber),
/* harmony export */   ei: () => (/* binding */ formatClock),
/* harmony export */   fU: () => (/* binding */ formatTime),
/* harmony export */   pQ: () => (/* binding */ causeWords),
/* harmony export */   ri: () => (/* binding */ conditionWords),
/* harmony export */   v8: () => (/* binding */ baselineWords)
/* harmony export */ });
/* unused harmony export formatTimes */
/** UTC time to the second, `10:04:30`: for log lines and alarm times, where seconds matter. */
function formatClock(time) {
    return new Date(time).toISOString().slice(11, 19);
}
/** UTC wall-clock time: `10:04`, or `10:04:30` when the time is not on a whole minute. */
function formatTime(time) {
    const iso = new Date(time).toISOString();
    return iso.slice(17, 23) === '00.000' ? iso.slice(11, 16) : iso.slice(11, 19);
}
/** Twelve significant digits at most: 0.1 + 0.2 reads 0.3, 1.2500001 keeps its digits. */
function formatNumber(value) {
    if (Number.isInteger(value))
        return String(value);
    return String(Number(value.toPrecision(12)));
}
/** `10:04, 10:05 and 10:08 UTC`; past `most` times, `10:04, 10:05, 10:06 UTC and 4 more`. */
function formatTimes(times, most = 3) {
    if (times.length === 0)
        return '';
    const shown = times.slice(0, most).map(formatTime);
    const rest = times.length - shown.length;
    if (rest > 0)
        return `${shown.join(', ')} UTC and ${rest} more`;
    if (shown.length === 1)
        return `${shown.join('')} UTC`;
    return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''} UTC`;
}
function plural(count, noun) {
    return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
const OPERATOR_WORDS = {
    GreaterThanThreshold: 'above',
    GreaterThanOrEqualToThreshold: 'at or above',
    LessThanThreshold: 'below',
    LessThanOrEqualToThreshold: 'at or below'
};
function thresholdWords(operator, threshold) {
    return `${OPERATOR_WORDS[operator]} ${formatNumber(threshold)}`;
}
function baselineWords(direction, percent, baselineMean) {
    const side = direction === 'increase' ? 'above' : 'below';
    return `more than ${formatNumber(percent)}% ${side} the baseline mean ${formatNumber(baselineMean)}`;
}
const CAUSE_ORDER = ['threshold', 'increase', 'decrease'];
/** The conditions behind some breach causes, joined with "or": `above 0.5 or more than 50% ...`. */
function causeWords(words, causes) {
    const present = new Set(causes);
    return CAUSE_ORDER.filter((cause) => present.has(cause))
        .map((cause) => words[cause] ?? '')
        .filter((text) => text !== '')
        .join(' or ');
}
/** Every condition the check applies in a phase. */
function conditionWords(words) {
    return causeWords(words, ['threshold', 'increase', 'decrease']);
}
function spanWords(window) {
    return `from ${formatTime(window.start)} to ${formatTime(window.end)} UTC`;
}


/***/ }),

/***/ 1068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  YY: () => (/* binding */ VERDICT_ICON),
  qN: () => (/* binding */ renderRunSummary)
});

// UNUSED EXPORTS: metricConsoleUrl

// EXTERNAL MODULE: ./src/aws/console-links.ts
var console_links = __webpack_require__(904);
// EXTERNAL MODULE: ./src/experiment/duration.ts
var duration = __webpack_require__(3483);
// EXTERNAL MODULE: ./src/experiment/model.ts
var model = __webpack_require__(5730);
// EXTERNAL MODULE: ./src/run/model.ts
var run_model = __webpack_require__(1464);
// EXTERNAL MODULE: ./src/hypothesis/definition.ts
var definition = __webpack_require__(4633);
// EXTERNAL MODULE: ./src/hypothesis/describe.ts
var describe = __webpack_require__(4657);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/report/hypothesis-summary.ts

const OPERATOR = {
    GreaterThanThreshold: '>',
    GreaterThanOrEqualToThreshold: '≥',
    LessThanThreshold: '<',
    LessThanOrEqualToThreshold: '≤'
};
const STATUS_ICON = { pass: '✅', breach: '❌', inconclusive: '❔' };
const number = (value) => value === undefined ? '—' : String(Math.round(value * 1000) / 1000);
const clock = (time) => new Date(time).toISOString().slice(11, 16);
function conditionText(check, baseline) {
    const parts = [];
    if (check.comparisonOperator && check.threshold !== undefined)
        parts.push(`${OPERATOR[check.comparisonOperator] ?? check.comparisonOperator} ${check.threshold}`);
    if (baseline?.upperBound !== undefined)
        parts.push(`> ${number(baseline.upperBound)} (baseline +%)`);
    if (baseline?.lowerBound !== undefined)
        parts.push(`< ${number(baseline.lowerBound)} (baseline −%)`);
    return `breaches when ${parts.join(' or ') || '—'} for ${check.datapointsToAlarm} of ${check.evaluationPeriods} periods`;
}
function phaseRow(check, phase) {
    const recovery = phase.recovery;
    return [
        (0,markdown/* escapeMarkdown */.FV)(check.name),
        phase.phase,
        `${STATUS_ICON[phase.status] ?? ''} ${phase.status}`,
        phase.observed
            ? `${number(phase.observed.min)} / ${number(phase.observed.max)} / ${number(phase.observed.last)}`
            : '—',
        phase.breachingPeriods.length
            ? `${phase.breachingPeriods.length} (${phase.breachingPeriods.slice(0, 4).map(clock).join(', ')}${phase.breachingPeriods.length > 4 ? ', …' : ''})`
            : '0',
        `${phase.datapoints} of ${phase.expectedPeriods}`,
        recovery
            ? recovery.recovered
                ? `${Math.round(recovery.seconds ?? 0)} s${recovery.met ? '' : ` (over ${recovery.limitSeconds} s)`}`
                : `not recovered (limit ${recovery.limitSeconds} s)`
            : '—',
        (0,markdown/* escapeMarkdown */.FV)(phase.reason)
    ];
}
/** Mermaid xychart-beta: metric line, threshold line, experiment window as bars. */
function checkChart(name, points, threshold, window) {
    const sorted = [...points]
        .filter((point) => Number.isFinite(point.value))
        .sort((a, b) => a.timestamp - b.timestamp);
    if (sorted.length < 2)
        return '';
    const step = Math.ceil(sorted.length / 60);
    const shown = sorted.filter((_, index) => index % step === 0);
    const values = shown.map((point) => point.value);
    const top = Math.max(...values, threshold ?? -Infinity);
    const bottom = Math.min(...values, threshold ?? Infinity, 0);
    const lines = [
        '```mermaid',
        'xychart-beta',
        `  title "${(0,markdown/* mermaidString */.tm)(name)} (bars: experiment ${clock(window.start)}–${clock(window.end)} UTC)"`,
        `  x-axis [${shown.map((point) => `"${clock(point.timestamp)}"`).join(', ')}]`,
        `  y-axis "value" ${number(bottom)} --> ${number(top * 1.1 || 1)}`,
        `  bar [${shown.map((point) => (point.timestamp >= window.start && point.timestamp < window.end ? number(top) : '0')).join(', ')}]`,
        `  line [${values.map(number).join(', ')}]`
    ];
    if (threshold !== undefined)
        lines.push(`  line [${shown.map(() => number(threshold)).join(', ')}]`);
    lines.push('```');
    return lines.join('\n');
}
function renderHypothesis(input) {
    const { evidence } = input;
    const rows = evidence.checks.flatMap((check) => check.phases.map((phase) => phaseRow(check, phase)));
    const sections = [
        `**Hypothesis: ${STATUS_ICON[evidence.verdict === 'fail' ? 'breach' : evidence.verdict] ?? ''} ${evidence.verdict}** — ${(0,markdown/* escapeMarkdown */.FV)(evidence.reason)}`,
        (0,markdown/* table */.tp)([
            'Check',
            'Phase',
            'Result',
            'Observed min / max / last',
            'Breaching periods (UTC)',
            'Datapoints',
            'Recovery',
            'Why'
        ], rows)
    ];
    for (const check of evidence.checks) {
        const condition = input.conditions.find((item) => item.name === check.name);
        const series = evidence.series.find((item) => item.check === check.name);
        const metricLink = input.links?.[check.name];
        sections.push(`**${(0,markdown/* escapeMarkdown */.FV)(check.name)}** — ${condition ? (0,markdown/* escapeMarkdown */.FV)(conditionText(condition, check.baseline)) : ''}${check.baseline?.mean !== undefined ? `; baseline mean ${(0,markdown/* code */.aY)(number(check.baseline.mean))}` : ''}${metricLink ? ` · ${(0,markdown/* link */.nf)('metric in CloudWatch', metricLink)}` : ''}`);
        const chart = series
            ? checkChart(check.name, series.points, condition?.threshold, evidence.windows.during)
            : '';
        if (chart)
            sections.push(chart);
    }
    return sections.join('\n\n');
}

// EXTERNAL MODULE: ./src/report/summary-budget.ts
var summary_budget = __webpack_require__(9570);
;// CONCATENATED MODULE: ./src/report/run-summary.ts
/**
 * The job summary of a plan or run: a verdict banner with the reason, then per experiment the
 * ids, the actions and how they ended, the stop-condition alarms, the timeline, and for plans
 * the exact resources each action would hit.
 */









/** A metric search in the CloudWatch console. */
function metricConsoleUrl(region, metricName) {
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#metricsV2:graph=~();search=${encodeURIComponent(metricName)}`;
}
function hypothesisSection(run, experiment) {
    if (!run.hypothesis || !experiment?.hypothesis)
        return '';
    const hypothesis = (0,definition/* buildHypothesis */.Th)(experiment.hypothesis);
    const links = {};
    for (const check of hypothesis.checks) {
        const metricName = check.metric?.metricName ?? Object.values(check.expression?.metrics ?? {})[0]?.metricName;
        if (metricName && run.region)
            links[check.definition.name] = metricConsoleUrl(run.region, metricName);
    }
    return renderHypothesis({
        evidence: run.hypothesis,
        conditions: hypothesis.checks.map((check) => check.definition),
        links
    });
}
const VERDICT_ICON = {
    pass: '✅',
    fail: '❌',
    aborted: '🛑',
    inconclusive: '❔',
    error: '⚠️',
    cancelled: '⏹️'
};
const time = (epoch) => (epoch === undefined ? '—' : (0,describe/* formatClock */.ei)(epoch));
function run_summary_duration(run) {
    return run.startTime !== undefined && run.endTime !== undefined
        ? (0,duration/* formatSeconds */.X)(Math.round((run.endTime - run.startTime) / 1000))
        : '—';
}
function planTable(run, experiment) {
    const byTarget = new Map();
    for (const resource of run.resolvedTargets ?? [])
        byTarget.set(resource.targetName, [
            ...(byTarget.get(resource.targetName) ?? []),
            resource.identifier
        ]);
    const rows = [];
    for (const [name, action] of (0,model/* entriesOf */.Mc)((0,model/* objectAt */.lJ)(experiment?.template, 'actions'))) {
        if (!(0,model/* isObject */.Gv)(action))
            continue;
        const targets = (0,model/* entriesOf */.Mc)((0,model/* objectAt */.lJ)(action, 'targets'));
        if (targets.length === 0)
            rows.push([(0,markdown/* escapeMarkdown */.FV)(name), (0,markdown/* code */.aY)(String(action.actionId)), '—', 'no targets']);
        for (const [key, target] of targets) {
            const resources = byTarget.get(String(target)) ?? [];
            rows.push([
                (0,markdown/* escapeMarkdown */.FV)(name),
                (0,markdown/* code */.aY)(String(action.actionId)),
                `${(0,markdown/* escapeMarkdown */.FV)(key)}: ${(0,markdown/* escapeMarkdown */.FV)(String(target))}`,
                resources.length ? resources.map(markdown/* code */.aY).join('<br>') : '**none resolved**'
            ]);
        }
    }
    return rows.length
        ? `**Resources each action would hit** (FIS resolved them with actionsMode skip-all; nothing was injected):\n\n${(0,markdown/* table */.tp)(['Action', 'Action id', 'Target', 'Resources'], rows)}`
        : '';
}
function runSection(run, experiment) {
    const lines = [
        `### ${VERDICT_ICON[run.verdict]} ${run.verdict} — ${(0,markdown/* escapeMarkdown */.FV)(run.file)}`,
        '',
        (0,markdown/* escapeMarkdown */.FV)(run.reason)
    ];
    const facts = [
        run.experimentId
            ? `**Experiment** ${run.region ? (0,markdown/* link */.nf)((0,markdown/* code */.aY)(run.experimentId), (0,console_links/* fisExperimentConsoleUrl */.E)(run.region, run.experimentId)) : (0,markdown/* code */.aY)(run.experimentId)}`
            : '',
        run.templateId
            ? `**Template** ${(0,markdown/* code */.aY)(run.templateId)}${run.templateCreated ? (run.templateDeleted ? ' (created, deleted)' : ' (created)') : ' (existing)'}`
            : '',
        run.status ? `**FIS state** ${(0,markdown/* code */.aY)(run.status)}` : '',
        run.startTime !== undefined ? `**Duration** ${run_summary_duration(run)}` : ''
    ].filter(Boolean);
    if (facts.length)
        lines.push('', facts.join(' · '));
    if (run.actions.length) {
        lines.push('', (0,markdown/* table */.tp)(['Action', 'Action id', 'Status', 'Started', 'Ended', 'Reason'], run.actions.map((action) => [
            (0,markdown/* escapeMarkdown */.FV)(action.name),
            (0,markdown/* code */.aY)(action.actionId),
            (0,markdown/* code */.aY)(action.status),
            time(action.startTime),
            time(action.endTime),
            (0,markdown/* escapeMarkdown */.FV)(action.reason ?? '')
        ])));
    }
    if (run.alarms.length) {
        lines.push('', (0,markdown/* table */.tp)(['Stop-condition alarm', 'Fired during the experiment', 'State now', 'Reason'], run.alarms.map((alarm) => [
            (0,markdown/* code */.aY)(alarm.name),
            alarm.firedDuringExperiment ? '**yes**' : 'no',
            (0,markdown/* code */.aY)(alarm.state ?? '?'),
            (0,markdown/* escapeMarkdown */.FV)(alarm.stateReason ?? '')
        ])));
    }
    const hypothesis = hypothesisSection(run, experiment);
    if (hypothesis)
        lines.push('', hypothesis);
    if (run.mode === 'plan' && run.resolvedTargets)
        lines.push('', planTable(run, experiment));
    if (run.timeline.length) {
        const rows = run.timeline.map((event) => [
            time(event.time),
            event.source,
            (0,markdown/* escapeMarkdown */.FV)(event.name),
            (0,markdown/* escapeMarkdown */.FV)(event.from ? `${event.from} → ${event.to}` : event.to),
            (0,markdown/* escapeMarkdown */.FV)(event.detail ?? '')
        ]);
        lines.push('', `<details><summary>Timeline (${run.timeline.length} events, UTC)</summary>`, '', (0,markdown/* table */.tp)(['Time', 'Source', 'Name', 'Change', 'Detail'], rows), '', '</details>');
    }
    return lines.join('\n');
}
function overviewRow(run) {
    return [
        (0,markdown/* escapeMarkdown */.FV)(run.file),
        `${VERDICT_ICON[run.verdict]} ${run.verdict}`,
        run.experimentId ? (0,markdown/* code */.aY)(run.experimentId) : '—',
        run_summary_duration(run),
        (0,markdown/* escapeMarkdown */.FV)(run.reason)
    ];
}
/**
 * Within `budget` bytes (default: what a plan or run step has left after its validation
 * summary): the worst runs first, each with its overview row and its section; the rest counted.
 */
function renderRunSummary(input, budget = summary_budget/* RUN_SUMMARY_BUDGET */.hJ) {
    const worst = input.runs.find((run) => run.verdict === input.verdict);
    const head = [
        `## ${VERDICT_ICON[input.verdict]} fis-gate ${input.mode}: ${input.verdict}`,
        worst && input.verdict !== 'pass'
            ? `> ${(0,markdown/* escapeMarkdown */.FV)(worst.file)}: ${(0,markdown/* escapeMarkdown */.FV)(worst.reason)}`
            : ''
    ];
    const experiments = new Map(input.experiments.map((item) => [item.source.file, item]));
    const parts = input.runs.map((run) => {
        const row = overviewRow(run);
        const section = runSection(run, experiments.get(run.file));
        // The row and its line break, the section and the blank line before it.
        return { run, row, section, bytes: (0,summary_budget/* byteSize */.mz)((0,markdown/* tableRow */.jD)(row)) + 1 + (0,summary_budget/* byteSize */.mz)(section) + 2 };
    });
    const header = ['File', 'Verdict', 'Experiment', 'Duration', 'Reason'];
    const fixed = (0,summary_budget/* byteSize */.mz)([...head, (0,markdown/* table */.tp)(header, [])].join('\n\n')) + summary_budget/* OMISSION_NOTE_BYTES */.tA;
    const { shown, omitted } = (0,summary_budget/* fitToBudget */.c5)(parts, (part) => part.bytes, (part) => -run_model/* VERDICT_ORDER */.jT.indexOf(part.run.verdict), budget - fixed);
    const sections = [
        ...head,
        shown.length
            ? (0,markdown/* table */.tp)(header, shown.map((part) => part.row))
            : '',
        ...shown.map((part) => part.section),
        (0,summary_budget/* omissionNote */.aU)([...run_model/* VERDICT_ORDER */.jT].reverse().map((verdict) => {
            const left = omitted.filter((part) => part.run.verdict === verdict).length;
            return { count: left, text: `${left} ${VERDICT_ICON[verdict]} ${verdict}` };
        }), 'experiment', 'the JSON report (output `report`) and the JUnit file (output `junit`) have every run')
    ];
    return `${sections.filter(Boolean).join('\n\n')}\n`;
}


/***/ }),

/***/ 670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    })
};


/***/ })

};

//# sourceMappingURL=847.index.js.map