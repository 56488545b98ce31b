import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import { userNotFound } from './errors';
import { readUserReference, resolveUser, userLocator } from './locator';
import { userItem } from './output';

const LOCATOR = 'User to Get';

export const description: INodeProperties[] = [userLocator(LOCATOR, 'get')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const user = await resolveUser(session, reference, itemIndex);
	if (!user) throw userNotFound(this, reference, LOCATOR, itemIndex);
	return [userItem(user, 'found')];
}
