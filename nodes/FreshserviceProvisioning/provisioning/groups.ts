/**
 * Group membership, planned on plain values: the groups HR data names (an array, or text separated
 * by commas; names or IDs) resolved against the group list, and one person's membership changes
 * as plan steps, under Add Only or Exact Within Managed Groups. No HTTP, no n8n.
 */

import type { NameOrId } from './names';
import { closestNames, toNamesOrIds } from './names';
import { InvalidValueError } from './values';

/** A requester group, or an agent group. */
export interface GroupRef {
	id: number;
	name: string;
	type: 'requester' | 'agent';
	/** Requester groups whose members Freshservice keeps by rules: the API cannot add or remove them. */
	ruleBased?: boolean;
	/** Agent groups where a new member waits for a group leader's approval. */
	restricted?: boolean;
}

/** Agents are a group's members or its observers. */
export type GroupRole = 'member' | 'observer';

export type MembershipMode = 'addOnly' | 'exactWithinManaged';

export const MEMBERSHIP_MODES: readonly MembershipMode[] = ['addOnly', 'exactWithinManaged'];

export interface GroupStep {
	kind: 'addToGroup' | 'removeFromGroup';
	group: GroupRef;
	role: GroupRole;
	/** The requester or agent. */
	userId: number;
	reason: string;
}

/** What `provisioning.changes` says about one membership list: group names added and removed. */
export interface MembershipChange {
	added: string[];
	removed: string[];
}

/** The `provisioning.changes` key of a membership list. */
export function changeKey(type: GroupRef['type'], role: GroupRole): 'requester_groups' | 'member_of' | 'observer_of' {
	if (type === 'requester') return 'requester_groups';
	return role === 'member' ? 'member_of' : 'observer_of';
}

const kindName = (type: GroupRef['type']) => (type === 'requester' ? 'requester group' : 'agent group');

/** An unknown group: the parameter, what was asked for, and the closest group names of that kind. */
export function unknownGroup(parameter: string, type: GroupRef['type'], wanted: NameOrId, groups: readonly GroupRef[]): InvalidValueError {
	const what = 'id' in wanted ? `with ID ${wanted.id}` : `named "${wanted.name}"`;
	const names = groups.filter((group) => group.type === type).map((group) => group.name);
	const closest = closestNames('id' in wanted ? String(wanted.id) : wanted.name, names);
	const hint = closest.length > 0 ? `; the closest are ${closest.map((name) => `"${name}"`).join(', ')}` : `; Freshservice has no ${kindName(type)}s yet`;
	return new InvalidValueError(parameter, `'${parameter}': Freshservice has no ${kindName(type)} ${what}${hint}`);
}

/**
 * The groups a value names (an array, or names/IDs separated by commas), each once, in the order
 * given. Names match without regard to case or surrounding spaces; an unknown name or ID fails,
 * naming the parameter and the closest group names.
 */
export function resolveGroups(parameter: string, type: GroupRef['type'], value: unknown, groups: readonly GroupRef[]): GroupRef[] {
	const byName = new Map<string, GroupRef>();
	const byId = new Map<number, GroupRef>();
	for (const group of groups) {
		if (group.type !== type) continue;
		const key = group.name.trim().toLowerCase();
		if (!byName.has(key)) byName.set(key, group);
		byId.set(group.id, group);
	}
	const resolved = new Map<number, GroupRef>();
	for (const wanted of toNamesOrIds(parameter, value)) {
		const group = 'id' in wanted ? byId.get(wanted.id) : byName.get(wanted.name.toLowerCase());
		if (!group) throw unknownGroup(parameter, type, wanted, groups);
		resolved.set(group.id, group);
	}
	return [...resolved.values()];
}

/** Fails, naming the parameter, when a listed requester group is rule-based: the API cannot change its members. */
export function refuseRuleBased(parameter: string, groups: readonly GroupRef[]): void {
	const ruleBased = groups.filter((group) => group.ruleBased === true);
	if (ruleBased.length === 0) return;
	const names = ruleBased.map((group) => `"${group.name}"`).join(', ');
	const are = ruleBased.length === 1 ? 'is a rule-based requester group' : 'are rule-based requester groups';
	throw new InvalidValueError(
		parameter,
		`'${parameter}': ${names} ${are}: Freshservice keeps their members by its rules, and its API cannot add or remove them`,
	);
}

export interface MembershipInput {
	userId: number;
	/** The groups the person's row names. */
	desired: readonly GroupRef[];
	/** IDs of the groups of this kind the person is in now (agents: approved, and pending approval). */
	current: ReadonlySet<number>;
	mode: MembershipMode;
	/** Exact Within Managed Groups: the only groups anyone is removed from. */
	managed?: readonly GroupRef[];
	role?: GroupRole;
	/** Parameter names for errors. */
	parameters?: { desired: string; managed: string };
}

export interface MembershipPlan {
	steps: GroupStep[];
	change: MembershipChange;
}

/**
 * One person's membership changes for one kind of group: add what the row names and the person
 * lacks; under Exact Within Managed Groups also remove the person from the managed groups the row
 * does not name. Groups outside Managed Groups are never touched. Refuses rule-based requester
 * groups before any step exists.
 */
