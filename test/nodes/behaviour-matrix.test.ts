/**
 * The behaviour matrix: every operation of the node, run through n8n-core, under every setting of
 * every simulator switch that a lookup or a write depends on (Freshservice does not document
 * these answers, see README.md "Freshservice's undocumented answers").
 *
 * A cell asserts what a user needs: the right person found, or a "not found" that names what was
 * tried; never a wrong person changed, never a duplicate created; everyone else left as they were.
 * Operations are rows (OPERATIONS: one entry each, with what the user needs under the defaults and
 * where a setting changes that), settings are columns (SETTINGS).
 *
 * @slow the longest file by far, all CPU: started early (see test/sequencer.js)
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { AgentView, Behaviours, LogEntry, RequesterView, SimulatorState } from '../../simulator';
import { BEHAVIOUR_VALUES, DEFAULT_BEHAVIOURS, SIMULATOR_API_KEY, SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';
import { runNode } from '../harness/source';
import { apiClient, testClock } from '../simulator/helpers';
import { byEmail, byId, useSimulator } from './fixtures';

const clock = testClock();
const { sim, credentials } = useSimulator({ clock: clock.now });

/** Ten minutes: longer than any run, so a change made in the cell is not yet searchable. */
const SEARCH_LAG_MS = 10 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// The people every cell starts with. "Long ago" means before the search index caught up.

type PersonKey = 'jane' | 'dan' | 'rita' | 'ada' | 'otto';

interface Person {
	kind: 'requester' | 'agent';
	/** As the HR system typed it; stored lower-cased unless lowercaseEmails is off. */
	email: string;
	firstName: string;
	secondaryEmails?: string[];
	state: 'active' | 'deactivatedLongAgo' | 'deactivatedJustNow';
}

const PEOPLE: Record<PersonKey, Person> = {
	jane: { kind: 'requester', email: 'Jane.Active@Example.com', firstName: 'Jane', secondaryEmails: ['jane.alias@example.com'], state: 'active' },
	dan: { kind: 'requester', email: 'dan.gone@example.com', firstName: 'Dan', state: 'deactivatedLongAgo' },
	rita: { kind: 'requester', email: 'rita.recent@example.com', firstName: 'Rita', state: 'deactivatedJustNow' },
	ada: { kind: 'agent', email: 'ada.agent@example.com', firstName: 'Ada', state: 'active' },
	otto: { kind: 'agent', email: 'otto.gone@example.com', firstName: 'Otto', state: 'deactivatedLongAgo' },
};

const lookupEmail = (key: PersonKey) => PEOPLE[key].email.toLowerCase();
const NOBODY = 'nobody@example.com';
const UNKNOWN_ID = 21000999999;
const NEW_HIRE = 'new.hire@example.com';

interface World {
	ids: Record<PersonKey, number>;
}

async function createWorld(): Promise<World> {
	const api = apiClient(sim(), SIMULATOR_API_KEY);
	const role = sim().control.state().roles.find((candidate) => candidate.name === 'SD Agent')!;
	const ids = {} as Record<PersonKey, number>;
	const path = (key: PersonKey) => `/${PEOPLE[key].kind === 'agent' ? 'agents' : 'requesters'}/${ids[key]}`;
	for (const [key, person] of Object.entries(PEOPLE) as [PersonKey, Person][]) {
		const response =
			person.kind === 'agent'
				? await api.post('/agents', { first_name: person.firstName, email: person.email, roles: [{ role_id: role.id, assignment_scope: 'entire_helpdesk' }] })
				: await api.post('/requesters', { first_name: person.firstName, primary_email: person.email, secondary_emails: person.secondaryEmails ?? [] });
		if (response.status !== 201) throw new Error(`World: ${key} not created: ${JSON.stringify(response.data)}`);
		ids[key] = (response.data.agent ?? response.data.requester).id;
		if (person.state === 'deactivatedLongAgo') await api.delete(path(key));
	}
	clock.advance(60 * 60 * 1000);
	for (const key of Object.keys(PEOPLE) as PersonKey[]) if (PEOPLE[key].state === 'deactivatedJustNow') await api.delete(path(key));
	return { ids };
}

