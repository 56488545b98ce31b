/**
 * When a failed request is sent again, and for how long: pure rules, no HTTP.
 *
 * Transient faults (5xx, dropped connections, no answer in time; for creates, see
 * `createUser`) are retried with a capped, jittered backoff until the request's time budget is
 * spent: three of its timeouts and at least 30 s, 90 s at the default 30 s; time spent waiting for
 * its turn under the rate limit does not count. The odds, for a fault rate p = 0.15 per call (10 %
 * 5xx and 5 % dropped connections, faults independent of each other):
 * - The backoffs before retries 1, 2, 3... are at most 0.25, 0.5, 1, 2, 4, 8, then 10 s each
 *   (each is 50 to 100 % of that, at random): 85.75 s for the first 13 retries. Counting 0.5 s
 *   for each failed answer, a retry is still started after 12 failures (6 s + 75.75 s < 90 s), so
 *   a request gets at least 13 attempts before it gives up.
 * - P(a request exhausts its budget) ≤ p^13 = 0.15^13 ≈ 1.9e-11 (the old rule, five attempts:
 *   0.15^5 ≈ 7.6e-5).
 * - A person costs at most about 4 requests (lookup, create, and a lookup after each lost answer),
 *   so the expected number of people lost per 1,000 is ≤ 1,000 × 4 × 1.9e-11 ≈ 8e-8, one person
 *   in about 13 billion (the old rule: about 0.3 per 1,000). Calls that hang cost a whole timeout
 *   each, so a request survives at most 2 of them in a row.
 * - At the smallest budget, 30 s (Timeout 10 s or less): at least 8 attempts (3.5 s + 25.75 s < 30 s), so
 *   P ≤ 0.15^8 ≈ 2.6e-7 per request and ≤ 0.001 people lost per 1,000.
 * Waits of every kind (backoff, a 429, a turn at the rate limiter) add up to at most 120 s per
 * request, the longest Retry-After the node waits out; past that the request fails and says so.
 */

export const RETRY_POLICY = {
	/** A request, its retries included, may take this many of its timeouts before it fails... */
	budgetTimeouts: 3,
	/** ...and at least this long, so that a short Timeout does not mean few retries. */
	minBudgetMs: 30_000,
	/** Longest a request waits in all (Retry-After, backoff, its turn at the limiter); longer waits fail it with a clear message. */
	maxWaitSeconds: 120,
	/** Longest Retry-After the node waits out: the same rule. */
	maxRetryAfterSeconds: 120,
	/** 429s one request may get before its item fails (a gateway answering 429 with Retry-After: 0 forever). */
	maxThrottledAnswers: 20,
	backoffBaseMs: 250,
	backoffMaxMs: 10_000,
};

export const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

// Connection errors after which the server certainly did not act on the request.
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
export const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** The time a request may take, retries included. */
export function retryBudgetMs(timeoutMs: number): number {
	return Math.max(RETRY_POLICY.minBudgetMs, RETRY_POLICY.budgetTimeouts * timeoutMs);
}

/** The wait before retry number `retry` (1 for the first): doubling, capped, 50 to 100 % of it at random. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
	const ceiling = Math.min(RETRY_POLICY.backoffMaxMs, RETRY_POLICY.backoffBaseMs * 2 ** (retry - 1));
	return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * One logical request's account of its attempts: when it began, how long it has waited, and what
 * went wrong each time, for the message the user reads when it gives up.
 */
export class Attempts {
	readonly startedAt = Date.now();
	/** Time spent waiting, of every kind: at most 120 s in all. */
	waitedMs = 0;
	/** Of that, time spent waiting for a turn under the rate limit: not counted against the budget. */
	turnWaitMs = 0;
	retries = 0;
	private readonly faults = new Map<string, number>();

	constructor(readonly budgetMs: number) {}

	/** Records what went wrong with one attempt, as the words after "Freshservice": "answered 500". */
	failed(what: string): void {
		this.faults.set(what, (this.faults.get(what) ?? 0) + 1);
	}

	/** The backoff before the next retry; undefined when it would end past the budget or past the longest wait. */
	nextDelay(now = Date.now()): number | undefined {
		const delay = backoffMs(this.retries + 1);
		if (now - this.startedAt - this.turnWaitMs + delay > this.budgetMs) return undefined;
		if (this.waitedMs + delay > RETRY_POLICY.maxWaitSeconds * 1000) return undefined;
		this.retries++;
		return delay;
	}

	/** Seconds since the first attempt, rounded up (waits for a turn under the rate limit included). */
	elapsedSeconds(now = Date.now()): number {
		return Math.max(1, Math.ceil((now - this.startedAt) / 1000));
	}

	/** "answered 500 twice and dropped the connection 3 times". */
	describe(): string {
		const parts = [...this.faults].map(([what, count]) => `${what} ${timesInWords(count)}`);
		return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
	}
}

function timesInWords(count: number): string {
	return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

export function findCause<T extends Error>(error: unknown, name: string): T | undefined {
	let current = error as { name?: string; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.name === name) return current as unknown as T;
		current = current.cause as typeof current;
	}
	return undefined;
}

export function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Whether the request was given up on because no answer came within its timeout. */
export function timedOut(error: unknown, code: string | undefined): boolean {
	if (code !== 'ECONNABORTED' && code !== 'ETIMEDOUT') return false;
	let current = error as { message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.message === 'string' && /timeout/i.test(current.message)) return true;
		current = current.cause as typeof current;
	}
	return false;
}
