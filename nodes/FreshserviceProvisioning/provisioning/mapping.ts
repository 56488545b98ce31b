/**
 * From one person's columns (n8n's resource mapper: *Map Each Field Below* or *Map Automatically*)
 * to the desired user the planner compares. Pure: custom field definitions come in (read once
 * per execution by transport); names that need a list (departments, location, manager, groups,
 * roles) come out as references for the caller to resolve, then `withResolvedReferences`.
 *
 *   const mapped = mapDesiredUser({ userType, columns, customFields, clear, roles });
 *   // ...resolve mapped.references through transport (lists read once per execution)...
 *   const desired = withResolvedReferences(mapped, resolved);
 *   const plan = planUser(desired, current, options);
 */

import { CUSTOM_FIELD_PREFIX } from './diff';
import type { AssignmentScope, UserType } from './fields';
import { ASSIGNMENT_SCOPES, CUSTOM_FIELDS_PARAMETER, emailKey, ROLES_PARAMETER, USER_FIELDS } from './fields';
import type { NameOrId } from './names';
import { convertFieldValue } from './payload';
import { toEmailOrId, toNameOrId, toNamesOrIds } from './names';
import type { DesiredUser } from './plan';
import type { PlannedCreate } from './steps';
import type { UserPayload } from './diff';
import { describeValue as describe, InvalidValueError, isBlank, toEmail } from './values';
import type { CustomFieldDefinition } from './customFields';
import { toCustomValue, TYPE_WORD } from './customFields';
import { COLUMN_ALIASES, customColumnId, GROUP_COLUMNS, isGroupColumn, MATCHING_COLUMN, REFERENCE_FIELDS, STANDARD_BY_ID, standardColumn } from './mapperSchema';
import type { GroupColumnKey, ReferenceKey } from './mapperSchema';

// The custom-field typing and the mapper's schema live in their own files; their names are
// exported here too, for the callers that map a person.
export * from './customFields';
export * from './mapperSchema';

export type Reference =
	| { kind: 'department' | 'location' | 'group'; parameter: string; values: NameOrId[]; many: boolean }
	| { kind: 'manager'; parameter: string; value: { id: number } | { email: string } };

export interface RoleReference {
	role: NameOrId;
	assignmentScope: AssignmentScope;
	groups: NameOrId[];
}

/** Names still to turn into IDs, by body key; the caller resolves them and calls withResolvedReferences. */
export interface References {
	fields: Partial<Record<ReferenceKey, Reference>>;
	roles?: RoleReference[];
	/** Group columns (Create or Update, Sync Roster): the value as given, checked; resolved as memberships. */
	groups?: Partial<Record<GroupColumnKey, unknown>>;
}

export interface MappedUser {
	/** Everything but the references, which `withResolvedReferences` fills in. */
	desired: DesiredUser;
	references: References;
}

/** A role as the Roles parameter gives it (IDs from the list, or names from an expression). */
export interface RoleInput {
	roleId?: unknown;
	assignmentScope?: unknown;
	groupIds?: unknown;
}

export interface MappingInput {
	userType: UserType;
	/** Column id (or, when mapped automatically, input key) → value, as n8n gives it. */
	columns: Record<string, unknown>;
	/** `defineBelow`: every column must be a field; `autoMapInputData`: other input keys are ignored. */
	mappingMode: 'defineBelow' | 'autoMapInputData';
	/** The instance's custom fields for the type; needed only when a column is not a standard field. */
	customFields?: readonly CustomFieldDefinition[];
	/** Column ids to set empty (Fields to Clear). */
	clear?: readonly unknown[];
	roles?: readonly RoleInput[];
	/** Names used in messages. */
	parameters?: { columns?: string; clear?: string };
}

/** Whether mapping these columns needs the instance's custom field definitions. */
export function needsCustomFieldDefinitions(columns: Record<string, unknown>, clear: readonly unknown[] = []): boolean {
	const customColumn = (key: string) => !STANDARD_BY_ID.has(key) && !(key in COLUMN_ALIASES);
	return (
		Object.entries(columns).some(([key, value]) => customColumn(key) && !isBlank(value)) ||
		clear.some((key) => typeof key === 'string' && !STANDARD_BY_ID.has(key.trim()) && !key.startsWith(CUSTOM_FIELD_PREFIX))
	);
}

