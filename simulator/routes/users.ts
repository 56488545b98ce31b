// Operations requesters and agents share: create, read, update, deactivate, reactivate, forget, and
// the email/phone filters and `?query=` search of their list endpoints.
import { MESSAGES, fieldError } from '../errors';
import { QUERY_MAX_PAGES, QUERY_PER_PAGE, nextLink, pageOf, parsePaging, type Paging } from '../pagination';
import { compileQuery, unwrapQueryParam, type QueryFields } from '../query';
import { createAgentData, createUserRecord, type UserRecord } from '../store';
import { validateUserPayload, type UserKind } from '../validation';
import { toAgentView, toRequesterView } from '../views';
import type { ApiEnvironment, ApiRequest, ApiResponse } from './context';
import { leaveRequesterGroups, rejoinRequesterGroups, settleGroupApprovals } from './groups';
import { badRequest, fieldErrors, noContent, notFound, ok } from './responses';

const AGENT_DATA_KEYS = new Set([
	'occasional',
	'scoreboard_level_id',
	'member_of',
	'observer_of',
	'roles',
	'signature',
	'workspace_ids',
	'api_key_enabled',
]);

export const collectionName = (kind: UserKind): 'requesters' | 'agents' => (kind === 'agent' ? 'agents' : 'requesters');

/** The user behind /requesters/{id} or /agents/{id}: an agent is not found under /requesters and vice versa. */
export function findUser(env: ApiEnvironment, id: number, kind: UserKind): UserRecord | undefined {
	const user = env.store.users.get(id);
	if (!user) return undefined;
	return (kind === 'agent') === (user.agent !== null) ? user : undefined;
}

export function userBody(user: UserRecord, kind: UserKind, env: ApiEnvironment): Record<string, unknown> {
	return kind === 'agent' ? { agent: toAgentView(user, env.store) } : { requester: toRequesterView(user, env.store) };
}

function applyValues(user: UserRecord, values: Record<string, unknown>): void {
	const userFields = user as unknown as Record<string, unknown>;
	for (const [key, value] of Object.entries(values)) {
		if (key === 'custom_fields') {
			const target = user.agent ? user.agent : user;
			target.custom_fields = { ...target.custom_fields, ...(value as Record<string, never>) };
		} else if (key === 'email') {
			user.primary_email = value as string;
		} else if (AGENT_DATA_KEYS.has(key) && user.agent) {
			(user.agent as unknown as Record<string, unknown>)[key] = value;
		} else {
			userFields[key] = value;
		}
	}
}

export function createUser(kind: UserKind, request: ApiRequest, env: ApiEnvironment): ApiResponse {
	const { errors, duplicates, values } = validateUserPayload(request.body, env.store, {
		kind,
		mode: 'create',
		lowercaseEmails: env.behaviours.lowercaseEmails,
	});
	if (errors.length > 0) return badRequest(errors);
	if (duplicates.length > 0) return fieldErrors(env.behaviours.duplicateEmailStatus, duplicates);
	const user = createUserRecord(env.store.newUserId(), request.now, {
		first_name: values.first_name as string,
		agent: kind === 'agent' ? createAgentData() : null,
	});
	applyValues(user, values);
	if (user.agent) settleGroupApprovals(env.store, user.agent, null, values);
	env.store.addUser(user, request.now);
	const collection = collectionName(kind);
	return {
		status: 201,
		body: userBody(user, kind, env),
		headers: { Location: `${request.origin}/api/v2/${collection}/${user.id}` },
	};
}

export function showUser(kind: UserKind, request: ApiRequest, env: ApiEnvironment): ApiResponse {
	const user = findUser(env, request.id, kind);
	return user ? ok(userBody(user, kind, env)) : notFound(env.behaviours);
}