// ---------------------------------------------------------------------------------------------
// Settings: each switch's every value, one at a time, and the combinations that make an outcome
// impossible. The key is the admin's unless the setting is about what another key may do.

const HIDDEN_FROM_FILTERS = 'no filter returns deactivated requesters';
const HIDDEN_FROM_LISTS = 'no list at all returns deactivated requesters';
const HIDDEN_AND_LAGGING = 'email filter hides deactivated users, search lags';

interface Setting {
	name: string;
	behaviours: Partial<Behaviours>;
	apiKey?: string;
}

/** Switches a lookup or a write depends on; the rest (429 body, header case) are the transport's. */
const LOOKUP_AND_WRITE_SWITCHES = [
	'emailFilterIncludesInactive',
	'emailFilterMatchesSecondary',
	'emailFilterIgnoresCase',
	'lowercaseEmails',
	'searchIncludesInactive',
	'searchIndexLagMs',
	'includeAgentsNeedsManageAgents',
	'unfilteredListIncludesInactive',
	'requesterByIdForAgent',
	'notFoundBody',
	'duplicateEmailStatus',
	'updateInactive',
	'deactivateInactive',
	'deactivateClearsFields',
	'reactivateActive',
] as const satisfies readonly (keyof Behaviours)[];

/** Every value of a switch other than its default (a lag: one that outlasts the run). */
function otherValues(key: (typeof LOOKUP_AND_WRITE_SWITCHES)[number]): unknown[] {
	const values = BEHAVIOUR_VALUES[key];
	if (values === 'boolean') return [!DEFAULT_BEHAVIOURS[key]];
	if (values === 'milliseconds') return [SEARCH_LAG_MS];
	return (values as readonly unknown[]).filter((value) => value !== DEFAULT_BEHAVIOURS[key]);
}

const SETTINGS: Setting[] = [
	{ name: 'defaults', behaviours: {} },
	...LOOKUP_AND_WRITE_SWITCHES.filter((key) => key !== 'includeAgentsNeedsManageAgents').flatMap((key) =>
		otherValues(key).map((value) => ({ name: `${key}=${String(value)}`, behaviours: { [key]: value } })),
	),
	// Only a key without "Manage Agents" can tell this switch's settings apart.
	{ name: 'supervisor key, includeAgentsNeedsManageAgents=false', behaviours: { includeAgentsNeedsManageAgents: false }, apiKey: SIMULATOR_SUPERVISOR_API_KEY },
	{ name: 'supervisor key, includeAgentsNeedsManageAgents=true', behaviours: { includeAgentsNeedsManageAgents: true }, apiKey: SIMULATOR_SUPERVISOR_API_KEY },
	{ name: HIDDEN_FROM_FILTERS, behaviours: { emailFilterIncludesInactive: false, searchIncludesInactive: false } },
	{ name: HIDDEN_FROM_LISTS, behaviours: { emailFilterIncludesInactive: false, searchIncludesInactive: false, unfilteredListIncludesInactive: false } },
	{ name: HIDDEN_AND_LAGGING, behaviours: { emailFilterIncludesInactive: false, searchIndexLagMs: SEARCH_LAG_MS } },
	{ name: 'case-sensitive email filter, emails stored as typed', behaviours: { emailFilterIgnoresCase: false, lowercaseEmails: false } },
];

// ---------------------------------------------------------------------------------------------
// What a user needs from one run.

/** What the node did to one existing person, as its item's `provisioning.action` says. */
type PersonAction = 'found' | 'updated' | 'deactivated' | 'alreadyDeactivated' | 'reactivated' | 'unchanged' | 'converted' | 'deleted';

