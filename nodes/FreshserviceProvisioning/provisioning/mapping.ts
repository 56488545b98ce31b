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
import type { AssignmentScope, UserField, UserType } from './fields';
import { ASSIGNMENT_SCOPES, CUSTOM_FIELDS_PARAMETER, emailKey, ROLES_PARAMETER, USER_FIELDS } from './fields';
import type { NameOrId } from './names';
import { convertFieldValue } from './payload';
import { closestNames, toEmailOrId, toNameOrId, toNamesOrIds } from './names';
import type { DesiredUser } from './plan';
import type { PlannedCreate } from './steps';
import type { UserPayload } from './diff';
import { describeValue as describe, InvalidValueError, isBlank, toEmail } from './values';

// ---------------------------------------------------------------------------------------------
// Custom fields, as `requester_fields` / `agent_fields` describe them

export type CustomFieldKind = 'text' | 'number' | 'decimal' | 'checkbox' | 'dropdown' | 'date' | 'other';

export interface CustomFieldDefinition {
	/** The key in `custom_fields`. */
	name: string;
	label: string;
	kind: CustomFieldKind;
	/** Dropdown choices, as Freshservice spells them. */
	choices?: string[];
}

const CUSTOM_KINDS: Record<string, CustomFieldKind> = {
	custom_text: 'text',
	custom_paragraph: 'text',
	custom_url: 'text',
	custom_phone_number: 'text',
	custom_number: 'number',
	custom_decimal: 'decimal',
	custom_checkbox: 'checkbox',
	custom_dropdown: 'dropdown',
	custom_date: 'date',
};

function choiceText(choice: unknown): string | undefined {
	if (typeof choice === 'string' || typeof choice === 'number') return String(choice);
	if (choice !== null && typeof choice === 'object') {
		const entry = choice as Record<string, unknown>;
		const value = entry.value ?? entry.name ?? entry.label;
		return value === undefined || value === null ? undefined : String(value);
	}
	return undefined;
}

/** One entry of `GET /requester_fields` or `/agent_fields`; undefined for Freshservice's own fields. */
export function customFieldDefinition(field: Record<string, unknown>): CustomFieldDefinition | undefined {
	const type = String(field.type ?? '');
	const custom = field.default === false || field.default_field === false || type.startsWith('custom_');
	if (!custom || typeof field.name !== 'string' || field.name === '') return undefined;
	const choices = Array.isArray(field.choices)
		? field.choices.map(choiceText).filter((choice): choice is string => choice !== undefined)
		: field.choices !== null && typeof field.choices === 'object'
			? Object.keys(field.choices)
			: undefined;
	return {
		name: field.name,
		label: String(field.label ?? field.label_for_admins ?? field.name),
		kind: CUSTOM_KINDS[type] ?? 'other',
		...(choices && choices.length > 0 ? { choices } : {}),
	};
}


/**
 * A custom field's value, checked against its type and choices: the text "true" stays text in a
 * text field, a number field takes whole numbers only, a dropdown only its choices (any case).
 */
