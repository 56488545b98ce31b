/**
 * The one executor: carries out any plan's steps (provisioning/steps.ts) through transport/, in
 * order, the same for every operation. Dry Run does not call it: the item is built from the plan
 * alone (planItem), so its report is what a real run does by construction.
 */

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FieldChanges, UserPayload } from '../provisioning/diff';
import { diffUser } from '../provisioning/diff';
import { REFERENCE_FIELDS } from '../provisioning/mapping';
import type { GroupStep } from '../provisioning/groups';
import type { GroupChanges, PlanStep, UserPlan } from '../provisioning/steps';
import { isPlannedCreate, planAction } from '../provisioning/steps';
import { InvalidValueError } from '../provisioning/values';
import type { FreshserviceSession } from '../transport/session';
import type { FoundUser } from '../transport/users';
import { convertUser, createUser, deactivateUser, forgetUser, reactivateUser, updateUser } from '../transport/userWrites';
import { agentGroupChanges, agentListsAfter, asMember, isGroupStep, runAgentGroupSteps, runRequesterGroupStep, stepUserId } from './groupSteps';
import { rememberWritten } from './people';
import { userItem } from './user/output';

export { executeGroupSteps } from './groupSteps';

export type Executed =
	| { status: 'done'; user: FoundUser; changes: FieldChanges; groupChanges?: GroupChanges }
	/** A create met a user who already has the email (`user`, when known): plan again against them. */
	| { status: 'emailTaken'; user?: FoundUser; error?: Error };

const DONE_WORD: Record<PlanStep['kind'], string> = {
	create: 'created',
	reactivate: 'reactivated',
	convert: 'converted',
	update: 'updated',
	deactivate: 'deactivated',
	delete: 'deleted',
	addToGroup: 'added to a group',
	removeFromGroup: 'removed from a group',
};

/** The IDs of people this run created, in place of the values that stood for them. */
async function withPlannedIds(session: FreshserviceSession, body: UserPayload, changes: FieldChanges): Promise<UserPayload> {
	if (!Object.values(body).some(isPlannedCreate)) return body;
	const resolved: UserPayload = { ...body };
	for (const [key, value] of Object.entries(body)) {
		if (!isPlannedCreate(value)) continue;
		const id = await session.people.plannedCreates.get(value.plannedCreate);
		const parameter = (REFERENCE_FIELDS as Record<string, { displayName: string } | undefined>)[key]?.displayName ?? key;
		if (id === undefined) {
			throw new InvalidValueError(parameter, `'${parameter}': ${value.plannedCreate} was to be created by this sync, but was not (see that person's item), so it was not set`);
		}
		resolved[key] = id;
		if (changes[key]) changes[key] = { ...changes[key], to: id };
	}
	return resolved;
}

/** A step that failed after others were done: the message says what was done. */
function partlyDone(session: FreshserviceSession, error: unknown, done: Array<PlanStep['kind']>, user: FoundUser | undefined, failed: PlanStep, itemIndex: number): unknown {
	if (done.length === 0 || !user) return error;
	const failure = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(session.context.getNode(), error as Error, { itemIndex });
	failure.message = `The ${user.userType} ${String(user.record.id)} was ${done.map((kind) => DONE_WORD[kind]).join(' and ')}, but the ${isGroupStep(failed) ? 'group change' : failed.kind} that followed failed: ${failure.message}`;
	failure.description = [failure.description, 'What was done stays done: running this item again plans against the user as they are now'].filter(Boolean).join('. ');
	return failure;
}

/**
 * A plan's group steps at the first of them: each requester-group step, one request; all its
 * agent-group steps, one agent update (actions/groupSteps.ts).
 */
async function runGroupSteps(session: FreshserviceSession, plan: UserPlan, user: FoundUser, groupChanges: GroupChanges, itemIndex: number, agentDone: boolean): Promise<FoundUser> {
	const steps = plan.steps.filter(isGroupStep);
	for (const step of steps.filter((entry) => entry.group.type === 'requester')) {
		await runRequesterGroupStep(session, step, asMember({ ...user.record, id: stepUserId(step, user) }), itemIndex);
	}
	const agentSteps: GroupStep[] = steps.filter((entry) => entry.group.type === 'agent').map((entry) => ({ ...entry, userId: stepUserId(entry, user) }));
	if (agentSteps.length === 0 || agentDone) return user;
	const carriedByCreate = plan.steps.some((step) => step.kind === 'create');
	const agent = await runAgentGroupSteps(session, agentSteps, user, carriedByCreate, itemIndex);
	Object.assign(groupChanges, agent.changes);
	return agent.user;
}

