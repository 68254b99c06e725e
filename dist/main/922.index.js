export const id = 922;
export const ids = [922];
export const modules = {

/***/ 4227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Gv: () => (/* binding */ createAwsClients)
});

// UNUSED EXPORTS: SDK_MAX_ATTEMPTS, endpointFor

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-fis/dist-cjs/index.js
var client_fis_dist_cjs = __webpack_require__(977);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(1279);
;// CONCATENATED MODULE: ./src/aws/bounded-handler.ts
/**
 * Every attempt of every AWS call gets an answer or gives up within a bound, so a connection
 * that hangs (accepted, then silent) cannot keep a poll, a start or the post step running past
 * `timeout` or the runner's 7.5 s after a cancel. An attempt that runs out ends as a
 * `TimeoutError`, which the SDK's own classification treats as transient and retries with
 * backoff like a dropped connection.
 *
 * A caller's abort (the call's own limit, or the workflow's cancellation) ends the attempt at
 * once and is thrown as the signal's reason.
 *
 * The inner handler keeps `requestTimeout: 0`: @smithy/node-http-handler 2.5 leaves its own
 * request timer armed after a failure, which holds the process open.
 */

/** How long one attempt may take; AWS answers these APIs in well under a second. */
const ATTEMPT_TIMEOUT_MS = 10_000;
class BoundedHttpHandler extends node_http_handler_dist_cjs.NodeHttpHandler {
    attemptTimeoutMs;
    constructor(attemptTimeoutMs = ATTEMPT_TIMEOUT_MS, options = { requestTimeout: 0, connectionTimeout: 0 }) {
        super(options);
        this.attemptTimeoutMs = attemptTimeoutMs;
    }
    async handle(request, options = {}) {
        const attempt = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            attempt.abort();
        }, this.attemptTimeoutMs);
        const caller = options.abortSignal;
        const onCallerAbort = () => attempt.abort();
        if (caller?.aborted)
            attempt.abort();
        caller?.addEventListener?.('abort', onCallerAbort, { once: true });
        try {
            return await super.handle(request, { ...options, abortSignal: attempt.signal });
        }
        catch (error) {
            // The caller's reason (out of time, cancelled: see call-limits.ts) says why, where the
            // SDK would say only "Request aborted".
            if (!timedOut && caller?.aborted && caller.reason instanceof Error)
                throw caller.reason;
            if (!timedOut)
                throw error;
            const timeout = new Error(`${request.hostname}: no answer within ${this.attemptTimeoutMs / 1000} s`, { cause: error });
            timeout.name = 'TimeoutError';
            throw timeout;
        }
        finally {
            clearTimeout(timer);
            caller?.removeEventListener?.('abort', onCallerAbort);
        }
    }
}

;// CONCATENATED MODULE: ./src/aws/clients.ts
/**
 * The AWS clients a run uses. @aws-sdk 3.523.0 predates service-specific endpoint variables, so
 * AWS_ENDPOINT_URL_FIS / _CLOUDWATCH / _STS (and AWS_ENDPOINT_URL) are resolved here, as newer
 * SDKs and the AWS CLI do. Credentials come from the default chain (normally set by
 * aws-actions/configure-aws-credentials with OIDC).
 */





/** The configured endpoint of a service, or undefined for the SDK's default. */
function endpointFor(service, env) {
    if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true')
        return undefined;
    return env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL || undefined;
}
/** SDK retries per call: throttling, 5xx and dropped connections are retried with backoff. */
const SDK_MAX_ATTEMPTS = 6;
function createAwsClients(options) {
    const common = {
        region: options.region,
        maxAttempts: options.maxAttempts ?? (Number(options.env.AWS_MAX_ATTEMPTS) || SDK_MAX_ATTEMPTS),
        retryMode: 'standard',
        customUserAgent: `fis-gate/${version/* ACTION_VERSION */.Y}`,
        ...(options.credentials ? { credentials: options.credentials } : {})
    };
    // One handler (and connection pool) per client: destroying a client destroys its handler.
    const bounded = () => ({ requestHandler: new BoundedHttpHandler(options.attemptTimeoutMs) });
    const fis = new client_fis_dist_cjs.FisClient({ ...common, ...bounded(), endpoint: endpointFor('fis', options.env) });
    const cloudwatch = new dist_cjs.CloudWatchClient({
        ...common,
        ...bounded(),
        endpoint: endpointFor('cloudwatch', options.env)
    });
    const sts = new client_sts_dist_cjs.STSClient({ ...common, ...bounded(), endpoint: endpointFor('sts', options.env) });
    return {
        fis,
        cloudwatch,
        sts,
        destroy() {
            fis.destroy();
            cloudwatch.destroy();
            sts.destroy();
        }
    };
}


/***/ }),

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ errorName),
/* harmony export */   P: () => (/* binding */ describeAwsError)
/* harmony export */ });
/** AWS errors in one line a person can act on: what failed, the service's words, and what to do. */
const HINTS = [
    [
        /AccessDenied|UnauthorizedOperation|NotAuthorized/i,
        'the CI role lacks a permission: see docs/iam-policy.json'
    ],
    [
        /ExpiredToken|TokenRefreshRequired|RequestExpired/i,
        'the credentials expired: give aws-actions/configure-aws-credentials a role-duration-seconds longer than the experiment'
    ],
    [
        /CredentialsProviderError|Could not load credentials/i,
        'no AWS credentials: run aws-actions/configure-aws-credentials before this step'
    ],
    [
        /Throttl|TooManyRequests|Rate exceeded/i,
        'AWS kept throttling after all retries: lower the poll rate (poll-interval) or retry the job'
    ],
    [/ServiceQuotaExceeded/i, 'FIS runs at most 5 experiments at once per account and Region']
];
function describeAwsError(operation, error) {
    const shape = (typeof error === 'object' && error !== null ? error : {});
    const name = shape.name ?? 'Error';
    const message = shape.message ?? String(error);
    const status = shape.$metadata?.httpStatusCode;
    const requestId = shape.$metadata?.requestId;
    const hint = HINTS.find(([pattern]) => pattern.test(`${name} ${message} ${shape.code ?? ''}`))?.[1];
    const details = [status ? `HTTP ${status}` : '', requestId ? `request ${requestId}` : '']
        .filter(Boolean)
        .join(', ');
    return `${operation} failed: ${name}: ${message}${details ? ` (${details})` : ''}${hint ? ` — ${hint}` : ''}`;
}
function errorName(error) {
    return typeof error === 'object' && error !== null && 'name' in error
        ? String(error.name)
        : '';
}


/***/ }),

/***/ 701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ PageGuard)
/* harmony export */ });
/**
 * Pagination that always ends: a service that repeats a NextToken, or pages on past any real
 * listing, would otherwise keep a step (or the post step) calling for ever.
 */
/** Far beyond any account's experiments, templates, alarms or datapoints of one call. */
const MAX_PAGES = 1000;
class PageGuard {
    what;
    seen = new Set();
    constructor(what) {
        this.what = what;
    }
    /** The token to ask for next; throws when the service loops or never stops paging. */
    next(token) {
        if (!token)
            return undefined;
        if (this.seen.has(token))
            throw new Error(`${this.what} returned a NextToken it had returned before; stopped paging`);
        if (this.seen.size >= MAX_PAGES)
            throw new Error(`${this.what} returned more than ${MAX_PAGES} pages; stopped paging`);
        this.seen.add(token);
        return token;
    }
}


/***/ }),

/***/ 9922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFisMode: () => (/* binding */ runFisMode),
  workflowRunOf: () => (/* binding */ workflowRunOf)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-fis/dist-cjs/index.js
var dist_cjs = __webpack_require__(977);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/report/junit.ts
const JUNIT_FILE = 'fis-gate-junit.xml';
const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;'
};
/**
 * Every code point outside XML 1.0's Char production (tab, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD, U+10000–U+10FFFF): the other C0 controls, U+FFFE, U+FFFF and, read by code
 * point, lone surrogates. A document holding one is not well-formed, so reporters reject the file.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** XML-escaped text or attribute value, without the characters XML 1.0 forbids. */
function xml(text) {
    return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (char) => ENTITIES[char]);
}
function fisCase(run) {
    const classname = `fis-gate.${run.name}`;
    const seconds = run.startTime !== undefined && run.endTime !== undefined
        ? (run.endTime - run.startTime) / 1000
        : 0;
    // FIS's own outcome: a breach or an undecided hypothesis is reported by the check testcases.
    const fisWorked = (run.status === 'completed' &&
        run.actions.every((action) => action.status === 'completed' || run.mode === 'plan')) ||
        (run.status === 'stopped' && run.verdict === 'fail' && run.hypothesis !== undefined);
    const outcome = !run.experimentId
        ? run.verdict === 'error'
            ? { kind: 'error', type: 'error', message: run.reason }
            : { kind: 'skipped', type: run.verdict, message: `not started: ${run.reason}` }
        : fisWorked && run.verdict !== 'aborted'
            ? undefined
            : run.verdict === 'aborted' || run.verdict === 'fail'
                ? { kind: 'failure', type: run.verdict, message: run.reason }
                : run.verdict === 'cancelled'
                    ? { kind: 'skipped', type: 'cancelled', message: run.reason }
                    : { kind: 'error', type: run.verdict, message: run.reason };
    return {
        name: `FIS ${run.mode === 'plan' ? 'plan' : 'experiment'}${run.experimentId ? ` ${run.experimentId}` : ''}`,
        classname,
        seconds,
        outcome,
        output: run.timeline
            .map((event) => `${event.time === undefined ? '(no AWS time)' : new Date(event.time).toISOString()} ${event.source} ${event.name}: ${event.from ? `${event.from} -> ` : ''}${event.to}`)
            .join('\n')
    };
}
function checkCases(run) {
    return (run.hypothesis?.checks ?? []).map((check) => {
        const worst = check.phases.find((phase) => phase.status === check.status) ?? check.phases[0];
        const details = check.phases
            .map((phase) => `${phase.phase}: ${phase.status} — ${phase.reason}`)
            .join('\n');
        const outcome = check.status === 'breach'
            ? { kind: 'failure', type: 'breach', message: `${worst?.phase}: ${worst?.reason ?? ''}` }
            : check.status === 'inconclusive'
                ? {
                    kind: 'error',
                    type: 'inconclusive',
                    message: `${worst?.phase ?? 'no phase'}: ${worst?.reason ?? 'not evaluated'}`
                }
                : undefined;
        return {
            name: check.name,
            classname: `fis-gate.${run.name}.hypothesis`,
            seconds: 0,
            outcome,
            output: details
        };
    });
}
function renderCase(test) {
    const open = `    <testcase name="${xml(test.name)}" classname="${xml(test.classname)}" time="${test.seconds.toFixed(3)}"`;
    const body = [];
    if (test.outcome?.kind === 'skipped')
        body.push(`      <skipped message="${xml(test.outcome.message)}"/>`);
    else if (test.outcome)
        body.push(`      <${test.outcome.kind} type="${xml(test.outcome.type)}" message="${xml(test.outcome.message)}">${xml(test.outcome.message)}</${test.outcome.kind}>`);
    if (test.output)
        body.push(`      <system-out>${xml(test.output)}</system-out>`);
    return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}
function toJunit(runs, timestamp) {
    const suites = runs.map((run) => {
        const cases = [fisCase(run), ...checkCases(run)];
        const count = (kind) => cases.filter((test) => test.outcome?.kind === kind).length;
        const seconds = cases.reduce((sum, test) => sum + test.seconds, 0);
        return [
            `  <testsuite name="${xml(run.file)}" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}" timestamp="${new Date(run.startTime ?? timestamp).toISOString().slice(0, 19)}">`,
            ...cases.map(renderCase),
            '  </testsuite>'
        ].join('\n');
    });
    const all = runs.map((run) => [fisCase(run), ...checkCases(run)]).flat();
    const total = (kind) => all.filter((test) => test.outcome?.kind === kind).length;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fis-gate" tests="${all.length}" failures="${total('failure')}" errors="${total('error')}" skipped="${total('skipped')}">\n${suites.join('\n')}\n</testsuites>\n`;
}

// EXTERNAL MODULE: ./src/aws/call-limits.ts
var call_limits = __webpack_require__(3470);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var aws_clients = __webpack_require__(4227);
// EXTERNAL MODULE: ./src/aws/console-links.ts
var console_links = __webpack_require__(904);
// EXTERNAL MODULE: ./src/aws/errors.ts
var aws_errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/experiment/excerpt.ts
var excerpt = __webpack_require__(3698);
// EXTERNAL MODULE: ./src/experiment/model.ts
var model = __webpack_require__(5730);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/report/json-report.ts
var json_report = __webpack_require__(4225);
// EXTERNAL MODULE: ./src/report/run-summary.ts + 2 modules
var run_summary = __webpack_require__(3993);
// EXTERNAL MODULE: ./src/run/context.ts
var run_context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/aws/pages.ts
var aws_pages = __webpack_require__(701);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var client_cloudwatch_dist_cjs = __webpack_require__(4085);
;// CONCATENATED MODULE: ./src/aws/members-as-written.ts
function isRequest(value) {
    return typeof value === 'object' && value !== null;
}
function isJsonObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * Sets each member in the request's serialized JSON body as written: a member the serializer
 * wrote is replaced, one it left out is added. A request without a JSON object body is refused
 * rather than sent without the members.
 */
function setMembers(request, members) {
    const body = isRequest(request) ? request.body : undefined;
    const serialized = typeof body === 'string' ? JSON.parse(body) : undefined;
    if (!isRequest(request) || !isJsonObject(serialized)) {
        throw new Error(`fis-gate cannot send ${Object.keys(members).join(', ')} as written: the request has no JSON object body`);
    }
    request.body = JSON.stringify({ ...serialized, ...members });
}
/** `command`, set to send `members` exactly as written (see above). */
function withMembersAsWritten(command, members) {
    const asWritten = (next) => async (args) => {
        setMembers(args.request, members);
        return next(args);
    };
    command.middlewareStack.add(asWritten, {
        step: 'build',
        priority: 'high',
        name: 'fisGateMembersAsWritten',
        override: true
    });
    return command;
}

// EXTERNAL MODULE: ./src/run/model.ts
var run_model = __webpack_require__(1464);
;// CONCATENATED MODULE: ./src/run/observe.ts
/**
 * Turns successive GetExperiment and DescribeAlarms answers into timeline events: each change of
 * the experiment's state, of an action's state, and of a stop-condition alarm, timed by FIS and
 * CloudWatch alone; and puts a timeline in time order. Pure.
 */

const TERMINAL_ACTION_STATES = new Set(['completed', 'stopped', 'failed', 'cancelled', 'skipped']);
/** FIS's own time of an experiment state, when FIS records one (see TimelineEvent). */
function experimentTime(snapshot) {
    if (snapshot.status === 'pending' || snapshot.status === 'initiating')
        return snapshot.startTime;
    return run_model/* TERMINAL_STATES */.kl.has(snapshot.status) ? snapshot.endTime : undefined;
}
/** FIS's own time of an action state, when FIS records one (see TimelineEvent). */
function actionTime(action, firstSeen, experimentStart) {
    if (action.status === 'initiating' || action.status === 'running')
        return action.startTime;
    if (TERMINAL_ACTION_STATES.has(action.status))
        return action.endTime;
    return action.status === 'pending' && firstSeen ? experimentStart : undefined;
}
/** Times are FIS's, or absent: never when fis-gate happened to poll. */
function experimentEvents(previous, next) {
    const events = [];
    if (previous?.status !== next.status) {
        events.push({
            ...timed(experimentTime(next)),
            source: 'experiment',
            name: 'experiment',
            from: previous?.status,
            to: next.status,
            detail: next.reason
        });
    }
    const before = new Map((previous?.actions ?? []).map((action) => [action.name, action]));
    for (const action of next.actions) {
        const old = before.get(action.name);
        if (old?.status === action.status)
            continue;
        events.push({
            ...timed(actionTime(action, old === undefined, next.startTime)),
            source: 'action',
            name: action.name,
            from: old?.status,
            to: action.status,
            detail: action.reason
        });
    }
    return events;
}
/**
 * Times are CloudWatch's. A state first seen that the alarm entered before `since` (the
 * experiment's FIS start) is where the alarm stood, not a change during the run: no time.
 */
