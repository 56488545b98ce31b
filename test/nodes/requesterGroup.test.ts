/**
 * The Requester Group resource through n8n-core against the simulator, with the request log as
 * evidence: what is read once, what is written, and the node under every setting of the group
 * switches.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Behaviours } from '../../simulator';
import { loadOptions, runNode } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes, stored } = useSimulator();

const calls = (entries = apiCalls()) => entries.map((entry) => `${entry.method} ${entry.path}`);
const configure = (behaviours: Partial<Behaviours>) => sim().control.configure({ behaviours });
const groupId = (name: string) => sim().control.state().requesterGroups.find((group) => group.name === name)!.id;
const members = (name: string) => sim().control.state().requesterGroupMembers[String(groupId(name))];
const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const fromList = (value: string | number) => ({ __rl: true, mode: 'list', value: String(value) });

const run = (parameters: INodeParameters, extra: { input?: IDataObject[]; continueOnFail?: boolean } = {}) =>
	runNode({ credentials: credentials(), parameters: { resource: 'requesterGroup', ...parameters }, ...extra });

/** Requesters made straight in the simulator (their creation is not what is tested). */
function people(count: number): Array<{ id: number; email: string }> {
	const { requesterIds } = sim().control.seed({ requesters: count, randomSeed: 11 });
	sim().control.clearLog();
	return requesterIds.map((id) => ({ id, email: String((sim().control.userById(id)!.record as { primary_email: string }).primary_email) }));
}

async function join(groupName: string, ids: number[]) {
	const result = await run({ operation: 'addMembers', group: byName(groupName), requesters: ids.join(',') });
	expect(result.error).toBeUndefined();
	sim().control.clearLog();
}

describe('Get Many', () => {
	it('lists every requester group with its type, in one request', async () => {
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.items.map((item) => [item.json.name, item.json.type])).toEqual([
			['All Employees', 'rule_based'],
			['Contractors', 'manual'],
			['Branch Managers', 'manual'],
			['Sales Team', 'manual'],
			['Finance Approvers', 'manual'],
		]);
		expect(result.items[0].json.provisioning).toEqual({ action: 'found', dryRun: false });
		expect(calls()).toEqual(['GET /api/v2/requester_groups']);
	});

	it('reads the list once for all items, and honours Limit', async () => {
		const result = await run({ operation: 'getAll', returnAll: false, limit: 2 }, { input: [{}, {}, {}] });
		expect(result.items).toHaveLength(6);
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 0, 1, 1, 2, 2].map((item) => ({ item })));
		expect(calls()).toEqual(['GET /api/v2/requester_groups']);
	});
});

