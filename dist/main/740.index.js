export const id = 740;
export const ids = [740];
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

/***/ 9740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentOnPullRequest: () => (/* binding */ commentOnPullRequest)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/experiment/changed-files.ts + 1 modules
var changed_files = __webpack_require__(8612);
// EXTERNAL MODULE: ./src/experiment/load.ts
var load = __webpack_require__(6199);
// EXTERNAL MODULE: ./src/github/api.ts
var github_api = __webpack_require__(8943);
// EXTERNAL MODULE: ./src/github/file-links.ts
var file_links = __webpack_require__(2277);
// EXTERNAL MODULE: ./src/run/context.ts
var context = __webpack_require__(670);
// EXTERNAL MODULE: ./src/experiment/excerpt.ts
var excerpt = __webpack_require__(3698);
// EXTERNAL MODULE: ./src/experiment/read-file.ts
var read_file = __webpack_require__(8446);
// EXTERNAL MODULE: ./src/experiment/workspace.ts
var experiment_workspace = __webpack_require__(9750);
// EXTERNAL MODULE: ./src/experiment/model.ts
var model = __webpack_require__(5730);
;// CONCATENATED MODULE: ./src/pull-request/differences.ts
/**
 * Comparing two JSON values the way a reviewer reads them: objects member by member, arrays as
 * sets (order never matters in an FIS template's lists), anything else as a whole; and the values
 * shown compactly, bounded and on one line. Pure.
 */


/** Nesting followed member by member; anything deeper is compared as a whole. */
const MAX_DEPTH = 16;
/** Member order as JSON.stringify would keep it never makes two values differ. */
function canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if (!(0,model/* isObject */.Gv)(value))
        return JSON.stringify(value);
    const members = (0,model/* entriesOf */.Mc)(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`;
}
/** Two arrays hold the same items, whatever their order (each item counted). */
function sameItems(before, after) {
    if (before.length !== after.length)
        return false;
    const sorted = (items) => items.map(canonical).sort();
    const [a, b] = [sorted(before), sorted(after)];
    return a.every((item, index) => item === b[index]);
}
function sameValue(before, after) {
    if (before === undefined || after === undefined)
        return before === after;
    if (Array.isArray(before) && Array.isArray(after))
        return sameItems(before, after);
    return canonical(before) === canonical(after);
}
/**
 * Whether two parsed forms of a value (check definitions, guardrails) agree on a member they
 * carry under the name it has in the file: then a difference there is no change of meaning
 * (`datapointsToAlarm: 1` written out, `PT2M` written `PT120S`).
 */
function sameMeaning(member, before, after) {
    if (!Object.prototype.hasOwnProperty.call(before, member))
        return false;
    const meaning = (parsed) => parsed[member];
    return sameValue(meaning(before), meaning(after));
}
/** A table's own entry for a name from a file: `constructor` finds nothing inherited. */
const ownEntry = (table, name) => Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
/** Every member name of either object: the head's order, then those only the base has. */
function unionKeys(before, after) {
    const keys = (0,model/* entriesOf */.Mc)(after).map(([key]) => key);
    const seen = new Set(keys);
    return [...keys, ...(0,model/* entriesOf */.Mc)(before).flatMap(([key]) => (seen.has(key) ? [] : [key]))];
}
/** The values that differ, objects followed member by member down to the leaves. */
function differences(before, after, keys = [], depth = 0) {
    if (sameValue(before, after))
        return [];
    if ((0,model/* isObject */.Gv)(before) && (0,model/* isObject */.Gv)(after) && depth < MAX_DEPTH) {
        return unionKeys(before, after).flatMap((key) => differences((0,model/* memberOf */.C5)(before, key), (0,model/* memberOf */.C5)(after, key), [...keys, key], depth + 1));
    }
    return [{ keys, before, after }];
}
/** Characters that would make a bare value ambiguous in `before → after` or in a list. */
const NEEDS_QUOTES = /[\s"→,;]|^$/u;
/** A value on one line, bounded: plain strings bare (`PT5M`), others quoted or as JSON. */
function compact(value) {
    if (typeof value === 'string')
        return NEEDS_QUOTES.test(value) ? (0,excerpt/* quote */.hD)(value) : (0,excerpt/* excerpt */.Kb)(value);
    return (0,excerpt/* excerpt */.Kb)(JSON.stringify(value));
}
/**
 * `a, b and 3 more`. Not excerptList: that would cut each already bounded item again, and a cut
 * could drop a closing quote.
 */
function listOf(values) {
    const shown = values.slice(0, excerpt/* EXCERPT_ITEMS */.xS).map(compact);
    const more = values.length - shown.length;
    return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
/** The items only one side of two arrays has, each side's counted as often as it occurs. */
function itemsOnlyIn(items, others) {
    const remaining = others.map(canonical);
    return items.filter((item) => {
        const index = remaining.indexOf(canonical(item));
        if (index >= 0)
            remaining.splice(index, 1);
        return index < 0;
    });
}
/** What two arrays, as sets, do not share. */
function itemChanges(before, after) {
    return { added: itemsOnlyIn(after, before), removed: itemsOnlyIn(before, after) };
}
/**
 * One line for a difference: `label: before → after`, `label added: value`,
 * `label removed (was value)`, and for two lists `label: added a, b; removed c`.
 */
function differenceWords(label, { before, after }) {
    if (before === undefined)
        return `${label} added: ${compact(after ?? null)}`;
    if (after === undefined)
        return `${label} removed (was ${compact(before)})`;
    if (Array.isArray(before) && Array.isArray(after)) {
        const { added, removed } = itemChanges(before, after);
        const parts = [
            added.length ? `added ${listOf(added)}` : '',
            removed.length ? `removed ${listOf(removed)}` : ''
        ];
        return `${label}: ${parts.filter(Boolean).join('; ')}`;
    }
    return `${label}: ${compact(before)} → ${compact(after)}`;
}
/** `actions.cartsLatency.parameters.duration`: each name bounded, as in finding paths. */
function pathOf(keys) {
    return keys.map((key) => (0,excerpt/* excerpt */.Kb)(key)).join('.');
}
/** `name`, `name #2`, …: a key repeated within one version is matched by its occurrence. */
function occurrences(entries) {
    const keyed = new Map();
    const seen = new Map();
    for (const [key, value] of entries) {
        const occurrence = (seen.get(key) ?? 0) + 1;
        seen.set(key, occurrence);
        keyed.set(occurrence === 1 ? key : `${key} #${occurrence}`, value);
    }
    return keyed;
}
/** The elements of both versions by key: the head's order, then those only the base has. */
function pairByKey(before, after) {
    const [base, head] = [occurrences(before), occurrences(after)];
    const pairs = [...head].map(([key, value]) => ({
        key,
        before: base.get(key),
        after: value
    }));
    for (const [key, value] of base)
        if (!head.has(key))
            pairs.push({ key, before: value });
    return pairs;
}

;// CONCATENATED MODULE: ./src/pull-request/change.ts

const kindOf = ({ before, after }) => before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
/** A change told in its own words, with the values it compares when it has them. */
function describedChange(subject, keys, kind, words, values = {}) {
    const { before, after, risk } = values;
    return {
        subject,
        path: pathOf(keys),
        kind,
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after }),
        words,
        ...(risk ? { risk } : {})
    };
}
/** A difference as a change; `keys` is where the compared value sits in the experiment. */
function differenceChange(subject, keys, label, difference, risk) {
    const { before, after } = difference;
    return describedChange(subject, [...keys, ...difference.keys], kindOf(difference), differenceWords(label, difference), {
        before: before === undefined ? undefined : compact(before),
        after: after === undefined ? undefined : compact(after),
        risk
    });
}
/**
 * The changes of a value, each labelled by its path (`guardrails.maxDuration`). `riskOf` judges
 * each difference; a member absent on one side is one change, not one per leaf.
 */