function alarmEvents(previous, next, since) {
    const events = [];
    for (const alarm of next) {
        const old = previous.get(alarm.name);
        if (old?.state === alarm.state)
            continue;
        const changedDuringRun = old !== undefined ||
            (since !== undefined && alarm.transitionedAt !== undefined && alarm.transitionedAt >= since);
        events.push({
            ...timed(changedDuringRun ? alarm.transitionedAt : undefined),
            source: 'alarm',
            name: alarm.name,
            from: old?.state,
            to: alarm.state,
            detail: alarm.reason
        });
    }
    return events;
}
/** `{ time }` when there is one: an untimed event has no `time` member at all. */
function timed(time) {
    return time === undefined ? {} : { time };
}
/**
 * The timeline in time order, as TimelineEvent promises: sorted by `time`, stable, each untimed
 * event kept right after every event recorded before it. Pure; `events` in the order recorded.
 */
function inTimeOrder(events) {
    let latest = -Infinity;
    const keyed = events.map((event, index) => {
        latest = Math.max(latest, event.time ?? -Infinity);
        return { event, index, key: event.time ?? latest };
    });
    keyed.sort((a, b) => a.key - b.key || a.index - b.index);
    return keyed.map(({ event }) => event);
}
/** `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:name:with:colons` → `name:with:colons`. */
function alarmNameOf(arn) {
    const marker = ':alarm:';
    const index = arn.indexOf(marker);
    return index >= 0 ? arn.slice(index + marker.length) : arn;
}

// EXTERNAL MODULE: ./src/hypothesis/describe.ts
var describe = __webpack_require__(4657);
;// CONCATENATED MODULE: ./src/hypothesis/alarm-evaluation.ts
/** How many periods one evaluation looks at: N + 2, as in the User Guide's N = 3 example. */
function evaluationRangeLength(rule) {
    return rule.evaluationPeriods + 2;
}
/**
 * The alarm's evaluation at the end of the last period of `range` (consecutive periods, oldest
 * first, as long as `evaluationRangeLength` or shorter at the start of the data).
 */
function evaluateAlarm(range, rule, treat, periodMs) {
    const newest = range[range.length - 1];
    if (!newest)
        throw new RangeError('an alarm evaluation needs at least one period');
    const n = rule.evaluationPeriods;
    const real = range.filter((period) => period.state !== 'missing');
    const base = { at: newest.start + periodMs, period: newest.start, real: real.length };
    if (real.length >= n) {
        const evaluated = real.slice(-n);
        const breaching = evaluated.filter((period) => period.state === 'breaching').length;
        return {
            ...base,
            state: breaching >= rule.datapointsToAlarm ? 'ALARM' : 'OK',
            evaluated: evaluated.map((period) => period.start),
            breaching,
            filled: 0
        };
    }
    const filled = range.filter((period) => period.state === 'missing').slice(-(n - real.length));
    const evaluated = [...real, ...filled].sort((a, b) => a.start - b.start);
    const realBreaching = real.filter((period) => period.state === 'breaching').length;
    const breaching = realBreaching + (treat === 'breaching' ? filled.length : 0);
    return {
        ...base,
        state: filledState(treat, rule, real.length, realBreaching, evaluated[0] ?? newest),
        evaluated: evaluated.map((period) => period.start),
        breaching,
        filled: filled.length
    };
}
/** The state with fewer than N real datapoints, once the gaps are filled per `treatMissingData`. */
function filledState(treat, rule, real, realBreaching, oldestEvaluated) {
    const m = rule.datapointsToAlarm;
    if (treat === 'breaching') {
        return realBreaching + (rule.evaluationPeriods - real) >= m ? 'ALARM' : 'OK';
    }
    if (treat === 'notBreaching')
        return realBreaching >= m ? 'ALARM' : 'OK';
    const unknown = treat === 'ignore' ? 'RETAIN' : 'INSUFFICIENT_DATA';
    if (real === 0)
        return unknown;
    if (realBreaching >= m)
        return 'ALARM';
    if (realBreaching < real)
        return 'OK';
    // Every real datapoint breaches, fewer than M of them: the page's last rows.
    if (treat === 'ignore')
        return 'RETAIN';
    return oldestEvaluated.state === 'breaching' ? 'ALARM' : 'INSUFFICIENT_DATA';
}
/**
 * The alarm's evaluation at the end of each period from `from` on: `periods` is the consecutive
 * timeline (oldest first) whose earlier periods serve as the look-back.
 */
function evaluateTimeline(periods, from, rule, treat, periodMs) {
    const length = evaluationRangeLength(rule);
    const evaluations = [];
    periods.forEach((period, index) => {
        if (period.start < from)
            return;
        const range = periods.slice(Math.max(0, index - length + 1), index + 1);
        evaluations.push(evaluateAlarm(range, rule, treat, periodMs));
    });
    return evaluations;
}

;// CONCATENATED MODULE: ./src/hypothesis/windows.ts
/**
 * Periods aligned as CloudWatch aligns them, which periods each phase owns, and datapoints placed
 * in periods.
 *
 * Ownership: `before` owns the periods that end at or before the fault start (from the one in
 * progress at the baseline start); `during` owns every period the fault window overlaps, so the
 * period in progress at the experiment end is `during`'s and an instant fault still owns one
 * period; `after` owns the periods that start at or after the experiment end and before its
 * deadline (the end plus `recoverWithin`, else plus `settle`; at least one), and N − 1 more, so
 * that every alarm evaluation that includes a period before the deadline is inside the phase.
 */

/** Start of the period that contains `time`: periods start at multiples of the period since the epoch. */
function alignDown(time, periodMs) {
    return Math.floor(time / periodMs) * periodMs;
}
function alignUp(time, periodMs) {
    return Math.ceil(time / periodMs) * periodMs;
}
function startsWhile(from, periodMs, more) {
    const starts = [];
    for (let start = from; more(start); start += periodMs)
        starts.push(start);
    return starts;
}
/** When the after phase's recovery must have happened by: the end plus recoverWithin, else settle. */
function afterDeadline(check, windows) {
    return windows.during.end + (check.recoverWithin ?? windows.settle) * 1000;
}
/** Starts of the periods a phase owns, oldest first; empty when it has no window. */
function ownedPeriods(phase, check, windows) {
    const periodMs = check.period * 1000;
    if (phase === 'before') {
        const baseline = windows.baseline;
        if (!baseline)
            return [];
        return startsWhile(alignDown(baseline.start, periodMs), periodMs, (start) => start + periodMs <= baseline.end);
    }
    const { start, end } = windows.during;
    if (phase === 'during') {
        const faultEnd = Math.max(end, start + 1);
        return startsWhile(alignDown(start, periodMs), periodMs, (period) => period < faultEnd);
    }
    // After the fault's own period: an instant fault on a period boundary owns that period.
    const first = alignUp(Math.max(end, start + 1), periodMs);
    const deadline = afterDeadline(check, windows);
    const beforeDeadline = Math.max(1, Math.ceil((deadline - first) / periodMs));
    const count = beforeDeadline + check.evaluationPeriods - 1;
    return startsWhile(first, periodMs, (period) => period < first + count * periodMs);
}
/** From the first owned period's start to the last one's end; empty at `fallback` without one. */
function spanOf(starts, periodMs, fallback) {
    const first = starts[0];
    const last = starts[starts.length - 1];
    if (first === undefined || last === undefined)
        return { start: fallback, end: fallback };
    return { start: first, end: last + periodMs };
}
/**
 * What a check needs read from CloudWatch to judge `phases`: from the look-back before its first
 * owned period (one evaluation range, and two periods more for the evaluations in force at the
 * experiment end) to the end of its last.
 */
function dataSpan(check, windows, phases) {
    const periodMs = check.period * 1000;
    const starts = phases.flatMap((phase) => ownedPeriods(phase, check, windows));
    const baselineStarts = check.baselineComparison ? ownedPeriods('before', check, windows) : [];
    const all = [...starts, ...baselineStarts];
    if (all.length === 0)
        return { start: windows.during.start, end: windows.during.start };
    const first = Math.min(...all);
    const last = Math.max(...all);
    const lookBack = (evaluationRangeLength(check) + 1) * periodMs;
    return { start: first - lookBack, end: last + periodMs };
}
/**
 * One value per period start. Values that are not finite (NaN, ±Infinity) are dropped, as if the
 * period had no data. A timestamp inside a period counts for that period. When a period has several
 * finite values, the last one in input order is kept: a caller that appends a later re-query to an
 * earlier one gets the later value.
 */
function valuesByPeriod(datapoints, periodSeconds) {
    const periodMs = periodSeconds * 1000;
    const values = new Map();
    for (const { timestamp, value } of datapoints) {
        if (Number.isFinite(value) && Number.isFinite(timestamp)) {
            values.set(alignDown(timestamp, periodMs), value);
        }
    }
    return values;
}
function mean(values) {
    if (values.length === 0)
        return undefined;
    return values.reduce((sum, value) => sum + value, 0) / values.length;
}

;// CONCATENATED MODULE: ./src/hypothesis/criteria.ts
/**
 * What makes a period breach in one phase: the absolute threshold and the bounds around the
 * baseline mean. Also the sanity check of a definition (the validator guards user input; this
 * guards callers).
 */


const COMPARE = {
    GreaterThanThreshold: (value, threshold) => value > threshold,
    GreaterThanOrEqualToThreshold: (value, threshold) => value >= threshold,
    LessThanThreshold: (value, threshold) => value < threshold,
    LessThanOrEqualToThreshold: (value, threshold) => value <= threshold
};
/** Throws a RangeError naming the check when a definition cannot be evaluated. */
function assertDefinition(check) {
    const problem = definitionProblem(check);
    if (problem)
        throw new RangeError(`check "${check.name}": ${problem}`);
}
function definitionProblem(check) {
    const { period, datapointsToAlarm: m, evaluationPeriods: n } = check;
    if (!(Number.isFinite(period) && period > 0))
        return `period must be positive, not ${period}`;
    if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || m > n) {
        return `datapointsToAlarm (${m}) must be a whole number from 1 to evaluationPeriods (${n})`;
    }
    if ((check.comparisonOperator === undefined) !== (check.threshold === undefined)) {
        return 'comparisonOperator and threshold go together';
    }
    const relative = check.baselineComparison;
    const hasRelative = relative?.maxIncreasePercent !== undefined || relative?.maxDecreasePercent !== undefined;
    if (check.threshold === undefined && !hasRelative) {
        return 'a check needs comparisonOperator and threshold, or baselineComparison';
    }
    if (check.recoverWithin !== undefined && !(check.recoverWithin >= 0)) {
        return `recoverWithin must not be negative, not ${check.recoverWithin}`;
    }
    return undefined;
}
/** The baseline window's datapoints, mean and bounds; only for checks with `baselineComparison`. */
function baselineSummary(check, windows, values) {
    const comparison = check.baselineComparison;
    if (!comparison || !windows.baseline)
        return undefined;
    const starts = ownedPeriods('before', check, windows);
    const present = starts.flatMap((start) => {
        const value = values.get(start);
        return value === undefined ? [] : [value];
    });
    const summary = {
        window: windows.baseline,
        expectedPeriods: starts.length,
        datapoints: present.length
    };
    const baselineMean = mean(present);
    if (baselineMean === undefined)
        return summary;
    // mean ± |mean| × p / 100, written as mean × (100 ± p) / 100 so that decimal means and
    // percentages land on the bound a person computes (0.2 and 20% give 0.16, not 0.16000000000000003).
    const sign = baselineMean < 0 ? -1 : 1;
    const bound = (percent) => (baselineMean * (100 + sign * percent)) / 100;
    const { maxIncreasePercent: increase, maxDecreasePercent: decrease } = comparison;
    return {
        ...summary,
        mean: baselineMean,
        ...(increase !== undefined ? { upperBound: bound(increase) } : {}),
        ...(decrease !== undefined ? { lowerBound: bound(-decrease) } : {})
    };
}
/** The threshold, and the baseline bounds except in phase `before` (the baseline itself). */
function criteriaFor(check, phase, windows, baseline) {
    const { comparisonOperator: operator, threshold } = check;
    const criteria = { words: {}, watchMin: false, watchMax: false };
    if (operator !== undefined && threshold !== undefined) {
        criteria.compare = (value) => COMPARE[operator](value, threshold);
        criteria.words.threshold = (0,describe/* thresholdWords */.DH)(operator, threshold, check.unit);
        const upward = operator.startsWith('Greater');
        criteria.watchMax = upward;
        criteria.watchMin = !upward;
    }
    const relative = phase === 'before' ? undefined : check.baselineComparison;
    const increase = relative?.maxIncreasePercent;
    const decrease = relative?.maxDecreasePercent;
    if (increase === undefined && decrease === undefined)
        return criteria;
    const baselineMean = baseline?.mean;
    if (baselineMean === undefined) {
        criteria.baselineMissing = windows.baseline
            ? `no baseline data ${(0,describe/* spanWords */.Wd)(windows.baseline)} to compare with`
            : 'no baseline window to compare with';
        return criteria;
    }
    if (increase !== undefined) {
        criteria.upperBound = baseline?.upperBound;
        criteria.words.increase = (0,describe/* baselineWords */.v8)('increase', increase, baselineMean, check.unit);
        criteria.watchMax = true;
    }
    if (decrease !== undefined) {
        criteria.lowerBound = baseline?.lowerBound;
        criteria.words.decrease = (0,describe/* baselineWords */.v8)('decrease', decrease, baselineMean, check.unit);
        criteria.watchMin = true;
    }
    return criteria;
}
/**
 * Beyond a baseline bound by more than rounding: the mean and the bound are computed in binary
 * floating point (0.2, 0.2, 0.2 has the mean 0.20000000000000004), so a value a person computes as
 * exactly at the bound must not breach through the last bits.
 */
function beyond(value, bound, side) {
    const rounding = 1e-9 * Math.max(Math.abs(value), Math.abs(bound));
    return side * (value - bound) > rounding;
}
/** One period's datapoint against the conditions; `missing` when it has none. */
function judgePeriod(start, value, criteria) {
    if (value === undefined)
        return { start, state: 'missing', causes: [] };
    const causes = [];
    if (criteria.compare?.(value))
        causes.push('threshold');
    if (criteria.upperBound !== undefined && beyond(value, criteria.upperBound, 1)) {
        causes.push('increase');
    }
    if (criteria.lowerBound !== undefined && beyond(value, criteria.lowerBound, -1)) {
        causes.push('decrease');
    }
    return { start, value, state: causes.length > 0 ? 'breaching' : 'ok', causes };
}

;// CONCATENATED MODULE: ./src/hypothesis/model.ts
/**
 * The steady-state hypothesis as the evaluation core sees it: plain numbers, epoch milliseconds
 * and seconds, no ISO durations and no AWS types. The run layer builds these from the experiment
 * file (defaults already applied) and from GetMetricData results.
 */
/** The phases in the order they happen; results are always listed in this order. */
const PHASES = ['before', 'during', 'after'];

