import { SIMULATOR_API_KEY, SIMULATOR_READONLY_API_KEY, SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';
import { agentPayload, departmentId, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

async function createAgent(overrides: Record<string, unknown> = {}) {
	const response = await api().post('/agents', agentPayload(sim(), overrides));
	expect(response.status).toBe(201);
	return response.data.agent;
}

const roleId = (name: string): number => {
	const role = sim().control.state().roles.find((candidate) => candidate.name === name);
	if (!role) throw new Error(`No role ${name}`);
	return role.id;
};

describe('GET /agents/me', () => {
	it('answers the agent owning the key: the admin with Account Admin, the read-only key its own agent', async () => {
		const admin = await api(SIMULATOR_API_KEY).get('/agents/me');
		expect(admin.status).toBe(200);
		expect(admin.data.agent.roles[0]).toEqual({ role_id: roleId('Account Admin'), assignment_scope: 'entire_helpdesk', groups: [] });
		const readonly = await api(SIMULATOR_READONLY_API_KEY).get('/agents/me');
		expect(readonly.status).toBe(200);
		expect(readonly.data.agent.id).not.toBe(admin.data.agent.id);
		expect(readonly.data.agent.roles[0].role_id).toBe(roleId('SD Agent'));
	});
});

describe('POST /agents', () => {
	it('answers 201 with a Location header and the documented agent fields', async () => {
		const response = await api().post('/agents', agentPayload(sim()));
		expect(response.status).toBe(201);
		const agent = response.data.agent;
		expect(response.headers.location).toBe(`${sim().apiBaseUrl}/agents/${agent.id}`);
		expect(agent).toMatchObject({
			first_name: 'Ada',
			email: 'ada.byron@example.com',
			occasional: false,
			active: true,
			job_title: null,
			department_ids: [],
			reporting_manager_id: null,
			location_id: null,
			scoreboard_level_id: null,
			member_of: [],
			observer_of: [],
			member_of_pending_approval: [],
			observer_of_pending_approval: [],
			roles: [{ role_id: roleId('SD Agent'), assignment_scope: 'entire_helpdesk', groups: [] }],
			signature: null,
			custom_fields: { employee_id: null, shift: null, on_call: null },
			last_login_at: null,
			last_active_at: null,
			has_logged_in: false,
		});
		expect(agent).not.toHaveProperty('primary_email');
		expect(agent).not.toHaveProperty('scopes');
		expect(agent).not.toHaveProperty('group_ids');
	});

	it('keeps groups only for specified_groups roles', async () => {
		const [first, second] = sim().control.state().groups;
		const agent = await createAgent({
			member_of: [first.id],
			observer_of: [second.id],
			roles: [
				{ role_id: roleId('SD Agent'), assignment_scope: 'specified_groups', groups: [first.id, second.id] },
				{ role_id: roleId('Problem Manager'), assignment_scope: 'assigned_items', groups: [first.id] },
			],
		});
		expect(agent.roles).toEqual([
			{ role_id: roleId('SD Agent'), assignment_scope: 'specified_groups', groups: [first.id, second.id] },
			{ role_id: roleId('Problem Manager'), assignment_scope: 'assigned_items', groups: [] },
		]);
		const group = await api().get(`/groups/${first.id}`);
		expect(group.data.group.members).toContain(agent.id);
	});

	it.each([
		['scopes', { scopes: { ticket: 'Global Access' } }],
		['group_ids', { group_ids: [1] }],
		['role_ids', { role_ids: [1] }],
		['ticket_scope', { ticket_scope: 1 }],
		['change_scope', { change_scope: 2 }],
		['external_id', { external_id: 'x' }],
		['primary_email', { primary_email: 'x@example.com' }],
		['last_login_at', { last_login_at: null }],
		['member_of_pending_approval', { member_of_pending_approval: [] }],
	])('refuses the retired, requester-only or read-only key %s with 400 invalid_field', async (field, extra) => {
		const response = await api().post('/agents', agentPayload(sim(), extra));
		expect(response.status).toBe(400);
		expect(response.data.errors).toEqual([expect.objectContaining({ field, code: 'invalid_field' })]);
	});

	it('needs first_name, email and roles', async () => {
		const response = await api().post('/agents', { last_name: 'Byron' });
		expect(response.status).toBe(400);
		expect(response.data.errors).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ field: 'first_name', code: 'missing_field' }),
				expect.objectContaining({ field: 'email', code: 'missing_field' }),
				expect.objectContaining({ field: 'roles', code: 'missing_field' }),
			]),
		);
	});

	it.each([
		['an empty roles list', [], 'invalid_value'],
		['an unknown role id', [{ role_id: 21000000001, assignment_scope: 'entire_helpdesk' }], 'invalid_value'],
		['a role id that is not a number', [{ role_id: '7', assignment_scope: 'entire_helpdesk' }], 'datatype_mismatch'],
		['a missing scope', [{ role_id: 'SD Agent' }], 'missing_field'],
		['an unknown scope', [{ role_id: 'SD Agent', assignment_scope: 'everything' }], 'invalid_value'],
		['specified_groups without groups', [{ role_id: 'SD Agent', assignment_scope: 'specified_groups' }], 'missing_field'],
		['an unknown key in a role', [{ role_id: 'SD Agent', assignment_scope: 'entire_helpdesk', scope: 1 }], 'invalid_field'],
	])('refuses %s', async (_case, roles, code) => {
		const resolved = (roles as Array<Record<string, unknown>>).map((role) =>
			role.role_id === 'SD Agent' ? { ...role, role_id: roleId('SD Agent') } : role,
		);
		const response = await api().post('/agents', agentPayload(sim(), { roles: resolved }));
		expect(response.status).toBe(400);
		expect(response.data.errors[0]).toMatchObject({ field: 'roles', code });
	});

	it('refuses unknown groups and an out-of-range scoreboard level', async () => {
		const response = await api().post('/agents', agentPayload(sim(), { member_of: [21000000009], scoreboard_level_id: 9 }));
		expect(response.status).toBe(400);
		expect(response.data.errors).toEqual([
			expect.objectContaining({ field: 'member_of', code: 'invalid_value', message: expect.stringContaining('21000000009') }),
			expect.objectContaining({ field: 'scoreboard_level_id', code: 'invalid_value' }),
		]);
	});

	it('forbids writes with the read-only key (403 access_denied) but allows reads', async () => {
		const response = await api(SIMULATOR_READONLY_API_KEY).post('/agents', agentPayload(sim()));
		expect(response.status).toBe(403);
		expect(response.data).toEqual({ code: 'access_denied', message: expect.any(String) });
		expect(sim().control.agentByEmail('ada.byron@example.com')).toBeUndefined();
		expect((await api(SIMULATOR_READONLY_API_KEY).get('/agents')).status).toBe(200);
		expect((await api(SIMULATOR_READONLY_API_KEY).delete('/requesters/21000418006')).status).toBe(403);
	});

	it('the supervisor key (no "Manage Agents") manages requesters, and every agent route answers it 403', async () => {
		const supervisor = api(SIMULATOR_SUPERVISOR_API_KEY);
		const created = await supervisor.post('/requesters', requesterPayload());
		expect(created.status).toBe(201);
		expect((await supervisor.put(`/requesters/${created.data.requester.id}`, { job_title: 'Pilot' })).status).toBe(200);
		const agentId = (await createAgent()).id;
		for (const call of [
			supervisor.get('/agents/me'),
			supervisor.get('/agents'),
			supervisor.get(`/agents/${agentId}`),
			supervisor.post('/agents', agentPayload(sim(), { email: 'other@example.com' })),
			supervisor.delete(`/agents/${agentId}`),
			supervisor.put(`/requesters/${created.data.requester.id}/convert_to_agent`),
		]) {
			const response = await call;
			expect(response.status).toBe(403);
			expect(response.data).toEqual({ code: 'access_denied', message: expect.any(String) });
		}
		expect(sim().control.userById(agentId)?.record.active).toBe(true);
		expect(sim().control.userById(created.data.requester.id)?.type).toBe('requester');
	});
});