export function toCustomValue(definition: CustomFieldDefinition, value: unknown, parameter = definition.label): unknown {
	const text = typeof value === 'string' ? value.trim() : value;
	switch (definition.kind) {
		case 'text':
			if (typeof text === 'string') return text;
			if (typeof text === 'number' || typeof text === 'boolean') return String(text);
			break;
		case 'number':
			if (typeof text === 'number' && Number.isSafeInteger(text)) return text;
			if (typeof text === 'string' && /^-?\d{1,15}$/.test(text)) return Number(text);
			throw new InvalidValueError(parameter, `'${parameter}' is a number field and takes whole numbers only, not ${describe(value)}`);
		case 'decimal':
			if (typeof text === 'number' && Number.isFinite(text)) return text;
			if (typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
			throw new InvalidValueError(parameter, `'${parameter}' is a number field, and ${describe(value)} is not a number`);
		case 'checkbox':
			if (typeof text === 'boolean') return text;
			if (typeof text === 'string' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
			throw new InvalidValueError(parameter, `'${parameter}' is a checkbox and takes true or false, not ${describe(value)}`);
		case 'dropdown': {
			const wanted = typeof text === 'number' ? String(text) : text;
			const choices = definition.choices ?? [];
			if (typeof wanted === 'string') {
				const choice = choices.find((candidate) => candidate.toLowerCase() === wanted.toLowerCase());
				if (choice !== undefined) return choice;
				const closest = closestNames(wanted, choices);
				throw new InvalidValueError(
					parameter,
					`'${parameter}' must be one of its choices in Freshservice, not ${describe(value)}${closest.length > 0 ? `; the closest are ${closest.map((name) => `"${name}"`).join(', ')}` : ''}`,
				);
			}
			break;
		}
		case 'date':
			if (typeof text === 'string' && !Number.isNaN(Date.parse(text))) return text;
			throw new InvalidValueError(parameter, `'${parameter}' is a date field, and ${describe(value)} is not a date (use 2024-05-31)`);
		case 'other':
			return text;
	}
	throw new InvalidValueError(parameter, `'${parameter}' takes text, not ${describe(value)}`);
}

/**
 * Create's and Update's Custom Fields entries, typed as the mapper types its columns: each name
 * must be a custom field of the user type (its key, as the editor offers it, or its label, as an
 * expression may give it), each value fit its type and choices. Messages name 'Custom Fields → <label>'.
 */
export function typedCustomFields(
	userType: UserType,
	entries: ReadonlyArray<{ name: string; value: unknown }>,
	definitions: readonly CustomFieldDefinition[],
): Record<string, unknown> {
	const parameter = CUSTOM_FIELDS_PARAMETER.displayName;
	const typed: Record<string, unknown> = {};
	for (const { name, value } of entries) {
		const byLabel = definitions.filter((definition) => definition.label.toLowerCase() === name.toLowerCase());
		const definition = definitions.find((candidate) => candidate.name === name) ?? (byLabel.length === 1 ? byLabel[0] : undefined);
		if (!definition) {
			const closest = closestNames(name, definitions.map((candidate) => candidate.label));
			throw new InvalidValueError(
				parameter,
				`'${parameter}' sets "${name}", which is not a custom field of ${TYPE_WORD[userType]} in this Freshservice${closest.length > 0 ? `; the closest are ${closest.map((label) => `"${label}"`).join(', ')}` : ''}`,
			);
		}
		if (definition.name in typed) throw new InvalidValueError(parameter, `'${parameter}' sets "${definition.label}" twice: keep one entry per field`);
		typed[definition.name] = toCustomValue(definition, value, `${parameter} → ${definition.label}`);
	}
	return typed;
}

// ---------------------------------------------------------------------------------------------
// The fields the resource mapper offers

/** Fields that take names (or an email) and are resolved to IDs before planning. */
export const REFERENCE_FIELDS = {
	department_ids: { kind: 'department', many: true, displayName: 'Departments (Names or IDs)' },
	location_id: { kind: 'location', many: false, displayName: 'Location (Name or ID)' },
	reporting_manager_id: { kind: 'manager', many: false, displayName: 'Reporting Manager (Email or ID)' },
	member_of: { kind: 'group', many: true, displayName: 'Member of Groups (Names or IDs)' },
	observer_of: { kind: 'group', many: true, displayName: 'Observer of Groups (Names or IDs)' },
} as const;

export type ReferenceKey = keyof typeof REFERENCE_FIELDS;

/** The column a user field has in the mapper: its API name, `email` for either type's email. */
export function mapperId(field: UserField): string {
	return field.parameter === 'email' ? 'email' : (field.api.requester ?? field.api.agent)!;
}

/** The mapper's standard columns, keyed by id. */
const STANDARD_BY_ID = new Map(USER_FIELDS.map((field) => [mapperId(field), field]));

/** Input columns also read under *Map Automatically*: what Freshservice itself calls them. */
const COLUMN_ALIASES: Record<string, string> = { primary_email: 'email' };

export const MATCHING_COLUMN = 'email';

/** A resource mapper column; structurally n8n's ResourceMapperField. */
export interface MapperField {
	id: string;
	displayName: string;
	type: 'string' | 'number' | 'options' | 'dateTime';
	options?: Array<{ name: string; value: string | number | boolean }>;
	required: boolean;
	defaultMatch: boolean;
	canBeUsedToMatch: boolean;
	display: boolean;
}

/**
 * Yes/No as a choice, not n8n's boolean switch: the mapper sets every switch it shows to false,
 * which would write false over what Freshservice holds. A choice starts empty: left as it is.
 */
const YES_NO = [
	{ name: 'Yes', value: true },
	{ name: 'No', value: false },
];

function standardColumn(field: UserField): MapperField {
	const id = mapperId(field);
	const reference = REFERENCE_FIELDS[id as ReferenceKey];
	const options =
		field.kind === 'timeFormat'
			? [
					{ name: '12 Hour', value: '12h' },
					{ name: '24 Hour', value: '24h' },
				]
			: field.kind === 'boolean'
				? YES_NO
				: undefined;
	return {
		id,
		displayName: reference?.displayName ?? field.displayName.replace(/ Names or IDs$/, ' (Names or IDs)').replace(/ Name or ID$/, ' (Name or ID)'),
		type: options ? 'options' : 'string',
		...(options ? { options } : {}),
		required: id === MATCHING_COLUMN,
		defaultMatch: id === MATCHING_COLUMN,
		canBeUsedToMatch: id === MATCHING_COLUMN,
		display: true,
	};
}

/** The id a custom field has among the columns: its name, prefixed only if a standard column has it. */
export function customColumnId(name: string): string {
	return STANDARD_BY_ID.has(name) || name in COLUMN_ALIASES ? CUSTOM_FIELD_PREFIX + name : name;
}

function customColumn(definition: CustomFieldDefinition): MapperField {
	const type = { text: 'string', number: 'number', decimal: 'number', checkbox: 'options', dropdown: 'options', date: 'dateTime', other: 'string' } as const;
	const options =
		definition.kind === 'checkbox' ? YES_NO : definition.kind === 'dropdown' && definition.choices ? definition.choices.map((choice) => ({ name: choice, value: choice })) : undefined;
	return {
		id: customColumnId(definition.name),
		displayName: definition.label,
		type: definition.kind === 'dropdown' && !options ? 'string' : type[definition.kind],
		...(options ? { options } : {}),
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
	};
}

/** Every column the mapper offers for a user type: the documented writable fields, then the instance's custom fields. */
export function mapperFields(userType: UserType, customFields: readonly CustomFieldDefinition[]): MapperField[] {
	const standard = USER_FIELDS.filter((field) => field.api[userType] !== undefined).map(standardColumn);
	return [...standard, ...customFields.map(customColumn)];
}

/** Fields that may be emptied, by column id: everything but the name and the email Freshservice requires. */
export function clearableFields(userType: UserType, customFields: readonly CustomFieldDefinition[]): Array<{ id: string; displayName: string }> {
	const standard = USER_FIELDS.filter((field) => field.api[userType] !== undefined && field.kind !== 'boolean' && !['firstName', 'email'].includes(field.parameter)).map(
		(field) => ({ id: mapperId(field), displayName: standardColumn(field).displayName }),
	);
	return [...standard, ...customFields.map((field) => ({ id: CUSTOM_FIELD_PREFIX + field.name, displayName: `${field.label} (custom field)` }))];
}

// ---------------------------------------------------------------------------------------------
// One person's columns → the desired user

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

const TYPE_WORD: Record<UserType, string> = { requester: 'requesters', agent: 'agents' };

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
		const setToo = key.startsWith(CUSTOM_FIELD_PREFIX) ? key.slice(CUSTOM_FIELD_PREFIX.length) in custom : key in fields || key in references.fields;
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