/** The writes each action sends, to the person's path: nothing else may be written. */
const WRITES: Record<PersonAction, (path: string) => string[]> = {
	found: () => [],
	alreadyDeactivated: () => [],
	unchanged: () => [],
	updated: (path) => [`PUT ${path}`],
	deactivated: (path) => [`DELETE ${path}`],
	reactivated: (path) => [`PUT ${path}/reactivate`],
	converted: (path) => [`PUT ${path}/${path.includes('/agents/') ? 'convert_to_requester' : 'convert_to_agent'}`],
	deleted: (path) => [`DELETE ${path}/forget`],
};

type Need =
	/** The item is this person, the action this; `stored`: what the simulator holds for them afterwards. */
	| { action: PersonAction; person: PersonKey; stored?: Record<string, unknown> }
	/** Exactly one user with this email afterwards, and the item is that user. */
	| { created: string }
	/** Refused as taken: no new user, the message says the value must be unique. */
	| { duplicate: string }
	/** No user changed; the message names what was looked for. */
	| { notFound: string }
	/** Freshservice refused: the message says why (and `advice`, the description, what to change); nobody changed. */
	| { refused: RegExp; advice?: RegExp }
	/** Get Many: exactly these people. */
	| { listed: PersonKey[] };

/** A cell where the node fails the user: the fix belongs in the transport's lookup logic. */
interface KnownFailure {
	failing: string;
	should: Need;
}

/** A cell where Freshservice's answer leaves the node no way to the right outcome: what it does instead. */
interface Impossible {
	impossible: string;
	does: Need;
}

type Cell = Need | KnownFailure | Impossible;

interface Operation {
	name: string;
	parameters: (world: World) => INodeParameters;
	/** Anything the cell needs beyond the world (a fault, say). */
	before?: (world: World) => void;
	/** What the user needs under the defaults, and under every setting not listed in `under`. */
	needs: Need;
	under?: Record<string, Cell>;
}

const found = (person: PersonKey): Need => ({ action: 'found', person });
const updated = (person: PersonKey): Need => ({ action: 'updated', person, stored: { job_title: 'Matrix' } });
const deactivated = (person: PersonKey): Need => ({ action: 'deactivated', person, stored: { active: false } });
const alreadyDeactivated = (person: PersonKey): Need => ({ action: 'alreadyDeactivated', person, stored: { active: false } });
const reactivated = (person: PersonKey): Need => ({ action: 'reactivated', person, stored: { active: true } });
const unchanged = (person: PersonKey): Need => ({ action: 'unchanged', person });
const converted = (person: PersonKey): Need => ({ action: 'converted', person });
const deleted = (person: PersonKey): Need => ({ action: 'deleted', person });

type Locator = ReturnType<typeof byEmail>;
const get = (user: Locator): INodeParameters => ({ resource: 'user', operation: 'get', user });
const update = (user: Locator): INodeParameters => ({ resource: 'user', operation: 'update', user, updateFields: { jobTitle: 'Matrix' } });
const deactivate = (user: Locator): INodeParameters => ({ resource: 'user', operation: 'deactivate', user });
const reactivate = (user: Locator): INodeParameters => ({ resource: 'user', operation: 'reactivate', user });
const convertToAgent = (user: Locator): INodeParameters => ({ resource: 'user', operation: 'convertToAgent', user });
const convertToRequester = (user: Locator): INodeParameters => ({ resource: 'user', operation: 'convertToRequester', user });
const permanentlyDelete = (user: Locator): INodeParameters => ({ resource: 'user', operation: 'permanentlyDelete', user, confirmPermanentDeletion: true });
const create = (email: string): INodeParameters => ({ resource: 'user', operation: 'create', userType: 'requester', firstName: 'New', email, additionalFields: {} });
const getMany = (activeState: string): INodeParameters => ({
	resource: 'user',
	operation: 'getAll',
	userType: 'requester',
	returnAll: true,
	filters: { activeState },
});

