import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, returnAllProperties } from '../limit.description';
import { readRequesterGroupRecords } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';
import { groupFields, groupItem } from './output';

const show = { resource: ['requesterGroup'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllProperties(show),
];

/** Every requester group with its name and type (manual or rule_based); the list is read once per execution. */
export async function execute(this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const records = await readRequesterGroupRecords(session, itemIndex);
	return records.slice(0, limit).map((record) => groupItem(groupFields(record), 'found'));
}
