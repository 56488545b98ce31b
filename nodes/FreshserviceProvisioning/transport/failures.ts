/**
 * The errors a failed request ends in: what went wrong, what the node knows about whether
 * Freshservice acted, and what the user can do. No error code in a message: n8n would swap the
 * whole message for its generic text.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { displayNameForApiField } from '../provisioning/fields';
import { explainFreshserviceError, withoutSecrets } from './errors';
import type { AnswerHeaders } from './headers';
import { retryAfterMs } from './headers';
import type { FreshserviceContext, FreshserviceRequest } from './request';
import type { Attempts } from './retryPolicy';
import { RETRY_POLICY } from './retryPolicy';

/** A connection failure in words. */
export function connectionProblem(code: string | undefined): string {
	if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was dropped';
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
	if (code === 'ERR_CANCELED') return 'the request was cancelled';
	return 'the connection failed';
}

/** What a failed attempt was, for `Attempts.failed`: the words after "Freshservice". */
export function faultInWords(fault: { statusCode?: number; code?: string; noAnswer?: boolean; timeoutSeconds?: number }): string {
	if (fault.statusCode !== undefined) return `answered ${fault.statusCode}`;
	if (fault.noAnswer) return `did not answer within ${fault.timeoutSeconds} s`;
	if (fault.code === 'ECONNRESET' || fault.code === 'EPIPE') return 'dropped the connection';
	return `could not be reached (${connectionProblem(fault.code)})`;
}

/** " (tried 4 times in 12 s)" once a request was retried. */
export function triedText(attempts: Attempts | undefined): string {
	if (!attempts || attempts.retries === 0) return '';
	return ` (tried ${attempts.retries + 1} times in ${attempts.elapsedSeconds()} s)`;
}

function budgetText(attempts: Attempts): string {
	return `The node retries a request for up to ${Math.round(attempts.budgetMs / 1000)} s (three times Request Options → Timeout, at least 30 s)`;
}

/** The error for an answer Freshservice gave, after any retries. */
export function apiError(
	context: FreshserviceContext,
	request: FreshserviceRequest,
	response: { statusCode: number; headers: AnswerHeaders; body: unknown },
	attempts?: Attempts,
): NodeApiError {
	const { message, description } = explainFreshserviceError(response.statusCode, response.body, request.action, displayNameForApiField);
	// n8n keeps an error's errorResponse in the run data: never Freshservice's raw answer, which may quote credentials.
	const body = response.body !== null && typeof response.body === 'object' ? withoutSecrets(response.body as JsonObject) : {};
	const askedMs = response.statusCode === 429 ? retryAfterMs(response.headers) : undefined;
	const tooLong = askedMs !== undefined && askedMs > RETRY_POLICY.maxRetryAfterSeconds * 1000;
	const gaveUp = attempts !== undefined && attempts.retries > 0;
	return new NodeApiError(context.getNode(), body, {
		message: tooLong ? `${message}${waitText(askedMs / 1000)}` : `${message}${triedText(attempts)}`,
		description: [
			tooLong ? `${description}. ${retryAfterAdvice(askedMs / 1000)}` : description,
			gaveUp ? `Freshservice ${attempts.describe()}. ${budgetText(attempts)}; try again later` : '',
		]
			.filter((part) => part !== '')
			.join('. '),
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}

/** The error for a request that got no answer: dropped, refused, timed out or cancelled. */
export function connectionError(
	context: FreshserviceContext,
	request: FreshserviceRequest,
	failure: { code?: string; noAnswer: boolean; cancelled: boolean; outcomeUnknown: boolean; timeoutSeconds: number; attempts: Attempts },
): NodeApiError {
	const { code, noAnswer, cancelled, outcomeUnknown, timeoutSeconds, attempts } = failure;
	const tried = triedText(attempts);
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: cancelled
			? `The execution was cancelled while the node tried to ${request.action}`
			: noAnswer
				? `Freshservice did not answer within ${timeoutSeconds} s while trying to ${request.action}${tried}`
				: `Could not reach Freshservice while trying to ${request.action}: ${connectionProblem(code)}${tried}`,
		description: [
			outcomeUnknown
				? `${noAnswer || cancelled ? 'The request was sent but no answer came' : 'The connection dropped after the request was sent'}, so Freshservice may have acted on it. Check the record before running this item again.`
				: cancelled
					? 'Nothing was sent for this item after the cancellation.'
					: noAnswer
						? `The node waits ${timeoutSeconds} s for each answer (Request Options → Timeout). Freshservice may be slow or unreachable; try again later.`
						: 'Check the Instance Name or Base URL in the credential and the network between n8n and Freshservice.',
			attempts.retries > 0 && !cancelled ? `Freshservice ${attempts.describe()}. ${budgetText(attempts)}.` : '',
			code ? `(${code})` : '',
		]
			.filter((part) => part !== '')
			.join(' '),
		itemIndex: request.itemIndex,
	});
}

/** The execution was cancelled while the request waited (its turn, or a backoff). */
export function cancelledError(context: FreshserviceContext, request: FreshserviceRequest, sentBefore: boolean): NodeOperationError {
	return new NodeOperationError(context.getNode(), `The execution was cancelled before the node could ${request.action}`, {
		itemIndex: request.itemIndex,
		description: sentBefore
			? 'An earlier attempt at it failed; nothing more was sent after the cancellation.'
			: 'Nothing was sent for this item.',
	});
}

/** The request would have to wait longer in all for its turn at the rate limiter than the node waits. */
export function waitedTooLongError(
	context: FreshserviceContext,
	request: FreshserviceRequest,
	wait: { waitedMs: number; nextMs: number },
	sentBefore: boolean,
): NodeApiError {
	const waited = Math.round(wait.waitedMs / 1000);
	const next = Math.ceil(wait.nextMs / 1000);
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `Gave up trying to ${request.action} after waiting ${waited} s for its turn under Freshservice's rate limit: the next wait (${next} s) would pass the ${RETRY_POLICY.maxWaitSeconds} s the node waits for a request`,
		description: [
			sentBefore ? 'Earlier attempts at it were refused (HTTP 429) or failed; nothing more was sent.' : 'Nothing was sent for this item.',
			'Run it again later, lower Request Options → Parallel Requests, or spread the work over more time.',
		].join(' '),
		httpCode: '429',
		itemIndex: request.itemIndex,
	});
}

/** ". Freshservice asked to wait 3600 s (1 h)". */
export function waitText(seconds: number): string {
	const rounded = Math.ceil(seconds);
	const readable = rounded >= 3600 ? ` (${(rounded / 3600).toFixed(1).replace(/\.0$/, '')} h)` : rounded >= 120 ? ` (${Math.round(rounded / 60)} min)` : '';
	return `. Freshservice asked to wait ${rounded} s${readable}`;
}

function retryAfterAdvice(seconds: number): string {
	return `Freshservice asked to wait ${Math.ceil(seconds)} seconds, longer than this node waits (${RETRY_POLICY.maxRetryAfterSeconds} s). Run it again later, or spread the work out.`;
}

/** The error of an item that was not sent because Freshservice asked every request to wait too long. */
export function retryAfterTooLong(context: FreshserviceContext, request: FreshserviceRequest, seconds: number): NodeApiError {
	const { message, description } = explainFreshserviceError(429, {}, request.action);
	return new NodeApiError(context.getNode(), {}, {
		message: `${message}${waitText(seconds)}`,
		description: `${description}. ${retryAfterAdvice(seconds)} Nothing was sent for this item.`,
		httpCode: '429',
		itemIndex: request.itemIndex,
	});
}
