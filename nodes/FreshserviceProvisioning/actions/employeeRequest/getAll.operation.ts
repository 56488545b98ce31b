import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, returnAllProperties } from '../limit.description';
import type { EmployeeRequestKind } from '../../provisioning/onboardingForm';
import { REQUEST_STATUSES } from '../../provisioning/onboardingPlan';
import { InvalidValueError, isBlank } from '../../provisioning/values';
import { listEmployeeRequests } from '../../transport/onboarding';
import type { FreshserviceSession } from '../../transport/session';
import { requestItem } from './output';
import { RESOURCES } from './resources';

const STATUS = { name: 'status', displayName: 'Status' } as const;

export function description(kind: EmployeeRequestKind): INodeProperties[] {
	const show = { resource: [RESOURCES[kind]], operation: ['getAll'] };
	return [
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
					displayName: STATUS.displayName,
					name: STATUS.name,
					type: 'options',
					options: Object.entries(REQUEST_STATUSES)
						.map(([value, name]) => ({ name, value: Number(value) }))
						.sort((a, b) => a.name.localeCompare(b.name)),
					default: 3,
					description: `Only ${kind} requests in this status. Freshservice documents no filter for this list, so the node reads it and filters on its side.`,
				},
			],
		},
	];
}

export function execute(kind: EmployeeRequestKind) {
	return async function (this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
		const limit = readLimit(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const rawStatus = filters[STATUS.name];
		let status: number | undefined;
		if (!isBlank(rawStatus)) {
			status = Number(rawStatus);
			if (REQUEST_STATUSES[status] === undefined) {
				throw new InvalidValueError(`Filters → ${STATUS.displayName}`, `'Filters → ${STATUS.displayName}' must be one of ${Object.keys(REQUEST_STATUSES).join(', ')}, not ${JSON.stringify(rawStatus)}`);
			}
		}
		const keep = status === undefined ? undefined : (record: IDataObject) => Number(record.status) === status;
		const records = await listEmployeeRequests(session, kind, { limit, keep, itemIndex });
		return records.map((record) => requestItem(record, kind, 'found'));
	};
}