// EXTERNAL MODULE: ./src/hypothesis/quantities.ts
var quantities = __webpack_require__(7749);
;// CONCATENATED MODULE: ./src/hypothesis/reasons.ts
/**
 * The one-sentence reasons of phase results: each names the alarm state, when it was reached, and
 * the datapoints that decided it, so a person can check the verdict against a graph.
 */



const FILL_WORDS = {
    breaching: 'counted as breaching',
    notBreaching: 'counted as not breaching',
    missing: 'left out (treatMissingData missing)',
    ignore: 'left out (treatMissingData ignore)'
};
function mOfN({ check }) {
    const { datapointsToAlarm: m, evaluationPeriods: n } = check;
    return n === 1 ? 'the datapoint' : `${m} of ${n} datapoints`;
}
/** `10:04 (0.71), 10:05 (0.92)`: the evaluated periods that breach, with their values rounded. */
function breachingValues(evidence, evaluation) {
    const evaluated = new Set(evaluation.evaluated);
    return evidence.timeline.filter((period) => evaluated.has(period.start) && period.state === 'breaching');
}
function valueList(periods, unit, most = 3) {
    const shown = periods
        .slice(0, most)
        .map((period) => `${(0,describe/* formatTime */.fU)(period.start)} (${(0,quantities/* formatQuantity */.VZ)(period.value ?? Number.NaN, unit)})`);
    const rest = periods.length - shown.length;
    return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
function noWholePeriod({ window, check }) {
    return `the window ${(0,describe/* spanWords */.Wd)(window)} holds no whole ${(0,describe/* formatNumber */.ZV)(check.period)} s period`;
}
function notJudgedYet({ window }) {
    return `no period ${(0,describe/* spanWords */.Wd)(window)} has ended yet`;
}
/** `in ALARM at 10:06 UTC: 2 of 3 datapoints above 0.5 — 10:04 (0.71), 10:05 (0.92)`. */
function breachWords(evidence, evaluation) {
    const breaching = breachingValues(evidence, evaluation);
    const causes = (0,describe/* causeWords */.pQ)(evidence.criteria.words, breaching.flatMap((period) => period.causes));
    const conditions = causes === '' ? (0,describe/* conditionWords */.ri)(evidence.criteria.words) : causes;
    const realBreaching = breaching.length;
    const filled = evidence.treat === 'breaching' && evaluation.filled > 0
        ? `, with ${(0,describe/* plural */.LS)(evaluation.filled, 'period')} without data ${FILL_WORDS.breaching}`
        : '';
    const head = `in ALARM at ${(0,describe/* formatTime */.fU)(evaluation.at)} UTC`;
    if (evaluation.breaching < evidence.check.datapointsToAlarm) {
        // The `missing` rule: only breaching datapoints in the range, the oldest evaluated one real.
        return `${head}: every datapoint of the evaluation range is ${conditions} (${valueList(breaching, evidence.check.unit)}) and the rest had no data, as CloudWatch's missing-data rule reads it`;
    }
    const values = realBreaching > 0 ? ` — ${valueList(breaching, evidence.check.unit)}` : '';
    return `${head}: ${evaluation.breaching} of ${evaluation.evaluated.length} datapoints ${conditions}${values}${filled}`;
}
/** INSUFFICIENT_DATA, or the previous state kept under `ignore`. */
function unknownWords(evidence, evaluation) {
    const { check } = evidence;
    const range = (0,describe/* plural */.LS)(evaluationRangeLength(check), 'period');
    const data = evaluation.real === 0
        ? `no datapoint in its ${range}`
        : `only ${(0,describe/* plural */.LS)(evaluation.real, 'datapoint')} in its ${range}, all breaching, fewer than ${check.datapointsToAlarm}`;
    const state = evaluation.state === 'RETAIN'
        ? 'the alarm would keep its previous state (treatMissingData ignore)'
        : 'the alarm would be INSUFFICIENT_DATA';
    return `${state} at ${(0,describe/* formatTime */.fU)(evaluation.at)} UTC: ${data}`;
}
/** `OK at all 5 evaluations from 10:01 to 10:06 UTC: no 2 of 3 datapoints above 0.5 (…)`. */
function passWords(evidence) {
    const { evaluations, periods, datapoints, check, treat, criteria } = evidence;
    const first = evaluations[0];
    const last = evaluations.at(-1);
    const conditions = (0,describe/* conditionWords */.ri)(criteria.words);
    const notes = [`${datapoints} of ${(0,describe/* plural */.LS)(periods.length, 'period')} had data`];
    const observed = observedWords(evidence);
    if (observed)
        notes.push(observed);
    const thin = evaluations.filter((evaluation) => evaluation.filled > 0);
    if (thin.length > 0) {
        notes.push(`${thin.length === evaluations.length ? 'every evaluation' : (0,describe/* plural */.LS)(thin.length, 'evaluation')} rested on fewer than ${check.evaluationPeriods} real datapoints, the gaps ${FILL_WORDS[treat]}`);
    }
    const span = first && last ? ` from ${(0,describe/* formatTime */.fU)(first.period)} to ${(0,describe/* formatTime */.fU)(last.at)} UTC` : '';
    const count = evaluations.length === 1 ? 'the evaluation' : `all ${evaluations.length} evaluations`;
    const what = conditions === '' ? 'the datapoints were in' : `never ${mOfN(evidence)} ${conditions}`;
    return `OK at ${count}${span}: ${what} (${notes.join('; ')})`;
}
/** Seconds to a tenth: the experiment end is FIS's millisecond timestamp, the evaluation a period end. */
const seconds = (value) => `${(0,quantities/* formatSignificant */.bf)(Math.round(value * 10) / 10, 3)} s`;
function afterEnd(recovery) {
    return recovery.seconds === 0
        ? 'never left OK after the experiment'
        : `back to OK at ${(0,describe/* formatTime */.fU)(recovery.at ?? 0)} UTC, ${seconds(recovery.seconds ?? 0)} after the experiment end (period ${(0,describe/* formatTime */.fU)(recovery.period ?? 0)})`;
}
function recoveredWords(evidence, recovery) {
    const end = evidence.evaluations.at(-1)?.at ?? evidence.window.end;
    return `${afterEnd(recovery)}, and OK to ${(0,describe/* formatTime */.fU)(end)} UTC: within recoverWithin ${(0,describe/* formatNumber */.ZV)(recovery.limitSeconds)} s`;
}
function lateWords(evidence, recovery) {
    return `${afterEnd(recovery)}: later than recoverWithin ${(0,describe/* formatNumber */.ZV)(recovery.limitSeconds)} s${lastAlarmWords(evidence)}`;
}
function stillInAlarmWords(evidence, last) {
    return `did not recover within ${(0,describe/* formatNumber */.ZV)(evidence.check.recoverWithin ?? 0)} s: still ${breachWords(evidence, last)}`;
}
function recoveryUnknownWords(evidence, unknown, recovery) {
    return `recovery within ${(0,describe/* formatNumber */.ZV)(recovery.limitSeconds)} s cannot be confirmed: ${unknownWords(evidence, unknown)}; the alarm was known to be ${afterEnd(recovery)}`;
}
function lastAlarmWords(evidence) {
    const alarm = evidence.evaluations.findLast((evaluation) => evaluation.state === 'ALARM');
    return alarm ? `; last ${breachWords(evidence, alarm)}` : '';
}
/** The check saw no datapoint anywhere: usually a typo in the namespace, metric or dimensions. */
function noDataAnywhere(result) {
    return `no datapoint at all ${(0,describe/* spanWords */.Wd)(result.window)} nor in the periods before it: check the namespace, metric name and dimensions`;
}
function observedWords({ check, criteria, observed }) {
    if (!observed)
        return undefined;
    const parts = [];
    if (criteria.watchMin)
        parts.push(`min ${(0,quantities/* formatQuantity */.VZ)(observed.min, check.unit)}`);
    if (criteria.watchMax)
        parts.push(`max ${(0,quantities/* formatQuantity */.VZ)(observed.max, check.unit)}`);
    return parts.length > 0 ? parts.join(', ') : undefined;
}

;// CONCATENATED MODULE: ./src/hypothesis/verdict.ts
/** The worst of some phase statuses: breach, then inconclusive, then pass; none is inconclusive. */
function worstStatus(statuses) {
    if (statuses.includes('breach'))
        return 'breach';
    if (statuses.length === 0 || statuses.includes('inconclusive'))
        return 'inconclusive';
    return 'pass';
}
/**
 * Any breach fails the hypothesis, and the reason names the first breaching check (in the order
 * given) and its first breaching phase; else anything inconclusive (a check with no phase
 * evaluated, or no check at all, included) makes it inconclusive; else it passes.
 */
function hypothesisVerdict(results) {
    if (results.length === 0)
        return { verdict: 'inconclusive', reason: 'no check was evaluated' };
    const breaches = findings(results, 'breach');
    const [firstBreach] = breaches;
    if (firstBreach) {
        return { verdict: 'fail', reason: findingReason(firstBreach, 'breached', breaches.length - 1) };
    }
    const notEvaluated = results.find((result) => result.phases.length === 0);
    if (notEvaluated) {
        return {
            verdict: 'inconclusive',
            reason: `${notEvaluated.name} was not evaluated in any phase`
        };
    }
    const unknowns = findings(results, 'inconclusive');
    const [firstUnknown] = unknowns;
    if (firstUnknown) {
        return {
            verdict: 'inconclusive',
            reason: findingReason(firstUnknown, 'is inconclusive', unknowns.length - 1)
        };
    }
    const held = results.length === 1 ? 'the check held' : `all ${results.length} checks held`;
    return { verdict: 'pass', reason: `${held} in every phase` };
}
function findings(results, status) {
    return results.flatMap((check) => check.phases.filter((phase) => phase.status === status).map((phase) => ({ check, phase })));
}
const PHASE_WORDS = {
    before: 'before the experiment',
    during: 'during the experiment',
    after: 'after the experiment'
};
function findingReason({ check, phase }, verb, others) {
    const more = others > 0 ? ` (and ${others} more)` : '';
    return `${check.name} ${verb} ${PHASE_WORDS[phase.phase]}: ${phase.reason}${more}`;
}

;// CONCATENATED MODULE: ./src/hypothesis/evaluate.ts
/**
 * The steady-state hypothesis, judged: pure functions from a check, the experiment's windows and
 * the datapoints to a status per phase with the evidence behind it. No I/O, no AWS, no clock.
 * docs/verdicts.md states the rules; in short:
 *
 * - A check is a CloudWatch alarm that must not fire. At the end of every period a phase owns
 *   (windows.ts), the alarm is evaluated exactly as CloudWatch would (alarm-evaluation.ts), with
 *   its look-back reaching into earlier periods.
 * - A phase breaches when any of its evaluations is ALARM. It is inconclusive when one is
 *   INSUFFICIENT_DATA or would retain the previous state (the one deliberate deviation from
 *   CloudWatch: never a pass there), when it owns no whole period, or when the baseline comparison
 *   has no baseline. Otherwise it passes.
 * - `after` with `recoverWithin`: the alarm must be back to OK, and stay OK to the end of the
 *   phase, at an evaluation no later than `recoverWithin` after the experiment end.
 * - A check with no datapoint in any period it looked at is inconclusive whatever
 *   `treatMissingData` says (`noData`).
 * - While the experiment runs, only periods that have ended are judged, and gaps (not yet
 *   ingested) are taken as not breaching: only real breaching datapoints can abort.
 */







/** Every phase of the check (or only `phase`, if the check has it), in phase order. */
function evaluateCheck(check, windows, datapoints, phase, options = {}) {
    assertDefinition(check);
    const values = valuesByPeriod(datapoints, check.period);
    const baseline = baselineSummary(check, windows, values);
    const evaluated = PHASES.filter((candidate) => check.phases.includes(candidate) && (phase === undefined || candidate === phase)).map((candidate) => evaluateIn(check, candidate, windows, values, baseline, options));
    const noData = evaluated.length > 0 && evaluated.every((result) => result.looked === 0);
    const phases = evaluated.map(({ result }) => noData ? { ...result, status: 'inconclusive', reason: noDataAnywhere(result) } : result);
    return {
        name: check.name,
        status: worstStatus(phases.map((result) => result.status)),
        phases,
        ...(baseline ? { baseline } : {}),
        ...(noData ? { noData } : {})
    };
}
/**
 * The `during` phase so far (`windows.during.end` is now), for the run loop's `abortOnBreach`:
 * only the evaluations due by `judgedUntil` (the periods already ingested).
 */
function evaluateWhileRunning(check, windows, datapoints, judgedUntil) {
    const during = { ...check, phases: ['during'] };
    const options = { judgedUntil, running: true };
    const [result] = evaluateCheck(during, windows, datapoints, 'during', options).phases;
    if (!result)
        throw new RangeError('the during phase was not evaluated');
    return { abort: check.abortOnBreach && result.status === 'breach', result };
}
function evaluateIn(check, phase, windows, values, baseline, options) {
    const periodMs = check.period * 1000;
    const owned = ownedPeriods(phase, check, windows);
    const treat = options.running ? 'notBreaching' : check.treatMissingData;
    const criteria = criteriaFor(check, phase, windows, baseline);
    // Two periods more than a range: the evaluations between the experiment end and the after
    // phase (the one in force at the end, and the one of the period in progress) need full ranges.
    const range = evaluationRangeLength(check);
    const lookBack = (range + 1) * periodMs;
    const first = owned[0] ?? windows.during.start;
    const timeline = [];
    for (let start = first - lookBack; start <= (owned.at(-1) ?? first - periodMs); start += periodMs)
        timeline.push(judgePeriod(start, values.get(start), criteria));
    const periods = timeline.filter((period) => period.start >= first);
    const evaluations = evaluateTimeline(timeline, first, check, treat, periodMs).filter((evaluation) => options.judgedUntil === undefined || evaluation.at <= options.judgedUntil);
    const observed = observedValues(periods);
    const evidence = {
        check,
        treat,
        criteria,
        window: spanOf(owned, periodMs, phase === 'before' ? windows.during.start : first),
        periods,
        timeline,
        evaluations,
        datapoints: periods.filter((period) => period.value !== undefined).length,
        ...(observed ? { observed } : {})
    };
    const lead = leadEvaluations(timeline, first, windows, check, treat, periodMs);
    const decision = phase === 'after' && check.recoverWithin !== undefined
        ? decideRecovery(evidence, windows, lead)
        : decide(evidence, owned.length);
    const alarm = evaluations.find((evaluation) => evaluation.state === 'ALARM');
    const result = {
        phase,
        status: decision.status,
        reason: decision.reason,
        window: evidence.window,
        expectedPeriods: owned.length,
        datapoints: evidence.datapoints,
        periods,
        evaluations,
        breachingPeriods: periods
            .filter((period) => period.state === 'breaching')
            .map((period) => period.start),
        ...(alarm ? { firstBreach: breachRun(timeline, alarm) } : {}),
        ...(observed ? { observed } : {}),
        ...(decision.recovery ? { recovery: decision.recovery } : {})
    };
    // The periods some evaluation's range reached: the look-back of the earliest one, onwards.
    const lookedFrom = (lead[0]?.period ?? first) - (range - 1) * periodMs;
    const looked = timeline.filter((period) => period.start >= lookedFrom && period.state !== 'missing').length;
    return { result, looked };
}
/**
 * The evaluations from the one in force at the experiment end (the last at or before it) to just
 * before `first`: where recovery is measured from.
 */
function leadEvaluations(timeline, first, windows, check, treat, periodMs) {
    const inForce = alignDown(windows.during.end, periodMs) - periodMs;
    return evaluateTimeline(timeline, inForce, check, treat, periodMs).filter((evaluation) => evaluation.period < first);
}
/** Any ALARM breaches; then the baseline, unknown states and unjudged windows are inconclusive. */
function decide(evidence, owned) {
    const { evaluations, criteria } = evidence;
    if (owned === 0)
        return inconclusive(noWholePeriod(evidence));
    const alarm = evaluations.find((evaluation) => evaluation.state === 'ALARM');
    if (alarm)
        return { status: 'breach', reason: breachWords(evidence, alarm) };
    if (criteria.baselineMissing)
        return inconclusive(criteria.baselineMissing);
    if (evaluations.length === 0)
        return inconclusive(notJudgedYet(evidence));
    const unknown = evaluations.find((evaluation) => !isSettled(evaluation));
    if (unknown)
        return inconclusive(unknownWords(evidence, unknown));
    return { status: 'pass', reason: passWords(evidence) };
}
const isSettled = (evaluation) => evaluation.state === 'ALARM' || evaluation.state === 'OK';
/**
 * Phase after with recoverWithin: the first evaluation from which the alarm stays OK to the end of
 * the phase is the recovery; it must come no later than the deadline.
 */
function decideRecovery(evidence, windows, lead) {
    const { evaluations, check, criteria } = evidence;
    const limitSeconds = check.recoverWithin ?? 0;
    const last = evaluations.at(-1);
    if (!last)
        return inconclusive(noWholePeriod(evidence));
    const notRecovered = { limitSeconds, recovered: false, met: false };
    if (last.state === 'ALARM') {
        return { status: 'breach', reason: stillInAlarmWords(evidence, last), recovery: notRecovered };
    }
    if (last.state !== 'OK') {
        return { ...inconclusive(unknownWords(evidence, last)), recovery: notRecovered };
    }
    // From the evaluation in force at the experiment end to the end of the after phase.
    const sequence = [...lead, ...evaluations];
    let from = sequence.length - 1;
    while (from > 0 && sequence[from - 1]?.state === 'OK')
        from--;
    const back = sequence[from] ?? last;
    const end = windows.during.end;
    const never = from === 0 && back.at <= end;
    const seconds = never ? 0 : Math.max(0, back.at - end) / 1000;
    const recovery = {
        limitSeconds,
        recovered: true,
        seconds,
        at: never ? end : back.at,
        period: back.period,
        met: seconds <= limitSeconds
    };
    if (criteria.baselineMissing)
        return { ...inconclusive(criteria.baselineMissing), recovery };
    if (recovery.met)
        return { status: 'pass', reason: recoveredWords(evidence, recovery), recovery };
    const deadline = afterDeadline(check, windows);
    const lastAlarm = sequence.slice(0, from).findLastIndex((e) => e.state === 'ALARM');
    const unknownInTime = sequence
        .slice(lastAlarm + 1, from)
        .find((evaluation) => !isSettled(evaluation) && evaluation.at <= deadline);
    if (unknownInTime) {
        return { ...inconclusive(recoveryUnknownWords(evidence, unknownInTime, recovery)), recovery };
    }
    return { status: 'breach', reason: lateWords(evidence, recovery), recovery };
}
function inconclusive(reason) {
    return { status: 'inconclusive', reason };
}
function breachRun(timeline, alarm) {
    const evaluated = new Set(alarm.evaluated);
    const breaching = timeline.filter((period) => evaluated.has(period.start) && period.state === 'breaching');
    return {
        at: alarm.at,
        from: breaching[0]?.start ?? alarm.period,
        to: breaching.at(-1)?.start ?? alarm.period,
        breaching: alarm.breaching,
        length: alarm.evaluated.length
    };
}
function observedValues(periods) {
    const values = periods.flatMap((period) => (period.value === undefined ? [] : [period.value]));
    const last = values[values.length - 1];
    if (last === undefined)
        return undefined;
    const sum = values.reduce((total, value) => total + value, 0);
    return {
        min: values.reduce((low, value) => Math.min(low, value), last),
        max: values.reduce((high, value) => Math.max(high, value), last),
        mean: sum / values.length,
        last
    };
}

;// CONCATENATED MODULE: ./src/run/metrics.ts
/**
 * GetMetricData for a hypothesis: one query set per experiment, at most 500 queries a call,
 * following NextToken (PartialData), oldest first. Returns each returned query's datapoints.
 */


const MAX_QUERIES_PER_CALL = 500;
/** Packs whole checks into calls of at most 500 queries: an expression travels with its metrics. */
function batches(queries) {
    const byCheck = new Map();
    for (const query of queries) {
        const check = query.Id.split('_')[0];
        byCheck.set(check, [...(byCheck.get(check) ?? []), query]);
    }
    const calls = [];
    for (const group of byCheck.values()) {
        const last = calls[calls.length - 1];
        if (last && last.length + group.length <= MAX_QUERIES_PER_CALL)
            last.push(...group);
        else
            calls.push([...group]);
    }
    return calls;
}
async function fetchDatapoints(context, queries, window, callOptions = context.limits.cancellable()) {
    const series = new Map();
    for (const batch of batches(queries)) {
        const pages = new aws_pages/* PageGuard */.f('CloudWatch GetMetricData');
        let nextToken;
        do {
            const page = await context.clients.cloudwatch.send(new client_cloudwatch_dist_cjs.GetMetricDataCommand({
                MetricDataQueries: batch,
                StartTime: new Date(window.start),
                EndTime: new Date(window.end),
                ScanBy: 'TimestampAscending',
                NextToken: nextToken
            }), callOptions);
            for (const result of page.MetricDataResults ?? []) {
                if (!result.Id)
                    continue;
                const points = series.get(result.Id) ?? [];
                const timestamps = result.Timestamps ?? [];
                const values = result.Values ?? [];
                timestamps.forEach((timestamp, index) => points.push({ timestamp: timestamp.getTime(), value: values[index] ?? Number.NaN }));
                series.set(result.Id, points);
            }
            nextToken = pages.next(page.NextToken);
        } while (nextToken);
    }
    return series;
}

;// CONCATENATED MODULE: ./src/run/hypothesis-run.ts
/**
 * The hypothesis inside a run, on the wall clock of a real account, where CloudWatch publishes a
 * period's datapoint some time after the period ends. `settle` is that ingestion delay: a period
 * is judged only once `settle` has passed since it ended.
 *
 * - `before`: over the baseline window that ends `settle` before now (the newest periods are not
 *   ingested yet), before any fault.
 * - While running: `abortOnBreach` checks, on the periods that have ended.
 * - After the experiment: wait until the last period every check needs has ended plus `settle`
 *   (saying what for and how long), then read once and judge every phase.
 */







const seriesOf = (hypothesis, data) => hypothesis.checks.map((check) => ({
    check: check.definition.name,
    points: data.get(check.queryId) ?? []
}));
/** The span every check needs for `phases` (each check's own when `phases` is undefined). */
function spanOfAll(checks, windows, phases) {
    const spans = checks.map(({ definition }) => dataSpan(definition, windows, phases ?? definition.phases));
    if (spans.length === 0)
        return windows.during;
    return {
        start: Math.min(...spans.map((span) => span.start)),
        end: Math.max(...spans.map((span) => span.end))
    };
}
/** The metric a check reads, in words: `AWS/ApplicationELB TargetResponseTime {LoadBalancer=…}`. */
function metricWords(check) {
    if (!check.metric)
        return `the metrics of expression ${check.expression?.text ?? ''}`;
    const dimensions = Object.entries(check.metric.dimensions)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ');
    return `${check.metric.namespace} ${check.metric.metricName} {${dimensions}} (${check.metric.stat}, ${check.metric.period} s)`;
}
function warnNoData(context, hypothesis, results) {
    results.forEach((result, index) => {
        const check = hypothesis.checks[index];
        if (!result.noData || !check)
            return;
        context.log.warning(`Check "${result.name}" found no datapoint at all for ${metricWords(check)}: it is inconclusive. The usual cause is a typo in the namespace, metric name or a dimension; compare with the metric in the CloudWatch console.`);
    });
}
/** Phase `before`: a refusal (with the failing values) unless every before-check holds. */
async function evaluateBefore(context, hypothesis) {
    const checks = hypothesis.checks.filter((check) => check.definition.phases.includes('before'));
    if (!checks.length || !hypothesis.baseline)
        return undefined;
    const now = context.clock.now();
    const ingested = now - hypothesis.settle * 1000;
    const windows = {
        baseline: { start: ingested - hypothesis.baseline * 1000, end: ingested },
        during: { start: now, end: now },
        settle: hypothesis.settle
    };
    let data;
    try {
        data = await fetchDatapoints(context, hypothesis.queries, spanOfAll(checks, windows, ['before']));
    }
    catch (error) {
        return { verdict: 'error', reason: (0,aws_errors/* describeAwsError */.P)('CloudWatch GetMetricData', error) };
    }
    const results = hypothesis.checks.map((check) => evaluateCheck(check.definition, windows, data.get(check.queryId) ?? [], 'before'));
    const judged = results.filter((result) => result.phases.length > 0);
    warnNoData(context, hypothesis, results);
    const outcome = hypothesisVerdict(judged);
    if (outcome.verdict === 'pass')
        return undefined;
    const reason = `Refused before any fault: the steady state does not hold over the baseline window. ${outcome.reason}`;
    return {
        verdict: outcome.verdict,
        reason,
        evidence: {
            verdict: outcome.verdict,
            reason,
            checks: judged,
            windows,
            series: seriesOf(hypothesis, data)
        }
    };
}
/** While running: the first abortOnBreach check that breaches, if any. Missing data never aborts. */
async function breachWhileRunning(context, hypothesis, start, 
/** The watch's deadline: the check's reads end there too. */
deadline) {
    const checks = hypothesis.checks.filter((check) => check.definition.abortOnBreach);
    if (!checks.length)
        return undefined;
    const now = Math.max(start, context.clock.now());
    const windows = windowsFor(hypothesis, start, now);
    const data = await fetchDatapoints(context, hypothesis.queries, { start: spanOfAll(checks, windows, ['during']).start, end: now }, context.limits.cancellable(deadline));
    for (const check of checks) {
        const points = data.get(check.queryId) ?? [];
        // Like the final evaluation, only periods that ended `settle` ago: a newer one may be partial.
        const ingested = now - hypothesis.settle * 1000;
        const { abort, result } = evaluateWhileRunning(check.definition, windows, points, ingested);
        if (abort)
            return { check: check.definition.name, result };
    }
    return undefined;
}
function windowsFor(hypothesis, start, end) {
    return {
        ...(hypothesis.baseline
            ? { baseline: { start: start - hypothesis.baseline * 1000, end: start } }
            : {}),
        during: { start, end },
        settle: hypothesis.settle
    };
}
/** When every period the checks judge has ended and had `settle` to be ingested. */
function readyAt(hypothesis, start, end) {
    const span = spanOfAll(hypothesis.checks, windowsFor(hypothesis, start, end));
    return Math.max(end, span.end) + hypothesis.settle * 1000;
}
function waitWords(hypothesis, windows, until) {
    const last = hypothesis.checks
        .map((check) => ({ check, span: dataSpan(check.definition, windows, check.definition.phases) }))
        .reduce((latest, next) => (next.span.end > latest.span.end ? next : latest));
    const phase = last.check.definition.phases.includes('after') ? 'after window' : 'last period';
    return `until ${(0,describe/* formatClock */.ei)(until)} UTC: the ${phase} of check ${(0,excerpt/* quote */.hD)(last.check.definition.name)} ends at ${(0,describe/* formatClock */.ei)(last.span.end)} UTC, then settle (${hypothesis.settle} s) lets CloudWatch ingest it`;
}
/** After the experiment: wait for every judged period to be in, then evaluate every phase. */
async function evaluateAfterExperiment(context, hypothesis, start, end, pollIntervalMs, limit) {
    const windows = windowsFor(hypothesis, start, end);
    const range = spanOfAll(hypothesis.checks, windows);
    const until = readyAt(hypothesis, start, end);
    // A wait longer than `timeout` after the experiment (a day-long period, a long recoverWithin)
    // would hold the job for it: the verdict says so instead.
    if (until - Math.max(end, context.clock.now()) > limit.ms)
        return {
            judged: false,
            verdict: 'error',
            reason: `The metrics to judge are complete only at ${new Date(until).toISOString().replace('.000', '')} (${waitWords(hypothesis, windows, until)}), later than the timeout (${limit.text}) allows after the experiment; the hypothesis was not judged. Shorten the after window (period, evaluationPeriods, recoverWithin, settle) or raise timeout`
        };
    const seconds = Math.max(0, Math.ceil((until - context.clock.now()) / 1000));
    context.log.info(`Waiting ${seconds} s for the metrics ${waitWords(hypothesis, windows, until)}.`);
    await context.clock.sleep(Math.max(0, until - context.clock.now()), context.cancellation);
    // A read that fails is tried again at the poll interval, for as long again as settle.
    const giveUp = until + Math.max(hypothesis.settle * 1000, pollIntervalMs);
    for (;;) {
        if (context.cancellation.aborted) {
            return {
                judged: false,
                verdict: 'cancelled',
                reason: `The workflow was cancelled while fis-gate waited for the metrics (${waitWords(hypothesis, windows, until)}); the experiment had already ended, and the hypothesis was not judged`
            };
        }
        try {
            const data = await fetchDatapoints(context, hypothesis.queries, range);
            // A signal that arrived during the read still wins: the loop checks again first.
            if (!context.cancellation.aborted) {
                return { judged: true, evidence: judgeAll(context, hypothesis, windows, data) };
            }
        }
        catch (error) {
            const words = (0,aws_errors/* describeAwsError */.P)('CloudWatch GetMetricData', error);
            if (context.clock.now() >= giveUp) {
                return {
                    judged: false,
                    verdict: 'error',
                    reason: `${words}; the hypothesis could not be judged`
                };
            }
            context.log.warning(`${words}; trying again`);
            await context.clock.sleep(pollIntervalMs, context.cancellation);
        }
    }
}
function judgeAll(context, hypothesis, windows, data) {
    const results = hypothesis.checks.map((check) => evaluateCheck(check.definition, windows, data.get(check.queryId) ?? []));
    warnNoData(context, hypothesis, results);
    return {
        ...hypothesisVerdict(results),
        checks: results,
        windows,
        series: seriesOf(hypothesis, data)
    };
}
/**
 * An abortOnBreach stop is a failed hypothesis: where the final evaluation of that check's
 * `during` phase does not show the breach the run loop saw (the stop cut the window short), the
 * loop's result stands in for it, so the summary, the report and JUnit say what stopped the run.
 */
function withAbortBreach(evidence, breach) {
    const checks = evidence.checks.map((result) => {
        if (result.name !== breach.check || result.status === 'breach')
            return result;
        const phases = [
            ...result.phases.filter((phase) => phase.phase === 'before'),
            breach.result,
            ...result.phases.filter((phase) => phase.phase === 'after')
        ];
        return { ...result, status: 'breach', phases };
    });
    return { ...evidence, ...hypothesisVerdict(checks), checks };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
;// CONCATENATED MODULE: ./src/run/preflight.ts
/**
 * Checks before any fault: who we are (STS) against the allowed accounts and Regions, and every
 * stop-condition alarm exists and is OK. A refusal names what is wrong and what to do.
 */





/** DescribeAlarms for both metric and composite alarms (metric only when AlarmTypes is omitted). */
async function describeAlarms(context, names, callOptions = context.limits.cancellable()) {
    const found = new Map();
    for (let index = 0; index < names.length; index += 100) {
        const pages = new aws_pages/* PageGuard */.f('CloudWatch DescribeAlarms');
        let nextToken;
        do {
            const page = await context.clients.cloudwatch.send(new client_cloudwatch_dist_cjs.DescribeAlarmsCommand({
                AlarmNames: names.slice(index, index + 100),
                AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
                NextToken: nextToken
            }), callOptions);
            const alarms = [
                ...(page.MetricAlarms ?? []),
                ...(page.CompositeAlarms ?? [])
            ];
            for (const alarm of alarms) {
                if (!alarm.AlarmName)
                    continue;
                found.set(alarm.AlarmName, {
                    name: alarm.AlarmName,
                    state: alarm.StateValue ?? 'UNKNOWN',
                    reason: alarm.StateReason,
                    transitionedAt: (alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp)?.getTime()
                });
            }
            nextToken = pages.next(page.NextToken);
        } while (nextToken);
    }
    return found;
}
async function callerAccount(context) {
    try {
        const identity = await context.clients.sts.send(new client_sts_dist_cjs.GetCallerIdentityCommand({}), context.limits.cancellable());
        if (!identity.Account)
            return { refused: 'STS GetCallerIdentity returned no account' };
        return identity.Account;
    }
    catch (error) {
        return { refused: (0,aws_errors/* describeAwsError */.P)('STS GetCallerIdentity', error) };
    }
}
function identityRefusal(account, region, rules) {
    if (rules.allowedAccounts && !rules.allowedAccounts.includes(account)) {
        return `The AWS credentials belong to account ${account}, which is not allowed (allowed: ${rules.allowedAccounts.join(', ') || 'none'}). Check the role assumed by aws-actions/configure-aws-credentials`;
    }
    if (rules.allowedRegions && !rules.allowedRegions.includes(region)) {
        return `The Region is ${region}, which is not allowed (allowed: ${rules.allowedRegions.join(', ') || 'none'})`;
    }
    return undefined;
}
/** Every stop-condition alarm must exist and be OK before a fault is injected. */
async function alarmRefusal(context, alarmArns) {
    if (alarmArns.length === 0)
        return undefined;
    const names = alarmArns.map(alarmNameOf);
    let alarms;
    try {
        alarms = await describeAlarms(context, names);
    }
    catch (error) {
        return (0,aws_errors/* describeAwsError */.P)('CloudWatch DescribeAlarms', error);
    }
    for (const name of names) {
        const alarm = alarms.get(name);
        if (!alarm)
            return `Stop-condition alarm "${name}" does not exist in ${context.region}; FIS could not stop the experiment on it. Create the alarm or fix the ARN`;
        if (alarm.state !== 'OK') {
            return `Stop-condition alarm "${name}" is ${alarm.state}${alarm.reason ? ` (${alarm.reason})` : ''}; the system must be healthy before a fault is injected`;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/run/fis-listing.ts
var fis_listing = __webpack_require__(886);
// EXTERNAL MODULE: ./src/run/retry.ts
var retry = __webpack_require__(1191);
// EXTERNAL MODULE: ./src/run/state.ts
var run_state = __webpack_require__(4352);
;// CONCATENATED MODULE: ./src/run/verdict.ts
/**
 * The verdict of one experiment from what FIS and CloudWatch reported — never from reason text.
 * A run whose actions were skipped or failed, or that injected nothing, is never a pass.
 */


/** What fis-gate's stop achieved, claiming no more than FIS confirmed. */
function stopWords(observed) {
    if (observed.stopRequested === false)
        return `it had already ended when fis-gate saw it (FIS state ${observed.status})`;
    if (observed.stopNotConfirmed)
        return `fis-gate asked FIS to stop it, and FIS has not confirmed that it ended (last state ${observed.status})`;
    if (observed.stopError)
        return `fis-gate's stop did not go through (${(0,excerpt/* excerpt */.Kb)(observed.stopError, 300)}), and the experiment ended without it (FIS state ${observed.status})`;
    return `fis-gate stopped it (FIS state ${observed.status})`;
}
const list = (names) => names.map((name) => `"${name}"`).join(', ');
/** `"carts-5xx" (at 10:04:12 UTC)`: the alarms that fired, with CloudWatch's time when known. */
function firedWords(alarms) {
    return alarms
        .map((alarm) => {
        const at = alarm.firedAt === undefined ? '' : ` at ${(0,describe/* formatClock */.ei)(alarm.firedAt)} UTC`;
        return `"${alarm.name}"${at}`;
    })
        .join(', ');
}
/**
 * Precedence for one experiment: a cancellation (at any moment) is `cancelled`; an experiment FIS
 * stopped on a stop condition is `aborted`, with the checks' evidence beside it; an abortOnBreach
 * stop, or a breach in an experiment FIS did not stop, is `fail`. Otherwise the FIS outcome, which
 * a hypothesis can only make worse.
 */
function decideVerdict(observed) {
    if (observed.notJudged?.verdict === 'cancelled') {
        return { verdict: 'cancelled', reason: observed.notJudged.reason };
    }
    if (observed.stoppedBy === 'hypothesis' && observed.breach) {
        return {
            verdict: 'fail',
            reason: `Check "${observed.breach.check}" breached while the experiment ran (abortOnBreach): ${observed.breach.reason}; ${stopWords(observed)}`
        };
    }
    const decision = fisDecision(observed);
    if (observed.notJudged && decision.verdict === 'pass') {
        return { verdict: 'error', reason: observed.notJudged.reason };
    }
    const hypothesis = observed.hypothesis;
    if (!hypothesis || (decision.verdict !== 'pass' && decision.verdict !== 'aborted'))
        return decision;
    if (decision.verdict === 'aborted') {
        const beside = hypothesis.verdict === 'pass'
            ? 'the hypothesis held'
            : hypothesis.verdict === 'fail'
                ? `the hypothesis breached too: ${hypothesis.reason}`
                : `the hypothesis was inconclusive: ${hypothesis.reason}`;
        return { verdict: 'aborted', reason: `${decision.reason}; ${beside}` };
    }
    if (hypothesis.verdict === 'fail') {
        return { verdict: 'fail', reason: `The hypothesis breached: ${hypothesis.reason}` };
    }
    if (hypothesis.verdict === 'inconclusive')
        return {
            verdict: 'inconclusive',
            reason: `The hypothesis could not be decided: ${hypothesis.reason}`
        };
    return { verdict: 'pass', reason: `${decision.reason}, and the hypothesis held` };
}
function fisDecision(observed) {
    if (observed.stoppedBy === 'cancel') {
        return {
            verdict: 'cancelled',
            reason: `The workflow was cancelled; ${stopWords(observed)}`
        };
    }
    if (observed.stoppedBy === 'refusal') {
        return { verdict: 'error', reason: `${observed.refusal ?? 'Refused'}; ${stopWords(observed)}` };
    }
    if (observed.stoppedBy === 'timeout') {
        return {
            verdict: 'error',
            reason: `The experiment did not finish within the timeout of ${observed.timeoutText ?? '?'}; ${stopWords(observed)}`
        };
    }
    const firedAlarms = observed.alarms.filter((alarm) => alarm.firedDuringExperiment);
    const fired = firedAlarms.map((alarm) => alarm.name);
    switch (observed.status) {
        case 'stopped':
            if (fired.length)
                return {
                    verdict: 'aborted',
                    reason: `FIS stopped the experiment: stop-condition alarm ${firedWords(firedAlarms)} went to ALARM`
                };
            if (observed.evidenceUnreadable)
                return {
                    verdict: 'error',
                    reason: `FIS stopped the experiment, and fis-gate could not read its stop-condition alarms to tell whether one fired: ${observed.evidenceUnreadable}`
                };
            return {
                verdict: 'cancelled',
                reason: 'The experiment was stopped outside fis-gate (StopExperiment or a safety lever) and no stop-condition alarm fired'
            };
        case 'cancelled':
            return {
                verdict: 'cancelled',
                reason: `FIS cancelled the experiment (an engaged safety lever)${observed.statusReason ? `: ${observed.statusReason}` : ''}`
            };
        case 'failed': {
            const failedActions = observed.actions.filter((action) => action.status === 'failed');
            const detail = failedActions.length
                ? `; action ${list(failedActions.map((action) => action.name))} failed${failedActions[0]?.reason ? `: ${failedActions[0].reason}` : ''}`
                : observed.statusReason
                    ? `: ${observed.statusReason}`
                    : '';
            return {
                verdict: 'error',
                reason: `FIS reports the experiment failed${observed.errorCode ? ` (${observed.errorCode})` : ''}${detail}`
            };
        }
        case 'completed':
            break;
        default:
            return {
                verdict: 'error',
                reason: `The experiment ended in the unexpected state ${observed.status}`
            };
    }
    if (observed.mode === 'plan')
        return {
            verdict: 'pass',
            reason: 'Targets resolved with actionsMode skip-all; no fault was injected'
        };
    const failed = observed.actions.filter((action) => action.status === 'failed');
    if (failed.length)
        return {
            verdict: 'error',
            reason: `Action ${list(failed.map((action) => action.name))} failed${failed[0]?.reason ? `: ${failed[0].reason}` : ''}`
        };
    const notRun = observed.actions.filter((action) => action.status !== 'completed');
    if (notRun.length || observed.actions.length === 0) {
        const names = notRun.map((action) => `${action.name} (${action.status})`);
        return {
            verdict: 'inconclusive',
            reason: observed.actions.length === 0
                ? 'The experiment ran no action'
                : `The fault was not injected: action ${names.join(', ')} did not complete — its targets resolved to no resource, so nothing was tested`
        };
    }
    if (fired.length)
        return {
            verdict: 'aborted',
            reason: `Stop-condition alarm ${firedWords(firedAlarms)} went to ALARM during the experiment`
        };
    return {
        verdict: 'pass',
        reason: `FIS completed ${observed.actions.length === 1 ? '' : 'all '}${(0,describe/* plural */.LS)(observed.actions.length, 'action')} and no stop-condition alarm fired`
    };
}

;// CONCATENATED MODULE: ./src/run/experiment-run.ts
/**
 * One experiment, start to end: create the template (tagged, idempotent), start it with a
 * deterministic client token, save its id for the post step at once, watch it within the
 * timeout, stop it on timeout or cancellation, gather the stop-condition evidence, delete the
 * template, and decide the verdict.
 */















/** After a stop request, how long to wait for FIS to reach a terminal state before reporting. */
const STOP_WAIT_MS = 60_000;
/** Within the runner's 7.5 s between SIGINT and SIGTERM, leave time to write the reports. */
const CANCEL_WAIT_MS = 4_000;
/**
 * Identical for every retry of one call in this step, distinct per job execution (see
 * WorkflowRun.execution), per file and per resolved template, so two matrix legs with different
 * `vars` or environments each start their own experiment. FIS allows 64 characters.
 */
function clientToken(context, plan, purpose) {
    const { repository, job, execution, runId, runAttempt } = context.workflow;
    const resolved = plan.templateId ?? JSON.stringify(plan.template ?? {});
    const digest = (0,external_node_crypto_.createHash)('sha256')
        .update([repository, job, execution, plan.mode, plan.file, resolved, purpose].join('\0'))
        .digest('hex')
        .slice(0, 20);
    return `fis-gate-${runId.slice(0, 20)}-${runAttempt.slice(0, 4)}-${digest}`;
}
/** This job execution's tag: what its post step, and no other job's, cleans up. */
function runTag(context) {
    const { repository, runId, runAttempt, job, execution } = context.workflow;
    // FIS tag values hold 256 characters: the long parts give way, never the execution.
    return `${repository.slice(0, 140)}#${runId.slice(0, 20)}.${runAttempt.slice(0, 6)}/${job.slice(0, 70)}/${execution}`;
}
function tagsFor(context, plan) {
    return {
        [run_state/* TAG */.Dk.repository]: context.workflow.repository,
        [run_state/* TAG */.Dk.runId]: context.workflow.runId,
        [run_state/* TAG */.Dk.sha]: context.workflow.sha,
        [run_state/* TAG */.Dk.experiment]: plan.name.slice(0, 256),
        [run_state/* TAG */.Dk.run]: runTag(context),
        [run_state/* TAG */.Dk.lock]: plan.lockKey ?? `${context.region}`,
        // What `mode: sweep` needs to judge a leftover: the limit this run gave it.
        [run_state/* TAG */.Dk.timeout]: String(Math.round(plan.timeoutMs / 1000)),
        ...(plan.cleanup || plan.mode === 'plan' ? {} : { [run_state/* TAG */.Dk.cleanup]: 'false' })
    };
}
/** A time from AWS, or undefined when it is missing or not a valid date. */
const epoch = (date) => {
    const time = date?.getTime();
    return time !== undefined && Number.isFinite(time) ? time : undefined;
};
function snapshotOf(experiment) {
    const actions = Object.entries(experiment.actions ?? {}).map(([name, action]) => ({
        name,
        actionId: action.actionId ?? '',
        status: action.state?.status ?? 'unknown',
        reason: action.state?.reason,
        startTime: epoch(action.startTime),
        endTime: epoch(action.endTime)
    }));
    return {
        status: experiment.state?.status ?? 'unknown',
        reason: experiment.state?.reason,
        startTime: epoch(experiment.startTime),
        endTime: epoch(experiment.endTime),
        actions
    };
}
function describeEvent(event) {
    // The log shows what the timeline holds: FIS's or CloudWatch's time, or none.
    const time = event.time === undefined
        ? 'no AWS time'.padEnd(20)
        : new Date(event.time).toISOString().replace('.000Z', 'Z');
    const change = event.from ? `${event.from} → ${event.to}` : event.to;
    // Names and details come from AWS: a bounded excerpt, never the whole text.
    const detail = event.detail ? ` (${(0,excerpt/* excerpt */.Kb)(event.detail, 300)})` : '';
    return `${time}  ${event.source.padEnd(10)} ${(0,excerpt/* excerpt */.Kb)(event.name, 200)}: ${change}${detail}`;
}
async function alarmHistory(context, name, start, end) {
    const entries = [];
    const pages = new aws_pages/* PageGuard */.f('CloudWatch DescribeAlarmHistory');
    let nextToken;
    do {
        const page = await context.clients.cloudwatch.send(new client_cloudwatch_dist_cjs.DescribeAlarmHistoryCommand({
            AlarmName: name,
            HistoryItemType: 'StateUpdate',
            StartDate: new Date(start),
            EndDate: new Date(end),
            ScanBy: 'TimestampAscending',
            NextToken: nextToken
        }), context.limits.mustFinish());
        for (const item of page.AlarmHistoryItems ?? []) {
            let data = {};
            try {
                data = JSON.parse(item.HistoryData ?? '{}');
            }
            catch {
                continue;
            }
            const time = epoch(item.Timestamp);
            if (!data.newState?.stateValue || time === undefined)
                continue;
            entries.push({
                name,
                time,
                from: data.oldState?.stateValue,
                to: data.newState.stateValue,
                summary: item.HistorySummary
            });
        }
        nextToken = pages.next(page.NextToken);
    } while (nextToken);
    return entries;
}
/** Adds the alarm history the polls missed; inTimeOrder places it among the FIS events. */
function mergeHistory(timeline, history) {
    for (const entry of history) {
        if (timeline.some((event) => event.source === 'alarm' &&
            event.name === entry.name &&
            event.to === entry.to &&
            event.time === entry.time))
            continue;
        timeline.push({
            time: entry.time,
            source: 'alarm',
            name: entry.name,
            from: entry.from,
            to: entry.to,
            detail: entry.summary
        });
    }
}
async function runExperiment(context, plan, state) {
    const timeline = [];
    const result = {
        file: plan.file,
        name: plan.name,
        mode: plan.mode,
        verdict: 'error',
        reason: '',
        templateCreated: false,
        templateDeleted: false,
        actions: [],
        alarms: [],
        timeline,
        region: context.region
    };
    /** fis-gate's own steps: at the FIS time of what the step made, when FIS gave one, else untimed. */
    const note = (to, detail, fisTime) => {
        const event = {
            ...timed(fisTime),
            source: 'fis-gate',
            name: 'fis-gate',
            to,
            detail
        };
        timeline.push(event);
        context.log.info(describeEvent(event));
    };
    const fail = (reason) => Object.assign(result, { verdict: 'error', reason });
    if (context.cancellation.aborted)
        return Object.assign(result, {
            verdict: 'cancelled',
            reason: 'The workflow was cancelled before the experiment started'
        });
    // 1. The template: created from the file (tagged, idempotent on retry) or used as-is.
    let templateId = plan.templateId;
    let templateCreatedAt;
    if (!templateId && plan.template) {
        const { clientToken: _ignored, tags, ...template } = plan.template;
        // Sent as written: the pinned client would drop the members it does not know.
        const input = {
            ...template,
            clientToken: clientToken(context, plan, 'template'),
            tags: { ...tags, ...tagsFor(context, plan) }
        };
        try {
            const created = await context.clients.fis.send(withMembersAsWritten(new dist_cjs.CreateExperimentTemplateCommand(input), input), 
            // Finished even on a cancel: a template created unseen would be left behind.
            context.limits.mustFinish());
            templateId = created.experimentTemplate?.id;
            templateCreatedAt = epoch(created.experimentTemplate?.creationTime);
        }
        catch (error) {
            return fail((0,aws_errors/* describeAwsError */.P)('FIS CreateExperimentTemplate', error));
        }
        if (!templateId)
            return fail('FIS CreateExperimentTemplate returned no template id');
        result.templateCreated = true;
        state.addTemplate({ templateId, file: plan.file, deleted: false });
        note('template created', templateId, templateCreatedAt);
    }
    if (!templateId)
        return fail('Nothing to run: the file has no template');
    result.templateId = templateId;
    try {
        await startAndWatch(context, plan, state, result, templateId, note);
    }
    finally {
        // A template that never ran (cancelled before the start) is deleted even without cleanup.
        const unused = result.experimentId === undefined && result.verdict === 'cancelled';
        const deleteTemplate = result.templateCreated && (plan.cleanup || plan.mode === 'plan' || unused);
        const ended = result.status !== undefined && run_model/* TERMINAL_STATES */.kl.has(result.status);
        if (deleteTemplate && (ended || result.experimentId === undefined)) {
            try {
                await context.clients.fis.send(new dist_cjs.DeleteExperimentTemplateCommand({ id: templateId }), context.limits.mustFinish());
                result.templateDeleted = true;
                state.markTemplateDeleted(templateId);
                note('template deleted', templateId);
            }
            catch (error) {
                // A retry after a lost answer finds it gone: deleted all the same.
                if ((0,aws_errors/* errorName */.I)(error) === 'ResourceNotFoundException') {
                    result.templateDeleted = true;
                    state.markTemplateDeleted(templateId);
                }
                else
                    context.log.warning(`${(0,aws_errors/* describeAwsError */.P)('FIS DeleteExperimentTemplate', error)}; the post step tries again`);
            }
        }
        result.timeline = inTimeOrder(timeline);
    }
    return result;
}
async function startAndWatch(context, plan, state, result, templateId, note) {
    // A signal that arrived while the template was being created: nothing is started, and the
    // template is deleted on the way out.
    if (context.cancellation.aborted) {
        Object.assign(result, {
            verdict: 'cancelled',
            reason: 'The workflow was cancelled before the experiment started; nothing was started'
        });
        return;
    }
    // 2. Start. The deterministic client token makes every retry of this call the same start.
    const command = new dist_cjs.StartExperimentCommand({
        experimentTemplateId: templateId,
        clientToken: clientToken(context, plan, 'experiment'),
        tags: tagsFor(context, plan)
    });
    let experimentId;
    let startedAt;
    state.addPendingStart({ templateId, file: plan.file });
    try {
        const started = await context.clients.fis.send(plan.mode === 'plan'
            ? withMembersAsWritten(command, { experimentOptions: { actionsMode: 'skip-all' } })
            : command, context.limits.cancellable());
        experimentId = started.experiment?.id;
        startedAt = epoch(started.experiment?.startTime ?? started.experiment?.creationTime);
    }
    catch (error) {
        await stopUncertainStart(context, plan, state, result, templateId, error);
        return;
    }
    if (!experimentId) {
        Object.assign(result, {
            verdict: 'error',
            reason: 'FIS StartExperiment returned no experiment id'
        });
        return;
    }
    result.experimentId = experimentId;
    state.addExperiment({ experimentId, file: plan.file });
    state.resolvePendingStart(templateId);
    note(plan.mode === 'plan'
        ? 'experiment started (actionsMode skip-all: no fault is injected)'
        : 'experiment started', experimentId, startedAt);
    // 3. Cancellation stops the experiment at once, not at the next poll.
    let stopRequest;
    let stopError;
    let stopRefusedAsEnded = false;
    const requestStop = (why, until) => {
        stopRequest ??= (0,retry/* retryUntilDeadline */.j)(() => context.clients.fis.send(new dist_cjs.StopExperimentCommand({ id: experimentId }), context.limits.mustFinish(until)), { clock: context.clock, random: context.random, deadline: until, isRetryable: retry/* isTransient */.d })
            .then(() => note(`stop requested (${why})`, experimentId))
            .catch((error) => {
            // FIS refuses to stop an experiment that has already ended (ValidationException).
            stopRefusedAsEnded = (0,aws_errors/* errorName */.I)(error) === 'ValidationException';
            stopError = (0,aws_errors/* describeAwsError */.P)('FIS StopExperiment', error);
            context.log.warning(`${stopError}; fis-gate keeps watching ${experimentId}`);
        });
        return stopRequest;
    };
    const onCancel = () => void requestStop('workflow cancelled', context.clock.now() + CANCEL_WAIT_MS);
    context.cancellation.addEventListener('abort', onCancel, { once: true });
    try {
        // The timeout is the runner's to keep: its own clock, never compared with FIS's times.
        const deadline = context.clock.now() + plan.timeoutMs;
        let stoppedBy;
        let refusal;
        let breach;
        let notJudged;
        let stopDeadline = Infinity;
        let previous;
        const alarmNames = plan.mode === 'run' ? plan.alarmArns.map(alarmNameOf) : [];
        let alarms = new Map();
        let experiment;
        for (;;) {
            if (context.cancellation.aborted && stoppedBy !== 'cancel') {
                // A cancel also cuts short a stop already under way: the runner's window is what is left.
                stoppedBy = 'cancel';
                stopDeadline = Math.min(stopDeadline, context.clock.now() + CANCEL_WAIT_MS);
                await requestStop('workflow cancelled', stopDeadline);
            }
            if (stoppedBy === undefined && context.clock.now() >= deadline) {
                stoppedBy = 'timeout';
                stopDeadline = context.clock.now() + STOP_WAIT_MS;
                context.log.warning(`${plan.file}: the experiment is still running after ${plan.timeoutText} (timeout); stopping it`);
                await requestStop(`timeout ${plan.timeoutText}`, stopDeadline);
            }
            try {
                const polled = await (0,retry/* retryUntilDeadline */.j)(() => context.clients.fis.send(new dist_cjs.GetExperimentCommand({ id: experimentId }), 
                // Once stopping, polls confirm the stop and outlive a cancellation.
                stoppedBy
                    ? context.limits.mustFinish(stopDeadline)
                    : context.limits.cancellable(deadline)), {
                    clock: context.clock,
                    random: context.random,
                    deadline: Math.min(stoppedBy ? stopDeadline : deadline, context.clock.now() + 300_000),
                    isRetryable: retry/* isTransient */.d,
                    onRetry: (error, attempt) => context.log.warning(`GetExperiment failed (${(0,aws_errors/* errorName */.I)(error)}), retry ${attempt}`)
                });
                // An answer about another experiment is no answer about this one.
                if (polled.experiment?.id === experimentId)
                    experiment = polled.experiment;
                else
                    context.log.warning(`GetExperiment ${experimentId} answered about ${(0,excerpt/* excerpt */.Kb)(String(polled.experiment?.id), 100)}; ignored`);
            }
            catch (error) {
                // A poll cut short by a cancel: the next turn of the loop stops the experiment.
                if (!(0,retry/* isTransient */.d)(error) && !(context.cancellation.aborted && stoppedBy === undefined)) {
                    if (!stoppedBy)
                        await requestStop('cannot watch it', context.clock.now() + STOP_WAIT_MS);
                    Object.assign(result, {
                        verdict: 'error',
                        reason: `${(0,aws_errors/* describeAwsError */.P)('FIS GetExperiment', error)}; fis-gate asked FIS to stop ${experimentId} and cannot confirm that it ended`,
                        stopNotConfirmed: { lastState: previous?.status ?? 'unknown', stopError }
                    });
                    return;
                }
                // A run of failures past the retry window: keep watching until the deadline.
            }
            if (experiment) {
                const snapshot = snapshotOf(experiment);
                for (const event of experimentEvents(previous, snapshot)) {
                    result.timeline.push(event);
                    context.log.info(describeEvent(event));
                }
                previous = snapshot;
                if (!stoppedBy)
                    refusal = plan.refusalOf?.(experiment, snapshot);
                if (refusal && !stoppedBy) {
                    stoppedBy = 'refusal';
                    stopDeadline = context.clock.now() + STOP_WAIT_MS;
                    context.log.warning(`${plan.file}: ${refusal}; stopping it`);
                    if (!run_model/* TERMINAL_STATES */.kl.has(snapshot.status))
                        await requestStop('refused', stopDeadline);
                }
                // Once a stop's window has passed, an alarm read could only time out and warn.
                const stopWindowOver = stoppedBy !== undefined && context.clock.now() >= stopDeadline;
                if (alarmNames.length && !run_model/* TERMINAL_STATES */.kl.has(snapshot.status) && !stopWindowOver) {
                    try {
                        const calls = stoppedBy
                            ? context.limits.mustFinish(stopDeadline)
                            : context.limits.cancellable(deadline);
                        const current = [...(await describeAlarms(context, alarmNames, calls)).values()].map((alarm) => ({ ...alarm }));
                        for (const event of alarmEvents(alarms, current, snapshot.startTime)) {
                            result.timeline.push(event);
                            context.log.info(describeEvent(event));
                        }
                        alarms = new Map(current.map((alarm) => [alarm.name, alarm]));
                    }
                    catch (error) {
                        context.log.warning((0,aws_errors/* describeAwsError */.P)('CloudWatch DescribeAlarms', error));
                    }
                }
                if (run_model/* TERMINAL_STATES */.kl.has(snapshot.status))
                    break;
                if (plan.mode === 'run' &&
                    plan.hypothesis &&
                    !stoppedBy &&
                    snapshot.status === 'running' &&
                    snapshot.startTime !== undefined) {
                    try {
                        const breached = await breachWhileRunning(context, plan.hypothesis, snapshot.startTime, deadline);
                        if (breached) {
                            breach = breached;
                            stoppedBy = 'hypothesis';
                            stopDeadline = context.clock.now() + STOP_WAIT_MS;
                            context.log.warning(`${plan.file}: check "${breached.check}" breached while running (abortOnBreach): ${breached.result.reason}`);
                            await requestStop(`check "${breached.check}" breached`, stopDeadline);
                        }
                    }
                    catch (error) {
                        context.log.warning((0,aws_errors/* describeAwsError */.P)('CloudWatch GetMetricData', error));
                    }
                }
            }
            const now = context.clock.now();
            if (stoppedBy && now >= stopDeadline) {
                context.log.warning(`${plan.file}: ${experimentId} has not reached a terminal state yet; the post step makes sure it is stopped`);
                break;
            }
            if (!stoppedBy && now >= deadline)
                continue;
            const interval = stoppedBy ? 1000 : plan.pollIntervalMs * (0.8 + 0.4 * context.random());
            await context.clock.sleep(Math.max(0, Math.min(interval, (stoppedBy ? stopDeadline : deadline) - now)), stoppedBy ? undefined : context.cancellation);
        }
        // The experiment has ended (or is past saving): a cancel from here on stops nothing.
        context.cancellation.removeEventListener('abort', onCancel);
        const final = previous ?? { status: 'unknown', actions: [] };
        // A timeout stop FIS refused because the experiment had already ended (the polls could not
        // see it): it ended within the timeout, and FIS's outcome decides.
        if (stoppedBy === 'timeout' && stopRefusedAsEnded && run_model/* TERMINAL_STATES */.kl.has(final.status)) {
            stoppedBy = undefined;
            stopError = undefined;
        }
        Object.assign(result, {
            status: final.status,
            statusReason: final.reason,
            startTime: final.startTime,
            endTime: final.endTime,
            actions: final.actions
        });
        const stopNotConfirmed = stoppedBy !== undefined && !run_model/* TERMINAL_STATES */.kl.has(final.status);
        if (stopNotConfirmed)
            result.stopNotConfirmed = { lastState: final.status, stopError };
        // 4. Evidence: did a stop-condition alarm fire while the experiment ran? From CloudWatch, never
        // from reason text. Not after a cancel: the verdict is cancelled, and the runner's time is short.
        let evidenceUnreadable;
        if (plan.mode === 'run' &&
            alarmNames.length &&
            final.startTime !== undefined &&
            stoppedBy !== 'cancel') {
            const evidence = await alarmEvidence(context, plan.alarmArns, final.startTime, final.endTime ?? context.clock.now(), result.timeline);
            result.alarms = evidence.observations;
            evidenceUnreadable = evidence.unreadable;
        }
        const judged = final.status === 'completed' || final.status === 'stopped';
        if (plan.mode === 'run' &&
            plan.hypothesis &&
            final.startTime !== undefined &&
            judged &&
            stoppedBy !== 'cancel' &&
            stoppedBy !== 'timeout') {
            note('evaluating the hypothesis', 'waiting for every judged period to be ingested');
            const after = await evaluateAfterExperiment(context, plan.hypothesis, final.startTime, final.endTime ?? context.clock.now(), plan.pollIntervalMs, { ms: plan.timeoutMs, text: plan.timeoutText });
            if (!after.judged)
                notJudged = after;
            else
                result.hypothesis = breach ? withAbortBreach(after.evidence, breach) : after.evidence;
        }
        if (plan.mode === 'plan' && final.status === 'completed') {
            try {
                result.resolvedTargets = await resolvedTargets(context, experimentId);
            }
            catch (error) {
                Object.assign(result, {
                    verdict: context.cancellation.aborted ? 'cancelled' : 'error',
                    reason: context.cancellation.aborted
                        ? 'The workflow was cancelled while the resolved targets were read'
                        : (0,aws_errors/* describeAwsError */.P)('FIS ListExperimentResolvedTargets', error)
                });
                return;
            }
        }
        const decision = decideVerdict({
            mode: plan.mode,
            status: final.status,
            statusReason: final.reason,
            errorCode: experiment?.state && 'error' in experiment.state
                ? experiment.state.error?.code
                : undefined,
            actions: final.actions,
            alarms: result.alarms,
            stoppedBy,
            refusal,
            stopNotConfirmed,
            stopRequested: stopRequest !== undefined,
            stopError,
            evidenceUnreadable,
            timeoutText: plan.timeoutText,
            breach: breach && { check: breach.check, reason: breach.result.reason },
            hypothesis: result.hypothesis,
            notJudged
        });
        Object.assign(result, decision);
    }
    finally {
        context.cancellation.removeEventListener('abort', onCancel);
        if (stopRequest)
            await stopRequest;
    }
}
/**
 * StartExperiment ended without an answer (cancelled in flight, out of time, a dropped
 * connection after the SDK's retries): FIS may have started it anyway. Whatever this run's tag
 * finds active for this template is recorded for the post step and stopped; a refusal from FIS
 * (validation, permissions, quota) started nothing.
 */
async function stopUncertainStart(context, plan, state, result, templateId, error) {
    const cancelled = context.cancellation.aborted;
    const failure = (0,aws_errors/* describeAwsError */.P)('FIS StartExperiment', error);
    if (!cancelled && !(0,retry/* isTransient */.d)(error)) {
        state.resolvePendingStart(templateId);
        Object.assign(result, { verdict: 'error', reason: failure });
        return;
    }
    const verdict = cancelled ? 'cancelled' : 'error';
    let found;
    try {
        found = (await (0,fis_listing/* listExperiments */.l)(context.clients.fis, () => context.limits.mustFinish())).flatMap((experiment) => experiment.id &&
            experiment.experimentTemplateId === templateId &&
            experiment.tags?.[run_state/* TAG */.Dk.run] === runTag(context) &&
            run_model/* ACTIVE_STATES */.Wj.has(experiment.state?.status ?? '')
            ? [experiment.id]
            : []);
    }
    catch (listError) {
        Object.assign(result, {
            verdict,
            reason: `${failure}; FIS may have started it, and ${(0,aws_errors/* describeAwsError */.P)('FIS ListExperiments', listError)}: the post step looks for it by this run's tag`
        });
        return;
    }
    const stopped = [];
    for (const id of found) {
        state.addExperiment({ experimentId: id, file: plan.file });
        try {
            await context.clients.fis.send(new dist_cjs.StopExperimentCommand({ id }), context.limits.mustFinish());
            stopped.push(id);
        }
        catch (stopError) {
            context.log.warning((0,aws_errors/* describeAwsError */.P)(`FIS StopExperiment ${id}`, stopError));
            result.experimentId = id;
            result.stopNotConfirmed = {
                lastState: 'unknown',
                stopError: (0,aws_errors/* describeAwsError */.P)('FIS StopExperiment', stopError)
            };
        }
    }
    if (found.length)
        state.resolvePendingStart(templateId);
    result.experimentId ??= found[0];
    const outcome = found.length
        ? stopped.length === found.length
            ? `FIS had started ${found.join(', ')}, and fis-gate asked FIS to stop it; the post step confirms it ended`
            : `FIS had started ${found.join(', ')}, and fis-gate could not stop it`
        : 'no experiment of this run is active for the template; the post step looks again';
    Object.assign(result, { verdict, reason: `${failure}; ${outcome}` });
}
async function alarmEvidence(context, alarmArns, start, end, timeline) {
    const names = alarmArns.map(alarmNameOf);
    let current = new Map();
    let unreadable;
    // Read even when a cancel arrives now: the verdict of an ended experiment rests on them.
    try {
        current = await describeAlarms(context, names, context.limits.mustFinish());
    }
    catch (error) {
        unreadable = (0,aws_errors/* describeAwsError */.P)('CloudWatch DescribeAlarms', error);
        context.log.warning(unreadable);
    }
    const observations = [];
    for (const [index, name] of names.entries()) {
        let history = [];
        try {
            history = await alarmHistory(context, name, start, end + 60_000);
        }
        catch (error) {
            unreadable ??= (0,aws_errors/* describeAwsError */.P)('CloudWatch DescribeAlarmHistory', error);
            context.log.warning((0,aws_errors/* describeAwsError */.P)('CloudWatch DescribeAlarmHistory', error));
        }
        mergeHistory(timeline, history.filter((entry) => entry.time <= end + 60_000));
        const alarm = current.get(name);
        const firedInHistory = history.find((entry) => entry.to === 'ALARM' && entry.time >= start && entry.time <= end + 60_000);
        const inAlarmNow = alarm?.state === 'ALARM' && (alarm.transitionedAt ?? 0) <= end + 60_000;
        const seenByPolls = timeline.find((event) => event.source === 'alarm' && event.name === name && event.to === 'ALARM');
        const firedAt = firedInHistory?.time ?? (inAlarmNow ? alarm.transitionedAt : undefined) ?? seenByPolls?.time;
        observations.push({
            name,
            arn: alarmArns[index],
            state: alarm?.state,
            stateReason: alarm?.reason,
            firedDuringExperiment: firedInHistory !== undefined || inAlarmNow || seenByPolls !== undefined,
            ...(firedAt !== undefined ? { firedAt } : {})
        });
    }
    return { observations, unreadable };
}
async function resolvedTargets(context, experimentId) {
    const resources = [];
    const pages = new aws_pages/* PageGuard */.f('FIS ListExperimentResolvedTargets');
    let nextToken;
    do {
        const page = await context.clients.fis.send(new dist_cjs.ListExperimentResolvedTargetsCommand({ experimentId, maxResults: 100, nextToken }), context.limits.cancellable());
        for (const target of page.resolvedTargets ?? []) {
            const information = target.targetInformation ?? {};
            resources.push({
                targetName: target.targetName ?? '?',
                resourceType: target.resourceType ?? '?',
                identifier: information.arn ??
                    Object.entries(information)
                        .map(([key, value]) => `${key}=${value}`)
                        .join(', ')
            });
        }
        nextToken = pages.next(page.nextToken);
    } while (nextToken);
    return resources;
}

// EXTERNAL MODULE: ./src/experiment/duration.ts
var duration = __webpack_require__(3483);
;// CONCATENATED MODULE: ./src/run/lock.ts





async function activeHolders(context, key) {
    return (await (0,fis_listing/* listExperiments */.l)(context.clients.fis, () => context.limits.cancellable())).filter((experiment) => run_model/* ACTIVE_STATES */.Wj.has(experiment.state?.status ?? '') &&
        (key === undefined || experiment.tags?.[run_state/* TAG */.Dk.lock] === key));
}
/** Waits until the lock is free; returns a refusal when it stays held past the timeout. */
async function waitForLock(context, options) {
    const deadline = context.clock.now() + options.timeoutMs;
    const label = options.key === undefined ? `account and Region ${context.region}` : `lock "${options.key}"`;
    let announced = false;
    for (;;) {
        let holders;
        try {
            holders = await activeHolders(context, options.key);
        }
        catch (error) {
            return `${(0,aws_errors/* describeAwsError */.P)('FIS ListExperiments', error)}; fis-gate reads the active experiments to hold the ${label}, so nothing was started`;
        }
        if (holders.length === 0)
            return undefined;
        const names = holders
            .map((holder) => `${holder.id} (${holder.state?.status}${holder.tags?.[run_state/* TAG */.Dk.repository] ? `, ${holder.tags[run_state/* TAG */.Dk.repository]}` : ''})`)
            .join(', ');
        if (context.cancellation.aborted)
            return `Cancelled while waiting for the ${label}`;
        if (context.clock.now() >= deadline) {
            return `Another experiment holds the ${label}: ${names}. Waited ${(0,duration/* formatSeconds */.X)(options.timeoutMs / 1000)} (lock-timeout); try again when it ends`;
        }
        if (!announced) {
            context.log.info(`Waiting for the ${label}, held by ${names} (up to ${(0,duration/* formatSeconds */.X)(options.timeoutMs / 1000)})`);
            announced = true;
        }
        await context.clock.sleep(Math.min(options.pollIntervalMs, Math.max(0, deadline - context.clock.now())), context.cancellation);
    }
}

// EXTERNAL MODULE: ./src/hypothesis/definition.ts
var definition = __webpack_require__(4633);
;// CONCATENATED MODULE: ./src/run/state-recorder.ts
/** Keeps the run state and saves it for the post step on every change. */

class RunStateRecorder {
    state;
    save;
    constructor(state, save) {
        this.state = state;
        this.save = save;
        this.persist();
    }
    addTemplate(template) {
        this.state.templates.push(template);
        this.persist();
    }
    markTemplateDeleted(templateId) {
        for (const template of this.state.templates)
            if (template.templateId === templateId)
                template.deleted = true;
        this.persist();
    }
    addExperiment(experiment) {
        this.state.experiments.push(experiment);
        this.persist();
    }
    /** Saved before StartExperiment is sent: its outcome is unknown until it answers. */
    addPendingStart(start) {
        this.state.pendingStarts = [...(this.state.pendingStarts ?? []), start];
        this.persist();
    }
    /** The start's outcome is known: an experiment id, or a refusal that started nothing. */
    resolvePendingStart(templateId) {
        this.state.pendingStarts = (this.state.pendingStarts ?? []).filter((start) => start.templateId !== templateId);
        this.persist();
    }
    get experimentIds() {
        return this.state.experiments.map((experiment) => experiment.experimentId);
    }
    persist() {
        this.save(run_state/* STATE_KEY */.Mq, (0,run_state/* encodeState */.Md)(this.state));
    }
}

// EXTERNAL MODULE: ./src/validate/findings.ts
var validate_findings = __webpack_require__(9010);
// EXTERNAL MODULE: ./src/validate/guardrails.ts
var guardrails = __webpack_require__(2166);
// EXTERNAL MODULE: ./src/modes/validate-mode.ts + 23 modules
var validate_mode = __webpack_require__(3700);
// EXTERNAL MODULE: ./src/report/summary-links.ts
var summary_links = __webpack_require__(4074);
;// CONCATENATED MODULE: ./src/modes/run-mode.ts



























function workflowRunOf(env) {
    return {
        repository: env.GITHUB_REPOSITORY || 'local/repository',
        runId: env.GITHUB_RUN_ID || 'local',
        runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
        sha: env.GITHUB_SHA || 'unknown',
        job: env.GITHUB_JOB || 'local',
        execution: (0,external_node_crypto_.randomUUID)().slice(0, 8)
    };
}
function stopConditionAlarms(template) {
    return ((0,model/* arrayAt */.RD)(template, 'stopConditions') ?? [])
        .filter((condition) => (0,model/* isObject */.Gv)(condition) && condition.source === 'aws:cloudwatch:alarm')
        .map((condition) => ((0,model/* isObject */.Gv)(condition) ? ((0,model/* stringAt */.bX)(condition, 'value') ?? '') : ''))
        .filter(Boolean);
}
function refused(source, mode, reason, verdict = 'error') {
    return {
        file: source.file,
        name: source.name,
        mode,
        verdict,
        reason,
        templateCreated: false,
        templateDeleted: false,
        actions: [],
        alarms: [],
        timeline: []
    };
}
/**
 * A `templateId` file's template, read from FIS and held to the same guardrails as an inline one:
 * its stop-condition alarms, or a refusal naming every violation, before anything starts.
 */
async function existingTemplateAlarms(context, experiment, templateId) {
    let template;
    try {
        template = (await context.clients.fis.send(new dist_cjs.GetExperimentTemplateCommand({ id: templateId }), context.limits.cancellable())).experimentTemplate;
    }
    catch (error) {
        return { refused: (0,aws_errors/* describeAwsError */.P)(`FIS GetExperimentTemplate ${templateId}`, error) };
    }
    if (!template)
        return { refused: `FIS GetExperimentTemplate ${templateId} returned no template` };
    const violations = (0,guardrails/* templateGuardrailFindings */.CJ)(template, experiment.guardrails, experiment.source.file);
    const errors = violations.filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
        return {
            refused: `Refused before anything started: template ${templateId} breaks ${errors.length === 1 ? 'a guardrail' : `${errors.length} guardrails`}. ${errors.map((finding) => finding.message).join(' ')}`
        };
    }
    return alarmArnsOf(template.stopConditions);
}
/** The stop-condition alarm ARNs of a template or experiment as FIS returns it. */
function alarmArnsOf(conditions) {
    return (conditions ?? []).flatMap((condition) => condition.source === 'aws:cloudwatch:alarm' && condition.value ? [condition.value] : []);
}
/** Action states that mean a fault is being, or was, injected. */
const INJECTING = new Set(['running', 'completed', 'stopping', 'stopped', 'failed']);
/**
 * What the experiment FIS started must still be: in plan, nothing injected (skip-all took
 * effect); always, within the guardrails and with the stop-condition alarms preflight checked —
 * a template changed between preflight and the start is caught on the first poll.
 */
function refusalOf(mode, experiment, checkedAlarms) {
    return (running, snapshot) => {
        const injecting = snapshot.actions.filter((action) => INJECTING.has(action.status));
        if (mode === 'plan' && injecting.length)
            return `FIS reports action ${injecting.map((action) => `"${action.name}" ${action.status}`).join(', ')}: actionsMode skip-all did not take effect, so this plan is injecting faults`;
        const violations = (0,guardrails/* templateGuardrailFindings */.CJ)(running, experiment.guardrails, experiment.source.file).filter((finding) => finding.severity === 'error');
        if (violations.length)
            return `The experiment FIS started breaks ${violations.length === 1 ? 'a guardrail' : `${violations.length} guardrails`}, so its template changed after preflight: ${violations.map((finding) => finding.message).join(' ')}`;
        const alarms = alarmArnsOf(running.stopConditions);
        const same = alarms.length === checkedAlarms.length && alarms.every((arn) => checkedAlarms.includes(arn));
        if (!same)
            return `The experiment FIS started is stopped by ${alarms.length ? alarms.join(', ') : 'no alarm'}, not by the ${checkedAlarms.length ? `${checkedAlarms.join(', ')} ${checkedAlarms.length === 1 ? 'alarm' : 'alarms'}` : 'no alarm'} preflight checked, so its template changed after preflight`;
        return undefined;
    };
}
/**
 * A refusal reached while the workflow was being cancelled (a signal during preflight) is
 * `cancelled`: nothing started, and nothing was judged.
 */
function cancelledBeforeStart(run, cancelled) {
    if (!cancelled || run.experimentId !== undefined || run.verdict === 'cancelled')
        return run;
    return {
        ...run,
        verdict: 'cancelled',
        reason: `The workflow was cancelled before this experiment started (${run.reason})`
    };
}
/**
 * Until when the faults of earlier runs may show in the metrics: the end of the windows their
 * checks judged, or FIS's end of the experiment; nothing when none started an experiment.
 */
function faultEffectsEnd(runs) {
    const ends = runs
        .filter((run) => run.experimentId !== undefined)
        .flatMap((run) => [run.endTime, run.hypothesis ? (0,run_model/* evidenceSpan */.eW)(run.hypothesis).end : undefined])
        .filter((time) => time !== undefined && Number.isFinite(time));
    return ends.length ? Math.max(...ends) : undefined;
}
/**
 * A baseline that reaches back into the fault of the experiment this step ran before would judge
 * this file by that fault: wait until a whole baseline (and its settle) lies after it. Returns a
 * reason when the workflow was cancelled meanwhile.
 */
async function waitForCleanBaseline(context, file, hypothesis, previous) {
    const floor = faultEffectsEnd(previous);
    if (!hypothesis.baseline || floor === undefined)
        return undefined;
    const clean = floor + (hypothesis.baseline + hypothesis.settle) * 1000;
    const wait = clean - context.clock.now();
    if (wait <= 0)
        return undefined;
    context.log.info(`Waiting ${Math.ceil(wait / 1000)} s before ${file}: its baseline (${hypothesis.baseline} s) must start after the previous experiment's judged windows ended at ${(0,describe/* formatClock */.ei)(floor)} UTC`);
    await context.clock.sleep(wait, context.cancellation);
    return context.cancellation.aborted
        ? 'The workflow was cancelled while the baseline of this file waited to clear the previous experiment'
        : undefined;
}
/** Preflight, then the experiment: the run of one validated file, or why it was refused. */
async function judgeExperiment(context, inputs, mode, experiment, account, state, 
/** The runs this step made before this one, whose faults its baseline must not include. */
previous) {
    const source = experiment.source;
    if (context.cancellation.aborted)
        return refused(source, mode, 'The workflow was cancelled before this experiment started', 'cancelled');
    if (typeof account !== 'string')
        return refused(source, mode, account.refused);
    const identity = identityRefusal(account, inputs.region, experiment.guardrails);
    if (identity)
        return refused(source, mode, identity);
    const alarmArns = source.templateId
        ? await existingTemplateAlarms(context, experiment, source.templateId)
        : stopConditionAlarms(experiment.template);
    if (!Array.isArray(alarmArns))
        return refused(source, mode, alarmArns.refused);
    const alarms = await alarmRefusal(context, alarmArns);
    if (alarms)
        return refused(source, mode, alarms);
    const lock = await waitForLock(context, {
        key: inputs.lock,
        timeoutMs: inputs.lockTimeout.ms,
        pollIntervalMs: Math.max(inputs.pollInterval.ms, 1000)
    });
    if (lock)
        return refused(source, mode, lock, context.cancellation.aborted ? 'cancelled' : 'error');
    const hypothesis = mode === 'run' && experiment.hypothesis ? (0,definition/* buildHypothesis */.Th)(experiment.hypothesis) : undefined;
    if (hypothesis) {
        const clean = await waitForCleanBaseline(context, source.file, hypothesis, previous);
        if (clean)
            return refused(source, mode, clean, 'cancelled');
        const refusal = await evaluateBefore(context, hypothesis);
        if (refusal)
            return {
                ...refused(source, mode, refusal.reason, refusal.verdict),
                hypothesis: refusal.evidence
            };
    }
    const plan = {
        file: experiment.source.file,
        name: experiment.source.name,
        mode,
        template: experiment.source.templateId ? undefined : experiment.template,
        templateId: experiment.source.templateId,
        alarmArns,
        timeoutMs: inputs.timeout.ms,
        timeoutText: inputs.timeout.text,
        pollIntervalMs: inputs.pollInterval.ms,
        cleanup: inputs.cleanup,
        lockKey: inputs.lock,
        hypothesis,
        refusalOf: refusalOf(mode, experiment, alarmArns)
    };
    return runExperiment(context, plan, state);
}
async function runFisMode(io, inputs, env, dependencies) {
    const mode = inputs.mode === 'plan' ? 'plan' : 'run';
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const startedAt = Date.now();
    const changed = await (0,validate_mode/* changedScope */.j$)(io, inputs, env, workspace);
    const validation = await io.group('Validate experiment files', () => (0,validate_mode/* validateAll */.wM)(inputs, workspace, changed));
    const sarif = await (0,validate_mode/* reportValidation */.k3)(io, inputs, validation, env);
    const workflow = workflowRunOf(env);
    const finish = async (runs, experiments) => {
        // No experiment at all (changed-only and nothing changed) is nothing to fail; a file that failed to load is an error run.
        const verdict = runs.length
            ? (0,run_model/* worstVerdict */.zP)(runs.map((run) => run.verdict))
            : (0,validate_findings/* hasErrors */.Cs)(validation.findings)
                ? 'error'
                : 'pass';
        const finishedAt = Date.now();
        // The verdict is out before anything is written: a report that cannot be written (or AWS
        // data no renderer expected) costs the reports, never the verdict.
        io.setOutput('verdict', verdict);
        io.setOutput('experiment-ids', runs.flatMap((run) => (run.experimentId ? [run.experimentId] : [])).join(','));
        const junitPath = (0,external_node_path_.join)(inputs.reportDir, JUNIT_FILE);
        let reportsLost;
        try {
            const reportPath = await (0,json_report/* writeJsonReport */.a_)(inputs.reportDir, {
                mode,
                verdict,
                startedAt,
                finishedAt,
                workflow,
                findings: validation.findings,
                runs
            });
            await (0,promises_.writeFile)(junitPath, toJunit(runs, finishedAt));
            await io.appendSummary((0,run_summary/* renderRunSummary */.q)({
                mode,
                verdict,
                runs,
                experiments,
                otherFindings: validation.otherFindings,
                elapsedMs: finishedAt - startedAt,
                links: (0,summary_links/* repositoryLinks */.A)(env)
            }));
            io.setOutput('report', reportPath);
            io.setOutput('junit', junitPath);
        }
        catch (error) {
            reportsLost = ` The reports could not be written (${error instanceof Error ? (0,excerpt/* excerpt */.Kb)(error.message, 300) : 'unknown error'}); the verdict ${verdict} stands. This is a bug in fis-gate ${version/* ACTION_VERSION */.Y}: please report it.`;
        }
        io.setOutput('sarif', sarif);
        // A cancelled run judged nothing, and a stop FIS never confirmed may leave a fault active:
        // neither passes a step, whatever fail-on lists.
        const unconfirmed = runs.filter((run) => run.stopNotConfirmed && run.experimentId);
        const fails = inputs.failOn.includes(verdict) || verdict === 'cancelled' || unconfirmed.length;
        // One failure message, so that it is a single error annotation within GitHub's 10 per step.
        if (fails || reportsLost) {
            const worst = runs.find((run) => run.verdict === verdict);
            const advice = unconfirmed.map((run) => ` FIS has not confirmed that ${run.experimentId} (${run.file}) ended (last state ${run.stopNotConfirmed?.lastState}): ${(0,console_links/* stopByHand */.zj)(inputs.region, run.experimentId)}; the post step tries again.`);
            const why = fails && worst ? ` — ${worst.file}: ${(0,excerpt/* excerpt */.Kb)(worst.reason, 500)}` : '';
            io.setFailed(`fis-gate: ${verdict}${why}${advice.join('')}${reportsLost ?? ''}`);
        }
        return { mode, verdict, findings: validation.findings, experiments, runs };
    };
    if ((0,validate_findings/* hasErrors */.Cs)(validation.findings)) {
        const invalid = validation.experiments.map((experiment) => refused(experiment.source, mode, 'The file has validation errors; nothing was started'));
        const unloadable = [...new Set(validation.otherFindings.map((finding) => finding.file))].map((file) => refused({ file, name: file }, mode, 'The file could not be loaded; nothing was started'));
        return finish([...unloadable, ...invalid], validation.experiments);
    }
    const clients = (0,aws_clients/* createAwsClients */.Gv)({ region: inputs.region, env });
    const clock = dependencies.clock ?? run_context/* systemClock */.m;
    const context = {
        clients,
        clock,
        log: {
            info: (message) => io.info(message),
            warning: (message) => io.annotate({ severity: 'warning', title: 'fis-gate', message }),
            group: (name, run) => io.group(name, run)
        },
        saveState: dependencies.saveState,
        cancellation: dependencies.cancellation,
        limits: (0,call_limits/* callLimits */.PF)(dependencies.cancellation, inputs.timeout.ms, () => clock.now()),
        workflow,
        region: inputs.region,
        random: dependencies.random ?? Math.random
    };
    // Saved before anything exists in AWS, so a killed step always leaves post its run tag.
    const state = new RunStateRecorder({
        region: inputs.region,
        runTag: runTag(context),
        cleanup: inputs.cleanup || mode === 'plan',
        experiments: [],
        templates: []
    }, dependencies.saveState);
    const runs = [];
    try {
        const account = await callerAccount(context);
        for (const experiment of validation.experiments) {
            const title = `${mode === 'plan' ? 'Plan' : 'Run'} ${experiment.source.file}`;
            const judged = await io.group(title, () => judgeExperiment(context, inputs, mode, experiment, account, state, runs).catch((error) => refused(experiment.source, mode, `fis-gate failed on this file (${(0,excerpt/* excerpt */.Kb)(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 200)}); the post step stops anything it started. This is a bug in fis-gate ${version/* ACTION_VERSION */.Y}: please report it with this version; the other files ran as usual`)));
            const run = cancelledBeforeStart(judged, context.cancellation.aborted);
            io.info(`${run.verdict.toUpperCase()}  ${run.file}: ${run.reason}`);
            runs.push(run);
        }
    }
    finally {
        clients.destroy();
    }
    return finish(runs, validation.experiments);
}


/***/ }),

/***/ 4225:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eo: () => (/* binding */ writeSweepReport),
/* harmony export */   a_: () => (/* binding */ writeJsonReport)
/* harmony export */ });
/* unused harmony exports REPORT_FILE, SWEEP_REPORT_FILE, toJsonReport, toSweepJsonReport */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(311);
/**
 * The machine-readable reports: of a plan or run (schemas/report.schema.json), and of a sweep
 * (schemas/sweep-report.schema.json).
 */



