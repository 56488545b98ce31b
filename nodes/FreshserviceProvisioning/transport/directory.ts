/**
 * Every user of the account in one listing pass, 100 a page: what Sync Roster compares the whole
 * roster against, instead of looking each person up.
 */

import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { listAll } from './pagination';
import { freshserviceRequest } from './request';
import type { FreshserviceSession } from './session';
import type { FoundUser } from './users';
import { USER_ENDPOINTS } from './users';

export interface Directory {
	users: FoundUser[];
	/**
	 * Whether the requester list is known to hold deactivated requesters too. Freshservice does not
	 * say whether an unfiltered `GET /requesters` lists them; one deactivated requester in the
	 * answer proves it does. Otherwise a person missing from the listing may still be a
	 * deactivated requester, which only a lookup by email (or a create that meets the email) tells.
	 */
	inactiveRequestersListed: boolean;
}

async function listUsers(session: FreshserviceSession, userType: 'requester' | 'agent', qs: IDataObject = {}): Promise<FoundUser[]> {
	const { path, many } = USER_ENDPOINTS[userType];
	const records = await listAll(session, { path, key: many, qs, action: `list all ${many}` });
	return records.map((record) => ({ userType, record }));
}

/**
 * Requesters (`GET /requesters`) and agents (`GET /agents`, full records with roles and groups).
 * The agent list documents an `active` filter but not whether it lists deactivated agents without
 * one: when the answer holds none, `GET /agents?active=false` asks (one request when there are
 * none).
 */
export async function listDirectory(session: FreshserviceSession): Promise<Directory> {
	const requesters = await listUsers(session, 'requester');
	const agents = await listUsers(session, 'agent');
	if (!agents.some((agent) => agent.record.active === false)) {
		const listed = new Set(agents.map((agent) => Number(agent.record.id)));
		for (const agent of await listUsers(session, 'agent', { active: false })) {
			if (!listed.has(Number(agent.record.id))) agents.push(agent);
		}
	}
	return {
		users: [...requesters, ...agents],
		inactiveRequestersListed: requesters.some((requester) => requester.record.active === false),
	};
}

/**
 * The ID of the agent who owns the API key (`GET /agents/me`), whom deprovisioning never touches.
 * An answer without a whole positive ID would protect nobody: it stops the caller instead.
 */
export async function keyOwnerId(session: FreshserviceSession): Promise<number> {
	const response = await freshserviceRequest(session, { method: 'GET', path: '/agents/me', action: 'read the agent who owns the API key', idempotent: true });
	const agent = response.body?.agent;
	const id = agent !== null && typeof agent === 'object' ? (agent as IDataObject).id : undefined;
	const owner = typeof id === 'string' && /^\d+$/.test(id.trim()) ? Number(id) : id;
	if (typeof owner === 'number' && Number.isSafeInteger(owner) && owner > 0) return owner;
	throw new NodeApiError(session.context.getNode(), {} as JsonObject, {
		message: 'Could not tell which agent owns the API key: Freshservice answered GET /agents/me without a usable agent ID. Nothing was changed',
		description:
			'The node never deactivates the owner of its API key, so it stops before any change when it cannot tell who that is. Run it again; if this persists, check that the Base URL points at the Freshservice API itself.',
		httpCode: String(response.statusCode),
	});
}
