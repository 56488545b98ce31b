import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';
import { emailKey } from '../provisioning/fields';
import type { UserPayload } from '../provisioning/payload';
import type { FreshserviceOutcome, FreshserviceRequest, FreshserviceResponse } from './request';
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

/**
 * What the API key may be refused (HTTP 403) on a lookup, as keys of `session.lookups`: learnt
 * once per execution, so a refusal costs one request per execution, not one per item. Freshservice
 * documents that `include_agents=true` needs the "Manage Agents" permission; a key without it may
 * be refused the agent list as well.
 */
const PERMISSIONS = {
	includeAgents: 'permission:GET /requesters?include_agents=true',
	listAgents: 'permission:GET /agents',
} as const;

type Refused = 'refused';

/**
 * Sends a lookup that needs `permission`, unless this execution has learnt that the key lacks it
 * (then nothing is sent). The first lookup to need it goes alone: items running side by side wait
 * for its answer rather than each collecting the same 403.
 */
async function sendIfPermitted(
	session: FreshserviceSession,
	permission: keyof typeof PERMISSIONS,
	request: FreshserviceRequest,
): Promise<FreshserviceOutcome<IDataObject> | Refused> {
	const key = PERMISSIONS[permission];
	const known = session.lookups.get(key) as Promise<boolean> | undefined;
	let learn: ((permitted: boolean) => void) | undefined;
	if (known) {
		if (!(await known)) return 'refused';
	} else {
		session.lookups.set(key, new Promise<boolean>((resolve) => (learn = resolve)));
	}
	let outcome: FreshserviceOutcome<IDataObject> | undefined;
	try {
		outcome = await sendFreshserviceRequest(session, request);
		return !outcome.ok && outcome.statusCode === 403 ? 'refused' : outcome;
	} finally {
		const refused = outcome !== undefined && !outcome.ok && outcome.statusCode === 403;
		if (refused) session.lookups.set(key, Promise.resolve(false));
		// Any other failure teaches nothing: the next lookup asks again.
		else if (learn && !outcome?.ok) session.lookups.delete(key);
		learn?.(!refused);
	}
}

function emailListRequest(userType: UserType, qs: IDataObject, itemIndex: number, action = `look up ${userType}s by email`): FreshserviceRequest {
	return { method: 'GET', path: USER_ENDPOINTS[userType].path, qs, action, itemIndex, idempotent: true };
}

function recordsOf(response: FreshserviceResponse<IDataObject>, userType: UserType): IDataObject[] {
	return (response.body?.[USER_ENDPOINTS[userType].many] as IDataObject[] | undefined) ?? [];
}

function serverTimeOf(response: FreshserviceResponse<IDataObject>): number | undefined {
	const date = Date.parse(headerValue(response.headers, 'date') ?? '');
	return Number.isNaN(date) ? undefined : date;
}

/** Users of one type an email filter or a search returns; `refused` when the key may not list agents. */
async function listByEmail(
	session: FreshserviceSession,
	userType: UserType,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject[] | Refused> {
	const request = emailListRequest(userType, qs, itemIndex);
	const outcome = userType === 'agent' ? await sendIfPermitted(session, 'listAgents', request) : await sendFreshserviceRequest(session, request);
	if (outcome === 'refused') return outcome;
	if (!outcome.ok) throw outcome.error;
	return recordsOf(outcome.response, userType);
}

/** Nobody among the requesters, and the key may not look at agents: "not found" would be a guess. */
function agentsNotVisible(session: FreshserviceSession, email: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		session.context.getNode(),
		`The API key may not look up agents, so whether an agent has the email ${email} is unknown; no requester has it`,
		{
			itemIndex,
			description:
				'Looked for: requesters with this email (active and deactivated), then agents, which Freshservice refused for this key (HTTP 403: listing agents, and requesters with include_agents=true, need the "Manage Agents" permission). Use the API key of an admin agent, or give the key\'s agent a role with "Manage Agents" (Admin → Roles), then run again.',
		},
	);
}

