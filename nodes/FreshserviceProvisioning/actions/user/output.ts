import type { IDataObject } from 'n8n-workflow';

import type { UserType } from '../../provisioning/fields';
import type { FoundUser } from '../../transport/users';

/**
 * What the node did to a user: part of the output contract, documented in the README. Under Dry
 * Run a write is reported in its `would…` form and nothing is sent; outcomes that write nothing
 * (`unchanged`, `alreadyDeactivated`, `notFound`, `skipped`, `found`) read the same either way.
 */
export const PROVISIONING_ACTIONS = [
	'found',
	'created',
	'updated',
	'unchanged',
	'reactivated',
	'deactivated',
	'alreadyDeactivated',
	'converted',
	'deleted',
	'notFound',
	'skipped',
	'wouldCreate',
	'wouldUpdate',
	'wouldReactivate',
	'wouldDeactivate',
	'wouldConvert',
	'wouldDelete',
] as const;

export type ProvisioningAction = (typeof PROVISIONING_ACTIONS)[number];

/** A changed field: what Freshservice held, and what was (or would be) sent. */
export interface FieldChange {
	from: unknown;
	to: unknown;
}

export interface Provisioning {
	action: ProvisioningAction;
	userType: UserType;
	/** Fields written (or that would be), by API name; present on updates. */
	changes?: Record<string, FieldChange>;
	dryRun: boolean;
	/** Why nothing was written, where that is not obvious from the action. */
	reason?: string;
}

/** The user as Freshservice returned it, plus one `provisioning` object saying what was done. */
export function userItem(
	user: FoundUser,
	action: ProvisioningAction,
	details: Omit<Provisioning, 'action' | 'userType' | 'dryRun'> & { dryRun?: boolean } = {},
): IDataObject {
	// Keys in the documented order: action, userType, changes, dryRun, reason.
	const provisioning = { action, userType: user.userType } as Provisioning;
	if (details.changes) provisioning.changes = details.changes;
	provisioning.dryRun = details.dryRun ?? false;
	if (details.reason) provisioning.reason = details.reason;
	const item: IDataObject = Object.assign({}, user.record as IDataObject);
	item.provisioning = provisioning as unknown as IDataObject;
	return item;
}

/**
 * An item for a user who does not exist, where that is an outcome rather than an error (Deactivate
 * with If Not Found → Succeed): what was looked for, and `provisioning` without a user type.
 */
export function notFoundItem(lookedFor: IDataObject, details: { dryRun?: boolean; reason: string }): IDataObject {
	const provisioning: Omit<Provisioning, 'userType'> = {
		action: 'notFound',
		dryRun: details.dryRun ?? false,
		reason: details.reason,
	};
	return { ...lookedFor, provisioning } as unknown as IDataObject;
}

/**
 * As `userItem(…, 'found')` for a record that nothing else holds (fresh from a list answer): the
 * `provisioning` object is added to it in place rather than to a copy, so that listing 50,000 users
 * keeps one object per user in memory, not two.
 */
export function foundItemInPlace(record: IDataObject, userType: UserType): IDataObject {
	const provisioning: Provisioning = { action: 'found', userType, dryRun: false };
	record.provisioning = provisioning as unknown as IDataObject;
	return record;
}