function valueChanges(subject, keys, before, after, riskOf = () => undefined) {
    return differences(before, after).map((difference) => differenceChange(subject, keys, pathOf([...keys, ...difference.keys]), difference, riskOf(difference)));
}
/** An element only one version has is one change, told by its summary; one in both is compared. */
function elementChanges({ before, after }, words) {
    const { subject, keys, label, summary } = words;
    if (before === undefined && after !== undefined) {
        const told = summary ? `: ${summary(after)}` : '';
        return [
            describedChange(subject, keys, 'added', `${label} added${told}`, {
                risk: words.addedRisk?.(after)
            })
        ];
    }
    if (before !== undefined && after === undefined) {
        const told = summary ? ` (was ${summary(before)})` : '';
        return [
            describedChange(subject, keys, 'removed', `${label} removed${told}`, {
                risk: words.removedRisk?.(before)
            })
        ];
    }
    return before !== undefined && after !== undefined ? words.changed(before, after) : [];
}

// EXTERNAL MODULE: ./src/experiment/duration.ts
var duration = __webpack_require__(3483);
// EXTERNAL MODULE: ./src/validate/guardrails.ts
var validate_guardrails = __webpack_require__(2166);
;// CONCATENATED MODULE: ./src/pull-request/guardrail-changes.ts
/**
 * What changed in the file's own guardrails (what the pull request changes; the action inputs
 * are the same on both sides), as validation reads them: `PT15M` rewritten `PT900S` is no
 * change. Risky, each with its reason, when a guardrail is loosened: a
 * longer maxDuration or a larger maxTargetPercent, or none any more; more allowed accounts or
 * Regions, or no list any more; stop conditions no longer required; actions no longer forbidden.
 */





function higherLimit(before, after, shown) {
    if (before === undefined)
        return undefined;
    if (after === undefined)
        return `no limit any more (was ${shown(before)})`;
    return after > before ? `a higher limit: ${shown(before)} → ${shown(after)}` : undefined;
}
function longerList(before, after, what) {
    if (before === undefined)
        return undefined;
    if (after === undefined)
        return `any ${what} allowed now`;
    const added = after.filter((item) => !before.includes(item));
    return added.length ? `more ${what} allowed: ${listOf(added)}` : undefined;
}
const LOOSENINGS = {
    maxDuration: (before, after) => higherLimit(before.maxDuration, after.maxDuration, duration/* formatSeconds */.X),
    maxTargetPercent: (before, after) => higherLimit(before.maxTargetPercent, after.maxTargetPercent, (percent) => `${percent}%`),
    allowedAccounts: (before, after) => longerList(before.allowedAccounts, after.allowedAccounts, 'accounts'),
    allowedRegions: (before, after) => longerList(before.allowedRegions, after.allowedRegions, 'Regions'),
    requireStopConditions: (before, after) => before.requireStopConditions && !after.requireStopConditions
        ? 'stop conditions are no longer required'
        : undefined,
    forbiddenActions: (before, after) => {
        const allowed = before.forbiddenActions.filter((pattern) => !after.forbiddenActions.includes(pattern));
        return allowed.length ? `no longer forbidden: ${listOf(allowed)}` : undefined;
    }
};
/** The file's guardrails alone, parsed the way validation reads them. */
const ownGuardrails = (guardrails) => (0,validate_guardrails/* combineGuardrails */.sL)(guardrails, { requireStopConditions: false });
/** The changes between two versions' guardrails, member by member. */
function guardrailChanges(before, after) {
    const [was, is] = [ownGuardrails(before), ownGuardrails(after)];
    return unionKeys(before, after).flatMap((member) => {
        if (sameMeaning(member, was, is))
            return [];
        const why = ownEntry(LOOSENINGS, member)?.(was, is);
        return valueChanges('guardrail', ['guardrails', member], (0,model/* memberOf */.C5)(before, member), (0,model/* memberOf */.C5)(after, member), () => (why ? { why } : undefined));
    });
}

// EXTERNAL MODULE: ./src/hypothesis/definition.ts
var definition = __webpack_require__(4633);
// EXTERNAL MODULE: ./src/hypothesis/describe.ts
var describe = __webpack_require__(4657);
;// CONCATENATED MODULE: ./src/pull-request/hypothesis-changes.ts
/**
 * What changed in the steady-state hypothesis: its checks by name, then its other members.
 * Defaults are applied before checks are judged (buildHypothesis), so writing out a default is
 * no change of meaning, and leaving one out is judged by the default it falls back to.
 *
 * Risky, each with its reason: a check removed, or loosened —
 * - its threshold condition breaches on fewer values (a higher threshold above, a lower one below,
 *   `OrEqual` dropped, or no threshold any more); a change of direction is not judged;
 * - it breaches on fewer runs of periods: every run that breaches its new M of N also breached the
 *   old one (M no smaller, and N no larger or its non-breaching periods no more);
 * - it is judged in fewer phases;
 * - recovery may take longer, or is no longer required;
 * - its baseline comparison allows a larger increase or decrease, or none any more;
 * - a breach no longer aborts the experiment (abortOnBreach).
 */






/** The checks by name, with what each judges once defaults are applied. */
function checksOf(hypothesis) {
    if (!hypothesis)
        return [];
    // buildHypothesis skips the same non-object items, so the two lists stay in step.
    const values = ((0,model/* arrayAt */.RD)(hypothesis, 'checks') ?? []).filter(model/* isObject */.Gv);
    return (0,definition/* buildHypothesis */.Th)(hypothesis).checks.map(({ definition }, index) => [
        definition.name,
        { value: values[index], definition }
    ]);
}
const thresholdCondition = (check) => check.comparisonOperator !== undefined && check.threshold !== undefined
    ? (0,describe/* thresholdWords */.DH)(check.comparisonOperator, check.threshold)
    : undefined;