describe('Add Members and Remove Members', () => {
	it('adds people by email and ID, reading the members once per group, one write per person', async () => {
		const [ann, ben, cat] = people(3);
		const result = await run(
			{ operation: 'addMembers', group: byName('={{ $json.group }}'), requesters: '={{ $json.people }}' },
			{ input: [{ group: 'sales team', people: `${ann.email}, ${ben.id}` }, { group: 'Sales Team', people: [cat.email] }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.provisioning)).toEqual([
			{ action: 'updated', dryRun: false, changes: { members: { added: [ann.email, ben.email], removed: [] } } },
			{ action: 'updated', dryRun: false, changes: { members: { added: [cat.email], removed: [] } } },
		]);
		expect(result.items[0].json.requesters).toEqual([
			{ id: ann.id, email: ann.email, result: 'added' },
			{ id: ben.id, email: ben.email, result: 'added' },
		]);
		// The two items run side by side: their writes may interleave.
		expect([...members('Sales Team')].sort()).toEqual([ann.id, ben.id, cat.id].sort());
		const group = groupId('Sales Team');
		expect(calls().filter((call) => call.includes('/members')).sort()).toEqual([
			`GET /api/v2/requester_groups/${group}/members`,
			`POST /api/v2/requester_groups/${group}/members/${ann.id}`,
			`POST /api/v2/requester_groups/${group}/members/${ben.id}`,
			`POST /api/v2/requester_groups/${group}/members/${cat.id}`,
		]);
		expect(calls().filter((call) => call === 'GET /api/v2/requester_groups')).toHaveLength(1);
	});

	it('adding an existing member writes nothing and says so', async () => {
		const [ann] = people(1);
		await join('Contractors', [ann.id]);
		const result = await run({ operation: 'addMembers', group: fromList(groupId('Contractors')), requesters: ann.email });
		expect(result.items[0].json.provisioning).toMatchObject({ action: 'unchanged' });
		expect(result.items[0].json.requesters).toEqual([{ id: ann.id, email: ann.email, result: 'alreadyMember' }]);
		expect(writes()).toEqual([]);
	});

	it('the same Add Members again reads the group list and its members, and nothing else', async () => {
		const everyone = people(5);
		await join('Sales Team', everyone.map((person) => person.id));
		const input = everyone.map((person, index) => ({ person: index % 2 === 0 ? person.email : String(person.id) }));
		const result = await run({ operation: 'addMembers', group: byName('Sales Team'), requesters: '={{ $json.person }}' }, { input });
		expect(result.items.map((item) => (item.json.provisioning as IDataObject).action)).toEqual(everyone.map(() => 'unchanged'));
		expect(calls()).toEqual(['GET /api/v2/requester_groups', `GET /api/v2/requester_groups/${groupId('Sales Team')}/members`]);
	});

	it('removes members only, one write each; a non-member writes nothing', async () => {
		const [ann, ben] = people(2);
		await join('Contractors', [ann.id]);
		const result = await run({ operation: 'removeMembers', group: byName('Contractors'), requesters: [ann.email, ben.email].join(',') });
		expect(result.items[0].json.provisioning).toEqual({ action: 'updated', dryRun: false, changes: { members: { added: [], removed: [ann.email] } } });
		expect(result.items[0].json.requesters).toEqual([
			{ id: ann.id, email: ann.email, result: 'removed' },
			{ id: ben.id, email: ben.email, result: 'notMember' },
		]);
		expect(calls(writes())).toEqual([`DELETE /api/v2/requester_groups/${groupId('Contractors')}/members/${ann.id}`]);
		expect(members('Contractors')).toEqual([]);
	});

	it.each(['succeed', 'conflict', 'invalidValue'] as const)(
		'addExistingMember %s: an add whose answer was lost, sent again, counts as added',
		async (setting) => {
			configure({ addExistingMember: setting });
			const [ann] = people(1);
			sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'POST', pathPattern: '/api/v2/requester_groups/*/members/*' });
			const result = await run({ operation: 'addMembers', group: byName('Sales Team'), requesters: ann.email });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.provisioning).toMatchObject({ action: 'updated', changes: { members: { added: [ann.email] } } });
			expect(members('Sales Team')).toEqual([ann.id]);
		},
	);

	it.each(['succeed', 'notFound', 'invalidValue'] as const)(
		'removeNonMember %s: a removal whose answer was lost, sent again, counts as removed',
		async (setting) => {
			configure({ removeNonMember: setting });
			const [ann] = people(1);
			await join('Sales Team', [ann.id]);
			sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'DELETE', pathPattern: '/api/v2/requester_groups/*/members/*' });
			const result = await run({ operation: 'removeMembers', group: byName('Sales Team'), requesters: String(ann.id) });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.provisioning).toMatchObject({ action: 'updated', changes: { members: { removed: [ann.email] } } });
			expect(members('Sales Team')).toEqual([]);
		},
	);

	it('a write that fails part-way fails the item, saying who was already added', async () => {
		const [ann, ben, cat] = people(3);
		sim().control.injectFaults({ kind: 'status', status: 403, method: 'POST', pathPattern: `/api/v2/requester_groups/*/members/${ben.id}` });
		const result = await run({ operation: 'addMembers', group: byName('Sales Team'), requesters: [ann.id, ben.id, cat.id].join(',') }, { continueOnFail: true });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.description).toMatch(new RegExp(`Before this failure the node added ${ann.email.replace('.', '\\.')}; running the item again writes only what is still missing\\.$`));
		expect(members('Sales Team')).toEqual([ann.id]);
	});

	it('Dry Run writes nothing and reports exactly what the real run then does', async () => {
		const [ann, ben] = people(2);
		await join('Sales Team', [ann.id]);
		const before = stored();
		const parameters = { operation: 'addMembers', group: byName('Sales Team'), requesters: `${ann.email},${ben.email}` };
		const dry = await run({ ...parameters, options: { dryRun: true } });
		expect(stored()).toBe(before);
		expect(writes()).toEqual([]);
		const real = await run(parameters);
		expect(dry.items[0].json.provisioning).toEqual({ ...(real.items[0].json.provisioning as IDataObject), action: 'wouldUpdate', dryRun: true });
		expect((dry.items[0].json.requesters as IDataObject[]).map((entry) => entry.result)).toEqual(['alreadyMember', 'wouldAdd']);
		expect((real.items[0].json.requesters as IDataObject[]).map((entry) => entry.result)).toEqual(['alreadyMember', 'added']);
	});
});

