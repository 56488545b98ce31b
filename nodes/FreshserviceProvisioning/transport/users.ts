import type { IDataObject, NodeOperationError } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';
import { emailKey } from '../provisioning/fields';
import type { UserPayload } from '../provisioning/payload';
import { freshserviceRequest, headerValue, RETRY_POLICY, sendFreshserviceRequest } from './request';
import type { FreshserviceSession } from './session';

export const USER_ENDPOINTS: Record<
	UserType,
	{ path: string; one: string; many: string; convertsTo: UserType; convert: string; reactivate: string; forget: string }
> = {
	requester: {
		path: '/requesters',
		one: 'requester',
		many: 'requesters',
		convertsTo: 'agent',
		convert: '/convert_to_agent',
		reactivate: '/reactivate',
		forget: '/forget',
	},
	agent: {
		path: '/agents',
		one: 'agent',
		many: 'agents',
		convertsTo: 'requester',
		convert: '/convert_to_requester',
		reactivate: '/reactivate',
		forget: '/forget',
	},
};

export interface FoundUser {
	userType: UserType;
	record: IDataObject;
}

function recordOf(body: IDataObject | undefined, userType: UserType): IDataObject {
	return (body?.[USER_ENDPOINTS[userType].one] as IDataObject | undefined) ?? {};
}

/** A user of one type by ID; undefined when Freshservice has no such record. */
async function getUserOfType(
	session: FreshserviceSession,
	userType: UserType,
	id: number,
	itemIndex: number,
): Promise<FoundUser | undefined> {
	const outcome = await sendFreshserviceRequest(session, {
		method: 'GET',
		path: `${USER_ENDPOINTS[userType].path}/${id}`,
		action: `read ${userType} ${id}`,
		itemIndex,
		idempotent: true,
	});
	if (!outcome.ok) {
		if (outcome.statusCode === 404) return undefined;
		throw outcome.error;
	}
	return { userType, record: recordOf(outcome.response.body, userType) };
}

/** A user by ID, whichever type: requesters first, then agents. Undefined when neither has it. */
export async function findUserById(
	session: FreshserviceSession,
	id: number,
	itemIndex: number,
): Promise<FoundUser | undefined> {
	const requester = await getUserOfType(session, 'requester', id, itemIndex);
	if (requester && requester.record.is_agent !== true) return requester;
	return await getUserOfType(session, 'agent', id, itemIndex);
}

function primaryEmailOf(record: IDataObject): string {
	const email = record.primary_email ?? record.email;
	return typeof email === 'string' ? email.toLowerCase() : '';
}

/** Of the records an email filter returned, the one whose primary email it is, else the only one. */
function pickByEmail(records: IDataObject[], email: string): IDataObject | undefined {
	return records.find((record) => primaryEmailOf(record) === email) ?? (records.length === 1 ? records[0] : undefined);
}

async function listByEmail(
	session: FreshserviceSession,
	userType: UserType,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const response = await freshserviceRequest(session, {
		method: 'GET',
		path: USER_ENDPOINTS[userType].path,
		qs,
		action: `look up ${userType}s by email`,
		itemIndex,
		idempotent: true,
	});
	return (response.body?.[USER_ENDPOINTS[userType].many] as IDataObject[] | undefined) ?? [];
}

/**
 * A user by email, whichever type and whether active or not. Usually one request; Freshservice
 * does not document whether its email filter returns deactivated users, so a miss is checked
 * once more where deactivated users are certainly listed. An agent comes as the email filter
 * answers it (requester shape, without roles or groups) unless `fullAgentRecord` (the default)
 * asks for one more request.
 */
