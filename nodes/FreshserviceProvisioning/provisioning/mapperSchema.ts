/**
 * The columns n8n's resource mapper offers for a user type: the documented writable fields, then
 * the instance's custom fields; which may match; which may be cleared. Pure.
 */

import { CUSTOM_FIELD_PREFIX } from './diff';
import type { UserField, UserType } from './fields';
import { USER_FIELDS } from './fields';
import type { CustomFieldDefinition } from './customFields';

/** Fields that take names (or an email) and are resolved to IDs before planning. */
export const REFERENCE_FIELDS = {
	department_ids: { kind: 'department', many: true, displayName: 'Departments (Names or IDs)' },
	location_id: { kind: 'location', many: false, displayName: 'Location (Name or ID)' },
	reporting_manager_id: { kind: 'manager', many: false, displayName: 'Reporting Manager (Email or ID)' },
	member_of: { kind: 'group', many: true, displayName: 'Member of Groups (Names or IDs)' },
	observer_of: { kind: 'group', many: true, displayName: 'Observer of Groups (Names or IDs)' },
} as const;

export type ReferenceKey = keyof typeof REFERENCE_FIELDS;

/**
 * The group columns of Create or Update and Sync Roster: memberships, planned as group steps under
 * the Group Membership option (provisioning/membershipPlan.ts), not fields compared as a set.
 */
export const GROUP_COLUMNS = {
	requester_groups: { userType: 'requester', displayName: 'Requester Groups (Names or IDs)' },
	member_of: { userType: 'agent', displayName: REFERENCE_FIELDS.member_of.displayName },
	observer_of: { userType: 'agent', displayName: REFERENCE_FIELDS.observer_of.displayName },
} as const;

export type GroupColumnKey = keyof typeof GROUP_COLUMNS;

export const isGroupColumn = (id: string): id is GroupColumnKey => Object.prototype.hasOwnProperty.call(GROUP_COLUMNS, id);

/** The column a user field has in the mapper: its API name, `email` for either type's email. */
export function mapperId(field: UserField): string {
	return field.parameter === 'email' ? 'email' : (field.api.requester ?? field.api.agent)!;
}

/** The mapper's standard columns, keyed by id. */
export const STANDARD_BY_ID = new Map(USER_FIELDS.map((field) => [mapperId(field), field]));

/** Input columns also read under *Map Automatically*: what Freshservice itself calls them. */
export const COLUMN_ALIASES: Record<string, string> = { primary_email: 'email' };

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

export function standardColumn(field: UserField): MapperField {
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
	// Requesters' groups are no user field: the column comes after the fields, as agents' groups do.
	const groups: MapperField[] =
		userType === 'requester'
			? [{ id: 'requester_groups', displayName: GROUP_COLUMNS.requester_groups.displayName, type: 'string', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true }]
			: [];
	return [...standard, ...groups, ...customFields.map(customColumn)];
}

/** Fields that may be emptied, by column id: everything but the name and the email Freshservice requires. */
export function clearableFields(userType: UserType, customFields: readonly CustomFieldDefinition[]): Array<{ id: string; displayName: string }> {
	const standard = USER_FIELDS.filter((field) => field.api[userType] !== undefined && field.kind !== 'boolean' && !['firstName', 'email'].includes(field.parameter)).map(
		(field) => ({ id: mapperId(field), displayName: standardColumn(field).displayName }),
	);
	return [...standard, ...customFields.map((field) => ({ id: CUSTOM_FIELD_PREFIX + field.name, displayName: `${field.label} (custom field)` }))];
}
