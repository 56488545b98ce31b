import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planReactivate } from '../../provisioning/lifecycle';
import type { FreshserviceSession } from '../../transport/session';
import { reactivateUser } from '../../transport/userWrites';
import { dryRunOption, optionsProperty, readDryRun } from './fields.description';
import { readUserReference, requireUser, userLocator } from './locator';
import { userItem } from './output';

const LOCATOR = 'User to Reactivate';

export const description: INodeProperties[] = [
	userLocator(LOCATOR, 'reactivate'),
	{
		displayName:
			'Freshservice may have cleared the department, manager and location when the user was deactivated; reactivation does not bring them back. Follow with Update (or use Create or Update) to set them again.',
		name: 'reactivateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['user'], operation: ['reactivate'] } },
	},
	optionsProperty('reactivate', [dryRunOption]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const dryRun = readDryRun(this, itemIndex);
	const user = await requireUser(this, session, reference, LOCATOR, itemIndex);
	const plan = planReactivate(user);
	if (plan.step === 'none') return [userItem(user, plan.outcome, { dryRun, reason: plan.reason })];
	if (dryRun) return [userItem(user, 'wouldReactivate', { dryRun })];
	return [userItem(await reactivateUser(session, user, itemIndex), 'reactivated')];
}