const SUPERVISOR_FALSE = 'supervisor key, includeAgentsNeedsManageAgents=false';
const SUPERVISOR_TRUE = 'supervisor key, includeAgentsNeedsManageAgents=true';
/** The supervisor's key may not read agents at all: a clear refusal is all there is. */
const AGENTS_FORBIDDEN: Need = { refused: /^The API key may not do this while trying to /};
/**
 * No requester has the email, and the key may not look at agents (neither include_agents=true nor
 * /agents): "not found" would be a guess, so the item says what was tried and what to change.
 */
const AGENTS_UNKNOWN = (email: string): Need => ({
	refused: new RegExp(`^The API key may not look up agents, so whether an agent has the email ${email.replace(/[.]/g, '\\.')} is unknown; no requester has it$`),
	advice: /^Looked for: requesters with this email .* then agents, which Freshservice refused .*Use the API key of an admin agent, or give the key's agent a role with "Manage Agents"/,
});
/** Settings under which GET /requesters lists active requesters only. */
const listHidesDeactivated = (cell: Impossible): Record<string, Impossible> => ({ 'unfilteredListIncludesInactive=false': cell, [HIDDEN_FROM_LISTS]: cell });
/** A deactivated requester whom neither the email filter nor search returns. */
const UNFINDABLE = (key: PersonKey): Record<string, Impossible> => {
	const does: Need = { notFound: `the email ${lookupEmail(key)}` };
	return {
		[HIDDEN_FROM_FILTERS]: { impossible: 'only a scan of every requester (a request per 100 people, for each person) would find them; the node does not scan', does },
		[HIDDEN_FROM_LISTS]: { impossible: 'no list returns them at all', does },
	};
};

