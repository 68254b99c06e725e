export const id = 847;
export const ids = [847];
export const modules = {

/***/ 904:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ fisExperimentConsoleUrl),
/* harmony export */   sM: () => (/* binding */ logGroupConsoleUrl),
/* harmony export */   zj: () => (/* binding */ stopByHand)
/* harmony export */ });
/* unused harmony exports fisExperimentsConsoleUrl, fisCommand, checkConsoleUrl */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** encodeURIComponent, which throws on a lone surrogate: that one becomes U+FFFD instead. */
const encode = (text) => encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
/**
 * The console's home for a service in a Region: China and GovCloud have consoles of their own,
 * and a value that is not a Region code never becomes part of the host name.
 */
function consoleHome(service, region) {
    const query = `?region=${encode(region)}`;
    if (!REGION.test(region))
        return `https://console.aws.amazon.com/${service}/home${query}`;
    if (region.startsWith('cn-'))
        return `https://${region}.console.amazonaws.cn/${service}/home${query}`;
    if (region.startsWith('us-gov-'))
        return `https://console.amazonaws-us-gov.com/${service}/home${query}`;
    return `https://${region}.console.aws.amazon.com/${service}/home${query}`;
}
function fisExperimentConsoleUrl(region, experimentId) {
    return `${consoleHome('fis', region)}#ExperimentDetails:ExperimentId=${encode(experimentId)}`;
}
/** The FIS console's list of experiments, for one a person has to find by its tags. */
function fisExperimentsConsoleUrl(region) {
    return `https://${region}.console.aws.amazon.com/fis/home?region=${region}#Experiments`;
}
/**
 * `aws fis <command> --id <id> --region <region>`, or nothing when the id or Region is not plain:
 * ids come from AWS, and only a plain one goes into a command line a person may paste.
 */
function fisCommand(command, region, id) {
    return /^[A-Za-z0-9-]{1,64}$/.test(id) && /^[a-z0-9-]{1,30}$/.test(region)
        ? `aws fis ${command} --id ${id} --region ${region}`
        : undefined;
}
/** What to do about an experiment whose stop fis-gate could not confirm. */
function stopByHand(region, experimentId) {
    const command = fisCommand('stop-experiment', region, experimentId);
    const console = `the FIS console: ${fisExperimentConsoleUrl(region, experimentId)}`;
    return command ? `stop it with \`${command}\` or in ${console}` : `stop it in ${console}`;
}
/**
 * A string in the console's encoding (JSURL): letters, digits, `_`, `-` and `.` stay, `$` is `!`,
 * and every other UTF-16 code unit is `*hh` below 0x100, else `**hhhh`.
 */
function urlStateText(text) {
    return text.replace(/[^\w.-]/g, (char) => {
        if (char === '$')
            return '!';
        const unit = char.charCodeAt(0);
        return unit < 0x100
            ? `*${unit.toString(16).padStart(2, '0')}`
            : `**${unit.toString(16).padStart(4, '0')}`;
    });
}
/**
 * The console's URL state encoding (JSURL): `~'text`, `~12.5`, `~true`, an array as
 * `~(~a~b)`, an object as `~(key~value~key~value)`; undefined members are left out.
 */
function urlState(value) {
    if (typeof value === 'string')
        return `~'${urlStateText(value)}`;
    if (typeof value === 'number')
        return Number.isFinite(value) ? `~${value}` : '~null';
    if (typeof value === 'boolean')
        return `~${value}`;
    if (Array.isArray(value))
        return `~(${value.map(urlState).join('') || '~'})`;
    const members = Object.entries(value).flatMap(([key, member]) => (member === undefined ? [] : [`${urlStateText(key)}${urlState(member)}`]));
    return `~(${members.join('~')})`;
}
/**
 * One row of a graph's `metrics`: namespace, metric name, each dimension's name and value, then
 * its options. (The console reads a lone `.` in a row as "the same as the row above"; fis-gate
 * puts the single-metric row first, so only an expression's later metrics could meet that.)
 */
function metricRow(spec, options) {
    return [
        spec.namespace,
        spec.metricName,
        ...Object.entries(spec.dimensions).flat(),
        { stat: spec.stat, period: spec.period, accountId: spec.accountId, ...options }
    ];
}
/** An id for the expression that none of its metrics has. */
function expressionId(metricIds) {
    let index = 1;
    while (metricIds.includes(`e${index}`))
        index++;
    return `e${index}`;
}
const iso = (time) => new Date(time).toISOString();
/**
 * The CloudWatch console's graph of one check (`#metricsV2:graph=…`): its metric with dimensions,
 * statistic and period, or its metric-math expression with the metrics it combines (hidden, as
 * the check judges only the expression), labelled with the check's name, its threshold as a
 * horizontal line, in `region`, over `window` widened to whole periods of the check so the first
 * and last periods show complete. Pass the evaluation windows (baseline start to the end of the
 * after phase) or the experiment's start and end, as epoch milliseconds. Undefined when the
 * check has no metric or the window is not a time.
 */
