export const id = 663;
export const ids = [663];
export const modules = {

/***/ 8943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OS: () => (/* binding */ GitHubApiError),
/* harmony export */   _j: () => (/* binding */ createGitHubApi)
/* harmony export */ });
/* unused harmony exports ATTEMPT_TIMEOUT_MS, MAX_WAIT_MS, MAX_ATTEMPTS, judgeFailure, waitBeforeRetry, describeFailure */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _experiment_excerpt_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3698);
/* harmony import */ var _hypothesis_describe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4657);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);
/**
 * The one edge to the GitHub REST API: `mode: sweep` reads workflow runs through it, and the
 * pull-request comment writes through it. Built from the github-token input and GITHUB_API_URL
 * (github.com, GitHub Enterprise Server's `/api/v3`, or a test server) with @actions/github's
 * octokit, which honours the runner's proxy settings.
 *
 * No request can hang a step or spend GitHub's goodwill: every attempt has `attemptTimeoutMs`;
 * failures are retried the way GitHub's "Rate limits for the REST API" asks — a primary limit
 * (403/429 with `x-ratelimit-remaining: 0`) not before `x-ratelimit-reset`, a secondary limit
 * not before `retry-after` seconds, or without one at least a minute, doubling; 5xx and no
 * answer with jittered backoff — and all the waiting of one GitHubApi together stays within
 * `maxWaitMs`. A wait that would pass it is not begun: the request fails at once, and while a
 * primary limit lasts later requests fail without being sent. Every failure is a GitHubApiError
 * of one kind, with one line a person can act on.
 */




class GitHubApiError extends Error {
    kind;
    status;
    name = 'GitHubApiError';
    constructor(kind, message, status) {
        super(message);
        this.kind = kind;
        this.status = status;
    }
}
const ATTEMPT_TIMEOUT_MS = 10_000;
/** Two minutes: room for one secondary-limit minute and a few server errors, no more. */
const MAX_WAIT_MS = 120_000;
const MAX_ATTEMPTS = 4;
/** GitHub: "Otherwise, wait for at least one minute before retrying." */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/** `x-ratelimit-reset` counts whole seconds; clocks differ by a little. */
const RESET_MARGIN_MS = 1_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
/** Seconds from a `retry-after` header, when it holds a number of them. */
function retryAfterMs(headers) {
    const value = headers['retry-after'];
    return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) * 1000 : undefined;
}
/** How GitHub documents each failure, at time `now`. Pure. */
function judgeFailure(failed, now) {
    const { status, headers } = failed;
    const retryAfter = retryAfterMs(headers);
    const instructed = retryAfter === undefined ? {} : { notBefore: now + retryAfter };
    if (status === undefined || status >= 500)
        return { kind: 'unavailable', retryable: true, ...instructed };
    if (status === 403 || status === 429) {
        const reset = Number(headers['x-ratelimit-reset']);
        if (retryAfter !== undefined)
            return { kind: 'rate-limited', retryable: true, ...instructed };
        if (headers['x-ratelimit-remaining'] === '0' && reset > 0)
            return { kind: 'rate-limited', retryable: true, notBefore: reset * 1000 + RESET_MARGIN_MS };
        if (status === 429 || /secondary rate limit|abuse/i.test(failed.message))
            return { kind: 'rate-limited', retryable: true, secondaryLimit: true };
        return { kind: 'forbidden', retryable: false };
    }
    if (status === 401)
        return { kind: 'forbidden', retryable: false };
    if (status === 404 || status === 410)
        return { kind: 'not-found', retryable: false };
    return { kind: 'unavailable', retryable: false };
}
/** How long to wait before attempt `attempt + 1`, at time `now`. Pure. */
function waitBeforeRetry(judgement, attempt, now, random) {
    if (judgement.notBefore !== undefined)
        return Math.max(0, judgement.notBefore - now);
    if (judgement.secondaryLimit)
        return SECONDARY_LIMIT_WAIT_MS * 2 ** (attempt - 1);
    return Math.floor(random * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}
const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
/** The one line a person reads. Pure. */
function describeFailure(request, failed, judgement, context) {
    const said = `${failed.status === undefined ? '' : `HTTP ${failed.status}: `}${(0,_experiment_excerpt_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(failed.message, 200)}`;
    const prefix = `GitHub API: cannot ${request.what} (${said})`;
    switch (judgement.kind) {
        case 'forbidden':
            return failed.status === 401
                ? `${prefix}: the token was refused; give github-token a valid token`
                : `${prefix}: the token may not; give the job \`permissions: ${request.permission}\` (a pull request from a fork gets a read-only token)`;
        case 'not-found':
            return `${prefix}: it does not exist, or the token cannot see it (another repository, or no \`${request.permission}\`)`;
        case 'rate-limited': {
            const until = judgement.notBefore === undefined
                ? 'GitHub named no time to wait'
                : `GitHub asks to wait until ${(0,_hypothesis_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .formatClock */ .ei)(judgement.notBefore)} UTC`;
            return `${prefix}: rate limited; ${until}, and fis-gate waits at most ${seconds(context.maxWaitMs)} in all, so it stopped asking; the next run tries again`;
        }
        default:
            return `${prefix}, after ${context.attempts} ${context.attempts === 1 ? 'attempt' : 'attempts'}: GitHub is unreachable or failing; the next run tries again`;
    }
}
/** Header names in lower case and values as text, as GitHub's documentation names them. */
function plainHeaders(headers) {
    return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [
        name.toLowerCase(),
        value === undefined ? undefined : String(value)
    ]));
}
/** The status, headers and message of whatever an octokit call threw. */
function failedAttemptOf(error) {
    const shape = (typeof error === 'object' && error !== null ? error : {});
    const data = shape.response?.data;
    const githubMessage = typeof data === 'object' && data !== null && 'message' in data
        ? String(data.message)
        : undefined;
    return {
        // octokit reports a request that got no response as status 500 without a response.
        status: shape.response && typeof shape.status === 'number' ? shape.status : undefined,
        headers: plainHeaders(shape.response?.headers),
        message: githubMessage ?? String(shape.message ?? error)
    };
}
const quiet = () => undefined;
function createGitHubApi(options) {
    const attemptTimeoutMs = options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
    const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
    const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
    const { clock, cancellation } = options;
    const github = options.token
        ? (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
            baseUrl: (options.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
            userAgent: `fis-gate/${_version_js__WEBPACK_IMPORTED_MODULE_3__/* .ACTION_VERSION */ .Y}`,
            log: { debug: quiet, info: quiet, warn: quiet, error: quiet }
        })
        : undefined;
    let waited = 0;
    /** Until when the primary limit is used up (epoch ms), as the last response said. */
    let exhaustedUntil;
    /** Every response, success or not, says where the primary limit stands. */
    const noteLimit = (headers) => {
        const remaining = headers['x-ratelimit-remaining'];
        const reset = Number(headers['x-ratelimit-reset']);
        if (remaining === '0' && reset > 0)
            exhaustedUntil = reset * 1000 + RESET_MARGIN_MS;
        else if (remaining !== undefined)
            exhaustedUntil = undefined;
    };
    /** Waits `ms` when the budget allows it; false, at once, when it does not. */
    const waitWithinBudget = async (ms) => {
        if (waited + ms > maxWaitMs)
            return false;
        waited += ms;
        await clock.sleep(ms, cancellation);
        return !cancellation.aborted;
    };
    const cancelled = (request) => new GitHubApiError('unavailable', `GitHub API: cannot ${request.what}: the workflow was cancelled`);
    const failure = (request, failed, judgement, attempts) => cancellation.aborted
        ? cancelled(request)
        : new GitHubApiError(judgement.kind, describeFailure(request, failed, judgement, { attempts, maxWaitMs }), failed.status);
    /** One attempt: the data, or what GitHub (or the network) said. */
    const attempt = async (call, client) => {
        const timeout = AbortSignal.timeout(attemptTimeoutMs);
        const noAnswer = { headers: {}, message: `no answer within ${seconds(attemptTimeoutMs)}` };
        try {
            const response = await call(client, {
                request: { signal: AbortSignal.any([cancellation, timeout]) }
            });
            // A body cut short by the abort reads as empty data: never an answer.
            if (timeout.aborted || cancellation.aborted)
                return { failed: noAnswer };
            noteLimit(plainHeaders(response.headers));
            return { data: response.data };
        }
        catch (error) {
            return { failed: timeout.aborted ? noAnswer : failedAttemptOf(error) };
        }
    };
    return {
        hasToken: github !== undefined,
        async send(request, call) {
            if (!github)
                throw new GitHubApiError('no-token', `GitHub API: cannot ${request.what}: the github-token input is empty; leave it at its default (github.token) and give the job \`permissions: ${request.permission}\``);
            for (let attempts = 1;; attempts++) {
                // A used-up primary limit: wait for its reset if the budget allows, or fail unsent.
                const until = exhaustedUntil;
                if (until !== undefined && until > clock.now()) {
                    if (!(await waitWithinBudget(until - clock.now())))
                        throw failure(request, { headers: {}, message: 'not sent: the primary rate limit is used up' }, { kind: 'rate-limited', retryable: true, notBefore: until }, attempts - 1);
                }
                if (cancellation.aborted)
                    throw cancelled(request);
                const outcome = await attempt(call, github);
                if ('data' in outcome)
                    return outcome.data;
                const { failed } = outcome;
                noteLimit(failed.headers);
                const judgement = judgeFailure(failed, clock.now());
                const retry = judgement.retryable &&
                    attempts < maxAttempts &&
                    !cancellation.aborted &&
                    (await waitWithinBudget(waitBeforeRetry(judgement, attempts, clock.now(), options.random())));
                if (!retry)
                    throw failure(request, failed, judgement, attempts);
            }
        }
    };
}


