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
 * - Other executions (n8n runs several at once, in queue mode on several workers) share the account
 *   with no memory in common. An execution that sees the budget drop more than its own calls explain
 *   paces itself instead (see `sharedTurn`): a rate of its own, adjusted with every answer against an
 *   even spend of the window, 15 % of each window left for executions that start later, and, until
 *   it knows the window, one call at a time, keeping the whole account at or under the budget's pace
 *   over the documented minute. A few answers in a row that show nobody else spending give it the
 *   account back.
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
	/** Requests still under way when this one was sent: the account may count them after it. */
	readonly overlapping: number;
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
	/** The learned window end is taken this much later, for timer and network jitter. */
	endMarginRatio: 0.01,
	endMarginMs: 10,
	// Sharing the account with other executions (see `sharedTurn`); tuned with e2e/queue/model.ts.
	/** The share of each window left unspent, so that executions arriving later find calls to learn by. */
	reserveRatio: 0.15,
	/** Requests of one execution under way at once while sharing. */
	maxSharedInFlight: 5,
	/** The account counts as ahead of the window's even schedule by more than this share of its budget. */
	aheadMarginRatio: 0.15,
	/** Ahead of the schedule: the execution's rate is cut by this factor, at most once per this share of a window. */
	cutFactor: 0.7,
	cutIntervalRatio: 0.1,
	/** On or behind the schedule: the rate rises by this share of the even rate with each answer... */
	raiseRatio: 0.02,
	/** ...and well behind it, by this factor too. */
	catchUpFactor: 1.1,
	/** The rate stays between these multiples of the even rate. */
	minRateRatio: 0.01,
	maxRateRatio: 2,
	/** Freshservice's documented window: until an execution has learned the account's, it paces by the budget over this. */
	documentedWindowMs: 60_000,
	/**
	 * Not knowing the window, the pace is cut (at most this often) while the whole account goes
	 * faster than its budget over the documented minute, or is within twice the reserve of spent...
	 */
	learnerCutMs: 250,
	/** ...down to this share of that pace (many executions may be learning at once); otherwise it rises by this share. */
	minLearnerRateRatio: 1 / 64,
	learnerRaiseRatio: 0.1,
	/** Answers in a row that show no one else spending before the execution takes the account as its own again. */
	quietAnswers: 5,
};

interface Outstanding extends Permit {
	/** The request failed without an answer: the account may or may not have counted it. */
	lost: boolean;
}

/** When a window began: the account does not say, so it is known between two times. */
interface WindowStart {
	/** No later than the window's true start (for learning its length). */
	earliest: number;
	/** No earlier than its true start (for predicting its end). */
	latest: number;
}

export class RateLimiter {
	private total?: number;
	/** X-Ratelimit-Remaining of the newest answer (by the order requests were sent). */
	private remaining?: number;
	private reportSeq = 0;
	/** Requests under way when the newest reported one was sent: the account may have counted them after it. */
	private reportOverlapping = 0;
	private reportSentAt?: number;
	/** How fast the account's budget went down between this execution's last two answers in one window, in calls per ms. */
	private accountRate?: number;
	private nextSeq = 1;
	private answers = 0;
	private readonly outstanding = new Map<number, Outstanding>();

	private start?: WindowStart;
	/** An upper bound for when the current window ends (from Retry-After). */
	private windowEndsBy?: number;
	/** Bounds on the window's length learned so far. */
	private lengthAtLeast = 0;
	private lengthAtMost?: number;
	/** When this window's last calls began to be spread out. */
	private tailFrom?: number;
	/** The latest send time of a request the account counted in the current window. */
	private lastSeenInWindow?: number;
	/** The previous window, to recognise late answers that already belong to the next one. */
	private previous?: { remaining?: number; reportSeq: number; start?: WindowStart };
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

	/** Other executions (or integrations) spend the same account: its budget dropped more than this one spent. */
	private othersSeen = false;
	private quietAnswers = 0;
	private lastSentAt?: number;
	/** While sharing: this execution's own pace, in calls per ms, on a known window and before it is known. */
	private sharedRate?: number;
	private learnerRate?: number;
	private nextCutAt = 0;
	/** A random draw per view of the budget, so that executions sharing one view do not all go at once. */
	private draw = 0;

