/**
 * Group columns in Create or Update (issue 15), through n8n-core against the simulator, with its
 * request log as evidence: Add Only and Exact Within Managed Groups, a rehire's groups under every
 * setting of the group switches, Dry Run against the real run, bad input, agents' own lists.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Behaviours } from '../../simulator';
import { runNode } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials, writes, apiCalls, stored } = useSimulator();

beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

const calls = (entries = apiCalls()) => entries.map((entry) => `${entry.method} ${entry.path}`);
const configure = (behaviours: Partial<Behaviours>) => sim().control.configure({ behaviours });
const requesterGroupId = (name: string) => sim().control.state().requesterGroups.find((group) => group.name === name)!.id;
const agentGroupId = (name: string) => sim().control.state().groups.find((group) => group.name === name)!.id;
const membersOf = (name: string) => sim().control.state().requesterGroupMembers[String(requesterGroupId(name))];
const groupsOf = (requesterId: number) =>
	sim()
		.control.state()
		.requesterGroups.filter((group) => group.type === 'manual' && membersOf(group.name).includes(requesterId))
		.map((group) => group.name)
		.sort();

type Item = IDataObject & { provisioning: IDataObject };

/** Create or Update with the row's columns mapped automatically. */
const upsertParameters = (options: INodeParameters = {}, userType = 'requester'): INodeParameters => ({
	resource: 'user',
	operation: 'upsert',
	userType,
	columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
	options,
});

