import type { AxiosError } from 'axios';

import type { FaultSpec, RandomFaultConfig } from '../../simulator';
import { controlClient, requesterPayload, useSimulator } from './helpers';

const { sim, api } = useSimulator();

async function socketError(call: Promise<unknown>): Promise<string | undefined> {
	try {
		await call;
	} catch (error) {
		return (error as AxiosError).code;
	}
	throw new Error('The call was answered; a dropped connection was expected');
}

describe('queued faults', () => {
	it('status: answers the given status instead, applies nothing, then the fault is used up', async () => {
		sim().control.injectFaults({ kind: 'status', status: 500, method: 'POST', pathPattern: '/api/v2/requesters' });
		expect((await api().get('/agents/me')).status).toBe(200);
		const failed = await api().post('/requesters', requesterPayload());
		expect(failed.status).toBe(500);
		expect(failed.data).toEqual({ code: 'internal_error', message: expect.any(String) });
		expect(sim().control.requesterByEmail('jane.doe@example.com')).toBeUndefined();
		expect((await api().post('/requesters', requesterPayload())).status).toBe(201);
	});

	it('status: gateway errors answer HTML, a custom body is sent as given, times repeats', async () => {
		sim().control.injectFaults(
			{ kind: 'status', status: 503, times: 2 },
			{ kind: 'status', status: 418, body: { code: 'teapot', message: 'short and stout' } },
		);
		const first = await api().get('/roles');
		const second = await api().get('/roles');
		expect([first.status, second.status]).toEqual([503, 503]);
		expect(first.headers['content-type']).toMatch(/text\/html/);
		const custom = await api().get('/roles');
		expect(custom.status).toBe(418);
		expect(custom.data).toEqual({ code: 'teapot', message: 'short and stout' });
		expect((await api().get('/roles')).status).toBe(200);
	});

	it('strip: answers as usual less the named body keys and headers (any case), then is used up', async () => {
		sim().control.seed({ requesters: 3, randomSeed: 2 });
		sim().control.injectFaults(
			{ kind: 'strip', pathPattern: '/api/v2/agents/me', keys: ['agent'] },
			{ kind: 'strip', method: 'GET', pathPattern: '/api/v2/requesters', headers: ['Link'] },
			{ kind: 'strip', method: 'GET', pathPattern: '/api/v2/requesters', keys: ['requesters'] },
		);
		const me = await api().get('/agents/me');
		expect([me.status, me.data]).toEqual([200, {}]);
		const noLink = await api().get('/requesters', { params: { per_page: 1 } });
		expect(noLink.status).toBe(200);
		expect(noLink.data.requesters).toHaveLength(1);
		expect(noLink.headers.link).toBeUndefined();
		expect(noLink.headers['x-ratelimit-remaining']).toBeDefined();
		const noKey = await api().get('/requesters', { params: { per_page: 1 } });
		expect([noKey.status, noKey.data, typeof noKey.headers.link]).toEqual([200, {}, 'string']);
		const normal = await api().get('/requesters', { params: { per_page: 1 } });
		expect(normal.data.requesters).toHaveLength(1);
		expect(normal.headers.link).toMatch(/page=2/);
		expect((await api().get('/agents/me')).data.agent.id).toEqual(expect.any(Number));
		expect(sim().control.log().map((entry) => entry.fault)).toEqual(['strip', 'strip', 'strip', undefined, undefined]);
		expect(() => sim().control.injectFaults({ kind: 'strip' })).toThrow(/keys and\/or headers/);
		expect(() => sim().control.configure({ faults: { random: { rates: { strip: 0.1 } } } })).toThrow(/queue only/);
	});

	it('drop: the connection closes before any answer and nothing is applied', async () => {
		sim().control.injectFaults({ kind: 'drop', method: 'POST' });
		const code = await socketError(api().post('/requesters', requesterPayload()));
		expect(['ECONNRESET', 'EPIPE']).toContain(code);
		expect(sim().control.requesterByEmail('jane.doe@example.com')).toBeUndefined();
		expect(sim().control.log().at(-1)).toMatchObject({ method: 'POST', status: null, fault: 'drop' });
	});

	it('dropAfterCommit: the client sees a socket error, yet the user exists; a retry meets a duplicate', async () => {
		sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'POST', pathPattern: '/api/v2/requesters' });
		const code = await socketError(api().post('/requesters', requesterPayload()));
		expect(['ECONNRESET', 'EPIPE']).toContain(code);
		const stored = sim().control.requesterByEmail('jane.doe@example.com');
		expect(stored).toMatchObject({ first_name: 'Jane', active: true });
		const retry = await api().post('/requesters', requesterPayload());
		expect(retry.status).toBe(409);
		expect(sim().control.state().requesters.filter((user) => user.primary_email === 'jane.doe@example.com')).toHaveLength(1);
		expect(sim().control.log().map((entry) => entry.status)).toEqual([null, 409]);
	});

	it('latency: answers normally after the delay', async () => {
		sim().control.injectFaults({ kind: 'latency', ms: 300, pathPattern: '/api/v2/agents/*' });
		const started = Date.now();
		const response = await api().get('/agents/me');
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(sim().control.log()[0]).toMatchObject({ fault: 'latency', status: 200 });
		expect(sim().control.log()[0].durationMs).toBeGreaterThanOrEqual(290);
	});

	it('rateLimit: a forced 429 with the given Retry-After', async () => {
		sim().control.injectFaults({ kind: 'rateLimit', retryAfterSeconds: 7 });
		const limited = await api().get('/requesters');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(limited.headers['x-ratelimit-total']).toBe('500');
		expect((await api().get('/requesters')).status).toBe(200);
	});

	it('hang: accepts the call and never answers, applies nothing; the client gives up and other calls go on', async () => {
		sim().control.injectFaults({ kind: 'hang', method: 'POST' });
		const code = await socketError(api().post('/requesters', requesterPayload(), { timeout: 300 }));
		expect(code).toBe('ECONNABORTED');
		expect(sim().control.requesterByEmail('jane.doe@example.com')).toBeUndefined();
		expect(sim().control.log().at(-1)).toMatchObject({ method: 'POST', status: null, fault: 'hang' });
		expect((await api().post('/requesters', requesterPayload())).status).toBe(201);
		expect(sim().control.state().counters.faultsInjected.hang).toBe(1);
	});

	it('hang with afterCommit: the call is applied in full, then never answered', async () => {
		sim().control.injectFaults({ kind: 'hang', method: 'POST', afterCommit: true });
		expect(await socketError(api().post('/requesters', requesterPayload(), { timeout: 300 }))).toBe('ECONNABORTED');
		expect(sim().control.requesterByEmail('jane.doe@example.com')).toMatchObject({ first_name: 'Jane', active: true });
		expect(sim().control.log().at(-1)).toMatchObject({ method: 'POST', status: null, fault: 'hang' });
	});

	it('echoAuth: an error whose body quotes the Authorization header; nothing applied, nothing logged', async () => {
		sim().control.injectFaults({ kind: 'echoAuth', method: 'POST' }, { kind: 'echoAuth', status: 502 });
		const header = `Basic ${Buffer.from(`${sim().apiKey}:X`).toString('base64')}`;
		const echoed = await api().post('/requesters', requesterPayload());
		expect(echoed.status).toBe(400);
		expect(echoed.data.message).toContain(header);
		expect(echoed.data.errors[0].message).toContain(header);
		expect(echoed.data.request.headers.authorization).toBe(header);
		expect(sim().control.requesterByEmail('jane.doe@example.com')).toBeUndefined();
		expect((await api().get('/roles')).status).toBe(502);
		expect(sim().control.log().map((entry) => `${entry.status} ${entry.fault}`)).toEqual(['400 echoAuth', '502 echoAuth']);
		expect(JSON.stringify(sim().control.log())).not.toContain(header.slice(6));
		expect(() => sim().control.injectFaults({ kind: 'echoAuth', status: 200 })).toThrow(/error status/);
	});

	it('matches on method and path glob only', async () => {
		sim().control.injectFaults({ kind: 'status', status: 502, method: 'DELETE', pathPattern: '/api/v2/requesters/*' });
		expect((await api().get('/requesters')).status).toBe(200);
		expect((await api().delete('/requesters')).status).toBe(405);
		expect((await api().delete('/requesters/21000999999')).status).toBe(502);
		expect(sim().control.config().faults.queue).toEqual([]);
	});

	it('never hits control calls, counts injected faults, refuses nonsense', async () => {
		sim().control.injectFaults({ kind: 'status', status: 500 }, { kind: 'drop', method: 'PATCH' });
		expect((await controlClient(sim()).get('/state')).status).toBe(200);
		await api().get('/roles');
		const { counters } = sim().control.state();
		expect(counters.faultsInjected).toEqual({ status: 1, drop: 0, dropAfterCommit: 0, latency: 0, rateLimit: 0, hang: 0, echoAuth: 0, strip: 0 });
		expect(counters.pendingFaults).toBe(1);
		expect(() => sim().control.injectFaults({ kind: 'explode' } as unknown as FaultSpec)).toThrow(/unknown fault kind/);
		expect(() => sim().control.injectFaults({ kind: 'status', status: 99 })).toThrow(/status/);
	});
});

