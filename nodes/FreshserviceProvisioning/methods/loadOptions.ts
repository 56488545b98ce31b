import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { clearableFields } from '../provisioning/mapping';
import { readAgentGroups, readRequesterGroups } from '../transport/groups';
import { readCustomFields } from '../transport/lookups';
import { listAll } from '../transport/pagination';
import { createSession } from '../transport/session';
import { userTypeOf } from './userType';

async function namedOptions(
	context: ILoadOptionsFunctions,
	path: string,
	key: string,
	what: string,
): Promise<INodePropertyOptions[]> {
	const records = await listAll(createSession(context), { path, key, action: `load the ${what} list` });
	return records
		.map((record) => ({ name: String(record.name ?? record.id), value: Number(record.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedOptions(this, '/departments', 'departments', 'department');
}

export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedOptions(this, '/locations', 'locations', 'location');
}

export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedOptions(this, '/roles', 'roles', 'role');
}

export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedOptions(this, '/groups', 'groups', 'group');
}

/**
 * Managed Groups: requester groups for requesters (rule-based ones left out: their members cannot
 * change through the API), agent groups for agents.
 */
export async function getManagedGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = createSession(this);
	const groups = userTypeOf(this) === 'requester' ? (await readRequesterGroups(session)).filter((group) => group.ruleBased !== true) : await readAgentGroups(session);
	return groups.map((group) => ({ name: group.name, value: group.id })).sort((a, b) => a.name.localeCompare(b.name));
}

const CUSTOM_FIELD_SOURCES = {
	requester: { path: '/requester_fields', key: 'requester_fields' },
	agent: { path: '/agent_fields', key: 'agent_fields' },
} as const;

function isCustomField(field: IDataObject): boolean {
	return field.default === false || field.default_field === false || String(field.type ?? '').startsWith('custom_');
}

/**
 * Custom fields, by the name Freshservice keys them with in `custom_fields`: the user type's own
 * on Create; on Update, where the type is known only once the user is found, both, labelled.
 */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const userType = this.getCurrentNodeParameter('userType') as keyof typeof CUSTOM_FIELD_SOURCES | undefined;
	const types = userType && userType in CUSTOM_FIELD_SOURCES ? [userType] : (['requester', 'agent'] as const);
	// One option per field name; a name both types have is one field to the user.
	const byName = new Map<string, { label: string; type: string; userTypes: string[] }>();
	const session = createSession(this);
	for (const userType of types) {
		const fields = await listAll(session, { ...CUSTOM_FIELD_SOURCES[userType], action: `load the ${userType} fields` });
		for (const field of fields.filter(isCustomField)) {
			const name = String(field.name);
			const entry = byName.get(name) ?? {
				label: String(field.label ?? field.label_for_admins ?? name),
				type: String(field.type ?? '').replace('custom_', ''),
				userTypes: [],
			};
			entry.userTypes.push(`${userType}s`);
			byName.set(name, entry);
		}
	}
	return [...byName.entries()]
		.map(([value, { label, type, userTypes }]) => ({
			name: types.length > 1 ? `${label} (${userTypes.join(', ')})` : label,
			value,
			description: type,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Fields to Clear: every field that may be emptied for the chosen user type, custom fields
 * included; on Update, where the type is known only once the user is found, both types' fields.
 */
export async function getClearableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const types = this.getCurrentNodeParameter('userType') === undefined ? (['requester', 'agent'] as const) : [userTypeOf(this)];
	const session = createSession(this);
	const byId = new Map<string, string>();
	for (const userType of types) {
		for (const field of clearableFields(userType, await readCustomFields(session, userType))) {
			if (!byId.has(field.id)) byId.set(field.id, field.displayName);
		}
	}
	return [...byId.entries()].map(([value, name]) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name));
}
