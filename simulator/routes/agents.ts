// /agents: list with filters, /agents/me, CRUD (shared with requesters) and convert_to_requester.
import { fieldError } from '../errors';
import { parsePaging } from '../pagination';
import type { UserRecord } from '../store';
import type { Handler } from './context';
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

const BOOLEAN_VALUES = ['true', 'false'];
const AGENT_STATES = ['fulltime', 'occasional'];

export const listAgents: Handler = (request, env) => {
	if (request.params.has('query')) {
		return searchUsers('agent', request, env, userQueryFields('agent', env), (user) => user.agent !== null);
	}
	const paged = parsePaging(request.params);
	const errors = paged.ok ? [] : [...paged.errors];
	const active = request.params.get('active');
	const state = request.params.get('state');
	if (active !== null && !BOOLEAN_VALUES.includes(active)) {
		errors.push(fieldError('active', 'invalid_value', `It should be one of these values: '${BOOLEAN_VALUES.join(',')}'`));
	}
	if (state !== null && !AGENT_STATES.includes(state)) {
		errors.push(fieldError('state', 'invalid_value', `It should be one of these values: '${AGENT_STATES.join(',')}'`));
	}
	if (!paged.ok || errors.length > 0) return badRequest(errors);

	const email = request.params.get('email');
	let users: readonly UserRecord[] =
		email !== null
			? usersByEmail(env, email, active !== null || env.behaviours.emailFilterIncludesInactive).filter((user) => user.agent !== null)
			: env.store.sortedUsers('agents');
	if (active !== null) users = users.filter((user) => user.active === (active === 'true'));
	if (state !== null) users = users.filter((user) => user.agent?.occasional === (state === 'occasional'));
	for (const phoneField of ['mobile_phone_number', 'work_phone_number'] as const) {
		const phone = request.params.get(phoneField);
		if (phone !== null) users = users.filter((user) => user[phoneField] === phone);
	}
	return listPage('agent', users, paged.paging, request, env);
};

/** The agent who owns the API key: the cheap probe a credential test uses. */
export const showCurrentAgent: Handler = (request, env) => ok(userBody(request.owner, 'agent', env));

export const createAgent: Handler = (request, env) => createUser('agent', request, env);
export const showAgent: Handler = (request, env) => showUser('agent', request, env);
export const updateAgent: Handler = (request, env) => updateUser('agent', request, env);
export const deactivateAgent: Handler = (request, env) => deactivateUser('agent', request, env);
export const reactivateAgent: Handler = (request, env) => reactivateUser('agent', request, env);
export const forgetAgent: Handler = (request, env) => forgetUser('agent', request, env);

export const convertToRequester: Handler = (request, env) => {
	const user = findUser(env, request.id, 'agent');
	if (!user) return notFound(env.behaviours);
	env.store.mutateUser(
		user,
		(target) => {
			target.agent = null;
			target.updated_at = request.now;
		},
		request.now,
	);
	return ok(userBody(user, 'requester', env));
};