const REPORT_FILE = 'fis-gate-report.json';
/** Its own file: a sweep and a run in one job share the report directory. */
const SWEEP_REPORT_FILE = 'fis-gate-sweep.json';
const iso = (time) => time === undefined ? undefined : new Date(time).toISOString();
/**
 * Plain JSON: times as ISO-8601 strings, absent values left out. An experiment's times (its
 * start and end, its actions', `firedAt`, the timeline's) are FIS's and CloudWatch's own, as
 * ExperimentRun holds them: an untimed timeline event has no `time` (see TimelineEvent). Only
 * `startedAt` and `finishedAt`, when fis-gate itself ran, are the runner's clock.
 */
function toJsonReport(report) {
    return {
        schemaVersion: 1,
        tool: { name: 'fis-gate', version: _version_js__WEBPACK_IMPORTED_MODULE_2__/* .ACTION_VERSION */ .Y },
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
    };
}
async function writeJson(directory, file, json) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(directory, { recursive: true });
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(directory, file);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, `${JSON.stringify(json, null, 2)}\n`);
    return path;
}
function writeJsonReport(directory, report) {
    return writeJson(directory, REPORT_FILE, toJsonReport(report));
}
function toSweepJsonReport(report) {
    return {
        schemaVersion: 1,
        tool: { name: 'fis-gate', version: _version_js__WEBPACK_IMPORTED_MODULE_2__/* .ACTION_VERSION */ .Y },
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
    };
}
function writeSweepReport(directory, report) {
    return writeJson(directory, SWEEP_REPORT_FILE, toSweepJsonReport(report));
}


