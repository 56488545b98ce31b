/** What the rate limiter and the request loop exchange: a request's kind, its permit, a turn, an answer's limits. */

export type ListKind = 'listRequesters' | 'listAgents';
/** Which budgets a request draws on: every call draws on the account's; list calls on theirs too. */
export type RequestKind = 'call' | ListKind;

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
