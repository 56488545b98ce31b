/**
 * The list sub-limits: listing requesters and listing agents each have a budget per window, lower
 * than the account's, that no header reports. Learned from the first 429 on a list call while the
 * account's own budget is not used up; counted in every window after. Pure bookkeeping for the
 * window model (limiter.ts), which says when a window turns.
 */

import type { ListKind, Permit } from './rateLimitTypes';

const LIST_KINDS: readonly ListKind[] = ['listRequesters', 'listAgents'];

const zeroes = (): Record<ListKind, number> => ({ listRequesters: 0, listAgents: 0 });

export class ListBudgets {
	private readonly blockedUntil = zeroes();
	private readonly limit: Partial<Record<ListKind, number>> = {};
	/** List calls sent in the current window (less those that got a 429, which the account did not count). */
	private readonly used = zeroes();
	/** List calls the account accepted in the current window. */
	private readonly accepted = zeroes();

	/** Until when list calls of this kind wait (after a 429 on the sub-limit). */
	blockedUntilFor(kind: ListKind): number {
		return this.blockedUntil[kind];
	}

	block(kind: ListKind, until: number): void {
		this.blockedUntil[kind] = Math.max(this.blockedUntil[kind], until);
	}

	/** Calls of this kind left in the window; undefined while its limit is unknown. */
	left(kind: ListKind): number | undefined {
		const limit = this.limit[kind];
		return limit === undefined ? undefined : limit - this.used[kind];
	}

	sent(kind: ListKind): void {
		this.used[kind]++;
	}

	/** A new window (as modelled): nothing spent yet. */
	reset(): void {
		for (const kind of LIST_KINDS) {
			this.used[kind] = 0;
			this.accepted[kind] = 0;
		}
	}

	/** A fresh budget was seen on `permit`'s answer: the window began with it and with the calls still under way after it. */
	restartWith(permit: Permit, underWay: Iterable<Permit>): void {
		for (const kind of LIST_KINDS) {
			let used = 0;
			for (const entry of underWay) if (entry.kind === kind) used++;
			this.used[kind] = used + (permit.kind === kind ? 1 : 0);
			this.accepted[kind] = permit.kind === kind ? 1 : 0;
		}
	}

	countAnswer(kind: ListKind, throttled: boolean): void {
		if (throttled) {
			this.used[kind] = Math.max(0, this.used[kind] - 1);
			return;
		}
		const accepted = ++this.accepted[kind];
		// More were accepted in a window than the limit learned from a 429: it was set too low.
		const limit = this.limit[kind];
		if (limit !== undefined && accepted > limit) this.limit[kind] = accepted;
	}

	/** A 429 on a list call while the account's budget was not used up: the sub-limit is what was accepted so far. */
	learnLimit(kind: ListKind): void {
		this.limit[kind] = Math.max(1, this.accepted[kind]);
	}

	limits(): Partial<Record<ListKind, number>> {
		return { ...this.limit };
	}
}
