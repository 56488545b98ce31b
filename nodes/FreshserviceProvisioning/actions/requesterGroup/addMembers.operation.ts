import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import { executeMembershipChange, membersDescription } from './members';

export const description: INodeProperties[] = membersDescription('addMembers');

export async function execute(this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
	return await executeMembershipChange(this, session, itemIndex, 'addToGroup');
}