/***/ }),

/***/ 9663:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSweepMode: () => (/* binding */ runSweepMode)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-fis/dist-cjs/index.js
var dist_cjs = __webpack_require__(977);
// EXTERNAL MODULE: ./src/aws/call-limits.ts
var call_limits = __webpack_require__(3470);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var aws_clients = __webpack_require__(4227);
// EXTERNAL MODULE: ./src/aws/console-links.ts
var console_links = __webpack_require__(904);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/github/api.ts
var github_api = __webpack_require__(8943);
;// CONCATENATED MODULE: ./src/github/workflow-runs.ts
/**
 * Whether a workflow run (or one attempt of it) has ended, asked of the GitHub REST API. Any
 * failure is "don't know", with why: the caller leaves what it cannot judge.
 */

/** The token permission reading a run needs. */
const ACTIONS_READ = 'actions: read';
/** `completed` is the one status after which a run (attempt) does nothing more. */
async function workflowRunState(api, run) {
    const name = `${run.owner}/${run.repo}#${run.runId}${run.attempt === undefined ? '' : ` attempt ${run.attempt}`}`;
    const request = { what: `read workflow run ${name}`, permission: ACTIONS_READ };
    try {
        const data = await api.send(request, (github, options) => run.attempt === undefined
            ? github.rest.actions.getWorkflowRun({
                owner: run.owner,
                repo: run.repo,
                run_id: run.runId,
                ...options
            })
            : github.rest.actions.getWorkflowRunAttempt({
                owner: run.owner,
                repo: run.repo,
                run_id: run.runId,
                attempt_number: run.attempt,
                ...options
            }));
        const status = typeof data === 'object' && data !== null ? data.status : undefined;
        if (status === 'completed')
            return 'ended';
        if (typeof status === 'string' && status)
            return 'in_progress';
        return {
            unknown: `GitHub API: workflow run ${name} has no status in GitHub's answer`,
            kind: 'unavailable'
        };
    }
    catch (error) {
        if (error instanceof github_api/* GitHubApiError */.OS)
            return { unknown: error.message, kind: error.kind };
        throw error;
    }
}