/***/ }),

/***/ 886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ listExperimentTemplates),
/* harmony export */   l: () => (/* binding */ listExperiments)
/* harmony export */ });
/* harmony import */ var _aws_pages_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(701);
/* harmony import */ var _aws_sdk_client_fis__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(977);
/* harmony import */ var _aws_sdk_client_fis__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_aws_sdk_client_fis__WEBPACK_IMPORTED_MODULE_1__);


async function listExperiments(fis, limits) {
    const experiments = [];
    const pages = new _aws_pages_js__WEBPACK_IMPORTED_MODULE_0__/* .PageGuard */ .f('FIS ListExperiments');
    let nextToken;
    do {
        const page = await fis.send(new _aws_sdk_client_fis__WEBPACK_IMPORTED_MODULE_1__.ListExperimentsCommand({ maxResults: 100, nextToken }), limits());
        experiments.push(...(page.experiments ?? []));
        nextToken = pages.next(page.nextToken);
    } while (nextToken);
    return experiments;
}
async function listExperimentTemplates(fis, limits) {
    const templates = [];
    const pages = new _aws_pages_js__WEBPACK_IMPORTED_MODULE_0__/* .PageGuard */ .f('FIS ListExperimentTemplates');
    let nextToken;
    do {
        const page = await fis.send(new _aws_sdk_client_fis__WEBPACK_IMPORTED_MODULE_1__.ListExperimentTemplatesCommand({ maxResults: 100, nextToken }), limits());
        templates.push(...(page.experimentTemplates ?? []));
        nextToken = pages.next(page.nextToken);
    } while (nextToken);
    return templates;
}


