/**
 * Pacing one execution's requests under Freshservice's rate limits. Pure: no timers, no HTTP; the
 * caller passes the time in and sends the request when told to. Shared by every request of one
 * execution through its session; executions in other n8n processes draw on the same account, and
 * the account's own answers (X-Ratelimit-Remaining, Retry-After) are what keeps them all in step.
 *
 * The model is Freshservice's documented one: a fixed window (a minute, on older accounts an hour)
 * with a budget of X-Ratelimit-Total calls, and a lower budget for listing requesters and for
 * listing agents, which no header reports.
 * - While the budget lasts, requests go as fast as the node's parallelism allows.
 * - The window's length is learned, never assumed: from Retry-After, and from the first answer
 *   that shows a fresh budget. Until one of them is known, a spent budget is probed with one request
 *   at a time, which costs at most one 429.
 * - The last few calls of each window are spread over the stretch where the window may end; the
 *   first of them that lands in the next window shows when it began, so the estimate of the
 *   window's length tightens every window and the next budget starts being used when it opens.
 * - After a 429 every request waits out Retry-After, not just the one that got it.
 * - The list sub-limit is learned from the first 429 on a list call while the account's overall
 *   budget is not used up; from then on list calls are counted against it in every window.
 */

export type ListKind = 'listRequesters' | 'listAgents';
/** Which budgets a request draws on: every call draws on the account's; list calls on theirs too. */
export type RequestKind = 'call' | ListKind;
const LIST_KINDS: readonly ListKind[] = ['listRequesters', 'listAgents'];

/** What one answer said about the limits; all absent for a request that got no answer. */
export interface RateLimitHeaders {
	status: number;
	total?: number;
	remaining?: number;
	retryAfterMs?: number;
}

/** One request allowed to go. */
export interface Permit {
	readonly seq: number;
	readonly kind: RequestKind;
	readonly sentAt: number;
}

export type Turn =
	| { go: true }
	/** Wait this long, or until the next answer comes in if sooner; no waitMs: until the next answer. */
	| { go: false; waitMs?: number; retryAfterMs?: number };

export const PACING = {
	/** Calls at the end of each window's budget that are spread out to find where the window ends. */
	tailCalls: 4,
	/** After a 429 without Retry-After: wait this long, doubling with each such 429 in a row. */
	backoffMs: 1_000,
	maxBackoffMs: 60_000,
};

interface Outstanding extends Permit {
	/** The request failed without an answer: the account may or may not have counted it. */
	lost: boolean;
}

export class RateLimiter {
	private total?: number;
	/** X-Ratelimit-Remaining of the newest answer (by the order requests were sent). */
	private remaining?: number;
	private reportSeq = 0;
	private nextSeq = 1;
	private answers = 0;
	private readonly outstanding = new Map<number, Outstanding>();

	/** When the current window began, as far as this execution saw it. */
	private windowStart?: number;
	/** An upper bound for when the current window ends (from Retry-After). */
	private windowEndsBy?: number;
	/** Bounds on the window's length learned so far. */
	private lengthAtLeast = 0;
	private lengthAtMost?: number;
	/** When this window's last calls began to be spread out. */
	private tailFrom?: number;
	/** Remaining as last reported in the previous window, to recognise late answers from the next one. */
	private previousWindowRemaining?: number;
	private previousWindowStart?: number;
	/** The window was rolled over on the model's word alone; no answer has confirmed a fresh budget yet. */
	private rolledOverUnconfirmed = false;

	private blockedUntil = 0;
	private blockedByRetryAfterMs?: number;
	private readonly listBlockedUntil: Record<ListKind, number> = { listRequesters: 0, listAgents: 0 };
	private readonly listLimit: Partial<Record<ListKind, number>> = {};
	/** List calls sent in the current window (less those that got a 429, which the account did not count). */
	private readonly listUsed: Record<ListKind, number> = { listRequesters: 0, listAgents: 0 };
	/** List calls the account accepted in the current window. */
	private readonly listAccepted: Record<ListKind, number> = { listRequesters: 0, listAgents: 0 };
	private throttledInARow = 0;

	private listeners: Array<() => void> = [];

	/** Whether a request may go now; if not, how long to wait. */
	decide(kind: RequestKind, now: number): Turn {
		const blockedUntil = Math.max(this.blockedUntil, kind === 'call' ? 0 : this.listBlockedUntil[kind]);
		if (now < blockedUntil) {
			return { go: false, waitMs: blockedUntil - now, retryAfterMs: this.blockedByRetryAfterMs };
		}
		// The first request finds out the limits; the others wait for its answer.
		if (this.answers === 0) return this.inFlight() > 0 ? { go: false } : { go: true };
		// An answer without rate-limit headers (a gateway that strips them): nothing to pace by.
		if (this.total === undefined || this.remaining === undefined) return { go: true };

		const end = this.windowEnd();
		if (end !== undefined && now >= end) this.rollOver(now);

		const overall = this.available();
		let budget = overall;
		if (kind !== 'call') {
			const limit = this.listLimit[kind];
			if (limit !== undefined) budget = Math.min(budget, limit - this.listUsed[kind]);
		}
		if (budget <= 0) {
			const endsAt = this.windowEnd();
			if (endsAt !== undefined) return { go: false, waitMs: Math.max(1, endsAt - now) };
			// The window's end is not known yet: answers in flight will tell more; with none in
			// flight, one request at a time finds out (a fresh budget, or a 429 with Retry-After).
			return this.inFlight() > 0 ? { go: false } : { go: true };
		}
		if (overall <= PACING.tailCalls) {
			const goAt = this.tailSlot(overall, now);
			if (goAt !== undefined && now < goAt) return { go: false, waitMs: goAt - now };
		}
		return { go: true };
	}

