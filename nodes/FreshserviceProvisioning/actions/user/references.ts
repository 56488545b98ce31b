/**
 * Names instead of IDs, for every operation that writes a user: each list (departments,
 * locations, roles, groups) is read once per execution, each manager email looked up once.
 * Likewise the custom fields of Create and Update, typed by the instance's field list.
 */

import type { UserPayload } from '../../provisioning/diff';
import type { UserType } from '../../provisioning/fields';
import { CUSTOM_FIELDS_PARAMETER } from '../../provisioning/fields';
import type { ReferenceKey, References, ResolvedReferences } from '../../provisioning/mapping';
import { typedCustomFields } from '../../provisioning/mapping';
import type { CustomFieldInput } from '../../provisioning/payload';
import type { NamedKind, NameOrId } from '../../provisioning/names';
import { needsLookup, resolveNames } from '../../provisioning/names';
import type { PlannedCreate } from '../../provisioning/steps';
import { InvalidValueError } from '../../provisioning/values';
import { readCustomFields, readNamedList } from '../../transport/lookups';
import type { FreshserviceSession } from '../../transport/session';
import { findUserByEmail } from '../../transport/userLookups';
import { awaitPerson, managerLookupKey, personByEmail, writtenUser } from '../people';

async function idsFor(
	session: FreshserviceSession,
	parameter: string,
	kind: NamedKind,
	values: NameOrId[],
	itemIndex: number,
): Promise<number[]> {
	// IDs alone need no list: nothing is read for them.
	const records = needsLookup(values) ? await readNamedList(session, kind, itemIndex) : [];
	return resolveNames(parameter, kind, values, records);
}

/** One name or ID (a filter, say) as an ID: its list is read once per execution, and not at all for an ID. */
export async function resolveNameOrId(
	session: FreshserviceSession,
	parameter: string,
	kind: NamedKind,
	value: NameOrId,
	itemIndex: number,
): Promise<number> {
	const [id] = await idsFor(session, parameter, kind, [value], itemIndex);
	return id;
}

export interface ReferenceOptions {
	/** The person this item holds (actions/people.ts): waiting on a manager never closes a circle. */
	self?: string;
	/** Emails Sync Roster's plan creates: such a manager stands for the ID their create will give. */
	plannedCreates?: ReadonlySet<string>;
	/** Sync Roster: the item whose Options are the whole run's (0), as rosterInput.ts reads them. */
	settingsItem?: number;
}

/**
 * A manager by email, looked up once per execution (the listing, and every create or write of this
 * execution, fill the cache). Nobody found: an earlier item of this execution may be creating them
 * right now, so that item is waited for before "not found".
 */
async function managerId(session: FreshserviceSession, parameter: string, email: string, itemIndex: number, options: ReferenceOptions): Promise<number | PlannedCreate> {
	const key = managerLookupKey(email);
	let lookup = session.lookups.get(key) as Promise<number | undefined> | undefined;
	if (!lookup && options.plannedCreates?.has(email.toLowerCase())) return { plannedCreate: email.toLowerCase() };
	if (!lookup) {
		lookup = findUserByEmail(session, email, itemIndex, { fullAgentRecord: false }).then((user) => (user ? Number(user.record.id) : undefined));
		session.lookups.set(key, lookup);
		lookup.then(
			(id) => id === undefined && session.lookups.get(key) === lookup && session.lookups.delete(key),
			() => session.lookups.delete(key),
		);
	}
	const id = await lookup;
	if (id !== undefined) return id;
	await awaitPerson(session, personByEmail(email), options.self);
	const written = writtenUser(session, personByEmail(email));
	if (written) return Number(written.record.id);
	throw new InvalidValueError(parameter, `'${parameter}': no Freshservice user (requester or agent) has the email ${email}`);
}

/** Turns every name and manager email of one person into IDs. */
export async function resolveReferences(
	session: FreshserviceSession,
	references: References,
	itemIndex: number,
	options: ReferenceOptions = {},
): Promise<ResolvedReferences> {
	const resolved: ResolvedReferences = { fields: {} };
	for (const [key, reference] of Object.entries(references.fields) as Array<[ReferenceKey, NonNullable<References['fields'][ReferenceKey]>]>) {
		if (reference.kind === 'manager') {
			resolved.fields[key] = 'id' in reference.value ? reference.value.id : await managerId(session, reference.parameter, reference.value.email, itemIndex, options);
		} else {
			const ids = await idsFor(session, reference.parameter, reference.kind, reference.values, itemIndex);
			resolved.fields[key] = reference.many ? [...new Set(ids)] : ids[0];
		}
	}
	if (references.roles) {
		resolved.roles = [];
		for (const role of references.roles) {
			const [roleId] = await idsFor(session, 'Roles → Role', 'role', [role.role], itemIndex);
			const entry: NonNullable<ResolvedReferences['roles']>[number] = { role_id: roleId, assignment_scope: role.assignmentScope };
			if (role.assignmentScope === 'specified_groups') entry.groups = await idsFor(session, 'Roles → Groups', 'group', role.groups, itemIndex);
			resolved.roles.push(entry);
		}
	}
	return resolved;
}

/**
 * The Custom Fields entries (customFieldEntries) typed by the user type's custom fields, as
 * `{ custom_fields }` to add to a payload. The field list is read once per execution, and only
 * when an entry sets something.
 */
export async function customFieldsPayload(
	session: FreshserviceSession,
	userType: UserType,
	entries: readonly CustomFieldInput[],
	itemIndex: number,
): Promise<UserPayload> {
	if (entries.length === 0) return {};
	const definitions = await readCustomFields(session, userType, itemIndex);
	return { [CUSTOM_FIELDS_PARAMETER.api]: typedCustomFields(userType, entries, definitions) };
}