/***/ }),

/***/ 1191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ isTransient),
/* harmony export */   j: () => (/* binding */ retryUntilDeadline)
/* harmony export */ });
/* harmony import */ var _smithy_service_error_classification__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2058);
/* harmony import */ var _smithy_service_error_classification__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(_smithy_service_error_classification__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Full-jitter exponential backoff around the SDK's own retries, for loops that must outlast a
 * bad minute (polling an experiment) rather than fail on it.
 */

async function retryUntilDeadline(operation, options) {
    const base = options.baseMs ?? 500;
    const cap = options.maxMs ?? 20_000;
    for (let attempt = 1;; attempt++) {
        try {
            return await operation();
        }
        catch (error) {
            const delay = Math.floor(options.random() * Math.min(cap, base * 2 ** attempt));
            if (!options.isRetryable(error) ||
                options.signal?.aborted ||
                options.clock.now() + delay > options.deadline)
                throw error;
            options.onRetry?.(error, attempt, delay);
            await options.clock.sleep(delay, options.signal);
        }
    }
}
/**
 * Errors worth another try once the SDK has given up, as the SDK itself classifies them
 * (throttling, 5xx, timeouts, dropped connections, a retryable trait), plus a call that ran
 * out of its own time limit: the loop around it has a deadline of its own.
 */
function isTransient(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    if (error.name === 'CallTimeoutError')
        return true;
    const sdkError = error;
    return ((0,_smithy_service_error_classification__WEBPACK_IMPORTED_MODULE_0__.isRetryableByTrait)(sdkError) ||
        (0,_smithy_service_error_classification__WEBPACK_IMPORTED_MODULE_0__.isThrottlingError)(sdkError) ||
        (0,_smithy_service_error_classification__WEBPACK_IMPORTED_MODULE_0__.isTransientError)(sdkError) ||
        (0,_smithy_service_error_classification__WEBPACK_IMPORTED_MODULE_0__.isServerError)(sdkError));
}


/***/ }),

