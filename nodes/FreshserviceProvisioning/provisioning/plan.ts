/**
 * Plan, then apply: what Create or Update (and Sync Roster) must do to one person, worked out
 * from the desired user and the record Freshservice holds now, before anything is sent. Pure: the
 * executor (provisioning/apply.ts) sends the steps; Dry Run reports them without sending.
 *
 *   const plan = planUser(desired, current, { reactivate: true, convertUserType: false });
 *   plan.steps    // [{ kind: 'reactivate', ... }, { kind: 'update', body: { job_title: 'CTO' }, ... }]
 *   plan.changes  // { job_title: { from: 'Engineer', to: 'CTO' } }
 *
 * The whole chain, as Create or Update runs it per item (actions/user/upsert.operation.ts) and as
 * a roster operation can run it per row with records from one listing pass:
 *   1. mapDesiredUser({ userType, columns, mappingMode, customFields, clear, roles })   provisioning/mapping.ts
 *      (customFields from transport/lookups.ts readCustomFields, only if needsCustomFieldDefinitions)
 *   2. resolveReferences(session, mapped.references, itemIndex)                         actions/user/references.ts
 *      then withResolvedReferences(mapped, resolved) → DesiredUser
 *   3. current: the user with desired.email (agents in requester shape are enough unless
 *      needsFullAgentRecord(desired)), or undefined
 *   4. planUser(desired, current, options) → steps; planAction(plan, dryRun) → provisioning.action
 *   5. applyPlan(plan, current, writer) (provisioning/apply.ts); status 'emailTaken' → find the
 *      holder, plan again against them, apply again
 *
 * Create and Update plan the same way, so that their Dry Run is "plan, don't apply" too: Create is
 * planUser(desired, undefined, …), Update is planUpdate(found user, fields).
 */

import type { Diff, FieldChanges, UserPayload } from './diff';
import { CUSTOM_FIELD_PREFIX, currentValue, diffUser } from './diff';
import type { UserType } from './fields';
import { CUSTOM_FIELDS_PARAMETER, emailKey, ROLES_PARAMETER, USER_FIELDS } from './fields';
import { InvalidValueError } from './values';

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
}

/** What Freshservice holds for the email, as the lookup found it. */
export interface CurrentUser {
	userType: UserType;
	record: Record<string, unknown>;
}

export interface PlanOptions {
	/** Reactivate a deactivated user, then apply the differences (Reactivate Deactivated Users). */
	reactivate: boolean;
	/** Convert a user found as the other type before applying (Convert User Type). */
	convertUserType: boolean;
}

export type PlanStep =
	| { kind: 'create'; userType: UserType; payload: UserPayload }
	| { kind: 'reactivate'; userType: UserType; id: number }
	| { kind: 'convert'; from: UserType; to: UserType; id: number }
	| { kind: 'update'; userType: UserType; id: number; body: UserPayload; changes: FieldChanges };

/**
 * The outcome in one word: `create`, `reactivate` (then maybe update), `convert` (then maybe
 * update), `update`, `none` (nothing differs: no write at all), `skip` (a write was needed but the
 * options forbid it; `reason` says why).
 */
export type PlanOutcome = 'create' | 'reactivate' | 'convert' | 'update' | 'none' | 'skip';

export interface UserPlan {
	outcome: PlanOutcome;
	/** In order; empty for `none` and `skip`. */
	steps: PlanStep[];
	/** Every field written (or to be), `{ from, to }`; for a create, `from` is null. */
	changes: FieldChanges;
	/** The user type the person has after the plan is applied. */
	userType: UserType;
	reason?: string;
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
 * (undefined: nobody has the email). Throws InvalidValueError when the person cannot be created
 * from what was given (no first name; an agent without roles).
 */
export function planUser(desired: DesiredUser, current: CurrentUser | undefined, options: PlanOptions): UserPlan {
	if (!current) {
		const step = createStep(desired);
		return { outcome: 'create', steps: [step], changes: creationChanges((step as { payload: UserPayload }).payload), userType: desired.userType };
	}
	const id = idOf(current);
	const steps: PlanStep[] = [];
	const deactivated = isDeactivated(current.record);
	const otherType = current.userType !== desired.userType;
	if (deactivated && !options.reactivate) {
		return {
			outcome: 'skip',
			steps: [],
			changes: {},
			userType: current.userType,
			reason: `${desired.email} belongs to a deactivated ${current.userType}; 'Reactivate Deactivated Users' is off, so nothing was changed.`,
		};
	}
	if (otherType && !options.convertUserType) {
		return {
			outcome: 'skip',
			steps: [],
			changes: {},
			userType: current.userType,
			reason: `${desired.email} belongs to ${TYPE_WORD[current.userType]}, not ${TYPE_WORD[desired.userType]}; nothing was changed. Turn on 'Convert User Type' to convert them, or set 'User Type' to ${current.userType}.`,
		};
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
	const keys = [...Object.keys(desired.fields), ...desired.clear.map((key) => key.split('.')[0])];
	return keys.some((key) => key === CUSTOM_FIELDS_PARAMETER.api || !requesterShape.has(key));
}

/** What the item reports: the `provisioning.action` of the output, real run or Dry Run. */
export function planAction(plan: UserPlan, dryRun: boolean) {
	const actions = {
		create: ['created', 'wouldCreate'],
		reactivate: ['reactivated', 'wouldReactivate'],
		convert: ['converted', 'wouldConvert'],
		update: ['updated', 'wouldUpdate'],
		none: ['unchanged', 'unchanged'],
		skip: ['skipped', 'skipped'],
	} as const;
	return actions[plan.outcome][dryRun ? 1 : 0];
}
