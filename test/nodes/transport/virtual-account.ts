/**
 * Freshservice's rate limits on a virtual clock: an account that limits like the simulator (fixed
 * windows that open with the first counted call, Retry-After in whole seconds) and executions that
 * send through their own RateLimiter, as the node does. Nothing sleeps, so a run of thousands of
 * calls takes milliseconds and its figures do not depend on the machine. Used by the limiter's
 * tests and by e2e/queue/model.ts (the queue-mode burst in seconds instead of minutes).
 */
import type { RateLimitHeaders, RequestKind } from '../../../nodes/FreshserviceProvisioning/transport/limiter';
import { RateLimiter } from '../../../nodes/FreshserviceProvisioning/transport/limiter';

export interface AccountOptions {
	perWindow: number;
	listPerWindow?: number;
	windowMs: number;
	/** Send no rate-limit headers at all (a gateway that strips them). */
	noHeaders?: boolean;
	/** 429s without Retry-After. */
	noRetryAfter?: boolean;
}

/** Freshservice's limits as the simulator applies them. */
export class Account {
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
export class Clock {
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

export interface RunOptions {
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

/** Calls `go` once the limiter lets a request go: at the time it names, or at the next answer. */
function whenAllowed(limiter: RateLimiter, clock: Clock, waiting: Array<() => void>, kind: RequestKind, go: () => void): void {
	const turn = limiter.decide(kind, clock.now);
	if (turn.go) return go();
	let woken = false;
	const wake = () => {
		if (woken) return;
		woken = true;
		whenAllowed(limiter, clock, waiting, kind, go);
	};
	waiting.push(wake);
	if (turn.waitMs !== undefined) clock.at(clock.now + turn.waitMs, wake);
}

/** Runs `calls` requests per execution through `parallel` workers; a 429 is sent again. */
export function run(account: Account, options: RunOptions) {
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
		const limiter = new RateLimiter(random);
		const waiting: Array<() => void> = [];
		let next = 0;
		const wakeAll = () => waiting.splice(0).forEach((wake) => wake());
		const worker = () => {
			if (next >= options.calls) return;
			next++;
			attempt();
		};
		const kind = options.kind ?? 'call';
		const attempt = () => whenAllowed(limiter, clock, waiting, kind, () => {
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
		});
		for (let index = 0; index < options.parallel; index++) clock.at(0, worker);
	}
	clock.runAll();
	if (process.env.LIMITER_TRACE) console.log(JSON.stringify({ ...options, throttled: account.throttled, requests: sentAt.length, end: clock.now }));
	const elapsed = Math.max(...account.accepted) - Math.min(...account.accepted);
	return { done, requests: sentAt.length, throttled: account.throttled, elapsedMs: elapsed, sentAt };
}

/** Calls accepted per ms over the run, as a fraction of what the account allows. */
export function fractionOfAllowed(result: ReturnType<typeof run>, options: AccountOptions): number {
	return result.done / result.elapsedMs / (options.perWindow / options.windowMs);
}

export interface BurstOptions {
	/** Executions in all (webhook calls), and how many run at once (workers × executions per worker). */
	executions: number;
	concurrent: number;
	/** People per execution: each costs a lookup by email (a list call) and then a write. */
	items: number;
	/** The node's Parallel Requests in each execution. */
	parallel: number;
	/** Each request's round trip, drawn evenly from this range. */
	latencyMs: [number, number];
	/** How long a worker takes to start the next execution when one ends. */
	startGapMs: number;
	seed: number;
}

/**
 * n8n's queue mode on the virtual clock: executions, each with its own limiter as the node has,
 * run a few at a time against one account, like the burst of `npm run test:queue`. The 429s are
 * counted by what the sending execution's limiter knew at the time, to show where they come from.
 */
export function burst(account: Account, options: BurstOptions) {
	const clock = new Clock();
	let seed = options.seed;
	const random = () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
	const [fastest, slowest] = options.latencyMs;
	const throttledWhen: Record<string, number> = {};
	let requests = 0;
	let started = 0;
	let finished = 0;
	const startExecution = () => {
		if (started >= options.executions) return;
		started++;
		const limiter = new RateLimiter(random);
		const waiting: Array<() => void> = [];
		let next = 0;
		let done = 0;
		const send = (kind: RequestKind, then: () => void) => {
			const attempt = () => whenAllowed(limiter, clock, waiting, kind, () => {
				const known = limiter.snapshot(clock.now);
				const knew =
					known.total === undefined ? 'first request' : known.windowEnd !== undefined ? 'window end known' : known.windowStart ? 'window start known' : 'window unknown';
				const permit = limiter.sent(kind, clock.now);
				requests++;
				const latency = fastest + (slowest - fastest) * random();
				let headers: RateLimitHeaders = { status: 0 };
				clock.at(clock.now + latency / 2, () => (headers = account.take(kind, clock.now)));
				clock.at(clock.now + latency, () => {
					limiter.answered(permit, headers, clock.now);
					waiting.splice(0).forEach((wake) => wake());
					if (headers.status !== 429) return then();
					throttledWhen[knew] = (throttledWhen[knew] ?? 0) + 1;
					attempt();
				});
			});
			attempt();
		};
		const worker = () => {
			if (next >= options.items) return;
			next++;
			send('listRequesters', () =>
				send('call', () => {
					if (++done < options.items) return worker();
					finished++;
					clock.at(clock.now + options.startGapMs, startExecution);
				}),
			);
		};
		for (let index = 0; index < options.parallel; index++) worker();
	};
	for (let index = 0; index < options.concurrent; index++) clock.at(index * options.startGapMs, startExecution);
	clock.runAll();
	const elapsedMs = Math.max(...account.accepted) - Math.min(...account.accepted);
	return { finished, requests, throttled: account.throttled, throttledWhen, accepted: account.accepted.length, elapsedMs };
}