/** Whether the threshold condition now breaches on fewer values than before. */
function thresholdLoosened(before, after) {
    const [was, is] = [before.comparisonOperator, after.comparisonOperator];
    if (was === undefined || before.threshold === undefined)
        return false;
    if (is === undefined || after.threshold === undefined)
        return true;
    const upwards = was.startsWith('Greater');
    if (upwards !== is.startsWith('Greater'))
        return false;
    if (after.threshold !== before.threshold)
        return upwards ? after.threshold > before.threshold : after.threshold < before.threshold;
    return was.includes('OrEqual') && !is.includes('OrEqual');
}
const threshold = (before, after) => {
    if (!thresholdLoosened(before, after))
        return undefined;
    const [was, is] = [thresholdCondition(before) ?? '', thresholdCondition(after)];
    return is
        ? `looser: it breaches only ${is} (was ${was})`
        : `looser: no threshold any more (was ${was})`;
};
const periods = (before, after) => {
    const [was, is] = [before, after].map((check) => `${check.datapointsToAlarm} of ${check.evaluationPeriods}`);
    const allowedGaps = (check) => check.evaluationPeriods - check.datapointsToAlarm;
    const harder = after.datapointsToAlarm >= before.datapointsToAlarm &&
        (after.evaluationPeriods <= before.evaluationPeriods ||
            allowedGaps(after) <= allowedGaps(before));
    return harder && was !== is
        ? `looser: a breach needs ${is} breaching periods (was ${was})`
        : undefined;
};
const phases = (before, after) => {
    const dropped = before.phases.filter((phase) => !after.phases.includes(phase));
    return dropped.length ? `no longer judged ${listOf(dropped)}` : undefined;
};
const recoverWithin = ({ recoverWithin: was }, { recoverWithin: is }) => {
    if (was === undefined)
        return undefined;
    if (is === undefined)
        return `recovery within ${(0,duration/* formatSeconds */.X)(was)} is no longer required`;
    return is > was
        ? `recovery may take longer: ${(0,duration/* formatSeconds */.X)(was)} → ${(0,duration/* formatSeconds */.X)(is)}`
        : undefined;
};
const baselineComparison = (before, after) => {
    const loosened = ['maxIncreasePercent', 'maxDecreasePercent'].flatMap((limit) => {
        const [was, is] = [before.baselineComparison?.[limit], after.baselineComparison?.[limit]];
        if (was === undefined || (is !== undefined && is <= was))
            return [];
        return [
            `${limit} ${(0,describe/* formatNumber */.ZV)(was)}% → ${is === undefined ? 'none' : `${(0,describe/* formatNumber */.ZV)(is)}%`}`
        ];
    });
    return loosened.length ? `looser baseline comparison: ${loosened.join(', ')}` : undefined;
};
const abortOnBreach = (before, after) => before.abortOnBreach && !after.abortOnBreach
    ? 'a breach no longer stops the experiment'
    : undefined;
/** Which loosening each member of a check can cause. */
const hypothesis_changes_LOOSENINGS = {
    comparisonOperator: threshold,
    threshold,
    datapointsToAlarm: periods,
    evaluationPeriods: periods,
    phases,
    recoverWithin,
    baselineComparison,
    abortOnBreach
};
function changedCheck(keys, label, before, after) {
    return differences(before.value, after.value).flatMap((difference) => {
        const member = difference.keys[0] ?? '';
        if (sameMeaning(member, before.definition, after.definition))
            return [];
        const why = ownEntry(hypothesis_changes_LOOSENINGS, member)?.(before.definition, after.definition);
        return [
            differenceChange('check', keys, `${label} ${pathOf(difference.keys)}`, difference, why ? { why } : undefined)
        ];
    });
}
function checkChanges(pair) {
    const keys = ['hypothesis', 'checks', pair.key];
    const label = `check ${compact(pair.key)}`;
    return elementChanges(pair, {
        subject: 'check',
        keys,
        label,
        removedRisk: () => ({ why: `the hypothesis no longer judges ${compact(pair.key)}` }),
        changed: (before, after) => changedCheck(keys, label, before, after)
    });
}
/** The changes between two hypotheses; a side without one has no checks. */
function hypothesisChanges(before, after) {
    return [
        ...pairByKey(checksOf(before), checksOf(after)).flatMap(checkChanges),
        ...unionKeys(before, after)
            .filter((member) => member !== 'checks')
            .flatMap((member) => valueChanges('hypothesis', ['hypothesis', member], (0,model/* memberOf */.C5)(before, member), (0,model/* memberOf */.C5)(after, member)))
    ];
}

// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog = __webpack_require__(7008);
// EXTERNAL MODULE: ./src/experiment/timeline.ts
var timeline = __webpack_require__(8924);
// EXTERNAL MODULE: ./src/validate/kubernetes-spec.ts
var kubernetes_spec = __webpack_require__(5406);
// EXTERNAL MODULE: ./src/validate/template-rules.ts + 1 modules
var template_rules = __webpack_require__(9290);
;// CONCATENATED MODULE: ./src/pull-request/template-changes.ts
/**
 * What changed in an FIS template, element by element: actions and targets by name, stop
 * conditions by what they watch, the estimated duration, then the template's other members.
 *
 * Risky, each with its reason:
 * - a new destructive action, or an action whose id changes to a destructive one (the catalog's
 *   destructiveVerbs: terminate, reboot, stop, …);
 * - an action's duration parameter longer; the estimated duration (longest startAfter path) longer;
 * - a wider selection: COUNT(n) to a larger count, PERCENT(n) to a larger percentage, anything to
 *   ALL. COUNT against PERCENT cannot be compared offline and is not flagged;
 * - a pool of resources that can only be larger: resource ARNs only added, resource tags or
 *   filters only removed (a change of selection method is not judged);
 * - a stop condition removed;
 * - experimentOptions.accountTargeting becoming multi-account.
 */








