import { request } from 'node:http';

import { RATE_PLANS, SIMULATOR_API_KEY } from '../../simulator';
import { controlClient, testClock, useSimulator } from './helpers';

// Windows end when the test moves the clock on, never by waiting: a slow machine cannot roll one early.
const clock = testClock({ frozen: true });
const { sim, api } = useSimulator({ rateLimit: { perWindow: 10, listPerWindow: 4, windowMs: 60_000 }, clock: clock.now });

/** Raw header names as they went over the wire (axios lower-cases them). */
function rawHeaderNames(path: string): Promise<string[]> {
	return new Promise((resolve, reject) => {
		const url = new URL(`${sim().apiBaseUrl}${path}`);
		const auth = `Basic ${Buffer.from(`${SIMULATOR_API_KEY}:X`).toString('base64')}`;
		const call = request(url, { headers: { Authorization: auth } }, (response) => {
			response.resume();
			response.on('end', () => resolve(response.rawHeaders.filter((_value, index) => index % 2 === 0)));
		});
		call.on('error', reject);
		call.end();
	});
}

describe('rate limit headers', () => {
	it('every answer carries total, remaining and used, counting down', async () => {
		const first = await api().get('/agents/me');
		const second = await api().get('/requesters/21000999999');
		expect(first.headers['x-ratelimit-total']).toBe('10');
		expect(first.headers['x-ratelimit-remaining']).toBe('9');
		expect(first.headers['x-ratelimit-used-currentrequest']).toBe('1');
		expect(second.status).toBe(404);
		expect(second.headers['x-ratelimit-remaining']).toBe('8');
	});

	it('canonical case by default, lower case by switch', async () => {
		expect(await rawHeaderNames('/agents/me')).toEqual(expect.arrayContaining(['X-Ratelimit-Total', 'X-Ratelimit-Remaining', 'X-Ratelimit-Used-CurrentRequest']));
		sim().control.configure({ behaviours: { rateLimitHeaderCase: 'lower' } });
		const names = await rawHeaderNames('/agents/me');
		expect(names).toEqual(expect.arrayContaining(['x-ratelimit-total', 'x-ratelimit-remaining', 'x-ratelimit-used-currentrequest']));
		expect(names).not.toContain('X-Ratelimit-Total');
	});
});

describe('overall limit', () => {
	it('counts invalid calls too, then answers 429 with Retry-After until the window ends', async () => {
		const noAuth = api(null);
		const statuses = [
			(await noAuth.get('/agents/me')).status,
			(await api('wrong-key').get('/agents/me')).status,
			(await api().post('/requesters', { nickname: 'x' })).status,
			(await api().get('/requesters/21000999999')).status,
		];
		expect(statuses).toEqual([401, 401, 400, 404]);
		for (let call = 0; call < 6; call++) expect((await api().get('/agents/me')).status).toBe(200);
		const limited = await api().get('/agents/me');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toMatch(/^[1-9]\d*$/);
		expect(limited.headers['retry-after']).toBe('60');
		expect(limited.headers['x-ratelimit-remaining']).toBe('0');
		expect(limited.data).toEqual({ code: 'rate_limit_exceeded', message: expect.any(String) });
		expect((await api(null).get('/agents/me')).status).toBe(429);
		expect(sim().control.state().counters.rateLimited).toBe(2);
		clock.advance(Number(limited.headers['retry-after']) * 1000);
		const after = await api().get('/agents/me');
		expect(after.status).toBe(200);
		expect(after.headers['x-ratelimit-remaining']).toBe('9');
	});

	it('does not count control calls nor calls to another account', async () => {
		for (let call = 0; call < 15; call++) {
			expect((await controlClient(sim()).get('/config')).status).toBe(200);
			expect((await api().get(`${sim().url}/other/api/v2/agents/me`)).status).toBe(404);
		}
		expect((await api().get('/agents/me')).headers['x-ratelimit-remaining']).toBe('9');
	});

	it('empty body by switch', async () => {
		sim().control.configure({ behaviours: { rateLimitBody: 'empty' } });
		for (let call = 0; call < 10; call++) await api().get('/roles');
		const limited = await api().get('/roles');
		expect(limited.status).toBe(429);
		expect(limited.data).toBe('');
		expect(limited.headers['retry-after']).toBeDefined();
	});

	it('Retry-After is the whole seconds left in a long window', async () => {
		for (let call = 0; call < 10; call++) await api().get('/roles');
		const limited = await api().get('/roles');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('60');
		clock.advance(45_500);
		expect((await api().get('/roles')).headers['retry-after']).toBe('15');
	});
});

describe('list sub-limit', () => {
	it('limits list-requesters and list-agents each, not other calls', async () => {
		for (let call = 0; call < 4; call++) expect((await api().get('/requesters')).status).toBe(200);
		const limited = await api().get('/requesters', { params: { email: 'a@example.com' } });
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBeDefined();
		expect((await api().get('/agents')).status).toBe(200);
		expect((await api().get('/agents/me')).status).toBe(200);
		expect((await api().get('/requesters/21000418006')).status).toBe(404);
		expect(sim().control.state().counters.rateLimitWindow).toMatchObject({ listRequestersUsed: 4, listAgentsUsed: 1, used: 7 });
	});
});

describe('plans', () => {
	it('take the documented numbers, default enterprise', async () => {
		expect(RATE_PLANS).toEqual({
			starter: { perWindow: 100, listPerWindow: 40 },
			growth: { perWindow: 200, listPerWindow: 70 },
			pro: { perWindow: 400, listPerWindow: 120 },
			enterprise: { perWindow: 500, listPerWindow: 140 },
		});
		sim().control.configure({ rateLimit: { plan: 'starter' } });
		expect(sim().control.config().rateLimit).toMatchObject({ plan: 'starter', perWindow: 100, listPerWindow: 40, windowMs: 60_000 });
		for (let call = 0; call < 40; call++) await api().get('/agents');
		const limited = await api().get('/agents');
		expect(limited.status).toBe(429);
		expect(limited.headers['x-ratelimit-total']).toBe('100');
		expect(limited.headers['x-ratelimit-remaining']).toBe('60');
	});

	it('can be switched off', async () => {
		sim().control.configure({ rateLimit: { enabled: false } });
		for (let call = 0; call < 15; call++) expect((await api().get('/requesters')).status).toBe(200);
	});
});
