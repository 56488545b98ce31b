// /requesters: list with filters, CRUD (shared with agents), merge and convert_to_agent.
import { fieldError } from '../errors';
import { parsePaging } from '../pagination';
import { createAgentData, type UserRecord } from '../store';
import { roleIdByName } from '../tenant';
import type { ApiEnvironment, ApiRequest, ApiResponse, Handler } from './context';
import { badRequest, notFound, ok } from './responses';
import {
	createUser,
	deactivateUser,
	findUser,
	forgetUser,
	listPage,
	reactivateUser,
	searchUsers,
	showUser,
	updateUser,
	userBody,
	userQueryFields,
	usersByEmail,
} from './users';

export const listRequesters: Handler = (request, env) => {
	const includeAgents = request.params.get('include_agents') === 'true';
	const belongs = (user: UserRecord) => includeAgents || user.agent === null;
	if (request.params.has('query')) {
		return searchUsers('requester', request, env, userQueryFields('requester', env), belongs, true);
	}
	const paged = parsePaging(request.params);
	if (!paged.ok) return badRequest(paged.errors);
	const email = request.params.get('email');
	let users: readonly UserRecord[] =
		email !== null
			? usersByEmail(env, email, env.behaviours.emailFilterIncludesInactive).filter(belongs)
			: env.store.sortedUsers(includeAgents ? 'requestersAndAgents' : 'requesters');
	if (email === null && !env.behaviours.unfilteredListIncludesInactive) users = users.filter((user) => user.active);
	for (const phoneField of ['mobile_phone_number', 'work_phone_number'] as const) {
		const phone = request.params.get(phoneField);
		if (phone !== null) users = users.filter((user) => user[phoneField] === phone);
	}
	return listPage('requester', users, paged.paging, request, env, true);
};

export const createRequester: Handler = (request, env) => createUser('requester', request, env);
/** An agent's id answers 404, or by switch the agent in requester shape (`is_agent: true`). */
export const showRequester: Handler = (request, env) => {
	const user = env.store.users.get(request.id);
	if (user?.agent && env.behaviours.requesterByIdForAgent === 'record') return ok(userBody(user, 'requester', env));
	return showUser('requester', request, env);
};
export const updateRequester: Handler = (request, env) => updateUser('requester', request, env);
export const deactivateRequester: Handler = (request, env) => deactivateUser('requester', request, env);
export const reactivateRequester: Handler = (request, env) => reactivateUser('requester', request, env);
export const forgetRequester: Handler = (request, env) => forgetUser('requester', request, env);

/** An occasional agent with the "SD Agent" role and no groups; same id. */
export const convertToAgent: Handler = (request, env) => {
	const user = findUser(env, request.id, 'requester');
	if (!user) return notFound(env.behaviours);
	if (!user.primary_email) {
		return badRequest([fieldError('primary_email', 'missing_field', 'An agent needs a primary email address')]);
	}
	env.store.mutateUser(
		user,
		(target) => {
			target.agent = createAgentData({
				occasional: true,
				roles: [{ role_id: roleIdByName(env.store, 'SD Agent'), assignment_scope: 'entire_helpdesk', groups: [] }],
			});
			target.updated_at = request.now;
		},
		request.now,
	);
	return ok(userBody(user, 'agent', env));
};

/** PUT /requesters/{id}/merge?secondary_requesters=1,2: the secondaries' emails move to the primary and they are gone. */
export const mergeRequesters: Handler = (request, env) => {
	const primary = findUser(env, request.id, 'requester');
	if (!primary) return notFound(env.behaviours);
	const secondaries = parseSecondaries(request, env, primary);
	if (!Array.isArray(secondaries)) return secondaries;
	const movedEmails: string[] = [];
	const phones: Pick<UserRecord, 'work_phone_number' | 'mobile_phone_number'> = {
		work_phone_number: primary.work_phone_number,
		mobile_phone_number: primary.mobile_phone_number,
	};
	for (const secondary of secondaries) {
		if (secondary.primary_email) movedEmails.push(secondary.primary_email);
		movedEmails.push(...secondary.secondary_emails);
		phones.work_phone_number ??= secondary.work_phone_number;
		phones.mobile_phone_number ??= secondary.mobile_phone_number;
		env.store.removeUser(secondary, request.now);
	}
	env.store.mutateUser(
		primary,
		(target) => {
			const ownEmails = target.primary_email ? [target.primary_email, ...target.secondary_emails] : target.secondary_emails;
			const known = new Set(ownEmails.map((email) => email.toLowerCase()));
			for (const email of movedEmails) {
				if (!known.has(email.toLowerCase())) target.secondary_emails.push(email);
				known.add(email.toLowerCase());
			}
			Object.assign(target, phones);
			target.updated_at = request.now;
		},
		request.now,
	);
	return ok(userBody(primary, 'requester', env));
};

function parseSecondaries(request: ApiRequest, env: ApiEnvironment, primary: UserRecord): UserRecord[] | ApiResponse {
	const raw = request.params.get('secondary_requesters');
	if (raw === null || raw.trim() === '') {
		return badRequest([fieldError('secondary_requesters', 'missing_field', 'It should be a/an Array')]);
	}
	const parts = raw.split(',').map((part) => part.trim());
	if (!parts.every((part) => /^\d+$/.test(part))) {
		return badRequest([fieldError('secondary_requesters', 'datatype_mismatch', 'It should contain elements of type Positive Integer only')]);
	}
	const ids = [...new Set(parts.map(Number))];
	const invalid = ids.filter((id) => id === primary.id || !findUser(env, id, 'requester'));
	if (invalid.length > 0) {
		return badRequest([fieldError('secondary_requesters', 'invalid_value', `There is no requester that can be merged with id ${invalid.join(', ')}`)]);
	}
	return ids.map((id) => findUser(env, id, 'requester') as UserRecord);
}