const template_changes_elements = (template, member) => (0,model/* entriesOf */.Mc)((0,model/* objectAt */.lJ)(template, member)).filter((entry) => (0,model/* isObject */.Gv)(entry[1]));
function destructiveRisk(actionId) {
    const verb = actionId === undefined ? undefined : (0,catalog/* destructiveVerb */.qH)(actionId);
    return verb ? { why: `${compact(actionId ?? '')} is destructive (${verb})` } : undefined;
}
/** Parameters FIS takes as JSON in a string (kubernetesSpec, documentParameters) compare as JSON. */
function asJson(value) {
    if (typeof value !== 'string' || !value.startsWith('{') || value.length > kubernetes_spec/* PARAMETER_MAX_LENGTH */.W3)
        return value;
    try {
        const parsed = JSON.parse(value);
        return (0,model/* isObject */.Gv)(parsed) ? parsed : value;
    }
    catch {
        return value;
    }
}
function comparableAction(action) {
    const parameters = (0,model/* objectAt */.lJ)(action, 'parameters');
    if (!parameters)
        return action;
    return {
        ...action,
        parameters: Object.fromEntries((0,model/* entriesOf */.Mc)(parameters).map(([name, value]) => [name, asJson(value)]))
    };
}
function longerDurationRisk(difference, afterId) {
    const [member, parameter] = difference.keys;
    const durationParameter = (0,catalog/* findAction */.Oi)(afterId ?? '')?.durationParameter;
    if (member !== 'parameters' || parameter === undefined || parameter !== durationParameter)
        return undefined;
    const seconds = (value) => typeof value === 'string' ? (0,duration/* parseDuration */.E)(value) : undefined;
    const [before, after] = [seconds(difference.before), seconds(difference.after)];
    return before !== undefined && after !== undefined && after > before
        ? { why: `the fault lasts longer: ${(0,duration/* formatSeconds */.X)(before)} → ${(0,duration/* formatSeconds */.X)(after)}` }
        : undefined;
}
function changedAction(name, before, after) {
    const afterId = (0,model/* stringAt */.bX)(after, 'actionId');
    return differences(comparableAction(before), comparableAction(after)).map((difference) => {
        const [member, ...rest] = difference.keys;
        const label = member === 'parameters'
            ? `${compact(name)}.${pathOf(rest)}`
            : `action ${compact(name)} ${pathOf(difference.keys)}`;
        const risk = member === 'actionId' && difference.after !== undefined
            ? destructiveRisk(afterId)
            : longerDurationRisk(difference, afterId);
        return differenceChange('action', ['actions', name], label, difference, risk);
    });
}
function actionSummary(action) {
    const targets = (0,model/* entriesOf */.Mc)((0,model/* objectAt */.lJ)(action, 'targets')).map(([, target]) => target);
    const actionId = (0,model/* stringAt */.bX)(action, 'actionId');
    return `${actionId === undefined ? 'no actionId' : compact(actionId)}${targets.length ? ` on ${listOf(targets)}` : ''}`;
}
function actionChanges(pair) {
    const name = pair.key;
    return elementChanges(pair, {
        subject: 'action',
        keys: ['actions', name],
        label: `action ${compact(name)}`,
        summary: actionSummary,
        addedRisk: (action) => destructiveRisk((0,model/* stringAt */.bX)(action, 'actionId')),
        changed: (before, after) => changedAction(name, before, after)
    });
}
const COUNT = /^COUNT\((\d+)\)$/;
/** COUNT(n) to more, PERCENT(n) to more, anything to ALL; COUNT against PERCENT is unknown offline. */
function widerSelection(before, after) {
    const [percentBefore, percentAfter] = [(0,template_rules/* selectionPercent */.S)(before), (0,template_rules/* selectionPercent */.S)(after)];
    if (percentAfter === 100)
        return percentBefore !== 100;
    if (percentBefore !== undefined && percentAfter !== undefined)
        return percentAfter > percentBefore;
    const [countBefore, countAfter] = [COUNT.exec(before)?.[1], COUNT.exec(after)?.[1]];
    return (countBefore !== undefined &&
        countAfter !== undefined &&
        Number(countAfter) > Number(countBefore));
}
/** Whether a member that narrows the pool of resources now certainly lets more through. */
const POOL_WIDENING = {
    resourceArns: {
        wider: (before, after) => Array.isArray(before) &&
            Array.isArray(after) &&
            itemChanges(before, after).removed.length === 0,
        why: 'more resources named: it targets resources it did not before'
    },
    resourceTags: {
        wider: (before, after) => (0,model/* isObject */.Gv)(before) &&
            (0,model/* isObject */.Gv)(after) &&
            (0,model/* entriesOf */.Mc)(after).every(([tag, value]) => (0,model/* memberOf */.C5)(before, tag) === value),
        why: 'fewer resource tags: the target can match more resources'
    },
    filters: {
        wider: (before, after) => Array.isArray(before) &&
            (after === undefined ||
                (Array.isArray(after) && itemChanges(before, after).added.length === 0)),
        why: 'fewer filters: the target can match more resources'
    }
};
function targetRisk(difference, before, after) {
    const member = difference.keys[0] ?? '';
    const { before: was, after: is } = difference;
    if (member === 'selectionMode')
        return typeof was === 'string' && typeof is === 'string' && widerSelection(was, is)
            ? { why: `selects more resources: ${compact(was)} → ${compact(is)}` }
            : undefined;
    const pool = ownEntry(POOL_WIDENING, member);
    return pool?.wider((0,model/* memberOf */.C5)(before, member), (0,model/* memberOf */.C5)(after, member))
        ? { why: pool.why }
        : undefined;
}
function targetSummary(target) {
    const part = (member) => {
        const value = (0,model/* stringAt */.bX)(target, member);
        return value === undefined ? [] : [compact(value)];
    };
    return [...part('resourceType'), ...part('selectionMode')].join(', ') || 'no resource type';
}
function targetChanges(pair) {
    const name = pair.key;
    const keys = ['targets', name];
    return elementChanges(pair, {
        subject: 'target',
        keys,
        label: `target ${compact(name)}`,
        summary: targetSummary,
        changed: (before, after) => differences(before, after).map((difference) => differenceChange('target', keys, `target ${compact(name)} ${pathOf(difference.keys)}`, difference, targetRisk(difference, before, after)))
    });
}
function stopConditions(template) {
    return ((0,model/* arrayAt */.RD)(template, 'stopConditions') ?? []).filter(model/* isObject */.Gv).map((condition) => {
        const source = (0,model/* stringAt */.bX)(condition, 'source') ?? '';
        const value = (0,model/* stringAt */.bX)(condition, 'value');
        const alarm = value?.includes(':alarm:') ? value.slice(value.indexOf(':alarm:') + 7) : value;
        return [
            value ?? source,
            {
                label: compact(alarm ?? source),
                isAlarm: source === 'aws:cloudwatch:alarm',
                value: condition
            }
        ];
    });
}
function stopConditionChanges(before, after) {
    const remainingAlarms = stopConditions(after).filter(([, condition]) => condition.isAlarm).length;
    return pairByKey(stopConditions(before), stopConditions(after)).flatMap((pair) => {
        const keys = ['stopConditions', pair.key];
        const label = `stop condition ${(pair.after ?? pair.before)?.label ?? ''}`;
        return elementChanges(pair, {
            subject: 'stop condition',
            keys,
            label,
            removedRisk: ({ isAlarm, label: alarm }) => isAlarm
                ? {
                    why: remainingAlarms
                        ? `the experiment no longer stops when ${alarm} fires`
                        : 'no alarm stops the experiment any more'
                }
                : undefined,
            changed: (was, is) => differences(was.value, is.value).map((difference) => differenceChange('stop condition', keys, `${label} ${pathOf(difference.keys)}`, difference))
        });
    });
}
const estimateWords = (seconds) => seconds === 'unknown' ? 'unknown (startAfter cycle)' : (0,duration/* formatSeconds */.X)(seconds);
function durationChanges(before, after) {
    // Unknown when startAfter has a cycle; undefined when there is no template.
    const [was, is] = [before, after].map((template) => template ? ((0,timeline/* planTimeline */.HF)(template).estimatedDuration ?? 'unknown') : undefined);
    if (was === is)
        return [];
    const keys = ['estimatedDuration'];
    if (was === undefined || is === undefined) {
        const [kind, shown] = was === undefined ? ['added', is] : ['removed', was];
        return [
            describedChange('duration', keys, kind, `estimated duration ${kind}: ${estimateWords(shown ?? 'unknown')}`)
        ];
    }
    const words = `estimated duration: ${estimateWords(was)} → ${estimateWords(is)}`;
    return [
        describedChange('duration', keys, 'changed', words, {
            before: estimateWords(was),
            after: estimateWords(is),
            risk: is !== 'unknown' && was !== 'unknown' && is > was
                ? { why: `the experiment runs longer: ${(0,duration/* formatSeconds */.X)(was)} → ${(0,duration/* formatSeconds */.X)(is)}` }
                : undefined
        })
    ];
}
const MEMBER_SUBJECTS = {
    experimentOptions: 'experiment options',
    roleArn: 'role',
    logConfiguration: 'log configuration'
};
/** Compared element by element above, or not what the experiment does. */
const NOT_MEMBERS = new Set(['actions', 'targets', 'stopConditions', '$schema', 'clientToken']);
function multiAccountRisk(before, after) {
    const targeting = (template) => (0,model/* stringAt */.bX)((0,model/* objectAt */.lJ)(template, 'experimentOptions'), 'accountTargeting');
    return targeting(after) === 'multi-account' && targeting(before) !== 'multi-account'
        ? { why: 'it now targets resources in other accounts too' }
        : undefined;
}
function memberChanges(before, after) {
    const multiAccount = multiAccountRisk(before, after);
    // The whole experimentOptions added or removed, or its accountTargeting changed.
    const aboutAccounts = ({ keys }) => keys.length === 0 || keys[0] === 'accountTargeting';
    return unionKeys(before, after)
        .filter((member) => !NOT_MEMBERS.has(member))
        .flatMap((member) => valueChanges(ownEntry(MEMBER_SUBJECTS, member) ?? 'experiment', [member], (0,model/* memberOf */.C5)(before, member), (0,model/* memberOf */.C5)(after, member), (difference) => member === 'experimentOptions' && aboutAccounts(difference) ? multiAccount : undefined));
}
/** The changes between two templates; a side without a template (a templateId file) has none. */
function templateChanges(before, after) {
    return [
        ...pairByKey(template_changes_elements(before, 'actions'), template_changes_elements(after, 'actions')).flatMap(actionChanges),
        ...pairByKey(template_changes_elements(before, 'targets'), template_changes_elements(after, 'targets')).flatMap(targetChanges),
        ...stopConditionChanges(before, after),
        ...durationChanges(before, after),
        ...memberChanges(before, after)
    ];
}

