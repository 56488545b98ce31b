// Group membership: requester groups (create, members: list, add one, remove one), the rule that
// deactivation takes a requester out of every requester group, and agent-group approvals (an
// agent's new membership of a restricted, approval-enabled group waits for a group leader).
import { fieldError } from '../errors';
import { nextLink, pageOf, parsePaging } from '../pagination';
import { ID_BASES, type AgentData, type Store, type UserRecord } from '../store';
import type { Behaviours, RequesterGroup } from '../types';
import type { ApiEnvironment, ApiRequest, ApiResponse, Handler } from './context';
import { badRequest, fieldErrors, noContent, notFound, ok } from './responses';

export const GROUP_MESSAGES = {
	ruleBased: 'Requesters can be added to or removed from manual requester groups only',
	alreadyMember: 'The requester is already a member of this requester group',
	notMember: 'The requester is not a member of this requester group',
	inactiveRequester: 'The requester is deactivated',
	nameTaken: 'A requester group with this name already exists',
} as const;

/** Members of a requester group: the stored list for manual groups; every active requester for a rule-based one (the simulator's rule). */
export function requesterGroupMemberIds(store: Store, group: RequesterGroup): number[] {
	if (group.type === 'rule_based') {
		return store
			.sortedUsers('requesters')
			.filter((user) => user.active)
			.map((user) => user.id);
	}
	return store.requesterGroupMembers.get(group.id) ?? [];
}

function memberView(user: UserRecord): Record<string, unknown> {
	return { id: user.id, first_name: user.first_name, last_name: user.last_name, email: user.primary_email };
}

/** The `{id}` of `/requester_groups/{id}/members/{requester_id}` (the route's own id is the requester). */
function groupIdOf(request: ApiRequest): number {
	return Number(/^\/requester_groups\/(\d+)/.exec(request.path)?.[1] ?? 0);
}

function ruleBasedRefusal(behaviours: Behaviours): ApiResponse {
	return behaviours.ruleBasedGroupStatus === 403
		? { status: 403, body: { code: 'access_denied', message: GROUP_MESSAGES.ruleBased } }
		: badRequest([fieldError('type', 'invalid_value', GROUP_MESSAGES.ruleBased)]);
}

/** GET /requester_groups/{id}/members: paged as the `groupMembersPaging` switch says. */
export const listRequesterGroupMembers: Handler = (request, env) => {
	const group = env.store.requesterGroups.get(request.id);
	if (!group) return notFound(env.behaviours);
	const paged = parsePaging(request.params);
	if (!paged.ok) return badRequest(paged.errors);
	const members = requesterGroupMemberIds(env.store, group)
		.map((id) => env.store.users.get(id))
		.filter((user): user is UserRecord => user !== undefined);
	if (env.behaviours.groupMembersPaging === 'unpaged') return ok({ requesters: members.map(memberView) });
	const page = pageOf(members, paged.paging);
	const link = page.hasMore && env.behaviours.groupMembersPaging === 'link';
	const headers = link ? { link: nextLink(request.origin, `/api/v2${request.path}`, request.params, paged.paging.page) } : undefined;
	return { status: 200, body: { requesters: page.items.map(memberView) }, headers };
};

type MemberTarget = { group: RequesterGroup; requester: UserRecord; members: number[] } | ApiResponse;

function memberTarget(request: ApiRequest, env: ApiEnvironment): MemberTarget {
	const group = env.store.requesterGroups.get(groupIdOf(request));
	const requester = env.store.users.get(request.id);
	if (!group || !requester || requester.agent) return notFound(env.behaviours);
	if (group.type === 'rule_based') return ruleBasedRefusal(env.behaviours);
	return { group, requester, members: env.store.requesterGroupMembers.get(group.id) ?? [] };
}

/** POST /requester_groups/{id}/members/{requester_id}: 200 without a body (as documented). */
export const addRequesterGroupMember: Handler = (request, env) => {
	const target = memberTarget(request, env);
	if ('status' in target) return target;
	const { group, requester, members } = target;
	if (!requester.active) return badRequest([fieldError('requester_id', 'invalid_value', GROUP_MESSAGES.inactiveRequester)]);
	if (members.includes(requester.id)) {
		switch (env.behaviours.addExistingMember) {
			case 'succeed':
				return { status: 200 };
			case 'conflict':
				return fieldErrors(409, [fieldError('requester_id', 'duplicate_value', GROUP_MESSAGES.alreadyMember)]);
			case 'invalidValue':
				return badRequest([fieldError('requester_id', 'invalid_value', GROUP_MESSAGES.alreadyMember)]);
		}
	}
	env.store.requesterGroupMembers.set(group.id, [...members, requester.id]);
	return { status: 200 };
};