describe('cost', () => {
	it('300 items adding 300 people to one group: one list read, members read once, one write each; again: reads only', async () => {
		sim().control.configure({ rateLimit: { enabled: false } });
		const everyone = people(300);
		const parameters = { operation: 'addMembers', group: byName('Sales Team'), requesters: '={{ $json.id }}' };
		const input = everyone.map((person) => ({ id: person.id }));
		const first = await run(parameters, { input });
		expect(first.items.every((item) => (item.json.provisioning as IDataObject).action === 'updated')).toBe(true);
		const group = groupId('Sales Team');
		const count = (pattern: RegExp) => calls().filter((call) => pattern.test(call)).length;
		expect(count(/^GET \/api\/v2\/requester_groups$/)).toBe(1);
		expect(count(/^GET .*\/members$/)).toBe(1);
		expect(count(/^GET \/api\/v2\/requesters\/\d+$/)).toBe(300);
		expect(count(/^POST /)).toBe(300);
		expect(apiCalls()).toHaveLength(602);
		sim().control.clearLog();
		const again = await run(parameters, { input });
		expect(again.items.every((item) => (item.json.provisioning as IDataObject).action === 'unchanged')).toBe(true);
		expect(calls()).toEqual(['GET /api/v2/requester_groups', ...[1, 2, 3].map(() => `GET /api/v2/requester_groups/${group}/members`)]);
	});
});

describe('bad input fails only its item, before any write', () => {
	it('a group the instance does not have: the parameter and the closest names', async () => {
		const [ann] = people(1);
		const result = await run(
			{ operation: 'addMembers', group: byName('={{ $json.group }}'), requesters: ann.email },
			{ input: [{ group: 'Sales Teem' }, { group: 'Contractors' }], continueOnFail: true },
		);
		expect(result.items[0].json.error).toBe(`'Requester Group': Freshservice has no requester group named "Sales Teem"; the closest are "Sales Team", "All Employees", "Contractors" [item 0]`);
		expect(result.items[0].json.description).toBe("Fix the value of 'Requester Group'. Nothing was sent to Freshservice for this item.");
		expect(result.items[1].json.provisioning).toMatchObject({ action: 'updated' });
		expect(calls(writes())).toEqual([`POST /api/v2/requester_groups/${groupId('Contractors')}/members/${ann.id}`]);
	});

	it('an ID the instance does not have', async () => {
		const result = await run({ operation: 'getMembers', group: fromList(424242), returnAll: true }, { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/^'Requester Group': Freshservice has no requester group with ID 424242/);
	});

	it.each([400, 403] as const)('a rule-based group (the simulator would answer %s): refused before anything is read or written', async (status) => {
		configure({ ruleBasedGroupStatus: status });
		const [ann] = people(1);
		const result = await run({ operation: 'addMembers', group: byName('All Employees'), requesters: ann.email }, { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/^'Requester Group': "All Employees" is a rule-based requester group/);
		expect(writes()).toEqual([]);
		expect(calls().some((call) => call.includes('/members'))).toBe(false);
	});

	it('a person not found fails their item, naming the parameter; nothing is written for that item', async () => {
		const [ann, ben] = people(2);
		const result = await run(
			{ operation: 'addMembers', group: byName('Sales Team'), requesters: '={{ $json.people }}' },
			{ input: [{ people: `${ann.email}, nobody@example.com` }, { people: ben.email }], continueOnFail: true },
		);
		expect(result.items[0].json).toEqual({
			error: 'No Freshservice requester has the email nobody@example.com',
			description: "Double-check the value in 'Requesters'. Nothing was written for this item.",
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(members('Sales Team')).toEqual([ben.id]);
	});

	it('an agent, a deactivated requester, and text that is neither email nor ID', async () => {
		const [ann] = people(1);
		const agent = sim().control.state().agents[0];
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: ann.email } } });
		sim().control.clearLog();
		const result = await run(
			{ operation: 'addMembers', group: byName('Sales Team'), requesters: '={{ $json.people }}' },
			{ input: [{ people: agent.email }, { people: ann.email }, { people: 'Ann Lee' }], continueOnFail: true },
		);
		expect(result.items[0].json.error).toBe(`${agent.email} is an agent: requester groups hold requesters only`);
		expect(result.items[1].json.error).toMatch(/is a deactivated requester/);
		expect(result.items[2].json.error).toBe(`'Requesters' must be an email address or a Freshservice ID, not "Ann Lee" [item 2]`);
		expect(writes()).toEqual([]);
	});
});

