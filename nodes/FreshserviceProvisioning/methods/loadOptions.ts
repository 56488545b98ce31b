import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listAll } from '../transport/pagination';

async function namedOptions(
	context: ILoadOptionsFunctions,
	path: string,
	key: string,
	what: string,
): Promise<INodePropertyOptions[]> {
	const records = await listAll(context, { path, key, action: `load the ${what} list` });
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

/** Custom requester fields, by the name Freshservice keys them with in `custom_fields`. */
export async function getRequesterCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await listAll(this, {
		path: '/requester_fields',
		key: 'requester_fields',
		action: 'load the requester fields',
	});
	return fields
		.filter((field: IDataObject) => typeof field.type === 'string' && field.type.startsWith('custom_'))
		.map((field) => ({
			name: String(field.label ?? field.name),
			value: String(field.name),
			description: String(field.type).replace('custom_', ''),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