// EXTERNAL MODULE: ./src/hypothesis/describe.ts
var describe = __webpack_require__(4657);
// EXTERNAL MODULE: ./src/report/json-report.ts
var json_report = __webpack_require__(4225);
// EXTERNAL MODULE: ./src/experiment/duration.ts
var duration = __webpack_require__(3483);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/run-summary.ts + 2 modules
var run_summary = __webpack_require__(3993);
;// CONCATENATED MODULE: ./src/report/sweep-summary.ts
/**
 * The job summary of a sweep: the verdict banner with its reason, then one table of every
 * experiment and template fis-gate tagged (what it is, its file and run, its age, what was done
 * and why), and what kept the sweep from knowing more.
 */




const OUTCOME_WORDS = {
    stopped: '🛑 stopped',
    'would-stop': 'would stop (dry run)',
    'ended-before-stop': 'ended by itself before the stop',
    'stop-unconfirmed': '⚠️ stop not confirmed',
    deleted: '🗑️ deleted',
    'would-delete': 'would delete (dry run)',
    'delete-failed': '⚠️ delete failed',
    left: 'left',
    'not-done': 'not done (cancelled)'
};
const outcomeWords = (outcome) => OUTCOME_WORDS[outcome];
/** The run's page: the repository and ids in the URL are the validated parts of RunIdentity. */
function runCell(run, serverUrl) {
    if (!run)
        return '—';
    const path = `${run.owner}/${run.repo}/actions/runs/${run.runId}${run.attempt === undefined ? '' : `/attempts/${run.attempt}`}`;
    return `[${(0,markdown/* escapeMarkdown */.FV)(run.label)}](${serverUrl.replace(/\/+$/, '')}/${path})`;
}
function row(item, serverUrl) {
    return [
        item.kind === 'template' ? `template ${(0,markdown/* code */.aY)(item.id)}` : (0,markdown/* code */.aY)(item.id),
        item.file === undefined ? '—' : (0,markdown/* escapeMarkdown */.FV)(item.file),
        runCell(item.run, serverUrl),
        item.ageSeconds === undefined ? '—' : (0,duration/* formatSeconds */.X)(item.ageSeconds),
        outcomeWords(item.outcome),
        (0,markdown/* escapeMarkdown */.FV)(item.why)
    ];
}
/** `serverUrl`: GITHUB_SERVER_URL, for links to the runs. */
function renderSweepSummary(result, serverUrl) {
    const untagged = result.untagged.experiments + result.untagged.templates;
    const sections = [
        `## ${run_summary/* VERDICT_ICON */.Y[result.verdict]} fis-gate sweep: ${result.verdict}`,
        `> ${(0,markdown/* escapeMarkdown */.FV)(result.reason)}`,
        result.dryRun
            ? '**Dry run** (`sweep-dry-run`): nothing was stopped or deleted; the table shows what a sweep would do.'
            : '',
        result.rows.length
            ? (0,markdown/* table */.tp)(['Experiment', 'File', 'Run', 'Age', 'Action', 'Why'], result.rows.map((item) => row(item, serverUrl)))
            : `No active experiment and no template in ${(0,markdown/* escapeMarkdown */.FV)(result.region)} carries fis-gate's tags.`,
        untagged
            ? `Not looked at, without fis-gate's tags: ${(0,describe/* plural */.LS)(result.untagged.experiments, 'active experiment')} and ${(0,describe/* plural */.LS)(result.untagged.templates, 'template')} in ${(0,markdown/* escapeMarkdown */.FV)(result.region)}.`
            : '',
        result.problems.length
            ? [
                'What the sweep could not know:',
                ...result.problems.map((problem) => `- ${(0,markdown/* escapeMarkdown */.FV)(problem)}`)
            ].join('\n')
            : ''
    ];
    return `${sections.filter(Boolean).join('\n\n')}\n`;
}

// EXTERNAL MODULE: ./src/run/model.ts
var model = __webpack_require__(1464);
// EXTERNAL MODULE: ./src/run/retry.ts
var retry = __webpack_require__(1191);
// EXTERNAL MODULE: ./src/run/state.ts
var state = __webpack_require__(4352);
;// CONCATENATED MODULE: ./src/run/cleanup.ts
/**
 * The post step's cleanup (post-if: always()): stop every experiment this run started that is
 * not terminal, wait until FIS says it ended, and delete the templates this run created.
 * Experiments and templates are found from the saved state and, for whatever a killed main step
 * started but could not record, by this run's tag. Idempotent: running it twice does nothing more.
 */









