/**
 * The executor's group steps (actions/executor.ts): a requester-group step is one add or remove
 * request (an answer meaning "already a member" / "not a member" is success); a plan's agent-group
 * steps are one agent update of the agent's own `member_of` / `observer_of`, computed now from the
 * agent's latest record, never by rewriting a group's member list.
 */

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { GroupStep } from '../provisioning/groups';
import { agentGroupList, agentGroupOutcome } from '../provisioning/groups';
import type { GroupChanges } from '../provisioning/steps';
import { CREATED_USER } from '../provisioning/steps';
import type { GroupMember } from '../transport/groups';
import { addGroupMember, removeGroupMember, updateAgentGroups } from '../transport/groups';
import type { FreshserviceSession } from '../transport/session';
import type { FoundUser } from '../transport/users';
import { getUserOfType } from '../transport/userLookups';

export const isGroupStep = (step: { kind: string }): step is GroupStep => step.kind === 'addToGroup' || step.kind === 'removeFromGroup';

/** A requester as the members listing answers them, for the per-execution members cache. */
export function asMember(record: IDataObject): GroupMember {
	const { id, first_name, last_name, primary_email, email } = record;
	return { id: Number(id), first_name, last_name, email: primary_email ?? email };
}

/** The step's person: the plan's own create stands as CREATED_USER. */
export function stepUserId(step: GroupStep, user: FoundUser | undefined): number {
	return step.userId === CREATED_USER ? Number(user?.record.id) : step.userId;
}

/** One add or remove request for one requester. */
export async function runRequesterGroupStep(session: FreshserviceSession, step: GroupStep, requester: GroupMember, itemIndex: number): Promise<void> {
	if (step.kind === 'addToGroup') await addGroupMember(session, step.group, requester, itemIndex);
	else await removeGroupMember(session, step.group, requester.id, itemIndex);
}

const hasLists = (record: IDataObject) => Array.isArray(record.member_of) && Array.isArray(record.observer_of);

/**
 * An agent's `member_of` / `observer_of` after the steps, from a record that holds both lists
 * (undefined when it does not, or when the steps change neither): what an update sends.
 */
export function agentListsAfter(steps: readonly GroupStep[], record: IDataObject): { member_of?: number[]; observer_of?: number[] } | undefined {
	if (!hasLists(record)) return undefined;
	const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as unknown[]).map(Number) : []);
	const body: { member_of?: number[]; observer_of?: number[] } = {};
	const memberOf = agentGroupList(list('member_of'), list('member_of_pending_approval'), steps, 'member');
	const observerOf = agentGroupList(list('observer_of'), list('observer_of_pending_approval'), steps, 'observer');
	if (memberOf) body.member_of = memberOf;
	if (observerOf) body.observer_of = observerOf;
	return Object.keys(body).length > 0 ? body : undefined;
}

/** What an agent update that carried the lists did with the steps (added, pending approval, removed). */
export function agentGroupChanges(steps: readonly GroupStep[], answer: IDataObject): GroupChanges {
	return agentGroupOutcome(steps, answer) as GroupChanges;
}

/**
 * All of a plan's agent-group steps as one agent update: the agent's latest record (approved and
 * pending approval) plus additions minus removals. When the plan's create already carried the
 * groups, nothing more is sent: the create's answer says what is pending approval.
 */
export async function runAgentGroupSteps(
	session: FreshserviceSession,
	steps: readonly GroupStep[],
	agent: FoundUser,
	carriedByCreate: boolean,
	itemIndex: number,
): Promise<{ user: FoundUser; changes: GroupChanges }> {
	if (carriedByCreate) return { user: agent, changes: agentGroupChanges(steps, agent.record) };
	const id = Number(agent.record.id);
	// An answer without the lists (a lookup in requester shape) is read again: what is sent replaces them.
	const latest = hasLists(agent.record) ? agent : ((await getUserOfType(session, 'agent', id, itemIndex)) ?? agent);
	const body = agentListsAfter(steps, latest.record) ?? {};
	const answer = await updateAgentGroups(session, id, body, itemIndex);
	const record = Object.keys(answer).length > 0 ? answer : latest.record;
	return { user: { userType: 'agent', record }, changes: agentGroupChanges(steps, answer) };
}

/**
 * Add Members / Remove Members: one group's steps for several requesters, one request each, in
 * order. When one fails, its error says who was already changed.
 */
export async function executeGroupSteps(
	session: FreshserviceSession,
	steps: readonly GroupStep[],
	requesters: ReadonlyMap<number, GroupMember>,
	itemIndex: number,
): Promise<void> {
	const done: string[] = [];
	try {
		for (const step of steps) {
			const requester = requesters.get(step.userId)!;
			await runRequesterGroupStep(session, step, requester, itemIndex);
			done.push(String(requester.email ?? requester.id));
		}
	} catch (error) {
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(session.context.getNode(), error as Error, { itemIndex });
		if (done.length > 0) {
			const verb = steps[0].kind === 'addToGroup' ? 'added' : 'removed';
			const before = `Before this failure the node ${verb} ${done.join(', ')}; running the item again writes only what is still missing.`;
			nodeError.description = [nodeError.description, before].filter(Boolean).join(' ');
		}
		throw nodeError;
	}
}
