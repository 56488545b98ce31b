import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planConvert } from '../../provisioning/lifecycle';
import type { FreshserviceSession } from '../../transport/session';
import { convertUser } from '../../transport/userWrites';
import { ensureIdKept } from './errors';
import { dryRunOption, optionsProperty, readDryRun } from './fields.description';
import { readUserReference, requireUser, userLocator } from './locator';
import { userItem } from './output';

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
	const user = await requireUser(this, session, reference, LOCATOR, itemIndex);
	const plan = planConvert(user, 'requester');
	if (plan.step === 'none') return [userItem(user, plan.outcome, { dryRun, reason: plan.reason })];
	if (dryRun) return [userItem(user, 'wouldConvert', { dryRun })];
	const converted = ensureIdKept(this, user, await convertUser(session, user, itemIndex), itemIndex);
	return [userItem(converted, 'converted')];
}
