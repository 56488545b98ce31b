import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import { readUserReference, requireUser, userLocator } from './locator';
import { userItem } from './output';

const LOCATOR = 'User to Get';

export const description: INodeProperties[] = [userLocator(LOCATOR, 'get')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const user = await requireUser(this, session, reference, LOCATOR, itemIndex);
	return [userItem(user, 'found')];
}