describe('random faults', () => {
	const random: RandomFaultConfig = { seed: 42, rates: { status: 0.3, latency: 0.2, rateLimit: 0.1 }, statuses: [500, 503], latencyMs: { min: 1, max: 5 } };

	async function run(calls: number): Promise<string[]> {
		const outcomes: string[] = [];
		for (let call = 0; call < calls; call++) {
			const response = await api().get('/roles');
			const fault = sim().control.log().at(-1)?.fault;
			outcomes.push(`${response.status}${fault ? `:${fault}` : ''}`);
		}
		return outcomes;
	}

	it('are reproducible from the seed, and follow the rates roughly', async () => {
		sim().control.configure({ faults: { random } });
		const first = await run(60);
		sim().control.reset();
		sim().control.configure({ faults: { random } });
		const second = await run(60);
		expect(second).toEqual(first);
		const failures = first.filter((outcome) => outcome.includes(':status')).length;
		expect(failures).toBeGreaterThan(5);
		expect(failures).toBeLessThan(35);
		expect(first.some((outcome) => outcome === '200:latency')).toBe(true);
		expect(first.some((outcome) => outcome === '429:rateLimit')).toBe(true);
		expect(first.filter((outcome) => outcome.includes(':status')).every((outcome) => /^50[03]:/.test(outcome))).toBe(true);
		sim().control.configure({ faults: { random: { ...random, seed: 43 } } });
		expect(await run(60)).not.toEqual(first);
	});

	it('respect the matcher, can be switched off, and refuse rates above 1', async () => {
		sim().control.configure({ faults: { random: { rates: { status: 1 }, method: 'POST' } } });
		expect((await api().get('/roles')).status).toBe(200);
		expect((await api().post('/requesters', requesterPayload())).status).toBeGreaterThanOrEqual(500);
		sim().control.configure({ faults: { random: null } });
		expect((await api().post('/requesters', requesterPayload())).status).toBe(201);
		expect(() => sim().control.configure({ faults: { random: { rates: { status: 0.8, drop: 0.5 } } } })).toThrow(/more than 1/);
	});
});
