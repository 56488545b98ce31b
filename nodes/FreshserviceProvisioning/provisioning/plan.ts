/**
 * Plan, then apply: what an operation must do to one person, worked out from what it was asked
 * and the record Freshservice holds now, before anything is sent. Pure; every planner answers the
 * one plan shape of provisioning/steps.ts, which actions/executor.ts carries out.
 *
 *   planUser(desired, current, { reactivate: true, convertUserType: false })   Create or Update, Create, Sync Roster
 *   planUpdate(current, { fields, clear })                                      Update
 *   planDeactivate / planReactivate / planConvert / planDelete (current)        the lifecycle operations
 *
 * Create or Update's chain: mapDesiredUser (provisioning/mapping.ts) → resolveReferences
 * (actions/user/references.ts) → the current user (agents in requester shape are enough unless
 * needsFullAgentRecord) → planUser → executePlan; a create that meets a taken email plans again
 * against the email's holder.
 */

import type { Diff, FieldChanges, UserPayload } from './diff';
import { CUSTOM_FIELD_PREFIX, currentValue, diffUser } from './diff';
import type { UserType } from './fields';
import { CUSTOM_FIELDS_PARAMETER, emailKey, ROLES_PARAMETER, USER_FIELDS } from './fields';
import type { DesiredMembership, GroupMembers } from './membershipPlan';
import { withMembership } from './membershipPlan';
import type { CurrentUser, PlanOutcome, PlanStep, UserPlan } from './steps';
import { noWrite } from './steps';
import { InvalidValueError } from './values';

export type { CurrentUser, PlanOutcome, PlanStep, UserPlan } from './steps';
export { planAction } from './steps';

/** One person as the HR system wants them: mapped, checked, names already resolved to IDs. */
export interface DesiredUser {
	/** The type a new user is created as, and the type a found user must have. */
	userType: UserType;
	/** The matching email, trimmed and lower-cased. */
	email: string;
	/**
	 * Body keys of `userType` (`first_name`, `primary_email` or `email`, `department_ids`,
	 * `custom_fields: { name: value }`, `roles: [...]`) with clean values. A key that is absent
	 * means "leave as it is".
	 */
	fields: UserPayload;
	/** Body keys, or `custom_fields.<name>`, to set empty. Never also in `fields`. */
	clear: readonly string[];
	/** The group columns (Requester Groups; Member of / Observer of Groups), resolved. */
	groups?: DesiredMembership;
}

export interface PlanOptions {
	/** Reactivate a deactivated user, then apply the differences (Reactivate Deactivated Users). */
	reactivate: boolean;
	/** Convert a user found as the other type before applying (Convert User Type). */
	convertUserType: boolean;
}

const TYPE_WORD: Record<UserType, string> = { requester: 'a requester', agent: 'an agent' };

function isDeactivated(record: Record<string, unknown>): boolean {
	return record.active === false;
}

function idOf(current: CurrentUser): number {
	return Number(current.record.id);
}

/** The create body: every field the user set (clearing means nothing for a new user). */
function createStep(desired: DesiredUser): PlanStep {
	const label = USER_FIELDS.find((field) => field.parameter === 'firstName')!.displayName;
	if (typeof desired.fields.first_name !== 'string' || desired.fields.first_name.trim() === '') {
		throw new InvalidValueError(label, `'${label}' is empty: Freshservice needs a first name to create ${desired.email}`);
	}
	if (desired.userType === 'agent' && !(Array.isArray(desired.fields.roles) && desired.fields.roles.length > 0)) {
		throw new InvalidValueError(ROLES_PARAMETER.displayName, `'${ROLES_PARAMETER.displayName}' is empty: Freshservice needs at least one role to create the agent ${desired.email}`);
	}
	return { kind: 'create', userType: desired.userType, payload: { ...desired.fields, [emailKey(desired.userType)]: desired.email } };
}

