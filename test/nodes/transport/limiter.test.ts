/**
 * The pacing math on a virtual clock (see virtual-account.ts): one or more executions, each with its
 * own limiter, against an account that limits like the simulator.
 */
import { Account, burst, fractionOfAllowed, run } from './virtual-account';

describe('rate limiter (virtual time)', () => {
	it('runs 1,000 calls at 250 ms latency close to a 50-per-6-s ceiling, with at most a few 429s', () => {
		const limits = { perWindow: 50, windowMs: 6000 };
		const account = new Account(limits);
		const result = run(account, { calls: 1000, parallel: 5, latencyMs: 250 });
		expect(result.done).toBe(1000);
		expect(result.throttled / result.requests).toBeLessThan(0.01);
		expect(fractionOfAllowed(result, limits)).toBeGreaterThanOrEqual(0.9);
	});

	it('stays close to the ceiling when the latency varies between 50 and 450 ms', () => {
		const limits = { perWindow: 50, windowMs: 6000 };
		const account = new Account(limits);
		const result = run(account, { calls: 1000, parallel: 5, latencyMs: 250, jitterMs: 200 });
		expect(result.done).toBe(1000);
		expect(result.throttled / result.requests).toBeLessThan(0.01);
		expect(fractionOfAllowed(result, limits)).toBeGreaterThanOrEqual(0.9);
	});

	it('is not fooled by requests that reach the account in another order than they were sent', () => {
		const limits = { perWindow: 50, windowMs: 6000 };
		const account = new Account(limits);
		const result = run(account, { calls: 1000, parallel: 10, latencyMs: 250, arrivalJitterMs: 60 });
		expect(result.done).toBe(1000);
		expect(result.throttled / result.requests).toBeLessThan(0.01);
		expect(fractionOfAllowed(result, limits)).toBeGreaterThanOrEqual(0.9);
	});

	it('uses an Enterprise account (500 a minute) just as well, at 400 ms latency and 10 in parallel', () => {
		const limits = { perWindow: 500, windowMs: 60_000 };
		const account = new Account(limits);
		const result = run(account, { calls: 3000, parallel: 10, latencyMs: 400 });
		expect(result.done).toBe(3000);
		expect(result.throttled / result.requests).toBeLessThan(0.01);
		expect(fractionOfAllowed(result, limits)).toBeGreaterThanOrEqual(0.9);
	});

	it('one at a time, it is only as fast as the latency allows, and never throttled', () => {
		const limits = { perWindow: 50, windowMs: 6000 };
		const account = new Account(limits);
		const result = run(account, { calls: 200, parallel: 1, latencyMs: 250 });
		expect(result.done).toBe(200);
		expect(result.throttled).toBe(0);
	});

	it('lets nothing wait when the account is not limited (no headers)', () => {
		const account = new Account({ perWindow: 1_000_000, windowMs: 6000, noHeaders: true });
		const result = run(account, { calls: 100, parallel: 5, latencyMs: 10 });
		expect(result.done).toBe(100);
		// 5 at a time, back to back: 20 rounds of 10 ms after the first call found out the limits.
		expect(Math.max(...result.sentAt)).toBeLessThanOrEqual(10 + 19 * 10);
	});

	it('learns the list sub-limit from its first 429 and keeps list calls under it afterwards', () => {
		const limits = { perWindow: 100, listPerWindow: 20, windowMs: 6000 };
		const account = new Account(limits);
		const result = run(account, { calls: 200, parallel: 5, latencyMs: 100, kind: 'listRequesters' });
		expect(result.done).toBe(200);
		// 10 windows of 20 list calls; the first 429s teach the limit: one for each call in flight then.
		expect(result.throttled).toBeLessThanOrEqual(5);
		expect(result.done / result.elapsedMs / (20 / 6000)).toBeGreaterThanOrEqual(0.85);
	});

	it('after a 429, every waiting request waits out Retry-After, not only the one that got it', () => {
		const account = new Account({ perWindow: 1000, windowMs: 60_000 });
		// The 10th call gets a 429 asking for 3 s.
		const clock = { throttledAt: -1 };
		const originalTake = account.take.bind(account);
		let count = 0;
		account.take = (kind, now) => {
			count++;
			if (count === 10) {
				clock.throttledAt = now;
				account.forced.push(3000);
			}
			return originalTake(kind, now);
		};
		const result = run(account, { calls: 60, parallel: 5, latencyMs: 100 });
		expect(result.done).toBe(60);
		expect(result.throttled).toBe(1);
		// Calls sent while the 429 was on its way may still go; none after it came back, for 3 s.
		const answeredAt = clock.throttledAt + 100;
		const during = result.sentAt.filter((time) => time > answeredAt && time < answeredAt + 3000);
		expect(during).toEqual([]);
	});

	it('copes with 429s that carry no Retry-After by backing off', () => {
		const limits = { perWindow: 30, windowMs: 3000, noRetryAfter: true };
		const account = new Account(limits);
		const result = run(account, { calls: 120, parallel: 5, latencyMs: 100 });
		expect(result.done).toBe(120);
		expect(result.throttled).toBeLessThanOrEqual(12);
	});

	it('keeps two executions that share an Enterprise account (n8n queue-mode workers) out of 429s, sharing it', () => {
		const limits = { perWindow: 500, windowMs: 60_000 };
		const account = new Account(limits);
		const result = run(account, { calls: 5000, parallel: 5, latencyMs: 250, executions: 2 });
		expect(result.done).toBe(10_000);
		expect(result.throttled / result.requests).toBeLessThan(0.01);
		// Sharing leaves 15 % of each window for executions that start later, and paces instead of bursting.
		expect(fractionOfAllowed(result, limits)).toBeGreaterThanOrEqual(0.85);
	});

	it("keeps npm run test:queue's burst under 2 % 429s: 50 executions of 20 people, 20 at once, 5 in parallel each", () => {
		// n8n's defaults (2 workers × 10 executions) against the queue suite's compressed limit of 100
		// calls per 5 s; before executions shared the account, 39.7 % of requests were answered 429
		// here (37 to 41 % in real n8n). A window of 5 s instead of a minute makes executions that have
		// not learned it yet (they pace by the documented minute) slow, hence the lower pace.
		const account = new Account({ perWindow: 100, windowMs: 5000 });
		const result = burst(account, { executions: 50, concurrent: 20, items: 20, parallel: 5, latencyMs: [15, 80], startGapMs: 30, seed: 7919 });
		expect(result.finished).toBe(50);
		expect(result.throttled / result.requests).toBeLessThan(0.02);
		expect(result.accepted / result.elapsedMs / (100 / 5000)).toBeGreaterThanOrEqual(0.65);
	});

	it('keeps the same burst on an Enterprise account (500 a minute) almost free of 429s, near its pace', () => {
		const account = new Account({ perWindow: 500, windowMs: 60_000 });
		const result = burst(account, { executions: 200, concurrent: 20, items: 20, parallel: 5, latencyMs: [15, 80], startGapMs: 30, seed: 7919 });
		expect(result.finished).toBe(200);
		expect(result.throttled / result.requests).toBeLessThan(0.01);
		expect(result.accepted / result.elapsedMs / (500 / 60_000)).toBeGreaterThanOrEqual(0.85);
	});

	it('takes the account back when the others are gone: executions one after another keep its pace', () => {
		// Each execution finds the previous one's calls in the window, takes it for sharing, and sees
		// from its next answers that nobody else spends.
		const account = new Account({ perWindow: 500, windowMs: 60_000 });
		const result = burst(account, { executions: 100, concurrent: 1, items: 20, parallel: 5, latencyMs: [15, 80], startGapMs: 30, seed: 7919 });
		expect(result.finished).toBe(100);
		expect(result.throttled / result.requests).toBeLessThan(0.01);
		expect(result.accepted / result.elapsedMs / (500 / 60_000)).toBeGreaterThanOrEqual(0.9);
	});
});