	/** Records a request as sent; pass the permit to `answered` when its answer (or failure) comes. */
	sent(kind: RequestKind, now: number): Permit {
		const permit: Outstanding = { seq: this.nextSeq++, kind, sentAt: now, lost: false };
		this.outstanding.set(permit.seq, permit);
		if (kind !== 'call') this.listUsed[kind]++;
		return permit;
	}

	/** What an answer said; `undefined` when the request got no answer (dropped, timed out). */
	answered(permit: Permit, headers: RateLimitHeaders | undefined, now: number): void {
		const entry = this.outstanding.get(permit.seq);
		try {
			if (!headers) {
				// Counted or not, nobody knows: count it until a later answer reports the budget.
				if (entry) entry.lost = true;
				return;
			}
			this.outstanding.delete(permit.seq);
			this.answers++;
			if (headers.total !== undefined) this.total = headers.total;
			if (headers.status === 429) this.throttled(permit, headers, now);
			else this.throttledInARow = 0;
			if (permit.kind !== 'call' && this.inCurrentWindow(permit)) {
				if (headers.status === 429) this.listUsed[permit.kind] = Math.max(0, this.listUsed[permit.kind] - 1);
				else {
					const accepted = ++this.listAccepted[permit.kind];
					// More were accepted in a window than the limit learned from a 429: it was set too low.
					const limit = this.listLimit[permit.kind];
					if (limit !== undefined && accepted > limit) this.listLimit[permit.kind] = accepted;
				}
			}
			if (headers.remaining !== undefined) this.observeRemaining(permit, headers.remaining, headers.status === 429);
		} finally {
			this.notify();
		}
	}

	/** Resolves at the next answer: a waiting request may then go sooner than it was told. */
	nextAnswer(): Promise<void> {
		return new Promise((resolve) => this.listeners.push(resolve));
	}

	/** For tests and summaries: what the limiter believes now. */
	snapshot(now: number) {
		return {
			total: this.total,
			available: this.total === undefined ? undefined : this.available(),
			windowStart: this.windowStart,
			windowEnd: this.windowEnd(),
			lengthAtLeast: this.lengthAtLeast,
			lengthAtMost: this.lengthAtMost,
			listLimit: { ...this.listLimit },
			blockedForMs: Math.max(0, this.blockedUntil - now),
		};
	}

	private notify(): void {
		const listeners = this.listeners;
		this.listeners = [];
		for (const listener of listeners) listener();
	}

	private inFlight(): number {
		let count = 0;
		for (const entry of this.outstanding.values()) if (!entry.lost) count++;
		return count;
	}

	/** The newest reported budget, less the requests sent after the one that reported it. */
	private available(): number {
		let pending = 0;
		for (const entry of this.outstanding.values()) if (entry.seq > this.reportSeq) pending++;
		return (this.remaining ?? 0) - pending;
	}

	private windowEnd(): number | undefined {
		const byLength = this.windowStart !== undefined && this.lengthAtMost !== undefined ? this.windowStart + this.lengthAtMost : undefined;
		if (byLength === undefined) return this.windowEndsBy;
		return this.windowEndsBy === undefined ? byLength : Math.min(byLength, this.windowEndsBy);
	}

	/**
	 * When the next of the window's last calls may go: they are spaced evenly up to the window's
	 * end, from where the end may first come, so each one tells whether the window ended before it.
	 */
	private tailSlot(budget: number, now: number): number | undefined {
		const end = this.windowEnd();
		if (end === undefined || this.windowStart === undefined) return undefined;
		if (this.tailFrom === undefined) this.tailFrom = Math.max(now, this.windowStart + this.lengthAtLeast);
		const spacing = Math.max(0, end - this.tailFrom) / (PACING.tailCalls + 1);
		return end - budget * spacing;
	}

	/** The modelled window is over: the next request opens a new one with a full budget. */
	private rollOver(now: number): void {
		this.previousWindowRemaining = this.remaining;
		this.previousWindowStart = this.windowStart;
		this.rolledOverUnconfirmed = true;
		this.windowStart = now;
		this.windowEndsBy = undefined;
		this.tailFrom = undefined;
		this.remaining = this.total;
		this.reportSeq = this.nextSeq - 1;
		for (const kind of LIST_KINDS) {
			this.listUsed[kind] = 0;
			this.listAccepted[kind] = 0;
		}
		for (const [seq, entry] of this.outstanding) if (entry.lost) this.outstanding.delete(seq);
	}

