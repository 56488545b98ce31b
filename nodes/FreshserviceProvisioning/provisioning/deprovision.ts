/**
 * Sync Roster's deprovisioning, planned: who in the chosen scope is missing from the roster, and
 * whether deactivating them stays within the safety limit. Pure: the listed users and the IDs the
 * roster matched come in; the users to deactivate, or the refusal, come out. Nothing is written
 * unless the whole plan is within the limit.
 */

import type { CurrentUser } from './plan';
import type { MatchField } from './roster';
import { emailsOf, matchFieldLabel, matchValueOf } from './roster';

export type DeprovisionScope =
	/** Users whose primary email is at one of these domains (lower-case, without @). */
	| { kind: 'emailDomain'; domains: readonly string[] }
	/** Users in one of these departments. */
	| { kind: 'department'; departmentIds: readonly number[]; names: readonly string[] }
	/** Users this sync manages: those holding a value in the match field (External ID or a custom field). */
	| { kind: 'managed'; field: Exclude<MatchField, { kind: 'email' }> };

export interface SafetyLimit {
	/** At most this many deactivations in one run. */
	maxCount: number;
	/** At most this share of the scope, in percent. */
	maxPercent: number;
}

/**
 * The defaults. A nightly roster normally loses a handful of people; a truncated export or a
 * filter that drops a department loses a large share, and 10 % catches that in a scope of any
 * size. In a large scope 10 % is still hundreds of people, so the count caps it at 50: a real
 * restructuring that big is rare enough to deserve raising the limit for one run.
 */
export const DEFAULT_SAFETY_LIMIT: SafetyLimit = { maxCount: 50, maxPercent: 10 };

/**
 * Up to this many a run may always deactivate (or reactivate), whatever the percentage, within the
 * count: in a scope of nine, 10 % is less than one person, and one leaver must not stop the sync.
 * Two is still far below what a truncated export or a dropped department loses.
 */
export const SAFETY_FLOOR = 2;

export interface DeprovisionOptions {
	scope: DeprovisionScope;
	/** Whether agents in the scope may be deactivated too (off: they are never touched). */
	includeAgents: boolean;
	/** The agent who owns the API key: never deactivated, whatever the scope. Not a whole number: the plan is refused. */
	keyOwnerId: number | undefined;
	limit: SafetyLimit;
}

export interface DeprovisionPlan<U extends CurrentUser = CurrentUser> {
	/** Active users in the scope that this sync may deactivate (agents only when allowed; never the key owner). */
	scopeSize: number;
	/** Who would be deactivated, by email. */
	users: U[];
	/** Agents in the scope, missing from the roster, left alone because agents are not included. */
	agentsLeftAlone: number;
	/** Set when the plan exceeds the safety limit: nothing at all may be written. */
	refusal?: string;
}

/** How many names a refusal lists. */
const SHOWN_USERS = 5;

export function describeScope(scope: DeprovisionScope): string {
	switch (scope.kind) {
		case 'emailDomain':
			return `emails at ${scope.domains.join(', ')}`;
		case 'department':
			return `department ${scope.names.join(', ')}`;
		case 'managed':
			return `users with a value in '${matchFieldLabel(scope.field)}'`;
	}
}

export function inScope(user: CurrentUser, scope: DeprovisionScope): boolean {
	switch (scope.kind) {
		case 'emailDomain': {
			const primary = matchValueOf(user, { kind: 'email' });
			if (primary === undefined) return false;
			const domain = primary.slice(primary.lastIndexOf('@') + 1);
			return scope.domains.includes(domain);
		}
		case 'department': {
			const departments = Array.isArray(user.record.department_ids) ? user.record.department_ids.map(Number) : [];
			return departments.some((id) => scope.departmentIds.includes(id));
		}
		case 'managed':
			return matchValueOf(user, scope.field) !== undefined;
	}
}

function label(user: CurrentUser): string {
	return emailsOf(user)[0] ?? `${user.userType} ${String(user.record.id)}`;
}

/**
 * Whether deactivating (or reactivating) `count` of `scopeSize` users stays within the limit: never
 * more than the count; above the floor, also no more than the percentage.
 */
export function withinLimit(count: number, scopeSize: number, limit: SafetyLimit): boolean {
	return count <= limit.maxCount && (count <= SAFETY_FLOOR || count * 100 <= limit.maxPercent * scopeSize);
}

/** An agent, however listed: a requester-listing record flagged is_agent is one too. */
function isAgent(user: CurrentUser): boolean {
	return user.userType === 'agent' || user.record.is_agent === true;
}

/**
 * The users in scope that no roster row matched, and whether deactivating them is allowed.
 * Deactivated users are already gone; agents stay unless included; the key owner always stays.
 */
export function planDeprovisioning<U extends CurrentUser>(users: readonly U[], kept: ReadonlySet<number>, options: DeprovisionOptions): DeprovisionPlan<U> {
	const { scope, limit } = options;
	if (!Number.isSafeInteger(options.keyOwnerId)) {
		return {
			scopeSize: 0,
			users: [],
			agentsLeftAlone: 0,
			refusal: `Sync Roster stopped before any change: the owner of the API key could not be identified (Freshservice answered no whole-number agent ID, but ${JSON.stringify(options.keyOwnerId ?? null)}), so deprovisioning cannot make sure it never deactivates them.`,
		};
	}
	let scopeSize = 0;
	let agentsLeftAlone = 0;
	const missing: U[] = [];
	for (const user of users) {
		const id = Number(user.record.id);
		if (user.record.active === false || id === options.keyOwnerId || !inScope(user, scope)) continue;
		const absent = !kept.has(id);
		if (isAgent(user) && !options.includeAgents) {
			if (absent) agentsLeftAlone++;
			continue;
		}
		scopeSize++;
		if (absent) missing.push(user);
	}
	missing.sort((a, b) => label(a).localeCompare(label(b)));
	const plan: DeprovisionPlan<U> = { scopeSize, users: missing, agentsLeftAlone };
	if (!withinLimit(missing.length, scopeSize, limit)) {
		const percent = scopeSize === 0 ? 100 : Math.round((missing.length * 1000) / scopeSize) / 10;
		const shown = missing.slice(0, SHOWN_USERS).map(label).join(', ');
		plan.refusal =
			`Sync Roster stopped before any change: it would deactivate ${missing.length} of the ${scopeSize} users in scope (${describeScope(scope)}), ${percent} %, ` +
			`above the safety limit of ${limit.maxCount} users and ${limit.maxPercent} % (up to ${SAFETY_FLOOR} are always allowed within the count). ` +
			`The first ${Math.min(SHOWN_USERS, missing.length)}: ${shown}${missing.length > SHOWN_USERS ? ', …' : ''}`;
	}
	return plan;
}