function creationChanges(payload: UserPayload): FieldChanges {
	const changes: FieldChanges = {};
	for (const [key, value] of Object.entries(payload)) {
		if (key === CUSTOM_FIELDS_PARAMETER.api && value !== null && typeof value === 'object') {
			for (const [name, custom] of Object.entries(value as Record<string, unknown>)) changes[CUSTOM_FIELD_PREFIX + name] = { from: null, to: custom };
		} else {
			changes[key] = { from: null, to: value };
		}
	}
	return changes;
}

/**
 * A person matched on one of their secondary emails keeps their primary email: the matching
 * email says who they are, not that their login should change.
 */
function withoutMatchedSecondary(desired: DesiredUser, current: CurrentUser): DesiredUser {
	const key = emailKey(desired.userType);
	const primary = currentValue(current.record, desired.userType, key);
	const secondaries = Array.isArray(current.record.secondary_emails) ? current.record.secondary_emails : [];
	const matchedSecondary =
		typeof primary === 'string' &&
		primary.toLowerCase() !== desired.email &&
		secondaries.some((email) => String(email).toLowerCase() === desired.email);
	if (!matchedSecondary || !(key in desired.fields)) return desired;
	const fields = { ...desired.fields };
	delete fields[key];
	return { ...desired, fields };
}

/** The differences, for a found user of the desired type (or about to become it). */
function diffFor(desired: DesiredUser, current: CurrentUser): Diff {
	const matched = withoutMatchedSecondary(desired, current);
	return diffUser(current.record, { userType: desired.userType, fields: matched.fields, clear: matched.clear });
}

/**
 * The steps that make Freshservice hold `desired`. `current` is what the email lookup found
 * (undefined: nobody has the email); `members`, the requester groups' members as read, for the
 * group columns (provisioning/membershipPlan.ts). Throws InvalidValueError when the person cannot
 * be created from what was given (no first name; an agent without roles; a rule-based group).
 */
export function planUser(desired: DesiredUser, current: CurrentUser | undefined, options: PlanOptions, members: GroupMembers = new Map()): UserPlan {
	return withMembership(planFields(desired, current, options), desired.groups, current, members);
}

function planFields(desired: DesiredUser, current: CurrentUser | undefined, options: PlanOptions): UserPlan {
	if (!current) {
		const step = createStep(desired);
		return { outcome: 'create', steps: [step], changes: creationChanges((step as { payload: UserPayload }).payload), userType: desired.userType };
	}
	const id = idOf(current);
	const steps: PlanStep[] = [];
	const deactivated = isDeactivated(current.record);
	const otherType = current.userType !== desired.userType;
	if (deactivated && !options.reactivate) {
		return noWrite(current.userType, 'skip', `${desired.email} belongs to a deactivated ${current.userType}; 'Reactivate Deactivated Users' is off, so nothing was changed.`);
	}
	if (otherType && !options.convertUserType) {
		return noWrite(
			current.userType,
			'skip',
			`${desired.email} belongs to ${TYPE_WORD[current.userType]}, not ${TYPE_WORD[desired.userType]}; nothing was changed. Turn on 'Convert User Type' to convert them, or set 'User Type' to ${current.userType}.`,
		);
	}
	if (deactivated) steps.push({ kind: 'reactivate', userType: current.userType, id });
	if (otherType) steps.push({ kind: 'convert', from: current.userType, to: desired.userType, id });
	const { changes, body } = diffFor(desired, current);
	if (Object.keys(changes).length > 0) steps.push({ kind: 'update', userType: desired.userType, id, body, changes });
	const outcome: PlanOutcome = deactivated ? 'reactivate' : otherType ? 'convert' : steps.length > 0 ? 'update' : 'none';
	return { outcome, steps, changes, userType: desired.userType };
}

/**
 * The Update operation's plan: the user found (by email or ID) changed as they are, never
 * reactivated or converted; only the fields that differ are sent, and nothing when none does.
 * `desired.fields` are body keys of the user's own type.
 */