/**
 * A user by email, whichever type and whether active or not. Usually one request; Freshservice
 * does not document whether its email filter returns deactivated users, so a miss is checked
 * once more where deactivated users are certainly listed. An agent comes as the email filter
 * answers it (requester shape, without roles or groups) unless `fullAgentRecord` (the default)
 * asks for one more request. Throws when nobody is found and the key may not look at agents.
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
	// Costs nothing once the key is known to be refused the agent list.
	const inactiveAgents = await listByEmail(session, 'agent', { email: wanted, active: false }, itemIndex);
	const inactiveAgent = inactiveAgents === 'refused' ? undefined : pickByEmail(inactiveAgents, wanted);
	if (inactiveAgent) return { userType: 'agent', record: inactiveAgent };
	if (!wanted.includes("'")) {
		// The search index lags edits by minutes, which does not matter for a user deactivated earlier.
		const found = await listByEmail(session, 'requester', { query: `"primary_email:'${wanted}'"` }, itemIndex);
		const inactiveRequester = found === 'refused' ? undefined : pickByEmail(found, wanted);
		if (inactiveRequester) return { userType: 'requester', record: inactiveRequester };
	}
	if (inactiveAgents === 'refused') throw agentsNotVisible(session, wanted, itemIndex);
	return undefined;
}

/** An agent as `/agents/{id}` answers it (roles, groups, agent custom fields); a requester as it is. */
export async function withFullRecord(session: FreshserviceSession, user: FoundUser, itemIndex: number): Promise<FoundUser> {
	if (user.userType !== 'agent' || user.record.roles !== undefined) return user;
	return (await getUserOfType(session, 'agent', Number(user.record.id), itemIndex)) ?? user;
}

export interface EmailLookup {
	/** The user, agents in requester shape (or, for a key without "Manage Agents", as `/agents` answers them); undefined when the filter found nobody. */
	user?: FoundUser;
	/** Freshservice's clock when it answered (the Date header), in ms; undefined without one. */
	serverTime?: number;
	/** Nobody was found among requesters, and the key may not look at agents. */
	agentsUnchecked?: boolean;
}

/**
 * The one cheap lookup: `GET /requesters?email=…&include_agents=true`, requesters and agents at
 * once. Whether it lists deactivated users is undocumented; a user just created is active, so
 * it always finds them. A key without "Manage Agents" may be refused `include_agents` (learnt once
 * per execution): then requesters are asked (`?email=` alone), and agents only if no requester
 * has the email.
 */
export async function lookupUserByEmail(session: FreshserviceSession, email: string, itemIndex: number): Promise<EmailLookup> {
	const wanted = email.toLowerCase();
	const both = await sendIfPermitted(
		session,
		'includeAgents',
		emailListRequest('requester', { email: wanted, include_agents: true }, itemIndex, 'look up requesters by email'),
	);
	if (both !== 'refused') {
		if (!both.ok) throw both.error;
		const found = pickByEmail(recordsOf(both.response, 'requester'), wanted);
		return {
			user: found ? { userType: found.is_agent === true ? 'agent' : 'requester', record: found } : undefined,
			serverTime: serverTimeOf(both.response),
		};
	}
	const requesters = await freshserviceRequest(session, emailListRequest('requester', { email: wanted }, itemIndex));
	const requester = pickByEmail(recordsOf(requesters, 'requester'), wanted);
	if (requester) return { user: { userType: 'requester', record: requester }, serverTime: serverTimeOf(requesters) };
	const agents = await sendIfPermitted(session, 'listAgents', emailListRequest('agent', { email: wanted }, itemIndex));
	if (agents === 'refused') return { serverTime: serverTimeOf(requesters), agentsUnchecked: true };
	if (!agents.ok) throw agents.error;
	const agent = pickByEmail(recordsOf(agents.response, 'agent'), wanted);
	return { user: agent ? { userType: 'agent', record: agent } : undefined, serverTime: serverTimeOf(agents.response) };
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