async function upsert(input: IDataObject[], options: INodeParameters = {}, userType = 'requester') {
	const result = await runNode({ credentials: credentials(), parameters: upsertParameters(options, userType), input, continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	return result.items.map((item) => item.json as Item);
}

/** A requester made in the simulator, and put in groups as by hand (Add Members). */
async function requester(groups: string[] = []): Promise<{ id: number; email: string }> {
	const [id] = sim().control.seed({ requesters: 1, randomSeed: 5 }).requesterIds;
	const email = String((sim().control.userById(id)!.record as { primary_email: string }).primary_email);
	for (const name of groups) {
		const parameters = { resource: 'requesterGroup', operation: 'addMembers', group: { __rl: true, mode: 'name', value: name }, requesters: String(id) };
		expect((await runNode({ credentials: credentials(), parameters })).error).toBeUndefined();
	}
	sim().control.clearLog();
	return { id, email };
}

const memberWrites = () => calls(writes()).filter((call) => call.includes('/members/'));

describe('requester groups', () => {
	it('a new requester is created, then added; the same row again writes nothing and reads each group once', async () => {
		const row = { first_name: 'Ann', email: 'ann@hr.example', requester_groups: 'Sales Team, finance approvers' };
		const [created] = await upsert([row]);
		expect(created.provisioning).toMatchObject({ action: 'created', changes: { requester_groups: { added: ['Sales Team', 'Finance Approvers'], removed: [] } } });
		const id = Number(created.id);
		expect(groupsOf(id)).toEqual(['Finance Approvers', 'Sales Team']);
		expect(memberWrites().sort()).toEqual([`POST /api/v2/requester_groups/${requesterGroupId('Finance Approvers')}/members/${id}`, `POST /api/v2/requester_groups/${requesterGroupId('Sales Team')}/members/${id}`].sort());
		sim().control.clearLog();
		const again = await upsert([row, { ...row, requester_groups: ['Sales Team'] }]);
		expect(again.map((item) => item.provisioning.action)).toEqual(['unchanged', 'unchanged']);
		expect(writes()).toEqual([]);
		expect(calls().filter((call) => call.endsWith('/members')).sort()).toEqual(
			[`GET /api/v2/requester_groups/${requesterGroupId('Finance Approvers')}/members`, `GET /api/v2/requester_groups/${requesterGroupId('Sales Team')}/members`].sort(),
		);
	});

	it('Add Only: a membership made by hand survives, only what is missing is added, the plan is an update', async () => {
		const { id, email } = await requester(['Contractors']);
		const [item] = await upsert([{ email, requester_groups: 'Sales Team' }]);
		expect(item.provisioning).toEqual({ action: 'updated', userType: 'requester', dryRun: false, changes: { requester_groups: { added: ['Sales Team'], removed: [] } } });
		expect(groupsOf(id)).toEqual(['Contractors', 'Sales Team']);
		expect(memberWrites()).toEqual([`POST /api/v2/requester_groups/${requesterGroupId('Sales Team')}/members/${id}`]);
	});

	it('Exact Within Managed Groups: removed from a managed group the row does not name; a group outside Managed Groups is never touched', async () => {
		const { id, email } = await requester(['Contractors', 'Sales Team']);
		const options = { groupMembership: 'exactWithinManaged', managedGroups: [requesterGroupId('Sales Team'), requesterGroupId('Finance Approvers')] };
		const [item] = await upsert([{ email, requester_groups: 'Finance Approvers' }], options);
		expect(item.provisioning).toMatchObject({ action: 'updated', changes: { requester_groups: { added: ['Finance Approvers'], removed: ['Sales Team'] } } });
		expect(groupsOf(id)).toEqual(['Contractors', 'Finance Approvers']);
		expect(calls().some((call) => call.includes(`/requester_groups/${requesterGroupId('Contractors')}`))).toBe(false);
		expect(memberWrites()).toHaveLength(2);
	});

	it('Dry Run leaves the simulator as it was and reports exactly what the real run then does', async () => {
		const { email } = await requester(['Sales Team', 'Contractors']);
		const input = [
			{ email, requester_groups: 'Finance Approvers' },
			{ first_name: 'Ben', email: 'ben@hr.example', requester_groups: 'Branch Managers' },
		];
		const options = { groupMembership: 'exactWithinManaged', managedGroups: '={{ ["Sales Team", "Finance Approvers"] }}' };
		const before = stored();
		const dry = await upsert(input, { ...options, dryRun: true });
		expect(stored()).toBe(before);
		expect(writes()).toEqual([]);
		const real = await upsert(input, options);
		expect(dry.map((item) => item.provisioning.changes)).toEqual([
			{ requester_groups: { added: ['Finance Approvers'], removed: ['Sales Team'] } },
			expect.objectContaining({ requester_groups: { added: ['Branch Managers'], removed: [] } }),
		]);
		expect(real.map((item) => item.provisioning.changes)).toEqual(dry.map((item) => item.provisioning.changes));
		expect(dry.map((item) => item.provisioning.action)).toEqual(['wouldUpdate', 'wouldCreate']);
		expect(real.map((item) => item.provisioning.action)).toEqual(['updated', 'created']);
	});

	describe.each([false, true])('a rehire (reactivateRestoresGroups %s)', (restores) => {
		it.each(['succeed', 'conflict', 'invalidValue'] as const)('addExistingMember %s: comes back active with their groups, in the same item', async (existing) => {
			configure({ reactivateRestoresGroups: restores, addExistingMember: existing });
			const { id, email } = await requester(['Sales Team', 'Finance Approvers']);
			await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: email } } });
			expect(groupsOf(id)).toEqual([]);
			sim().control.clearLog();
			const [item] = await upsert([{ email, requester_groups: 'Sales Team, Finance Approvers' }]);
			expect(item.provisioning).toMatchObject({ action: 'reactivated', changes: { requester_groups: { added: ['Sales Team', 'Finance Approvers'], removed: [] } } });
			expect(sim().control.requesterByEmail(email)!.active).toBe(true);
			expect(groupsOf(id)).toEqual(['Finance Approvers', 'Sales Team']);
			expect(memberWrites()).toHaveLength(2);
		});
	});
});

