import { runNode } from '../harness/source';
import { byEmail, createRequester, useSimulator } from './fixtures';

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

	it('without Continue, the first failing item in input order stops the node; no item after those under way is started, and the error names what those wrote', async () => {
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
		// Items 1, 3 and 4 were under way with items 0 and 2 and were let finish; nothing after them began.
		expect(posted().sort()).toEqual([hire(1), hire(3), hire(4)]);
		// Their output is not passed on, so the error says what they did.
		expect(result.error?.message).toBe(
			`Freshservice refused the request while trying to create the requester ${hire(0)}: primary_email: It should be a unique value. ` +
				`Items 1, 3, 4, after it, were written before the node stopped: item 1 created ${hire(1)}, item 3 created ${hire(3)}, item 4 created ${hire(4)}`,
		);
		expect(result.error?.itemIndex).toBe(0);
		expect(result.error?.description).toContain(`Item 2 failed too: 'Email' must be an email address like jane.doe@example.com, not "not-an-email" [item 2]`);
		expect(sim().control.log().filter((entry) => entry.method === 'POST')).toHaveLength(4);
	});

	it('without Continue, the error names the items after the failing one that changed someone, and only those', async () => {
		const emails = [0, 1, 2, 3, 4].map(hire);
		await runNode({ credentials: credentials(), input: emails.slice(1).map((email) => ({ email })), parameters: createRequester('Pat', '={{ $json.email }}') });
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: byEmail(hire(3)) } });
		sim().control.clearLog();
		// Item 0 names nobody Freshservice holds; the five start side by side, so 1 to 4 are under way when it fails.
		const result = await runNode({
			credentials: credentials(),
			input: emails.map((email) => ({ email })),
			parameters: { resource: 'user', operation: 'deactivate', user: byEmail('={{ $json.email }}'), requestOptions: { parallelRequests: 5 } },
		});
		expect(result.error?.itemIndex).toBe(0);
		expect(result.error?.message).toMatch(
			new RegExp(`${hire(0)}.*\\. Items 1, 2, 4, after it, were written before the node stopped: item 1 deactivated ${hire(1)}, item 2 deactivated ${hire(2)}, item 4 deactivated ${hire(4)}$`),
		);
		expect(result.error?.description).toContain('Parallel Requests had items 1, 2, 3, 4 under way when item 0 failed');
		expect(sim().control.log().filter((entry) => entry.method === 'DELETE')).toHaveLength(3);
	});

	it('one at a time, the error is the failing item\'s own: nothing after it ran', async () => {
		await runNode({ credentials: credentials(), parameters: createRequester('Taken', hire(1)) });
		const result = await runNode({
			credentials: credentials(),
			input: [0, 1, 2].map((index) => ({ email: hire(index) })),
			parameters: { ...createRequester('Pat', '={{ $json.email }}'), requestOptions: { parallelRequests: 1 } },
		});
		expect(result.error?.message).toBe(`Freshservice refused the request while trying to create the requester ${hire(1)}: primary_email: It should be a unique value`);
		expect(result.error?.itemIndex).toBe(1);
		expect(posted()).toEqual([hire(1), hire(0)]);
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