const OPERATIONS: Operation[] = [
	// Get by email
	{ name: 'Get by email: active requester', parameters: () => get(byEmail(lookupEmail('jane'))), needs: found('jane') },
	{ name: 'Get by email: requester deactivated long ago', parameters: () => get(byEmail(lookupEmail('dan'))), needs: found('dan'), under: UNFINDABLE('dan') },
	{ name: 'Get by email: requester deactivated just now', parameters: () => get(byEmail(lookupEmail('rita'))), needs: found('rita'), under: UNFINDABLE('rita') },
	{ name: 'Get by email: active agent', parameters: () => get(byEmail(lookupEmail('ada'))), needs: found('ada'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_UNKNOWN(lookupEmail('ada')) } },
	{ name: 'Get by email: deactivated agent', parameters: () => get(byEmail(lookupEmail('otto'))), needs: found('otto'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_UNKNOWN(lookupEmail('otto')) } },
	{ name: 'Get by email: nobody has it', parameters: () => get(byEmail(NOBODY)), needs: { notFound: `the email ${NOBODY}` }, under: { [SUPERVISOR_FALSE]: AGENTS_UNKNOWN(NOBODY), [SUPERVISOR_TRUE]: AGENTS_UNKNOWN(NOBODY) } },
	{
		name: "Get by email: someone's secondary email",
		parameters: () => get(byEmail('jane.alias@example.com')),
		needs: { notFound: 'the email jane.alias@example.com' },
		under: { 'emailFilterMatchesSecondary=true': found('jane'), [SUPERVISOR_FALSE]: AGENTS_UNKNOWN('jane.alias@example.com'), [SUPERVISOR_TRUE]: AGENTS_UNKNOWN('jane.alias@example.com') },
	},

	// Get by ID
	{ name: 'Get by ID: requester', parameters: (world) => get(byId(world.ids.jane)), needs: found('jane') },
	{ name: 'Get by ID: deactivated requester', parameters: (world) => get(byId(world.ids.dan)), needs: found('dan') },
	{ name: 'Get by ID: agent', parameters: (world) => get(byId(world.ids.ada)), needs: found('ada'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN } },
	{ name: 'Get by ID: unknown', parameters: () => get(byId(UNKNOWN_ID)), needs: { notFound: `ID ${UNKNOWN_ID}` }, under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN } },

	// Update
	{ name: 'Update by email: active requester', parameters: () => update(byEmail(lookupEmail('jane'))), needs: updated('jane') },
	{
		name: 'Update by email: deactivated requester',
		parameters: () => update(byEmail(lookupEmail('dan'))),
		needs: updated('dan'),
		under: {
			'updateInactive=reject': { refused: /^Freshservice refused the request while trying to update requester \d+: active: The user is deactivated/ },
			...UNFINDABLE('dan'),
		},
	},
	{
		name: 'Update by email: deactivated agent',
		parameters: () => update(byEmail(lookupEmail('otto'))),
		needs: updated('otto'),
		under: { 'updateInactive=reject': { refused: /^Freshservice refused the request while trying to update agent \d+: active: The user is deactivated/ }, [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_UNKNOWN(lookupEmail('otto')) },
	},
	{ name: 'Update by email: nobody has it', parameters: () => update(byEmail(NOBODY)), needs: { notFound: `the email ${NOBODY}` }, under: { [SUPERVISOR_FALSE]: AGENTS_UNKNOWN(NOBODY), [SUPERVISOR_TRUE]: AGENTS_UNKNOWN(NOBODY) } },
	{ name: 'Update by ID: agent', parameters: (world) => update(byId(world.ids.ada)), needs: updated('ada'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN } },
	{ name: 'Update by ID: requester', parameters: (world) => update(byId(world.ids.jane)), needs: updated('jane') },

	// Deactivate
	{ name: 'Deactivate by email: active requester', parameters: () => deactivate(byEmail(lookupEmail('jane'))), needs: deactivated('jane') },
	{
		name: 'Deactivate by email: requester deactivated long ago',
		parameters: () => deactivate(byEmail(lookupEmail('dan'))),
		needs: alreadyDeactivated('dan'),
		under: UNFINDABLE('dan'),
	},
	{
		name: 'Deactivate by email: requester deactivated just now',
		parameters: () => deactivate(byEmail(lookupEmail('rita'))),
		needs: alreadyDeactivated('rita'),
		under: {
			...UNFINDABLE('rita'),
			[HIDDEN_AND_LAGGING]: {
				impossible: 'search still shows her active, so the node deactivates her again, and Freshservice answers as the first time',
				does: deactivated('rita'),
			},
		},
	},
	{ name: 'Deactivate by email: active agent', parameters: () => deactivate(byEmail(lookupEmail('ada'))), needs: deactivated('ada'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_UNKNOWN(lookupEmail('ada')) } },
	{ name: 'Deactivate by email: nobody has it', parameters: () => deactivate(byEmail(NOBODY)), needs: { notFound: `the email ${NOBODY}` }, under: { [SUPERVISOR_FALSE]: AGENTS_UNKNOWN(NOBODY), [SUPERVISOR_TRUE]: AGENTS_UNKNOWN(NOBODY) } },
	{ name: 'Deactivate by ID: active requester', parameters: (world) => deactivate(byId(world.ids.jane)), needs: deactivated('jane') },
	{ name: 'Deactivate by ID: deactivated agent', parameters: (world) => deactivate(byId(world.ids.otto)), needs: alreadyDeactivated('otto'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN } },
	{ name: 'Deactivate by ID: active agent', parameters: (world) => deactivate(byId(world.ids.ada)), needs: deactivated('ada'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN } },

	// Reactivate, convert, permanently delete
	{
		name: 'Reactivate by email: requester deactivated long ago',
		parameters: () => reactivate(byEmail(lookupEmail('dan'))),
		needs: reactivated('dan'),
		under: UNFINDABLE('dan'),
	},
	{ name: 'Reactivate by email: active requester', parameters: () => reactivate(byEmail(lookupEmail('jane'))), needs: unchanged('jane') },
	{ name: 'Reactivate by ID: deactivated agent', parameters: (world) => reactivate(byId(world.ids.otto)), needs: reactivated('otto'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN } },
	{
		name: 'Convert to Agent by email: active requester',
		parameters: () => convertToAgent(byEmail(lookupEmail('jane'))),
		needs: converted('jane'),
		under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN },
	},
	{ name: 'Convert to Requester by ID: agent', parameters: (world) => convertToRequester(byId(world.ids.ada)), needs: converted('ada'), under: { [SUPERVISOR_FALSE]: AGENTS_FORBIDDEN, [SUPERVISOR_TRUE]: AGENTS_FORBIDDEN } },
	{
		name: 'Permanently Delete by email: active requester',
		parameters: () => permanentlyDelete(byEmail(lookupEmail('jane'))),
		needs: deleted('jane'),
	},

	// Create
	{ name: 'Create: a new hire', parameters: () => create('New.Hire@Example.com'), needs: { created: NEW_HIRE } },
	{
		name: 'Create: a new hire whose answer is lost after Freshservice made them',
		parameters: () => create(NEW_HIRE),
		before: () => sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'POST', pathPattern: '/api/v2/requesters' }),
		needs: { created: NEW_HIRE },
	},
	{ name: "Create: the email of a requester deactivated long ago", parameters: () => create(lookupEmail('dan')), needs: { duplicate: lookupEmail('dan') } },
	{ name: "Create: an active requester's email in other letter case", parameters: () => create('JANE.ACTIVE@EXAMPLE.COM'), needs: { duplicate: lookupEmail('jane') } },
	{ name: "Create: an agent's email", parameters: () => create(lookupEmail('ada')), needs: { duplicate: lookupEmail('ada') } },

	// Get Many's active filter (applied on the node's side for requesters)
	{ name: 'Get Many requesters: active only', parameters: () => getMany('active'), needs: { listed: ['jane'] } },
	{
		name: 'Get Many requesters: deactivated only',
		parameters: () => getMany('inactive'),
		needs: { listed: ['dan', 'rita'] },
		under: listHidesDeactivated({ impossible: 'GET /requesters lists no deactivated requester, and no other list of them exists: the node returns nothing', does: { listed: [] } }),
	},
	{
		name: 'Get Many requesters: any state',
		parameters: () => getMany('any'),
		needs: { listed: ['jane', 'dan', 'rita'] },
		under: listHidesDeactivated({ impossible: 'GET /requesters lists active requesters only', does: { listed: ['jane'] } }),
	},
];