/***/ 4352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   Md: () => (/* binding */ encodeState),
/* harmony export */   Mq: () => (/* binding */ STATE_KEY)
/* harmony export */ });
/* unused harmony export decodeState */
/**
 * What main saves for the post step: every experiment it started and template it created, saved
 * the moment AWS returns the id, so a cancelled or killed main step still leaves post able to stop
 * and delete them. The runner processes GITHUB_STATE even when the step is killed.
 */
const STATE_KEY = 'fis-gate-run';
function encodeState(state) {
    return JSON.stringify(state);
}
function decodeState(text) {
    if (!text)
        return undefined;
    try {
        const value = JSON.parse(text);
        if (typeof value.region !== 'string' ||
            !Array.isArray(value.experiments) ||
            !Array.isArray(value.templates))
            return undefined;
        return {
            region: value.region,
            runTag: String(value.runTag ?? ''),
            cleanup: value.cleanup !== false,
            experiments: value.experiments,
            templates: value.templates,
            pendingStarts: Array.isArray(value.pendingStarts) ? value.pendingStarts : []
        };
    }
    catch {
        return undefined;
    }
}
/** Tags on every template and experiment fis-gate creates. */
const TAG = {
    repository: 'fis-gate:repository',
    runId: 'fis-gate:run-id',
    sha: 'fis-gate:sha',
    experiment: 'fis-gate:experiment',
    run: 'fis-gate:run',
    lock: 'fis-gate:lock',
    /** Seconds: the `timeout` the experiment was started with. */
    timeout: 'fis-gate:timeout',
    /** `false` on a template its run keeps (`cleanup: false`): sweep leaves it too. */
    cleanup: 'fis-gate:cleanup'
};


/***/ })

};

//# sourceMappingURL=922.index.js.map