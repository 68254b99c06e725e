export const id = 330;
export const ids = [330];
export const modules = {

/***/ 7330:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFisMode: () => (/* binding */ runFisMode)
});

// UNUSED EXPORTS: workflowRunOf

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-fis/dist-cjs/index.js
var dist_cjs = __webpack_require__(977);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var client_cloudwatch_dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
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
        ...(options.credentials ? { credentials: options.credentials } : {}),
        // @smithy/node-http-handler 2.5 (under the 3.523.0 clients) arms a timer per request for
        // requestTimeout + connectionTimeout and leaves it running when the request fails, holding
        // the process open. Zeros keep the defaults' meaning (no timeouts) and make that timer 0 ms.
        requestHandler: { requestTimeout: 0, connectionTimeout: 0 }
    };
    const fis = new dist_cjs.FisClient({ ...common, endpoint: endpointFor('fis', options.env) });
    const cloudwatch = new client_cloudwatch_dist_cjs.CloudWatchClient({
        ...common,
        endpoint: endpointFor('cloudwatch', options.env)
    });
    const sts = new client_sts_dist_cjs.STSClient({ ...common, endpoint: endpointFor('sts', options.env) });
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

;// CONCATENATED MODULE: ./src/aws/errors.ts
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

// EXTERNAL MODULE: ./src/experiment/model.ts
var model = __webpack_require__(5730);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/report/json-report.ts
/** The machine-readable report of a plan or run (schemas/report.schema.json). */



const REPORT_FILE = 'fis-gate-report.json';
const iso = (time) => time === undefined ? undefined : new Date(time).toISOString();
/** Plain JSON: times as ISO-8601 strings, absent values left out. */
function toJsonReport(report) {
    return {
        schemaVersion: 1,
        tool: { name: 'fis-gate', version: version/* ACTION_VERSION */.Y },
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
            timeline: run.timeline.map((event) => ({ ...event, time: iso(event.time) }))
        }))
    };
}
async function writeJsonReport(directory, report) {
    await (0,promises_.mkdir)(directory, { recursive: true });
    const path = (0,external_node_path_.join)(directory, REPORT_FILE);
    await (0,promises_.writeFile)(path, `${JSON.stringify(toJsonReport(report), null, 2)}\n`);
    return path;
}

// EXTERNAL MODULE: ./src/experiment/duration.ts
var duration = __webpack_require__(3483);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/report/run-summary.ts
/**
 * The job summary of a plan or run: a verdict banner with the reason, then per experiment the
 * ids, the actions and how they ended, the stop-condition alarms, the timeline, and for plans
 * the exact resources each action would hit.
 */



const VERDICT_ICON = {
    pass: '✅',
    fail: '❌',
    aborted: '🛑',
    inconclusive: '❔',
    error: '⚠️',
    cancelled: '⏹️'
};
const time = (epoch) => epoch === undefined ? '—' : new Date(epoch).toISOString().slice(11, 19);
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
        run.experimentId ? `**Experiment** ${(0,markdown/* code */.aY)(run.experimentId)}` : '',
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
function renderRunSummary(input) {
    const worst = input.runs.find((run) => run.verdict === input.verdict);
    const sections = [
        `## ${VERDICT_ICON[input.verdict]} fis-gate ${input.mode}: ${input.verdict}`,
        worst && input.verdict !== 'pass'
            ? `> ${(0,markdown/* escapeMarkdown */.FV)(worst.file)}: ${(0,markdown/* escapeMarkdown */.FV)(worst.reason)}`
            : '',
        (0,markdown/* table */.tp)(['File', 'Verdict', 'Experiment', 'Duration', 'Reason'], input.runs.map((run) => [
            (0,markdown/* escapeMarkdown */.FV)(run.file),
            `${VERDICT_ICON[run.verdict]} ${run.verdict}`,
            run.experimentId ? (0,markdown/* code */.aY)(run.experimentId) : '—',
            run_summary_duration(run),
            (0,markdown/* escapeMarkdown */.FV)(run.reason)
        ])),
        ...input.runs.map((run) => runSection(run, input.experiments.find((experiment) => experiment.source.file === run.file)))
    ];
    return `${sections.filter(Boolean).join('\n\n')}\n`;
}