;// CONCATENATED MODULE: ./src/pull-request/semantic-diff.ts
/**
 * The semantic diff of one experiment file for the pull-request comment: what the pull request
 * changes in what the experiment does, in words a reviewer can approve, with the risky changes
 * marked. The two versions are compared as written (placeholders unsubstituted, so a changed
 * `vars` entry is one change, not one per value that uses it). Pure: versions in, changes out.
 *
 * The changes come in a fixed order: the file itself, actions, targets, stop conditions, the
 * estimated duration, the template's other members, the hypothesis checks and members, the
 * guardrails, the vars, then the gate file's templateId and name. Within each, the head's order,
 * then what only the base had. The risk rules are at the top of each section's module.
 */






/** A reason quoted in a change stays one line, however long the finding. */
const oneLine = (reason) => (0,excerpt/* excerpt */.Kb)(reason.replace(/\s+/g, ' '), 300);
/**
 * The version the loader read: absent when the file does not exist, unparseable when the loader
 * found anything wrong with the file itself (its findings are the reason).
 */
function experimentVersion(load) {
    const [failure] = load.findings;
    if (failure?.rule === 'file/not-found')
        return { state: 'absent' };
    if (failure || !load.source) {
        // The file is named: a finding may be in the templateFile rather than the file itself.
        const where = failure && failure.line > 0 ? ` (${failure.file}:${failure.line}:${failure.column})` : '';
        return {
            state: 'unparseable',
            reason: `${failure?.message ?? 'nothing could be loaded'}${where}`
        };
    }
    const { source } = load;
    const gate = source.shape === 'gate';
    return {
        state: 'present',
        content: {
            template: source.template?.value,
            ...(gate
                ? {
                    templateId: source.templateId,
                    name: (0,model/* stringAt */.bX)(source.root, 'name'),
                    vars: (0,model/* objectAt */.lJ)(source.root, 'vars'),
                    hypothesis: (0,model/* objectAt */.lJ)(source.root, 'hypothesis'),
                    guardrails: (0,model/* objectAt */.lJ)(source.root, 'guardrails')
                }
                : {})
        }
    };
}
function contentChanges(before, after) {
    return [
        ...templateChanges(before.template, after.template),
        ...hypothesisChanges(before.hypothesis, after.hypothesis),
        ...guardrailChanges(before.guardrails, after.guardrails),
        ...valueChanges('var', ['vars'], before.vars ?? {}, after.vars ?? {}),
        ...valueChanges('experiment', ['templateId'], before.templateId, after.templateId),
        ...valueChanges('experiment', ['name'], before.name, after.name)
    ];
}
const fileChange = (kind, words) => describedChange('file', [], kind, words);
/**
 * The changes from `base` (the file at the pull request's base commit) to `head`. A new file
 * lists everything in it as added; a deleted file is one change; a version that cannot be read
 * says so (an unreadable base is compared as if the file were new).
 */
function diffExperiment(base, head) {
    if (head.state === 'unparseable') {
        return [
            fileChange('changed', `this version cannot be read as an experiment, so it is not compared: ${oneLine(head.reason)}`)
        ];
    }
    if (head.state === 'absent')
        return base.state === 'absent' ? [] : [fileChange('removed', 'experiment file deleted')];
    if (base.state === 'present')
        return contentChanges(base.content, head.content);
    const note = base.state === 'absent'
        ? fileChange('added', 'new experiment file')
        : fileChange('changed', `the base version cannot be read as an experiment, so everything here is listed as added: ${oneLine(base.reason)}`);
    return [note, ...contentChanges({}, head.content)];
}