export function planMembership(input: MembershipInput): MembershipPlan {
	const role = input.role ?? 'member';
	const parameters = input.parameters ?? { desired: 'Requester Groups', managed: 'Managed Groups' };
	refuseRuleBased(parameters.desired, input.desired);
	const managed = input.mode === 'exactWithinManaged' ? (input.managed ?? []) : [];
	refuseRuleBased(parameters.managed, managed);
	const steps: GroupStep[] = [];
	const named = new Set(input.desired.map((group) => group.id));
	for (const group of input.desired) {
		if (input.current.has(group.id)) continue;
		steps.push({ kind: 'addToGroup', group, role, userId: input.userId, reason: `the row names "${group.name}"` });
	}
	const removed = new Set<number>();
	for (const group of managed) {
		if (named.has(group.id) || !input.current.has(group.id) || removed.has(group.id)) continue;
		removed.add(group.id);
		steps.push({ kind: 'removeFromGroup', group, role, userId: input.userId, reason: `"${group.name}" is a managed group the row does not name` });
	}
	return { steps, change: changeOf(steps) };
}

/** Group names added and removed by these steps. */
export function changeOf(steps: readonly GroupStep[]): MembershipChange {
	return {
		added: steps.filter((step) => step.kind === 'addToGroup').map((step) => step.group.name),
		removed: steps.filter((step) => step.kind === 'removeFromGroup').map((step) => step.group.name),
	};
}

/** `provisioning.changes` for a set of steps: one entry per membership list that changes. */
export function membershipChanges(steps: readonly GroupStep[]): Record<string, MembershipChange> {
	const changes: Record<string, MembershipChange> = {};
	for (const step of steps) {
		const key = changeKey(step.group.type, step.role);
		if (changes[key]) continue;
		changes[key] = changeOf(steps.filter((other) => changeKey(other.group.type, other.role) === key));
	}
	return changes;
}

/**
 * An agent's `member_of` or `observer_of` after the steps: what the agent holds now (approved and
 * pending approval: Freshservice drops a pending request left out of the list), plus additions,
 * minus removals. Undefined when the steps change nothing in that list.
 */
export function agentGroupList(
	approved: readonly number[],
	pending: readonly number[],
	steps: readonly GroupStep[],
	role: GroupRole,
): number[] | undefined {
	const mine = steps.filter((step) => step.group.type === 'agent' && step.role === role);
	if (mine.length === 0) return undefined;
	const result = new Set([...approved, ...pending]);
	for (const step of mine) {
		if (step.kind === 'addToGroup') result.add(step.group.id);
		else result.delete(step.group.id);
	}
	return [...result];
}

/** One group's change for several people (Add Members / Remove Members): a step for each person whose membership differs. */
export function planGroupChange(
	group: GroupRef,
	kind: GroupStep['kind'],
	userIds: readonly number[],
	members: ReadonlySet<number>,
	parameter: string,
): GroupStep[] {
	refuseRuleBased(parameter, [group]);
	const steps: GroupStep[] = [];
	for (const userId of new Set(userIds)) {
		const isMember = members.has(userId);
		if (kind === 'addToGroup' ? isMember : !isMember) continue;
		steps.push({
			kind,
			group,
			role: 'member',
			userId,
			reason: kind === 'addToGroup' ? `not yet a member of "${group.name}"` : `a member of "${group.name}"`,
		});
	}
	return steps;
}

/** An agent-group change as reported: a group that needs approval reads `pendingApproval`, not `added`. */
export interface AgentMembershipChange extends MembershipChange {
	pendingApproval: string[];
}

/**
 * What an agent update did with agent-group steps, from Freshservice's answer: an added group the
 * answer lists under `*_pending_approval` waits for a group leader and is reported as such.
 */
export function agentGroupOutcome(
	steps: readonly GroupStep[],
	answer: { member_of_pending_approval?: unknown; observer_of_pending_approval?: unknown },
): Partial<Record<'member_of' | 'observer_of', AgentMembershipChange>> {
	const outcome: Partial<Record<'member_of' | 'observer_of', AgentMembershipChange>> = {};
	for (const role of ['member', 'observer'] as const) {
		const mine = steps.filter((step) => step.group.type === 'agent' && step.role === role);
		if (mine.length === 0) continue;
		const pendingList = answer[role === 'member' ? 'member_of_pending_approval' : 'observer_of_pending_approval'];
		const pending = new Set(Array.isArray(pendingList) ? pendingList.map(Number) : []);
		const added = mine.filter((step) => step.kind === 'addToGroup');
		outcome[role === 'member' ? 'member_of' : 'observer_of'] = {
			added: added.filter((step) => !pending.has(step.group.id)).map((step) => step.group.name),
			pendingApproval: added.filter((step) => pending.has(step.group.id)).map((step) => step.group.name),
			removed: mine.filter((step) => step.kind === 'removeFromGroup').map((step) => step.group.name),
		};
	}
	return outcome;
}
