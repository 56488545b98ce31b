/**
 * Sync Roster, matched: which Freshservice user each roster person is, and which roster rows
 * collide. Pure: the users come in as one listing pass read them (provisioning never lists), the
 * roster as the keys each row gave.
 *
 *   const directory = indexDirectory(listedUsers, { kind: 'email' });
 *   const duplicates = rosterDuplicates(rows, 'Employee ID');  // item → message naming both rows
 *   const match = matchPerson(directory, row);            // { user } | { user: undefined } | { error }
 */

import { CUSTOM_FIELD_PREFIX } from './diff';
import { CUSTOM_FIELDS_PARAMETER } from './fields';
import type { CustomFieldDefinition } from './mapping';
import { customColumnId, MATCHING_COLUMN } from './mapping';
import type { CurrentUser } from './plan';
import { InvalidValueError } from './values';

/** What identifies a person in both the roster and Freshservice. */
export type MatchField = { kind: 'email' } | { kind: 'externalId' } | { kind: 'customField'; name: string; label: string };

/** Custom fields that can identify a person: text and whole numbers (an employee number). */
export function isMatchableCustomField(definition: CustomFieldDefinition): boolean {
	return definition.kind === 'text' || definition.kind === 'number';
}

/**
 * The match field for the resource mapper's matching column: `email`, `external_id`, or a
 * custom field's column. `parameter` names the mapper in messages.
 */
export function matchFieldForColumn(column: string | undefined, customFields: readonly CustomFieldDefinition[], parameter: string): MatchField {
	if (column === undefined || column === MATCHING_COLUMN) return { kind: 'email' };
	if (column === 'external_id') return { kind: 'externalId' };
	const definition = customFields.find((candidate) => customColumnId(candidate.name) === column || CUSTOM_FIELD_PREFIX + candidate.name === column);
	if (definition && isMatchableCustomField(definition)) return { kind: 'customField', name: definition.name, label: definition.label };
	throw new InvalidValueError(
		parameter,
		`'${parameter}' matches on "${column}", which is not Email, External ID or a text or number custom field of this Freshservice: pick another column to match on`,
	);
}

/** The match field as users read it in messages: "Email", "External ID", "Employee ID". */
export function matchFieldLabel(field: MatchField): string {
	return field.kind === 'email' ? 'Email' : field.kind === 'externalId' ? 'External ID' : field.label;
}

/**
 * A match value as compared: trimmed, without case (HR exports change the case of employee
 * numbers as often as of emails, and a missed match here would read as a leaver). Undefined when
 * empty.
 */
export function normaliseMatchValue(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase();
	return text === '' ? undefined : text;
}

function primaryEmail(record: Record<string, unknown>): string | undefined {
	return normaliseMatchValue(record.primary_email ?? record.email);
}

/** Every email a user answers to: primary first, then secondary ones. */
export function emailsOf(user: CurrentUser): string[] {
	const secondary = Array.isArray(user.record.secondary_emails) ? user.record.secondary_emails : [];
	return [primaryEmail(user.record), ...secondary.map(normaliseMatchValue)].filter((email): email is string => email !== undefined);
}

/** What a Freshservice user holds in the match field, compared as roster values are. */
export function matchValueOf(user: CurrentUser, field: MatchField): string | undefined {
	switch (field.kind) {
		case 'email':
			return primaryEmail(user.record);
		case 'externalId':
			return normaliseMatchValue(user.record.external_id);
		case 'customField': {
			const custom = user.record[CUSTOM_FIELDS_PARAMETER.api];
			return custom !== null && typeof custom === 'object' ? normaliseMatchValue((custom as Record<string, unknown>)[field.name]) : undefined;
		}
	}
}

/** The listed users, indexed for matching. */
export interface UserDirectory<U extends CurrentUser = CurrentUser> {
	field: MatchField;
	users: readonly U[];
	/** Primary and secondary emails, lower-cased. */
	byEmail: ReadonlyMap<string, U>;
	/** Match values (for a field other than email); a value two users hold lists both. */
	byKey: ReadonlyMap<string, readonly U[]>;
}

/**
 * Indexes the users of one listing pass. A user listed twice (a list that shifted between pages)
 * counts once; where a primary email is also someone's secondary one, the primary wins.
 */