// ---------------------------------------------------------------------------------------------
// Checking a cell.

type UserView = RequesterView | AgentView;

const usersOf = (state: SimulatorState): UserView[] => [...state.requesters, ...state.agents];
const emailOf = (user: UserView) => ('email' in user ? user.email : user.primary_email) ?? '';
const pathOf = (key: PersonKey, world: World) => `/api/v2/${PEOPLE[key].kind === 'agent' ? 'agents' : 'requesters'}/${world.ids[key]}`;

interface Run {
	items: INodeExecutionData[];
	log: LogEntry[];
	before: SimulatorState;
	after: SimulatorState;
	world: World;
}

/** Everyone but `except` exactly as before; nobody new but `newEmail`. */
function othersUnchanged(run: Run, except?: PersonKey, newEmail?: string): void {
	const exceptId = except ? run.world.ids[except] : undefined;
	const byId = (users: UserView[]) => new Map(users.filter((user) => user.id !== exceptId).map((user) => [user.id, user]));
	const before = byId(usersOf(run.before));
	const after = byId(usersOf(run.after).filter((user) => !(newEmail && emailOf(user).toLowerCase() === newEmail)));
	expect(after).toEqual(before);
}

function writesOf(run: Run): string[] {
	return run.log.filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.path}`);
}

function onlyItem(run: Run): INodeExecutionData {
	expect(run.items).toHaveLength(1);
	expect(run.items[0].pairedItem).toEqual({ item: 0 });
	return run.items[0];
}

function checkNeed(need: Need, run: Run): void {
	const { world } = run;
	if ('listed' in need) {
		for (const item of run.items) {
			expect(item.json.error).toBeUndefined();
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		expect(run.items.map((item) => item.json.id).sort()).toEqual(need.listed.map((key) => world.ids[key]).sort());
		expect(writesOf(run)).toEqual([]);
		return;
	}
	const item = onlyItem(run).json;
	const provisioning = item.provisioning as { action?: string; userType?: string } | undefined;
	if ('action' in need) {
		const { action, person } = need;
		expect(item.error).toBeUndefined();
		expect(item.id).toBe(world.ids[person]);
		const kind = PEOPLE[person].kind;
		// After a conversion the item is the user of the other type, with the same ID.
		expect(provisioning).toMatchObject({ action, userType: action === 'converted' ? (kind === 'agent' ? 'requester' : 'agent') : kind });
		const writes = WRITES[action](pathOf(person, world));
		expect(writesOf(run)).toEqual(writes);
		const stored = usersOf(run.after).find((user) => user.id === world.ids[person]);
		if (action === 'deleted') expect(stored).toBeUndefined();
		else expect(stored).toMatchObject(need.stored ?? {});
		othersUnchanged(run, writes.length > 0 ? person : undefined);
		return;
	}
	if ('created' in need) {
		expect(item.error).toBeUndefined();
		const holders = usersOf(run.after).filter((user) => emailOf(user).toLowerCase() === need.created);
		expect(holders).toHaveLength(1);
		expect(item.id).toBe(holders[0].id);
		expect(provisioning?.action).toBe('created');
		othersUnchanged(run, undefined, need.created);
		return;
	}
	if ('duplicate' in need) {
		expect(item.error).toMatch(/primary_email: It should be a unique value/);
		expect(item.description).toMatch(/already has this value/);
		othersUnchanged(run);
		return;
	}
	if ('notFound' in need) {
		expect(item.error).toBe(`No Freshservice user (requester or agent) has ${need.notFound}`);
		expect(writesOf(run)).toEqual([]);
		othersUnchanged(run);
		return;
	}
	expect(item.error).toMatch(need.refused);
	if (need.advice) expect(item.description).toMatch(need.advice);
	othersUnchanged(run);
}

const cellOf = (operation: Operation, setting: Setting): Cell => operation.under?.[setting.name] ?? operation.needs;

// Cells named in `under` must name real settings, or a typo would silently test the defaults.
const settingNames = new Set(SETTINGS.map((setting) => setting.name));
for (const operation of OPERATIONS) {
	for (const name of Object.keys(operation.under ?? {})) {
		if (!settingNames.has(name)) throw new Error(`${operation.name}: no setting "${name}"`);
	}
}

afterAll(() => {
	const failing = SETTINGS.flatMap((setting) => OPERATIONS.filter((operation) => 'failing' in cellOf(operation, setting))).length;
	process.stdout.write(
		`Behaviour matrix: ${SETTINGS.length} settings × ${OPERATIONS.length} operations = ${SETTINGS.length * OPERATIONS.length} cells (${failing} known failures)\n`,
	);
});

describe.each(SETTINGS.map((setting) => [setting.name, setting] as const))('%s', (_name, setting) => {
	for (const operation of OPERATIONS) {
		const cell = cellOf(operation, setting);
		const need = 'failing' in cell ? cell.should : 'impossible' in cell ? cell.does : cell;
		const title = 'failing' in cell ? `${operation.name} (known failure: ${cell.failing})` : operation.name;
		(('failing' in cell ? test.failing : test) as typeof test)(title, async () => {
			sim().control.configure({ behaviours: setting.behaviours });
			const world = await createWorld();
			operation.before?.(world);
			const before = sim().control.state();
			sim().control.clearLog();
			const result = await runNode({
				credentials: { ...credentials(), apiKey: setting.apiKey ?? SIMULATOR_API_KEY },
				parameters: operation.parameters(world),
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			checkNeed(need, { items: result.items, log: sim().control.log(), before, after: sim().control.state(), world });
		});
	}
});
