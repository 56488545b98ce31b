/**
 * Group membership over HTTP. Requester groups: the list (once per execution), a group's members
 * (100 a page, read once per execution and kept current by this execution's own writes), add one
 * member, remove one. Agent groups change only through the agent's own `member_of` / `observer_of`
 * (one agent update), never by sending a group's whole member list: `PUT /groups/{id}` replaces
 * it, so two executions changing two people's memberships of one group would undo each other.
 */

import type { IDataObject } from 'n8n-workflow';

import type { GroupRef } from '../provisioning/groups';
import { listAll, listOnce, MAX_PER_PAGE } from './pagination';
import { freshserviceRequest, headerValue, sendFreshserviceRequest } from './request';
import type { FreshserviceSession } from './session';

export const GROUP_ENDPOINTS = {
	requesterGroups: { path: '/requester_groups', key: 'requester_groups' },
	agentGroups: { path: '/groups', key: 'groups' },
} as const;

const membersPath = (groupId: number) => `${GROUP_ENDPOINTS.requesterGroups.path}/${groupId}/members`;
const memberPath = (groupId: number, requesterId: number) => `${membersPath(groupId)}/${requesterId}`;

/** A member as the members listing answers it: `id`, `first_name`, `last_name`, `email`. */
export type GroupMember = IDataObject & { id: number };

/** Requester groups, read once per execution, as plain references (`ruleBased` for `type: rule_based`). */
export async function readRequesterGroups(session: FreshserviceSession, itemIndex?: number): Promise<GroupRef[]> {
	const records = await listOnce(session, { ...GROUP_ENDPOINTS.requesterGroups, action: 'load the requester group list', itemIndex });
	return records.map((record) => ({
		id: Number(record.id),
		name: String(record.name ?? ''),
		type: 'requester',
		ruleBased: record.type === 'rule_based',
	}));
}

/** The requester group list as Freshservice answers it (Get Many). */
export async function readRequesterGroupRecords(session: FreshserviceSession, itemIndex?: number): Promise<IDataObject[]> {
	return await listOnce(session, { ...GROUP_ENDPOINTS.requesterGroups, action: 'load the requester group list', itemIndex });
}

/** Agent groups, read once per execution (`restricted` groups may hold new members pending approval). */
export async function readAgentGroups(session: FreshserviceSession, itemIndex?: number): Promise<GroupRef[]> {
	const records = await listOnce(session, { ...GROUP_ENDPOINTS.agentGroups, action: 'load the agent group list', itemIndex });
	return records.map((record) => ({
		id: Number(record.id),
		name: String(record.name ?? ''),
		type: 'agent',
		restricted: record.restricted === true && record.approval_required !== false,
	}));
}

/**
 * A group's members, page by page, 100 a page, up to `limit`. Freshservice does not say whether
 * this listing pages like the others: a `link` header is followed when there is one; without
 * one, a full page asks for the next, and a page that brings no one new (a listing that ignores
 * `page`) ends it.
 */
