/**
 * Sync Roster, planned whole: rows + the listing + options → one plan per person, the leavers, and
 * a refusal when the roster is not to be trusted. Pure (no HTTP, no n8n): the operation reads the
 * rows, lists the users and resolves names; the executor carries the plans out in `order`.
 *
 *   const unmatched = unmatchedEmails(rows, directory);   // who will be created: a manager among them
 *                                                         // resolves to their create (PlannedCreate)
 *   const plan = planRoster(rows, directory, options);
 *   plan.refusal ?? execute(plan.order, then plan.leavers.users)
 */

import type { DeprovisionPlan, DeprovisionScope, SafetyLimit } from './deprovision';
import { describeScope, planDeprovisioning, withinLimit } from './deprovision';
import type { GroupMembers } from './membershipPlan';
import type { DesiredUser, PlanOptions } from './plan';
import { planUser } from './plan';
import type { RosterKey, UserDirectory } from './roster';
import { matchFieldLabel, matchPerson, usersNamedBy } from './roster';
import type { CurrentUser, UserPlan } from './steps';
import { isPlannedCreate } from './steps';
import { InvalidValueError } from './values';

export interface RosterRow<U extends CurrentUser = CurrentUser> {
	itemIndex: number;
	/** The row's email and match value; absent when the row could not give them. */
	key?: RosterKey;
	desired?: DesiredUser;
	/** The user a lookup outside the listing found for an unmatched row (Dry Run), if any. */
	found?: U;
	/** Why the row cannot be synced, found before planning. */
	error?: unknown;
}

export interface RosterOptions {
	plan: PlanOptions;
	/** The members of the requester groups the roster or Managed Groups name, read before planning. */
	members?: GroupMembers;
	/** Reactivations are limited as deactivations are, against the number of roster rows. */
	reactivationLimit: SafetyLimit;
	deprovision?: {
		scope: DeprovisionScope;
		includeAgents: boolean;
		keyOwnerId: number | undefined;
		limit: SafetyLimit;
		/** Why deprovisioning must not act this run (e.g. the roster comes in batches). */
		skip?: string;
	};
}

export interface PersonPlan<U extends CurrentUser = CurrentUser> {
	itemIndex: number;
	email?: string;
	current?: U;
	desired?: DesiredUser;
	plan?: UserPlan;
	error?: unknown;
	/** How many creates, one after another, must be done before this person's writes (0: none). */
	depth?: number;
}

export interface RosterPlan<U extends CurrentUser = CurrentUser> {
	/** In input order. */
	people: Array<PersonPlan<U>>;
	/** Indexes into `people` in the order to start them: a new manager before their new report. */
	order: number[];
	leavers?: { scope: string; plan?: DeprovisionPlan<U>; skipped?: string };
	/** Set when the whole roster must not be applied: nothing at all may be written. */
	refusal?: string;
	reactivations: number;
}

/** The emails of rows the listing does not hold: the people the sync will create (or find deactivated). */
export function unmatchedEmails<U extends CurrentUser>(rows: ReadonlyArray<RosterRow<U>>, directory: UserDirectory<U>): Set<string> {
	const emails = new Set<string>();
	for (const row of rows) {
		if (row.error !== undefined || !row.key) continue;
		const match = matchPerson(directory, row.key);
		if (!('error' in match) && match.user === undefined) emails.add(row.key.email);
	}
	return emails;
}

/** The people a plan's writes wait for: planned creates named in its create payload or update body. */
function plannedCreatesNamed(plan: UserPlan): string[] {
	return plan.steps.flatMap((step) => {
		const body = step.kind === 'create' ? step.payload : step.kind === 'update' ? step.body : {};
		return Object.values(body).flatMap((value) => (isPlannedCreate(value) ? [value.plannedCreate] : []));
	});
}

