export const id = 846;
export const ids = [846];
export const modules = {

/***/ 904:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bg: () => (/* binding */ checkConsoleUrl),
/* harmony export */   Ex: () => (/* binding */ fisExperimentConsoleUrl),
/* harmony export */   sM: () => (/* binding */ logGroupConsoleUrl),
/* harmony export */   zj: () => (/* binding */ stopByHand)
/* harmony export */ });
/* unused harmony exports fisExperimentsConsoleUrl, fisCommand */
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
    return `${consoleHome('fis', region)}#Experiments`;
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
/* harmony import */ var _experiment_duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3483);
/* harmony import */ var _experiment_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5730);
/* harmony import */ var _quantities_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7749);
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
    for (const [name, dimension] of (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .entriesOf */ .Mc)((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .objectAt */ .lJ)(value, 'dimensions')))
        if (typeof dimension === 'string')
            dimensions[name] = dimension;
    return {
        namespace: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(value, 'namespace') ?? '',
        metricName: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(value, 'metricName') ?? '',
        dimensions,
        stat: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(value, 'stat') ?? 'Average',
        period: typeof value.period === 'number' ? value.period : 60,
        unit: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(value, 'unit'),
        accountId: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(value, 'accountId')
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
const seconds = (text) => text === undefined ? undefined : (0,_experiment_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E)(text);
function buildHypothesis(hypothesis) {
    const checks = [];
    const queries = [];
    ((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .arrayAt */ .RD)(hypothesis, 'checks') ?? []).forEach((item, index) => {
        if (!(0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(item))
            return;
        const name = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(item, 'name') ?? `check ${index + 1}`;
        const queryId = `c${index}`;
        const metric = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .objectAt */ .lJ)(item, 'metric');
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
            for (const [id, spec] of (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .entriesOf */ .Mc)((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .objectAt */ .lJ)(item, 'metrics')))
                if ((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(spec))
                    metrics[id] = metricStat(spec);
            // Ids are namespaced per check so two checks' expressions can share a query set.
            const text = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(item, 'expression') ?? '';
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
        const operator = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(item, 'comparisonOperator');
        const phases = ((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .arrayAt */ .RD)(item, 'phases') ?? DEFAULT_PHASES).filter((phase) => phase === 'before' || phase === 'during' || phase === 'after');
        const comparison = (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .objectAt */ .lJ)(item, 'baselineComparison');
        const unit = (0,_quantities_js__WEBPACK_IMPORTED_MODULE_0__/* .checkUnit */ .lg)(metricSpec);
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
                treatMissingData: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(item, 'treatMissingData') ?? 'missing',
                phases,
                recoverWithin: seconds((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(item, 'recoverWithin')),
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
                abortOnBreach: item.abortOnBreach === true,
                ...(unit ? { unit } : {})
            }
        });
    });
    return {
        description: (0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(hypothesis, 'description'),
        baseline: seconds((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(hypothesis, 'baseline')),
        settle: seconds((0,_experiment_model_js__WEBPACK_IMPORTED_MODULE_1__/* .stringAt */ .bX)(hypothesis, 'settle')) ?? DEFAULT_SETTLE_SECONDS,
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

/***/ 3993:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Y: () => (/* binding */ VERDICT_ICON),
  q: () => (/* binding */ renderRunSummary)
});

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
// EXTERNAL MODULE: ./src/hypothesis/quantities.ts
var quantities = __webpack_require__(7749);
;// CONCATENATED MODULE: ./src/report/check-chart.ts




/** Categories on the x axis at most: more would be bars thinner than a pixel on GitHub's width. */
const MAX_CATEGORIES = 60;
/** Time labels at most, so that `HH:MM` labels never touch. */
const MAX_TIME_LABELS = 8;
/** Time labels at most on a chart across days, whose first label of each day names the day. */
const MAX_DATED_LABELS = 5;
/** Code points of the check name on the y axis, before its unit. */
const AXIS_NAME_LIMIT = 32;
const DAY = 86_400;
/** Label steps in seconds, the first that keeps to MAX_TIME_LABELS wins. */
const LABEL_STEPS = [
    5,
    10,
    15,
    30,
    60,
    120,
    300,
    600,
    900,
    1800,
    3600,
    7200,
    10_800,
    21_600,
    43_200,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    30 * DAY
];
/** Each kind's colour on the chart and the square that stands for it in the legend line. */
const STYLE = {
    baseline: { colour: '#eaeef2', square: '⬜' },
    during: { colour: '#ffd8a8', square: '🟧' },
    after: { colour: '#c8f0d0', square: '🟩' },
    breaching: { colour: '#ffb3b3', square: '🟥' },
    metric: { colour: '#0969da', square: '🟦' },
    threshold: { colour: '#1f2328', square: '⬛' },
    upper: { colour: '#8250df', square: '🟪' },
    lower: { colour: '#8250df', square: '🟪' }
};
/**
 * At most MAX_CATEGORIES categories: consecutive datapoints grouped, each group showing the value
 * worst for the check (the highest, or the lowest under a less-than operator), so that thinning
 * never hides a breach.
 */
function categoriesOf(points, period, lowIsBad) {
    const sorted = points
        .filter((point) => Number.isFinite(point.value))
        .sort((a, b) => a.timestamp - b.timestamp);
    const size = Math.ceil(sorted.length / MAX_CATEGORIES);
    const categories = [];
    for (let index = 0; index < sorted.length; index += size) {
        const group = sorted.slice(index, index + size);
        const values = group.map((point) => point.value);
        const last = group[group.length - 1];
        const start = group[0].timestamp;
        categories.push({
            start,
            span: last.timestamp - start + period * 1000,
            value: lowIsBad ? Math.min(...values) : Math.max(...values)
        });
    }
    return categories;
}
/**
 * Time labels: the smallest round step (5 s to a day) with at most MAX_TIME_LABELS ticks in the
 * chart's span, each tick on the category holding it, `HH:MM` (`HH:MM:SS` off the whole minute).
 */
function timeLabels(categories) {
    const first = categories[0];
    const last = categories[categories.length - 1];
    const labels = categories.map(() => '');
    if (!first || !last)
        return labels;
    const end = last.start + last.span;
    // A chart across days names each day, or equal times of two days would be one category; its
    // dated labels are wider, so fewer of them fit.
    const days = (0,describe/* formatDate */.Yq)(first.start) !== (0,describe/* formatDate */.Yq)(end - 1);
    const most = days ? MAX_DATED_LABELS : MAX_TIME_LABELS;
    const fits = (seconds) => ticksBetween(first.start, end, seconds).length <= most;
    const step = LABEL_STEPS.find(fits) ?? Math.ceil((end - first.start) / 1000 / DAY / most) * DAY;
    const used = new Set();
    let lastDay = '';
    for (const tick of ticksBetween(first.start, end, step)) {
        const index = categories.findIndex((category) => category.start <= tick && tick < category.start + category.span);
        // The day once, on the first label of each day: `12-01 23:00`, `00:00` would be ambiguous.
        const newDay = used.size === 0 || (0,describe/* formatDate */.Yq)(tick) !== lastDay;
        const label = !days
            ? (0,describe/* formatTime */.fU)(tick)
            : step >= DAY
                ? (0,describe/* formatDate */.Yq)(tick).slice(5)
                : newDay
                    ? `${(0,describe/* formatDate */.Yq)(tick).slice(5)} ${(0,describe/* formatTime */.fU)(tick)}`
                    : (0,describe/* formatTime */.fU)(tick);
        if (index !== -1 && labels[index] === '' && !used.has(label)) {
            labels[index] = label;
            used.add(label);
            lastDay = (0,describe/* formatDate */.Yq)(tick);
        }
    }
    return labels;
}
function ticksBetween(start, end, seconds) {
    const step = seconds * 1000;
    const ticks = [];
    for (let tick = Math.ceil(start / step) * step; tick < end; tick += step)
        ticks.push(tick);
    return ticks;
}
const overlaps = (category, window) => window !== undefined &&
    category.start < Math.max(window.end, window.start + 1) &&
    window.start < category.start + category.span;
/** What shades a category: breaching first, then the phase it is in. */
function shadeOf(category, windows, breaching) {
    if (breaching.some((start) => category.start <= start && start < category.start + category.span))
        return 'breaching';
    if (overlaps(category, windows.during))
        return 'during';
    if (overlaps(category, windows.after))
        return 'after';
    if (overlaps(category, windows.baseline))
        return 'baseline';
    return undefined;
}
/** Axis bounds on round numbers (1, 1.2, 1.5, 2, … 8 times a power of ten) around the values shown. */
function niceBound(value, up) {
    if (value === 0)
        return 0;
    const power = 10 ** Math.floor(Math.log10(Math.abs(value)));
    const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    const scaled = Math.abs(value) / power;
    const pick = up === value > 0
        ? steps.find((step) => step >= scaled - 1e-9)
        : steps.findLast((step) => step <= scaled + 1e-9);
    return Number((Math.sign(value) * pick * power).toPrecision(3));
}
/** A series row: `line "name" [v1, v2, ...]`, values to 3 significant digits in the chart's scale. */
function seriesRow(type, name, values) {
    return `  ${type} "${(0,markdown/* mermaidString */.tm)(name)}" [${values.map((value) => (0,quantities/* formatSignificant */.bf)(value)).join(', ')}]`;
}
function spanText(window) {
    return window.end > window.start
        ? `${(0,describe/* formatTime */.fU)(window.start)}–${(0,describe/* formatTime */.fU)(window.end)}`
        : `at ${(0,describe/* formatTime */.fU)(window.start)}`;
}
/**
 * A distinct invisible category name: `index + 1` in binary, zero-width space for 1 and
 * zero-width non-joiner for 0 (six characters at most for MAX_CATEGORIES, where runs of one
 * character would take up to 60).
 */
function invisibleLabel(index) {
    return (index + 1).toString(2).replace(/1/g, '\u200b').replace(/0/g, '\u200c');
}
/** Breaching periods as ranges of consecutive periods: `10:02–10:04, 10:07`. */
function breachingText(starts, period, most = 4) {
    const ranges = [];
    for (const start of [...starts].sort((a, b) => a - b)) {
        const previous = ranges[ranges.length - 1];
        if (previous && start - previous.to <= period * 1000)
            previous.to = start;
        else
            ranges.push({ from: start, to: start });
    }
    const shown = ranges
        .slice(0, most)
        .map((range) => range.to > range.from
        ? `${(0,describe/* formatTime */.fU)(range.from)}–${(0,describe/* formatTime */.fU)(range.to + period * 1000)}`
        : (0,describe/* formatTime */.fU)(range.from));
    return `${shown.join(', ')}${ranges.length > most ? `, and ${ranges.length - most} more` : ''}`;
}
/** The horizontal lines: the threshold and the baseline bounds the check has. */
function referencesOf(input) {
    const references = [];
    if (input.threshold !== undefined)
        references.push({ kind: 'threshold', name: 'threshold', value: input.threshold });
    const { upperBound, lowerBound } = input.baseline ?? {};
    if (upperBound !== undefined)
        references.push({ kind: 'upper', name: 'baseline upper bound', value: upperBound });
    if (lowerBound !== undefined)
        references.push({ kind: 'lower', name: 'baseline lower bound', value: lowerBound });
    return references;
}
/** The windows to shade, from the evaluation windows and the check's own after phase. */
function chartWindows(input) {
    const afterPhase = input.phases.find((phase) => phase.phase === 'after');
    // Judged only before the fault: the run refused to start, and `during` is a placeholder instant.
    const refusedBeforeFault = input.phases.length > 0 && input.phases.every((phase) => phase.phase === 'before');
    return {
        baseline: input.windows.baseline ?? input.baseline?.window,
        during: refusedBeforeFault ? undefined : input.windows.during,
        after: afterPhase ? { start: input.windows.during.end, end: afterPhase.window.end } : undefined
    };
}
const SHADE_NAMES = {
    baseline: 'baseline window',
    during: 'fault window',
    after: 'after window',
    breaching: 'breaching periods'
};
/** One bar series per kind of shade present: full height where it applies, nothing elsewhere. */
function shadeRows(shades, range) {
    // Below the axis, an unshaded category draws nothing (a bar of the axis minimum is a sliver).
    const nothing = range.bottom - (range.top - range.bottom);
    return ['baseline', 'during', 'after', 'breaching']
        .filter((kind) => shades.includes(kind))
        .map((kind) => ({
        kind,
        row: seriesRow('bar', SHADE_NAMES[kind], shades.map((shade) => (shade === kind ? range.top : nothing)))
    }));
}
/** The y axis from 0 (or below, for negative values) to a round number above every value shown. */
function axisRange(shown) {
    return {
        bottom: niceBound(Math.min(...shown, 0) * 1.1, false),
        top: niceBound(Math.max(...shown, 0) * 1.1, true) || 1
    };
}
/** The text legend under the chart: `🟦 name (ms) · ⬛ threshold > 500 ms · 🟧 fault … (UTC)`. */
function legendLine(input, scale, references, windows, shades) {
    const parts = [
        `${STYLE.metric.square} ${(0,markdown/* escapeMarkdown */.FV)(input.name)} (${(0,markdown/* escapeMarkdown */.FV)(scale.axis)})`
    ];
    for (const reference of references) {
        // In the axis's scale, so the legend reads like the chart: `0.8 s` on a chart in seconds.
        const value = (0,quantities/* formatScaled */.AJ)(reference.value, scale, reference.kind === 'threshold' ? 4 : 3);
        const operator = reference.kind === 'threshold' && input.comparisonOperator
            ? `${describe/* OPERATOR_SYMBOLS */.dJ[input.comparisonOperator]} `
            : '';
        parts.push(`${STYLE[reference.kind].square} ${(0,markdown/* escapeMarkdown */.FV)(`${reference.name} ${operator}${value}`)}`);
    }
    if (windows.baseline && shades.includes('baseline'))
        parts.push(`${STYLE.baseline.square} baseline ${spanText(windows.baseline)}`);
    if (windows.during)
        parts.push(`${STYLE.during.square} fault ${spanText(windows.during)}`);
    if (windows.after && shades.includes('after'))
        parts.push(`${STYLE.after.square} after ${spanText(windows.after)}`);
    const breaching = input.phases.flatMap((phase) => phase.breachingPeriods);
    parts.push(breaching.length
        ? `${STYLE.breaching.square} breaching ${breachingText(breaching, input.period)}`
        : 'no breaching period');
    return `${parts.join(' · ')} (UTC)`;
}
/** The Mermaid block and its legend line; empty with fewer than two datapoints. */
function checkChart(input) {
    const lowIsBad = input.comparisonOperator?.startsWith('Less') === true;
    const categories = categoriesOf(input.points, input.period, lowIsBad);
    if (categories.length < 2)
        return '';
    const windows = chartWindows(input);
    const references = referencesOf(input);
    const breaching = input.phases.flatMap((phase) => phase.breachingPeriods);
    const shades = categories.map((category) => shadeOf(category, windows, breaching));
    const raw = [
        ...categories.map((category) => category.value),
        ...references.map((item) => item.value)
    ];
    const scale = (0,quantities/* displayScale */.Hd)(input.unit, Math.max(...raw.map(Math.abs)));
    const range = axisRange(raw.map((value) => value * scale.factor));
    const plots = [
        ...shadeRows(shades, range),
        {
            kind: 'metric',
            row: seriesRow('line', input.name, categories.map((category) => category.value * scale.factor))
        },
        ...references.map((reference) => ({
            kind: reference.kind,
            row: seriesRow('line', reference.name, categories.map(() => reference.value * scale.factor))
        }))
    ];
    const init = {
        xyChart: { showLegend: true },
        themeVariables: {
            xyChart: { plotColorPalette: plots.map((plot) => STYLE[plot.kind].colour).join(', ') }
        }
    };
    // Unlabelled categories as distinct invisible strings (see the module comment).
    const labels = timeLabels(categories).map((label, index) => label || invisibleLabel(index));
    const block = [
        '```mermaid',
        `%%{init: ${JSON.stringify(init)}}%%`,
        'xychart-beta',
        `  title "${(0,markdown/* mermaidString */.tm)(input.name)}"`,
        `  x-axis "time (UTC)" [${labels.map((label) => `"${label}"`).join(', ')}]`,
        // The title is the unit's place: a long name is cut so that the unit stays in view.
        `  y-axis "${(0,markdown/* mermaidString */.tm)(input.name, AXIS_NAME_LIMIT)} (${scale.axis})" ${(0,quantities/* formatSignificant */.bf)(range.bottom)} --> ${(0,quantities/* formatSignificant */.bf)(range.top)}`,
        ...plots.map((plot) => plot.row),
        '```'
    ].join('\n');
    // Mermaid reads numbers as plain decimals: values beyond them (1e300) would be a parse error.
    if (/\de[+-]/.test(block))
        return `_No chart: the values of ${(0,markdown/* escapeMarkdown */.FV)(input.name)} are too large or too small to draw._`;
    return `${block}\n\n${legendLine(input, scale, references, windows, shades)}`;
}

;// CONCATENATED MODULE: ./src/report/hypothesis-summary.ts
/**
 * The hypothesis evidence in the job summary: a table per check (phase, condition, observed
 * values, breaching periods, datapoints, recovery) and a chart per check (check-chart.ts). Values
 * are rounded to 3 significant digits with their unit (quantities.ts); the JSON report has them exact.
 */




const STATUS_ICON = { pass: '✅', breach: '❌', inconclusive: '❔' };
/** `breaches when > 500 ms or > 330 ms (baseline mean +50 %) for 2 of 3 periods`. */
function conditionText(check, baseline, unit) {
    const parts = [];
    if (check.comparisonOperator && check.threshold !== undefined)
        parts.push(
        // 4 digits: the threshold is what someone typed, and 234.5 ms should not read 235 ms.
        `${describe/* OPERATOR_SYMBOLS */.dJ[check.comparisonOperator]} ${(0,quantities/* formatQuantity */.VZ)(check.threshold, unit, 4)}`);
    const { maxIncreasePercent: up, maxDecreasePercent: down } = check.baselineComparison ?? {};
    if (baseline?.upperBound !== undefined)
        parts.push(`> ${(0,quantities/* formatQuantity */.VZ)(baseline.upperBound, unit)} (baseline mean +${up === undefined ? '' : (0,quantities/* formatQuantity */.VZ)(up, 'Percent', 4)})`);
    if (baseline?.lowerBound !== undefined)
        parts.push(`< ${(0,quantities/* formatQuantity */.VZ)(baseline.lowerBound, unit)} (baseline mean −${down === undefined ? '' : (0,quantities/* formatQuantity */.VZ)(down, 'Percent', 4)})`);
    return `breaches when ${parts.join(' or ') || '—'} for ${check.datapointsToAlarm} of ${check.evaluationPeriods} periods`;
}
function phaseRow(check, phase, unit) {
    const recovery = phase.recovery;
    return [
        (0,markdown/* escapeMarkdown */.FV)(check.name),
        phase.phase,
        `${STATUS_ICON[phase.status] ?? ''} ${phase.status}`,
        phase.observed
            ? [phase.observed.min, phase.observed.max, phase.observed.last]
                .map((value) => (0,quantities/* formatQuantity */.VZ)(value, unit))
                .join(' / ')
            : '—',
        phase.breachingPeriods.length
            ? `${phase.breachingPeriods.length} (${phase.breachingPeriods.slice(0, 4).map(describe/* formatTime */.fU).join(', ')}${phase.breachingPeriods.length > 4 ? ', …' : ''})`
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
function renderHypothesis(input) {
    const { evidence } = input;
    const conditionOf = (check) => input.conditions.find((item) => item.name === check.name);
    const rows = evidence.checks.flatMap((check) => {
        const unit = conditionOf(check)?.unit;
        return check.phases.map((phase) => phaseRow(check, phase, unit));
    });
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
        const condition = conditionOf(check);
        const series = evidence.series.find((item) => item.check === check.name);
        const metricLink = input.links?.[check.name];
        const sourceLink = input.sourceLinks?.[check.name];
        const unit = condition?.unit;
        sections.push(`${sourceLink ? (0,markdown/* link */.nf)(`**${(0,markdown/* escapeMarkdown */.FV)(check.name)}**`, sourceLink) : `**${(0,markdown/* escapeMarkdown */.FV)(check.name)}**`} — ${condition ? (0,markdown/* escapeMarkdown */.FV)(conditionText(condition, check.baseline, unit)) : ''}${check.baseline?.mean !== undefined ? `; baseline mean ${(0,markdown/* code */.aY)((0,quantities/* formatQuantity */.VZ)(check.baseline.mean, unit))}` : ''}${metricLink ? ` · ${(0,markdown/* link */.nf)('metric in CloudWatch', metricLink)}` : ''}`);
        const chart = series && condition
            ? checkChart({
                name: check.name,
                points: series.points,
                period: condition.period,
                unit,
                comparisonOperator: condition.comparisonOperator,
                threshold: condition.threshold,
                baseline: check.baseline,
                windows: evidence.windows,
                phases: check.phases
            })
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











function hypothesisSection(run, experiment, links) {
    if (!run.hypothesis || !experiment?.hypothesis)
        return '';
    const hypothesis = (0,definition/* buildHypothesis */.Th)(experiment.hypothesis);
    const span = (0,run_model/* evidenceSpan */.eW)(run.hypothesis);
    const metricLinks = {};
    const sourceLinks = {};
    hypothesis.checks.forEach((check, index) => {
        const name = check.definition.name;
        const metricUrl = run.region ? (0,console_links/* checkConsoleUrl */.Bg)(run.region, check, span) : undefined;
        if (metricUrl)
            metricLinks[name] = metricUrl;
        const { line } = experiment.source.document.parsed.locate(`/hypothesis/checks/${index}`);
        const sourceUrl = links.fileLine(experiment.source.file, line);
        if (sourceUrl)
            sourceLinks[name] = sourceUrl;
    });
    return renderHypothesis({
        evidence: run.hypothesis,
        conditions: hypothesis.checks.map((check) => check.definition),
        links: metricLinks,
        sourceLinks
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
/** Every time a run shows: FIS's, CloudWatch's, and the windows its checks judged. */
function timesShown(run) {
    const span = run.hypothesis ? (0,run_model/* evidenceSpan */.eW)(run.hypothesis) : undefined;
    return [
        run.startTime,
        run.endTime,
        ...run.timeline.map((event) => event.time),
        ...(span ? [span.start, span.end - 1] : [])
    ].filter((time) => time !== undefined && Number.isFinite(time));
}
/**
 * The dates the summary's times fall on: one, said once in the headline, or the first and last
 * moment when they cross midnight, so that a bare `00:00:05` below still reads unambiguously.
 */
function dateSpan(runs) {
    const times = runs.flatMap(timesShown);
    if (times.length === 0)
        return { words: '' };
    const [first, last] = [Math.min(...times), Math.max(...times)];
    if ((0,describe/* formatDate */.Yq)(first) === (0,describe/* formatDate */.Yq)(last))
        return { date: (0,describe/* formatDate */.Yq)(first), words: `times UTC on ${(0,describe/* formatDate */.Yq)(first)}` };
    const moment = (time) => new Date(time).toISOString().slice(0, 16).replace('T', ' ');
    return { date: (0,describe/* formatDate */.Yq)(first), words: `times UTC from ${moment(first)} to ${moment(last)}` };
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
/** What every section of a run opens with: its verdict, its reason, its ids and links. */
function sectionHead(run, experiment, links) {
    return [
        `### ${VERDICT_ICON[run.verdict]} ${run.verdict} — ${(0,markdown/* escapeMarkdown */.FV)(run.file)}`,
        (0,markdown/* escapeMarkdown */.FV)(run.reason),
        facts(run, experiment, links)
    ];
}
function runSection(run, experiment, validation, context) {
    const parts = [
        ...sectionHead(run, experiment, context.links),
        run.actions.length ? actionsTable(run, context.clock) : '',
        run.alarms.length ? alarmsTable(run, context.clock) : '',
        hypothesisSection(run, experiment, context.links),
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
function headline(input, dates) {
    const files = new Set(input.runs.map((run) => run.file)).size;
    const counts = [
        (0,describe/* plural */.LS)(files, 'file'),
        `${(0,describe/* plural */.LS)(input.runs.filter((run) => run.experimentId).length, 'experiment')} started`,
        checkCounts(input.runs),
        input.elapsedMs !== undefined
            ? `step took ${(0,duration/* formatSeconds */.X)(Math.round(input.elapsedMs / 1000))}`
            : '',
        dates
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
            details: (0,validation_summary/* findingsTable */.f9)(file.findings, budget, links)
        });
    return byFile;
}
/**
 * Within `budget` bytes (default: all a step has): the headline, the overview table when there is
 * more than one run, then the worst runs first, each with its section; the rest counted.
 */
function renderRunSummary(input, budget = summary_budget/* SUMMARY_BUDGET */.pm) {
    const span = dateSpan(input.runs);
    const context = { clock: clockOn(span.date), links: input.links ?? summary_links/* NO_LINKS */.E };
    const head = headline(input, span.words);
    const experiments = new Map(input.experiments.map((item) => [item.source.file, item]));
    const validations = validationsByFile(input, (budget * validation_summary/* FILE_SHARE */.hz) / 2);
    const overview = input.runs.length > 1;
    const parts = input.runs.map((run) => {
        const row = overviewRow(run);
        const experiment = experiments.get(run.file);
        const section = runSection(run, experiment, validations.get(run.file), context);
        // Its verdict, reason and links, for a run whose whole evidence does not fit.
        const compact = [
            ...sectionHead(run, experiment, context.links),
            '_The rest of this run’s evidence is too large for the job summary’s 1 MiB: the JSON report (output `report`) has it._'
        ]
            .filter(Boolean)
            .join('\n\n');
        // The row and its line break, the section and the blank line before it.
        const rowBytes = overview ? (0,summary_budget/* byteSize */.mz)((0,markdown/* tableRow */.jD)(row)) + 1 : 0;
        return {
            run,
            row,
            section,
            compact,
            bytes: rowBytes + (0,summary_budget/* byteSize */.mz)(section) + 2,
            compactBytes: rowBytes + (0,summary_budget/* byteSize */.mz)(compact) + 2
        };
    });
    const header = ['File', 'Verdict', 'Experiment', 'Duration', 'Reason'];
    const fixed = (0,summary_budget/* byteSize */.mz)([head, (0,markdown/* table */.tp)(header, [])].join('\n\n')) + summary_budget/* OMISSION_NOTE_BYTES */.tA;
    const rank = (part) => -run_model/* VERDICT_ORDER */.jT.indexOf(part.run.verdict);
    const whole = (0,summary_budget/* fitToBudget */.c5)(parts, (part) => part.bytes, rank, budget - fixed);
    const used = whole.shown.reduce((sum, part) => sum + part.bytes, 0);
    // What does not fit whole keeps its verdict and links, as long as those fit.
    const { shown: brief, omitted } = (0,summary_budget/* fitToBudget */.c5)(whole.omitted, (part) => part.compactBytes, rank, budget - fixed - used);
    const inBrief = new Set(brief);
    const shown = parts.filter((part) => whole.shown.includes(part) || inBrief.has(part));
    const sections = [
        head,
        overview && shown.length
            ? (0,markdown/* table */.tp)(header, shown.map((part) => part.row))
            : '',
        ...shown.map((part) => (inBrief.has(part) ? part.compact : part.section)),
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

//# sourceMappingURL=846.index.js.map