function checkConsoleUrl(region, check, window) {
    const { definition } = check;
    if (!Number.isFinite(window.start) || !Number.isFinite(window.end))
        return undefined;
    const periodMs = Math.max(1, definition.period) * 1000;
    const start = Math.floor(window.start / periodMs) * periodMs;
    const end = Math.max(Math.ceil(window.end / periodMs) * periodMs, start + periodMs);
    // Past ±8.64e15 ms a Date is invalid and has no ISO form.
    if (Math.abs(start) > 8.64e15 || Math.abs(end) > 8.64e15)
        return undefined;
    let metrics;
    if (check.metric) {
        metrics = [metricRow(check.metric, { label: definition.name })];
    }
    else if (check.expression) {
        const ids = Object.keys(check.expression.metrics);
        metrics = [
            { expression: check.expression.text, label: definition.name, id: expressionId(ids) },
            ...Object.entries(check.expression.metrics).map(([id, spec]) => metricRow(spec, { id, visible: false }))
        ];
    }
    else
        return undefined;
    const graph = {
        metrics,
        view: 'timeSeries',
        stacked: false,
        region,
        period: definition.period,
        ...(check.metric ? { stat: check.metric.stat } : {}),
        start: iso(start),
        end: iso(end),
        annotations: definition.threshold === undefined
            ? undefined
            : { horizontal: [{ label: 'threshold', value: definition.threshold }] }
    };
    return `${consoleHome('cloudwatch', region)}#metricsV2:graph=${urlState(graph)}`;
}
/**
 * The CloudWatch Logs console page of the log group an ARN names (a template's
 * `logConfiguration.cloudWatchLogsConfiguration.logGroupArn`, with or without the `:*` that
 * IAM-style log group ARNs end in), in the ARN's Region. The console reads the name
 * percent-encoded twice. Undefined when the ARN names no log group.
 */
