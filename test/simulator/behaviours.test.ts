import {
	BEHAVIOUR_VALUES,
	DEFAULT_BEHAVIOURS,
	SIMULATOR_READONLY_API_KEY,
	SIMULATOR_SUPERVISOR_API_KEY,
	type Behaviours,
} from '../../simulator';
import { agentPayload, departmentId, requesterPayload, testClock, useSimulator } from './helpers';

// The search lag is waited out by moving the simulator's clock on, never by sleeping.
const clock = testClock();
const { sim, api } = useSimulator({ clock: clock.now });

const configure = (behaviours: Partial<Behaviours>) => sim().control.configure({ behaviours });

async function createRequester(overrides: Record<string, unknown> = {}) {
	const response = await api().post('/requesters', requesterPayload(overrides));
	expect(response.status).toBe(201);
	return response.data.requester;
}

const idsOf = (users: Array<{ id: number }>) => users.map((user) => user.id);

it('has the documented defaults', () => {
	expect(sim().control.config().behaviours).toEqual(DEFAULT_BEHAVIOURS);
	expect(DEFAULT_BEHAVIOURS).toEqual({
		duplicateEmailStatus: 409,
		emailFilterIncludesInactive: true,
		emailFilterMatchesSecondary: false,
		deactivateClearsFields: true,
		updateInactive: 'allow',
		deactivateInactive: 'succeed',
		notFoundBody: 'json',
		rateLimitBody: 'json',
		rateLimitHeaderCase: 'canonical',
		searchIndexLagMs: 0,
		lowercaseEmails: true,
		searchIncludesInactive: true,
		includeAgentsNeedsManageAgents: false,
		emailFilterIgnoresCase: true,
		unfilteredListIncludesInactive: true,
		requesterByIdForAgent: 'notFound',
		reactivateActive: 'succeed',
		employeeRequestListPaging: 'paged',
		employeeRequestStatusFilter: 'ignored',
		employeeRequestMissingRequired: 'missingField',
		employeeRequestLookupValues: 'ids',
		addExistingMember: 'succeed',
		removeNonMember: 'succeed',
		groupMembersPaging: 'link',
		reactivateRestoresGroups: false,
		ruleBasedGroupStatus: 400,
	});
	expect(Object.keys(BEHAVIOUR_VALUES).sort()).toEqual(Object.keys(DEFAULT_BEHAVIOURS).sort());
});

it('refuses unknown switches and values, and reset restores the defaults', () => {
	expect(() => configure({ duplicateEmailStatus: 422 as 409 })).toThrow(/duplicateEmailStatus/);
	expect(() => sim().control.configure({ behaviours: { noSuchSwitch: true } as Partial<Behaviours> })).toThrow(/Unknown behaviour noSuchSwitch/);
	configure({ notFoundBody: 'html' });
	sim().control.reset();
	expect(sim().control.config().behaviours.notFoundBody).toBe('json');
});

describe('emailFilterIncludesInactive', () => {
	it('true: ?email= finds deactivated requesters and agents', async () => {
		const requester = await createRequester();
		await api().delete(`/requesters/${requester.id}`);
		const agent = (await api().post('/agents', agentPayload(sim()))).data.agent;
		await api().delete(`/agents/${agent.id}`);
		expect(idsOf((await api().get('/requesters', { params: { email: 'jane.doe@example.com' } })).data.requesters)).toEqual([requester.id]);
		expect(idsOf((await api().get('/agents', { params: { email: 'ada.byron@example.com' } })).data.agents)).toEqual([agent.id]);
	});

	it('false: ?email= hides deactivated users (an explicit active=false still finds agents)', async () => {
		configure({ emailFilterIncludesInactive: false });
		const requester = await createRequester();
		await api().delete(`/requesters/${requester.id}`);
		const agent = (await api().post('/agents', agentPayload(sim()))).data.agent;
		await api().delete(`/agents/${agent.id}`);
		expect((await api().get('/requesters', { params: { email: 'jane.doe@example.com' } })).data.requesters).toEqual([]);
		expect((await api().get('/agents', { params: { email: 'ada.byron@example.com' } })).data.agents).toEqual([]);
		expect(idsOf((await api().get('/agents', { params: { email: 'ada.byron@example.com', active: 'false' } })).data.agents)).toEqual([agent.id]);
	});
});