export function updateUser(kind: UserKind, request: ApiRequest, env: ApiEnvironment): ApiResponse {
	const user = findUser(env, request.id, kind);
	if (!user) return notFound(env.behaviours);
	if (!user.active && env.behaviours.updateInactive === 'reject') {
		return fieldErrors(409, [fieldError('active', 'incompatible_field', MESSAGES.deactivatedUser)]);
	}
	const { errors, duplicates, values } = validateUserPayload(request.body, env.store, {
		kind,
		mode: 'update',
		current: user,
		lowercaseEmails: env.behaviours.lowercaseEmails,
	});
	if (errors.length > 0) return badRequest(errors);
	if (duplicates.length > 0) return fieldErrors(env.behaviours.duplicateEmailStatus, duplicates);
	env.store.mutateUser(
		user,
		(target) => {
			const agentBefore = target.agent ? { ...target.agent } : null;
			applyValues(target, values);
			if (target.agent) settleGroupApprovals(env.store, target.agent, agentBefore, values);
			// Documented: false unless sent as true in this very payload.
			target.can_see_all_tickets_from_associated_departments = values.can_see_all_tickets_from_associated_departments === true;
			target.updated_at = request.now;
		},
		request.now,
	);
	return ok(userBody(user, kind, env));
}

/** DELETE /requesters/{id} answers 204; DELETE /agents/{id} answers 200 with the agent. */
export function deactivateUser(kind: UserKind, request: ApiRequest, env: ApiEnvironment): ApiResponse {
	const user = findUser(env, request.id, kind);
	if (!user) return notFound(env.behaviours);
	const success = () => (kind === 'agent' ? ok(userBody(user, kind, env)) : noContent());
	if (!user.active) {
		switch (env.behaviours.deactivateInactive) {
			case 'succeed':
				return success();
			case 'notFound':
				return notFound(env.behaviours);
			case 'conflict':
				return fieldErrors(409, [fieldError('active', 'incompatible_field', MESSAGES.alreadyDeactivated)]);
		}
	}
	env.store.mutateUser(
		user,
		(target) => {
			target.active = false;
			target.updated_at = request.now;
			if (!target.agent) leaveRequesterGroups(env.store, target.id);
			if (env.behaviours.deactivateClearsFields) {
				target.department_ids = [];
				target.reporting_manager_id = null;
				target.location_id = null;
			}
		},
		request.now,
	);
	return success();
}

export function reactivateUser(kind: UserKind, request: ApiRequest, env: ApiEnvironment): ApiResponse {
	const user = findUser(env, request.id, kind);
	if (!user) return notFound(env.behaviours);
	if (user.active) {
		switch (env.behaviours.reactivateActive) {
			case 'succeed':
				return ok(userBody(user, kind, env));
			case 'conflict':
				return fieldErrors(409, [fieldError('active', 'incompatible_field', MESSAGES.alreadyActive)]);
			case 'invalidValue':
				return badRequest([fieldError('active', 'invalid_value', MESSAGES.alreadyActive)]);
		}
	}
	env.store.mutateUser(
		user,
		(target) => {
			target.active = true;
			target.updated_at = request.now;
			if (!target.agent) rejoinRequesterGroups(env.store, target.id, env.behaviours);
		},
		request.now,
	);
	return ok(userBody(user, kind, env));
}

export function forgetUser(kind: UserKind, request: ApiRequest, env: ApiEnvironment): ApiResponse {
	const user = findUser(env, request.id, kind);
	if (!user) return notFound(env.behaviours);
	env.store.removeUser(user, request.now);
	return noContent();
}

/** The `email` filter, answered from the email index, subject to the three email-filter switches. */
export function usersByEmail(env: ApiEnvironment, email: string, includeInactive: boolean): UserRecord[] {
	const wanted = email.trim();
	const user = env.store.emailOwner(wanted);
	if (!user) return [];
	const same = env.behaviours.emailFilterIgnoresCase
		? (stored: string | null) => stored?.toLowerCase() === wanted.toLowerCase()
		: (stored: string | null) => stored === wanted;
	const matches = same(user.primary_email) || (env.behaviours.emailFilterMatchesSecondary && user.secondary_emails.some(same));
	if (!matches) return [];
	if (!user.active && !includeInactive) return [];
	return [user];
}

/** One page of a filtered list, with a `link` header when another page follows. */
export function listPage(
	kind: UserKind,
	users: readonly UserRecord[],
	paging: Paging,
	request: ApiRequest,
	env: ApiEnvironment,
	asRequesters = kind === 'requester',
): ApiResponse {
	const page = pageOf(users, paging);
	const body = asRequesters
		? { requesters: page.items.map((user) => toRequesterView(user, env.store)) }
		: { agents: page.items.map((user) => toAgentView(user, env.store)) };
	const headers = page.hasMore ? { link: nextLink(request.origin, `/api/v2${request.path}`, request.params, paging.page) } : undefined;
	return { status: 200, body, headers };
}

