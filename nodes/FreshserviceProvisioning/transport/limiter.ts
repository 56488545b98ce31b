/**
 * The window model: pacing one execution's requests under Freshservice's rate limits. Pure: no
 * timers, no HTTP; the caller passes the time in and sends the request when told to. Shared by every
 * request of one execution through its session. The model is Freshservice's documented one: a fixed
 * window (a minute, on older accounts an hour) with a budget of X-Ratelimit-Total calls, and lower
 * budgets for listing requesters and agents that no header reports (listBudgets.ts).
 * - While the budget lasts, requests go as fast as the node's parallelism allows.
 * - The window's length is learned, never assumed (windowEstimate.ts). Until it is known, a spent
 *   budget is probed with one request at a time, which costs at most one 429. The last few calls of
 *   each window are spread over the stretch where it may end, so the next budget is used as it opens.
 * - After a 429 every request waits out Retry-After, not just the one that got it.
 * - An execution that sees the budget drop more than its own calls explain shares the account with
 *   others and paces itself by the cross-execution pacer (sharedPacer.ts).
 */

import { ListBudgets } from './listBudgets';
import type { ListKind, Permit, RateLimitHeaders, RequestKind, Turn } from './rateLimitTypes';
import { SharedPacer } from './sharedPacer';
import type { WindowStart } from './windowEstimate';
import { WindowEstimate } from './windowEstimate';