export async function listGroupMembers(
	session: FreshserviceSession,
	groupId: number,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<GroupMember[]> {
	const members = new Map<number, GroupMember>();
	let linked = false;
	for (let page = 1; ; page++) {
		const response = await freshserviceRequest<IDataObject>(session, {
			method: 'GET',
			path: membersPath(groupId),
			qs: { page, per_page: MAX_PER_PAGE },
			action: `list the members of requester group ${groupId}`,
			itemIndex: options.itemIndex,
			idempotent: true,
		});
		const batch = (response.body?.requesters as IDataObject[] | undefined) ?? [];
		let fresh = 0;
		for (const record of batch) {
			const id = Number(record.id);
			if (members.has(id)) continue;
			members.set(id, { ...record, id });
			fresh++;
			if (options.limit !== undefined && members.size >= options.limit) return [...members.values()];
		}
		const link = headerValue(response.headers, 'link');
		linked ||= link !== undefined;
		const more = linked ? link !== undefined : batch.length >= MAX_PER_PAGE && fresh > 0;
		if (!more) return [...members.values()];
	}
}

const membersKey = (groupId: number) => `requesterGroupMembers:${groupId}`;

/**
 * A group's members by ID, read once per execution however many items ask; this execution's own
 * writes keep it current.
 */
export async function groupMembers(session: FreshserviceSession, groupId: number, itemIndex?: number): Promise<Map<number, GroupMember>> {
	const key = membersKey(groupId);
	let members = session.lookups.get(key) as Promise<Map<number, GroupMember>> | undefined;
	if (!members) {
		members = listGroupMembers(session, groupId, { itemIndex }).then((list) => new Map(list.map((member) => [member.id, member])));
		session.lookups.set(key, members);
		// A failed read is not remembered: the next item tries again.
		members.catch(() => session.lookups.delete(key));
	}
	return await members;
}

async function isMemberNow(session: FreshserviceSession, groupId: number, requesterId: number, itemIndex: number): Promise<boolean> {
	const members = await listGroupMembers(session, groupId, { itemIndex });
	return members.some((member) => member.id === requesterId);
}

/**
 * Adds one requester to a manual requester group. Freshservice does not say what adding an
 * existing member answers: a refusal is checked against the members listing, and a requester who
 * is a member after all counts as added (a retried add whose first answer was lost, or someone
 * else's add at the same moment).
 */
export async function addGroupMember(
	session: FreshserviceSession,
	group: GroupRef,
	requester: GroupMember,
	itemIndex: number,
): Promise<void> {
	const requesterId = requester.id;
	const outcome = await sendFreshserviceRequest(session, {
		method: 'POST',
		path: memberPath(group.id, requesterId),
		action: `add requester ${requesterId} to the requester group "${group.name}"`,
		itemIndex,
		idempotent: true,
	});
	if (!outcome.ok) {
		const maybeMember = outcome.statusCode === 409 || outcome.statusCode === 400;
		if (!maybeMember || !(await isMemberNow(session, group.id, requesterId, itemIndex))) throw outcome.error;
	}
	(await cachedMembers(session, group.id))?.set(requesterId, requester);
}

/** Removes one requester from a manual requester group; a refusal for a requester who is not a member after all counts as removed. */
export async function removeGroupMember(session: FreshserviceSession, group: GroupRef, requesterId: number, itemIndex: number): Promise<void> {
	const outcome = await sendFreshserviceRequest(session, {
		method: 'DELETE',
		path: memberPath(group.id, requesterId),
		action: `remove requester ${requesterId} from the requester group "${group.name}"`,
		itemIndex,
		idempotent: true,
	});
	if (!outcome.ok) {
		const maybeGone = outcome.statusCode === 404 || outcome.statusCode === 400;
		if (!maybeGone || (await isMemberNow(session, group.id, requesterId, itemIndex))) throw outcome.error;
	}
	(await cachedMembers(session, group.id))?.delete(requesterId);
}

async function cachedMembers(session: FreshserviceSession, groupId: number): Promise<Map<number, GroupMember> | undefined> {
	const cached = session.lookups.get(membersKey(groupId)) as Promise<Map<number, GroupMember>> | undefined;
	return cached ? await cached.catch(() => undefined) : undefined;
}

/** Creates a manual requester group; the group list read in this execution learns it. */
export async function createRequesterGroup(
	session: FreshserviceSession,
	fields: { name: string; description?: string },
	itemIndex: number,
): Promise<IDataObject> {
	const response = await freshserviceRequest<IDataObject>(session, {
		method: 'POST',
		path: GROUP_ENDPOINTS.requesterGroups.path,
		body: fields as IDataObject,
		action: `create the requester group "${fields.name}"`,
		itemIndex,
	});
	const created = (response.body?.requester_group as IDataObject | undefined) ?? {};
	const listKey = `${GROUP_ENDPOINTS.requesterGroups.path}?{}`;
	const list = session.lists.get(listKey);
	if (list) session.lists.set(listKey, list.then((records) => [...records, created]));
	return created;
}

/**
 * An agent's group memberships, in one agent update with only `member_of` / `observer_of`. The
 * lists must hold the groups still pending approval too, or Freshservice drops those requests.
 */
export async function updateAgentGroups(
	session: FreshserviceSession,
	agentId: number,
	groups: { member_of?: number[]; observer_of?: number[] },
	itemIndex: number,
): Promise<IDataObject> {
	const response = await freshserviceRequest<IDataObject>(session, {
		method: 'PUT',
		path: `/agents/${agentId}`,
		body: groups as IDataObject,
		action: `change the group memberships of agent ${agentId}`,
		itemIndex,
		idempotent: true,
	});
	return (response.body?.agent as IDataObject | undefined) ?? {};
}

/** Every requester group, for the editor's list search (100 a page). */
export async function listRequesterGroups(session: FreshserviceSession): Promise<IDataObject[]> {
	return await listAll(session, { ...GROUP_ENDPOINTS.requesterGroups, action: 'list requester groups' });
}
