// Requester groups and their members, deactivation's rule, agent-group approvals, and every switch
// the documentation leaves open about them.
import type { Behaviours } from '../../simulator';
import { SIMULATOR_READONLY_API_KEY } from '../../simulator';
import { agentPayload, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

const configure = (behaviours: Partial<Behaviours>) => sim().control.configure({ behaviours });
const groupId = (name: string) => {
	const group = sim().control.state().requesterGroups.find((candidate) => candidate.name === name);
	if (!group) throw new Error(`no requester group ${name}`);
	return group.id;
};
const agentGroupId = (name: string) => {
	const group = sim().control.state().groups.find((candidate) => candidate.name === name);
	if (!group) throw new Error(`no group ${name}`);
	return group.id;
};
const members = (name: string) => sim().control.state().requesterGroupMembers[String(groupId(name))];

async function newRequester(email: string): Promise<number> {
	const response = await api().post('/requesters', requesterPayload({ primary_email: email }));
	expect(response.status).toBe(201);
	return response.data.requester.id as number;
}

describe('requester group members', () => {
	it('adds one (200) and lists it; removes it (204)', async () => {
		const id = await newRequester('jo@example.com');
		const group = groupId('Sales Team');
		const added = await api().post(`/requester_groups/${group}/members/${id}`);
		expect(added.status).toBe(200);
		const listed = await api().get(`/requester_groups/${group}/members`);
		expect(listed.data.requesters).toEqual([{ id, first_name: 'Jane', last_name: 'Doe', email: 'jo@example.com' }]);
		expect((await api().delete(`/requester_groups/${group}/members/${id}`)).status).toBe(204);
		expect(members('Sales Team')).toEqual([]);
	});

	it('joinRequesterGroup puts a requester in a manual group as by hand: listed, nothing logged; refuses rule-based groups and agents', async () => {
		const id = await newRequester('hand@example.com');
		sim().control.clearLog();
		sim().control.joinRequesterGroup('Contractors', id);
		sim().control.joinRequesterGroup('Contractors', id);
		expect(members('Contractors')).toEqual([id]);
		expect(sim().control.log()).toEqual([]);
		expect((await api().get(`/requester_groups/${groupId('Contractors')}/members`)).data.requesters.map((member: { id: number }) => member.id)).toEqual([id]);
		expect(() => sim().control.joinRequesterGroup('All Employees', id)).toThrow('No manual requester group is named All Employees');
		const agent = (await api().post('/agents', agentPayload(sim(), { email: 'agent.hand@example.com' }))).data.agent.id as number;
		expect(() => sim().control.joinRequesterGroup('Contractors', agent)).toThrow(`No requester has the ID ${agent}`);
	});

	it('answers 404 for an unknown group, an unknown requester or an agent', async () => {
		const id = await newRequester('jo@example.com');
		const agent = sim().control.state().agents[0].id;
		expect((await api().post(`/requester_groups/99/members/${id}`)).status).toBe(404);
		expect((await api().post(`/requester_groups/${groupId('Sales Team')}/members/99`)).status).toBe(404);
		expect((await api().post(`/requester_groups/${groupId('Sales Team')}/members/${agent}`)).status).toBe(404);
		expect((await api().get('/requester_groups/99/members')).status).toBe(404);
	});

	it('refuses a deactivated requester', async () => {
		const id = await newRequester('jo@example.com');
		await api().delete(`/requesters/${id}`);
		const response = await api().post(`/requester_groups/${groupId('Sales Team')}/members/${id}`);
		expect(response.status).toBe(400);
		expect(members('Sales Team')).toEqual([]);
	});

	it('refuses writes with the read-only key', async () => {
		const id = await newRequester('jo@example.com');
		expect((await api(SIMULATOR_READONLY_API_KEY).post(`/requester_groups/${groupId('Sales Team')}/members/${id}`)).status).toBe(403);
	});

	it.each([400, 403] as const)('refuses members of a rule-based group with %s (ruleBasedGroupStatus)', async (status) => {
		configure({ ruleBasedGroupStatus: status });
		const id = await newRequester('jo@example.com');
		const before = members('All Employees');
		expect((await api().post(`/requester_groups/${groupId('All Employees')}/members/${id}`)).status).toBe(status);
		expect((await api().delete(`/requester_groups/${groupId('All Employees')}/members/${id}`)).status).toBe(status);
		expect(members('All Employees')).toEqual(before);
	});

	it('lists every active requester as a member of the rule-based group', async () => {
		const id = await newRequester('jo@example.com');
		expect(members('All Employees')).toContain(id);
		await api().delete(`/requesters/${id}`);
		expect(members('All Employees')).not.toContain(id);
	});

	it.each([
		['succeed', 200],
		['conflict', 409],
		['invalidValue', 400],
	] as const)('adding an existing member: %s answers %s and changes nothing', async (setting, status) => {
		configure({ addExistingMember: setting });
		const id = await newRequester('jo@example.com');
		const group = groupId('Sales Team');
		await api().post(`/requester_groups/${group}/members/${id}`);
		expect((await api().post(`/requester_groups/${group}/members/${id}`)).status).toBe(status);
		expect(members('Sales Team')).toEqual([id]);
	});

	it.each([
		['succeed', 204],
		['notFound', 404],
		['invalidValue', 400],
	] as const)('removing a non-member: %s answers %s', async (setting, status) => {
		configure({ removeNonMember: setting });
		const id = await newRequester('jo@example.com');
		expect((await api().delete(`/requester_groups/${groupId('Sales Team')}/members/${id}`)).status).toBe(status);
	});
});

describe('members listing pages (groupMembersPaging)', () => {
	async function fill(count: number): Promise<number[]> {
		const { requesterIds } = sim().control.seed({ requesters: count, randomSeed: 7 });
		const group = groupId('Sales Team');
		for (const id of requesterIds) expect((await api().post(`/requester_groups/${group}/members/${id}`)).status).toBe(200);
		return requesterIds;
	}

	it('link: pages of per_page with a link header until the last page', async () => {
		const ids = await fill(150);
		const first = await api().get(`/requester_groups/${groupId('Sales Team')}/members`, { params: { per_page: 100 } });
		expect(first.data.requesters).toHaveLength(100);
		expect(first.headers.link).toContain('page=2');
		const second = await api().get(`/requester_groups/${groupId('Sales Team')}/members`, { params: { per_page: 100, page: 2 } });
		expect(second.data.requesters).toHaveLength(50);
		expect(second.headers.link).toBeUndefined();
		expect([...first.data.requesters, ...second.data.requesters].map((member: { id: number }) => member.id)).toEqual(ids);
	});

	it('noLink: the same pages without a link header', async () => {
		configure({ groupMembersPaging: 'noLink' });
		await fill(150);
		const first = await api().get(`/requester_groups/${groupId('Sales Team')}/members`, { params: { per_page: 100 } });
		expect(first.data.requesters).toHaveLength(100);
		expect(first.headers.link).toBeUndefined();
	});

	it('unpaged: everyone in one answer, whatever page is asked for', async () => {
		configure({ groupMembersPaging: 'unpaged' });
		await fill(150);
		const second = await api().get(`/requester_groups/${groupId('Sales Team')}/members`, { params: { per_page: 100, page: 2 } });
		expect(second.data.requesters).toHaveLength(150);
	});
});

describe('deactivation and reactivation', () => {
	it('deactivation takes a requester out of every requester group', async () => {
		const id = await newRequester('jo@example.com');
		for (const name of ['Sales Team', 'Contractors']) await api().post(`/requester_groups/${groupId(name)}/members/${id}`);
		await api().delete(`/requesters/${id}`);
		expect(members('Sales Team')).toEqual([]);
		expect(members('Contractors')).toEqual([]);
	});

	it.each([
		[false, []],
		[true, ['Sales Team', 'Contractors']],
	] as const)('reactivateRestoresGroups %s: a reactivated requester is back in %j', async (restores, expected) => {
		configure({ reactivateRestoresGroups: restores });
		const id = await newRequester('jo@example.com');
		for (const name of ['Sales Team', 'Contractors']) await api().post(`/requester_groups/${groupId(name)}/members/${id}`);
		await api().delete(`/requesters/${id}`);
		expect((await api().put(`/requesters/${id}/reactivate`)).status).toBe(200);
		const back = ['Sales Team', 'Contractors'].filter((name) => members(name).includes(id));
		expect(back).toEqual(expected);
	});

	it('forgetting a requester removes them from groups', async () => {
		const id = await newRequester('jo@example.com');
		await api().post(`/requester_groups/${groupId('Sales Team')}/members/${id}`);
		await api().delete(`/requesters/${id}/forget`);
		expect(members('Sales Team')).toEqual([]);
	});
});

describe('creating a requester group', () => {
	it('creates a manual group (201) and refuses a name in use (409)', async () => {
		const created = await api().post('/requester_groups', { name: 'Berlin Office', description: 'Everyone in Berlin' });
		expect(created.status).toBe(201);
		expect(created.data.requester_group).toMatchObject({ name: 'Berlin Office', type: 'manual' });
		expect((await api().post('/requester_groups', { name: 'berlin office' })).status).toBe(409);
		expect((await api().post('/requester_groups', { description: 'x' })).status).toBe(400);
		expect((await api().post('/requester_groups', { name: 'X', type: 'rule_based' })).status).toBe(400);
	});
});

describe('agent groups: restricted groups need approval', () => {
	it('a new member of a restricted group is pending; other groups take them at once', async () => {
		const restricted = agentGroupId('Security Operations');
		const open = agentGroupId('Network');
		const created = await api().post('/agents', agentPayload(sim(), { member_of: [open, restricted] }));
		expect(created.status).toBe(201);
		expect(created.data.agent).toMatchObject({ member_of: [open], member_of_pending_approval: [restricted] });
		const group = (await api().get(`/groups/${restricted}`)).data.group;
		expect(group).toMatchObject({ members: [], members_pending_approval: [created.data.agent.id], restricted: true, approval_required: true });
	});

	it('changes only what member_of / observer_of say; a pending group no longer sent is dropped', async () => {
		const restricted = agentGroupId('Security Operations');
		const open = agentGroupId('Network');
		const id = (await api().post('/agents', agentPayload(sim(), { observer_of: [restricted] }))).data.agent.id;
		const updated = await api().put(`/agents/${id}`, { member_of: [open] });
		expect(updated.data.agent).toMatchObject({ member_of: [open], observer_of: [], observer_of_pending_approval: [restricted] });
		const cleared = await api().put(`/agents/${id}`, { observer_of: [] });
		expect(cleared.data.agent).toMatchObject({ member_of: [open], observer_of_pending_approval: [] });
	});
});
