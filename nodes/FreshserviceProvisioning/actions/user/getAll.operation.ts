import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, returnAllProperties } from '../limit.description';
import type { FreshserviceSession } from '../../transport/session';
import type { UserType } from '../../provisioning/fields';
import { emailKey } from '../../provisioning/fields';
import { toNameOrId } from '../../provisioning/names';
import { InvalidValueError, isBlank, toEmail, toId } from '../../provisioning/values';
import { listAll } from '../../transport/pagination';
import { USER_ENDPOINTS } from '../../transport/users';
import { userTypeProperty } from './fields.description';
import { foundItemInPlace } from './output';
import { resolveNameOrId } from './references';

const show = { resource: ['user'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	userTypeProperty('getAll', 'Which kind of users to list'),
	...returnAllProperties(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Active State',
				name: 'activeState',
				type: 'options',
				options: [
					{ name: 'Active Only', value: 'active' },
					{ name: 'Any', value: 'any' },
					{ name: 'Deactivated Only', value: 'inactive' },
				],
				default: 'any',
				description: 'Whether to list only active or only deactivated users',
			},
			{
				displayName: 'Department Name or ID',
				name: 'departmentId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDepartments' },
				default: '',
				description:
					'Only users in this department (an expression may give its name, too). Uses Freshservice search, which sees changes a few minutes late. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the user with this email',
			},
			{
				displayName: 'Location Name or ID',
				name: 'locationId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLocations' },
				default: '',
				description:
					'Only users at this location (an expression may give its name, too). Uses Freshservice search, which sees changes a few minutes late. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

interface Filters {
	activeState?: 'any' | 'active' | 'inactive';
	departmentId?: string | number;
	email?: string;
	locationId?: string | number;
}

/** The filters that take a name or an ID, and the list each name is looked up in. */
const NAMED_FILTERS = [
	{ key: 'departmentId', parameter: 'Filters → Department', kind: 'department' },
	{ key: 'locationId', parameter: 'Filters → Location', kind: 'location' },
] as const;

/** The list call's query string, and which records to keep that the API cannot filter itself. */
export function listQuery(userType: UserType, filters: Filters): { qs: IDataObject; keep?: (record: IDataObject) => boolean } {
	const email = filters.email ? toEmail('Filters → Email', filters.email) : undefined;
	const clauses: string[] = [];
	if (filters.departmentId !== undefined && filters.departmentId !== '') {
		clauses.push(`department_id:${toId('Filters → Department', filters.departmentId)}`);
	}
	if (filters.locationId !== undefined && filters.locationId !== '') {
		clauses.push(`location_id:${toId('Filters → Location', filters.locationId)}`);
	}
	const state = filters.activeState ?? 'any';
	const keepState = state === 'any' ? undefined : (record: IDataObject) => record.active === (state === 'active');
	if (clauses.length > 0) {
		if (email) {
			if (email.includes("'")) {
				throw new InvalidValueError('Filters → Email', "'Filters → Email' cannot contain a quote together with a department or location filter");
			}
			clauses.unshift(`${emailKey(userType)}:'${email}'`);
		}
		return { qs: { query: `"${clauses.join(' AND ')}"` }, keep: keepState };
	}
	const qs: IDataObject = email ? { email } : {};
	if (userType === 'agent' && state !== 'any') return { qs: { ...qs, active: state === 'active' } };
	return { qs, keep: keepState };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const userType = this.getNodeParameter('userType', itemIndex) as UserType;
	const limit = readLimit(this, itemIndex);
	const filters = { ...(this.getNodeParameter('filters', itemIndex, {}) as Filters) };
	// Checked before any request; then names become IDs (each list read once per execution).
	if (!isBlank(filters.email)) toEmail('Filters → Email', filters.email);
	const named = NAMED_FILTERS.filter(({ key }) => !isBlank(filters[key])).map((filter) => ({ ...filter, value: toNameOrId(filter.parameter, filters[filter.key]) }));
	for (const { key, parameter, kind, value } of named) filters[key] = await resolveNameOrId(session, parameter, kind, value, itemIndex);
	const { qs, keep } = listQuery(userType, filters);
	const records = await listAll(session, {
		path: USER_ENDPOINTS[userType].path,
		key: USER_ENDPOINTS[userType].many,
		qs,
		keep,
		limit,
		action: `list ${userType}s`,
		itemIndex,
	});
	return records.map((record) => foundItemInPlace(record, userType));
}
