/**
 * The executor of a plan: sends its steps, in order, through the writer it is given (transport
 * functions bound to a session). No HTTP here; Dry Run simply does not call it.
 */

import type { UserPayload } from './diff';
import type { CurrentUser, UserPlan } from './plan';

/** The writes a plan may need; each answers the user as Freshservice now has them. */
export interface UserWriter {
	create(userType: CurrentUser['userType'], payload: UserPayload): Promise<
		| { status: 'created'; user: CurrentUser }
		/** The create's answer was lost and the email belongs to someone who existed before. */
		| { status: 'existing'; user: CurrentUser }
		/** Freshservice says the email is taken. */
		| { status: 'duplicate'; error: Error }
	>;
	reactivate(user: CurrentUser): Promise<CurrentUser>;
	convert(user: CurrentUser): Promise<CurrentUser>;
	update(user: CurrentUser, body: UserPayload): Promise<CurrentUser>;
}

export type ApplyResult =
	| { status: 'applied'; user: CurrentUser }
	/** A create met a user who already has the email: plan again against them. */
	| { status: 'emailTaken'; user?: CurrentUser; error?: Error };

/** Sends the plan's steps; the user returned is the last answer (or `current`, if nothing was sent). */
export async function applyPlan(plan: UserPlan, current: CurrentUser | undefined, writer: UserWriter): Promise<ApplyResult> {
	let user = current;
	for (const step of plan.steps) {
		switch (step.kind) {
			case 'create': {
				const result = await writer.create(step.userType, step.payload);
				if (result.status === 'duplicate') return { status: 'emailTaken', error: result.error };
				if (result.status === 'existing') return { status: 'emailTaken', user: result.user };
				user = result.user;
				break;
			}
			case 'reactivate':
				user = await writer.reactivate(user!);
				break;
			case 'convert':
				user = await writer.convert(user!);
				break;
			case 'update':
				user = await writer.update({ userType: step.userType, record: { ...user!.record, id: step.id } }, step.body);
				break;
		}
	}
	return { status: 'applied', user: user! };
}