describe('bad input fails only its item, before any write for it', () => {
	it('an unknown group, a rule-based group, an unknown managed group: the parameter and the closest group names', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: upsertParameters({ groupMembership: 'exactWithinManaged', managedGroups: '={{ $json.managed }}' }),
			input: [
				{ first_name: 'A', email: 'a@hr.example', requester_groups: 'Sales Teem', managed: [] },
				{ first_name: 'B', email: 'b@hr.example', requester_groups: 'All Employees', managed: [] },
				{ first_name: 'C', email: 'c@hr.example', requester_groups: 'Sales Team', managed: ['Finanse Approvers'] },
				{ first_name: 'D', email: 'd@hr.example', requester_groups: 'Sales Team', managed: [] },
			],
			continueOnFail: true,
		});
		const json = result.items.map((item) => item.json);
		expect(json[0].error).toBe(`'Requester Groups (Names or IDs)': Freshservice has no requester group named "Sales Teem"; the closest are "Sales Team", "All Employees", "Contractors" [item 0]`);
		expect(json[1].error).toMatch(/^'Requester Groups \(Names or IDs\)': "All Employees" is a rule-based requester group/);
		expect(json[2].error).toMatch(/^'Managed Groups': Freshservice has no requester group named "Finanse Approvers"; the closest are "Finance Approvers"/);
		expect(json[3].provisioning).toMatchObject({ action: 'created' });
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		// Only the fourth person was written.
		expect(writes().every((entry) => JSON.stringify(entry).includes('d@hr.example') || entry.path.includes('/members/'))).toBe(true);
		expect(writes()).toHaveLength(2);
		for (const email of ['a@hr.example', 'b@hr.example', 'c@hr.example']) expect(sim().control.requesterByEmail(email)).toBeUndefined();
	});
});