export function indexDirectory<U extends CurrentUser>(listed: readonly U[], field: MatchField): UserDirectory<U> {
	// One entry per ID. A record the requester listing flags as an agent, or a person in both
	// listings, counts as the agent: "agents off" must hold whichever listing came first.
	const byId = new Map<number, U>();
	for (const user of listed) {
		const id = Number(user.record.id);
		const entry = user.userType === 'requester' && user.record.is_agent === true ? ({ ...user, userType: 'agent' } as U) : user;
		const seen = byId.get(id);
		if (!seen || (seen.userType === 'requester' && entry.userType === 'agent') || (entry.userType === 'agent' && seen.record.roles === undefined && entry.record.roles !== undefined)) {
			byId.set(id, entry);
		}
	}
	const users = [...byId.values()];
	const byEmail = new Map<string, U>();
	for (const user of users) {
		emailsOf(user).slice(1).forEach((email) => byEmail.set(email, user));
	}
	for (const user of users) {
		const primary = primaryEmail(user.record);
		if (primary !== undefined) byEmail.set(primary, user);
	}
	const byKey = new Map<string, U[]>();
	if (field.kind !== 'email') {
		for (const user of users) {
			const key = matchValueOf(user, field);
			if (key === undefined) continue;
			const holders = byKey.get(key);
			if (holders) holders.push(user);
			else byKey.set(key, [user]);
		}
	}
	return { field, users, byEmail, byKey };
}

/** One roster row's identity: its email, and its match value when the match field is not email. */
export interface RosterKey {
	itemIndex: number;
	/** Lower-cased. */
	email: string;
	/** Normalised (normaliseMatchValue); only for a match field other than email. */
	key?: string;
}

function itemList(items: readonly number[]): string {
	return items.length === 2 ? `items ${items[0]} and ${items[1]}` : `items ${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Rows that name the same person twice: the same email, or the same match value (`keyLabel`
 * names the match field, when it is not email). Every such row fails, with a message naming the
 * others, since the sync cannot tell which row is right.
 */
export function rosterDuplicates(rows: readonly RosterKey[], keyLabel?: string): Map<number, string> {
	const messages = new Map<number, string>();
	const collect = (what: string, valueOf: (row: RosterKey) => string | undefined) => {
		const groups = new Map<string, number[]>();
		for (const row of rows) {
			const value = valueOf(row);
			if (value === undefined) continue;
			const group = groups.get(value);
			if (group) group.push(row.itemIndex);
			else groups.set(value, [row.itemIndex]);
		}
		for (const [value, items] of groups) {
			if (items.length < 2) continue;
			for (const item of items) {
				if (messages.has(item)) continue;
				messages.set(item, `${what} ${value} is in ${itemList(items)} of the roster: each person must appear once, so none of these rows was synced`);
			}
		}
	};
	if (keyLabel !== undefined) collect(`'${keyLabel}'`, (row) => row.key);
	collect("'Email'", (row) => row.email);
	return messages;
}

export type PersonMatch<U extends CurrentUser = CurrentUser> = { user: U | undefined } | { error: string };

function describeUser(user: CurrentUser): string {
	return `${user.userType} ${String(user.record.id)} (${primaryEmail(user.record) ?? 'no email'})`;
}

/**
 * The Freshservice user a roster row is. By email: the user with that primary or secondary email.
 * By another field: the user holding the value; failing that, the user with the email, provided
 * they hold no other value (a first sync, before the field is filled in). Undefined: nobody.
 */
export function matchPerson<U extends CurrentUser>(directory: UserDirectory<U>, row: RosterKey): PersonMatch<U> {
	const byEmail = directory.byEmail.get(row.email);
	if (directory.field.kind === 'email') return { user: byEmail };
	const label = matchFieldLabel(directory.field);
	const holders = row.key === undefined ? [] : (directory.byKey.get(row.key) ?? []);
	if (holders.length > 1) {
		return { error: `'${label}' ${row.key} is held by ${holders.length} Freshservice users (${holders.map(describeUser).join(', ')}): make it unique in Freshservice first` };
	}
	if (holders.length === 1) return { user: holders[0] };
	if (!byEmail) return { user: undefined };
	const theirs = matchValueOf(byEmail, directory.field);
	if (theirs !== undefined) {
		return {
			error: `${row.email} belongs to ${describeUser(byEmail)}, whose '${label}' is ${theirs}, not ${row.key ?? 'empty'}: correct the roster or that user`,
		};
	}
	return { user: byEmail };
}

/**
 * Every user a roster row names, by its match value or by its email: whoever it is, they are in
 * the roster, and deprovisioning must not take them for a leaver. Even a row that failed (a
 * duplicate, a bad field) names its people, as does a row whose match is ambiguous.
 */
export function usersNamedBy<U extends CurrentUser>(directory: UserDirectory<U>, row: RosterKey): U[] {
	const named = row.key === undefined ? [] : [...(directory.byKey.get(row.key) ?? [])];
	const byEmail = directory.byEmail.get(row.email);
	if (byEmail && !named.includes(byEmail)) named.push(byEmail);
	return named;
}