function referenceFor(key: ReferenceKey, parameter: string, value: unknown): Reference {
	const spec = REFERENCE_FIELDS[key];
	if (spec.kind === 'manager') return { kind: 'manager', parameter, value: toEmailOrId(parameter, value) };
	return spec.many
		? { kind: spec.kind, parameter, values: toNamesOrIds(parameter, value), many: true }
		: { kind: spec.kind, parameter, values: [toNameOrId(parameter, value)], many: false };
}


function roleReferences(roles: readonly RoleInput[]): RoleReference[] {
	const parameter = ROLES_PARAMETER.displayName;
	return roles.map((entry) => {
		const scope = (isBlank(entry.assignmentScope) ? 'entire_helpdesk' : entry.assignmentScope) as AssignmentScope;
		if (!ASSIGNMENT_SCOPES.includes(scope)) {
			throw new InvalidValueError(parameter, `'${parameter} → Assignment Scope' must be one of ${ASSIGNMENT_SCOPES.join(', ')}, not ${describe(entry.assignmentScope)}`);
		}
		if (isBlank(entry.roleId)) throw new InvalidValueError(parameter, `'${parameter}' has an entry without a role: pick a role or remove the entry`);
		const groups = scope === 'specified_groups' ? toNamesOrIds(`${parameter} → Groups`, entry.groupIds ?? []) : [];
		if (scope === 'specified_groups' && groups.length === 0) {
			throw new InvalidValueError(parameter, `'${parameter}': the assignment scope "specified_groups" needs at least one group`);
		}
		return { role: toNameOrId(`${parameter} → Role`, entry.roleId), assignmentScope: scope, groups };
	});
}

/**
 * Checks and converts one person's columns, before any request: the email, every standard field
 * by its kind, every custom field by its type and choices. Blank values (whitespace too) mean
 * "leave as it is" and are dropped. Throws InvalidValueError naming the column.
 */
export function mapDesiredUser(input: MappingInput): MappedUser {
	const { userType } = input;
	const columnsParameter = input.parameters?.columns ?? 'Fields';
	const clearParameter = input.parameters?.clear ?? 'Fields to Clear';
	const customByColumn = new Map((input.customFields ?? []).map((definition) => [customColumnId(definition.name), definition]));
	const columns: Record<string, unknown> = { ...input.columns };
	for (const [alias, id] of Object.entries(COLUMN_ALIASES)) {
		if (alias in columns && isBlank(columns[id])) columns[id] = columns[alias];
		delete columns[alias];
	}

	const emailField = STANDARD_BY_ID.get(MATCHING_COLUMN)!;
	const email = toEmail(emailField.displayName, columns[MATCHING_COLUMN]);
	const fields: UserPayload = { [emailKey(userType)]: email };
	const custom: Record<string, unknown> = {};
	const references: References = { fields: {} };

	for (const [id, value] of Object.entries(columns)) {
		if (id === MATCHING_COLUMN || isBlank(value)) continue;
		if (isGroupColumn(id)) {
			const column = GROUP_COLUMNS[id];
			if (column.userType !== userType) {
				if (input.mappingMode === 'autoMapInputData') continue;
				throw new InvalidValueError(column.displayName, `'${column.displayName}' applies only to ${TYPE_WORD[column.userType]}: remove it from '${columnsParameter}'`);
			}
			// Checked now (names or IDs), resolved against the group list later.
			if (toNamesOrIds(column.displayName, value).length > 0) (references.groups ??= {})[id] = value;
			continue;
		}
		const standard = STANDARD_BY_ID.get(id);
		if (standard) {
			const key = standard.api[userType];
			if (key === undefined) {
				if (input.mappingMode === 'autoMapInputData') continue;
				throw new InvalidValueError(standard.displayName, `'${standard.displayName}' applies only to ${TYPE_WORD[userType === 'agent' ? 'requester' : 'agent']}: remove it from '${columnsParameter}'`);
			}
			if (key in REFERENCE_FIELDS) references.fields[key as ReferenceKey] = referenceFor(key as ReferenceKey, standardColumn(standard).displayName, value);
			else fields[key] = convertFieldValue(standard, value);
			continue;
		}
		const definition = customByColumn.get(id);
		if (definition) {
			const converted = toCustomValue(definition, value);
			if (!isBlank(converted)) custom[definition.name] = converted;
			continue;
		}
		if (input.mappingMode === 'defineBelow') {
			throw new InvalidValueError(columnsParameter, `'${columnsParameter}' sets "${id}", which is not a field of ${TYPE_WORD[userType]} in this Freshservice: reload the fields in the editor, or remove it`);
		}
	}
	if (Object.keys(custom).length > 0) fields[CUSTOM_FIELDS_PARAMETER.api] = custom;

	const clear = clearKeys(userType, input.clear ?? [], customByColumn, clearParameter);
	for (const key of clear) {
		const setToo = key.startsWith(CUSTOM_FIELD_PREFIX) ? key.slice(CUSTOM_FIELD_PREFIX.length) in custom : key in fields || key in references.fields || key in (references.groups ?? {});
		if (setToo) throw new InvalidValueError(clearParameter, `'${clearParameter}' lists "${key}", which this item also sets: keep one of the two`);
	}

	if (input.roles && input.roles.length > 0) {
		if (userType !== 'agent') throw new InvalidValueError(ROLES_PARAMETER.displayName, `'${ROLES_PARAMETER.displayName}' apply only to agents: remove them`);
		references.roles = roleReferences(input.roles);
	}
	return { desired: { userType, email, fields, clear }, references };
}

