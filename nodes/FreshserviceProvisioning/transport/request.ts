import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { displayNameForApiField } from '../provisioning/fields';
import { ConnectionSettingError } from './connection';
import { explainFreshserviceError, withoutSecrets } from './errors';
import type { Permit, RateLimitHeaders, RequestKind } from './limiter';
import type { FreshserviceSession } from './session';

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
}

export interface FreshserviceResponse<T> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

export const RETRY_POLICY = {
	/** Attempts at a request that failed with a 5xx or a dropped connection (idempotent requests only). */
	maxAttempts: 5,
	/** Attempts at a request that got no answer in time: each costs a whole timeout. */
	maxTimeoutAttempts: 2,
	/** 429s one request may get, each waited out, before its item fails. */
	maxThrottledAnswers: 20,
	/** Longest Retry-After the node waits out; longer waits fail the item with a clear message. */
	maxRetryAfterSeconds: 120,
	backoffBaseMs: 500,
	backoffMaxMs: 8000,
};

/** How long a waiting request sleeps at most before it looks at the limiter again. */
const IDLE_WAIT_MS = 1000;

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

// Connection errors after which the server certainly did not act on the request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

export function headerValue(headers: FreshserviceResponse<unknown>['headers'], name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

function backoffMs(attempt: number): number {
	return Math.min(RETRY_POLICY.backoffMaxMs, RETRY_POLICY.backoffBaseMs * 2 ** (attempt - 1));
}

function findCause<T extends Error>(error: unknown, name: string): T | undefined {
	let current = error as { name?: string; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.name === name) return current as unknown as T;
		current = current.cause as typeof current;
	}
	return undefined;
}

function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Whether the request was given up on because no answer came within its timeout. */
function timedOut(error: unknown, code: string | undefined): boolean {
	if (code !== 'ECONNABORTED' && code !== 'ETIMEDOUT') return false;
	let current = error as { message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.message === 'string' && /timeout/i.test(current.message)) return true;
		current = current.cause as typeof current;
	}
	return false;
}

/** A connection failure in words (n8n replaces messages that contain the error code). */
function connectionProblem(code: string | undefined): string {
	if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was dropped';
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
	if (code === 'ERR_CANCELED') return 'the request was cancelled';
	return 'the connection failed';
}

