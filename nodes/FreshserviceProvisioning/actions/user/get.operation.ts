import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import { readUserReference, withRequiredUser, userLocator } from './locator';
import { userItem } from './output';

const LOCATOR = 'User to Get';

export const description: INodeProperties[] = [userLocator(LOCATOR, 'get')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	return await withRequiredUser(this, session, reference, LOCATOR, itemIndex, async (user) => [userItem(user, 'found')]);
}