/** DELETE /requester_groups/{id}/members/{requester_id}: 204. */
export const removeRequesterGroupMember: Handler = (request, env) => {
	const target = memberTarget(request, env);
	if ('status' in target) return target;
	const { group, requester, members } = target;
	if (!members.includes(requester.id)) {
		switch (env.behaviours.removeNonMember) {
			case 'succeed':
				return noContent();
			case 'notFound':
				return notFound(env.behaviours);
			case 'invalidValue':
				return badRequest([fieldError('requester_id', 'invalid_value', GROUP_MESSAGES.notMember)]);
		}
	}
	env.store.requesterGroupMembers.set(
		group.id,
		members.filter((id) => id !== requester.id),
	);
	return noContent();
};

/** POST /requester_groups: a manual group. A name already in use is refused (undocumented; a guess). */
export const createRequesterGroup: Handler = (request, env) => {
	const { name, description } = request.body;
	const errors = [];
	if (typeof name !== 'string' || name.trim() === '') errors.push(fieldError('name', 'missing_field', 'It should not be blank'));
	else if (name.length > 255) errors.push(fieldError('name', 'invalid_value', 'Has more than 255 characters'));
	if (description !== undefined && description !== null && typeof description !== 'string') {
		errors.push(fieldError('description', 'datatype_mismatch', 'It should be a/an String'));
	}
	for (const key of Object.keys(request.body)) {
		if (key !== 'name' && key !== 'description') errors.push(fieldError(key, 'invalid_field', 'Unexpected/invalid field in request'));
	}
	if (errors.length > 0) return badRequest(errors);
	const wanted = (name as string).trim();
	if ([...env.store.requesterGroups.values()].some((group) => group.name.toLowerCase() === wanted.toLowerCase())) {
		return fieldErrors(409, [fieldError('name', 'duplicate_value', GROUP_MESSAGES.nameTaken)]);
	}
	const id = Math.max(ID_BASES.requesterGroup - 1, ...env.store.requesterGroups.keys()) + 1;
	const group: RequesterGroup = { id, name: wanted, description: (description as string | undefined) ?? null, type: 'manual' };
	env.store.requesterGroups.set(id, group);
	return ok({ requester_group: group }, 201);
};

/** Deactivation takes a requester out of every (manual) requester group; remembered for `reactivateRestoresGroups`. */
export function leaveRequesterGroups(store: Store, userId: number): void {
	const left: number[] = [];
	for (const [groupId, members] of store.requesterGroupMembers) {
		if (!members.includes(userId)) continue;
		left.push(groupId);
		store.requesterGroupMembers.set(
			groupId,
			members.filter((id) => id !== userId),
		);
	}
	if (left.length > 0) store.groupsBeforeDeactivation.set(userId, left);
}

export function rejoinRequesterGroups(store: Store, userId: number, behaviours: Behaviours): void {
	const groups = store.groupsBeforeDeactivation.get(userId) ?? [];
	store.groupsBeforeDeactivation.delete(userId);
	if (!behaviours.reactivateRestoresGroups) return;
	for (const groupId of groups) {
		const members = store.requesterGroupMembers.get(groupId);
		if (members && !members.includes(userId)) members.push(userId);
	}
}

function needsApproval(store: Store, groupId: number): boolean {
	const group = store.groups.get(groupId);
	return group !== undefined && group.restricted && group.approval_required;
}

/**
 * After `member_of` / `observer_of` were written as sent: a group the agent was not yet approved in
 * that needs approval moves to `*_pending_approval`; a pending group no longer sent is dropped.
 */
export function settleGroupApprovals(store: Store, agent: AgentData, before: AgentData | null, sent: Record<string, unknown>): void {
	const pairs = [
		['member_of', 'member_of_pending_approval'],
		['observer_of', 'observer_of_pending_approval'],
	] as const;
	for (const [approvedKey, pendingKey] of pairs) {
		if (!(approvedKey in sent)) continue;
		const approvedBefore = new Set(before?.[approvedKey] ?? []);
		const requested = agent[approvedKey];
		agent[approvedKey] = requested.filter((id) => approvedBefore.has(id) || !needsApproval(store, id));
		agent[pendingKey] = requested.filter((id) => !approvedBefore.has(id) && needsApproval(store, id));
	}
}