/** Retry-After in ms: whole seconds, or an HTTP date. */
function retryAfterMs(headers: FreshserviceResponse<unknown>['headers']): number | undefined {
	const value = headerValue(headers, 'retry-after')?.trim();
	if (value === undefined || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function rateLimitHeaders(response: FreshserviceResponse<unknown>): RateLimitHeaders {
	const numberHeader = (name: string): number | undefined => {
		const value = Number(headerValue(response.headers, name) ?? Number.NaN);
		return Number.isFinite(value) ? value : undefined;
	};
	return {
		status: response.statusCode,
		total: numberHeader('x-ratelimit-total'),
		remaining: numberHeader('x-ratelimit-remaining'),
		retryAfterMs: retryAfterMs(response.headers),
	};
}

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

/** Sleeps until `waitMs` has passed or the limiter hears an answer, whichever comes first. */
async function pause(session: FreshserviceSession, waitMs: number | undefined, cancel: AbortSignal | undefined): Promise<void> {
	const stop = new AbortController();
	const abort = () => stop.abort();
	cancel?.addEventListener('abort', abort, { once: true });
	try {
		await Promise.race([
			session.limiter.nextAnswer(),
			sleep(Math.min(waitMs ?? IDLE_WAIT_MS, RETRY_POLICY.maxRetryAfterSeconds * 1000), stop.signal).catch(() => undefined),
		]);
	} finally {
		stop.abort();
		cancel?.removeEventListener('abort', abort);
	}
}

function executionCancelSignal(context: FreshserviceContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
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

/** Waits for the limiter to let this request go; fails when Freshservice asked for a longer wait than the node gives. */
async function takeTurn(session: FreshserviceSession, kind: RequestKind, request: FreshserviceRequest): Promise<Permit | Failure> {
	const cancel = executionCancelSignal(session.context);
	for (;;) {
		const now = Date.now();
		const turn = session.limiter.decide(kind, now);
		if (turn.go) return session.limiter.sent(kind, now);
		if (turn.retryAfterMs !== undefined && turn.retryAfterMs > RETRY_POLICY.maxRetryAfterSeconds * 1000) {
			return { ok: false, statusCode: 429, outcomeUnknown: false, error: retryAfterTooLong(session.context, request, turn.retryAfterMs / 1000) };
		}
		if (cancel?.aborted) {
			return {
				ok: false,
				outcomeUnknown: false,
				error: new NodeOperationError(session.context.getNode(), `The execution was cancelled before the node could ${request.action}`, {
					itemIndex: request.itemIndex,
				}),
			};
		}
		await pause(session, turn.waitMs, cancel);
	}
}

/**
 * One call to the Freshservice API with the project's rate-limit and retry policy: waits its turn
 * at the execution's limiter (which paces every request by the account's rate-limit headers and
 * waits out 429s), gives up on an answer after the session's timeout, retries 5xx, dropped
 * connections and timeouts for idempotent calls, and turns every failure into an error the user
 * can act on. The only function in the package that sends HTTP.
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
	let failures = 0;
	let timeouts = 0;
	let throttled = 0;
	for (let sent = 0; ; sent++) {
		const permit = await takeTurn(session, kind, request);
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
			const transient = code !== undefined && TRANSIENT_CODES.has(code);
			const cancelled = executionCancelSignal(context)?.aborted === true;
			if (!cancelled && noAnswer) {
				if (request.idempotent === true && ++timeouts < RETRY_POLICY.maxTimeoutAttempts) continue;
			} else if (!cancelled && (notSent || (request.idempotent === true && transient)) && ++failures < RETRY_POLICY.maxAttempts) {
				await sleep(backoffMs(failures));
				continue;
			}
			const outcomeUnknown = request.idempotent !== true && !notSent;
			const tries = noAnswer ? timeouts : failures;
			const attempts = tries > 1 ? ` (tried ${tries} times)` : '';
			// No error code in the message: n8n would swap the whole message for its generic text.
			return {
				ok: false,
				outcomeUnknown,
				error: new NodeApiError(context.getNode(), {} as JsonObject, {
					message: cancelled
						? `The execution was cancelled while the node tried to ${request.action}`
						: noAnswer
							? `Freshservice did not answer within ${timeoutSeconds} s while trying to ${request.action}${attempts}`
							: `Could not reach Freshservice while trying to ${request.action}: ${connectionProblem(code)}${attempts}`,
					description: [
						outcomeUnknown
							? `${noAnswer ? 'The request was sent but no answer came' : 'The connection dropped after the request was sent'}, so Freshservice may have acted on it. Check the record before running this item again.`
							: noAnswer
								? `The node waits ${timeoutSeconds} s for each answer (Request Options → Timeout). Freshservice may be slow or unreachable; try again later.`
								: 'Check the Instance Name or Base URL in the credential and the network between n8n and Freshservice.',
						code ? `(${code})` : '',
					]
						.filter((part) => part !== '')
						.join(' '),
					itemIndex: request.itemIndex,
				}),
			};
		}
		limiter.answered(permit, rateLimitHeaders(response), Date.now());

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return { ok: true, response };
		if (statusCode === 429) {
			stats.throttled++;
			const askedMs = retryAfterMs(response.headers);
			const tooLong = askedMs !== undefined && askedMs > RETRY_POLICY.maxRetryAfterSeconds * 1000;
			// The limiter makes this request (and every other) wait as long as Freshservice asked.
			if (!tooLong && ++throttled < RETRY_POLICY.maxThrottledAnswers) continue;
		}
		const retryable = RETRYABLE_STATUS.has(statusCode);
		if (retryable && request.idempotent === true && ++failures < RETRY_POLICY.maxAttempts) {
			await sleep(backoffMs(failures));
			continue;
		}
		return {
			ok: false,
			statusCode,
			outcomeUnknown: retryable && request.idempotent !== true,
			error: apiError(context, request, response),
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

function apiError(
	context: FreshserviceContext,
	request: FreshserviceRequest,
	response: FreshserviceResponse<unknown>,
): NodeApiError {
	const { message, description } = explainFreshserviceError(response.statusCode, response.body, request.action, displayNameForApiField);
	// n8n keeps an error's errorResponse in the run data: never Freshservice's raw answer, which may quote credentials.
	const body = response.body !== null && typeof response.body === 'object' ? withoutSecrets(response.body as JsonObject) : {};
	const askedMs = response.statusCode === 429 ? retryAfterMs(response.headers) : undefined;
	const tooLong = askedMs !== undefined && askedMs > RETRY_POLICY.maxRetryAfterSeconds * 1000;
	return new NodeApiError(context.getNode(), body, {
		message: tooLong ? `${message}${waitText(askedMs / 1000)}` : message,
		description: tooLong ? `${description}. ${retryAfterAdvice(askedMs / 1000)}` : description,
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}

/** ". Freshservice asked to wait 3600 s (1 h)". */
function waitText(seconds: number): string {
	const rounded = Math.ceil(seconds);
	const readable = rounded >= 3600 ? ` (${(rounded / 3600).toFixed(1).replace(/\.0$/, '')} h)` : rounded >= 120 ? ` (${Math.round(rounded / 60)} min)` : '';
	return `. Freshservice asked to wait ${rounded} s${readable}`;
}

function retryAfterAdvice(seconds: number): string {
	return `Freshservice asked to wait ${Math.ceil(seconds)} seconds, longer than this node waits (${RETRY_POLICY.maxRetryAfterSeconds} s). Run it again later, or spread the work out.`;
}

/** The error of an item that was not sent because Freshservice asked every request to wait too long. */
function retryAfterTooLong(context: FreshserviceContext, request: FreshserviceRequest, seconds: number): NodeApiError {
	const { message, description } = explainFreshserviceError(429, {}, request.action);
	return new NodeApiError(context.getNode(), {}, {
		message: `${message}${waitText(seconds)}`,
		description: `${description}. ${retryAfterAdvice(seconds)} Nothing was sent for this item.`,
		httpCode: '429',
		itemIndex: request.itemIndex,
	});
}
