import { DEFAULT_BEHAVIOURS, type Behaviours } from '../../simulator';
import { agentPayload, departmentId, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

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
	});
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
		configure({ searchIndexLagMs: 400 });
		const late = await createRequester({ first_name: 'Late', primary_email: 'late@example.com', job_title: 'Pilot' });
		await api().put(`/requesters/${before.id}`, { job_title: 'Captain' });
		expect(await search("job_title:'Pilot'")).toEqual([before.id]);
		expect(await search("job_title:'Captain'")).toEqual([]);
		expect(idsOf((await api().get('/requesters', { params: { email: 'late@example.com' } })).data.requesters)).toEqual([late.id]);
		await new Promise((resolve) => setTimeout(resolve, 450));
		expect(await search("job_title:'Pilot'")).toEqual([late.id]);
		expect(await search("job_title:'Captain'")).toEqual([before.id]);
		await api().delete(`/requesters/${late.id}/forget`);
		expect(await search("job_title:'Pilot'")).toEqual([late.id]);
		await new Promise((resolve) => setTimeout(resolve, 450));
		expect(await search("job_title:'Pilot'")).toEqual([]);
	});
});
