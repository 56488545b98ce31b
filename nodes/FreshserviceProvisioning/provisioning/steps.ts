/**
 * The one plan shape: what the node will do to one person, as a list of steps, each with its
 * exact changes, and the outcome in one word with the reason where nothing is written. Every
 * operation plans into it (provisioning/plan.ts, provisioning/rosterPlan.ts) and one executor
 * (actions/executor.ts) carries it out; Dry Run reports the plan without executing it.
 *
 * Open for more kinds of step: a new kind is a member of `PlanStep`, an outcome, and a case in the
 * executor. Group membership (`addToGroup` / `removeFromGroup`, provisioning/groups.ts) is one.
 */

import type { FieldChanges, UserPayload } from './diff';
import type { UserType } from './fields';
import type { GroupStep, MembershipChange } from './groups';

/** What Freshservice holds for a person, as a lookup or a listing found them. */
export interface CurrentUser {
	userType: UserType;
	record: Record<string, unknown>;
}

export type PlanStep =
	| { kind: 'create'; userType: UserType; payload: UserPayload }
	| { kind: 'reactivate'; userType: UserType; id: number }
	| { kind: 'convert'; from: UserType; to: UserType; id: number }
	| {
			kind: 'update';
			userType: UserType;
			id: number;
			body: UserPayload;
			changes: FieldChanges;
			/**
			 * Compare again against the user as the step before answered, and send only what still
			 * differs (nothing, if nothing does): a conversion's answer (the roles it gives) cannot
			 * be known before it is made.
			 */
			recompare?: { fields: UserPayload; clear: readonly string[] };
	  }
	| { kind: 'deactivate'; userType: UserType; id: number }
	| { kind: 'delete'; userType: UserType; id: number }
	/** `userId` is CREATED_USER for the person this plan creates: the executor takes the create's ID. */
	| GroupStep;

/** The user ID of a group step for a person the same plan creates. */
export const CREATED_USER = 0;

/** Membership changes by list (`requester_groups`, `member_of`, `observer_of`): group names added and removed. */
export type GroupChanges = Record<string, MembershipChange & { pendingApproval?: string[] }>;

/**
 * The outcome in one word: `create`, `reactivate` (then maybe update), `convert` (then maybe
 * update), `update`, `deactivate`, `delete`; or no write at all: `none` (nothing differs),
 * `alreadyDeactivated`, `skip` (a write was needed but the options forbid it).
 */
export type PlanOutcome = 'create' | 'reactivate' | 'convert' | 'update' | 'deactivate' | 'delete' | 'none' | 'alreadyDeactivated' | 'skip';

export interface UserPlan {
	outcome: PlanOutcome;
	/** In order; empty when nothing is written. */
	steps: PlanStep[];
	/** Every field written (or to be), `{ from, to }`; for a create, `from` is null. */
	changes: FieldChanges;
	/** Group memberships changed (or to be), reported beside `changes`. */
	groupChanges?: GroupChanges;
	/** The user type the person has after the plan is carried out. */
	userType: UserType;
	/** Why nothing is written, where that is not obvious from the outcome. */
	reason?: string;
	/** What Dry Run adds about the steps (e.g. what a conversion gives). */
	preview?: string;
}

const ACTIONS = {
	create: ['created', 'wouldCreate'],
	reactivate: ['reactivated', 'wouldReactivate'],
	convert: ['converted', 'wouldConvert'],
	update: ['updated', 'wouldUpdate'],
	deactivate: ['deactivated', 'wouldDeactivate'],
	delete: ['deleted', 'wouldDelete'],
	none: ['unchanged', 'unchanged'],
	alreadyDeactivated: ['alreadyDeactivated', 'alreadyDeactivated'],
	skip: ['skipped', 'skipped'],
} as const;

/** What the item reports: the `provisioning.action` of the output, real run or Dry Run. */
export function planAction(plan: Pick<UserPlan, 'outcome'>, dryRun: boolean): (typeof ACTIONS)[PlanOutcome][number] {
	return ACTIONS[plan.outcome][dryRun ? 1 : 0];
}

/** A plan that writes nothing, and why. */
export function noWrite(userType: UserType, outcome: 'none' | 'alreadyDeactivated' | 'skip', reason: string): UserPlan {
	return { outcome, steps: [], changes: {}, userType, reason };
}

/**
 * A value that stands for the ID of a person this run creates (Sync Roster: a new manager of a new
 * report). The executor puts the ID in once that create is done.
 */
export interface PlannedCreate {
	plannedCreate: string;
}

export function isPlannedCreate(value: unknown): value is PlannedCreate {
	return value !== null && typeof value === 'object' && typeof (value as PlannedCreate).plannedCreate === 'string';
}
