import { runNode } from '../harness/source';
import { byEmail, byId, createRequester, useSimulator } from './fixtures';

const { sim, credentials, apiCalls } = useSimulator();

async function hire(firstName: string, email: string, additionalFields = {}) {
	const result = await runNode({ credentials: credentials(), parameters: createRequester(firstName, email, additionalFields) });
	expect(result.error).toBeUndefined();
	sim().control.clearLog();
	return result.items[0].json;
}

async function hireAgent(email: string) {
	const role = sim().control.state().roles[0];
	const result = await runNode({
		credentials: credentials(),
		parameters: {
			resource: 'user',
			operation: 'create',
			userType: 'agent',
			firstName: 'Ada',
			email,
			roles: { role: [{ roleId: role.id, assignmentScope: 'entire_helpdesk' }] },
			additionalFields: {},
		},
	});
	expect(result.error).toBeUndefined();
	sim().control.clearLog();
	return result.items[0].json;
}

describe('Update', () => {
	it('finds a requester by email and changes only the given fields', async () => {
		const hired = await hire('Jane', 'jane@example.com', { jobTitle: 'Engineer', mobilePhoneNumber: '+49 151 000' });
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'update', user: byEmail('JANE@example.com'), updateFields: { jobTitle: 'Staff Engineer' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'updated', userType: 'requester' }, id: hired.id, job_title: 'Staff Engineer' });
		const stored = sim().control.requesterByEmail('jane@example.com')!;
		expect(stored.job_title).toBe('Staff Engineer');
		expect(stored.mobile_phone_number).toBe('+49 151 000');
		const put = apiCalls().find((entry) => entry.method === 'PUT')!;
		expect(put.path).toBe(`/api/v2/requesters/${String(hired.id)}`);
		expect(put.requestBody).toEqual({ job_title: 'Staff Engineer' });
	});

	it('keeps "can see all tickets from associated departments", which Freshservice would silently reset', async () => {
		await hire('Jane', 'jane@example.com', { canSeeAllTicketsFromAssociatedDepartments: true });
		await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'update', user: byEmail('jane@example.com'), updateFields: { lastName: 'Roe' } },
		});
		expect(sim().control.requesterByEmail('jane@example.com')!.can_see_all_tickets_from_associated_departments).toBe(true);
	});

	it('updates an agent found by email through the agents endpoint', async () => {
		const agent = await hireAgent('ada@example.com');
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'update', user: byEmail('ada@example.com'), updateFields: { occasional: true } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'updated', userType: 'agent' }, id: agent.id, occasional: true });
		expect(apiCalls().some((entry) => entry.method === 'PUT' && entry.path === `/api/v2/agents/${String(agent.id)}`)).toBe(true);
	});

	it('refuses an empty update before any request', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'update', user: byEmail('jane@example.com'), updateFields: {} },
		});
		expect(result.error?.message).toBe("'Update Fields' is empty: add at least one field to change [item 0]");
		expect(apiCalls()).toEqual([]);
	});

	it('says plainly when the ID does not exist, naming the parameter', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'update', user: byId('21000999999'), updateFields: { jobTitle: 'x' } },
		});
		expect(result.error?.message).toBe('No Freshservice user (requester or agent) has ID 21000999999');
		expect(result.error?.description).toBe("Double-check the value in 'User to Update'.");
		expect(apiCalls().map((entry) => `${entry.method} ${entry.status}`)).toEqual(['GET 404', 'GET 404']);
	});

	it('refuses an ID that is not a number before any request', async () => {
		const result = await runNode({
			credentials: credentials(),
			input: [{ hrisId: 'jane' }],
			parameters: { resource: 'user', operation: 'update', user: byId('={{ $json.hrisId }}'), updateFields: { jobTitle: 'x' } },
		});
		expect(result.error?.message).toMatch(/^'User to Update' must be a Freshservice ID .* \[item 0\]$/);
		expect(apiCalls()).toEqual([]);
	});
});

