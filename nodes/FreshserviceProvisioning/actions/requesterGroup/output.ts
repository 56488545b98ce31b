import type { IDataObject } from 'n8n-workflow';

import type { MembershipChange } from '../../provisioning/groups';
import type { ProvisioningAction } from '../user/output';

/**
 * What the node did to a requester group, in the same `provisioning` object as user items (without
 * a user type): `changes.members` lists the requesters added and removed (or that would be).
 */
export interface GroupProvisioning {
	action: ProvisioningAction;
	changes?: { members: MembershipChange };
	dryRun: boolean;
	reason?: string;
}

export function groupItem(
	fields: IDataObject,
	action: ProvisioningAction,
	details: { changes?: GroupProvisioning['changes']; dryRun?: boolean; reason?: string } = {},
): IDataObject {
	const provisioning: GroupProvisioning = {
		action,
		...(details.changes ? { changes: details.changes } : {}),
		dryRun: details.dryRun ?? false,
		...(details.reason ? { reason: details.reason } : {}),
	};
	return { ...fields, provisioning } as unknown as IDataObject;
}

/** A requester group as the list answers it, with its type spelled for people. */
export function groupFields(record: IDataObject): IDataObject {
	return { ...record, id: Number(record.id), type: record.type === 'rule_based' ? 'rule_based' : 'manual' };
}
