/**
 * Pacing one execution while others (n8n runs several at once; in queue mode on several workers)
 * spend the same account with no memory in common. Pure: the caller passes the time and what the
 * window model (limiter.ts) knows. Tuned with e2e/queue/model.ts.
 *
 * The AIMD rule, as TCP shares a link: each answer that finds the account on or behind an even
 * spend of the window raises this execution's rate a little (additive increase); one that finds it
 * ahead cuts the rate by 30 % (multiplicative decrease), so every execution converges on a fair share.
 */

import type { Permit, Turn } from './rateLimitTypes';

export const SHARED_PACING = {
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

/** The current window, when the window model knows both its start and its length. */
export interface KnownWindow {
	start: number;
	length: number;
}

export class SharedPacer {
	/** Other executions (or integrations) spend the same account: its budget dropped more than this one spent. */
	private othersSeen = false;
	private quietAnswers = 0;
	private lastSentAt?: number;
	/** This execution's own pace, in calls per ms, on a known window and before it is known. */
	private sharedRate?: number;
	private learnerRate?: number;
	private nextCutAt = 0;
	/** How fast the account's budget went down between this execution's last two answers in one window, in calls per ms. */
	private accountRate?: number;
	/** A random draw per view of the budget, so that executions sharing one view do not all go at once. */
	private draw = 0;

	constructor(private readonly random: () => number) {}

	get sharing(): boolean {
		return this.othersSeen;
	}

	/** The first answer already showed a budget partly spent by calls this execution did not send. */
	othersSpentFirst(): void {
		this.othersSeen = true;
	}

	redraw(): void {
		this.draw = this.random();
	}

	sent(now: number): void {
		this.lastSentAt = now;
	}

	/** Calls held back from each window while sharing. */
	reserve(total: number | undefined): number {
		return this.othersSeen ? Math.ceil((total ?? 0) * SHARED_PACING.reserveRatio) : 0;
	}

	/**
	 * While sharing the account, whether this execution's next call may go: at its own rate on a
	 * known window (up to a few in flight), one call at a time until the window is known.
	 */
	turn(now: number, inFlight: number, window: KnownWindow | undefined, total: number | undefined): Turn {
		const known = window !== undefined;
		if (inFlight >= (known ? SHARED_PACING.maxSharedInFlight : 1)) return { go: false };
		const rate = (known ? this.sharedRate : this.learnerRate) ?? documentedRate(total);
		const goAt = this.lastSentAt === undefined ? now : this.lastSentAt + (0.5 + this.draw) / rate;
		return now < goAt ? { go: false, waitMs: goAt - now } : { go: true };
	}

	/** A 429 while sharing: the rate was too high. */
	throttled(): void {
		if (this.sharedRate !== undefined) this.sharedRate *= SHARED_PACING.cutFactor;
	}

	/** How fast the account's budget went down between two answers in one window. */
	observeAccountRate(drop: number, elapsedMs: number): void {
		if (elapsedMs <= 0) return;
		const rate = Math.max(0, drop) / elapsedMs;
		this.accountRate = this.accountRate === undefined ? rate : (this.accountRate + rate) / 2;
	}

	/**
	 * Whether others spend the account, from how much its budget dropped between two answers in
	 * one window (`drop`) against what this execution sent in between (`own`) and what was under way
	 * around them (`overlap`).
	 */
	noticeOthers(drop: number, own: number, overlap: number): void {
		if (drop > own + overlap) {
			this.othersSeen = true;
			this.quietAnswers = 0;
		} else if (this.othersSeen && drop === own) {
			// After a few answers in a row where nobody else spent anything, the others are gone (or
			// were executions that ended before this one began): the account is this one's again.
			if (++this.quietAnswers >= SHARED_PACING.quietAnswers) this.othersSeen = false;
		} else this.quietAnswers = 0;
	}

	/** While sharing, adjusts this execution's pace from one answer (the AIMD rule above). */
	adjust(permit: Permit, remaining: number, now: number, window: KnownWindow | undefined, total: number | undefined): void {
		if (!this.othersSeen || total === undefined) return;
		if (window === undefined) {
			// Not knowing the window: the whole account is to go at most at the budget's pace over
			// the documented minute, and slower while it is nearly spent.
			const base = documentedRate(total);
			let rate = this.learnerRate ?? base;
			const crowded = (this.accountRate ?? 0) > base || remaining <= 2 * this.reserve(total);
			if (!crowded) rate += base * SHARED_PACING.learnerRaiseRatio;
			else if (now >= this.nextCutAt) {
				rate *= SHARED_PACING.cutFactor;
				this.nextCutAt = now + SHARED_PACING.learnerCutMs;
			}
			this.learnerRate = Math.min(base * SHARED_PACING.maxRateRatio, Math.max(base * SHARED_PACING.minLearnerRateRatio, rate));
			return;
		}
		const evenRate = (total - this.reserve(total)) / window.length;
		// Where the account stood when this call reached it, about halfway through its round trip.
		const due = evenRate * Math.max(0, (permit.sentAt + now) / 2 - window.start);
		const spent = total - remaining;
		const margin = Math.max(2, total * SHARED_PACING.aheadMarginRatio);
		let rate = this.sharedRate ?? Math.min(evenRate, documentedRate(total));
		if (spent > due + margin) {
			if (now >= this.nextCutAt) {
				rate *= SHARED_PACING.cutFactor;
				this.nextCutAt = now + window.length * SHARED_PACING.cutIntervalRatio;
			}
		} else {
			// Well behind the schedule, the others leave budget unused: catch up faster.
			if (spent < due - margin) rate *= SHARED_PACING.catchUpFactor;
			rate += evenRate * SHARED_PACING.raiseRatio;
		}
		this.sharedRate = Math.min(evenRate * SHARED_PACING.maxRateRatio, Math.max(evenRate * SHARED_PACING.minRateRatio, rate));
	}
}

/** The budget's pace over Freshservice's documented window, in calls per ms. */
function documentedRate(total: number | undefined): number {
	return Math.max(1, total ?? 0) / SHARED_PACING.documentedWindowMs;
}
