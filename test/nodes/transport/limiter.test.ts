/**
 * The pacing math on a virtual clock: an account that limits like the simulator (fixed windows that
 * open with the first counted call, Retry-After in whole seconds) and workers that send through one
 * limiter, as the node's parallel items do. Nothing here sleeps, so whole runs of a thousand calls
 * take milliseconds and the figures do not depend on the machine.
 */
import type { RateLimitHeaders, RequestKind } from '../../../nodes/FreshserviceProvisioning/transport/limiter';
import { RateLimiter } from '../../../nodes/FreshserviceProvisioning/transport/limiter';

interface AccountOptions {
	perWindow: number;
	listPerWindow?: number;
	windowMs: number;
	/** Send no rate-limit headers at all (a gateway that strips them). */
	noHeaders?: boolean;
	/** 429s without Retry-After. */
	noRetryAfter?: boolean;
}

/** Freshservice's limits as the simulator applies them. */
class Account {
	private windowStart = Number.NEGATIVE_INFINITY;
	private used = 0;
	private listUsed = 0;
	accepted: number[] = [];
	throttled = 0;
	/** One-off 429s with this Retry-After, for the next calls. */
	forced: number[] = [];

	constructor(private readonly options: AccountOptions) {}

	take(kind: RequestKind, now: number): RateLimitHeaders {
		const { perWindow, windowMs } = this.options;
		const listPerWindow = this.options.listPerWindow ?? perWindow;
		if (now - this.windowStart >= windowMs) {
			this.windowStart = Number.NEGATIVE_INFINITY;
			this.used = 0;
			this.listUsed = 0;
		}
		const forced = this.forced.shift();
		const over = this.used >= perWindow || (kind !== 'call' && this.listUsed >= listPerWindow);
		if (forced !== undefined || over) {
			this.throttled++;
			const retryAfterMs =
				forced ?? Math.max(1, Math.ceil((this.windowStart + windowMs - now) / 1000)) * 1000;
			return this.headers(429, this.options.noRetryAfter ? undefined : retryAfterMs);
		}
		if (!Number.isFinite(this.windowStart)) this.windowStart = now;
		this.used++;
		if (kind !== 'call') this.listUsed++;
		this.accepted.push(now);
		return this.headers(200);
	}

	private headers(status: number, retryAfterMs?: number): RateLimitHeaders {
		if (this.options.noHeaders) return { status, retryAfterMs };
		return { status, total: this.options.perWindow, remaining: Math.max(0, this.options.perWindow - this.used), retryAfterMs };
	}
}

/** A discrete-event clock: callbacks run in time order. */
class Clock {
	now = 0;
	private queue: Array<{ at: number; seq: number; run: () => void }> = [];
	private seq = 0;

	at(time: number, run: () => void): void {
		this.queue.push({ at: Math.max(time, this.now), seq: this.seq++, run });
		this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
	}

	runAll(limit = 10_000_000): void {
		for (let steps = 0; this.queue.length > 0; steps++) {
			if (steps > limit) throw new Error('the simulation does not end');
			const next = this.queue.shift()!;
			this.now = next.at;
			next.run();
		}
	}
}

interface RunOptions {
	calls: number;
	parallel: number;
	latencyMs: number;
	/** Latency varies by up to this much either way (a seeded sequence, the same every run). */
	jitterMs?: number;
	/** Requests reach the account up to this long after they were sent, so in another order. */
	arrivalJitterMs?: number;
	kind?: RequestKind;
	/** Several executions (n8n workers) sharing the account, each with its own limiter. */
	executions?: number;
}

/** Runs `calls` requests per execution through `parallel` workers; a 429 is sent again. */
function run(account: Account, options: RunOptions) {
	const clock = new Clock();
	const sentAt: number[] = [];
	let seed = 12345;
	const random = () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	const latency = () => options.latencyMs + (options.jitterMs ?? 0) * (2 * random() - 1);
	let done = 0;
	for (let execution = 0; execution < (options.executions ?? 1); execution++) {
		const limiter = new RateLimiter();
		const waiting: Array<() => void> = [];
		let next = 0;
		const wakeAll = () => waiting.splice(0).forEach((wake) => wake());
		const worker = () => {
			if (next >= options.calls) return;
			next++;
			attempt();
		};
		const attempt = () => {
			const kind = options.kind ?? 'call';
			const turn = limiter.decide(kind, clock.now);
			if (!turn.go) {
				let woken = false;
				const wake = () => {
					if (woken) return;
					woken = true;
					attempt();
				};
				waiting.push(wake);
				if (turn.waitMs !== undefined) clock.at(clock.now + turn.waitMs, wake);
				return;
			}
			const permit = limiter.sent(kind, clock.now);
			sentAt.push(clock.now);
			const arrival = random() * (options.arrivalJitterMs ?? 0);
			let headers: RateLimitHeaders = { status: 0 };
			clock.at(clock.now + arrival, () => (headers = account.take(kind, clock.now)));
			clock.at(clock.now + arrival + latency(), () => {
				limiter.answered(permit, headers, clock.now);
				wakeAll();
				if (headers.status === 429) attempt();
				else {
					done++;
					worker();
				}
			});
		};
		for (let index = 0; index < options.parallel; index++) clock.at(0, worker);
	}
	clock.runAll();
	if (process.env.LIMITER_TRACE) console.log(JSON.stringify({ ...options, throttled: account.throttled, requests: sentAt.length, end: clock.now }));
	const elapsed = Math.max(...account.accepted) - Math.min(...account.accepted);
	return { done, requests: sentAt.length, throttled: account.throttled, elapsedMs: elapsed, sentAt };
}

/** Calls accepted per ms over the run, as a fraction of what the account allows. */
function fractionOfAllowed(result: ReturnType<typeof run>, options: AccountOptions): number {
	return result.done / result.elapsedMs / (options.perWindow / options.windowMs);
}

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

	it('keeps two executions that share one account (n8n queue-mode workers) mostly out of 429s', () => {
		const limits = { perWindow: 50, windowMs: 6000 };
		const account = new Account(limits);
		const result = run(account, { calls: 500, parallel: 5, latencyMs: 250, executions: 2 });
		expect(result.done).toBe(1000);
		expect(result.throttled / result.requests).toBeLessThan(0.05);
		expect(fractionOfAllowed(result, limits)).toBeGreaterThanOrEqual(0.85);
	});
});
