/**
 * What the lifecycle operations (deactivate, reactivate, convert) would do to a
 * user as Freshservice holds them now. Pure: the operation applies a step only where the plan has
 * one, and Dry Run reports the same plan without applying it.
 */

import type { UserType } from './fields';

export type LifecycleStep = 'deactivate' | 'reactivate' | 'convert';

/** One step to send, or none and why. */
export type LifecyclePlan = { step: LifecycleStep } | { step: 'none'; outcome: 'unchanged' | 'alreadyDeactivated'; reason: string };

interface CurrentUser {
	userType: UserType;
	record: Record<string, unknown>;
}

const AS_TYPE: Record<UserType, string> = { requester: 'a requester', agent: 'an agent' };

export function planDeactivate(current: CurrentUser): LifecyclePlan {
	if (current.record.active === false) {
		return { step: 'none', outcome: 'alreadyDeactivated', reason: 'The user was already deactivated; nothing was sent to Freshservice.' };
	}
	return { step: 'deactivate' };
}

export function planReactivate(current: CurrentUser): LifecyclePlan {
	// Only `false` counts as deactivated: an answer without the flag is no reason to write.
	if (current.record.active !== false) {
		return { step: 'none', outcome: 'unchanged', reason: 'The user is already active; nothing was sent to Freshservice.' };
	}
	return { step: 'reactivate' };
}

export function planConvert(current: CurrentUser, target: UserType): LifecyclePlan {
	if (current.userType === target) {
		return {
			step: 'none',
			outcome: 'unchanged',
			reason: `The user is already ${AS_TYPE[target]}; nothing was sent to Freshservice.`,
		};
	}
	return { step: 'convert' };
}

/** An agent role as Freshservice answers it and as the node sends it. */
export interface AgentRole {
	role_id?: unknown;
	assignment_scope?: unknown;
	groups?: unknown;
}

function roleKey(role: AgentRole): string {
	const groups = Array.isArray(role.groups) ? role.groups.map(Number).sort((a, b) => a - b) : [];
	return `${Number(role.role_id)}|${String(role.assignment_scope ?? 'entire_helpdesk')}|${groups.join(',')}`;
}

/** Whether two role lists grant the same, order and group order aside. */
export function sameRoles(current: unknown, wanted: readonly AgentRole[]): boolean {
	const have = (Array.isArray(current) ? (current as AgentRole[]) : []).map(roleKey).sort();
	const want = wanted.map(roleKey).sort();
	return have.length === want.length && have.every((key, index) => key === want[index]);
}