describe('emailFilterMatchesSecondary', () => {
	it('false: ?email= matches primary emails only', async () => {
		await createRequester({ secondary_emails: ['jd@home.example'] });
		expect((await api().get('/requesters', { params: { email: 'jd@home.example' } })).data.requesters).toEqual([]);
	});

	it('true: ?email= matches secondary emails too', async () => {
		configure({ emailFilterMatchesSecondary: true });
		const requester = await createRequester({ secondary_emails: ['jd@home.example'] });
		expect(idsOf((await api().get('/requesters', { params: { email: 'JD@home.example' } })).data.requesters)).toEqual([requester.id]);
	});
});

describe('deactivateClearsFields', () => {
	async function deactivatedUser() {
		const manager = await createRequester({ first_name: 'Mona', primary_email: 'mona@example.com' });
		const location = sim().control.state().locations[0];
		const requester = await createRequester({
			department_ids: [departmentId(sim(), 'Sales')],
			reporting_manager_id: manager.id,
			location_id: location.id,
		});
		expect((await api().delete(`/requesters/${requester.id}`)).status).toBe(204);
		return { requester, manager, location };
	}

	it('true: deactivation clears department, manager and location', async () => {
		const { requester } = await deactivatedUser();
		expect(sim().control.userById(requester.id)?.record).toMatchObject({ department_ids: [], reporting_manager_id: null, location_id: null, active: false });
		const reactivated = await api().put(`/requesters/${requester.id}/reactivate`);
		expect(reactivated.data.requester).toMatchObject({ department_ids: [], reporting_manager_id: null, location_id: null, active: true });
	});

	it('false: deactivation keeps them', async () => {
		configure({ deactivateClearsFields: false });
		const { requester, manager, location } = await deactivatedUser();
		expect(sim().control.userById(requester.id)?.record).toMatchObject({
			department_ids: [departmentId(sim(), 'Sales')],
			reporting_manager_id: manager.id,
			location_id: location.id,
		});
	});
});

describe('updateInactive', () => {
	it('allow: PUT on a deactivated user succeeds and keeps it deactivated', async () => {
		const requester = await createRequester();
		await api().delete(`/requesters/${requester.id}`);
		const response = await api().put(`/requesters/${requester.id}`, { job_title: 'Leaver' });
		expect(response.status).toBe(200);
		expect(response.data.requester).toMatchObject({ job_title: 'Leaver', active: false });
	});

	it('reject: PUT on a deactivated requester or agent answers 409 incompatible_field and changes nothing', async () => {
		configure({ updateInactive: 'reject' });
		const requester = await createRequester();
		await api().delete(`/requesters/${requester.id}`);
		const response = await api().put(`/requesters/${requester.id}`, { job_title: 'Leaver' });
		expect(response.status).toBe(409);
		expect(response.data.errors[0]).toMatchObject({ field: 'active', code: 'incompatible_field' });
		expect(sim().control.userById(requester.id)?.record.job_title).toBeNull();
		const agent = (await api().post('/agents', agentPayload(sim()))).data.agent;
		await api().delete(`/agents/${agent.id}`);
		expect((await api().put(`/agents/${agent.id}`, { job_title: 'x' })).status).toBe(409);
		await api().put(`/agents/${agent.id}/reactivate`);
		expect((await api().put(`/agents/${agent.id}`, { job_title: 'x' })).status).toBe(200);
	});
});

describe('deactivateInactive', () => {
	async function deactivateTwice(): Promise<{ requester: number; agent: number; agentBody: unknown }> {
		const requester = await createRequester();
		const agent = (await api().post('/agents', agentPayload(sim()))).data.agent;
		await api().delete(`/requesters/${requester.id}`);
		await api().delete(`/agents/${agent.id}`);
		const again = await api().delete(`/requesters/${requester.id}`);
		const againAgent = await api().delete(`/agents/${agent.id}`);
		return { requester: again.status, agent: againAgent.status, agentBody: againAgent.data };
	}

	it('succeed: answers as the first time (204 / 200 with the agent)', async () => {
		const outcome = await deactivateTwice();
		expect(outcome).toMatchObject({ requester: 204, agent: 200, agentBody: { agent: expect.objectContaining({ active: false }) } });
	});

	it('notFound: answers 404', async () => {
		configure({ deactivateInactive: 'notFound' });
		expect(await deactivateTwice()).toMatchObject({ requester: 404, agent: 404 });
	});

	it('conflict: answers 409 incompatible_field', async () => {
		configure({ deactivateInactive: 'conflict' });
		const outcome = await deactivateTwice();
		expect(outcome).toMatchObject({ requester: 409, agent: 409 });
		expect(outcome.agentBody).toMatchObject({ errors: [expect.objectContaining({ code: 'incompatible_field' })] });
	});
});

