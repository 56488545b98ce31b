/**
 * Running a plan for one item (provisioning/plan.ts, then provisioning/apply.ts): the writes the
 * executor sends through, bound to this execution's session, and the item that reports the plan,
 * the same for a real run and a Dry Run.
 */

import type { IDataObject } from 'n8n-workflow';

import type { UserWriter } from '../../provisioning/apply';
import type { CurrentUser, UserPlan } from '../../provisioning/plan';
import { planAction } from '../../provisioning/plan';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { convertUser, createUser, reactivateUser, updateUser } from '../../transport/userWrites';
import { userItem } from './output';

export function userWriter(session: FreshserviceSession, itemIndex: number): UserWriter {
	return {
		create: async (userType, payload) => await createUser(session, userType, payload, itemIndex),
		reactivate: async (user) => await reactivateUser(session, user as FoundUser, itemIndex),
		convert: async (user) => await convertUser(session, user as FoundUser, itemIndex),
		update: async (user, body) => await updateUser(session, user as FoundUser, body, itemIndex),
	};
}

/**
 * The item for a plan: the user as Freshservice answered (or, under Dry Run, as found; a person
 * who would be created has no record yet) and the plan's action and changes.
 */
export function planItem(user: CurrentUser, plan: UserPlan, dryRun: boolean, reason?: string): IDataObject {
	const changes = Object.keys(plan.changes).length > 0 ? plan.changes : undefined;
	return userItem(user as FoundUser, planAction(plan, dryRun), { changes, dryRun, reason: reason ?? plan.reason });
}