/** How long post waits for each stopped experiment to reach a terminal state. */
const STOP_CONFIRM_MS = 90_000;
const ended = (status) => status !== undefined && (model/* TERMINAL_STATES */.kl.has(status) || status === 'gone');
/** After an abandoned StartExperiment, how long FIS may still commit it: searched again till then. */
const LATE_START_MS = 20_000;
async function taggedExperiments(context, runTag) {
    return (await listExperiments(context.clients.fis, () => context.limits.mustFinish())).flatMap((experiment) => experiment.id && experiment.tags?.[TAG.run] === runTag
        ? [{ id: experiment.id, templateId: experiment.experimentTemplateId }]
        : []);
}
async function taggedTemplateIds(context, runTag) {
    return (await listExperimentTemplates(context.clients.fis, () => context.limits.mustFinish())).flatMap((template) => (template.id && template.tags?.[TAG.run] === runTag ? [template.id] : []));
}
async function observe(context, id) {
    try {
        const { experiment } = await context.clients.fis.send(new dist_cjs.GetExperimentCommand({ id }), context.limits.mustFinish());
        return { status: experiment?.state?.status, endTime: experiment?.endTime?.getTime() };
    }
    catch (error) {
        if ((0,errors/* errorName */.I)(error) === 'ResourceNotFoundException')
            return { status: 'gone' };
        context.log.warning((0,errors/* describeAwsError */.P)(`FIS GetExperiment ${id}`, error));
        return {};
    }
}
/** Sends StopExperiment, retrying what is transient; the error when FIS never accepted it. */
async function requestStop(context, id, deadline) {
    try {
        await (0,retry/* retryUntilDeadline */.j)(() => context.clients.fis.send(new dist_cjs.StopExperimentCommand({ id }), context.limits.mustFinish()), { clock: context.clock, random: context.random, deadline, isRetryable: retry/* isTransient */.d });
        return undefined;
    }
    catch (error) {
        const stopError = (0,errors/* describeAwsError */.P)(`FIS StopExperiment ${id}`, error);
        context.log.warning(stopError);
        return stopError;
    }
}
/** Stops one experiment unless it has ended, then waits until FIS says it has. */
async function settleExperiment(context, id) {
    const first = await observe(context, id);
    if (ended(first.status)) {
        context.log.info(`${id}: already ${first.status}`);
        return {
            experimentId: id,
            action: 'already-ended',
            lastState: first.status ?? 'unknown',
            endTime: first.endTime
        };
    }
    const deadline = context.clock.now() + STOP_CONFIRM_MS;
    // An experiment already `stopping` has accepted a stop; asking again would be refused.
    const awaiting = first.status === 'stopping';
    const stopError = awaiting ? undefined : await requestStop(context, id, deadline);
    if (!awaiting && !stopError)
        context.log.info(`${id}: was ${first.status ?? 'in an unknown state'}; StopExperiment accepted`);
    let final = await observe(context, id);
    while (!ended(final.status) && context.clock.now() < deadline && !context.cancellation.aborted) {
        await context.clock.sleep(2000, context.cancellation);
        final = await observe(context, id);
    }
    const lastState = final.status ?? 'unknown';
    if (!ended(final.status)) {
        const within = context.cancellation.aborted
            ? 'before a second cancel cut the wait short'
            : `within ${STOP_CONFIRM_MS / 1000} s`;
        context.log.warning(`${id}: FIS has not confirmed that it ended ${within} (last state ${lastState})`);
        return { experimentId: id, action: 'not-confirmed', lastState, stopError };
    }
    context.log.info(`${id}: ${lastState}`);
    const action = stopError ? 'already-ended' : awaiting ? 'stop-awaited' : 'stopped';
    return { experimentId: id, action, lastState, endTime: final.endTime, stopError };
}
/** `settleExperiment` in the sweep's terms: a stop the main step had asked for counts as one. */
async function stopAndConfirm(context, id) {
    const { action, lastState, stopError } = await settleExperiment(context, id);
    if (action === 'not-confirmed')
        return { experimentId: id, lastState, stopError };
    return action === 'already-ended' ? 'already-ended' : 'stopped';
}
/** Deletes one template: deleted, already gone, or why the delete failed (also logged). */
async function deleteTemplate(context, id) {
    try {
        await context.clients.fis.send(new dist_cjs.DeleteExperimentTemplateCommand({ id }), context.limits.mustFinish());
        context.log.info(`template ${id}: deleted`);
        return 'deleted';
    }
    catch (error) {
        if ((0,errors/* errorName */.I)(error) === 'ResourceNotFoundException')
            return 'gone';
        const failed = (0,errors/* describeAwsError */.P)(`FIS DeleteExperimentTemplate ${id}`, error);
        context.log.warning(failed);
        return { failed };
    }
}
async function cleanUpRun(context, state) {
    const report = { experiments: [], templates: [], unansweredStarts: [] };
    const fileOf = new Map(state.experiments.map(({ experimentId, file }) => [experimentId, file]));
    const pendingFile = new Map(state.pendingStarts?.map(({ templateId, file }) => [templateId, file]));
    const handled = new Set();
    const settle = async (id, foundBy, file) => {
        if (handled.has(id))
            return;
        handled.add(id);
        const settled = await settleExperiment(context, id);
        report.experiments.push({ ...settled, ...(file === undefined ? {} : { file }), foundBy });
    };
    // What main recorded first: a search that fails or never ends cannot keep those running.
    for (const { experimentId, file } of state.experiments)
        await settle(experimentId, 'state', file);
    // Then whatever carries this run's tag; after an abandoned start, again until FIS can no longer
    // commit it late.
    const pending = new Set(pendingFile.keys());
    const found = new Map();
    const uncertain = pending.size > 0;
    const searchUntil = context.clock.now() + (uncertain ? LATE_START_MS : 0);
    let tagged;
    if (uncertain && !state.runTag)
        report.unsearched = 'the saved state names no run tag to search by';
    for (let search = 0; state.runTag; search++) {
        try {
            tagged = await taggedExperiments(context, state.runTag);
        }
        catch (error) {
            const why = describeAwsError('FIS ListExperiments', error);
            if (uncertain)
                report.unsearched = why;
            context.log.warning(`${why}; checking only the experiments the main step recorded`);
            break;
        }
        for (const { id, templateId } of tagged) {
            if (templateId && pending.delete(templateId))
                found.set(templateId, id);
            await settle(id, 'run-tag', fileOf.get(id) ?? (templateId ? pendingFile.get(templateId) : undefined));
        }
        // Every start main left unanswered has been found: nothing more can come.
        if (!pending.size || context.clock.now() >= searchUntil)
            break;
        if (context.cancellation.aborted) {
            report.searchCutShort = true;
            break;
        }
        await context.clock.sleep(3000, context.cancellation);
    }
    report.unansweredStarts = (state.pendingStarts ?? []).map(({ templateId, file }) => {
        const experimentId = found.get(templateId);
        return { templateId, file, ...(experimentId === undefined ? {} : { experimentId }) };
    });
    const templateFile = new Map(state.templates.map(({ templateId, file }) => [templateId, file]));
    for (const template of state.templates)
        if (template.deleted)
            report.templates.push({
                templateId: template.templateId,
                file: template.file,
                outcome: 'deleted-by-main'
            });
    const templateIds = new Set(state.templates.filter((template) => !template.deleted).map((template) => template.templateId));
    if (state.runTag) {
        try {
            for (const id of await taggedTemplateIds(context, state.runTag))
                templateIds.add(id);
        }
        catch (error) {
            context.log.warning(describeAwsError('FIS ListExperimentTemplates', error));
        }
    }
    // With cleanup: false a run keeps the templates main recorded; one it never saw (created while
    // the run was cancelled) and that never ran is deleted all the same. Without the list of
    // experiments, none is known unused.
    const used = new Set(tagged?.flatMap((experiment) => experiment.templateId ?? []));
    for (const id of templateIds) {
        const file = templateFile.get(id) ?? pendingFile.get(id);
        const entry = { templateId: id, ...(file === undefined ? {} : { file }) };
        const unseenAndUnused = tagged !== undefined && !templateFile.has(id) && !used.has(id);
        if (!state.cleanup && !unseenAndUnused) {
            report.templates.push({
                ...entry,
                outcome: 'kept',
                reason: keptBecause(templateFile.has(id), tagged)
            });
            continue;
        }
        const deleted = await deleteTemplate(context, id);
        report.templates.push(typeof deleted === 'string'
            ? { ...entry, outcome: deleted }
            : { ...entry, outcome: 'delete-failed', reason: deleted.failed });
    }
    return report;
}
function keptBecause(recorded, tagged) {
    if (recorded)
        return 'cleanup: false';
    return tagged === undefined
        ? 'cleanup: false, and without the list of experiments it is not known unused'
        : 'cleanup: false, and an experiment of this run used it';
}
const count = (report, test) => report.experiments.filter(test).length;
/** The post step's last word: what FIS confirmed, and a failure naming what it did not. */
function describeCleanup(report, region) {
    const stopped = count(report, ({ action }) => action === 'stopped' || action === 'stop-awaited');
    const alreadyEnded = count(report, ({ action }) => action === 'already-ended');
    const deleted = report.templates.filter(({ outcome }) => outcome === 'deleted').length;
    const line = `fis-gate post: ${plural(stopped, 'experiment')} stopped and confirmed ended, ${alreadyEnded} already ended, ${plural(deleted, 'template')} deleted`;
    if (confirmedNothingRunning(report))
        return { line };
    const unconfirmed = unconfirmedEnds(report).map(({ experimentId, lastState, stopError }) => `${experimentId} (last state ${lastState}${stopError ? `; ${stopError}` : ''}): ${stopByHand(region, experimentId)}`);
    if (unsettledStarts(report).length)
        unconfirmed.push(report.unsearched
            ? `the main step began a StartExperiment whose outcome it never learned, and the search for it failed (${report.unsearched}): look in the FIS console for an active experiment tagged fis-gate:run with this run, and stop it`
            : 'the main step began a StartExperiment whose outcome it never learned, and the post step was cancelled before its search for it ended: look in the FIS console for an active experiment tagged fis-gate:run with this run, and stop it');
    return {
        line,
        failure: `fis-gate post: FIS has not confirmed that ${plural(unconfirmed.length, 'experiment')} ended, so a fault may still be active. ${unconfirmed.join(' · ')}`
    };
}

