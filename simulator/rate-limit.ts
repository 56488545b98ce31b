// Account-wide rate limiting in fixed windows (per minute by default), with the lower sub-limit that
// Freshservice applies to list-agents and list-requesters each.
import type { RateLimitOptions, RateLimitSettings, RatePlan } from './types';

export const RATE_PLANS: Record<RatePlan, { perWindow: number; listPerWindow: number }> = {
	starter: { perWindow: 100, listPerWindow: 40 },
	growth: { perWindow: 200, listPerWindow: 70 },
	pro: { perWindow: 400, listPerWindow: 120 },
	enterprise: { perWindow: 500, listPerWindow: 140 },
};

export const DEFAULT_WINDOW_MS = 60_000;

export type ListKind = 'requesters' | 'agents';

export type RateDecision =
	| { allowed: true; total: number; remaining: number }
	| { allowed: false; total: number; remaining: number; retryAfterSeconds: number };

export function resolveRateLimit(options: RateLimitOptions = {}, base?: RateLimitSettings): RateLimitSettings {
	const start: RateLimitSettings = base ?? { plan: 'enterprise', ...RATE_PLANS.enterprise, windowMs: DEFAULT_WINDOW_MS, enabled: true };
	const planNumbers = options.plan ? RATE_PLANS[options.plan] : undefined;
	const customNumbers = options.perWindow !== undefined || options.listPerWindow !== undefined;
	return {
		plan: customNumbers ? 'custom' : (options.plan ?? start.plan),
		perWindow: options.perWindow ?? planNumbers?.perWindow ?? start.perWindow,
		listPerWindow: options.listPerWindow ?? planNumbers?.listPerWindow ?? start.listPerWindow,
		windowMs: options.windowMs ?? start.windowMs,
		enabled: options.enabled ?? start.enabled,
	};
}

export class RateLimiter {
	private windowStart = Number.NEGATIVE_INFINITY;
	private used = 0;
	private readonly listUsed: Record<ListKind, number> = { requesters: 0, agents: 0 };

	constructor(public settings: RateLimitSettings) {}

	configure(settings: RateLimitSettings): void {
		this.settings = settings;
		this.reset();
	}

	reset(): void {
		this.windowStart = Number.NEGATIVE_INFINITY;
		this.used = 0;
		this.listUsed.requesters = 0;
		this.listUsed.agents = 0;
	}

	/** Counts one call (when allowed) and says whether it may proceed. */
	take(listKind: ListKind | undefined, now = Date.now()): RateDecision {
		this.roll(now);
		const { perWindow, listPerWindow, enabled } = this.settings;
		const overLimit = this.used >= perWindow || (listKind !== undefined && this.listUsed[listKind] >= listPerWindow);
		if (enabled && overLimit) {
			return {
				allowed: false,
				total: perWindow,
				remaining: Math.max(0, perWindow - this.used),
				retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + this.settings.windowMs - now) / 1000)),
			};
		}
		if (enabled) {
			if (!Number.isFinite(this.windowStart)) this.windowStart = now;
			this.used++;
			if (listKind) this.listUsed[listKind]++;
		}
		return { allowed: true, total: perWindow, remaining: Math.max(0, perWindow - this.used) };
	}

	/** Headers for an answer that consumed nothing (forced 429s, errors before counting). */
	peek(now = Date.now()): { total: number; remaining: number } {
		this.roll(now);
		return { total: this.settings.perWindow, remaining: Math.max(0, this.settings.perWindow - this.used) };
	}

	snapshot(now = Date.now()): { used: number; listRequestersUsed: number; listAgentsUsed: number; resetsInMs: number } {
		this.roll(now);
		const resetsInMs = Number.isFinite(this.windowStart) ? Math.max(0, this.windowStart + this.settings.windowMs - now) : 0;
		return { used: this.used, listRequestersUsed: this.listUsed.requesters, listAgentsUsed: this.listUsed.agents, resetsInMs };
	}

	/** Closes an expired window; a new one opens with the next counted call. */
	private roll(now: number): void {
		if (now - this.windowStart < this.settings.windowMs) return;
		this.windowStart = Number.NEGATIVE_INFINITY;
		this.used = 0;
		this.listUsed.requesters = 0;
		this.listUsed.agents = 0;
	}
}
