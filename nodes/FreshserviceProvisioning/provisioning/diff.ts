/**
 * Which of the fields a user set differ from what Freshservice holds, compared the way
 * Freshservice stores them: emails without case, text trimmed, lists as sets, custom fields and
 * roles by value. Pure: plain values in, plain values out.
 */

import type { FieldKind, UserType } from './fields';
import { CUSTOM_FIELDS_PARAMETER, emailKey, ROLES_PARAMETER, USER_FIELDS } from './fields';

export type UserPayload = Record<string, unknown>;

/** A changed field: what Freshservice held, and what was (or would be) sent. */
export interface FieldChange {
	from: unknown;
	to: unknown;
}

/** Changes keyed by API name; a custom field is `custom_fields.<name>`. */
export type FieldChanges = Record<string, FieldChange>;

export const CUSTOM_FIELD_PREFIX = `${CUSTOM_FIELDS_PARAMETER.api}.`;

const DEPARTMENT_VISIBILITY = 'can_see_all_tickets_from_associated_departments';

type DiffKind = FieldKind | 'roles' | 'custom';

/** How a key of one user type's body compares. */
export function kindOfKey(userType: UserType, key: string): DiffKind | undefined {
	if (key === ROLES_PARAMETER.api) return 'roles';
	if (key.startsWith(CUSTOM_FIELD_PREFIX)) return 'custom';
	return USER_FIELDS.find((field) => field.api[userType] === key)?.kind;
}

/** What the record holds under a key of `userType`'s body, whichever shape the record has. */
export function currentValue(record: Record<string, unknown>, userType: UserType, key: string): unknown {
	if (key.startsWith(CUSTOM_FIELD_PREFIX)) {
		const custom = record[CUSTOM_FIELDS_PARAMETER.api];
		const name = key.slice(CUSTOM_FIELD_PREFIX.length);
		return custom !== null && typeof custom === 'object' ? (custom as Record<string, unknown>)[name] : undefined;
	}
	// An agent answered in requester shape (the email lookup) names its email primary_email; a
	// requester about to become an agent likewise, and the other way round.
	if (key === emailKey(userType)) return record[key] ?? record.primary_email ?? record.email;
	return record[key];
}

/** Whether Freshservice would show this as empty: null, '', whitespace, an empty list. */
export function isEmptyValue(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

function sameSet(a: unknown, b: unknown, normalise: (value: unknown) => string): boolean {
	const left = new Set((Array.isArray(a) ? a : []).map(normalise));
	const right = new Set((Array.isArray(b) ? b : []).map(normalise));
	return left.size === right.size && [...left].every((value) => right.has(value));
}

function roleKey(role: unknown): string {
	const entry = (role ?? {}) as { role_id?: unknown; assignment_scope?: unknown; groups?: unknown };
	const groups = entry.assignment_scope === 'specified_groups' && Array.isArray(entry.groups) ? [...new Set(entry.groups.map(Number))].sort((a, b) => a - b) : [];
	return `${Number(entry.role_id)}|${String(entry.assignment_scope ?? 'entire_helpdesk')}|${groups.join(',')}`;
}

/** A custom field: the text "true" is not the checkbox true, but 5 and "5" are one number. */
function sameCustomValue(current: unknown, desired: unknown): boolean {
	if (isEmptyValue(current) && isEmptyValue(desired)) return true;
	if (typeof desired === 'string' && typeof current === 'string') return desired.trim() === current.trim();
	if (typeof desired === 'number') return current !== null && current !== '' && Number(current) === desired;
	return current === desired;
}

/** Whether the value Freshservice holds already is the desired one. */
export function sameValue(kind: DiffKind | undefined, current: unknown, desired: unknown): boolean {
	if (isEmptyValue(current) && isEmptyValue(desired)) return true;
	switch (kind) {
		case 'email':
			return asText(current)?.toLowerCase() === asText(desired)?.toLowerCase();
		case 'emailList':
			return sameSet(current, desired, (value) => String(value).trim().toLowerCase());
		case 'idList':
			return sameSet(current, desired, (value) => String(Number(value)));
		case 'id':
			return !isEmptyValue(current) && Number(current) === Number(desired);
		case 'boolean':
			return current === desired;
		case 'roles':
			return sameSet(current, desired, roleKey);
		case 'custom':
			return sameCustomValue(current, desired);
		default:
			return asText(current) !== undefined && asText(current) === asText(desired);
	}
}

/** The empty value a cleared field is sent as: [] for lists, null otherwise. */
export function clearedValue(userType: UserType, key: string): null | [] {
	const kind = kindOfKey(userType, key);
	return kind === 'emailList' || kind === 'idList' || kind === 'roles' ? [] : null;
}

export interface DiffInput {
	userType: UserType;
	/** The body keys the user set, with clean values (IDs resolved, emails lower-cased). */
	fields: UserPayload;
	/** Body keys (or `custom_fields.<name>`) the user asked to empty. */
	clear: readonly string[];
}

export interface Diff {
	changes: FieldChanges;
	/** What an update sends: the changed keys only (custom fields: the changed ones only). */
	body: UserPayload;
}

/**
 * The fields that differ between what the user wants and the record, and the update body that
 * makes them equal. An empty `changes` means nothing needs writing.
 */
export function diffUser(record: Record<string, unknown>, desired: DiffInput): Diff {
	const changes: FieldChanges = {};
	const body: UserPayload = {};
	const customBody: Record<string, unknown> = {};
	const wanted: Array<[string, unknown]> = [];
	for (const [key, value] of Object.entries(desired.fields)) {
		if (key === CUSTOM_FIELDS_PARAMETER.api && value !== null && typeof value === 'object') {
			for (const [name, custom] of Object.entries(value as Record<string, unknown>)) wanted.push([CUSTOM_FIELD_PREFIX + name, custom]);
		} else {
			wanted.push([key, value]);
		}
	}
	for (const key of desired.clear) wanted.push([key, clearedValue(desired.userType, key)]);

	for (const [key, value] of wanted) {
		const current = currentValue(record, desired.userType, key);
		if (sameValue(kindOfKey(desired.userType, key), current, value)) continue;
		changes[key] = { from: current ?? null, to: value };
		if (key.startsWith(CUSTOM_FIELD_PREFIX)) customBody[key.slice(CUSTOM_FIELD_PREFIX.length)] = value;
		else body[key] = value;
	}
	if (Object.keys(customBody).length > 0) body[CUSTOM_FIELDS_PARAMETER.api] = customBody;
	// Freshservice resets this to false on any update that does not send it as true.
	if (Object.keys(body).length > 0 && record[DEPARTMENT_VISIBILITY] === true && !(DEPARTMENT_VISIBILITY in body)) {
		body[DEPARTMENT_VISIBILITY] = true;
	}
	return { changes, body };
}
