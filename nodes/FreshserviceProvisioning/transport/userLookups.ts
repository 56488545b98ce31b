/** Finding users: by ID, by email (whichever type, active or not), and an agent's full record. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';
import type { FreshserviceRequest, FreshserviceResponse } from './request';
import { freshserviceRequest, headerValue, sendFreshserviceRequest } from './request';
import type { FreshserviceSession } from './session';
import type { Refused } from './userPermissions';
import { sendIfPermitted } from './userPermissions';
import type { FoundUser } from './users';
import { recordOf, USER_ENDPOINTS } from './users';

/** A user of one type by ID; undefined when Freshservice has no such record. */
export async function getUserOfType(
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
