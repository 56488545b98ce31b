import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import { deactivateUser } from '../../transport/users';
import { userNotFound } from './errors';
import { readUserReference, resolveUser, userLocator } from './locator';
import { userItem } from './output';

const LOCATOR = 'User to Deactivate';

export const description: INodeProperties[] = [userLocator(LOCATOR, 'deactivate')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const user = await resolveUser(session, reference, itemIndex);
	if (!user) throw userNotFound(this, reference, LOCATOR, itemIndex);
	if (user.record.active === false) {
		return [userItem(user, 'alreadyDeactivated', { reason: 'The user was already deactivated; nothing was sent to Freshservice.' })];
	}
	return [userItem(await deactivateUser(session, user, itemIndex), 'deactivated')];
}