describe('PUT /agents/{id}', () => {
	it('updates and resets can_see_all_tickets_from_associated_departments unless sent as true', async () => {
		const agent = await createAgent({ can_see_all_tickets_from_associated_departments: true, department_ids: [departmentId(sim(), 'IT')] });
		const response = await api().put(`/agents/${agent.id}`, { occasional: true, custom_fields: { shift: 'Night' } });
		expect(response.status).toBe(200);
		expect(response.data.agent).toMatchObject({
			occasional: true,
			can_see_all_tickets_from_associated_departments: false,
			department_names: ['IT'],
			custom_fields: { shift: 'Night', employee_id: null, on_call: null },
		});
	});

	it('refuses retired keys on update too', async () => {
		const agent = await createAgent();
		const response = await api().put(`/agents/${agent.id}`, { group_ids: [1], release_scope: 1 });
		expect(response.status).toBe(400);
		expect(response.data.errors.map((error: { field: string }) => error.field)).toEqual(['group_ids', 'release_scope']);
	});
});

describe('DELETE /agents/{id} and friends', () => {
	it('deactivates with 200 and the agent body, reactivates, converts to requester and forgets', async () => {
		const agent = await createAgent({ department_ids: [departmentId(sim(), 'IT')] });
		const deactivated = await api().delete(`/agents/${agent.id}`);
		expect(deactivated.status).toBe(200);
		expect(deactivated.data.agent).toMatchObject({ id: agent.id, active: false });
		const reactivated = await api().put(`/agents/${agent.id}/reactivate`);
		expect(reactivated.status).toBe(200);
		expect(reactivated.data.agent.active).toBe(true);
		const converted = await api().put(`/agents/${agent.id}/convert_to_requester`);
		expect(converted.status).toBe(200);
		expect(converted.data.requester).toMatchObject({ id: agent.id, primary_email: 'ada.byron@example.com', is_agent: false });
		expect(sim().control.requesterByEmail('ada.byron@example.com')?.id).toBe(agent.id);
		expect((await api().get(`/agents/${agent.id}`)).status).toBe(404);
		expect((await api().delete(`/requesters/${agent.id}/forget`)).status).toBe(204);
		expect(sim().control.userById(agent.id)).toBeUndefined();
	});

	it('forgets an agent for good (204) and frees the email', async () => {
		const agent = await createAgent();
		const forgotten = await api().delete(`/agents/${agent.id}/forget`);
		expect(forgotten.status).toBe(204);
		expect(forgotten.data).toBe('');
		expect(sim().control.userById(agent.id)).toBeUndefined();
		expect((await api().get(`/agents/${agent.id}`)).status).toBe(404);
		expect((await api().post('/agents', agentPayload(sim()))).status).toBe(201);
	});

	it('a deactivated key owner can no longer authenticate', async () => {
		const readonly = (await api(SIMULATOR_READONLY_API_KEY).get('/agents/me')).data.agent;
		expect((await api().delete(`/agents/${readonly.id}`)).status).toBe(200);
		expect((await api(SIMULATOR_READONLY_API_KEY).get('/agents/me')).status).toBe(401);
	});
});