	constructor(private readonly random: () => number = Math.random) {}

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
			// While sharing, at the execution's own pace.
			if (this.inFlight() > 0) return { go: false };
			return this.othersSeen ? this.sharedTurn(now) : { go: true };
		}
		if (this.othersSeen) {
			const turn = this.sharedTurn(now);
			if (!turn.go) return turn;
		}
		if (overall <= this.tailCalls()) {
			const goAt = this.tailSlot(overall, now);
			if (goAt !== undefined && now < goAt) return { go: false, waitMs: goAt - now };
		}
		return { go: true };
	}

	/** Records a request as sent; pass the permit to `answered` when its answer (or failure) comes. */
	sent(kind: RequestKind, now: number): Permit {
		const permit: Outstanding = { seq: this.nextSeq++, kind, sentAt: now, overlapping: this.inFlight(), lost: false };
		this.lastSentAt = now;
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
			if (permit.kind !== 'call' && this.inCurrentWindow(permit)) this.countListAnswer(permit.kind, headers.status === 429);
			if (headers.remaining !== undefined) this.observeRemaining(permit, headers.remaining, headers.status === 429);
			if (headers.status === 429 && this.sharedRate !== undefined) this.sharedRate *= PACING.cutFactor;
			else if (headers.status !== 429 && headers.remaining !== undefined) this.adjustSharedRate(permit, headers.remaining, now);
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
			windowStart: this.start ? { ...this.start } : undefined,
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

	/**
	 * The newest reported budget, less every request without an answer yet (those sent after the
	 * one that reported it, and those sent before that the account may have counted after it), and
	 * less the reserve while sharing.
	 */
	private available(): number {
		return (this.remaining ?? 0) - this.outstanding.size - this.reserve();
	}

	private reserve(): number {
		return this.othersSeen ? Math.ceil((this.total ?? 0) * PACING.reserveRatio) : 0;
	}

	/**
	 * While sharing the account, whether this execution's next call may go. Each execution paces
	 * itself at a rate of its own, which every answer adjusts by where the account stood against an
	 * even spend of the window's budget (less the reserve): a little up when on or behind it, cut
	 * when ahead. The same rule in every execution shares the account fairly, as TCP shares a
	 * link, without anyone knowing how many share it, and keeps the budget from running out before
	 * the window ends; executions that start later find calls left and learn the window without a
	 * 429. Until the window is known: one call at a time, at a pace cut while the whole account goes
	 * faster than its budget over Freshservice's documented minute or is nearly spent.
	 */
	private sharedTurn(now: number): Turn {
		const known = this.knownWindow() !== undefined;
		if (this.inFlight() >= (known ? PACING.maxSharedInFlight : 1)) return { go: false };
		const rate = (known ? this.sharedRate : this.learnerRate) ?? this.documentedRate();
		const goAt = this.lastSentAt === undefined ? now : this.lastSentAt + (0.5 + this.draw) / rate;
		return now < goAt ? { go: false, waitMs: goAt - now } : { go: true };
	}

	/** The budget's pace over Freshservice's documented window, in calls per ms. */
	private documentedRate(): number {
		return Math.max(1, this.total ?? 0) / PACING.documentedWindowMs;
	}

	/** The current window's start and length, when both are known. */
	private knownWindow(): { start: number; length: number } | undefined {
		const end = this.windowEnd();
		if (end === undefined || this.start === undefined || end <= this.start.latest) return undefined;
		return { start: this.start.latest, length: end - this.start.latest };
	}

	/** While sharing, adjusts this execution's pace from one answer. */
	private adjustSharedRate(permit: Permit, remaining: number, now: number): void {
		if (!this.othersSeen || this.total === undefined) return;
		const window = this.knownWindow();
		if (window === undefined) {
			// Not knowing the window: the whole account is to go at most at the budget's pace over
			// the documented minute, and slower while it is nearly spent.
			const base = this.documentedRate();
			let rate = this.learnerRate ?? base;
			const crowded = (this.accountRate ?? 0) > base || remaining <= 2 * this.reserve();
			if (!crowded) rate += base * PACING.learnerRaiseRatio;
			else if (now >= this.nextCutAt) {
				rate *= PACING.cutFactor;
				this.nextCutAt = now + PACING.learnerCutMs;
			}
			this.learnerRate = Math.min(base * PACING.maxRateRatio, Math.max(base * PACING.minLearnerRateRatio, rate));
			return;
		}
		const evenRate = (this.total - this.reserve()) / window.length;
		// Where the account stood when this call reached it, about halfway through its round trip.
		const due = evenRate * Math.max(0, (permit.sentAt + now) / 2 - window.start);
		const spent = this.total - remaining;
		const margin = Math.max(2, this.total * PACING.aheadMarginRatio);
		let rate = this.sharedRate ?? Math.min(evenRate, this.documentedRate());
		if (spent > due + margin) {
			if (now >= this.nextCutAt) {
				rate *= PACING.cutFactor;
				this.nextCutAt = now + window.length * PACING.cutIntervalRatio;
			}
		} else {
			// Well behind the schedule, the others leave budget unused: catch up faster.
			if (spent < due - margin) rate *= PACING.catchUpFactor;
			rate += evenRate * PACING.raiseRatio;
		}
		this.sharedRate = Math.min(evenRate * PACING.maxRateRatio, Math.max(evenRate * PACING.minRateRatio, rate));
	}

	/** When the current window ends at the latest, as far as is known. */
	private windowEnd(): number | undefined {
		const byLength =
			this.start !== undefined && this.lengthAtMost !== undefined
				? this.start.latest + this.lengthAtMost * (1 + PACING.endMarginRatio) + PACING.endMarginMs
				: undefined;
		if (byLength === undefined) return this.windowEndsBy;
		return this.windowEndsBy === undefined ? byLength : Math.min(byLength, this.windowEndsBy);
	}

	/** How many of a window's calls are kept for its end: a few, and never most of a small budget. */
	private tailCalls(): number {
		return Math.min(PACING.tailCalls, Math.floor((this.total ?? 0) / 4));
	}

	/**
	 * When the next of the window's last calls may go: they are spaced evenly up to the window's
	 * end, from where the end may first come, so each one tells whether the window ended before it.
	 */
	private tailSlot(budget: number, now: number): number | undefined {
		const end = this.windowEnd();
		if (end === undefined || this.start === undefined) return undefined;
		if (this.tailFrom === undefined) this.tailFrom = Math.max(now, this.start.earliest + this.lengthAtLeast);
		const spacing = Math.max(0, end - this.tailFrom) / (this.tailCalls() + 1);
		return end - budget * spacing;
	}

	/** The modelled window is over: the next request opens a new one with a full budget. */
	private rollOver(now: number): void {
		this.previous = { remaining: this.remaining, reportSeq: this.reportSeq, start: this.start };
		this.rolledOverUnconfirmed = true;
		// It began after the old one ended, and no later than the request about to open it.
		this.start = { earliest: Math.min(now, this.oldWindowSeenUntil() ?? now), latest: now };
		this.lastSeenInWindow = undefined;
		this.windowEndsBy = undefined;
		this.tailFrom = undefined;
		this.remaining = this.total;
		this.reportSeq = this.nextSeq - 1;
		this.draw = this.random();
		this.resetListCounts();
		for (const [seq, entry] of this.outstanding) if (entry.lost) this.outstanding.delete(seq);
	}

	/** The old window was still open when this was: a lower bound for the next one's start. */
	private oldWindowSeenUntil(): number | undefined {
		const byLength = this.start ? this.start.earliest + this.lengthAtLeast : undefined;
		if (byLength === undefined) return this.lastSeenInWindow;
		return this.lastSeenInWindow === undefined ? byLength : Math.max(byLength, this.lastSeenInWindow);
	}

	private resetListCounts(): void {
		for (const kind of LIST_KINDS) {
			this.listUsed[kind] = 0;
			this.listAccepted[kind] = 0;
		}
	}

	/** Whether a request was sent after the current window (as modelled) could have begun. */
	private inCurrentWindow(permit: Permit): boolean {
		return this.start === undefined || permit.sentAt >= this.start.earliest;
	}

	private countListAnswer(kind: ListKind, throttled: boolean): void {
		if (throttled) {
			this.listUsed[kind] = Math.max(0, this.listUsed[kind] - 1);
			return;
		}
		const accepted = ++this.listAccepted[kind];
		// More were accepted in a window than the limit learned from a 429: it was set too low.
		const limit = this.listLimit[kind];
		if (limit !== undefined && accepted > limit) this.listLimit[kind] = accepted;
	}

	private observeRemaining(permit: Permit, remaining: number, throttled: boolean): void {
		const total = this.total ?? remaining;
		if (this.remaining === undefined) {
			// The first answer: if it was the window's first call, the window began when it was sent.
			this.remaining = remaining;
			this.reportSeq = permit.seq;
			this.reportSentAt = permit.sentAt;
			this.draw = this.random();
			if (!throttled && remaining >= total - 1) this.start = { earliest: permit.sentAt, latest: permit.sentAt };
			// Already partly spent, by calls this execution did not send.
			if (!throttled && remaining < total - 1 - permit.overlapping) this.othersSeen = true;
			return;
		}
		if (permit.seq <= this.reportSeq) {
			// An answer overtaken by newer ones; it can still show that the window had turned by then.
			const previous = this.previous;
			const sentAfterOldReport = previous !== undefined && permit.seq > previous.reportSeq;
			if (!throttled && sentAfterOldReport && previous.remaining !== undefined && remaining >= previous.remaining + permit.overlapping) {
				this.learnEnd(previous.start, permit.sentAt);
				if (this.start !== undefined && permit.sentAt < this.start.latest) {
					this.start = { earliest: Math.min(this.start.earliest, permit.sentAt), latest: permit.sentAt };
				}
			}
			return;
		}
		if (!throttled) this.rolledOverUnconfirmed = false;
		// In one window, a request counted after the newest reported one leaves less remaining;
		// requests under way together may be counted in any order, by at most their number.
		if (!throttled && remaining >= this.remaining + permit.overlapping) {
			// A fresh budget: a new window began before this request arrived, and after the
			// newest request known to be in the old one was sent.
			this.learnEnd(this.start, permit.sentAt);
			let earliest = permit.sentAt;
			for (const entry of this.outstanding.values()) if (entry.seq > this.reportSeq) earliest = Math.min(earliest, entry.sentAt);
			earliest = Math.min(permit.sentAt, Math.max(earliest, this.oldWindowSeenUntil() ?? earliest));
			this.previous = { remaining: this.remaining, reportSeq: this.reportSeq, start: this.start };
			this.start = { earliest, latest: permit.sentAt };
			this.lastSeenInWindow = permit.sentAt;
			this.windowEndsBy = undefined;
			this.tailFrom = undefined;
			for (const kind of LIST_KINDS) {
				let used = 0;
				for (const entry of this.outstanding.values()) if (entry.kind === kind && entry.seq > this.reportSeq) used++;
				this.listUsed[kind] = used + (permit.kind === kind ? 1 : 0);
				this.listAccepted[kind] = permit.kind === kind ? 1 : 0;
			}
		} else if (!throttled) {
			this.noticeOthers(this.remaining - remaining, permit);
			const elapsed = permit.sentAt - (this.reportSentAt ?? permit.sentAt);
			if (elapsed > 0) {
				const rate = Math.max(0, this.remaining - remaining) / elapsed;
				this.accountRate = this.accountRate === undefined ? rate : (this.accountRate + rate) / 2;
			}
		}
		if (this.start !== undefined && remaining < this.remaining) {
			// Still the same window when this request arrived: it lasts at least this long.
			this.lastSeenInWindow = Math.max(this.lastSeenInWindow ?? permit.sentAt, permit.sentAt);
			const lasted = permit.sentAt - this.start.latest;
			if (this.lengthAtMost !== undefined && lasted > this.lengthAtMost) this.lengthAtMost = undefined;
			this.lengthAtLeast = Math.max(this.lengthAtLeast, lasted);
		}
		this.remaining = remaining;
		this.reportSeq = permit.seq;
		this.reportSentAt = permit.sentAt;
		this.reportOverlapping = permit.overlapping;
		this.draw = this.random();
		for (const [seq, entry] of this.outstanding) if (entry.lost && seq < permit.seq) this.outstanding.delete(seq);
	}

	/**
	 * Whether others spend the account, from how much its budget dropped between two answers in
	 * one window against what this execution sent in between (and what was under way around them).
	 */
	private noticeOthers(drop: number, permit: Permit): void {
		const own = permit.seq - this.reportSeq;
		if (drop > own + permit.overlapping + this.reportOverlapping) {
			this.othersSeen = true;
			this.quietAnswers = 0;
		} else if (this.othersSeen && drop === own) {
			// After a few answers in a row where nobody else spent anything, the others are gone (or
			// were executions that ended before this one began): the account is this one's again.
			if (++this.quietAnswers >= PACING.quietAnswers) this.othersSeen = false;
		} else this.quietAnswers = 0;
	}

	/** The window that began at `start` had ended by `endedBy`. */
	private learnEnd(start: WindowStart | undefined, endedBy: number): void {
		if (start === undefined) return;
		const length = endedBy - start.earliest;
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
			this.start = this.previous?.start;
			this.lengthAtMost = undefined;
			this.lengthAtLeast = 0;
		}
		if (listOnly && this.inCurrentWindow(permit)) {
			// The account's budget is not used up, so it was the list sub-limit: learn it.
			const kind = permit.kind as ListKind;
			this.listLimit[kind] = Math.max(1, this.listAccepted[kind]);
		}
		if (!listOnly && this.start !== undefined && permit.sentAt < this.start.earliest) {
			// Sent in a window that is already over: its Retry-After is about that window.
			return;
		}
		let until: number;
		if (retryAfterMs !== undefined) {
			until = now + retryAfterMs;
			this.throttledInARow = 0;
			// The list sub-limits are taken to share the account's window, as they do per minute.
			this.windowEndsBy = this.windowEndsBy === undefined ? until : Math.min(this.windowEndsBy, until);
			this.learnEnd(this.start, until);
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
