import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';

/** The User Type the panel shows; requester when none is set. */
export function userTypeOf(context: ILoadOptionsFunctions): UserType {
	return context.getCurrentNodeParameter('userType') === 'agent' ? 'agent' : 'requester';
}
