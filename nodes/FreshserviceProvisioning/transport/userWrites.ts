/** Changing users: create (safe against lost answers), update, deactivate, reactivate, convert, forget. */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';
import { emailKey } from '../provisioning/fields';
import type { UserPayload } from '../provisioning/payload';
import type { FreshserviceRequest } from './request';
import { executionCancelSignal, freshserviceRequest, sendFreshserviceRequest, waitBeforeRetry } from './request';
import { Attempts, retryBudgetMs } from './retryPolicy';
import type { FreshserviceSession } from './session';
import { findUserById, getUserOfType, lookupUserByEmail, withFullRecord } from './userLookups';
import type { FoundUser } from './users';
import { recordOf, USER_ENDPOINTS } from './users';

export type CreateResult =
	/** Freshservice made the user (perhaps on an attempt whose answer was lost). */
	| { status: 'created'; user: FoundUser }
	/** The answer was lost, and the email belongs to someone who existed before this create. */
	| { status: 'existing'; user: FoundUser }
	/** Freshservice answered that the email is taken (409, or 400 `duplicate_value`). */
	| { status: 'duplicate'; error: NodeApiError | NodeOperationError };

/** Freshservice timestamps have whole seconds; a user created at most this long before the attempt is ours. */
const CLOCK_TOLERANCE_MS = 2000;

function isDuplicateEmail(body: unknown, userType: UserType): boolean {
	const errors = (body as { errors?: Array<{ field?: string; code?: string }> } | undefined)?.errors;
	return Array.isArray(errors) && errors.some((error) => error.code === 'duplicate_value' && error.field === emailKey(userType));
}

/**
 * Creates a user once. When a create fails in a way that leaves open whether Freshservice made
 * the user (a 5xx, a connection dropped after sending, no answer in time), one lookup tells: a
 * user created just now is active and listed; one whose `created_at` is before the attempt (by
 * Freshservice's own clock) existed already, and is reported as such, never as created. Nobody
 * found: nothing was made, so the create is sent again after a backoff, within the request's time
 * budget (retryPolicy.ts); when that is spent the error says that nothing was created.
 */
export async function createUser(
	session: FreshserviceSession,
	userType: UserType,
	payload: UserPayload,
	itemIndex: number,
): Promise<CreateResult> {
	const email = String(payload[emailKey(userType)] ?? '');
	const attempts = new Attempts(retryBudgetMs(session.timeoutMs));
	const request: FreshserviceRequest = {
		method: 'POST',
		path: USER_ENDPOINTS[userType].path,
		body: payload as IDataObject,
		action: `create the ${userType} ${email}`,
		itemIndex,
		attempts,
	};
	for (;;) {
		const sentAt = Date.now();
		const outcome = await sendFreshserviceRequest(session, request);
		if (outcome.ok) return { status: 'created', user: { userType, record: recordOf(outcome.response.body, userType) } };
		const body = outcome.error instanceof NodeApiError ? outcome.error.errorResponse : undefined;
		if ((outcome.statusCode === 409 || outcome.statusCode === 400) && isDuplicateEmail(body, userType)) {
			return { status: 'duplicate', error: outcome.error };
		}
		if (!outcome.outcomeUnknown || email === '' || executionCancelSignal(session.context)?.aborted === true) throw outcome.error;
		const lookedUpAt = Date.now();
		const { user, serverTime } = await lookupUserByEmail(session, email, itemIndex);
		if (user) {
			// The attempt's moment on Freshservice's clock: its answer's time, less the time since sending.
			const attemptOnServer = (serverTime ?? lookedUpAt) - (lookedUpAt - sentAt);
			const createdAt = Date.parse(String(user.record.created_at ?? ''));
			const existed = !Number.isNaN(createdAt) && createdAt < attemptOnServer - CLOCK_TOLERANCE_MS;
			const full = user.userType === userType ? await withFullRecord(session, user, itemIndex) : user;
			return { status: existed || user.userType !== userType ? 'existing' : 'created', user: full };
		}
		// The lookup shows nothing was made: sending the create again is safe.
		const delay = attempts.nextDelay();
		if (delay === undefined) throw nothingCreated(session, request, attempts, outcome.statusCode);
		if (await waitBeforeRetry(session, request, attempts, delay)) {
			throw new NodeOperationError(session.context.getNode(), `The execution was cancelled before the node could ${request.action}`, {
				itemIndex,
				description: 'Nothing was created: the lookup after the last failed attempt found no user.',
			});
		}
	}
}

/** A create whose every attempt failed, each followed by a lookup that found no user. */
function nothingCreated(session: FreshserviceSession, request: FreshserviceRequest, attempts: Attempts, statusCode: number | undefined): NodeApiError {
	return new NodeApiError(session.context.getNode(), {}, {
		message: `Could not ${request.action}, and nothing was created: Freshservice ${attempts.describe()} in ${attempts.elapsedSeconds()} s, and the lookup after each attempt found no user`,
		description: `The node sends a create again, for up to ${Math.round(attempts.budgetMs / 1000)} s (three times Request Options → Timeout, at least 30 s), as long as its lookup shows that nothing was made. Freshservice seems to be failing; running this item again later is safe.`,
		httpCode: statusCode === undefined ? undefined : String(statusCode),
		itemIndex: request.itemIndex,
	});
}

