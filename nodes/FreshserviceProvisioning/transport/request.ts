import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { ConnectionSettingError } from './connection';
import { apiError, cancelledError, connectionError, faultInWords, retryAfterTooLong, waitedTooLongError } from './failures';
import type { AnswerHeaders } from './headers';
import { rateLimitHeaders } from './headers';
import type { Permit, RequestKind } from './rateLimitTypes';
import { Attempts, findCause, networkCode, NOT_SENT_CODES, RETRY_POLICY, RETRYABLE_STATUS, retryBudgetMs, timedOut, TRANSIENT_CODES } from './retryPolicy';
import type { FreshserviceSession } from './session';

export { headerValue } from './headers';
export { RETRY_POLICY } from './retryPolicy';

export const CREDENTIAL_TYPE = 'freshserviceProvisioningApi';

export type FreshserviceContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface FreshserviceRequest {
	method: IHttpRequestMethods;
	/** Relative to the API root, e.g. `/requesters/21000418006`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** What the user asked for, for error messages: "create the requester". */
	action: string;
	itemIndex?: number;
	/**
	 * Whether sending the request twice is harmless. Creates are not: a create is retried only
	 * when Freshservice certainly did not process it (429, connection refused).
	 */
	idempotent?: boolean;
	/** The logical request this send belongs to (a create and the lookups after it): shares its budget and its waits. */
	attempts?: Attempts;
}

export interface FreshserviceResponse<T> {
	statusCode: number;
	headers: AnswerHeaders;
	body: T;
}

/** How long a waiting request sleeps at most before it looks at the limiter again. */
const IDLE_WAIT_MS = 1000;

/** Listing requesters and listing agents each have their own, lower limit. */
function requestKind(request: FreshserviceRequest): RequestKind {
	if (request.method !== 'GET') return 'call';
	if (/^\/requesters\/?$/.test(request.path)) return 'listRequesters';
	if (/^\/agents\/?$/.test(request.path)) return 'listAgents';
	return 'call';
}

export type FreshserviceOutcome<T> =
	| { ok: true; response: FreshserviceResponse<T> }
	| { ok: false; error: NodeApiError | NodeOperationError; statusCode?: number; outcomeUnknown: boolean };

type Failure = Extract<FreshserviceOutcome<never>, { ok: false }>;

