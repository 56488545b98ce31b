/**
 * A person's group columns as plan steps: Create or Update and Sync Roster plan the fields
 * (provisioning/plan.ts), then `withMembership` adds the membership changes to that plan. Pure:
 * the groups come resolved, requester-group members come as read (once per execution per group),
 * agents' memberships from their own record.
 */

import type { GroupRef, GroupRole, GroupStep, MembershipMode } from './groups';
import { changeKey, membershipChanges, planMembership } from './groups';
import type { CurrentUser, GroupChanges, PlanStep, UserPlan } from './steps';
import { CREATED_USER } from './steps';

/** A membership column of a row: which list, its display name, the groups it names. */
export interface MembershipColumn {
	key: 'requester_groups' | 'member_of' | 'observer_of';
	parameter: string;
	groups: GroupRef[];
}

/** What a row wants of its groups. A blank column is not here: that list is left as it is. */
export interface DesiredMembership {
	mode: MembershipMode;
	columns: MembershipColumn[];
	/** Exact Within Managed Groups: the groups (of the user type's kind) anyone may be removed from. */
	managed: GroupRef[];
	/** Display name of the Managed Groups option, for errors. */
	managedParameter: string;
}

/** Members of requester groups as read, by group ID: anything that answers `has(requesterId)`. */
export type GroupMembers = ReadonlyMap<number, { has(userId: number): boolean }>;

const ROLE: Record<MembershipColumn['key'], GroupRole> = { requester_groups: 'member', member_of: 'member', observer_of: 'observer' };

/** The requester groups whose members a plan needs: those the row names, and the managed ones. */
export function requesterGroupsNeeded(membership: DesiredMembership | undefined): number[] {
	if (!membership) return [];
	const column = membership.columns.find((entry) => entry.key === 'requester_groups');
	if (!column) return [];
	const managed = membership.mode === 'exactWithinManaged' ? membership.managed : [];
	return [...new Set([...column.groups, ...managed].filter((group) => group.type === 'requester').map((group) => group.id))];
}

/** IDs of the groups of this column the person is in now (agents: approved and pending approval). */
function currentIds(column: MembershipColumn, current: CurrentUser | undefined, userId: number, members: GroupMembers, managed: readonly GroupRef[]): Set<number> {
	if (!current || userId === CREATED_USER) return new Set();
	if (column.key === 'requester_groups') {
		if (current.userType !== 'requester') return new Set();
		const ids = [...column.groups, ...managed].map((group) => group.id);
		return new Set(ids.filter((id) => members.get(id)?.has(userId) === true));
	}
	if (current.userType !== 'agent') return new Set();
	const approved = current.record[column.key];
	const pending = current.record[`${column.key}_pending_approval`];
	return new Set([...(Array.isArray(approved) ? approved : []), ...(Array.isArray(pending) ? pending : [])].map(Number));
}

/**
 * The group changes of a set of steps, as reported: an addition to an agent group that needs
 * approval reads `pendingApproval` (what Freshservice's answer then confirms).
 */
export function plannedGroupChanges(steps: readonly PlanStep[]): GroupChanges | undefined {
	const groupSteps = steps.filter((step): step is GroupStep => step.kind === 'addToGroup' || step.kind === 'removeFromGroup');
	if (groupSteps.length === 0) return undefined;
	const changes: GroupChanges = membershipChanges(groupSteps);
	for (const [key, { added, removed }] of Object.entries(changes)) {
		if (key === changeKey('requester', 'member')) continue;
		const pending = new Set(
			groupSteps
				.filter((step) => step.kind === 'addToGroup' && step.group.restricted === true && changeKey(step.group.type, step.role) === key)
				.map((step) => step.group.name),
		);
		changes[key] = { added: added.filter((name) => !pending.has(name)), pendingApproval: [...pending], removed };
	}
	return changes;
}

/**
 * The plan with the row's membership changes added as steps after the others. A plan that writes
 * nobody (skip) gets none; a plan that only changes memberships is an update. A new agent's groups
 * go in the create body (the steps then stand for what the create carries); a new requester is
 * created, then added. Throws InvalidValueError for a rule-based requester group.
 */
export function withMembership(plan: UserPlan, membership: DesiredMembership | undefined, current: CurrentUser | undefined, members: GroupMembers): UserPlan {
	if (!membership || membership.columns.length === 0 || plan.outcome === 'skip' || plan.outcome === 'alreadyDeactivated') return plan;
	const creating = plan.steps.find((step): step is Extract<PlanStep, { kind: 'create' }> => step.kind === 'create');
	const userId = creating ? CREATED_USER : Number(current?.record.id);
	const steps: PlanStep[] = [];
	for (const column of membership.columns) {
		const kind = column.key === 'requester_groups' ? 'requester' : 'agent';
		if (kind !== (plan.userType === 'requester' ? 'requester' : 'agent')) continue;
		const managed = membership.mode === 'exactWithinManaged' ? membership.managed.filter((group) => group.type === kind) : [];
		const planned = planMembership({
			userId,
			desired: column.groups,
			current: currentIds(column, current, userId, members, managed),
			mode: membership.mode,
			managed,
			role: ROLE[column.key],
			parameters: { desired: column.parameter, managed: membership.managedParameter },
		});
		steps.push(...planned.steps);
	}
	if (steps.length === 0) return plan;
	let planSteps = plan.steps;
	if (creating && plan.userType === 'agent') {
		// A new agent's groups go in the create body, as Freshservice takes them.
		const payload = { ...creating.payload };
		for (const column of membership.columns) {
			if (column.key === 'requester_groups') continue;
			const ids = steps.filter((step) => (step as GroupStep).role === ROLE[column.key]).map((step) => (step as GroupStep).group.id);
			if (ids.length > 0) payload[column.key] = ids;
		}
		planSteps = plan.steps.map((step) => (step === creating ? { ...creating, payload } : step));
	}
	const all = [...planSteps, ...steps];
	return {
		...plan,
		outcome: plan.outcome === 'none' ? 'update' : plan.outcome,
		reason: plan.outcome === 'none' ? undefined : plan.reason,
		steps: all,
		groupChanges: plannedGroupChanges(all),
	};
}
