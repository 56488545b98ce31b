import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deactivateUser } from '../../transport/users';
import { userNotFound } from './errors';
import { readUserReference, resolveUser, userLocator } from './locator';
import { userItem } from './output';

const LOCATOR = 'User to Deactivate';

export const description: INodeProperties[] = [userLocator(LOCATOR, 'deactivate')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const user = await resolveUser(this, reference, itemIndex);
	if (!user) throw userNotFound(this, reference, LOCATOR, itemIndex);
	if (user.record.active === false) {
		return [userItem(user, 'unchanged', 'The user was already deactivated; nothing was sent to Freshservice.')];
	}
	return [userItem(await deactivateUser(this, user, itemIndex), 'deactivated')];
}