// EXTERNAL MODULE: ./src/run/context.ts
var run_context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/run/fis-listing.ts
var fis_listing = __webpack_require__(886);
;// CONCATENATED MODULE: ./src/run/sweep.ts
/**
 * What `mode: sweep` does with each experiment and template fis-gate tagged, decided over plain
 * data: the tags, FIS's times, the present and what GitHub said of the workflow run.
 *
 * An experiment (pending, initiating or running) is stopped when it has run longer than the
 * timeout it was started with (its fis-gate:timeout tag; the timeout input when it has none) —
 * a rule that needs no GitHub answer — or when its workflow run attempt has ended. Anything
 * fis-gate cannot tell (a run in another repository, which this step's token cannot read; no
 * token; GitHub refusing or failing) leaves it, saying so. A template is deleted when its run
 * has ended and no experiment from it is active. Nothing without the fis-gate:run tag is touched.
 */



/** The experiments fis-gate looks at: still going, or going to. */
const SWEPT_STATES = new Set(['pending', 'initiating', 'running']);
function isFisGateTagged(tags) {
    return tags !== undefined && Object.hasOwn(tags, state/* TAG */.Dk.run);
}
const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
function runIdentityOf(tags) {
    const repository = tags[state/* TAG */.Dk.repository] ?? '';
    const names = REPOSITORY.exec(repository);
    const runIdText = tags[state/* TAG */.Dk.runId] ?? '';
    if (!names || !/^[1-9]\d{0,18}$/.test(runIdText))
        return undefined;
    const runId = Number(runIdText);
    // owner/name#runId.attempt/job/execution
    const run = /#(\d+)\.([1-9]\d{0,5})\//.exec(tags[state/* TAG */.Dk.run] ?? '');
    const attempt = run && run[1] === runIdText ? Number(run[2]) : undefined;
    return {
        repository,
        owner: names[1],
        repo: names[2],
        runId,
        attempt,
        key: `${repository.toLowerCase()}#${runId}.${attempt ?? ''}`,
        label: `${repository}#${runId}${attempt === undefined ? '' : ` attempt ${attempt}`}`
    };
}
/** The run's state as far as it is known, or the run to ask about. */
function runAnswer(tags, facts) {
    const run = runIdentityOf(tags);
    if (!run)
        return {
            unknown: `its tags name no workflow run (${state/* TAG */.Dk.repository} "${tags[state/* TAG */.Dk.repository] ?? ''}", ${state/* TAG */.Dk.runId} "${tags[state/* TAG */.Dk.runId] ?? ''}")`
        };
    if (run.repository.toLowerCase() !== facts.repository.toLowerCase())
        return {
            unknown: `its run ${run.label} is in another repository, whose runs this step's token cannot read`
        };
    return facts.answers.get(run.key) ?? run;
}
const isIdentity = (answer) => typeof answer === 'object' && 'key' in answer;
function timeoutOf(tags, fallbackSeconds) {
    const tagged = tags[state/* TAG */.Dk.timeout] ?? '';
    if (/^[1-9]\d{0,8}$/.test(tagged))
        return {
            seconds: Number(tagged),
            text: `the ${(0,duration/* formatSeconds */.X)(Number(tagged))} timeout it was started with`
        };
    return {
        seconds: fallbackSeconds,
        text: `the timeout input's ${(0,duration/* formatSeconds */.X)(fallbackSeconds)} (it has no ${state/* TAG */.Dk.timeout} tag)`
    };
}
const wholeSeconds = (ms) => Math.max(0, Math.floor(ms / 1000));
function decideExperiment(experiment, facts) {
    if (!SWEPT_STATES.has(experiment.status))
        return {
            action: 'leave',
            why: experiment.status === 'stopping'
                ? 'FIS is already stopping it'
                : `it is ${experiment.status}, not pending, initiating or running`
        };
    const timeout = timeoutOf(experiment.tags, facts.fallbackTimeoutSeconds);
    const runMs = experiment.startedAt === undefined ? undefined : facts.now - experiment.startedAt;
    // Older than the timeout: stopped whatever GitHub would say, so it is not asked.
    if (runMs !== undefined && runMs > timeout.seconds * 1000)
        return {
            action: 'stop',
            why: `it has run ${(0,duration/* formatSeconds */.X)(wholeSeconds(runMs))}, longer than ${timeout.text}`
        };
    const answer = runAnswer(experiment.tags, facts);
    if (isIdentity(answer))
        return { action: 'ask', run: answer };
    const label = runIdentityOf(experiment.tags)?.label;
    if (answer === 'ended')
        return { action: 'stop', why: `its workflow run ${label} has ended` };
    const soFar = runMs === undefined
        ? 'FIS gave no start time to judge its timeout by'
        : `it has run ${(0,duration/* formatSeconds */.X)(wholeSeconds(runMs))} of ${timeout.text}`;
    if (answer === 'in_progress')
        return { action: 'leave', why: `its workflow run ${label} is still in progress; ${soFar}` };
    return {
        action: 'leave',
        why: `fis-gate cannot tell whether its run has ended (${answer.unknown}), so it is left until it outlives its timeout; ${soFar}`
    };
}
/** `activeExperiments`: ids of experiments from this template still active after the stops. */
function decideTemplate(template, activeExperiments, facts) {
    if (template.tags[state/* TAG */.Dk.cleanup] === 'false')
        return { action: 'leave', why: 'its run kept it on purpose (cleanup: false)' };
    const answer = runAnswer(template.tags, facts);
    if (isIdentity(answer))
        return { action: 'ask', run: answer };
    const label = runIdentityOf(template.tags)?.label;
    if (answer === 'in_progress')
        return { action: 'leave', why: `its workflow run ${label} is still in progress` };
    if (answer !== 'ended')
        return {
            action: 'leave',
            why: `fis-gate cannot tell whether its run has ended: ${answer.unknown}`
        };
    if (activeExperiments.length)
        return {
            action: 'leave',
            why: `its workflow run ${label} has ended, but ${activeExperiments.join(', ')} from it ${activeExperiments.length === 1 ? 'is' : 'are'} still active`
        };
    return { action: 'delete', why: `its workflow run ${label} has ended` };
}
function sweepRow(kind, item, since, now, outcome, why) {
    return {
        kind,
        id: item.id,
        status: item.status,
        file: item.tags[state/* TAG */.Dk.experiment],
        run: runIdentityOf(item.tags),
        ageSeconds: since === undefined ? undefined : wholeSeconds(now - since),
        outcome,
        why
    };
}
const NEEDED_STOPPING = new Set([
    'stopped',
    'would-stop',
    'ended-before-stop',
    'stop-unconfirmed',
    'not-done'
]);
const neededStopping = (row) => row.kind === 'experiment' && NEEDED_STOPPING.has(row.outcome);
/**
 * `cancelled` when the workflow was; `error` when FIS could not be listed or a stop or a delete
 * did not happen as decided; `fail` when an experiment needed stopping; else `pass`.
 */