describe('Get Members', () => {
	it.each(['link', 'noLink', 'unpaged'] as const)('groupMembersPaging %s: Return All gives each member once, Limit stops early', async (paging) => {
		const everyone = people(120);
		await join('Finance Approvers', everyone.map((person) => person.id));
		configure({ groupMembersPaging: paging });
		const all = await run({ operation: 'getMembers', group: byName('Finance Approvers'), returnAll: true });
		expect(all.items.map((item) => item.json.id)).toEqual(everyone.map((person) => person.id));
		expect(all.items[0].json.provisioning).toEqual({ action: 'found', userType: 'requester', dryRun: false });
		const pages = calls().filter((call) => call.endsWith('/members')).length;
		expect(pages).toBe(2);
		sim().control.clearLog();
		const some = await run({ operation: 'getMembers', group: byName('Finance Approvers'), limit: 20 });
		expect(some.items).toHaveLength(20);
		expect(calls().filter((call) => call.endsWith('/members'))).toHaveLength(1);
	});
});

describe('a rehired requester and their groups (reactivateRestoresGroups)', () => {
	it.each([
		[false, 1],
		[true, 0],
	] as const)('restores %s: Add Members afterwards makes %i write(s)', async (restores, expectedWrites) => {
		configure({ reactivateRestoresGroups: restores });
		const [ann] = people(1);
		await join('Sales Team', [ann.id]);
		const user = { __rl: true, mode: 'email', value: ann.email };
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user } });
		expect(members('Sales Team')).toEqual([]);
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'reactivate', user } });
		sim().control.clearLog();
		const result = await run({ operation: 'addMembers', group: byName('Sales Team'), requesters: ann.email });
		expect(writes()).toHaveLength(expectedWrites);
		expect(members('Sales Team')).toEqual([ann.id]);
		expect(result.items[0].json.provisioning).toMatchObject({ action: restores ? 'unchanged' : 'updated' });
	});
});

describe('Create', () => {
	it('creates a manual group; a name in use fails the item before anything is sent; Dry Run sends nothing', async () => {
		const dry = await run({ operation: 'create', name: 'Berlin Office', options: { dryRun: true } });
		expect(dry.items[0].json).toEqual({ name: 'Berlin Office', type: 'manual', provisioning: { action: 'wouldCreate', dryRun: true } });
		expect(writes()).toEqual([]);
		const created = await run({ operation: 'create', name: 'Berlin Office', options: { description: 'Everyone in Berlin' } });
		expect(created.items[0].json).toMatchObject({ name: 'Berlin Office', type: 'manual', description: 'Everyone in Berlin', provisioning: { action: 'created' } });
		sim().control.clearLog();
		const again = await run({ operation: 'create', name: 'berlin office' }, { continueOnFail: true });
		expect(again.items[0].json.error).toMatch(/^A requester group named "Berlin Office" already exists/);
		expect(writes()).toEqual([]);
	});
});

describe('the editor', () => {
	it('lists requester groups by name for the picker; rule-based groups say so', async () => {
		const found = (await loadOptions(credentials(), { resource: 'requesterGroup', operation: 'addMembers' }, { listSearch: 'searchRequesterGroups', filter: 'A' })) as {
			results: Array<{ name: string; value: string }>;
		};
		expect(found.results.map((result) => result.name)).toEqual(['All Employees (rule-based)', 'Branch Managers', 'Contractors', 'Finance Approvers', 'Sales Team']);
		expect(found.results[0].value).toBe(String(groupId('All Employees')));
	});
});