/**
 * Fields to Clear, as body keys of the user type (`custom_fields.<name>` for custom fields).
 * The name and the email cannot be cleared; a field the type does not have is an error.
 */
export function clearKeys(
	userType: UserType,
	clear: readonly unknown[],
	customByColumn: ReadonlyMap<string, CustomFieldDefinition> = new Map(),
	parameter = 'Fields to Clear',
): string[] {
	const keys: string[] = [];
	for (const raw of clear) {
		const id = typeof raw === 'string' ? raw.trim() : '';
		const standard = STANDARD_BY_ID.get(id);
		let key: string | undefined;
		if (standard) {
			key = standard.api[userType];
			if (key === undefined) throw new InvalidValueError(parameter, `'${parameter}': '${standard.displayName}' applies only to ${TYPE_WORD[userType === 'agent' ? 'requester' : 'agent']}`);
			if (standard.parameter === 'firstName' || standard.parameter === 'email') {
				throw new InvalidValueError(parameter, `'${parameter}': Freshservice requires '${standard.displayName}', so it cannot be cleared`);
			}
		} else if (id.startsWith(CUSTOM_FIELD_PREFIX) && id.length > CUSTOM_FIELD_PREFIX.length) {
			key = id;
		} else if (customByColumn.has(id)) {
			key = CUSTOM_FIELD_PREFIX + customByColumn.get(id)!.name;
		} else {
			throw new InvalidValueError(parameter, `'${parameter}' lists ${describe(raw)}, which is not a field of ${TYPE_WORD[userType]}`);
		}
		if (!keys.includes(key)) keys.push(key);
	}
	return keys;
}

/**
 * For Create and Update, whose fields are node parameters: takes the fields that accept names
 * (departments, location, manager, groups, roles) out of the values as references, leaving the
 * rest to buildUserPayload. A field the user type cannot take stays, for buildUserPayload to refuse.
 */
export function splitReferences(
	userType: UserType,
	values: Record<string, unknown> & { roles?: { role?: RoleInput[] } },
): { values: Record<string, unknown>; references: References } {
	const rest: Record<string, unknown> = { ...values };
	const references: References = { fields: {} };
	for (const field of USER_FIELDS) {
		const key = field.api[userType];
		if (key === undefined || !(key in REFERENCE_FIELDS) || isBlank(values[field.parameter])) continue;
		references.fields[key as ReferenceKey] = referenceFor(key as ReferenceKey, field.displayName, values[field.parameter]);
		delete rest[field.parameter];
	}
	const roles = values.roles?.role ?? [];
	if (userType === 'agent' && roles.length > 0) {
		references.roles = roleReferences(roles);
		delete rest.roles;
	}
	return { values: rest, references };
}

/** The body keys and values the references resolved to, to add to a payload. */
export function resolvedPayload(resolved: ResolvedReferences): UserPayload {
	return { ...resolved.fields, ...(resolved.roles && resolved.roles.length > 0 ? { [ROLES_PARAMETER.api]: resolved.roles } : {}) };
}

/** What the resolved references hold: IDs by body key, and the roles' IDs. */
export interface ResolvedReferences {
	/** A manager this run creates stands as a PlannedCreate until the executor has their ID. */
	fields: Partial<Record<ReferenceKey, number | number[] | PlannedCreate>>;
	roles?: Array<{ role_id: number; assignment_scope: AssignmentScope; groups?: number[] }>;
}

/** The desired user with every name replaced by its ID: ready for planUser. */
export function withResolvedReferences(mapped: MappedUser, resolved: ResolvedReferences): DesiredUser {
	return { ...mapped.desired, fields: { ...mapped.desired.fields, ...resolvedPayload(resolved) } };
}