export async function updateUser(
	session: FreshserviceSession,
	user: FoundUser,
	payload: UserPayload,
	itemIndex: number,
): Promise<FoundUser> {
	const response = await freshserviceRequest(session, {
		method: 'PUT',
		path: `${USER_ENDPOINTS[user.userType].path}/${String(user.record.id)}`,
		body: payload as IDataObject,
		action: `update ${user.userType} ${String(user.record.id)}`,
		itemIndex,
		idempotent: true,
	});
	return { userType: user.userType, record: recordOf(response.body, user.userType) };
}

/** Deactivates and returns the user as Freshservice now has it (requesters answer 204, agents 200 + body). */
export async function deactivateUser(
	session: FreshserviceSession,
	user: FoundUser,
	itemIndex: number,
): Promise<FoundUser> {
	const id = Number(user.record.id);
	const response = await freshserviceRequest(session, {
		method: 'DELETE',
		path: `${USER_ENDPOINTS[user.userType].path}/${id}`,
		action: `deactivate ${user.userType} ${id}`,
		itemIndex,
		idempotent: true,
	});
	const returned = recordOf(response.body, user.userType);
	if (returned.id !== undefined) return { userType: user.userType, record: returned };
	return (await getUserOfType(session, user.userType, id, itemIndex)) ?? { ...user, record: { ...user.record, active: false } };
}

/**
 * Reactivates a deactivated user. What Freshservice answers for a user who is already active is
 * undocumented (200, 409 or 400); when the call fails that way and the user turns out to be active
 * (a retry of this very call, or another item for the same person), the goal is reached.
 */
export async function reactivateUser(
	session: FreshserviceSession,
	user: FoundUser,
	itemIndex: number,
): Promise<FoundUser> {
	const id = Number(user.record.id);
	const endpoint = USER_ENDPOINTS[user.userType];
	const outcome = await sendFreshserviceRequest(session, {
		method: 'PUT',
		path: `${endpoint.path}/${id}${endpoint.reactivate}`,
		action: `reactivate ${user.userType} ${id}`,
		itemIndex,
		idempotent: true,
	});
	if (outcome.ok) {
		const returned = recordOf(outcome.response.body, user.userType);
		if (returned.id !== undefined) return { userType: user.userType, record: returned };
		return (await getUserOfType(session, user.userType, id, itemIndex)) ?? { ...user, record: { ...user.record, active: true } };
	}
	if (outcome.statusCode === 400 || outcome.statusCode === 409) {
		const now = await getUserOfType(session, user.userType, id, itemIndex);
		if (now?.record.active === true) return now;
	}
	throw outcome.error;
}

/**
 * Converts a requester to an agent or an agent to a requester; the user keeps their ID. A retry
 * after a dropped answer meets a 404 (the user is no longer of the old type): the user is then
 * read back by ID, and a user of the new type means the conversion happened.
 */
export async function convertUser(
	session: FreshserviceSession,
	user: FoundUser,
	itemIndex: number,
): Promise<FoundUser> {
	const id = Number(user.record.id);
	const endpoint = USER_ENDPOINTS[user.userType];
	const target = endpoint.convertsTo;
	const outcome = await sendFreshserviceRequest(session, {
		method: 'PUT',
		path: `${endpoint.path}/${id}${endpoint.convert}`,
		action: `convert ${user.userType} ${id} to ${target === 'agent' ? 'an agent' : 'a requester'}`,
		itemIndex,
		idempotent: true,
	});
	if (outcome.ok) {
		const returned = recordOf(outcome.response.body, target);
		if (returned.id !== undefined) return { userType: target, record: returned };
	} else if (outcome.statusCode !== 404) {
		throw outcome.error;
	}
	const now = await getUserOfType(session, target, id, itemIndex);
	// `/requesters/{id}` may answer an agent's record (marked is_agent) instead of a 404.
	if (now && !(target === 'requester' && now.record.is_agent === true)) return now;
	if (!outcome.ok) throw outcome.error;
	return { userType: target, record: { ...user.record } };
}

/**
 * Deletes a user and the tickets they requested, for good (Freshservice's "forget"; documented
 * for requesters and for agents). A 404 means the user is already gone, as after a retry.
 */
export async function forgetUser(session: FreshserviceSession, user: FoundUser, itemIndex: number): Promise<void> {
	const id = Number(user.record.id);
	const endpoint = USER_ENDPOINTS[user.userType];
	const outcome = await sendFreshserviceRequest(session, {
		method: 'DELETE',
		path: `${endpoint.path}/${id}${endpoint.forget}`,
		action: `permanently delete ${user.userType} ${id}`,
		itemIndex,
		idempotent: true,
	});
	if (outcome.ok) return;
	// Gone is what was asked for; a user still there means the 404 meant something else.
	if (outcome.statusCode !== 404 || (await findUserById(session, id, itemIndex))) throw outcome.error;
}
