/**
 * Freshservice's rate limit at its edges: a Retry-After longer than the node waits, and 429s
 * without one (waited out, and capped). Pacing to the rate-limit headers, and cancelling a
 * Retry-After wait: faults.timing.test.ts.
 *
 * @waits about a minute of real time, the limiter's own backoff up to its cap (see test/sequencer.js)
 */
import { runNode } from '../harness/source';
import { createRequester, useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

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

	// Sleeps about a minute: the limiter's own backoff (1 s, doubling) is what this checks the cap against.
	it('429s without Retry-After are waited out for at most 120 s in all, then the item fails saying how long it waited', async () => {
		const refusal = { kind: 'status', status: 429, method: 'POST', times: 100, body: { code: 'rate_limit_exceeded', message: 'slow down' } } as const;
		sim().control.configure({ faults: { queue: [refusal] } });
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Lee', 'lee@example.com') });
		const message =
			/^Gave up trying to create the requester lee@example\.com after waiting (\d+) s for its turn under Freshservice's rate limit: the next wait \((\d+) s\) would pass the 120 s the node waits for a request$/;
		expect(result.error?.message).toMatch(message);
		const [waited, next] = message.exec(result.error!.message)!.slice(1).map(Number);
		expect(waited).toBeLessThanOrEqual(120);
		expect(waited + next).toBeGreaterThan(120);
		expect(result.error?.description).toContain('nothing more was sent');
		expect(sim().control.log().every((entry) => entry.status === 429)).toBe(true);
		expect(sim().control.requesterByEmail('lee@example.com')).toBeUndefined();
	}, 150_000);

});