export function planUpdate(current: CurrentUser, desired: Pick<DesiredUser, 'fields' | 'clear'>): UserPlan {
	const { userType } = current;
	const { changes, body } = diffUser(current.record, { userType, fields: desired.fields, clear: desired.clear });
	if (Object.keys(changes).length === 0) return { outcome: 'none', steps: [], changes, userType };
	return { outcome: 'update', steps: [{ kind: 'update', userType, id: idOf(current), body, changes }], changes, userType };
}

/**
 * Whether comparing needs the agent's full record: the email lookup answers agents in requester
 * shape, without roles, groups or the agent's own custom fields. Everything else compares
 * against the lookup's answer, so an unchanged agent costs one request too.
 */
export function needsFullAgentRecord(desired: DesiredUser): boolean {
	const requesterShape = new Set(USER_FIELDS.filter((field) => field.api.requester !== undefined).map((field) => field.api.agent));
	const keys = [...Object.keys(desired.fields), ...desired.clear.map((key) => key.split('.')[0]), ...(desired.groups?.columns.filter((column) => column.key !== 'requester_groups').map((column) => column.key) ?? [])];
	return keys.some((key) => key === CUSTOM_FIELDS_PARAMETER.api || !requesterShape.has(key));
}


/** Deactivate: only an active user; deactivating a deactivated one is no change. */
export function planDeactivate(current: CurrentUser): UserPlan {
	if (current.record.active === false) {
		return noWrite(current.userType, 'alreadyDeactivated', 'The user was already deactivated; nothing was sent to Freshservice.');
	}
	return { outcome: 'deactivate', steps: [{ kind: 'deactivate', userType: current.userType, id: idOf(current) }], changes: {}, userType: current.userType };
}

/** Reactivate: only a user Freshservice says is deactivated (an answer without the flag is no reason to write). */
export function planReactivate(current: CurrentUser): UserPlan {
	if (current.record.active !== false) return noWrite(current.userType, 'none', 'The user is already active; nothing was sent to Freshservice.');
	return { outcome: 'reactivate', steps: [{ kind: 'reactivate', userType: current.userType, id: idOf(current) }], changes: {}, userType: current.userType };
}

/**
 * Convert to the other type. To an agent with `roles`: Freshservice's conversion gives its default
 * role (SD Agent), so an update follows, sending the roles only if they differ from what the
 * conversion gave.
 */
export function planConvert(current: CurrentUser, target: UserType, roles: readonly AgentRole[] = []): UserPlan {
	if (current.userType === target) {
		const rolesNote = roles.length > 0 && !sameRoles(current.record.roles, roles) ? ' Their roles were left as they are: change them with Update.' : '';
		return noWrite(current.userType, 'none', `The user is already ${TYPE_WORD[target]}; nothing was sent to Freshservice.${rolesNote}`);
	}
	const id = idOf(current);
	const steps: PlanStep[] = [{ kind: 'convert', from: current.userType, to: target, id }];
	const plan: UserPlan = { outcome: 'convert', steps, changes: {}, userType: target };
	if (target === 'agent') {
		const fields = roles.length > 0 ? { [ROLES_PARAMETER.api]: [...roles] } : {};
		if (roles.length > 0) {
			steps.push({ kind: 'update', userType: target, id, body: fields, changes: { roles: { from: null, to: roles } }, recompare: { fields, clear: [] } });
		}
		plan.preview = `Dry run: this requester would become an occasional agent with Freshservice's default role (SD Agent)${roles.length > 0 ? ', then get the chosen roles' : ''}.`;
	}
	return plan;
}

/** Permanently delete: the user and their tickets, for good. */
export function planDelete(current: CurrentUser): UserPlan {
	return { outcome: 'delete', steps: [{ kind: 'delete', userType: current.userType, id: idOf(current) }], changes: {}, userType: current.userType };
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
