import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, returnAllProperties } from '../limit.description';
import { listGroupMembers } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';
import { foundItemInPlace } from '../user/output';
import { groupLocator, readGroup } from './locator';

const GROUP = 'Requester Group';
const show = { resource: ['requesterGroup'], operation: ['getMembers'] };

export const description: INodeProperties[] = [
	groupLocator(GROUP, ['getMembers']),
	...returnAllProperties(show),
];

/** The group's members as the members listing answers them (id, names, email), 100 a page. */
export async function execute(this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
	const limit = readLimit(this, itemIndex);
	const group = await readGroup(this, session, itemIndex, GROUP);
	const members = await listGroupMembers(session, group.id, { limit, itemIndex });
	return members.map((member) => foundItemInPlace(member, 'requester'));
}
