import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planConvert } from '../../provisioning/plan';
import type { FreshserviceSession } from '../../transport/session';
import { runPlan } from '../executor';
import { dryRunOption, optionsProperty, readDryRun } from './fields.description';
import { readUserReference, userLocator, withRequiredUser } from './locator';

const LOCATOR = 'User to Convert';

export const description: INodeProperties[] = [
	userLocator(LOCATOR, 'convertToRequester'),
	optionsProperty('convertToRequester', [dryRunOption]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const dryRun = readDryRun(this, itemIndex);
	return await withRequiredUser(this, session, reference, LOCATOR, itemIndex, async (user) => [
		await runPlan(session, planConvert(user, 'requester'), user, { dryRun, itemIndex }),
	]);
}
