import type { ICredentialsDecrypted, IDataObject } from 'n8n-workflow';

import { RateLimiter } from './limiter';
import type { FreshserviceContext } from './request';

/** What one execution sent, for summaries and the benchmark. */
export interface RequestStats {
	/** Requests sent, retries included. */
	requests: number;
	/** Answers that were 429. */
	throttled: number;
	/** Requests sent again after a 5xx, a dropped connection, a timeout or a 429. */
	retries: number;
}

/**
 * Per-person state of one execution (actions/people.ts): items that name the same person take
 * turns, and a later item sees what an earlier one wrote.
 */
export interface PeopleState {
	/** The last in each person's queue, by key (`email:…`, `id:…`): resolves when it is done. */
	readonly turns: Map<string, Promise<void>>;
	/** For each person key whose holder is waiting on another person (a manager), that key. */
	readonly waits: Map<string, string>;
	/** Users as this execution's own writes left them, by person key; null: deleted. */
	readonly written: Map<string, { userType: 'requester' | 'agent'; record: IDataObject } | null>;
	/** Creates a Sync Roster plan holds, by email: the new user's ID once made, undefined if not. */
	readonly plannedCreates: Map<string, Promise<number | undefined>>;
}

/** How long a request may take before it counts as failed, unless the node's options say otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Everything one execution shares across its items: the n8n context requests go through, the
 * lists read once per execution, the rate limiter every request waits its turn at, and request
 * counts. Created at the start of `execute` (or of one editor call) and passed down; never a
 * module global, since n8n runs many executions in one process and, in queue mode, across
 * processes.
 */
export interface FreshserviceSession {
	readonly context: FreshserviceContext;
	/** Lists read once per execution (departments, locations, roles, fields...), by request key. */
	readonly lists: Map<string, Promise<IDataObject[]>>;
	/** Single lookups worth doing once per execution (a manager's email → their ID), by key. */
	readonly lookups: Map<string, Promise<unknown>>;
	readonly people: PeopleState;
	readonly stats: RequestStats;
	readonly limiter: RateLimiter;
	/** Each request's timeout. */
	readonly timeoutMs: number;
	/** The credential, read once for the execution (undefined: let n8n read it on each request). */
	credential?: Promise<ICredentialsDecrypted | undefined>;
}

export function createSession(context: FreshserviceContext, options: { timeoutMs?: number } = {}): FreshserviceSession {
	return {
		context,
		lists: new Map(),
		lookups: new Map(),
		people: { turns: new Map(), waits: new Map(), written: new Map(), plannedCreates: new Map() },
		stats: { requests: 0, throttled: 0, retries: 0 },
		limiter: new RateLimiter(),
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
}
