/**
 * When the account's rate-limit windows begin and end. Freshservice says neither: the window's
 * length is learned from Retry-After and from the first answer that shows a fresh budget, and its
 * start is known between two times. Pure: the window model (limiter.ts) passes the times in.
 */

import type { KnownWindow } from './sharedPacer';

/** The learned window end is taken this much later, for timer and network jitter. */
const END_MARGIN = { ratio: 0.01, ms: 10 };

/** When a window began: the account does not say, so it is known between two times. */
export interface WindowStart {
	/** No later than the window's true start (for learning its length). */
	earliest: number;
	/** No earlier than its true start (for predicting its end). */
	latest: number;
}

export class WindowEstimate {
	start?: WindowStart;
	/** An upper bound for when the current window ends (from Retry-After). */
	private endsBy?: number;
	/** Bounds on the window's length learned so far. */
	lengthAtLeast = 0;
	lengthAtMost?: number;
	/** When this window's last calls began to be spread out. */
	private tailFrom?: number;
	/** The latest send time of a request the account counted in the current window. */
	private lastSeen?: number;

	/** When the current window ends at the latest, as far as is known. */
	end(): number | undefined {
		const byLength =
			this.start !== undefined && this.lengthAtMost !== undefined
				? this.start.latest + this.lengthAtMost * (1 + END_MARGIN.ratio) + END_MARGIN.ms
				: undefined;
		if (byLength === undefined) return this.endsBy;
		return this.endsBy === undefined ? byLength : Math.min(byLength, this.endsBy);
	}

	/** The current window's start and length, when both are known. */
	known(): KnownWindow | undefined {
		const end = this.end();
		if (end === undefined || this.start === undefined || end <= this.start.latest) return undefined;
		return { start: this.start.latest, length: end - this.start.latest };
	}

	/**
	 * When the next of the window's last `tailCalls` calls may go: they are spaced evenly up to the
	 * window's end, from where the end may first come, so each one tells whether the window ended before it.
	 */
	tailSlot(budget: number, now: number, tailCalls: number): number | undefined {
		const end = this.end();
		if (end === undefined || this.start === undefined) return undefined;
		if (this.tailFrom === undefined) this.tailFrom = Math.max(now, this.start.earliest + this.lengthAtLeast);
		const spacing = Math.max(0, end - this.tailFrom) / (tailCalls + 1);
		return end - budget * spacing;
	}

	/** Whether a request was sent after the current window (as modelled) could have begun. */
	includes(sentAt: number): boolean {
		return this.start === undefined || sentAt >= this.start.earliest;
	}

	/** The old window was still open when this was: a lower bound for the next one's start. */
	oldWindowSeenUntil(): number | undefined {
		const byLength = this.start ? this.start.earliest + this.lengthAtLeast : undefined;
		if (byLength === undefined) return this.lastSeen;
		return this.lastSeen === undefined ? byLength : Math.max(byLength, this.lastSeen);
	}

	/** A new window began between `earliest` and `latest`. */
	began(earliest: number, latest: number, seenAt?: number): void {
		this.start = { earliest, latest };
		this.lastSeen = seenAt;
		this.endsBy = undefined;
		this.tailFrom = undefined;
	}

	/** The modelled window is over: it began after the old one ended, and no later than `now`. */
	rollOver(now: number): void {
		this.began(Math.min(now, this.oldWindowSeenUntil() ?? now), now);
	}

	/** A late answer shows the current window had begun by `sentAt`. */
	begunBy(sentAt: number): void {
		if (this.start !== undefined && sentAt < this.start.latest) {
			this.start = { earliest: Math.min(this.start.earliest, sentAt), latest: sentAt };
		}
	}

	/** Still the same window when a request sent at `sentAt` arrived: it lasts at least this long. */
	openAt(sentAt: number): void {
		if (this.start === undefined) return;
		this.lastSeen = Math.max(this.lastSeen ?? sentAt, sentAt);
		const lasted = sentAt - this.start.latest;
		if (this.lengthAtMost !== undefined && lasted > this.lengthAtMost) this.lengthAtMost = undefined;
		this.lengthAtLeast = Math.max(this.lengthAtLeast, lasted);
	}

	/** Retry-After: the window ends by `until`. The list sub-limits are taken to share the account's window. */
	endsAtLatest(until: number): void {
		this.endsBy = this.endsBy === undefined ? until : Math.min(this.endsBy, until);
		this.learnEnd(this.start, until);
	}

	/** The window was taken for over too early: it is the one that began at `start` still, and its length unknown. */
	restore(start: WindowStart | undefined): void {
		this.start = start;
		this.lengthAtMost = undefined;
		this.lengthAtLeast = 0;
	}

	/** The window that began at `start` had ended by `endedBy`. */
	learnEnd(start: WindowStart | undefined, endedBy: number): void {
		if (start === undefined) return;
		const length = endedBy - start.earliest;
		if (length <= 0) return;
		this.lengthAtMost = this.lengthAtMost === undefined ? length : Math.min(this.lengthAtMost, length);
		if (this.lengthAtLeast > this.lengthAtMost) this.lengthAtLeast = 0;
	}
}