	/** Whether a request was sent after the current window (as modelled) began. */
	private inCurrentWindow(permit: Permit): boolean {
		return this.windowStart === undefined || permit.sentAt >= this.windowStart;
	}

	private observeRemaining(permit: Permit, remaining: number, throttled: boolean): void {
		const total = this.total ?? remaining;
		if (this.remaining === undefined) {
			// The first answer: if it was the window's first call, the window began when it was sent.
			this.remaining = remaining;
			this.reportSeq = permit.seq;
			if (!throttled && remaining >= total - 1) this.windowStart = permit.sentAt;
			return;
		}
		if (permit.seq <= this.reportSeq) {
			// An answer overtaken by newer ones; it can still show that the window had turned by then.
			if (!throttled && this.previousWindowRemaining !== undefined && remaining > this.previousWindowRemaining) {
				this.learnEnd(this.previousWindowStart, permit.sentAt);
				if (this.windowStart !== undefined && permit.sentAt < this.windowStart) this.windowStart = permit.sentAt;
			}
			return;
		}
		if (!throttled) this.rolledOverUnconfirmed = false;
		if (!throttled && remaining > this.remaining) {
			// A fresh budget: a new window began before this request arrived.
			this.learnEnd(this.windowStart, permit.sentAt);
			this.previousWindowRemaining = this.remaining;
			this.previousWindowStart = this.windowStart;
			this.windowStart = permit.sentAt;
			this.windowEndsBy = undefined;
			this.tailFrom = undefined;
			for (const kind of LIST_KINDS) {
				let used = 0;
				for (const entry of this.outstanding.values()) if (entry.kind === kind && entry.seq >= permit.seq) used++;
				this.listUsed[kind] = used + (permit.kind === kind ? 1 : 0);
				this.listAccepted[kind] = permit.kind === kind ? 1 : 0;
			}
		} else if (this.windowStart !== undefined) {
			// Still the same window when this request arrived: it lasts at least this long.
			const lasted = permit.sentAt - this.windowStart;
			if (this.lengthAtMost !== undefined && lasted > this.lengthAtMost) this.lengthAtMost = undefined;
			this.lengthAtLeast = Math.max(this.lengthAtLeast, lasted);
		}
		this.remaining = remaining;
		this.reportSeq = permit.seq;
		for (const [seq, entry] of this.outstanding) if (entry.lost && seq < permit.seq) this.outstanding.delete(seq);
	}

	/** The window that began at `start` had ended by `endedBy`. */
	private learnEnd(start: number | undefined, endedBy: number): void {
		if (start === undefined) return;
		const length = endedBy - start;
		if (length <= 0) return;
		this.lengthAtMost = this.lengthAtMost === undefined ? length : Math.min(this.lengthAtMost, length);
		if (this.lengthAtLeast > this.lengthAtMost) this.lengthAtLeast = 0;
	}

	private throttled(permit: Permit, headers: RateLimitHeaders, now: number): void {
		const { retryAfterMs } = headers;
		const listOnly = permit.kind !== 'call' && headers.remaining !== undefined && headers.remaining > 0;
		if (!listOnly && this.rolledOverUnconfirmed && permit.seq > this.reportSeq) {
			// The window was taken for over too early: it is the old one still, and its length unknown.
			this.rolledOverUnconfirmed = false;
			this.windowStart = this.previousWindowStart;
			this.lengthAtMost = undefined;
			this.lengthAtLeast = 0;
		}
		if (listOnly && this.inCurrentWindow(permit)) {
			// The account's budget is not used up, so it was the list sub-limit: learn it.
			const kind = permit.kind as ListKind;
			this.listLimit[kind] = Math.max(1, this.listAccepted[kind]);
		}
		if (!listOnly && this.windowStart !== undefined && permit.sentAt < this.windowStart) {
			// Sent in a window that is already over: its Retry-After is about that window.
			return;
		}
		let until: number;
		if (retryAfterMs !== undefined) {
			until = now + retryAfterMs;
			this.throttledInARow = 0;
			// The list sub-limits are taken to share the account's window, as they do per minute.
			this.windowEndsBy = this.windowEndsBy === undefined ? until : Math.min(this.windowEndsBy, until);
			if (this.windowStart !== undefined) this.learnEnd(this.windowStart, until);
		} else {
			const end = this.windowEnd();
			const backoff = Math.min(PACING.maxBackoffMs, PACING.backoffMs * 2 ** this.throttledInARow);
			this.throttledInARow++;
			until = end !== undefined && end > now ? end : now + backoff;
		}
		if (listOnly) {
			const kind = permit.kind as ListKind;
			this.listBlockedUntil[kind] = Math.max(this.listBlockedUntil[kind], until);
		} else {
			this.blockedUntil = Math.max(this.blockedUntil, until);
			this.blockedByRetryAfterMs = retryAfterMs;
		}
	}
}