function sweepVerdict(rows, failures) {
    if (failures.cancelled)
        return 'cancelled';
    if (failures.listing ||
        rows.some((row) => row.outcome === 'stop-unconfirmed' || row.outcome === 'delete-failed'))
        return 'error';
    return rows.some(neededStopping) ? 'fail' : 'pass';
}
/** The verdict's reason, in one sentence. */
function sweepReason(verdict, rows, problems, dryRun) {
    const listed = (selected, withWhy) => selected.map((row) => (withWhy ? `${row.id} (${row.why})` : row.id)).join(', ');
    const deleted = rows.filter((row) => row.outcome === 'deleted' || row.outcome === 'would-delete');
    const templates = deleted.length
        ? `; ${(0,describe/* plural */.LS)(deleted.length, 'template')} ${dryRun ? 'would be deleted' : 'deleted'}`
        : '';
    if (verdict === 'cancelled')
        return `The workflow was cancelled during the sweep; what was decided and not done is marked "not done"`;
    if (verdict === 'error') {
        const unconfirmed = rows.filter((row) => row.outcome === 'stop-unconfirmed');
        const undeleted = rows.filter((row) => row.outcome === 'delete-failed');
        return [
            unconfirmed.length ? `FIS has not confirmed the stop of ${listed(unconfirmed, false)}` : '',
            undeleted.length
                ? `${(0,describe/* plural */.LS)(undeleted.length, 'template')} could not be deleted: ${listed(undeleted, false)}`
                : '',
            unconfirmed.length || undeleted.length ? '' : (problems[0] ?? 'FIS could not be listed')
        ]
            .filter(Boolean)
            .join('; ');
    }
    const stopping = rows.filter(neededStopping);
    if (verdict === 'fail')
        return `${(0,describe/* plural */.LS)(stopping.length, 'experiment')} ${dryRun ? 'would be stopped (dry run: nothing was stopped)' : 'needed stopping'}: ${listed(stopping, true)}${templates}`;
    return `Nothing needed stopping${templates}`;
}

