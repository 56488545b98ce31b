/**
 * Server faults on reads, updates, deactivations and creates: retried until they succeed, or until
 * the request's time budget is spent, with a message that says what the node knows; a server that
 * never answers fails the item after its retries, and the next items still run. (Cancelling
 * those waits: faults.timing.test.ts.)
 *
 * @waits about 80 s of real time, three requests' 30 s time budgets (see test/sequencer.js)
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

	// Faults that outlast the request's time budget (30 s, the least it is), all nine side by side.
	// How many attempts fit depends on the clock; the message says how many were made, and the log
	// must agree.
	it('fails the item with a clear message once the time budget is spent, for each fault and method', async () => {
		const cases = [
			{ fault: { kind: 'status', status: 503 }, what: 'answered 503', message: /^Freshservice had an internal error while trying to (read|update|deactivate) requester \d+ \(tried (\d+) times in \d+ s\)$/ },
			{
				fault: { kind: 'drop' },
				what: 'dropped the connection',
				message: /^Could not reach Freshservice while trying to (read|update|deactivate) requester \d+: the connection was dropped \(tried (\d+) times in \d+ s\)$/,
			},
			{
				fault: HANG,
				what: `did not answer within ${TIMEOUT_SECONDS} s`,
				message: new RegExp(`^Freshservice did not answer within ${TIMEOUT_SECONDS} s while trying to (read|update|deactivate) requester \\d+ \\(tried (\\d+) times in \\d+ s\\)$`),
			},
		] as const;
		const runs = cases.flatMap((failure) => METHODS.map((method) => ({ ...failure, method })));
		const ids: number[] = [];
		for (const [index, run] of runs.entries()) ids.push(await hire(`${run.method.toLowerCase()}${index}@example.com`));
		sim().control.clearLog();
		sim().control.configure({
			faults: { queue: runs.map((run, index) => ({ ...run.fault, times: 1000, method: run.method, pathPattern: `/api/v2/requesters/${ids[index]}` }) as FaultSpec) },
		});
		const results = await Promise.all(
			runs.map((run, index) =>
				runNode({ credentials: credentials(), parameters: { ...operations[run.method](ids[index]), requestOptions: { timeout: TIMEOUT_SECONDS } } }),
			),
		);
		runs.forEach((run, index) => {
			const { error } = results[index];
			expect(error?.message).toMatch(run.message);
			const tried = Number(run.message.exec(error!.message)![2]);
			expect(tried).toBeGreaterThanOrEqual(2);
			expect(calls(run.method, ids[index]).length).toBe(tried);
			expect(error?.description).toContain(`Freshservice ${run.what} ${tried === 2 ? 'twice' : `${tried} times`}.`);
			expect(error?.description).toContain('retries a request for up to 30 s');
		});
	}, 90_000);

	it('a hung request fails its own item after the timeout, and the next items still run', async () => {
		const ids = [await hire('a@example.com'), await hire('b@example.com'), await hire('c@example.com')];
		sim().control.clearLog();
		sim().control.configure({ faults: { queue: [{ ...HANG, method: 'GET', pathPattern: `/api/v2/requesters/${ids[0]}`, times: 1000 }] } });
		const result = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			input: ids.map((id) => ({ id })),
			parameters: { ...operations.GET(0), user: byId('={{ $json.id }}'), requestOptions: { timeout: TIMEOUT_SECONDS, parallelRequests: 1 } },
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.error).toMatch(
			new RegExp(`^Freshservice did not answer within ${TIMEOUT_SECONDS} s while trying to read requester ${ids[0]} \\(tried \\d+ times in \\d+ s\\)$`),
		);
		expect(result.items[0].json.description).toContain('Request Options → Timeout');
		expect(result.items[1].json).toMatchObject({ id: ids[1], provisioning: { action: 'found' } });
		expect(result.items[2].json).toMatchObject({ id: ids[2], provisioning: { action: 'found' } });
	}, 90_000);

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

describe('a fault storm on one create', () => {
	const posts = () => sim().control.log().filter((entry) => entry.method === 'POST');
	/** Each call as "POST 500", "GET 200", "POST -" (no answer). */
	const sequence = () => sim().control.log().map((entry) => `${entry.method} ${entry.status ?? '-'}`);
	const storm = (faults: FaultSpec[]): FaultSpec[] =>
		faults.map((fault) => ({ ...fault, method: 'POST', pathPattern: '/api/v2/requesters' }) as FaultSpec);

	it('500, reset, reset, 500, reset, each followed by a lookup that finds nobody, is retried and makes the user once', async () => {
		sim().control.configure({
			faults: { queue: storm([{ kind: 'status', status: 500 }, { kind: 'drop' }, { kind: 'drop' }, { kind: 'status', status: 500 }, { kind: 'drop' }]) },
		});
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Ines', 'ines@example.com') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'created' }, primary_email: 'ines@example.com' });
		expect(sim().control.state().requesters.filter((user) => user.primary_email === 'ines@example.com')).toHaveLength(1);
		expect(sequence()).toEqual(['POST 500', 'GET 200', 'POST -', 'GET 200', 'POST -', 'GET 200', 'POST 500', 'GET 200', 'POST -', 'GET 200', 'POST 201']);
	});

	it('gives up when its time budget is spent, saying that nothing was created and why', async () => {
		sim().control.configure({ faults: { queue: storm([{ kind: 'drop' }, { kind: 'drop' }, { kind: 'status', status: 500, times: 1000 }]) } });
		const result = await runNode({
			credentials: credentials(),
			parameters: { ...createRequester('Ines', 'ines@example.com'), requestOptions: { timeout: TIMEOUT_SECONDS } },
		});
		const message = /^Could not create the requester ines@example\.com, and nothing was created: Freshservice dropped the connection twice and answered 500 (twice|\d+ times) in \d+ s, and the lookup after each attempt found no user$/;
		expect(result.error?.message).toMatch(message);
		const fives = Number(message.exec(result.error!.message)![1].replace('twice', '2').replace(' times', ''));
		expect(posts().map((entry) => entry.status)).toEqual([null, null, ...Array(fives).fill(500)]);
		// Every attempt was followed by its lookup.
		expect(sequence().join(', ')).toBe(Array(fives + 2).fill(null).map((_, index) => `POST ${index < 2 ? '-' : '500'}, GET 200`).join(', '));
		expect(result.error?.description).toContain('for up to 30 s');
		expect(sim().control.requesterByEmail('ines@example.com')).toBeUndefined();
	}, 90_000);
});
