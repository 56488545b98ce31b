// Read-only lookups: departments, locations, roles, groups, requester groups, requester and agent fields.
import { nextLink, pageOf, parsePaging } from '../pagination';
import { compileQuery, unwrapQueryParam, type QueryFields } from '../query';
import type { Store } from '../store';
import { agentFieldList, requesterFieldList } from '../tenant';
import type { Group } from '../types';
import type { ApiEnvironment, ApiRequest, ApiResponse, Handler } from './context';
import { badRequest, notFound, ok } from './responses';

const NAME_QUERY_FIELDS: QueryFields<{ name: string }> = {
	name: { type: 'text', get: (record) => record.name },
};

/** A paginated list; `queryable` lists accept `?query="name:'Sales'"` (no link header on query answers). */
function listOf(key: string, records: readonly object[], request: ApiRequest, queryable = false): ApiResponse {
	const paged = parsePaging(request.params);
	if (!paged.ok) return badRequest(paged.errors);
	let items = records;
	const rawQuery = request.params.get('query');
	if (queryable && rawQuery !== null) {
		const unwrapped = unwrapQueryParam(rawQuery);
		if (!unwrapped.ok) return badRequest(unwrapped.errors);
		const compiled = compileQuery(unwrapped.text, NAME_QUERY_FIELDS);
		if (!compiled.ok) return badRequest(compiled.errors);
		items = records.filter((record) => compiled.matches({ name: String((record as { name?: unknown }).name ?? '') }));
		return ok({ [key]: pageOf(items, paged.paging).items });
	}
	const page = pageOf(items, paged.paging);
	const headers = page.hasMore ? { link: nextLink(request.origin, `/api/v2${request.path}`, request.params, paged.paging.page) } : undefined;
	return { status: 200, body: { [key]: page.items }, headers };
}

function showOf<T>(key: string, record: T | undefined, env: ApiEnvironment): ApiResponse {
	return record ? ok({ [key]: record }) : notFound(env.behaviours);
}

/** Groups with members and observers taken from the agents' member_of / observer_of. */
function groupsWithMembers(store: Store): Group[] {
	const members = new Map<number, number[]>();
	const observers = new Map<number, number[]>();
	const pendingMembers = new Map<number, number[]>();
	const pendingObservers = new Map<number, number[]>();
	const add = (map: Map<number, number[]>, ids: number[], userId: number) => {
		for (const id of ids) map.set(id, [...(map.get(id) ?? []), userId]);
	};
	for (const user of store.users.values()) {
		if (!user.agent) continue;
		add(members, user.agent.member_of, user.id);
		add(observers, user.agent.observer_of, user.id);
		add(pendingMembers, user.agent.member_of_pending_approval, user.id);
		add(pendingObservers, user.agent.observer_of_pending_approval, user.id);
	}
	return [...store.groups.values()].map((group) => ({
		...group,
		members: members.get(group.id) ?? [],
		observers: observers.get(group.id) ?? [],
		members_pending_approval: pendingMembers.get(group.id) ?? [],
		observers_pending_approval: pendingObservers.get(group.id) ?? [],
	}));
}

export const listDepartments: Handler = (request, env) =>
	listOf('departments', [...env.store.departments.values()], request, true);
export const showDepartment: Handler = (request, env) => showOf('department', env.store.departments.get(request.id), env);

export const listLocations: Handler = (request, env) => listOf('locations', [...env.store.locations.values()], request, true);
export const showLocation: Handler = (request, env) => showOf('location', env.store.locations.get(request.id), env);

export const listRoles: Handler = (request, env) => listOf('roles', [...env.store.roles.values()], request);
export const showRole: Handler = (request, env) => showOf('role', env.store.roles.get(request.id), env);

export const listGroups: Handler = (request, env) => listOf('groups', groupsWithMembers(env.store), request);
export const showGroup: Handler = (request, env) =>
	showOf('group', groupsWithMembers(env.store).find((group) => group.id === request.id), env);

export const listRequesterGroups: Handler = (request, env) =>
	listOf('requester_groups', [...env.store.requesterGroups.values()], request);
export const showRequesterGroup: Handler = (request, env) =>
	showOf('requester_group', env.store.requesterGroups.get(request.id), env);

export const listRequesterFields: Handler = (request, env) => listOf('requester_fields', requesterFieldList(env.store), request);
export const listAgentFields: Handler = (request, env) => listOf('agent_fields', agentFieldList(env.store), request);
