/**
 * From the node's parameter values to the body Freshservice expects. Pure and synchronous:
 * every problem is found here, before any request.
 */

import type { AssignmentScope, UserField, UserType } from './fields';
import { ASSIGNMENT_SCOPES, CUSTOM_FIELDS_PARAMETER, ROLES_PARAMETER, USER_FIELDS } from './fields';
import {
	InvalidValueError,
	isBlank,
	requireText,
	toBoolean,
	toEmail,
	toEmailList,
	toId,
	toIdList,
	toTimeFormat,
} from './values';

export type UserPayload = Record<string, unknown>;

export interface CustomFieldEntry {
	name?: unknown;
	value?: unknown;
}

export interface RoleEntry {
	roleId?: unknown;
	assignmentScope?: unknown;
	groupIds?: unknown;
}

/** The shapes n8n gives for the two fixedCollection parameters. */
export interface StructuredValues {
	customFields?: { field?: CustomFieldEntry[] };
	roles?: { role?: RoleEntry[] };
}

export type ParameterValues = Record<string, unknown> & StructuredValues;

const USER_TYPE_LABEL: Record<UserType, string> = { requester: 'requesters', agent: 'agents' };

/** A standard field's value, checked and converted for its kind; errors name the field. */
export function convertFieldValue(field: UserField, value: unknown): unknown {
	switch (field.kind) {
		case 'email':
			return toEmail(field.displayName, value);
		case 'emailList':
			return toEmailList(field.displayName, value);
		case 'id':
			return toId(field.displayName, value);
		case 'idList':
			return toIdList(field.displayName, value);
		case 'boolean':
			return toBoolean(field.displayName, value);
		case 'timeFormat':
			return toTimeFormat(field.displayName, value);
		case 'text':
			return requireText(field.displayName, value);
	}
}

/** A Custom Fields entry that sets something: its name as given, its value not yet typed. */
export interface CustomFieldInput {
	name: string;
	value: unknown;
}

/**
 * The Custom Fields entries that set something, checked locally (a name each, once each). Their
 * values are typed against the instance's field list (mapping.ts typedCustomFields), which
 * buildUserPayload does not have: it leaves custom fields out. A blank value means "leave as it is".
 */
export function customFieldEntries(values: StructuredValues): CustomFieldInput[] {
	const parameter = CUSTOM_FIELDS_PARAMETER.displayName;
	const entries: CustomFieldInput[] = [];
	const names = new Set<string>();
	for (const entry of values.customFields?.field ?? []) {
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		if (name === '') throw new InvalidValueError(parameter, `'${parameter}' has an entry without a field name: pick a field or remove the entry`);
		if (names.has(name)) throw new InvalidValueError(parameter, `'${parameter}' sets "${name}" twice: keep one entry per field`);
		names.add(name);
		if (!isBlank(entry.value)) entries.push({ name, value: entry.value });
	}
	return entries;
}

function rolesPayload(entries: RoleEntry[]): Array<Record<string, unknown>> {
	const parameter = ROLES_PARAMETER.displayName;
	return entries.map((entry) => {
		const roleId = toId(`${parameter} → Role`, entry.roleId);
		const scope = (isBlank(entry.assignmentScope) ? 'entire_helpdesk' : entry.assignmentScope) as AssignmentScope;
		if (!ASSIGNMENT_SCOPES.includes(scope)) {
			throw new InvalidValueError(parameter, `'${parameter} → Assignment Scope' must be one of ${ASSIGNMENT_SCOPES.join(', ')}, not "${String(entry.assignmentScope)}"`);
		}
		const role: Record<string, unknown> = { role_id: roleId, assignment_scope: scope };
		if (scope === 'specified_groups') {
			const groups = isBlank(entry.groupIds) ? [] : toIdList(`${parameter} → Groups`, entry.groupIds);
			if (groups.length === 0) {
				throw new InvalidValueError(parameter, `'${parameter}': the assignment scope "specified_groups" needs at least one group`);
			}
			role.groups = groups;
		}
		return role;
	});
}

/**
 * The API body for the values the user set. Blank values are left out, never sent as null,
 * except required ones, which are an error; a field the user type cannot take is an error,
 * not silently dropped. Custom fields are not in it: their types come from the instance
 * (customFieldEntries, then typedCustomFields).
 */
export function buildUserPayload(
	userType: UserType,
	values: ParameterValues,
	options: { required?: readonly string[] } = {},
): UserPayload {
	const payload: UserPayload = {};
	for (const field of USER_FIELDS) {
		const value = values[field.parameter];
		if (isBlank(value)) {
			if (!options.required?.includes(field.parameter)) continue;
			// The converters word "empty" (or, for null, what was given) for each kind of value.
			convertFieldValue(field, value);
		}
		const key = field.api[userType];
		if (key === undefined) {
			throw new InvalidValueError(field.displayName, `'${field.displayName}' applies only to ${USER_TYPE_LABEL[userType === 'agent' ? 'requester' : 'agent']}, and this user is ${userType === 'agent' ? 'an agent' : 'a requester'}: remove it`);
		}
		payload[key] = convertFieldValue(field, value);
	}
	customFieldEntries(values);
	const roles = values.roles?.role ?? [];
	if (roles.length > 0) {
		if (userType !== 'agent') {
			throw new InvalidValueError(ROLES_PARAMETER.displayName, `'${ROLES_PARAMETER.displayName}' apply only to agents, and this user is a requester: remove them`);
		}
		payload[ROLES_PARAMETER.api] = rolesPayload(roles);
	}
	return payload;
}

const DEPARTMENT_VISIBILITY = 'can_see_all_tickets_from_associated_departments';

/**
 * Freshservice resets "can see all tickets from associated departments" to false on any update
 * that does not send it as true. Keep what the user has unless the update says otherwise.
 */
export function preserveOnUpdate(current: Record<string, unknown>, payload: UserPayload): UserPayload {
	if (current[DEPARTMENT_VISIBILITY] === true && !(DEPARTMENT_VISIBILITY in payload)) {
		return { ...payload, [DEPARTMENT_VISIBILITY]: true };
	}
	return payload;
}