async function runStep(session: FreshserviceSession, step: Exclude<PlanStep, GroupStep>, user: FoundUser | undefined, changes: FieldChanges, itemIndex: number): Promise<Executed> {
	switch (step.kind) {
		case 'create': {
			const created = await createUser(session, step.userType, await withPlannedIds(session, step.payload, changes), itemIndex);
			if (created.status === 'duplicate') return { status: 'emailTaken', error: created.error };
			if (created.status === 'existing') return { status: 'emailTaken', user: created.user };
			return { status: 'done', user: created.user, changes };
		}
		case 'reactivate':
			return { status: 'done', user: await reactivateUser(session, user!, itemIndex), changes };
		case 'convert': {
			const converted = await convertUser(session, user!, itemIndex);
			if (String(converted.record.id) !== String(step.id)) {
				throw new NodeOperationError(session.context.getNode(), `Freshservice converted the ${step.from} ${step.id} but answered with the ID ${String(converted.record.id)}`, {
					itemIndex,
					description: 'Check the user in Freshservice before running this item again.',
				});
			}
			return { status: 'done', user: converted, changes };
		}
		case 'update': {
			let body = step.body;
			const recompared = step.recompare ? diffUser(user!.record, { userType: step.userType, ...step.recompare }) : undefined;
			if (recompared) {
				for (const key of Object.keys(step.changes)) delete changes[key];
				if (Object.keys(recompared.changes).length === 0) return { status: 'done', user: user!, changes };
				Object.assign(changes, recompared.changes);
				body = recompared.body;
			}
			body = await withPlannedIds(session, body, changes);
			const updated = await updateUser(session, { userType: step.userType, record: { ...user!.record, id: step.id } }, body, itemIndex);
			// What Freshservice made of what was sent (it may add defaults, e.g. a role's groups).
			for (const key of Object.keys(recompared?.changes ?? {})) if (updated.record[key] !== undefined) changes[key] = { ...changes[key], to: updated.record[key] };
			return { status: 'done', user: updated, changes };
		}
		case 'deactivate':
			return { status: 'done', user: await deactivateUser(session, user!, itemIndex), changes };
		case 'delete':
			await forgetUser(session, user!, itemIndex);
			return { status: 'done', user: user!, changes };
	}
}

/** Sends the plan's steps; the user returned is the last answer (or `current`, if nothing was sent). */
export async function executePlan(session: FreshserviceSession, plan: UserPlan, current: FoundUser | undefined, itemIndex: number): Promise<Executed> {
	let user = current;
	const changes: FieldChanges = { ...plan.changes };
	const groupChanges: GroupChanges = { ...plan.groupChanges };
	const done: Array<PlanStep['kind']> = [];
	const agentGroupSteps = plan.steps.filter((step): step is GroupStep => isGroupStep(step) && step.group.type === 'agent');
	/** Whether an agent update of the plan already carried its group lists. */
	let agentGroupsSent = false;
	for (let step of plan.steps) {
		if (isGroupStep(step)) {
			// Every group step runs at the first one: the agent's in one update.
			if (done.some((kind) => kind === 'addToGroup' || kind === 'removeFromGroup')) continue;
			let after: FoundUser;
			try {
				after = await runGroupSteps(session, plan, user!, groupChanges, itemIndex, agentGroupsSent);
			} catch (error) {
				throw partlyDone(session, error, done, user, step, itemIndex);
			}
			// An agent's update answered their new lists: later items for them start from it.
			if (after !== user) rememberWritten(session, after);
			user = after;
			done.push(step.kind);
			continue;
		}
		// An agent whose fields and groups both change: one update carries both, the lists worked
		// out from the agent's record as it is now (a conversion's answer is compared again first).
		const lists = step.kind === 'update' && step.userType === 'agent' && !step.recompare && agentGroupSteps.length > 0 && user ? agentListsAfter(agentGroupSteps, user.record) : undefined;
		if (step.kind === 'update' && lists) step = { ...step, body: { ...step.body, ...lists } };
		let result: Executed;
		try {
			result = await runStep(session, step, user, changes, itemIndex);
		} catch (error) {
			throw partlyDone(session, error, done, user, step, itemIndex);
		}
		if (result.status !== 'done') return result;
		if (lists) {
			Object.assign(groupChanges, agentGroupChanges(agentGroupSteps, result.user.record));
			agentGroupsSent = true;
		}
		user = result.user;
		done.push(step.kind);
		rememberWritten(session, user, step.kind === 'delete');
	}
	return { status: 'done', user: user!, changes, ...(plan.groupChanges ? { groupChanges } : {}) };
}

/**
 * The item for a plan: the user as Freshservice answered (under Dry Run: as found; a person who
 * would be created has no record yet), the plan's action, changes and reason.
 */
export function planItem(
	user: FoundUser | undefined,
	plan: UserPlan,
	dryRun: boolean,
	details: { changes?: FieldChanges; groupChanges?: GroupChanges; reason?: string } = {},
): IDataObject {
	const changes = { ...(details.changes ?? plan.changes), ...(details.groupChanges ?? plan.groupChanges) } as FieldChanges;
	return userItem(user ?? { userType: plan.userType, record: {} }, planAction(plan, dryRun), {
		changes: Object.keys(changes).length > 0 ? changes : undefined,
		dryRun,
		reason: details.reason ?? plan.reason ?? (dryRun ? plan.preview : undefined),
	});
}

/**
 * Dry Run: the plan as an item. A real run: the plan executed, then the item. For plans that
 * create nobody (a create may meet a taken email, which its operation handles).
 */
export async function runPlan(session: FreshserviceSession, plan: UserPlan, current: FoundUser, options: { dryRun: boolean; itemIndex: number }): Promise<IDataObject> {
	if (options.dryRun) return planItem(current, plan, true);
	const executed = await executePlan(session, plan, current, options.itemIndex);
	if (executed.status !== 'done') throw executed.error ?? new Error('Freshservice answered that the email is taken');
	return planItem(executed.user, plan, false, { changes: executed.changes, groupChanges: executed.groupChanges });
}