export function executionCancelSignal(context: FreshserviceContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/** Sleeps until `waitMs` has passed, the execution is cancelled, or (with `wake`) the limiter hears an answer. */
async function pause(session: FreshserviceSession, waitMs: number, wake: boolean): Promise<void> {
	const cancel = executionCancelSignal(session.context);
	const stop = new AbortController();
	const abort = () => stop.abort();
	cancel?.addEventListener('abort', abort, { once: true });
	try {
		const sleeping = sleep(Math.min(waitMs, RETRY_POLICY.maxWaitSeconds * 1000), stop.signal).catch(() => undefined);
		await (wake ? Promise.race([session.limiter.nextAnswer(), sleeping]) : sleeping);
	} finally {
		stop.abort();
		cancel?.removeEventListener('abort', abort);
	}
}

/**
 * Waits `ms` before a retry, counted against the request's waits; a failure when the execution is
 * cancelled meanwhile. Every sleep of a request goes through here or `takeTurn`.
 */
export async function waitBeforeRetry(session: FreshserviceSession, request: FreshserviceRequest, attempts: Attempts, ms: number): Promise<Failure | undefined> {
	const started = Date.now();
	await pause(session, ms, false);
	attempts.waitedMs += Date.now() - started;
	if (executionCancelSignal(session.context)?.aborted === true) {
		return { ok: false, outcomeUnknown: false, error: cancelledError(session.context, request, true) };
	}
	return undefined;
}

/**
 * The credential, read once per execution. n8n would otherwise read it for every request (in
 * n8n itself: fetched from the database and decrypted); its `authenticate` still runs on each.
 * When it cannot be read here, each request reads it as usual and fails with n8n's own message.
 */
async function credentialOnce(session: FreshserviceSession): Promise<ICredentialsDecrypted | undefined> {
	session.credential ??= session.context.getCredentials(CREDENTIAL_TYPE).then(
		(data) => {
			const { id, name } = session.context.getNode().credentials?.[CREDENTIAL_TYPE] ?? {};
			return { id: id ?? '', name: name ?? '', type: CREDENTIAL_TYPE, data };
		},
		() => undefined,
	);
	return await session.credential;
}

/**
 * Waits for the limiter to let this request go. Fails when Freshservice asked for a longer wait
 * than the node gives, when the request's waits would add up to more than that, or when the
 * execution is cancelled.
 */
async function takeTurn(session: FreshserviceSession, kind: RequestKind, request: FreshserviceRequest, attempts: Attempts, sentBefore: boolean): Promise<Permit | Failure> {
	const cancel = executionCancelSignal(session.context);
	const maxWaitMs = RETRY_POLICY.maxWaitSeconds * 1000;
	for (;;) {
		const now = Date.now();
		const turn = session.limiter.decide(kind, now);
		if (turn.go) return session.limiter.sent(kind, now);
		if (turn.retryAfterMs !== undefined && turn.retryAfterMs > RETRY_POLICY.maxRetryAfterSeconds * 1000) {
			return { ok: false, statusCode: 429, outcomeUnknown: false, error: retryAfterTooLong(session.context, request, turn.retryAfterMs / 1000) };
		}
		if (cancel?.aborted) return { ok: false, outcomeUnknown: false, error: cancelledError(session.context, request, sentBefore) };
		const waitMs = turn.waitMs ?? IDLE_WAIT_MS;
		if (attempts.waitedMs + (turn.waitMs ?? 0) > maxWaitMs) {
			const wait = { waitedMs: attempts.waitedMs, nextMs: turn.waitMs ?? 0 };
			return { ok: false, statusCode: 429, outcomeUnknown: false, error: waitedTooLongError(session.context, request, wait, sentBefore) };
		}
		await pause(session, waitMs, true);
		attempts.waitedMs += Date.now() - now;
		attempts.turnWaitMs += Date.now() - now;
	}
}

/**
 * One call to the Freshservice API with the project's rate-limit and retry policy: waits its turn
 * at the execution's limiter (which paces every request by the account's rate-limit headers and
 * waits out 429s), gives up on an answer after the session's timeout, retries 5xx, dropped
 * connections and timeouts for idempotent calls within the request's time budget (retryPolicy.ts),
 * and turns every failure into an error the user can act on. Every wait is capped and ends when the
 * execution is cancelled. The only function in the package that sends HTTP.
 */
export async function sendFreshserviceRequest<T = IDataObject>(
	session: FreshserviceSession,
	request: FreshserviceRequest,
): Promise<FreshserviceOutcome<T>> {
	const { context, stats, limiter } = session;
	const kind = requestKind(request);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		body: request.body,
		json: true,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: session.timeoutMs,
	};
	const timeoutSeconds = session.timeoutMs / 1000;
	const attempts = request.attempts ?? new Attempts(retryBudgetMs(session.timeoutMs));
	let throttled = 0;
	for (let sent = 0; ; sent++) {
		const permit = await takeTurn(session, kind, request, attempts, sent > 0);
		if ('ok' in permit) return permit;
		stats.requests++;
		if (sent > 0) stats.retries++;
		let response: FreshserviceResponse<T>;
		try {
			const credentialsDecrypted = await credentialOnce(session);
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				options,
				credentialsDecrypted ? { credentialsDecrypted } : undefined,
			)) as FreshserviceResponse<T>;
		} catch (error) {
			limiter.answered(permit, undefined, Date.now());
			const setting = findCause<ConnectionSettingError>(error, 'ConnectionSettingError');
			if (setting) {
				return {
					ok: false,
					outcomeUnknown: false,
					error: new NodeOperationError(context.getNode(), setting.message, {
						itemIndex: request.itemIndex,
						description: `Fix the ${setting.parameter} in the Freshservice Provisioning credential. Nothing was sent.`,
					}),
				};
			}
			const code = networkCode(error);
			const noAnswer = timedOut(error, code);
			const notSent = code !== undefined && NOT_SENT_CODES.has(code);
			const transient = noAnswer || (code !== undefined && TRANSIENT_CODES.has(code));
			const cancelled = executionCancelSignal(context)?.aborted === true;
			if (!cancelled) attempts.failed(faultInWords({ code, noAnswer, timeoutSeconds }));
			if (!cancelled && (notSent || (request.idempotent === true && transient))) {
				const delay = attempts.nextDelay();
				if (delay !== undefined) {
					const stopped = await waitBeforeRetry(session, request, attempts, delay);
					if (stopped) return stopped;
					continue;
				}
			}
			const outcomeUnknown = request.idempotent !== true && !notSent;
			return { ok: false, outcomeUnknown, error: connectionError(context, request, { code, noAnswer, cancelled, outcomeUnknown, timeoutSeconds, attempts }) };
		}
		limiter.answered(permit, rateLimitHeaders(response.statusCode, response.headers), Date.now());

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return { ok: true, response };
		if (statusCode === 429) {
			stats.throttled++;
			const askedMs = rateLimitHeaders(statusCode, response.headers).retryAfterMs;
			const tooLong = askedMs !== undefined && askedMs > RETRY_POLICY.maxRetryAfterSeconds * 1000;
			// The limiter makes this request (and every other) wait as long as Freshservice asked.
			if (!tooLong && ++throttled < RETRY_POLICY.maxThrottledAnswers) continue;
		}
		const retryable = RETRYABLE_STATUS.has(statusCode);
		if (retryable) attempts.failed(faultInWords({ statusCode }));
		if (retryable && request.idempotent === true) {
			const delay = attempts.nextDelay();
			if (delay !== undefined) {
				const stopped = await waitBeforeRetry(session, request, attempts, delay);
				if (stopped) return stopped;
				continue;
			}
		}
		return {
			ok: false,
			statusCode,
			outcomeUnknown: retryable && request.idempotent !== true,
			error: apiError(context, request, response, attempts),
		};
	}
}

/** As sendFreshserviceRequest, for callers that have nothing to do about a failure but report it. */
export async function freshserviceRequest<T = IDataObject>(
	session: FreshserviceSession,
	request: FreshserviceRequest,
): Promise<FreshserviceResponse<T>> {
	const outcome = await sendFreshserviceRequest<T>(session, request);
	if (!outcome.ok) throw outcome.error;
	return outcome.response;
}