describe('notFoundBody', () => {
	it('json: {code, message}', async () => {
		const response = await api().get('/requesters/21000999999');
		expect(response.status).toBe(404);
		expect(response.headers['content-type']).toMatch(/application\/json/);
		expect(response.data).toEqual({ code: 'not_found', message: expect.any(String) });
	});

	it('empty: no body', async () => {
		configure({ notFoundBody: 'empty' });
		const response = await api().get('/requesters/21000999999');
		expect(response.status).toBe(404);
		expect(response.data).toBe('');
		expect(response.headers['content-length']).toBe('0');
	});

	it('html: an HTML page, also for unknown routes', async () => {
		configure({ notFoundBody: 'html' });
		const response = await api().get('/tickets_and_more');
		expect(response.status).toBe(404);
		expect(response.headers['content-type']).toMatch(/text\/html/);
		expect(String(response.data)).toContain('<html>');
	});
});

describe('lowercaseEmails', () => {
	it('true: stored lower-cased', async () => {
		expect((await createRequester({ primary_email: 'Jane.Doe@Example.com' })).primary_email).toBe('jane.doe@example.com');
	});

	it('false: stored as sent, still unique case-insensitively', async () => {
		configure({ lowercaseEmails: false });
		expect((await createRequester({ primary_email: 'Jane.Doe@Example.com' })).primary_email).toBe('Jane.Doe@Example.com');
		expect((await api().post('/requesters', requesterPayload({ primary_email: 'jane.doe@example.com' }))).status).toBe(409);
	});
});

describe('searchIndexLagMs', () => {
	const search = async (query: string) =>
		idsOf((await api().get('/requesters', { params: { query: `"${query}"` } })).data.requesters);

	it('0: query sees writes at once', async () => {
		const requester = await createRequester({ job_title: 'Pilot' });
		expect(await search("job_title:'Pilot'")).toEqual([requester.id]);
	});

	it('> 0: new, changed and forgotten users show in query results only after the lag; plain lists do not lag', async () => {
		const before = await createRequester({ first_name: 'Early', primary_email: 'early@example.com', job_title: 'Pilot' });
		configure({ searchIndexLagMs: 120_000 });
		const late = await createRequester({ first_name: 'Late', primary_email: 'late@example.com', job_title: 'Pilot' });
		await api().put(`/requesters/${before.id}`, { job_title: 'Captain' });
		expect(await search("job_title:'Pilot'")).toEqual([before.id]);
		expect(await search("job_title:'Captain'")).toEqual([]);
		expect(idsOf((await api().get('/requesters', { params: { email: 'late@example.com' } })).data.requesters)).toEqual([late.id]);
		clock.advance(60_000);
		expect(await search("job_title:'Pilot'")).toEqual([before.id]);
		clock.advance(61_000);
		expect(await search("job_title:'Pilot'")).toEqual([late.id]);
		expect(await search("job_title:'Captain'")).toEqual([before.id]);
		await api().delete(`/requesters/${late.id}/forget`);
		expect(await search("job_title:'Pilot'")).toEqual([late.id]);
		clock.advance(121_000);
		expect(await search("job_title:'Pilot'")).toEqual([]);
	});

	it('> 0: a deactivation reaches search late too (with searchIncludesInactive false, the user still shows until then)', async () => {
		configure({ searchIncludesInactive: false });
		const requester = await createRequester({ job_title: 'Pilot' });
		configure({ searchIndexLagMs: 120_000 });
		await api().delete(`/requesters/${requester.id}`);
		const found = (await api().get('/requesters', { params: { query: `"job_title:'Pilot'"` } })).data.requesters;
		expect(found).toEqual([expect.objectContaining({ id: requester.id, active: true })]);
		clock.advance(121_000);
		expect(await search("job_title:'Pilot'")).toEqual([]);
	});
});

