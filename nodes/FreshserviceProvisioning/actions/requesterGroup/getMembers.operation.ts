import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toLimit } from '../../provisioning/values';
import { listGroupMembers } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';
import { foundItemInPlace } from '../user/output';
import { groupLocator, readGroup } from './locator';

const GROUP = 'Requester Group';
const show = { resource: ['requesterGroup'], operation: ['getMembers'] };

export const description: INodeProperties[] = [
	groupLocator(GROUP, ['getMembers']),
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

/** The group's members as the members listing answers them (id, names, email), 100 a page. */
export async function execute(this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : toLimit('Limit', this.getNodeParameter('limit', itemIndex, 50));
	const group = await readGroup(this, session, itemIndex, GROUP);
	const members = await listGroupMembers(session, group.id, { limit, itemIndex });
	return members.map((member) => foundItemInPlace(member, 'requester'));
}
