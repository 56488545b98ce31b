import type { IDataObject } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';
import { emailKey } from '../provisioning/fields';
import type { UserPayload } from '../provisioning/payload';
import { freshserviceRequest, RETRY_POLICY, sendFreshserviceRequest } from './request';
import type { FreshserviceSession } from './session';

export const USER_ENDPOINTS: Record<UserType, { path: string; one: string; many: string }> = {
	requester: { path: '/requesters', one: 'requester', many: 'requesters' },
	agent: { path: '/agents', one: 'agent', many: 'agents' },
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
 * once more where deactivated users are certainly listed.
 */
export async function findUserByEmail(
	session: FreshserviceSession,
	email: string,
	itemIndex: number,
): Promise<FoundUser | undefined> {
	const wanted = email.toLowerCase();
	const anyType = pickByEmail(await listByEmail(session, 'requester', { email: wanted, include_agents: true }, itemIndex), wanted);
	if (anyType) {
		if (anyType.is_agent === true) {
			return (await getUserOfType(session, 'agent', Number(anyType.id), itemIndex)) ?? { userType: 'agent', record: anyType };
		}
		return { userType: 'requester', record: anyType };
	}
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

/**
 * Creates a user once. When a create fails in a way that leaves open whether Freshservice made
 * the user (a 5xx, a connection dropped after sending), the email is looked up before trying
 * again, so a retry never makes a second user.
 */
export async function createUser(
	session: FreshserviceSession,
	userType: UserType,
	payload: UserPayload,
	itemIndex: number,
): Promise<FoundUser> {
	const email = String(payload[emailKey(userType)] ?? '');
	for (let attempt = 1; ; attempt++) {
		const outcome = await sendFreshserviceRequest(session, {
			method: 'POST',
			path: USER_ENDPOINTS[userType].path,
			body: payload as IDataObject,
			action: `create the ${userType} ${email}`,
			itemIndex,
		});
		if (outcome.ok) return { userType, record: recordOf(outcome.response.body, userType) };
		if (!outcome.outcomeUnknown || email === '') throw outcome.error;
		const existing = await findUserByEmail(session, email, itemIndex);
		if (existing) return existing;
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