describe('searchIncludesInactive', () => {
	const search = async (query: string) =>
		idsOf((await api().get('/requesters', { params: { query: `"${query}"` } })).data.requesters);

	it('true: ?query= returns deactivated users', async () => {
		const requester = await createRequester();
		await api().delete(`/requesters/${requester.id}`);
		expect(await search("primary_email:'jane.doe@example.com'")).toEqual([requester.id]);
	});

	it('false: ?query= returns active users only, on /requesters and /agents', async () => {
		configure({ searchIncludesInactive: false });
		const requester = await createRequester();
		const other = await createRequester({ first_name: 'Joe', primary_email: 'joe@example.com' });
		await api().delete(`/requesters/${requester.id}`);
		expect(await search("~[first_name]:'J'")).toEqual([other.id]);
		const agent = (await api().post('/agents', agentPayload(sim()))).data.agent;
		await api().delete(`/agents/${agent.id}`);
		expect((await api().get('/agents', { params: { query: `"email:'ada.byron@example.com'"` } })).data.agents).toEqual([]);
	});
});

describe('includeAgentsNeedsManageAgents', () => {
	const listWithAgents = (key: string) => api(key).get('/requesters', { params: { include_agents: 'true' } });

	it('false: include_agents=true works for every key', async () => {
		for (const key of [SIMULATOR_READONLY_API_KEY, SIMULATOR_SUPERVISOR_API_KEY]) {
			const response = await listWithAgents(key);
			expect(response.status).toBe(200);
			expect(response.data.requesters.some((user: { is_agent: boolean }) => user.is_agent)).toBe(true);
		}
	});

	it('true: 403 access_denied for a key without "Manage Agents"; the admin key and plain lists still work', async () => {
		configure({ includeAgentsNeedsManageAgents: true });
		for (const key of [SIMULATOR_READONLY_API_KEY, SIMULATOR_SUPERVISOR_API_KEY]) {
			const refused = await listWithAgents(key);
			expect(refused.status).toBe(403);
			expect(refused.data).toEqual({ code: 'access_denied', message: expect.any(String) });
			expect((await api(key).get('/requesters', { params: { include_agents: 'false' } })).status).toBe(200);
		}
		expect((await api().get('/requesters', { params: { include_agents: 'true', email: 'sam.okafor@acme.example' } })).data.requesters).toHaveLength(1);
	});
});

describe('emailFilterIgnoresCase', () => {
	const byEmail = async (email: string) => idsOf((await api().get('/requesters', { params: { email } })).data.requesters);

	it('true: ?email= matches whatever the case', async () => {
		const requester = await createRequester({ primary_email: 'Jane.Doe@Example.com' });
		expect(await byEmail('JANE.DOE@EXAMPLE.COM')).toEqual([requester.id]);
	});

	it('false: ?email= matches the stored spelling only (lower-cased when lowercaseEmails is on)', async () => {
		configure({ emailFilterIgnoresCase: false });
		const requester = await createRequester({ primary_email: 'Jane.Doe@Example.com' });
		expect(await byEmail('Jane.Doe@Example.com')).toEqual([]);
		expect(await byEmail('jane.doe@example.com')).toEqual([requester.id]);
		configure({ lowercaseEmails: false });
		const mixed = await createRequester({ first_name: 'Joe', primary_email: 'Joe.Bloggs@Example.com' });
		expect(await byEmail('joe.bloggs@example.com')).toEqual([]);
		expect(await byEmail('Joe.Bloggs@Example.com')).toEqual([mixed.id]);
		const agent = (await api().post('/agents', agentPayload(sim(), { email: 'Ada.Byron@Example.com' }))).data.agent;
		expect((await api().get('/agents', { params: { email: 'ada.byron@example.com' } })).data.agents).toEqual([]);
		expect(idsOf((await api().get('/agents', { params: { email: 'Ada.Byron@Example.com' } })).data.agents)).toEqual([agent.id]);
	});

	it('false: secondary emails too, when the filter matches them', async () => {
		configure({ emailFilterIgnoresCase: false, emailFilterMatchesSecondary: true, lowercaseEmails: false });
		const requester = await createRequester({ secondary_emails: ['JD@Home.example'] });
		expect(await byEmail('jd@home.example')).toEqual([]);
		expect(await byEmail('JD@Home.example')).toEqual([requester.id]);
	});
});

