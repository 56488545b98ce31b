import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toLimit } from '../../provisioning/values';
import { readRequesterGroupRecords } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';
import { groupFields, groupItem } from './output';

const show = { resource: ['requesterGroup'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];

/** Every requester group with its name and type (manual or rule_based); the list is read once per execution. */
export async function execute(this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : toLimit('Limit', this.getNodeParameter('limit', itemIndex, 50));
	const records = await readRequesterGroupRecords(session, itemIndex);
	return records.slice(0, limit).map((record) => groupItem(groupFields(record), 'found'));
}