describe('agent groups', () => {
	function agent(index: number) {
		const record = sim().control.state().agents[index];
		return { id: record.id, email: record.email!, memberOf: [...record.member_of] };
	}

	it('Add Only keeps the groups the agent is in; a restricted group reads pendingApproval; one agent update of member_of only', async () => {
		const { id, email, memberOf } = agent(0);
		const [item] = await upsert([{ email, member_of: 'Security Operations, Onboarding' }], {}, 'agent');
		const onboardingNew = !memberOf.includes(agentGroupId('Onboarding'));
		expect(item.provisioning).toMatchObject({
			action: 'updated',
			changes: { member_of: { added: onboardingNew ? ['Onboarding'] : [], pendingApproval: ['Security Operations'], removed: [] } },
		});
		const after = sim().control.agentByEmail(email)!;
		expect(after.member_of).toEqual(expect.arrayContaining([...memberOf, agentGroupId('Onboarding')]));
		expect(after.member_of_pending_approval).toEqual([agentGroupId('Security Operations')]);
		expect(calls(writes())).toEqual([`PUT /api/v2/agents/${id}`]);
		expect(Object.keys(writes()[0].requestBody as object)).toEqual(['member_of']);
		sim().control.clearLog();
		const again = await upsert([{ email, member_of: 'Security Operations, Onboarding' }], {}, 'agent');
		expect(again[0].provisioning.action).toBe('unchanged');
		expect(writes()).toEqual([]);
	});

	it('an agent whose job title and groups both change: one agent update carries both', async () => {
		const { id, email, memberOf } = agent(0);
		const network = agentGroupId('Network');
		expect(memberOf).not.toContain(network);
		const [item] = await upsert([{ email, job_title: 'Network Lead', member_of: 'Network' }], {}, 'agent');
		expect(item.provisioning).toMatchObject({
			action: 'updated',
			changes: { job_title: { to: 'Network Lead' }, member_of: { added: ['Network'], removed: [] } },
		});
		expect(calls(writes())).toEqual([`PUT /api/v2/agents/${id}`]);
		expect(writes()[0].requestBody).toMatchObject({ job_title: 'Network Lead', member_of: expect.arrayContaining([...memberOf, network]) });
		const after = sim().control.agentByEmail(email)!;
		expect(after.job_title).toBe('Network Lead');
		expect(after.member_of).toEqual(expect.arrayContaining([...memberOf, network]));
		sim().control.clearLog();
		const again = await upsert([{ email, job_title: 'Network Lead', member_of: 'Network' }], {}, 'agent');
		expect(again[0].provisioning.action).toBe('unchanged');
		expect(writes()).toEqual([]);
	});

	it('two executions at once, changing two agents\' memberships of one agent group: both hold', async () => {
		const first = agent(0);
		const second = agent(1);
		const network = agentGroupId('Network');
		const run = (email: string) => upsert([{ email, member_of: 'Network' }], {}, 'agent');
		const [a, b] = await Promise.all([run(first.email), run(second.email)]);
		expect([a[0].provisioning.action, b[0].provisioning.action].every((action) => action === 'updated' || action === 'unchanged')).toBe(true);
		const inNetwork = sim()
			.control.state()
			.agents.filter((entry) => entry.member_of.includes(network))
			.map((entry) => entry.id);
		expect(inNetwork).toEqual(expect.arrayContaining([first.id, second.id]));
		for (const entry of [first, second]) expect(sim().control.agentByEmail(entry.email)!.member_of).toEqual(expect.arrayContaining(entry.memberOf));
		expect(calls(writes()).every((call) => /^PUT \/api\/v2\/agents\/\d+$/.test(call))).toBe(true);
	});

	it('a new agent gets Member of / Observer of in the create body: one request; a restricted group reads pendingApproval', async () => {
		const row = { first_name: 'Ada', email: 'ada@hr.example', member_of: 'Network, Security Operations', observer_of: ['Hardware'] };
		const result = await runNode({
			credentials: credentials(),
			parameters: {
				resource: 'user',
				operation: 'upsert',
				userType: 'agent',
				columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
				roles: { role: [{ roleId: 'SD Agent', assignmentScope: 'entire_helpdesk' }] },
			},
			input: [row],
		});
		expect(result.error).toBeUndefined();
		const { provisioning } = result.items[0].json as Item;
		expect(provisioning).toMatchObject({
			action: 'created',
			changes: {
				member_of: { added: ['Network'], pendingApproval: ['Security Operations'], removed: [] },
				observer_of: { added: ['Hardware'], pendingApproval: [], removed: [] },
			},
		});
		expect(calls(writes())).toEqual(['POST /api/v2/agents']);
		const created = sim().control.agentByEmail('ada@hr.example')!;
		expect(created.member_of).toEqual([agentGroupId('Network')]);
		expect(created.member_of_pending_approval).toEqual([agentGroupId('Security Operations')]);
		expect(created.observer_of).toEqual([agentGroupId('Hardware')]);
	});

	it('Exact Within Managed Groups: one agent update; groups outside Managed Groups and observer_of are kept; Dry Run reports the same', async () => {
		const { id, email, memberOf } = agent(0);
		const names = ['Service Desk', 'Hardware', 'Network', 'Onboarding'];
		const current = names.find((name) => memberOf.includes(agentGroupId(name)))!;
		const target = names.find((name) => !memberOf.includes(agentGroupId(name)))!;
		const outside = names.find((name) => name !== current && name !== target)!;
		await upsert([{ email, member_of: [current, outside].join(',') }], {}, 'agent');
		const before = sim().control.agentByEmail(email)!;
		sim().control.clearLog();
		const options = { groupMembership: 'exactWithinManaged', managedGroups: [agentGroupId(current), agentGroupId(target)] };
		const [dry] = await upsert([{ email, member_of: target }], { ...options, dryRun: true }, 'agent');
		expect(writes()).toEqual([]);
		const [real] = await upsert([{ email, member_of: target }], options, 'agent');
		expect(real.provisioning.changes).toEqual({ member_of: { added: [target], pendingApproval: [], removed: [current] } });
		expect(dry.provisioning.changes).toEqual(real.provisioning.changes);
		expect([dry.provisioning.action, real.provisioning.action]).toEqual(['wouldUpdate', 'updated']);
		const after = sim().control.agentByEmail(email)!;
		expect([...after.member_of].sort()).toEqual(before.member_of.filter((group) => group !== agentGroupId(current)).concat(agentGroupId(target)).sort());
		expect(after.observer_of).toEqual(before.observer_of);
		expect(calls(writes())).toEqual([`PUT /api/v2/agents/${id}`]);
	});

	it('two items for one agent in one execution: the second starts from what the first wrote, groups included', async () => {
		const { email, memberOf } = agent(0);
		const [first, second] = ['Network', 'Hardware'].filter((name) => !memberOf.includes(agentGroupId(name)));
		const items = await upsert([{ email, job_title: 'Engineer', member_of: first }, { email, member_of: second }], {}, 'agent');
		expect(items.map((item) => item.provisioning.action)).toEqual(['updated', 'updated']);
		expect(sim().control.agentByEmail(email)!.member_of).toEqual(expect.arrayContaining([...memberOf, agentGroupId(first), agentGroupId(second)]));
	});
});