;// CONCATENATED MODULE: ./src/pull-request/base-version.ts
/**
 * An experiment file as it was at a commit (the pull request's base), read with local git like
 * changed-only: no network and no shell, each git command bounded in time and output, the path
 * confined to the workspace. The file is loaded by the same loader as the head version (its
 * templateFile read at the same commit), so both sides of the semantic diff mean the same thing.
 * "Not in that commit" is an answer of its own; git failing is another.
 */







/** Only an object id: a name such as `--output=x` or `HEAD:path` never reaches git. */
const COMMIT_ID = /^[0-9a-f]{4,64}$/i;
/** One tree entry is listed; a few kilobytes is plenty even for a long path. */
const LISTING_LIMITS = { timeoutMs: 30_000, maxBytes: 64 * 1024 };
const CONTENT_LIMITS = { timeoutMs: 30_000, maxBytes: read_file/* MAX_FILE_BYTES */.gZ + 1 };
/** The entry of `git ls-tree -z -l` output for exactly `path` (`<mode> <type> <id> <size>\t<path>`). */
function entryFor(listing, path) {
    for (const record of listing.toString('utf8').split('\0')) {
        const match = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([^]*)$/.exec(record);
        if (match && match[5] === path) {
            const [, mode = '', type = '', object = '', size = '-'] = match;
            return { mode, type, object, size: size === '-' ? undefined : Number(size) };
        }
    }
    return undefined;
}
function entryFailure(path, entry, commit) {
    const at = `at commit ${commit.slice(0, 12)}`;
    if (entry.type === 'tree')
        return { rule: 'file/not-a-file', message: `${path} is a directory ${at}` };
    if (entry.mode === '120000')
        return {
            rule: 'file/not-a-file',
            message: `${path} is a symbolic link ${at}; fis-gate reads only regular files from a commit`
        };
    if (entry.type !== 'blob')
        return { rule: 'file/not-a-file', message: `${path} is not a regular file ${at}` };
    return (entry.size ?? 0) > read_file/* MAX_FILE_BYTES */.gZ ? (0,read_file/* tooLargeFailure */["in"])(path, entry.size ?? 0) : undefined;
}
/** The content of `absolutePath` (inside `workspace`) at `commit`, a commit id. */
async function readFileAtCommit(workspace, commit, absolutePath) {
    if (!COMMIT_ID.test(commit))
        return { gitFailed: `${(0,excerpt/* quote */.hD)(commit)} is not a commit id` };
    const root = (0,external_node_path_.resolve)(workspace);
    if (!(0,experiment_workspace/* isInside */.FK)(root, (0,external_node_path_.resolve)(absolutePath)))
        return {
            failure: { rule: 'file/outside-workspace', message: (0,experiment_workspace/* outsideMessage */.f2)(absolutePath, root) }
        };
    // ls-tree takes paths relative to its working directory, and so prints them.
    const path = (0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(absolutePath)).split(external_node_path_.sep).join('/');
    if (path === '')
        return { failure: { rule: 'file/not-a-file', message: `${absolutePath} is the workspace` } };
    try {
        const listing = await (0,changed_files/* runGit */.EO)(root, ['--literal-pathspecs', 'ls-tree', '-z', '-l', commit, '--', path], LISTING_LIMITS);
        const entry = entryFor(listing, path);
        if (!entry)
            return { absent: true };
        const failure = entryFailure(absolutePath, entry, commit);
        if (failure)
            return { failure };
        const bytes = await (0,changed_files/* runGit */.EO)(root, ['cat-file', 'blob', entry.object], CONTENT_LIMITS);
        return (0,read_file/* decodeExperimentText */.$Q)(absolutePath, bytes);
    }
    catch (error) {
        if (error instanceof changed_files/* GitError */.XS)
            return { gitFailed: `git cannot read commit ${commit.slice(0, 12)}: ${error.message}` };
        throw error;
    }
}
/** What the loader is told about a path that is not in the commit. */
const notAtCommit = (path, commit) => ({
    failure: {
        rule: 'file/not-found',
        message: `${path} does not exist at commit ${commit.slice(0, 12)}`
    }
});
/**
 * The experiment file as it was at `commit`, loaded like the head version. The loader asks for
 * the file, then for its templateFile: whatever it asked for that was not read yet is read at
 * the commit and the file is loaded again, so it is loaded at most twice.
 */