/** How many creates stand before each person (0: none), or an error for a circle of new people. */
function depths<U extends CurrentUser>(people: Array<PersonPlan<U>>): void {
	const creating = new Map(people.filter((person) => person.plan?.outcome === 'create').map((person) => [person.email!, person]));
	const depth = new Map<PersonPlan<U>, number>();
	const visit = (person: PersonPlan<U>, path: Array<PersonPlan<U>>): number => {
		const known = depth.get(person);
		if (known !== undefined) return known;
		if (path.includes(person)) throw path.slice(path.indexOf(person));
		let deepest = 0;
		for (const email of plannedCreatesNamed(person.plan!)) {
			const manager = creating.get(email);
			if (manager) deepest = Math.max(deepest, visit(manager, [...path, person]) + 1);
		}
		depth.set(person, deepest);
		return deepest;
	};
	for (const person of people) {
		if (!person.plan) continue;
		try {
			visit(person, []);
		} catch (circle) {
			for (const member of circle as Array<PersonPlan<U>>) {
				const emails = (circle as Array<PersonPlan<U>>).map((entry) => entry.email).join(', ');
				member.error = new InvalidValueError('Reporting Manager (Email or ID)', `${emails} are new and name each other as manager: sync one of them without a manager first`);
				member.plan = undefined;
				depth.set(member, 0);
			}
		}
	}
	for (const person of people) person.depth = depth.get(person) ?? 0;
}

/** Plans every row against the listing, then the leavers, each within its safety limit. */
export function planRoster<U extends CurrentUser>(rows: ReadonlyArray<RosterRow<U>>, directory: UserDirectory<U>, options: RosterOptions): RosterPlan<U> {
	const people: Array<PersonPlan<U>> = rows.map((row) => {
		const person: PersonPlan<U> = { itemIndex: row.itemIndex, email: row.key?.email, desired: row.desired, error: row.error };
		if (person.error !== undefined) return person;
		try {
			const match = matchPerson(directory, row.key!);
			if ('error' in match) throw new InvalidValueError(matchFieldLabel(directory.field), match.error);
			person.current = match.user ?? row.found;
			person.plan = planUser(row.desired!, person.current, options.plan, options.members);
		} catch (error) {
			person.error = error;
		}
		return person;
	});
	depths(people);
	const depthOf = (index: number) => people[index].depth ?? 0;
	const order = people.map((_, index) => index).sort((a, b) => depthOf(a) - depthOf(b) || a - b);

	const reactivating = people.filter((person) => person.plan?.outcome === 'reactivate');
	const roster: RosterPlan<U> = { people, order, reactivations: reactivating.length };
	if (!withinLimit(reactivating.length, rows.length, options.reactivationLimit)) {
		const shown = reactivating.slice(0, 5).map((person) => person.email);
		roster.refusal =
			`Sync Roster stopped before any change: it would reactivate ${reactivating.length} deactivated users for a roster of ${rows.length}, ` +
			`above the reactivation safety limit of ${options.reactivationLimit.maxCount} users and ${options.reactivationLimit.maxPercent} %. ` +
			`The first ${shown.length}: ${shown.join(', ')}${reactivating.length > shown.length ? ', …' : ''}`;
	}
	if (options.deprovision) roster.leavers = planLeavers(rows, directory, options.deprovision);
	roster.refusal ??= roster.leavers?.plan?.refusal;
	return roster;
}

function planLeavers<U extends CurrentUser>(rows: ReadonlyArray<RosterRow<U>>, directory: UserDirectory<U>, options: NonNullable<RosterOptions['deprovision']>): RosterPlan<U>['leavers'] {
	const scope = describeScope(options.scope);
	if (options.skip) return { scope, skipped: options.skip };
	const unplaced = rows.filter((row) => row.key === undefined).map((row) => row.itemIndex);
	if (unplaced.length > 0) {
		return {
			scope,
			skipped: `Nobody was deactivated: items ${unplaced.join(', ')} of the roster have no usable email or '${matchFieldLabel(directory.field)}', so who is missing cannot be told.`,
		};
	}
	// Everyone a row names stays, even when the row itself failed.
	const kept = new Set(rows.flatMap((row) => usersNamedBy(directory, row.key!)).map((user) => Number(user.record.id)));
	return { scope, plan: planDeprovisioning(directory.users, kept, options) };
}

/**
 * Up to `count` planned creates, spread over the roster: a listing that missed people shows when
 * one of them already exists. Looking these up is the operation's (and costs `count` requests).
 */
export function createsToCheck<U extends CurrentUser>(plan: RosterPlan<U>, count = 3): string[] {
	const creates = plan.people.filter((person) => person.plan?.outcome === 'create').map((person) => person.email!);
	if (creates.length <= count) return creates;
	return Array.from({ length: count }, (_, index) => creates[Math.floor((index * (creates.length - 1)) / (count - 1))]);
}