export async function findUserByEmail(
	session: FreshserviceSession,
	email: string,
	itemIndex: number,
	options: { fullAgentRecord?: boolean } = {},
): Promise<FoundUser | undefined> {
	const wanted = email.toLowerCase();
	const anyType = (await lookupUserByEmail(session, wanted, itemIndex)).user;
	if (anyType) return options.fullAgentRecord === false ? anyType : await withFullRecord(session, anyType, itemIndex);
	const inactiveAgent = pickByEmail(await listByEmail(session, 'agent', { email: wanted, active: false }, itemIndex), wanted);
	if (inactiveAgent) return { userType: 'agent', record: inactiveAgent };
	if (wanted.includes("'")) return undefined;
	// The search index lags edits by minutes, which does not matter for a user deactivated earlier.
	const inactiveRequester = pickByEmail(
		await listByEmail(session, 'requester', { query: `"primary_email:'${wanted}'"` }, itemIndex),
		wanted,
	);
	return inactiveRequester ? { userType: 'requester', record: inactiveRequester } : undefined;
}

/** An agent as `/agents/{id}` answers it (roles, groups, agent custom fields); a requester as it is. */
export async function withFullRecord(session: FreshserviceSession, user: FoundUser, itemIndex: number): Promise<FoundUser> {
	if (user.userType !== 'agent' || user.record.roles !== undefined) return user;
	return (await getUserOfType(session, 'agent', Number(user.record.id), itemIndex)) ?? user;
}

export interface EmailLookup {
	/** The user, agents in requester shape; undefined when the filter found nobody. */
	user?: FoundUser;
	/** Freshservice's clock when it answered (the Date header), in ms; undefined without one. */
	serverTime?: number;
}

/**
 * The one cheap lookup: `GET /requesters?email=…&include_agents=true`, requesters and agents at
 * once. Whether it lists deactivated users is undocumented; a user just created is active, so
 * it always finds them.
 */
export async function lookupUserByEmail(session: FreshserviceSession, email: string, itemIndex: number): Promise<EmailLookup> {
	const wanted = email.toLowerCase();
	const response = await freshserviceRequest(session, {
		method: 'GET',
		path: USER_ENDPOINTS.requester.path,
		qs: { email: wanted, include_agents: true },
		action: 'look up requesters by email',
		itemIndex,
		idempotent: true,
	});
	const records = (response.body?.[USER_ENDPOINTS.requester.many] as IDataObject[] | undefined) ?? [];
	const found = pickByEmail(records, wanted);
	const date = Date.parse(headerValue(response.headers, 'date') ?? '');
	return {
		user: found ? { userType: found.is_agent === true ? 'agent' : 'requester', record: found } : undefined,
		serverTime: Number.isNaN(date) ? undefined : date,
	};
}

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
 * the user (a 5xx, a connection dropped after sending), one lookup tells: a user created just
 * now is active and listed; one whose `created_at` is before the attempt (by Freshservice's own
 * clock) existed already, and is reported as such, never as created. Nobody found: the create is
 * sent again. At most two extra requests per lost answer.
 */
export async function createUser(
	session: FreshserviceSession,
	userType: UserType,
	payload: UserPayload,
	itemIndex: number,
): Promise<CreateResult> {
	const email = String(payload[emailKey(userType)] ?? '');
	for (let attempt = 1; ; attempt++) {
		const sentAt = Date.now();
		const outcome = await sendFreshserviceRequest(session, {
			method: 'POST',
			path: USER_ENDPOINTS[userType].path,
			body: payload as IDataObject,
			action: `create the ${userType} ${email}`,
			itemIndex,
		});
		if (outcome.ok) return { status: 'created', user: { userType, record: recordOf(outcome.response.body, userType) } };
		const body = outcome.error instanceof NodeApiError ? outcome.error.errorResponse : undefined;
		if ((outcome.statusCode === 409 || outcome.statusCode === 400) && isDuplicateEmail(body, userType)) {
			return { status: 'duplicate', error: outcome.error };
		}
		if (!outcome.outcomeUnknown || email === '') throw outcome.error;
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
		if (attempt >= RETRY_POLICY.maxAttempts) throw outcome.error;
	}
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
