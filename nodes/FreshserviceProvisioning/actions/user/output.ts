import type { IDataObject } from 'n8n-workflow';

import type { FoundUser } from '../../transport/users';

/** What a write did, in the item it returns: part of the node's output contract. */
export type UserAction = 'created' | 'updated' | 'deactivated' | 'unchanged';

/** The user as Freshservice returned it, with its type and, for writes, what was done. */
export function userItem(user: FoundUser, action?: UserAction, note?: string): IDataObject {
	return {
		...user.record,
		user_type: user.userType,
		...(action ? { action } : {}),
		...(note ? { note } : {}),
	};
}
