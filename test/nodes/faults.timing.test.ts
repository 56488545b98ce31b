/**
 * The fault and rate-limit checks whose outcome depends on when things happen: every wait (a
 * retry's backoff, a create storm's, a Retry-After) ends when the execution is cancelled, and the
 * node paces itself to Freshservice's one-second rate-limit windows. They stay out of the files
 * marked @waits, which run on extra workers beside the CPU-bound files (test/sequencer.js), so they
 * meet no more CPU contention than any other file.
 */
import type { INodeParameters } from 'n8n-workflow';

import { FreshserviceProvisioning } from '../../nodes/FreshserviceProvisioning/FreshserviceProvisioning.node';
import type { LogEntry } from '../../simulator';
import { executeContextFor, runNode } from '../harness/source';
import { byId, createRequester, useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

async function hire(email: string): Promise<number> {
	const result = await runNode({ credentials: credentials(), parameters: createRequester('Jane', email) });
	expect(result.error).toBeUndefined();
	return result.items[0].json.id as number;
}

describe('cancelling the execution', () => {
	/** Runs the node in n8n-core's execute context with an AbortController as its cancel signal, cancelling once `when` holds. */
	async function runAndCancel(parameters: INodeParameters, when: (log: LogEntry[]) => boolean, settleMs = 0) {
		const controller = new AbortController();
		const context = executeContextFor(credentials(), parameters, [{}], 0, controller.signal);
		const running = new FreshserviceProvisioning().execute.call(context).then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		while (!when(sim().control.log())) await new Promise((resolve) => setTimeout(resolve, 5));
		// The simulator logs a request before the node has its answer: settling lets the answer arrive.
		if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
		controller.abort();
		const sentBeforeCancel = sim().control.log().length;
		const error = await running;
		return { error, sentAfterCancel: sim().control.log().length - sentBeforeCancel };
	}

	it('ends a retry backoff at once and fails the item saying so', async () => {
		const id = await hire('kai@example.com');
		sim().control.clearLog();
		sim().control.configure({ faults: { queue: [{ kind: 'status', status: 503, method: 'GET', times: 100 }] } });
		// Three 503s in, the next backoff is 0.5 to 1 s; the budget (90 s at the default Timeout) is far from spent.
		const { error, sentAfterCancel } = await runAndCancel({ resource: 'user', operation: 'get', user: byId(id) }, (log) => log.length >= 3, 100);
		expect(error?.message).toBe(`The execution was cancelled before the node could read requester ${id}`);
		expect(error?.description).toBe('An earlier attempt at it failed; nothing more was sent after the cancellation.');
		expect(sentAfterCancel).toBe(0);
	});

	it("ends a create storm's wait, and nothing is created", async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'status', status: 500, method: 'POST', times: 100 }] } });
		const { error, sentAfterCancel } = await runAndCancel(
			createRequester('Kai', 'kai@example.com'),
			(log) => log.filter((entry) => entry.method === 'GET').length >= 3,
		);
		expect(error?.message).toMatch(/^The execution was cancelled (before the node could|while the node tried to) /);
		expect(sentAfterCancel).toBe(0);
		expect(sim().control.requesterByEmail('kai@example.com')).toBeUndefined();
	});

	it("ends a wait for Freshservice's Retry-After at once", async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'rateLimit', retryAfterSeconds: 100, method: 'POST' }] } });
		const { error, sentAfterCancel } = await runAndCancel(createRequester('Kai', 'kai@example.com'), (log) => log.length >= 1);
		// The cancel lands while the 429 is on its way back, or during the wait it asks for: either way nothing more is sent.
		expect(error?.message).toMatch(/^The execution was cancelled (before the node could|while the node tried to) create the requester kai@example\.com$/);
		expect(sentAfterCancel).toBe(0);
		expect(sim().control.requesterByEmail('kai@example.com')).toBeUndefined();
	});
});

describe('rate-limit pacing', () => {
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