async function experimentAtCommit(workspace, commit, absolutePath) {
    const reads = new Map();
    let wanted = [absolutePath];
    for (;;) {
        for (const path of wanted) {
            const file = await readFileAtCommit(workspace, commit, path);
            if ('gitFailed' in file)
                return { state: 'git-failed', reason: file.gitFailed };
            reads.set(path, 'absent' in file ? notAtCommit(path, commit) : file);
        }
        wanted = [];
        const readAtCommit = (path) => {
            const read = reads.get(path);
            if (read)
                return read;
            wanted.push(path);
            return { failure: { rule: 'file/unreadable', message: `${path} is read at the commit next` } };
        };
        const loaded = (0,load/* loadExperiment */.M)(absolutePath, workspace, readAtCommit);
        if (!wanted.length)
            return experimentVersion(loaded);
    }
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/run-summary.ts + 2 modules
var run_summary = __webpack_require__(3993);
;// CONCATENATED MODULE: ./src/pull-request/comment-body.ts
/**
 * The pull-request comment, as Markdown from plain data: the verdict first, then one section per
 * experiment file the pull request changed, with its validation result linked to the lines at the
 * head commit, what plan resolved or what the run concluded, and the semantic diff against the
 * base, risky changes first and marked. It stays under GitHub's 65,536-character body limit:
 * files that do not fit are counted and left to the job summary.
 */



/** GitHub refuses a comment body over 65,536 characters; this leaves room for the closing note. */
const COMMENT_LIMIT = 65_536;
const FILE_BUDGET = COMMENT_LIMIT - 4_096;
/** Findings and changes listed per file; the rest are counted. */
const ITEMS_PER_FILE = 25;
const linked = (label, url) => url === undefined ? label : (0,markdown/* link */.nf)(label, url);
/** Comment text: escaped Markdown that also cannot mention (and so notify) anyone. */
const comment_body_text = (value) => (0,markdown/* escapeMarkdown */.FV)(value).replace(/@/g, '@\u2060');
function validationLines(entry, input) {
    if (entry.change === 'deleted')
        return [];
    const errors = entry.findings.filter((finding) => finding.severity === 'error').length;
    const warnings = entry.findings.filter((finding) => finding.severity === 'warning').length;
    const head = errors > 0
        ? `❌ **${(0,describe/* plural */.LS)(errors, 'error')}**${warnings ? `, ${(0,describe/* plural */.LS)(warnings, 'warning')}` : ''}`
        : warnings
            ? `⚠️ valid, ${(0,describe/* plural */.LS)(warnings, 'warning')}`
            : '✅ valid';
    const ordered = [...entry.findings].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
    const listed = ordered.slice(0, ITEMS_PER_FILE).map((finding) => {
        const icon = finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️';
        const url = finding.line > 0 ? input.fileUrl(finding.file, finding.line) : undefined;
        const where = finding.line > 0 ? linked(`line ${finding.line}`, url) : 'file';
        return `- ${icon} ${where} ${(0,markdown/* code */.aY)(finding.rule)}: ${comment_body_text(finding.message)}`;
    });
    const more = ordered.length - listed.length;
    return [
        `**Validation:** ${head}`,
        ...listed,
        ...(more > 0 ? [`- … and ${(0,describe/* plural */.LS)(more, 'more finding')} in the job summary`] : [])
    ];
}
function runLines(run) {
    if (!run)
        return [];
    const lines = [
        `**${run.mode === 'plan' ? 'Plan' : 'Run'}:** ${run_summary/* VERDICT_ICON */.Y[run.verdict]} \`${run.verdict}\` — ${comment_body_text(run.reason)}`
    ];
    if (run.mode === 'plan' && run.resolvedTargets?.length) {
        const shown = run.resolvedTargets.slice(0, ITEMS_PER_FILE);
        lines.push(...shown.map((resource) => `- ${(0,markdown/* code */.aY)(resource.targetName)} → ${(0,markdown/* code */.aY)(resource.resourceType)} ${(0,markdown/* code */.aY)(resource.identifier)}`));
        const more = run.resolvedTargets.length - shown.length;
        if (more > 0)
            lines.push(`- … and ${(0,describe/* plural */.LS)(more, 'more resource')}`);
    }
    for (const check of run.hypothesis?.checks ?? []) {
        const icon = check.status === 'pass' ? '✅' : check.status === 'breach' ? '❌' : '❔';
        lines.push(`- ${icon} check ${comment_body_text(check.name)}: ${check.status}`);
    }
    return lines;
}
function diffLines(entry) {
    if (entry.change === 'deleted' && Array.isArray(entry.diff) && entry.diff.length <= 1)
        return ['**Changes:** the experiment file is deleted'];
    if (!Array.isArray(entry.diff))
        return [
            `**Changes against the base:** not available (${comment_body_text(entry.diff.unavailable)})`
        ];
    const changes = entry.diff;
    if (changes.length === 0)
        return ['**Changes against the base:** none that change what runs'];
    const risky = changes.filter((change) => change.risk);
    const ordered = [...risky, ...changes.filter((change) => !change.risk)];
    const listed = ordered
        .slice(0, ITEMS_PER_FILE)
        .map((change) => change.risk
        ? `- ⚠️ **${comment_body_text(change.words)}** — ${comment_body_text(change.risk.why)}`
        : `- ${comment_body_text(change.words)}`);
    const more = ordered.length - listed.length;
    return [
        `**Changes against the base** (${(0,describe/* plural */.LS)(changes.length, 'change')}${risky.length ? `, ${risky.length} risky` : ''}):`,
        ...listed,
        ...(more > 0 ? [`- … and ${(0,describe/* plural */.LS)(more, 'more change')}`] : [])
    ];
}
function isRisky(entry) {
    return Array.isArray(entry.diff) && entry.diff.some((change) => change.risk);
}
function fileSection(entry, input) {
    const errors = entry.findings.some((finding) => finding.severity === 'error');
    const icon = errors
        ? '❌'
        : entry.run
            ? run_summary/* VERDICT_ICON */.Y[entry.run.verdict]
            : isRisky(entry)
                ? '⚠️'
                : '✅';
    const title = entry.change === 'deleted'
        ? (0,markdown/* code */.aY)(entry.file)
        : linked((0,markdown/* code */.aY)(entry.file), input.fileUrl(entry.file));
    return [
        `### ${icon} ${title} — ${entry.change}`,
        '',
        ...validationLines(entry, input),
        ...runLines(entry.run),
        ...diffLines(entry),
        ''
    ].join('\n');
}
/** Worst first: errors, then failed runs, then risky changes, then the rest in file order. */
function rank(entry) {
    if (entry.findings.some((finding) => finding.severity === 'error'))
        return 0;
    if (entry.run && entry.run.verdict !== 'pass')
        return 1;
    return isRisky(entry) ? 2 : 3;
}
function renderComment(input) {
    const risky = input.files.filter(isRisky).length;
    const headline = [
        input.marker,
        `## ${run_summary/* VERDICT_ICON */.Y[input.verdict]} fis-gate ${input.mode}: ${input.verdict} — ${(0,describe/* plural */.LS)(input.files.length, 'changed experiment file')}${risky ? `, ${risky} with risky changes` : ''}`,
        '',
        `<sub>At ${(0,markdown/* code */.aY)(input.headSha.slice(0, 12))} · ${(0,markdown/* link */.nf)('workflow run and job summary', input.runUrl)}</sub>`,
        ''
    ];
    if (input.files.length === 0)
        headline.push('This pull request changes no experiment file that this job checks.', '');
    let room = FILE_BUDGET - headline.join('\n').length;
    const sections = [];
    let omitted = 0;
    // Worst first, and once one does not fit none after it is shown: a clean file never takes the
    // place of one with errors.
    for (const entry of [...input.files].sort((a, b) => rank(a) - rank(b))) {
        const section = fileSection(entry, input);
        if (omitted || section.length > room) {
            omitted++;
            continue;
        }
        room -= section.length;
        sections.push(section);
    }
    const note = omitted
        ? [
            `**${(0,describe/* plural */.LS)(omitted, 'more file')} not shown** to keep this comment under GitHub's limit: see the ${(0,markdown/* link */.nf)('job summary', input.runUrl)}.`
        ]
        : [];
    return [...headline, ...sections, ...note].join('\n');
}

;// CONCATENATED MODULE: ./src/pull-request/publish-comment.ts
/** The line that identifies this job's comment: the workflow and the job, never the run. */
function commentMarker(workflow, job) {
    const safe = (value) => value.replace(/--+|[<>\n\r]/g, ' ').slice(0, 100);
    return `<!-- fis-gate comment: workflow=${safe(workflow)} job=${safe(job)} -->`;
}
const WRITE = 'pull-requests: write';
const READ = 'pull-requests: read';
const PAGE = 100;
/** A conversation with more comments than this is searched only this far. */
const MAX_PAGES = 50;
async function existingComment(api, pull, marker) {
    for (let page = 1; page <= MAX_PAGES; page++) {
        const comments = await api.send({ what: `list the comments of pull request #${pull.number}`, permission: READ }, (github, options) => github.rest.issues.listComments({
            owner: pull.owner,
            repo: pull.repo,
            issue_number: pull.number,
            per_page: PAGE,
            page,
            ...options
        }));
        const mine = comments.find((comment) => comment.body?.split('\n', 1)[0] === marker);
        if (mine)
            return mine.id;
        if (comments.length < PAGE)
            return undefined;
    }
    return undefined;
}
/** Creates or updates this job's comment; which it did. Throws GitHubApiError. */
async function publishComment(api, pull, marker, body) {
    const id = await existingComment(api, pull, marker);
    if (id === undefined) {
        await api.send({ what: `comment on pull request #${pull.number}`, permission: WRITE }, (github, options) => github.rest.issues.createComment({
            owner: pull.owner,
            repo: pull.repo,
            issue_number: pull.number,
            body,
            ...options
        }));
        return 'created';
    }
    await api.send({ what: `update comment ${id} on pull request #${pull.number}`, permission: WRITE }, (github, options) => github.rest.issues.updateComment({
        owner: pull.owner,
        repo: pull.repo,
        comment_id: id,
        body,
        ...options
    }));
    return 'updated';
}

;// CONCATENATED MODULE: ./src/pull-request/pull-request-comment.ts
/**
 * On `pull_request` events: the comment for the experiment files the pull request changed, with
 * the semantic diff against the base commit read with local git. The comment is a courtesy: no
 * token, a read-only fork token, an API that refuses or a base commit missing from the checkout
 * each give a notice, and the check's verdict is never changed by it.
 */










/** A `pull_request` event (never `pull_request_target`) with its number and repository. */
function pullRequestEvent(env) {
    const range = env.GITHUB_EVENT_NAME === 'pull_request' ? (0,changed_files/* pullRequestRange */.Mt)(env) : undefined;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!range || range.number === undefined || !owner || !repo)
        return undefined;
    return { owner, repo, number: range.number, base: range.base, head: range.head };
}
/** Workspace-relative paths the pull request changed, with how; renames as a delete and an add. */
async function changedPaths(workspace, event) {
    const listing = await (0,changed_files/* runGit */.EO)(workspace, ['diff', '--name-status', '--no-renames', '-z', `${event.base}...${event.head}`], changed_files/* DIFF_LIMITS */.HO);
    const fields = listing.toString('utf8').split('\0');
    const paths = new Map();
    for (let index = 0; index + 1 < fields.length; index += 2) {
        const status = fields[index] ?? '';
        const path = fields[index + 1] ?? '';
        paths.set(path, status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified');
    }
    return paths;
}
const toRelative = (workspace, absolutePath) => (0,external_node_path_.relative)((0,external_node_path_.resolve)(workspace), absolutePath).split(external_node_path_.sep).join('/');
/** The files to report on, each with its diff against the base. */
async function commentedFiles(workspace, event, result) {
    let changed;
    try {
        changed = await changedPaths(workspace, event);
    }
    catch (error) {
        if (!(error instanceof changed_files/* GitError */.XS))
            throw error;
        changed = {
            unavailable: `the base commit ${event.base.slice(0, 12)} is not in the checkout (${error.message}); check out with fetch-depth: 0`
        };
    }
    const findingsOf = (file) => result.findings.filter((finding) => finding.file === file);
    const runOf = (file) => result.runs.find((run) => run.file === file);
    const headFiles = new Map();
    for (const experiment of result.experiments)
        headFiles.set(toRelative(workspace, experiment.source.absolutePath), experiment.source.absolutePath);
    // Files that did not load have findings only.
    for (const finding of result.findings)
        if (!headFiles.has(finding.file))
            headFiles.set(finding.file, (0,external_node_path_.resolve)(workspace, finding.file));
    const entries = [];
    if (!(changed instanceof Map)) {
        for (const file of headFiles.keys())
            entries.push({
                file,
                change: 'modified',
                findings: findingsOf(file),
                diff: changed,
                run: runOf(file)
            });
        return entries;
    }
    for (const [file, absolutePath] of headFiles) {
        const change = changed.get(file);
        if (!change)
            continue;
        const base = await experimentAtCommit(workspace, event.base, absolutePath);
        const head = experimentVersion((0,load/* loadExperiment */.M)(absolutePath, workspace));
        entries.push({
            file,
            change,
            findings: findingsOf(file),
            diff: base.state === 'git-failed' ? { unavailable: base.reason } : diffExperiment(base, head),
            run: runOf(file)
        });
    }
    for (const [file, change] of changed) {
        if (change !== 'deleted' || !file.endsWith('.json'))
            continue;
        const base = await experimentAtCommit(workspace, event.base, (0,external_node_path_.resolve)(workspace, file));
        // A deleted JSON file that was an experiment file at the base.
        if (base.state !== 'present')
            continue;
        entries.push({ file, change, findings: [], diff: diffExperiment(base, { state: 'absent' }) });
    }
    return entries;
}
async function commentOnPullRequest(io, inputs, env, result, cancellation) {
    const event = inputs.prComment ? pullRequestEvent(env) : undefined;
    if (!event)
        return;
    const notice = (message) => io.annotate({ severity: 'notice', title: 'fis-gate pull-request comment', message });
    if (!inputs.githubToken) {
        notice('No github-token, so no pull-request comment; the verdict is unaffected');
        return;
    }
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const head = { server, repository: `${event.owner}/${event.repo}`, commit: event.head };
    const marker = commentMarker(env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '');
    try {
        const body = renderComment({
            marker,
            mode: result.mode,
            verdict: result.verdict,
            headSha: event.head,
            files: await commentedFiles(workspace, event, result),
            fileUrl: (file, line) => (0,file_links/* blobUrl */.b0)(head, file, line),
            runUrl: `${server.replace(/\/+$/, '')}/${head.repository}/actions/runs/${encodeURIComponent(env.GITHUB_RUN_ID ?? '')}`
        });
        const api = (0,github_api/* createGitHubApi */._j)({
            token: inputs.githubToken,
            baseUrl: env.GITHUB_API_URL,
            clock: context/* systemClock */.m,
            random: Math.random,
            cancellation
        });
        const outcome = await publishComment(api, event, marker, body);
        io.info(`fis-gate: pull-request comment ${outcome} on #${event.number}`);
    }
    catch (error) {
        notice(`The pull-request comment was not posted: ${error instanceof Error ? error.message : String(error)}; the verdict is unaffected`);
    }
}


/***/ })

};

//# sourceMappingURL=740.index.js.map