export type { ListKind, Permit, RateLimitHeaders, RequestKind, Turn } from './rateLimitTypes';

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
	/** Requests under way when the newest reported one was sent: the account may have counted them after it. */
	private reportOverlapping = 0;
	private reportSentAt?: number;
	private nextSeq = 1;
	private answers = 0;
	private readonly outstanding = new Map<number, Outstanding>();

	/** When windows begin and end, as far as is known. */
	private readonly window = new WindowEstimate();
	/** The previous window, to recognise late answers that already belong to the next one. */
	private previous?: { remaining?: number; reportSeq: number; start?: WindowStart };
	/** The window was rolled over on the model's word alone; no answer has confirmed a fresh budget yet. */
	private rolledOverUnconfirmed = false;

	private blockedUntil = 0;
	private blockedByRetryAfterMs?: number;
	private readonly lists = new ListBudgets();
	private throttledInARow = 0;

	private listeners: Array<() => void> = [];

	/** Pacing while other executions spend the same account. */
	private readonly pacer: SharedPacer;

	constructor(random: () => number = Math.random) {
		this.pacer = new SharedPacer(random);
	}

	/** Whether a request may go now; if not, how long to wait. */
	decide(kind: RequestKind, now: number): Turn {
		const blockedUntil = Math.max(this.blockedUntil, kind === 'call' ? 0 : this.lists.blockedUntilFor(kind));
		if (now < blockedUntil) {
			return { go: false, waitMs: blockedUntil - now, retryAfterMs: this.blockedByRetryAfterMs };
		}
		// The first request finds out the limits; the others wait for its answer.
		if (this.answers === 0) return this.inFlight() > 0 ? { go: false } : { go: true };
		// An answer without rate-limit headers (a gateway that strips them): nothing to pace by.
		if (this.total === undefined || this.remaining === undefined) return { go: true };

		const end = this.window.end();
		if (end !== undefined && now >= end) this.rollOver(now);

		const overall = this.available();
		let budget = overall;
		if (kind !== 'call') {
			const left = this.lists.left(kind);
			if (left !== undefined) budget = Math.min(budget, left);
		}
		if (budget <= 0) {
			const endsAt = this.window.end();
			if (endsAt !== undefined) return { go: false, waitMs: Math.max(1, endsAt - now) };
			// The window's end is not known yet: answers in flight will tell more; with none in
			// flight, one request at a time finds out (a fresh budget, or a 429 with Retry-After).
			// While sharing, at the execution's own pace.
			if (this.inFlight() > 0) return { go: false };
			return this.pacer.sharing ? this.sharedTurn(now) : { go: true };
		}
		if (this.pacer.sharing) {
			const turn = this.sharedTurn(now);
			if (!turn.go) return turn;
		}
		if (overall <= this.tailCalls()) {
			const goAt = this.window.tailSlot(overall, now, this.tailCalls());
			if (goAt !== undefined && now < goAt) return { go: false, waitMs: goAt - now };
		}
		return { go: true };
	}

	/** Records a request as sent; pass the permit to `answered` when its answer (or failure) comes. */
	sent(kind: RequestKind, now: number): Permit {
		const permit: Outstanding = { seq: this.nextSeq++, kind, sentAt: now, overlapping: this.inFlight(), lost: false };
		this.pacer.sent(now);
		this.outstanding.set(permit.seq, permit);
		if (kind !== 'call') this.lists.sent(kind);
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
			if (permit.kind !== 'call' && this.window.includes(permit.sentAt)) this.lists.countAnswer(permit.kind, headers.status === 429);
			if (headers.remaining !== undefined) this.observeRemaining(permit, headers.remaining, headers.status === 429);
			if (headers.status === 429) this.pacer.throttled();
			else if (headers.remaining !== undefined) this.pacer.adjust(permit, headers.remaining, now, this.window.known(), this.total);
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
			windowStart: this.window.start ? { ...this.window.start } : undefined,
			windowEnd: this.window.end(),
			lengthAtLeast: this.window.lengthAtLeast,
			lengthAtMost: this.window.lengthAtMost,
			listLimit: this.lists.limits(),
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

	/**
	 * The newest reported budget, less every request without an answer yet (those sent after the
	 * one that reported it, and those sent before that the account may have counted after it), and
	 * less the reserve while sharing.
	 */
	private available(): number {
		return (this.remaining ?? 0) - this.outstanding.size - this.reserve();
	}

	private reserve(): number {
		return this.pacer.reserve(this.total);
	}

	/** While sharing the account, whether this execution's next call may go (sharedPacer.ts). */
	private sharedTurn(now: number): Turn {
		return this.pacer.turn(now, this.inFlight(), this.window.known(), this.total);
	}

	/** How many of a window's calls are kept for its end: a few, and never most of a small budget. */
	private tailCalls(): number {
		return Math.min(PACING.tailCalls, Math.floor((this.total ?? 0) / 4));
	}

	/** The modelled window is over: the next request opens a new one with a full budget. */
	private rollOver(now: number): void {
		this.previous = { remaining: this.remaining, reportSeq: this.reportSeq, start: this.window.start };
		this.rolledOverUnconfirmed = true;
		// It began after the old one ended, and no later than the request about to open it.
		this.window.rollOver(now);
		this.remaining = this.total;
		this.reportSeq = this.nextSeq - 1;
		this.pacer.redraw();
		this.lists.reset();
		for (const [seq, entry] of this.outstanding) if (entry.lost) this.outstanding.delete(seq);
	}

	private observeRemaining(permit: Permit, remaining: number, throttled: boolean): void {
		const total = this.total ?? remaining;
		if (this.remaining === undefined) {
			// The first answer: if it was the window's first call, the window began when it was sent.
			this.remaining = remaining;
			this.reportSeq = permit.seq;
			this.reportSentAt = permit.sentAt;
			this.pacer.redraw();
			if (!throttled && remaining >= total - 1) this.window.start = { earliest: permit.sentAt, latest: permit.sentAt };
			// Already partly spent, by calls this execution did not send.
			if (!throttled && remaining < total - 1 - permit.overlapping) this.pacer.othersSpentFirst();
			return;
		}
		if (permit.seq <= this.reportSeq) {
			// An answer overtaken by newer ones; it can still show that the window had turned by then.
			const previous = this.previous;
			const sentAfterOldReport = previous !== undefined && permit.seq > previous.reportSeq;
			if (!throttled && sentAfterOldReport && previous.remaining !== undefined && remaining >= previous.remaining + permit.overlapping) {
				this.window.learnEnd(previous.start, permit.sentAt);
				this.window.begunBy(permit.sentAt);
			}
			return;
		}
		if (!throttled) this.rolledOverUnconfirmed = false;
		// In one window, a request counted after the newest reported one leaves less remaining;
		// requests under way together may be counted in any order, by at most their number.
		if (!throttled && remaining >= this.remaining + permit.overlapping) {
			// A fresh budget: a new window began before this request arrived, and after the
			// newest request known to be in the old one was sent.
			this.window.learnEnd(this.window.start, permit.sentAt);
			let earliest = permit.sentAt;
			for (const entry of this.outstanding.values()) if (entry.seq > this.reportSeq) earliest = Math.min(earliest, entry.sentAt);
			earliest = Math.min(permit.sentAt, Math.max(earliest, this.window.oldWindowSeenUntil() ?? earliest));
			this.previous = { remaining: this.remaining, reportSeq: this.reportSeq, start: this.window.start };
			this.window.began(earliest, permit.sentAt, permit.sentAt);
			this.lists.restartWith(permit, [...this.outstanding.values()].filter((entry) => entry.seq > this.reportSeq));
		} else if (!throttled) {
			this.pacer.noticeOthers(this.remaining - remaining, permit.seq - this.reportSeq, permit.overlapping + this.reportOverlapping);
			this.pacer.observeAccountRate(this.remaining - remaining, permit.sentAt - (this.reportSentAt ?? permit.sentAt));
		}
		// Still the same window when this request arrived: it lasts at least this long.
		if (remaining < this.remaining) this.window.openAt(permit.sentAt);
		this.remaining = remaining;
		this.reportSeq = permit.seq;
		this.reportSentAt = permit.sentAt;
		this.reportOverlapping = permit.overlapping;
		this.pacer.redraw();
		for (const [seq, entry] of this.outstanding) if (entry.lost && seq < permit.seq) this.outstanding.delete(seq);
	}

	private throttled(permit: Permit, headers: RateLimitHeaders, now: number): void {
		const { retryAfterMs } = headers;
		const listOnly = permit.kind !== 'call' && headers.remaining !== undefined && headers.remaining > 0;
		if (!listOnly && this.rolledOverUnconfirmed && permit.seq > this.reportSeq) {
			// The window was taken for over too early: it is the old one still, and its length unknown.
			this.rolledOverUnconfirmed = false;
			this.window.restore(this.previous?.start);
		}
		if (listOnly && this.window.includes(permit.sentAt)) {
			// The account's budget is not used up, so it was the list sub-limit: learn it.
			this.lists.learnLimit(permit.kind as ListKind);
		}
		if (!listOnly && !this.window.includes(permit.sentAt)) {
			// Sent in a window that is already over: its Retry-After is about that window.
			return;
		}
		let until: number;
		if (retryAfterMs !== undefined) {
			until = now + retryAfterMs;
			this.throttledInARow = 0;
			this.window.endsAtLatest(until);
		} else {
			const end = this.window.end();
			const backoff = Math.min(PACING.maxBackoffMs, PACING.backoffMs * 2 ** this.throttledInARow);
			this.throttledInARow++;
			until = end !== undefined && end > now ? end : now + backoff;
		}
		if (listOnly) {
			this.lists.block(permit.kind as ListKind, until);
		} else {
			this.blockedUntil = Math.max(this.blockedUntil, until);
			this.blockedByRetryAfterMs = retryAfterMs;
		}
	}
}
