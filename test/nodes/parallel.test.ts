import { runNode } from '../harness/source';
import { createRequester, useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

const posted = () =>
	sim()
		.control.log()
		.filter((entry) => entry.method === 'POST' && entry.status === 201)
		.map((entry) => (entry.requestBody as { primary_email: string }).primary_email);

const hire = (index: number) => `hire${index}@example.com`;

describe('Parallel Requests', () => {
	it('200 items with successes and failures under Continue come back in input order, each paired with its input', async () => {
		// Every 5th email is taken already (Freshservice refuses it); every 7th is not an email (refused before sending).
		await runNode({
			credentials: credentials(),
			input: Array.from({ length: 40 }, (_, index) => ({ email: hire(index * 5) })),
			parameters: createRequester('Taken', '={{ $json.email }}'),
		});
		sim().control.clearLog();
		// Answers take 0 to 40 ms, so items finish out of order when they run side by side.
		sim().control.configure({ faults: { random: { seed: 7, rates: { latency: 1 }, latencyMs: { min: 0, max: 40 } } } });
		const input = Array.from({ length: 200 }, (_, index) => ({ first: `Person${index}`, email: index % 7 === 3 ? `person${index}-at-example.com` : hire(index) }));

		const result = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			input,
			parameters: { ...createRequester('={{ $json.first }}', '={{ $json.email }}'), requestOptions: { parallelRequests: 5 } },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index % 7 === 3) {
				expect(item.json.error).toBe(`'Email' must be an email address like jane.doe@example.com, not "person${index}-at-example.com" [item ${index}]`);
			} else if (index % 5 === 0) {
				expect(item.json.error).toBe(`Freshservice refused the request while trying to create the requester ${hire(index)}: primary_email: It should be a unique value`);
			} else {
				expect(item.json).toMatchObject({ provisioning: { action: 'created' }, first_name: `Person${index}`, primary_email: hire(index) });
			}
		});
		const created = posted();
		const expected = input.filter((_, index) => index % 7 !== 3 && index % 5 !== 0).map((person) => person.email);
		expect([...created].sort()).toEqual([...expected].sort());
		// Side by side, the creates reached Freshservice in another order than the items came in.
		expect(created).not.toEqual(expected);
	});

	it('one at a time, requests go in input order', async () => {
		sim().control.configure({ faults: { random: { seed: 7, rates: { latency: 1 }, latencyMs: { min: 0, max: 40 } } } });
		const input = Array.from({ length: 20 }, (_, index) => ({ email: hire(index) }));
		const result = await runNode({
			credentials: credentials(),
			input,
			parameters: { ...createRequester('Pat', '={{ $json.email }}'), requestOptions: { parallelRequests: 1 } },
		});
		expect(result.error).toBeUndefined();
		expect(posted()).toEqual(input.map((person) => person.email));
	});

	it('without Continue, the first failing item in input order stops the node; no item after those under way is started', async () => {
		await runNode({ credentials: credentials(), parameters: createRequester('Taken', hire(0)) });
		sim().control.clearLog();
		// Item 0's refusal comes late; item 2 fails at once, before anything is sent for it.
		sim().control.configure({ faults: { queue: [{ kind: 'latency', ms: 300, method: 'POST' }] } });
		const input = Array.from({ length: 30 }, (_, index) => ({ email: index === 2 ? 'not-an-email' : hire(index) }));
		const result = await runNode({
			credentials: credentials(),
			input,
			parameters: { ...createRequester('Pat', '={{ $json.email }}'), requestOptions: { parallelRequests: 5 } },
		});
		expect(result.error?.message).toBe(`Freshservice refused the request while trying to create the requester ${hire(0)}: primary_email: It should be a unique value`);
		expect(result.error?.itemIndex).toBe(0);
		// Items 1, 3 and 4 were under way with items 0 and 2 and were let finish; nothing after them began.
		expect(posted().sort()).toEqual([hire(1), hire(3), hire(4)]);
		expect(sim().control.log().filter((entry) => entry.method === 'POST')).toHaveLength(4);
	});

	it('refuses a Parallel Requests value outside 1 to 10 before any request', async () => {
		const result = await runNode({
			credentials: credentials(),
			input: [{ n: 0 }],
			parameters: { ...createRequester('Pat', hire(1)), requestOptions: { parallelRequests: '={{ $json.n }}' } },
		});
		expect(result.error?.message).toBe("'Parallel Requests' must be a number from 1 to 10, not 0 [item 0]");
		expect(sim().control.log()).toEqual([]);
	});
});