;// CONCATENATED MODULE: ./src/run/context.ts
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/aws/skip-all.ts
function hasStringBody(request) {
    return (typeof request === 'object' &&
        request !== null &&
        typeof request.body === 'string');
}
function withActionsMode(command, actionsMode) {
    command.middlewareStack.add((next) => async (args) => {
        if (hasStringBody(args.request)) {
            const body = JSON.parse(args.request.body);
            body.experimentOptions = { ...body.experimentOptions, actionsMode };
            args.request.body = JSON.stringify(body);
        }
        return next(args);
    }, { step: 'build', priority: 'high', name: 'fisGateActionsMode', override: true });
    return command;
}

// EXTERNAL MODULE: ./src/run/model.ts
var run_model = __webpack_require__(1464);
;// CONCATENATED MODULE: ./src/run/observe.ts
function experimentEvents(previous, next, observedAt) {
    const events = [];
    if (previous?.status !== next.status) {
        const time = next.status === 'running' && next.startTime
            ? next.startTime
            : next.endTime && !previous?.endTime
                ? next.endTime
                : observedAt;
        events.push({
            time,
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
        const time = action.status === 'running' && action.startTime
            ? action.startTime
            : action.endTime && !old?.endTime
                ? action.endTime
                : observedAt;
        events.push({
            time,
            source: 'action',
            name: action.name,
            from: old?.status,
            to: action.status,
            detail: action.reason
        });
    }
    return events;
}
function alarmEvents(previous, next, observedAt) {
    const events = [];
    for (const alarm of next) {
        const old = previous.get(alarm.name);
        if (old?.state === alarm.state)
            continue;
        events.push({
            time: old ? (alarm.transitionedAt ?? observedAt) : observedAt,
            source: 'alarm',
            name: alarm.name,
            from: old?.state,
            to: alarm.state,
            detail: alarm.reason
        });
    }
    return events;
}
/** `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:name:with:colons` → `name:with:colons`. */
function alarmNameOf(arn) {
    const marker = ':alarm:';
    const index = arn.indexOf(marker);
    return index >= 0 ? arn.slice(index + marker.length) : arn;
}

;// CONCATENATED MODULE: ./src/run/preflight.ts
/**
 * Checks before any fault: who we are (STS) against the allowed accounts and Regions, and every
 * stop-condition alarm exists and is OK. A refusal names what is wrong and what to do.
 */




/** DescribeAlarms for both metric and composite alarms (metric only when AlarmTypes is omitted). */
async function describeAlarms(context, names) {
    const found = new Map();
    for (let index = 0; index < names.length; index += 100) {
        let nextToken;
        do {
            const page = await context.clients.cloudwatch.send(new client_cloudwatch_dist_cjs.DescribeAlarmsCommand({
                AlarmNames: names.slice(index, index + 100),
                AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
                NextToken: nextToken
            }));
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
            nextToken = page.NextToken;
        } while (nextToken);
    }
    return found;
}
async function callerAccount(context) {
    try {
        const identity = await context.clients.sts.send(new client_sts_dist_cjs.GetCallerIdentityCommand({}));
        if (!identity.Account)
            return { refused: 'STS GetCallerIdentity returned no account' };
        return identity.Account;
    }
    catch (error) {
        return { refused: describeAwsError('STS GetCallerIdentity', error) };
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
        return describeAwsError('CloudWatch DescribeAlarms', error);
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

;// CONCATENATED MODULE: ./src/run/retry.ts
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
/** Errors worth another try once the SDK has given up: throttling, 5xx, dropped connections. */
function isTransient(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const shape = error;
    const status = shape.$metadata?.httpStatusCode ?? 0;
    return (status >= 500 ||
        status === 429 ||
        shape.$retryable !== undefined ||
        /Throttl|TooManyRequests|RequestLimitExceeded|InternalServer|InternalFailure|ServiceUnavailable|TimeoutError|RequestTimeout/.test(shape.name ?? '') ||
        /ECONNRESET|EPIPE|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|socket hang up/.test(`${shape.code ?? ''} ${String(error.message ?? '')}`));
}

;// CONCATENATED MODULE: ./src/run/state.ts
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
            templates: value.templates
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
    lock: 'fis-gate:lock'
};

;// CONCATENATED MODULE: ./src/run/verdict.ts
const list = (names) => names.map((name) => `"${name}"`).join(', ');
function decideVerdict(observed) {
    if (observed.stoppedBy === 'cancel') {
        return {
            verdict: 'cancelled',
            reason: `The workflow was cancelled; fis-gate stopped the experiment (FIS state ${observed.status})`
        };
    }
    if (observed.stoppedBy === 'timeout') {
        return {
            verdict: 'error',
            reason: `The experiment did not finish within the timeout of ${observed.timeoutText ?? '?'}; fis-gate stopped it (FIS state ${observed.status})`
        };
    }
    const fired = observed.alarms
        .filter((alarm) => alarm.firedDuringExperiment)
        .map((alarm) => alarm.name);
    switch (observed.status) {
        case 'stopped':
            if (fired.length)
                return {
                    verdict: 'aborted',
                    reason: `FIS stopped the experiment: stop-condition alarm ${list(fired)} went to ALARM`
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
            reason: `Stop-condition alarm ${list(fired)} went to ALARM during the experiment`
        };
    return {
        verdict: 'pass',
        reason: `FIS completed all ${observed.actions.length} action(s) and no stop-condition alarm fired`
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
function clientToken(context, plan, purpose) {
    const digest = (0,external_node_crypto_.createHash)('sha256')
        .update(`${plan.mode}\0${plan.file}\0${purpose}`)
        .digest('hex')
        .slice(0, 16);
    return `fis-gate-${context.workflow.runId}-${context.workflow.runAttempt}-${digest}`;
}
function runTag(context) {
    return `${context.workflow.repository}#${context.workflow.runId}.${context.workflow.runAttempt}`;
}
function tagsFor(context, plan) {
    return {
        [TAG.repository]: context.workflow.repository,
        [TAG.runId]: context.workflow.runId,
        [TAG.sha]: context.workflow.sha,
        [TAG.experiment]: plan.name.slice(0, 256),
        [TAG.run]: runTag(context),
        [TAG.lock]: plan.lockKey ?? `${context.region}`
    };
}
const epoch = (date) => date?.getTime();
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
    const time = new Date(event.time).toISOString().replace('.000Z', 'Z');
    const change = event.from ? `${event.from} → ${event.to}` : event.to;
    return `${time}  ${event.source.padEnd(10)} ${event.name}: ${change}${event.detail ? ` (${event.detail})` : ''}`;
}
async function alarmHistory(context, name, start, end) {
    const entries = [];
    let nextToken;
    do {
        const page = await context.clients.cloudwatch.send(new client_cloudwatch_dist_cjs.DescribeAlarmHistoryCommand({
            AlarmName: name,
            HistoryItemType: 'StateUpdate',
            StartDate: new Date(start),
            EndDate: new Date(end),
            ScanBy: 'TimestampAscending',
            NextToken: nextToken
        }));
        for (const item of page.AlarmHistoryItems ?? []) {
            let data = {};
            try {
                data = JSON.parse(item.HistoryData ?? '{}');
            }
            catch {
                continue;
            }
            if (!data.newState?.stateValue || !item.Timestamp)
                continue;
            entries.push({
                name,
                time: item.Timestamp.getTime(),
                from: data.oldState?.stateValue,
                to: data.newState.stateValue,
                summary: item.HistorySummary
            });
        }
        nextToken = page.NextToken;
    } while (nextToken);
    return entries;
}
/** Places alarm history the polls missed among the FIS events, by time. */
function mergeHistory(timeline, history) {
    for (const entry of history) {
        if (timeline.some((event) => event.source === 'alarm' &&
            event.name === entry.name &&
            event.to === entry.to &&
            event.time === entry.time))
            continue;
        const event = {
            time: entry.time,
            source: 'alarm',
            name: entry.name,
            from: entry.from,
            to: entry.to,
            detail: entry.summary
        };
        const index = timeline.findIndex((other) => other.source !== 'fis-gate' && other.time > entry.time);
        if (index < 0)
            timeline.push(event);
        else
            timeline.splice(index, 0, event);
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
        timeline
    };
    const note = (to, detail) => {
        const event = {
            time: context.clock.now(),
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
    if (!templateId && plan.template) {
        const { clientToken: _ignored, tags, ...template } = plan.template;
        try {
            const created = await context.clients.fis.send(new dist_cjs.CreateExperimentTemplateCommand({
                ...template,
                clientToken: clientToken(context, plan, 'template'),
                tags: { ...tags, ...tagsFor(context, plan) }
            }));
            templateId = created.experimentTemplate?.id;
        }
        catch (error) {
            return fail(describeAwsError('FIS CreateExperimentTemplate', error));
        }
        if (!templateId)
            return fail('FIS CreateExperimentTemplate returned no template id');
        result.templateCreated = true;
        state.addTemplate({ templateId, file: plan.file, deleted: false });
        note('template created', templateId);
    }
    if (!templateId)
        return fail('Nothing to run: the file has no template');
    result.templateId = templateId;
    try {
        await startAndWatch(context, plan, state, result, templateId, note);
    }
    finally {
        const deleteTemplate = result.templateCreated && (plan.cleanup || plan.mode === 'plan');
        const ended = result.status !== undefined && run_model/* TERMINAL_STATES */.kl.has(result.status);
        if (deleteTemplate && (ended || result.experimentId === undefined)) {
            try {
                await context.clients.fis.send(new dist_cjs.DeleteExperimentTemplateCommand({ id: templateId }));
                result.templateDeleted = true;
                state.markTemplateDeleted(templateId);
                note('template deleted', templateId);
            }
            catch (error) {
                context.log.warning(`${describeAwsError('FIS DeleteExperimentTemplate', error)}; the post step tries again`);
            }
        }
    }
    return result;
}
async function startAndWatch(context, plan, state, result, templateId, note) {
    // 2. Start. The deterministic client token makes every retry of this call the same start.
    const command = new dist_cjs.StartExperimentCommand({
        experimentTemplateId: templateId,
        clientToken: clientToken(context, plan, 'experiment'),
        tags: tagsFor(context, plan)
    });
    let experimentId;
    try {
        const started = await context.clients.fis.send(plan.mode === 'plan' ? withActionsMode(command, 'skip-all') : command);
        experimentId = started.experiment?.id;
    }
    catch (error) {
        Object.assign(result, {
            verdict: 'error',
            reason: describeAwsError('FIS StartExperiment', error)
        });
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
    note(plan.mode === 'plan'
        ? 'experiment started (actionsMode skip-all: no fault is injected)'
        : 'experiment started', experimentId);
    // 3. Cancellation stops the experiment at once, not at the next poll.
    let stopRequest;
    const requestStop = (why) => {
        stopRequest ??= context.clients.fis
            .send(new dist_cjs.StopExperimentCommand({ id: experimentId }))
            .then(() => note(`stop requested (${why})`, experimentId))
            .catch((error) => {
            // Stopping an experiment that already ended is refused: nothing is left to stop.
            context.log.warning(describeAwsError('FIS StopExperiment', error));
        });
        return stopRequest;
    };
    const onCancel = () => void requestStop('workflow cancelled');
    context.cancellation.addEventListener('abort', onCancel, { once: true });
    try {
        const startedAt = context.clock.now();
        const deadline = startedAt + plan.timeoutMs;
        let stoppedBy;
        let stopDeadline = Infinity;
        let previous;
        const alarmNames = plan.mode === 'run' ? plan.alarmArns.map(alarmNameOf) : [];
        let alarms = new Map();
        let experiment;
        for (;;) {
            if (context.cancellation.aborted && stoppedBy === undefined) {
                stoppedBy = 'cancel';
                stopDeadline = context.clock.now() + CANCEL_WAIT_MS;
                await requestStop('workflow cancelled');
            }
            if (stoppedBy === undefined && context.clock.now() >= deadline) {
                stoppedBy = 'timeout';
                stopDeadline = context.clock.now() + STOP_WAIT_MS;
                context.log.warning(`${plan.file}: the experiment is still running after ${plan.timeoutText} (timeout); stopping it`);
                await requestStop(`timeout ${plan.timeoutText}`);
            }
            try {
                const polled = await retryUntilDeadline(() => context.clients.fis.send(new dist_cjs.GetExperimentCommand({ id: experimentId })), {
                    clock: context.clock,
                    random: context.random,
                    deadline: Math.min(stoppedBy ? stopDeadline : deadline, context.clock.now() + 300_000),
                    isRetryable: isTransient,
                    onRetry: (error, attempt) => context.log.warning(`GetExperiment failed (${errorName(error)}), retry ${attempt}`)
                });
                experiment = polled.experiment;
            }
            catch (error) {
                if (!isTransient(error)) {
                    Object.assign(result, {
                        verdict: 'error',
                        reason: describeAwsError('FIS GetExperiment', error)
                    });
                    if (!stoppedBy)
                        await requestStop('cannot watch it');
                    return;
                }
                // A run of failures past the retry window: keep watching until the deadline.
            }
            if (experiment) {
                const snapshot = snapshotOf(experiment);
                for (const event of experimentEvents(previous, snapshot, context.clock.now())) {
                    result.timeline.push(event);
                    context.log.info(describeEvent(event));
                }
                previous = snapshot;
                if (alarmNames.length && !run_model/* TERMINAL_STATES */.kl.has(snapshot.status)) {
                    try {
                        const current = [...(await describeAlarms(context, alarmNames)).values()].map((alarm) => ({ ...alarm }));
                        for (const event of alarmEvents(alarms, current, context.clock.now())) {
                            result.timeline.push(event);
                            context.log.info(describeEvent(event));
                        }
                        alarms = new Map(current.map((alarm) => [alarm.name, alarm]));
                    }
                    catch (error) {
                        context.log.warning(describeAwsError('CloudWatch DescribeAlarms', error));
                    }
                }
                if (run_model/* TERMINAL_STATES */.kl.has(snapshot.status))
                    break;
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
        const final = previous ?? { status: 'unknown', actions: [] };
        Object.assign(result, {
            status: final.status,
            statusReason: final.reason,
            startTime: final.startTime,
            endTime: final.endTime,
            actions: final.actions
        });
        // 4. Evidence: did a stop-condition alarm fire while the experiment ran? From CloudWatch, never from reason text.
        if (plan.mode === 'run' && alarmNames.length && final.startTime !== undefined) {
            result.alarms = await alarmEvidence(context, plan.alarmArns, final.startTime, final.endTime ?? context.clock.now(), result.timeline);
        }
        if (plan.mode === 'plan' && final.status === 'completed') {
            try {
                result.resolvedTargets = await resolvedTargets(context, experimentId);
            }
            catch (error) {
                Object.assign(result, {
                    verdict: 'error',
                    reason: describeAwsError('FIS ListExperimentResolvedTargets', error)
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
            timeoutText: plan.timeoutText
        });
        Object.assign(result, decision);
    }
    finally {
        context.cancellation.removeEventListener('abort', onCancel);
        if (stopRequest)
            await stopRequest;
    }
}
async function alarmEvidence(context, alarmArns, start, end, timeline) {
    const names = alarmArns.map(alarmNameOf);
    let current = new Map();
    try {
        current = await describeAlarms(context, names);
    }
    catch (error) {
        context.log.warning(describeAwsError('CloudWatch DescribeAlarms', error));
    }
    const observations = [];
    for (const [index, name] of names.entries()) {
        let history = [];
        try {
            history = await alarmHistory(context, name, start, end + 60_000);
        }
        catch (error) {
            context.log.warning(describeAwsError('CloudWatch DescribeAlarmHistory', error));
        }
        mergeHistory(timeline, history.filter((entry) => entry.time <= end + 60_000));
        const alarm = current.get(name);
        const firedInHistory = history.some((entry) => entry.to === 'ALARM' && entry.time >= start && entry.time <= end + 60_000);
        const inAlarmNow = alarm?.state === 'ALARM' && (alarm.transitionedAt ?? 0) <= end + 60_000;
        const seenByPolls = timeline.some((event) => event.source === 'alarm' && event.name === name && event.to === 'ALARM');
        observations.push({
            name,
            arn: alarmArns[index],
            state: alarm?.state,
            stateReason: alarm?.reason,
            firedDuringExperiment: firedInHistory || inAlarmNow || seenByPolls
        });
    }
    return observations;
}
async function resolvedTargets(context, experimentId) {
    const resources = [];
    let nextToken;
    do {
        const page = await context.clients.fis.send(new dist_cjs.ListExperimentResolvedTargetsCommand({ experimentId, maxResults: 100, nextToken }));
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
        nextToken = page.nextToken;
    } while (nextToken);
    return resources;
}

;// CONCATENATED MODULE: ./src/run/lock.ts
/**
 * One experiment at a time per lock key. The default key is the account and Region: any active
 * FIS experiment there (fis-gate's or not) holds it. A named key (the `lock` input) is held only
 * by active experiments tagged fis-gate:lock with that key. fis-gate tags its own experiments.
 */




async function activeHolders(context, key) {
    const holders = [];
    let nextToken;
    do {
        const page = await context.clients.fis.send(new dist_cjs.ListExperimentsCommand({ maxResults: 100, nextToken }));
        for (const experiment of page.experiments ?? []) {
            if (!run_model/* ACTIVE_STATES */.Wj.has(experiment.state?.status ?? ''))
                continue;
            if (key === undefined || experiment.tags?.[TAG.lock] === key)
                holders.push(experiment);
        }
        nextToken = page.nextToken;
    } while (nextToken);
    return holders;
}
/** Waits until the lock is free; returns a refusal when it stays held past the timeout. */
async function waitForLock(context, options) {
    const deadline = context.clock.now() + options.timeoutMs;
    const label = options.key === undefined ? `account and Region ${context.region}` : `lock "${options.key}"`;
    let announced = false;
    for (;;) {
        const holders = await activeHolders(context, options.key);
        if (holders.length === 0)
            return undefined;
        const names = holders
            .map((holder) => `${holder.id} (${holder.state?.status}${holder.tags?.[TAG.repository] ? `, ${holder.tags[TAG.repository]}` : ''})`)
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
    get experimentIds() {
        return this.state.experiments.map((experiment) => experiment.experimentId);
    }
    persist() {
        this.save(STATE_KEY, encodeState(this.state));
    }
}

// EXTERNAL MODULE: ./src/validate/findings.ts
var findings = __webpack_require__(9010);
// EXTERNAL MODULE: ./src/modes/validate-mode.ts + 37 modules
var validate_mode = __webpack_require__(8276);
;// CONCATENATED MODULE: ./src/modes/run-mode.ts
/**
 * mode: plan and mode: run. Every file is validated first; an invalid file means no AWS call at
 * all. Then, one file after another: preflight (identity, stop-condition alarms, lock), the
 * experiment, the evidence; finally the reports, the outputs and the step's result per fail-on.
 */














function workflowRunOf(env) {
    return {
        repository: env.GITHUB_REPOSITORY || 'local/repository',
        runId: env.GITHUB_RUN_ID || 'local',
        runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
        sha: env.GITHUB_SHA || 'unknown'
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
/** An existing template's stop-condition alarms, read from FIS: it is run as-is. */
async function existingTemplateAlarms(context, templateId) {
    try {
        const { experimentTemplate } = await context.clients.fis.send(new dist_cjs.GetExperimentTemplateCommand({ id: templateId }));
        return (experimentTemplate?.stopConditions ?? [])
            .filter((condition) => condition.source === 'aws:cloudwatch:alarm' && condition.value)
            .map((condition) => condition.value);
    }
    catch (error) {
        return { refused: describeAwsError(`FIS GetExperimentTemplate ${templateId}`, error) };
    }
}
async function runFisMode(io, inputs, env, dependencies) {
    const mode = inputs.mode === 'plan' ? 'plan' : 'run';
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const startedAt = Date.now();
    const validation = await io.group('Validate experiment files', () => (0,validate_mode/* validateAll */.wM)(inputs, workspace));
    const sarif = await (0,validate_mode/* reportValidation */.k3)(io, inputs, validation, env);
    const workflow = workflowRunOf(env);
    const finish = async (runs, experiments) => {
        const verdict = runs.length ? (0,run_model/* worstVerdict */.zP)(runs.map((run) => run.verdict)) : 'error';
        const reportPath = await writeJsonReport(inputs.reportDir, {
            mode,
            verdict,
            startedAt,
            finishedAt: Date.now(),
            workflow,
            findings: validation.findings,
            runs
        });
        await io.appendSummary(renderRunSummary({ mode, verdict, runs, experiments }));
        io.setOutput('verdict', verdict);
        io.setOutput('experiment-ids', runs.flatMap((run) => (run.experimentId ? [run.experimentId] : [])).join(','));
        io.setOutput('report', reportPath);
        io.setOutput('sarif', sarif);
        if (inputs.failOn.includes(verdict)) {
            const worst = runs.find((run) => run.verdict === verdict);
            io.setFailed(`fis-gate: ${verdict}${worst ? ` — ${worst.file}: ${worst.reason}` : ''}`);
        }
    };
    if ((0,findings/* hasErrors */.Cs)(validation.findings)) {
        const invalid = validation.experiments.map((experiment) => refused(experiment.source, mode, 'The file has validation errors; nothing was started'));
        const unloadable = [...new Set(validation.otherFindings.map((finding) => finding.file))].map((file) => refused({ file, name: file }, mode, 'The file could not be loaded; nothing was started'));
        await finish([...unloadable, ...invalid], validation.experiments);
        return;
    }
    const clients = createAwsClients({ region: inputs.region, env });
    const context = {
        clients,
        clock: dependencies.clock ?? systemClock,
        log: {
            info: (message) => io.info(message),
            warning: (message) => io.annotate({ severity: 'warning', title: 'fis-gate', message }),
            group: (name, run) => io.group(name, run)
        },
        saveState: dependencies.saveState,
        cancellation: dependencies.cancellation,
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
            const run = await io.group(title, async () => {
                const source = experiment.source;
                if (context.cancellation.aborted)
                    return refused(source, mode, 'The workflow was cancelled before this experiment started', 'cancelled');
                if (typeof account !== 'string')
                    return refused(source, mode, account.refused);
                const identity = identityRefusal(account, inputs.region, experiment.guardrails);
                if (identity)
                    return refused(source, mode, identity);
                const alarmArns = source.templateId
                    ? await existingTemplateAlarms(context, source.templateId)
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
                    lockKey: inputs.lock
                };
                return runExperiment(context, plan, state);
            });
            io.info(`${run.verdict.toUpperCase()}  ${run.file}: ${run.reason}`);
            runs.push(run);
        }
    }
    finally {
        clients.destroy();
    }
    await finish(runs, validation.experiments);
}


/***/ })

};

//# sourceMappingURL=330.index.js.map