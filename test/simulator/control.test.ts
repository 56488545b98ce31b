import axios from 'axios';

import { SIMULATOR_API_KEY, SIMULATOR_READONLY_API_KEY, SIMULATOR_SUPERVISOR_API_KEY, type LogEntry, type SimulatorState } from '../../simulator';
import { controlClient, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

const control = () => controlClient(sim());

describe('authentication', () => {
	it('answers 401 invalid_credentials without or with a wrong key, and accepts any password', async () => {
		for (const client of [api(null), api('not-a-key')]) {
			const response = await client.get('/agents/me');
			expect(response.status).toBe(401);
			expect(response.data).toEqual({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
		}
		const anyPassword = await axios.get(`${sim().apiBaseUrl}/agents/me`, { auth: { username: SIMULATOR_API_KEY, password: 'whatever' } });
		expect(anyPassword.status).toBe(200);
		const bearer = await axios.get(`${sim().apiBaseUrl}/agents/me`, { headers: { Authorization: `Bearer ${SIMULATOR_API_KEY}` }, validateStatus: () => true });
		expect(bearer.status).toBe(401);
	});

	it('answers an unknown account (wrong instance path) with an HTML 404, not JSON', async () => {
		const response = await api().get(`${sim().url}/someinstance/api/v2/agents/me`);
		expect(response.status).toBe(404);
		expect(response.headers['content-type']).toMatch(/^text\/html/);
		expect(typeof response.data).toBe('string');
		expect(response.data).toContain('<html>');
		expect(response.headers['x-ratelimit-total']).toBeUndefined();
	});

	it('answers 406 for an unsupported Accept header and 405 for a wrong method', async () => {
		expect((await api().get('/agents/me', { headers: { Accept: 'application/xml' } })).status).toBe(406);
		const wrongMethod = await api().put('/requesters', {});
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.allow).toBe('GET, POST');
	});
});

describe('request log', () => {
	it('records method, path, query, status, body, duration and the kind of auth, never the key', async () => {
		await api().post('/requesters', requesterPayload());
		await api().get('/requesters', { params: { email: 'jane.doe@example.com' } });
		await api(SIMULATOR_READONLY_API_KEY).get('/agents/me');
		await api(SIMULATOR_SUPERVISOR_API_KEY).get('/agents/me');
		await api('bad-key').get('/agents/me');
		await api(null).get('/agents/me');
		const log = sim().control.log();
		expect(log.map(({ method, path, status, auth }) => ({ method, path, status, auth }))).toEqual([
			{ method: 'POST', path: '/api/v2/requesters', status: 201, auth: 'admin' },
			{ method: 'GET', path: '/api/v2/requesters', status: 200, auth: 'admin' },
			{ method: 'GET', path: '/api/v2/agents/me', status: 200, auth: 'readonly' },
			{ method: 'GET', path: '/api/v2/agents/me', status: 403, auth: 'supervisor' },
			{ method: 'GET', path: '/api/v2/agents/me', status: 401, auth: 'invalid' },
			{ method: 'GET', path: '/api/v2/agents/me', status: 401, auth: 'none' },
		]);
		expect(log[0].requestBody).toEqual(requesterPayload());
		expect(log[1].query).toEqual({ email: 'jane.doe@example.com' });
		expect(log[0].time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(log.every((entry) => entry.durationMs >= 0)).toBe(true);
		const serialised = JSON.stringify([log, (await control().get('/log')).data]);
		for (const secret of [SIMULATOR_API_KEY, SIMULATOR_READONLY_API_KEY, SIMULATOR_SUPERVISOR_API_KEY, 'bad-key', Buffer.from(`${SIMULATOR_API_KEY}:X`).toString('base64')]) {
			expect(serialised).not.toContain(secret);
		}
		expect(serialised.toLowerCase()).not.toContain('authorization');
	});

	it('keeps unparsable bodies as text and does not log control calls', async () => {
		await api().post('/requesters', 'first_name=Jane', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		await control().get('/state');
		const log = sim().control.log();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ status: 415, requestBody: 'first_name=Jane' });
	});
});

describe('HTTP control interface', () => {
	it('state, users by email and id', async () => {
		const created = (await api().post('/requesters', requesterPayload())).data.requester;
		const state: SimulatorState = (await control().get('/state')).data;
		expect(state.requesters.map((user) => user.id)).toContain(created.id);
		expect(state.departments).toHaveLength(6);
		expect(state.counters.apiRequests).toBe(1);
		expect(state.counters.byStatus).toEqual({ '201': 1 });
		const byEmail = await control().get('/users', { params: { email: 'JANE.DOE@example.com' } });
		expect(byEmail.data).toEqual({ requester: expect.objectContaining({ id: created.id }), agent: null });
		expect((await control().get(`/users/${created.id}`)).data).toMatchObject({ type: 'requester', record: { id: created.id } });
		expect((await control().get('/users/21000999999')).status).toBe(404);
	});

	it('seed, reset, log and its deletion', async () => {
		const seeded = await control().post('/seed', { requesters: 5, agents: 2, randomSeed: 9 });
		expect(seeded.status).toBe(200);
		expect(seeded.data.requesterIds).toHaveLength(5);
		expect(seeded.data.agentIds).toHaveLength(2);
		expect(sim().control.state().counters).toMatchObject({ requesters: 5, agents: 5 });
		await api().get('/agents/me');
		expect(((await control().get('/log')).data as LogEntry[]).map((entry) => entry.path)).toEqual(['/api/v2/agents/me']);
		expect((await control().delete('/log')).status).toBe(204);
		expect((await control().get('/log')).data).toEqual([]);
		expect((await control().post('/reset')).status).toBe(200);
		expect(sim().control.state().counters).toMatchObject({ requesters: 0, agents: 3, apiRequests: 0 });
	});

	it('config: read, change behaviours and rate limit, queue faults; bad input is a 400', async () => {
		const before = (await control().get('/config')).data;
		expect(before.rateLimit).toEqual({ plan: 'enterprise', perWindow: 500, listPerWindow: 140, windowMs: 60_000, enabled: true });
		const changed = await control().put('/config', { behaviours: { duplicateEmailStatus: 400 }, rateLimit: { plan: 'growth', windowMs: 1000 } });
		expect(changed.status).toBe(200);
		expect(changed.data.behaviours.duplicateEmailStatus).toBe(400);
		expect(changed.data.rateLimit).toMatchObject({ plan: 'growth', perWindow: 200, listPerWindow: 70, windowMs: 1000 });
		await api().post('/requesters', requesterPayload());
		expect((await api().post('/requesters', requesterPayload())).status).toBe(400);

		const queued = await control().post('/faults', [{ kind: 'status', status: 503, method: 'GET' }]);
		expect(queued.data.queue).toEqual([{ kind: 'status', status: 503, method: 'GET', times: 1 }]);
		expect((await api().get('/roles')).status).toBe(503);

		const bad = await control().put('/config', { behaviours: { notFoundBody: 'xml' } });
		expect(bad.status).toBe(400);
		expect(bad.data.error).toMatch(/notFoundBody/);
		expect((await control().put('/config', { rateLimit: { perWindow: -1 } })).status).toBe(400);
		expect((await control().put('/config', 'not json', { headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
		expect((await control().get('/nothing-here')).status).toBe(404);
	});
});