/** `?query="..."`: newest first, 30 a page, at most 40 pages, no link header, lagging writes. */
export function searchUsers(
	kind: UserKind,
	request: ApiRequest,
	env: ApiEnvironment,
	fields: QueryFields<UserRecord>,
	include: (user: UserRecord) => boolean,
	asRequesters = kind === 'requester',
): ApiResponse {
	const paged = parsePaging(request.params);
	if (!paged.ok) return badRequest(paged.errors);
	const page = paged.paging.page;
	if (page > QUERY_MAX_PAGES) {
		return badRequest([fieldError('page', 'invalid_value', `It should be less than or equal to ${QUERY_MAX_PAGES}`)]);
	}
	const unwrapped = unwrapQueryParam(request.params.get('query') ?? '');
	if (!unwrapped.ok) return badRequest(unwrapped.errors);
	const compiled = compileQuery(unwrapped.text, fields);
	if (!compiled.ok) return badRequest(compiled.errors);
	const found = env.store
		.searchableUsers(request.now)
		.filter((user) => (user.active || env.behaviours.searchIncludesInactive) && include(user) && compiled.matches(user))
		.sort((a, b) => b.created_at - a.created_at || b.id - a.id)
		.slice(0, QUERY_MAX_PAGES * QUERY_PER_PAGE);
	const items = pageOf(found, { page, perPage: QUERY_PER_PAGE }).items;
	const body = asRequesters
		? { requesters: items.map((user) => toRequesterView(user, env.store)) }
		: { agents: items.map((user) => toAgentView(user, env.store)) };
	return { status: 200, body };
}

const dateOrNull = (value: unknown): number | null => (value === null ? null : Date.parse(String(value)));

/** Query fields both kinds share; the email field and custom fields differ. */
export function userQueryFields(kind: UserKind, env: ApiEnvironment): QueryFields<UserRecord> {
	const fields: QueryFields<UserRecord> = {
		first_name: { type: 'text', get: (user) => user.first_name, startsWith: true },
		last_name: { type: 'text', get: (user) => user.last_name, startsWith: true },
		name: { type: 'text', get: (user) => [user.first_name, user.last_name].filter(Boolean).join(' '), startsWith: true },
		job_title: { type: 'text', get: (user) => user.job_title },
		work_phone_number: { type: 'text', get: (user) => user.work_phone_number, startsWith: true },
		mobile_phone_number: { type: 'text', get: (user) => user.mobile_phone_number, startsWith: true },
		department_id: { type: 'number', get: (user) => user.department_ids },
		reporting_manager_id: { type: 'number', get: (user) => user.reporting_manager_id },
		location_id: { type: 'number', get: (user) => user.location_id },
		time_zone: { type: 'text', get: (user) => user.time_zone },
		language: { type: 'text', get: (user) => user.language },
		created_at: { type: 'date', get: (user) => user.created_at },
		updated_at: { type: 'date', get: (user) => user.updated_at },
		[kind === 'agent' ? 'email' : 'primary_email']: {
			type: 'text',
			get: (user) => user.primary_email,
			startsWith: true,
			email: true,
		},
	};
	const definitions = kind === 'agent' ? env.store.agentCustomFields : env.store.requesterCustomFields;
	for (const definition of definitions) {
		const read = (user: UserRecord) => (kind === 'agent' ? user.agent?.custom_fields : user.custom_fields)?.[definition.name] ?? null;
		const type =
			definition.type === 'custom_dropdown' ? 'dropdown'
			: definition.type === 'custom_checkbox' ? 'boolean'
			: definition.type === 'custom_number' ? 'number'
			: definition.type === 'custom_date' ? 'date'
			: 'text';
		fields[definition.name] = {
			type,
			choices: definition.choices,
			get: definition.type === 'custom_date' ? (user) => dateOrNull(read(user)) : read,
		};
	}
	return fields;
}
