import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planReactivate } from '../../provisioning/plan';
import type { FreshserviceSession } from '../../transport/session';
import { runPlan } from '../executor';
import { dryRunOption, optionsProperty, readDryRun } from './fields.description';
import { readUserReference, userLocator, withRequiredUser } from './locator';

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
	return await withRequiredUser(this, session, reference, LOCATOR, itemIndex, async (user) => [
		await runPlan(session, planReactivate(user), user, { dryRun, itemIndex }),
	]);
}
