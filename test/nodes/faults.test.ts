/**
 * Server faults on reads, updates and deactivations: retried until they succeed, or until the
 * retries run out with a message the user can act on; a server that never answers fails the item
 * after the timeout, and the next items still run.
 */
import type { FaultSpec } from '../../simulator';
import { runNode } from '../harness/source';
import { byId, createRequester, useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

/** The node's timeout in these tests. */
const TIMEOUT_SECONDS = 1;
/** The simulator accepts the call and never answers. */
const HANG = { kind: 'hang' } as const;

async function hire(email: string): Promise<number> {
	const result = await runNode({ credentials: credentials(), parameters: createRequester('Jane', email) });
	expect(result.error).toBeUndefined();
	return result.items[0].json.id as number;
}

const operations = {
	GET: (id: number) => ({ resource: 'user', operation: 'get', user: byId(id) }),
	PUT: (id: number) => ({ resource: 'user', operation: 'update', user: byId(id), updateFields: { jobTitle: 'Engineer' } }),
	DELETE: (id: number) => ({ resource: 'user', operation: 'deactivate', user: byId(id) }),
} as const;
type Method = keyof typeof operations;
const METHODS = Object.keys(operations) as Method[];

/** What the user checks after the item succeeded. */
function expectDone(method: Method, id: number) {
	const stored = sim().control.userById(id)!.record;
	if (method === 'PUT') expect(stored.job_title).toBe('Engineer');
	if (method === 'DELETE') expect(stored.active).toBe(false);
}

const calls = (method: Method, id: number) =>
	sim()
		.control.log()
		.filter((entry) => entry.method === method && entry.path === `/api/v2/requesters/${id}`);

/** Each method with its own user and its own fault, run side by side (retries back off for seconds). */
async function eachMethod(fault: Omit<FaultSpec, 'method' | 'pathPattern'>, check: (method: Method, id: number, result: Awaited<ReturnType<typeof runNode>>) => void) {
	const ids: Record<string, number> = {};
	for (const method of METHODS) ids[method] = await hire(`${method.toLowerCase()}@example.com`);
	sim().control.clearLog();
	sim().control.configure({
		faults: { queue: METHODS.map((method) => ({ ...fault, method, pathPattern: `/api/v2/requesters/${ids[method]}` }) as FaultSpec) },
	});
	const results = await Promise.all(
		METHODS.map((method) =>
			runNode({ credentials: credentials(), parameters: { ...operations[method](ids[method]), requestOptions: { timeout: TIMEOUT_SECONDS } } }),
		),
	);
	METHODS.forEach((method, index) => check(method, ids[method], results[index]));
}

describe('faults on GET, PUT and DELETE', () => {
	it.each([
		['a 503', { kind: 'status', status: 503, times: 2 }],
		['a dropped connection', { kind: 'drop', times: 2 }],
		['a server that does not answer', { ...HANG, times: 1 }],
	] as const)('%s is retried until the request succeeds', async (_name, fault) => {
		await eachMethod(fault as FaultSpec, (method, id, result) => {
			expect(result.error).toBeUndefined();
			expectDone(method, id);
			expect(calls(method, id).length).toBe(fault.times + 1);
		});
	});

	it.each([
		['a 503', { kind: 'status', status: 503, times: 5 }, 5, /^Freshservice had an internal error while trying to (read|update|deactivate) requester \d+$/],
		[
			'a dropped connection',
			{ kind: 'drop', times: 5 },
			5,
			/^Could not reach Freshservice while trying to (read|update|deactivate) requester \d+: the connection was dropped \(tried 5 times\)$/,
		],
		[
			'a server that does not answer',
			{ ...HANG, times: 2 },
			2,
			new RegExp(`^Freshservice did not answer within ${TIMEOUT_SECONDS} s while trying to (read|update|deactivate) requester \\d+ \\(tried 2 times\\)$`),
		],
	] as const)('%s fails the item with a clear message once the retries run out', async (_name, fault, attempts, message) => {
		await eachMethod(fault as FaultSpec, (method, id, result) => {
			expect(result.error?.message).toMatch(message);
			expect(calls(method, id).length).toBe(attempts);
		});
	});

	it('a hung request fails its own item after the timeout, and the next items still run', async () => {
		const ids = [await hire('a@example.com'), await hire('b@example.com'), await hire('c@example.com')];
		sim().control.clearLog();
		sim().control.configure({ faults: { queue: [{ ...HANG, method: 'GET', pathPattern: `/api/v2/requesters/${ids[0]}`, times: 2 }] } });
		const result = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			input: ids.map((id) => ({ id })),
			parameters: { ...operations.GET(0), user: byId('={{ $json.id }}'), requestOptions: { timeout: TIMEOUT_SECONDS, parallelRequests: 1 } },
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.error).toBe(`Freshservice did not answer within ${TIMEOUT_SECONDS} s while trying to read requester ${ids[0]} (tried 2 times)`);
		expect(result.items[0].json.description).toContain('Request Options → Timeout');
		expect(result.items[1].json).toMatchObject({ id: ids[1], provisioning: { action: 'found' } });
		expect(result.items[2].json).toMatchObject({ id: ids[2], provisioning: { action: 'found' } });
	});

	it.each([
		['before Freshservice acted on it', false, 2],
		['after Freshservice made the user', true, 1],
	])('a create that gets no answer (%s) is looked up before it is sent again, and makes one user', async (_when, afterCommit, posts) => {
		sim().control.configure({ faults: { queue: [{ ...HANG, afterCommit, method: 'POST', pathPattern: '/api/v2/requesters' }] } });
		const result = await runNode({
			credentials: credentials(),
			parameters: { ...createRequester('Rui', 'rui@example.com'), requestOptions: { timeout: TIMEOUT_SECONDS } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'created' }, primary_email: 'rui@example.com' });
		expect(sim().control.state().requesters.filter((user) => user.primary_email === 'rui@example.com')).toHaveLength(1);
		const log = sim().control.log().map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
		expect(log.filter((entry) => entry.startsWith('POST'))).toHaveLength(posts);
		// The unanswered create, then a lookup by email before anything else is sent.
		expect(log[0]).toBe('POST /api/v2/requesters null');
		expect(log[1]).toMatch(/^GET \/api\/v2\/requesters 200$/);
	});
});