describe('Deactivate', () => {
	it('deactivates a requester found by email', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'deactivate', user: byEmail('jane@example.com') },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'deactivated', userType: 'requester' }, id: hired.id, active: false });
		expect(sim().control.requesterByEmail('jane@example.com')!.active).toBe(false);
	});

	it('leaves an already deactivated user alone and says so', async () => {
		await hire('Jane', 'jane@example.com');
		const params = { resource: 'user', operation: 'deactivate', user: byEmail('jane@example.com') };
		await runNode({ credentials: credentials(), parameters: params });
		sim().control.clearLog();
		const again = await runNode({ credentials: credentials(), parameters: params });
		expect(again.items[0].json).toMatchObject({ provisioning: { action: 'alreadyDeactivated', userType: 'requester' }, active: false });
		expect(again.items[0].json.provisioning).toMatchObject({ reason: expect.stringMatching(/already deactivated/) });
		expect(apiCalls().filter((entry) => entry.method !== 'GET')).toEqual([]);
	});

	it('finds a deactivated user even where the email filter hides deactivated users', async () => {
		sim().control.configure({ behaviours: { emailFilterIncludesInactive: false } });
		await hire('Jane', 'jane@example.com');
		const params = { resource: 'user', operation: 'deactivate', user: byEmail('jane@example.com') };
		await runNode({ credentials: credentials(), parameters: params });
		const again = await runNode({ credentials: credentials(), parameters: params });
		expect(again.error).toBeUndefined();
		expect(again.items[0].json.provisioning).toMatchObject({ action: 'alreadyDeactivated' });
	});

	it('deactivates an agent (Freshservice answers 200 with the agent)', async () => {
		const agent = await hireAgent('ada@example.com');
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'deactivate', user: byId(String(agent.id)) },
		});
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'deactivated', userType: 'agent' }, id: agent.id, active: false });
		expect(sim().control.agentByEmail('ada@example.com')!.active).toBe(false);
	});

	it('says which email it could not find', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'deactivate', user: byEmail('nobody@example.com') },
		});
		expect(result.error?.message).toBe('No Freshservice user (requester or agent) has the email nobody@example.com');
		expect(result.error?.description).toBe("Double-check the value in 'User to Deactivate'.");
	});
});

describe('Get', () => {
	it('gets a requester by email and by ID, and an agent by email', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		const agent = await hireAgent('ada@example.com');
		const viaEmail = await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'get', user: byEmail('jane@example.com') } });
		const viaId = await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'get', user: byId(String(hired.id)) } });
		const viaAgentEmail = await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'get', user: byEmail('ada@example.com') } });
		expect(viaEmail.items[0].json).toMatchObject({ id: hired.id, provisioning: { action: 'found', userType: 'requester', dryRun: false } });
		expect(viaId.items[0].json).toMatchObject({ id: hired.id, primary_email: 'jane@example.com' });
		expect(viaAgentEmail.items[0].json).toMatchObject({ id: agent.id, provisioning: { userType: 'agent' }, email: 'ada@example.com' });
		expect(viaAgentEmail.items[0].json.roles).toHaveLength(1);
	});
});

describe('Get Many', () => {
	beforeEach(() => {
		sim().control.seed({ requesters: 250, agents: 5, randomSeed: 7, deactivatedRatio: 0.2 });
		sim().control.clearLog();
	});

	it('a limit costs no more requests than it needs', async () => {
		const ten = await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'getAll', userType: 'requester', limit: 10 } });
		expect(ten.items).toHaveLength(10);
		expect(apiCalls().map((entry) => entry.query.per_page)).toEqual(['10']);
		sim().control.clearLog();
		const many = await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'getAll', userType: 'requester', limit: 150 } });
		expect(many.items).toHaveLength(150);
		expect(apiCalls()).toHaveLength(2);
		expect(many.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Return All follows the link header to the last page', async () => {
		const total = sim().control.state().requesters.length;
		const all = await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true } });
		expect(all.items).toHaveLength(total);
		expect(new Set(all.items.map((item) => item.json.id)).size).toBe(total);
		expect(apiCalls()).toHaveLength(Math.ceil(total / 100));
	});

	it('filters by active state and by email', async () => {
		const state = sim().control.state();
		const inactive = state.requesters.filter((user) => !user.active);
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true, filters: { activeState: 'inactive' } },
		});
		expect(result.items.map((item) => item.json.id).sort()).toEqual(inactive.map((user) => user.id).sort());
		const someone = state.requesters.find((user) => user.active)!;
		const one = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'getAll', userType: 'requester', limit: 5, filters: { email: someone.primary_email } },
		});
		expect(one.items.map((item) => item.json.id)).toEqual([someone.id]);
	});

	it('filters agents by department through Freshservice search', async () => {
		const { agents } = sim().control.state();
		const department = agents.find((agent) => agent.department_ids.length > 0)!.department_ids[0];
		const expected = agents.filter((agent) => agent.department_ids.includes(department)).map((agent) => agent.id);
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'getAll', userType: 'agent', returnAll: true, filters: { departmentId: department } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id).sort()).toEqual(expected.sort());
		expect(apiCalls()[0].query.query).toBe(`"department_id:${department}"`);
	});
});