// EXTERNAL MODULE: ./src/modes/run-mode.ts + 17 modules
var run_mode = __webpack_require__(9922);
;// CONCATENATED MODULE: ./src/modes/sweep-mode.ts
/**
 * mode: sweep, for scheduled workflows: finds the experiments fis-gate started in the account and
 * Region that are still going and stops those whose workflow run has ended or that outlived their
 * timeout, then deletes the templates fis-gate created whose run has ended. What it cannot judge
 * it leaves, saying why; what fis-gate did not tag it never touches. The decisions are
 * src/run/sweep.ts; here are the calls: FIS listings and stops, GitHub's word on each run.
 */
















/** FIS's startTime; its creationTime (set by the same StartExperiment) when it has none. */
async function startTimeOf(context, summary) {
    try {
        const { experiment } = await context.clients.fis.send(new dist_cjs.GetExperimentCommand({ id: summary.id }), context.limits.cancellable());
        return (experiment?.startTime ?? summary.creationTime)?.getTime();
    }
    catch (error) {
        context.log.warning(`${(0,errors/* describeAwsError */.P)(`FIS GetExperiment ${summary.id}`, error)}; its age is counted from its creation time`);
        return summary.creationTime?.getTime();
    }
}
async function listFis(context) {
    const problems = [];
    const untagged = { experiments: 0, templates: 0 };
    let summaries;
    try {
        summaries = await (0,fis_listing/* listExperiments */.l)(context.clients.fis, () => context.limits.cancellable());
    }
    catch (error) {
        problems.push(`${(0,errors/* describeAwsError */.P)('FIS ListExperiments', error)}; nothing was stopped or deleted, as fis-gate cannot see which experiments are active`);
        return { experiments: [], activeByTemplate: new Map(), untagged, problems };
    }
    const active = summaries.filter((summary) => summary.id !== undefined && model/* ACTIVE_STATES */.Wj.has(summary.state?.status ?? ''));
    const activeByTemplate = new Map();
    const experiments = [];
    for (const summary of active) {
        const templateId = summary.experimentTemplateId;
        if (templateId)
            activeByTemplate.set(templateId, [...(activeByTemplate.get(templateId) ?? []), summary.id]);
        if (!isFisGateTagged(summary.tags)) {
            untagged.experiments++;
            continue;
        }
        experiments.push({
            id: summary.id,
            status: summary.state?.status ?? 'unknown',
            tags: summary.tags ?? {},
            startedAt: await startTimeOf(context, summary),
            templateId
        });
    }
    let templateSummaries;
    try {
        templateSummaries = await (0,fis_listing/* listExperimentTemplates */.$)(context.clients.fis, () => context.limits.cancellable());
    }
    catch (error) {
        problems.push(`${(0,errors/* describeAwsError */.P)('FIS ListExperimentTemplates', error)}; no template was deleted`);
        return { experiments, activeByTemplate, untagged, problems };
    }
    const templates = [];
    for (const summary of templateSummaries) {
        if (!summary.id)
            continue;
        if (!isFisGateTagged(summary.tags))
            untagged.templates++;
        else
            templates.push({
                id: summary.id,
                tags: summary.tags ?? {},
                createdAt: summary.creationTime?.getTime()
            });
    }
    return { experiments, activeByTemplate, templates, untagged, problems };
}
/** GitHub's answer for each run, asked once each; GitHub's problems as one notice per kind. */
async function askGitHub(github, runs, io) {
    const answers = new Map();
    const problems = new Map();
    for (const run of runs) {
        if (answers.has(run.key))
            continue;
        const state = await workflowRunState(github, {
            owner: run.owner,
            repo: run.repo,
            runId: run.runId,
            attempt: run.attempt
        });
        if (typeof state === 'string') {
            answers.set(run.key, state);
            continue;
        }
        answers.set(run.key, { unknown: state.unknown });
        const seen = problems.get(state.kind);
        problems.set(state.kind, { first: seen?.first ?? state.unknown, count: (seen?.count ?? 0) + 1 });
    }
    for (const { first, count } of problems.values())
        io.annotate({
            severity: 'notice',
            title: 'fis-gate sweep',
            message: `${first}${count > 1 ? ` (and ${(0,describe/* plural */.LS)(count - 1, 'more run')} alike)` : ''}. What such a run started is left unless it outlived its timeout, and its templates are kept`
        });
    return answers;
}
/** The runs the decisions need GitHub's word on. */
function runsToAsk(listing, facts) {
    const decisions = [
        ...listing.experiments.map((experiment) => decideExperiment(experiment, facts)),
        ...(listing.templates ?? []).map((template) => decideTemplate(template, [], facts))
    ];
    return decisions.flatMap((decision) => (decision.action === 'ask' ? [decision.run] : []));
}
/** A decision with every answer in: an unasked run (which cannot happen) is left alone. */
function settled(decision) {
    return decision.action === 'ask'
        ? { action: 'leave', why: `GitHub was not asked about run ${decision.run.label}` }
        : decision;
}
async function stopOne(context, region, id, why) {
    const stopped = await stopAndConfirm(context, id);
    if (stopped === 'stopped')
        return { outcome: 'stopped', why };
    if (stopped === 'already-ended')
        return { outcome: 'ended-before-stop', why: `${why}; it ended by itself before the stop` };
    return {
        outcome: 'stop-unconfirmed',
        why: `${why}; FIS has not confirmed that it ended (last state ${stopped.lastState}${stopped.stopError ? `; ${stopped.stopError}` : ''}): ${(0,console_links/* stopByHand */.zj)(region, id)}`
    };
}
async function sweep(context, github, io, inputs, repository, cancellation) {
    const listing = await listFis(context);
    const now = context.clock.now();
    const facts = {
        now,
        repository,
        fallbackTimeoutSeconds: Math.round(inputs.timeout.ms / 1000),
        answers: new Map()
    };
    facts.answers = await askGitHub(github, runsToAsk(listing, facts), io);
    const dryRun = inputs.sweepDryRun;
    const rows = [];
    const report = (row) => {
        rows.push(row);
        io.info(`${row.outcome.toUpperCase()}  ${row.kind} ${row.id}: ${row.why}`);
    };
    const noLongerActive = new Set();
    for (const experiment of listing.experiments) {
        const decision = settled(decideExperiment(experiment, facts));
        let done = { outcome: 'left', why: decision.why };
        if (decision.action === 'stop') {
            if (dryRun)
                done = { outcome: 'would-stop', why: decision.why };
            else if (cancellation.aborted)
                done = { outcome: 'not-done', why: decision.why };
            else
                done = await stopOne(context, inputs.region, experiment.id, decision.why);
            if (done.outcome !== 'stop-unconfirmed' && done.outcome !== 'not-done')
                noLongerActive.add(experiment.id);
        }
        report(sweepRow('experiment', experiment, experiment.startedAt, now, done.outcome, done.why));
    }
    for (const template of listing.templates ?? []) {
        const active = (listing.activeByTemplate.get(template.id) ?? []).filter((id) => !noLongerActive.has(id));
        const decision = settled(decideTemplate(template, active, facts));
        let done = { outcome: 'left', why: decision.why };
        if (decision.action === 'delete') {
            if (dryRun)
                done = { outcome: 'would-delete', why: decision.why };
            else if (cancellation.aborted)
                done = { outcome: 'not-done', why: decision.why };
            else {
                const deleted = await deleteTemplate(context, template.id);
                done =
                    deleted === 'deleted'
                        ? { outcome: 'deleted', why: decision.why }
                        : deleted === 'gone'
                            ? { outcome: 'left', why: `${decision.why}; it no longer exists` }
                            : { outcome: 'delete-failed', why: `${decision.why}; ${deleted.failed}` };
            }
        }
        report(sweepRow('template', template, template.createdAt, now, done.outcome, done.why));
    }
    const verdict = sweepVerdict(rows, {
        listing: listing.templates === undefined,
        cancelled: cancellation.aborted
    });
    return {
        verdict,
        reason: sweepReason(verdict, rows, listing.problems, dryRun),
        dryRun,
        region: inputs.region,
        rows,
        untagged: listing.untagged,
        problems: listing.problems
    };
}
async function runSweepMode(io, inputs, env, dependencies) {
    const clock = dependencies.clock ?? run_context/* systemClock */.m;
    const random = dependencies.random ?? Math.random;
    const { cancellation } = dependencies;
    const startedAt = clock.now();
    const clients = (0,aws_clients/* createAwsClients */.Gv)({ region: inputs.region, env });
    const github = (0,github_api/* createGitHubApi */._j)({
        token: inputs.githubToken,
        baseUrl: env.GITHUB_API_URL,
        clock,
        random,
        cancellation
    });
    const context = {
        clients,
        clock,
        log: {
            info: (message) => io.info(message),
            warning: (message) => io.annotate({ severity: 'warning', title: 'fis-gate sweep', message }),
            group: (name, run) => io.group(name, run)
        },
        cancellation,
        limits: (0,call_limits/* callLimits */.PF)(cancellation, call_limits/* CALL_BUDGET_MS */.EN, () => clock.now()),
        random
    };
    let result;
    try {
        result = await io.group(`Sweep ${inputs.region}${inputs.sweepDryRun ? ' (dry run: nothing is stopped or deleted)' : ''}`, () => sweep(context, github, io, inputs, env.GITHUB_REPOSITORY ?? '', cancellation));
    }
    finally {
        clients.destroy();
    }
    const reportPath = await (0,json_report/* writeSweepReport */.Eo)(inputs.reportDir, {
        ...result,
        startedAt,
        finishedAt: clock.now(),
        workflow: (0,run_mode.workflowRunOf)(env)
    });
    await io.appendSummary(renderSweepSummary(result, env.GITHUB_SERVER_URL || 'https://github.com'));
    io.setOutput('verdict', result.verdict);
    io.setOutput('report', reportPath);
    // A stop FIS never confirmed may leave a fault active: that fails the step whatever fail-on says.
    const unconfirmed = result.rows.filter((row) => row.outcome === 'stop-unconfirmed');
    if (inputs.failOn.includes(result.verdict) ||
        result.verdict === 'cancelled' ||
        unconfirmed.length)
        io.setFailed(`fis-gate sweep: ${result.verdict} — ${result.reason}${unconfirmed.map((row) => `. ${row.id}: ${(0,console_links/* stopByHand */.zj)(inputs.region, row.id)}`).join('')}`);
}


/***/ })

};

//# sourceMappingURL=663.index.js.map