describe('rate-limit edges', () => {
	it('a Retry-After longer than the node waits fails the items with the wait Freshservice asked for, sending nothing more', async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'rateLimit', retryAfterSeconds: 600 }] } });
		const result = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			input: [{ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'c@example.com' }],
			parameters: createRequester('Pat', '={{ $json.email }}'),
		});
		expect(result.items).toHaveLength(3);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatch(
				new RegExp(`^Freshservice's rate limit for this account is used up while trying to create the requester ${['a', 'b', 'c'][index]}@example.com.*\\. Freshservice asked to wait 600 s \\(10 min\\)$`),
			);
			expect(item.json.httpCode).toBe('429');
			expect(item.json.description).toContain('longer than this node waits (120 s)');
		});
		expect(sim().control.log()).toHaveLength(1);
		expect(sim().control.state().requesters.filter((user) => user.first_name === 'Pat')).toEqual([]);
	});

	it('a 429 without Retry-After is waited out too, and the item succeeds', async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'status', status: 429, method: 'POST', body: { code: 'rate_limit_exceeded', message: 'slow down' } }] } });
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Lee', 'lee@example.com') });
		expect(result.error).toBeUndefined();
		expect(sim().control.log().map((entry) => entry.status)).toEqual([429, 201]);
		expect(sim().control.requesterByEmail('lee@example.com')).toBeDefined();
	});

	it.each(['canonical', 'lower'] as const)('paces by the rate-limit headers whatever their case (%s)', async (rateLimitHeaderCase) => {
		sim().control.configure({ behaviours: { rateLimitHeaderCase }, rateLimit: { perWindow: 5, windowMs: 1000 } });
		const input = Array.from({ length: 20 }, (_, index) => ({ email: `p${index}@example.com` }));
		const result = await runNode({
			credentials: credentials(),
			input,
			parameters: { ...createRequester('Pat', '={{ $json.email }}'), requestOptions: { parallelRequests: 5 } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.primary_email)).toEqual(input.map((person) => person.email));
		// Four windows' worth: without the headers every window would end in 429s; with them, only
		// the first (before the window's length is known) may.
		expect(sim().control.state().counters.rateLimited).toBeLessThanOrEqual(1);
	});

	it('keeps listing under the list sub-limit, which no header reports, once a 429 has shown it', async () => {
		sim().control.seed({ requesters: 1000, randomSeed: 3 });
		sim().control.configure({ rateLimit: { perWindow: 100, listPerWindow: 3, windowMs: 1000 } });
		sim().control.clearLog();
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(sim().control.state().requesters.length);
		const lists = sim().control.log().filter((entry) => entry.method === 'GET');
		expect(lists.filter((entry) => entry.status === 429)).toHaveLength(1);
		expect(lists.filter((entry) => entry.status === 200).length).toBeGreaterThanOrEqual(10);
	});
});
