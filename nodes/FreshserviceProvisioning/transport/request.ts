import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { displayNameForApiField } from '../provisioning/fields';
import { ConnectionSettingError } from './connection';
import { explainFreshserviceError } from './errors';
import type { FreshserviceSession } from './session';

export const CREDENTIAL_TYPE = 'freshserviceProvisioningApi';

export type FreshserviceContext = IExecuteFunctions | ILoadOptionsFunctions;

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
	maxAttempts: 5,
	/** Longest Retry-After the node waits out; longer waits fail the item with a clear message. */
	maxRetryAfterSeconds: 120,
	backoffBaseMs: 500,
	backoffMaxMs: 8000,
};

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

export type FreshserviceOutcome<T> =
	| { ok: true; response: FreshserviceResponse<T> }
	| { ok: false; error: NodeApiError | NodeOperationError; statusCode?: number; outcomeUnknown: boolean };

/**
 * One call to the Freshservice API with the project's retry policy: waits out 429s as told by
 * Retry-After, retries 5xx and dropped connections for idempotent calls, and turns every failure
 * into an error the user can act on. The only function in the package that sends HTTP.
 */
export async function sendFreshserviceRequest<T = IDataObject>(
	session: FreshserviceSession,
	request: FreshserviceRequest,
): Promise<FreshserviceOutcome<T>> {
	const { context, stats } = session;
	const node = context.getNode();
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		body: request.body,
		json: true,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	for (let attempt = 1; ; attempt++) {
		let response: FreshserviceResponse<T>;
		stats.requests++;
		if (attempt > 1) stats.retries++;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				options,
			)) as FreshserviceResponse<T>;
		} catch (error) {
			const setting = findCause<ConnectionSettingError>(error, 'ConnectionSettingError');
			if (setting) {
				return {
					ok: false,
					outcomeUnknown: false,
					error: new NodeOperationError(node, setting.message, {
						itemIndex: request.itemIndex,
						description: `Fix the ${setting.parameter} in the Freshservice Provisioning credential. Nothing was sent.`,
					}),
				};
			}
			const code = networkCode(error);
			const notSent = code !== undefined && NOT_SENT_CODES.has(code);
			const transient = code !== undefined && TRANSIENT_CODES.has(code);
			if ((notSent || (request.idempotent === true && transient)) && attempt < RETRY_POLICY.maxAttempts) {
				await sleep(backoffMs(attempt));
				continue;
			}
			const outcomeUnknown = request.idempotent !== true && !notSent;
			return {
				ok: false,
				outcomeUnknown,
				error: new NodeApiError(node, { code: code ?? 'unknown' } as JsonObject, {
					message: `Could not reach Freshservice while trying to ${request.action}${code ? ` (${code})` : ''}`,
					description: outcomeUnknown
						? 'The connection dropped after the request was sent, so Freshservice may have acted on it. Check the record before running this item again.'
						: 'Check the Instance Name or Base URL in the credential and the network between n8n and Freshservice.',
					itemIndex: request.itemIndex,
				}),
			};
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return { ok: true, response };
		if (statusCode === 429) stats.throttled++;

		if (statusCode === 429 && attempt < RETRY_POLICY.maxAttempts) {
			const retryAfter = Number(headerValue(response.headers, 'retry-after'));
			const waitSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : backoffMs(attempt) / 1000;
			if (waitSeconds <= RETRY_POLICY.maxRetryAfterSeconds) {
				await sleep(Math.max(waitSeconds * 1000, 50));
				continue;
			}
		}
		const retryable = RETRYABLE_STATUS.has(statusCode);
		if (retryable && request.idempotent === true && attempt < RETRY_POLICY.maxAttempts) {
			await sleep(backoffMs(attempt));
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
	const retryAfter = headerValue(response.headers, 'retry-after');
	const body = response.body !== null && typeof response.body === 'object' ? (response.body as JsonObject) : {};
	return new NodeApiError(context.getNode(), body, {
		message,
		description:
			response.statusCode === 429 && retryAfter !== undefined
				? `${description}. Freshservice asked to wait ${retryAfter} seconds, longer than this node waits (${RETRY_POLICY.maxRetryAfterSeconds} s). Run it again later, or spread the work out.`
				: description,
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}
