/** Freshservice's two kinds of user: where each lives in the API, and a user as the node holds one. */
import type { IDataObject } from 'n8n-workflow';

import type { UserType } from '../provisioning/fields';

export const USER_ENDPOINTS: Record<
	UserType,
	{ path: string; one: string; many: string; convertsTo: UserType; convert: string; reactivate: string; forget: string }
> = {
	requester: {
		path: '/requesters',
		one: 'requester',
		many: 'requesters',
		convertsTo: 'agent',
		convert: '/convert_to_agent',
		reactivate: '/reactivate',
		forget: '/forget',
	},
	agent: {
		path: '/agents',
		one: 'agent',
		many: 'agents',
		convertsTo: 'requester',
		convert: '/convert_to_requester',
		reactivate: '/reactivate',
		forget: '/forget',
	},
};

export interface FoundUser {
	userType: UserType;
	record: IDataObject;
}

export function recordOf(body: IDataObject | undefined, userType: UserType): IDataObject {
	return (body?.[USER_ENDPOINTS[userType].one] as IDataObject | undefined) ?? {};
}