describe('GET /agents', () => {
	it('filters by email, active, state and phone', async () => {
		const occasional = await createAgent({ email: 'occ@example.com', occasional: true, mobile_phone_number: '999' });
		const gone = await createAgent({ email: 'gone@example.com' });
		await api().delete(`/agents/${gone.id}`);
		const ids = async (params: Record<string, string>) =>
			(await api().get('/agents', { params })).data.agents.map((agent: { id: number }) => agent.id);
		expect(await ids({ email: 'OCC@example.com' })).toEqual([occasional.id]);
		expect(await ids({ state: 'occasional' })).toEqual([occasional.id]);
		expect(await ids({ active: 'false' })).toEqual([gone.id]);
		expect(await ids({ active: 'true' })).not.toContain(gone.id);
		expect(await ids({ mobile_phone_number: '999' })).toEqual([occasional.id]);
		const fulltime = await ids({ state: 'fulltime' });
		expect(fulltime).not.toContain(occasional.id);
		expect(fulltime.length).toBeGreaterThanOrEqual(2);
	});

	it('refuses junk in active and state', async () => {
		const response = await api().get('/agents', { params: { active: 'yes', state: 'part-time' } });
		expect(response.status).toBe(400);
		expect(response.data.errors.map((error: { field: string }) => error.field)).toEqual(['active', 'state']);
	});
});
