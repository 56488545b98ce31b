import type { IDataObject } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';
import type { CustomFieldDefinition } from '../provisioning/mapping';
import { customFieldDefinition } from '../provisioning/mapping';
import type { NamedKind, NamedRecord } from '../provisioning/names';
import { listOnce } from './pagination';
import type { FreshserviceSession } from './session';

const NAMED_LISTS: Record<NamedKind, { path: string; key: string }> = {
	department: { path: '/departments', key: 'departments' },
	location: { path: '/locations', key: 'locations' },
	role: { path: '/roles', key: 'roles' },
	group: { path: '/groups', key: 'groups' },
};

/** Departments, locations, roles or groups by name: read once per execution, however many items ask. */
export async function readNamedList(session: FreshserviceSession, kind: NamedKind, itemIndex?: number): Promise<NamedRecord[]> {
	const records = await listOnce(session, { ...NAMED_LISTS[kind], action: `load the ${kind} list`, itemIndex });
	return records.map((record) => ({ id: Number(record.id), name: String(record.name ?? '') }));
}

const USER_FIELD_LISTS: Record<UserType, { path: string; key: string }> = {
	requester: { path: '/requester_fields', key: 'requester_fields' },
	agent: { path: '/agent_fields', key: 'agent_fields' },
};

/** The instance's custom fields for a user type, each with its type and choices; read once per execution. */
export async function readCustomFields(
	session: FreshserviceSession,
	userType: UserType,
	itemIndex?: number,
): Promise<CustomFieldDefinition[]> {
	const fields = await listOnce(session, { ...USER_FIELD_LISTS[userType], action: `load the ${userType} fields`, itemIndex });
	return fields.map((field: IDataObject) => customFieldDefinition(field)).filter((field): field is CustomFieldDefinition => field !== undefined);
}
