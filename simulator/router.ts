// The API's route table: path below /api/v2 and method → handler.
import {
	convertToRequester,
	createAgent,
	deactivateAgent,
	forgetAgent,
	listAgents,
	reactivateAgent,
	showAgent,
	showCurrentAgent,
	updateAgent,
} from './routes/agents';
import type { RouteHandler } from './routes/context';
import { addRequesterGroupMember, createRequesterGroup, listRequesterGroupMembers, removeRequesterGroupMember } from './routes/groups';
import {
	listAgentFields,
	listDepartments,
	listGroups,
	listLocations,
	listRequesterFields,
	listRequesterGroups,
	listRoles,
	showDepartment,
	showGroup,
	showLocation,
	showRequesterGroup,
	showRole,
} from './routes/lookups';
import { createRequest, listRequests, listTickets, showForm, showRequest } from './routes/onboarding';
import {
	convertToAgent,
	createRequester,
	deactivateRequester,
	forgetRequester,
	listRequesters,
	mergeRequesters,
	reactivateRequester,
	showRequester,
	updateRequester,
} from './routes/requesters';

interface Route {
	pattern: RegExp;
	methods: Partial<Record<string, RouteHandler>>;
}

const ROUTES: Route[] = [
	{
		pattern: /^\/requesters$/,
		methods: { GET: { run: listRequesters, listKind: 'requesters' }, POST: { run: createRequester, takesBody: true } },
	},
	{
		pattern: /^\/requesters\/(\d+)$/,
		methods: {
			GET: { run: showRequester },
			PUT: { run: updateRequester, takesBody: true },
			DELETE: { run: deactivateRequester },
		},
	},
	{ pattern: /^\/requesters\/(\d+)\/reactivate$/, methods: { PUT: { run: reactivateRequester } } },
	{ pattern: /^\/requesters\/(\d+)\/forget$/, methods: { DELETE: { run: forgetRequester } } },
	{ pattern: /^\/requesters\/(\d+)\/convert_to_agent$/, methods: { PUT: { run: convertToAgent } } },
	{ pattern: /^\/requesters\/(\d+)\/merge$/, methods: { PUT: { run: mergeRequesters } } },
	{
		pattern: /^\/agents$/,
		methods: { GET: { run: listAgents, listKind: 'agents' }, POST: { run: createAgent, takesBody: true } },
	},
	{ pattern: /^\/agents\/me$/, methods: { GET: { run: showCurrentAgent } } },
	{
		pattern: /^\/agents\/(\d+)$/,
		methods: { GET: { run: showAgent }, PUT: { run: updateAgent, takesBody: true }, DELETE: { run: deactivateAgent } },
	},
	{ pattern: /^\/agents\/(\d+)\/reactivate$/, methods: { PUT: { run: reactivateAgent } } },
	{ pattern: /^\/agents\/(\d+)\/forget$/, methods: { DELETE: { run: forgetAgent } } },
	{ pattern: /^\/agents\/(\d+)\/convert_to_requester$/, methods: { PUT: { run: convertToRequester } } },
	{ pattern: /^\/departments$/, methods: { GET: { run: listDepartments } } },
	{ pattern: /^\/departments\/(\d+)$/, methods: { GET: { run: showDepartment } } },
	{ pattern: /^\/locations$/, methods: { GET: { run: listLocations } } },
	{ pattern: /^\/locations\/(\d+)$/, methods: { GET: { run: showLocation } } },
	{ pattern: /^\/roles$/, methods: { GET: { run: listRoles } } },
	{ pattern: /^\/roles\/(\d+)$/, methods: { GET: { run: showRole } } },
	{ pattern: /^\/groups$/, methods: { GET: { run: listGroups } } },
	{ pattern: /^\/groups\/(\d+)$/, methods: { GET: { run: showGroup } } },
	{ pattern: /^\/requester_groups$/, methods: { GET: { run: listRequesterGroups }, POST: { run: createRequesterGroup, takesBody: true } } },
	{ pattern: /^\/requester_groups\/(\d+)\/members$/, methods: { GET: { run: listRequesterGroupMembers } } },
	{
		// The id the handlers get is the requester's; the group's is read from the path.
		pattern: /^\/requester_groups\/\d+\/members\/(\d+)$/,
		methods: { POST: { run: addRequesterGroupMember }, DELETE: { run: removeRequesterGroupMember } },
	},
	{ pattern: /^\/requester_groups\/(\d+)$/, methods: { GET: { run: showRequesterGroup } } },
	{ pattern: /^\/requester_fields$/, methods: { GET: { run: listRequesterFields } } },
	{ pattern: /^\/agent_fields$/, methods: { GET: { run: listAgentFields } } },
	...(['onboarding', 'offboarding'] as const).flatMap((kind): Route[] => [
		{ pattern: new RegExp(`^/${kind}_requests$`), methods: { GET: { run: listRequests(kind) }, POST: { run: createRequest(kind), takesBody: true } } },
		{ pattern: new RegExp(`^/${kind}_requests/form$`), methods: { GET: { run: showForm(kind) } } },
		{ pattern: new RegExp(`^/${kind}_requests/(\\d+)$`), methods: { GET: { run: showRequest(kind) } } },
		{ pattern: new RegExp(`^/${kind}_requests/(\\d+)/tickets$`), methods: { GET: { run: listTickets(kind) } } },
	]),
];

export type RouteMatch =
	| { kind: 'found'; handler: RouteHandler; id: number }
	| { kind: 'methodNotAllowed'; allowed: string[] }
	| { kind: 'notFound' };

/** path is below /api/v2, without query; a trailing slash is ignored. */
export function matchRoute(method: string, path: string): RouteMatch {
	const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
	for (const route of ROUTES) {
		const match = route.pattern.exec(normalised);
		if (!match) continue;
		const handler = route.methods[method];
		if (!handler) return { kind: 'methodNotAllowed', allowed: Object.keys(route.methods) };
		return { kind: 'found', handler, id: match[1] ? Number(match[1]) : 0 };
	}
	return { kind: 'notFound' };
}