describe('unfilteredListIncludesInactive', () => {
	async function oneActiveOneNot(): Promise<{ active: number; inactive: number }> {
		const active = await createRequester({ first_name: 'Joe', primary_email: 'joe@example.com' });
		const inactive = await createRequester();
		await api().delete(`/requesters/${inactive.id}`);
		return { active: active.id, inactive: inactive.id };
	}
	const listed = async (params: Record<string, string> = {}) => idsOf((await api().get('/requesters', { params })).data.requesters);

	it('true: GET /requesters lists deactivated requesters', async () => {
		const { active, inactive } = await oneActiveOneNot();
		expect(await listed()).toEqual(expect.arrayContaining([active, inactive]));
	});

	it('false: GET /requesters (with or without agents) hides them; the email filter is its own switch', async () => {
		configure({ unfilteredListIncludesInactive: false });
		const { active, inactive } = await oneActiveOneNot();
		expect(await listed()).toContain(active);
		expect(await listed()).not.toContain(inactive);
		expect(await listed({ include_agents: 'true' })).not.toContain(inactive);
		expect(await listed({ email: 'jane.doe@example.com' })).toEqual([inactive]);
	});
});

describe('requesterByIdForAgent', () => {
	const agentId = () => sim().control.state().agents[0].id;

	it('notFound: GET /requesters/{agent id} answers 404', async () => {
		expect((await api().get(`/requesters/${agentId()}`)).status).toBe(404);
	});

	it('record: answers the agent in requester shape with is_agent true; writes there still answer 404', async () => {
		configure({ requesterByIdForAgent: 'record' });
		const response = await api().get(`/requesters/${agentId()}`);
		expect(response.status).toBe(200);
		expect(response.data.requester).toMatchObject({ id: agentId(), is_agent: true, primary_email: 'sam.okafor@acme.example' });
		expect((await api().put(`/requesters/${agentId()}`, { job_title: 'x' })).status).toBe(404);
		expect((await api().delete(`/requesters/${agentId()}`)).status).toBe(404);
	});
});

describe('reactivateActive', () => {
	async function reactivateActive() {
		const requester = await createRequester();
		const agent = (await api().post('/agents', agentPayload(sim()))).data.agent;
		return {
			requesterId: requester.id as number,
			requester: await api().put(`/requesters/${requester.id}/reactivate`),
			agent: await api().put(`/agents/${agent.id}/reactivate`),
		};
	}

	it('succeed: 200 with the unchanged record', async () => {
		const { requester, agent } = await reactivateActive();
		expect(requester.status).toBe(200);
		expect(requester.data.requester).toMatchObject({ active: true, primary_email: 'jane.doe@example.com' });
		expect(agent.status).toBe(200);
		expect(agent.data.agent).toMatchObject({ active: true });
	});

	it('conflict: 409 incompatible_field on active', async () => {
		configure({ reactivateActive: 'conflict' });
		const { requester, agent } = await reactivateActive();
		expect([requester.status, agent.status]).toEqual([409, 409]);
		expect(requester.data.errors).toEqual([expect.objectContaining({ field: 'active', code: 'incompatible_field' })]);
	});

	it('invalidValue: 400 invalid_value on active; a deactivated user is still reactivated', async () => {
		configure({ reactivateActive: 'invalidValue' });
		const { requester, requesterId } = await reactivateActive();
		expect(requester.status).toBe(400);
		expect(requester.data).toEqual({ description: 'Validation failed', errors: [expect.objectContaining({ field: 'active', code: 'invalid_value' })] });
		await api().delete(`/requesters/${requesterId}`);
		const reactivated = await api().put(`/requesters/${requesterId}/reactivate`);
		expect(reactivated.status).toBe(200);
		expect(reactivated.data.requester.active).toBe(true);
	});
});