function logGroupConsoleUrl(logGroupArn) {
    const match = /^arn:[a-z-]+:logs:([^:]*):[^:]*:log-group:(.+?)(?::\*)?$/.exec(logGroupArn);
    const [, region = '', name = ''] = match ?? [];
    if (!region || !name)
        return undefined;
    return `${consoleHome('cloudwatch', region)}#logsV2:log-groups/log-group/${encodeURIComponent(encode(name))}`;
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

// EXTERNAL MODULE: ./src/report/summary-links.ts
var summary_links = __webpack_require__(4074);
// EXTERNAL MODULE: ./src/report/summary-budget.ts
var summary_budget = __webpack_require__(9570);
// EXTERNAL MODULE: ./src/report/validation-summary.ts
var validation_summary = __webpack_require__(538);
;// CONCATENATED MODULE: ./src/report/run-summary.ts
/**
 * The job summary of a plan or run, for a reader with ten seconds: one headline first (the
 * verdict, its one-sentence reason, the counts), then per experiment a section whose first line
 * is its verdict, with the ids and links, the actions and how they ended, the stop-condition
 * alarms, the hypothesis evidence, the timeline and, folded, the file's validation. Every time of
 * day shown is FIS's or CloudWatch's, in UTC, with the date said once in the headline.
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
const utcDate = (epoch) => new Date(epoch).toISOString().slice(0, 10);
/**
 * Times of day on the summary's one date: `19:03:58`, or `2026-12-03 00:00:04` for a time on
 * another day (a run across midnight).
 */
function clockOn(date) {
    return (epoch) => {
        if (epoch === undefined || !Number.isFinite(epoch))
            return '—';
        const iso = new Date(epoch).toISOString();
        return `${iso.slice(0, 10) === date ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 19)}`;
    };
}
/** The first time FIS or CloudWatch reported in any run: the date the headline names. */
function firstDate(runs) {
    const times = runs.flatMap((run) => [run.startTime, ...run.timeline.map((event) => event.time)]);
    const finite = times.filter((time) => Number.isFinite(time));
    return finite.length ? utcDate(Math.min(...finite)) : undefined;
}
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
/** The CloudWatch Logs log group the template sends the experiment's log to, in the console. */
function logGroupLink(experiment) {
    const arn = (0,model/* stringAt */.bX)((0,model/* objectAt */.lJ)((0,model/* objectAt */.lJ)(experiment?.template, 'logConfiguration'), 'cloudWatchLogsConfiguration'), 'logGroupArn');
    const url = arn ? (0,console_links/* logGroupConsoleUrl */.sM)(arn) : undefined;
    return url ? (0,markdown/* link */.nf)('experiment log', url) : '';
}
/** The ids, states and links of one run, on one line. */
function facts(run, experiment, links) {
    const id = run.experimentId
        ? run.region
            ? (0,markdown/* link */.nf)((0,markdown/* code */.aY)(run.experimentId), (0,console_links/* fisExperimentConsoleUrl */.Ex)(run.region, run.experimentId))
            : (0,markdown/* code */.aY)(run.experimentId)
        : '';
    const file = links.fileLine(run.file, 1);
    return [
        id ? `**Experiment** ${id}` : '',
        run.templateId
            ? `**Template** ${(0,markdown/* code */.aY)(run.templateId)}${run.templateCreated ? (run.templateDeleted ? ' (created, deleted)' : ' (created)') : ' (existing)'}`
            : '',
        run.status ? `**FIS state** ${(0,markdown/* code */.aY)(run.status)}` : '',
        run.startTime !== undefined ? `**Duration** ${run_summary_duration(run)}` : '',
        run.experimentId ? logGroupLink(experiment) : '',
        file ? (0,markdown/* link */.nf)('experiment file', file) : ''
    ]
        .filter(Boolean)
        .join(' · ');
}
function actionsTable(run, clock) {
    return (0,markdown/* table */.tp)(['Action', 'Action id', 'Status', 'Started', 'Ended', 'Reason'], run.actions.map((action) => [
        (0,markdown/* escapeMarkdown */.FV)(action.name),
        (0,markdown/* code */.aY)(action.actionId),
        (0,markdown/* code */.aY)(action.status),
        clock(action.startTime),
        clock(action.endTime),
        (0,markdown/* escapeMarkdown */.FV)(action.reason ?? '')
    ]));
}
function alarmsTable(run, clock) {
    return (0,markdown/* table */.tp)(['Stop-condition alarm', 'Fired during the experiment', 'State now', 'Reason'], run.alarms.map((alarm) => [
        (0,markdown/* code */.aY)(alarm.name),
        alarm.firedDuringExperiment
            ? `**yes**${alarm.firedAt !== undefined ? `, at ${clock(alarm.firedAt)}` : ''}`
            : 'no',
        (0,markdown/* code */.aY)(alarm.state ?? '?'),
        (0,markdown/* escapeMarkdown */.FV)(alarm.stateReason ?? '')
    ]));
}
function timelineDetails(run, clock) {
    const rows = run.timeline.map((event) => [
        clock(event.time),
        event.source,
        (0,markdown/* escapeMarkdown */.FV)(event.name),
        (0,markdown/* escapeMarkdown */.FV)(event.from ? `${event.from} → ${event.to}` : event.to),
        (0,markdown/* escapeMarkdown */.FV)(event.detail ?? '')
    ]);
    return [
        `<details><summary>Timeline (${(0,describe/* plural */.LS)(run.timeline.length, 'event')}, UTC)</summary>`,
        '',
        (0,markdown/* table */.tp)(['Time', 'Source', 'Name', 'Change', 'Detail'], rows),
        '',
        '</details>'
    ].join('\n');
}
function validationFold(validation) {
    if (!validation)
        return '';
    const errors = validation.findings.some((finding) => finding.severity === 'error');
    return [
        `<details${errors ? ' open' : ''}><summary>Validation: ${(0,validation_summary/* validationStatus */.OU)(validation.findings)}</summary>`,
        '',
        validation.details,
        '',
        '</details>'
    ].join('\n');
}
function runSection(run, experiment, validation, context) {
    const parts = [
        `### ${VERDICT_ICON[run.verdict]} ${run.verdict} — ${(0,markdown/* escapeMarkdown */.FV)(run.file)}`,
        (0,markdown/* escapeMarkdown */.FV)(run.reason),
        facts(run, experiment, context.links),
        run.actions.length ? actionsTable(run, context.clock) : '',
        run.alarms.length ? alarmsTable(run, context.clock) : '',
        hypothesisSection(run, experiment),
        run.mode === 'plan' && run.resolvedTargets ? planTable(run, experiment) : '',
        run.timeline.length ? timelineDetails(run, context.clock) : '',
        validationFold(validation)
    ];
    return parts.filter(Boolean).join('\n\n');
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
/** Hypothesis checks over every run, by how they ended. */
function checkCounts(runs) {
    const statuses = runs.flatMap((run) => run.hypothesis?.checks.map((check) => check.status) ?? []);
    if (statuses.length === 0)
        return 'no hypothesis checks';
    const of = (status) => statuses.filter((item) => item === status).length;
    return `${(0,describe/* plural */.LS)(statuses.length, 'check')}: ${of('pass')} passed, ${of('breach')} failed, ${of('inconclusive')} inconclusive`;
}
/** The one sentence under the headline: the worst run's reason, or that all passed. */
function headlineReason(input) {
    const worst = input.runs.find((run) => run.verdict === input.verdict);
    if (!worst)
        return 'No experiment file to run.';
    if (input.verdict === 'pass' && input.runs.length > 1)
        return `All ${(0,describe/* plural */.LS)(input.runs.length, 'experiment')} passed.`;
    return `**${(0,markdown/* escapeMarkdown */.FV)(worst.file)}**: ${(0,markdown/* escapeMarkdown */.FV)(worst.reason)}`;
}
function headline(input, date) {
    const files = new Set(input.runs.map((run) => run.file)).size;
    const counts = [
        (0,describe/* plural */.LS)(files, 'file'),
        `${(0,describe/* plural */.LS)(input.runs.filter((run) => run.experimentId).length, 'experiment')} started`,
        checkCounts(input.runs),
        input.elapsedMs !== undefined
            ? `step took ${(0,duration/* formatSeconds */.X)(Math.round(input.elapsedMs / 1000))}`
            : '',
        date ? `times UTC on ${date}` : ''
    ];
    return [
        `## ${VERDICT_ICON[input.verdict]} fis-gate ${input.mode}: ${input.verdict}`,
        headlineReason(input),
        counts.filter(Boolean).join(' · ')
    ].join('\n\n');
}
/** Each run's file validation: a loaded file's details, or the findings of one that did not load. */
function validationsByFile(input, budget) {
    const links = input.links ?? summary_links/* NO_LINKS */.E;
    const byFile = new Map();
    for (const experiment of input.experiments)
        byFile.set(experiment.source.file, {
            findings: experiment.findings,
            details: (0,validation_summary/* validationDetails */.sr)(experiment, budget, links)
        });
    for (const file of (0,validation_summary/* unloadedFiles */.mt)(input.otherFindings ?? []))
        byFile.set(file.file, {
            findings: file.findings,
            details: (0,validation_summary/* unloadedDetails */.Fh)(file.findings, budget, links)
        });
    return byFile;
}
/**
 * Within `budget` bytes (default: all a step has): the headline, the overview table when there is
 * more than one run, then the worst runs first, each with its section; the rest counted.
 */
function renderRunSummary(input, budget = summary_budget/* SUMMARY_BUDGET */.pm) {
    const date = firstDate(input.runs);
    const context = { clock: clockOn(date), links: input.links ?? summary_links/* NO_LINKS */.E };
    const head = headline(input, date);
    const experiments = new Map(input.experiments.map((item) => [item.source.file, item]));
    const validations = validationsByFile(input, (budget * validation_summary/* FILE_SHARE */.hz) / 2);
    const parts = input.runs.map((run) => {
        const row = overviewRow(run);
        const section = runSection(run, experiments.get(run.file), validations.get(run.file), context);
        // The row and its line break, the section and the blank line before it.
        return { run, row, section, bytes: (0,summary_budget/* byteSize */.mz)((0,markdown/* tableRow */.jD)(row)) + 1 + (0,summary_budget/* byteSize */.mz)(section) + 2 };
    });
    const overview = input.runs.length > 1;
    const header = ['File', 'Verdict', 'Experiment', 'Duration', 'Reason'];
    const fixed = (0,summary_budget/* byteSize */.mz)([head, (0,markdown/* table */.tp)(header, [])].join('\n\n')) + summary_budget/* OMISSION_NOTE_BYTES */.tA;
    const { shown, omitted } = (0,summary_budget/* fitToBudget */.c5)(parts, (part) => (overview ? part.bytes : part.bytes - (0,summary_budget/* byteSize */.mz)((0,markdown/* tableRow */.jD)(part.row)) - 1), (part) => -run_model/* VERDICT_ORDER */.jT.indexOf(part.run.verdict), budget - fixed);
    const sections = [
        head,
        overview && shown.length
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