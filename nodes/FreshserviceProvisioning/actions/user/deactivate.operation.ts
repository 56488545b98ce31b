import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planDeactivate } from '../../provisioning/lifecycle';
import { InvalidValueError } from '../../provisioning/values';
import type { FreshserviceSession } from '../../transport/session';
import { deactivateUser } from '../../transport/userWrites';
import { userNotFound } from './errors';
import { dryRunOption, optionsProperty, readDryRun } from './fields.description';
import { readUserReference, resolveUser, userLocator } from './locator';
import { notFoundItem, userItem } from './output';

const LOCATOR = 'User to Deactivate';

const IF_NOT_FOUND = { displayName: 'If Not Found', name: 'ifNotFound', values: ['fail', 'succeed'] } as const;

export const description: INodeProperties[] = [
	userLocator(LOCATOR, 'deactivate'),
	optionsProperty('deactivate', [
		dryRunOption,
		{
			displayName: IF_NOT_FOUND.displayName,
			name: IF_NOT_FOUND.name,
			type: 'options',
			options: [
				{ name: 'Fail', value: 'fail', description: 'The item fails with an error naming the user' },
				{
					name: 'Succeed',
					value: 'succeed',
					description:
						'Nothing is done and the item reports provisioning.action "notFound", e.g. when off-boarding someone who never had an account',
				},
			],
			default: 'fail',
			description: 'What to do when no requester or agent has this email or ID',
		},
	]),
];

function readIfNotFound(context: IExecuteFunctions, itemIndex: number): 'fail' | 'succeed' {
	const value = (context.getNodeParameter('options', itemIndex, {}) as IDataObject)[IF_NOT_FOUND.name] ?? 'fail';
	if (value !== 'fail' && value !== 'succeed') {
		throw new InvalidValueError(IF_NOT_FOUND.displayName, `'${IF_NOT_FOUND.displayName}' must be fail or succeed, not ${JSON.stringify(value)}`);
	}
	return value;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const dryRun = readDryRun(this, itemIndex);
	const ifNotFound = readIfNotFound(this, itemIndex);
	const user = await resolveUser(session, reference, itemIndex);
	if (!user) {
		if (ifNotFound === 'fail') throw userNotFound(this, reference, LOCATOR, itemIndex);
		return [
			notFoundItem(
				{ [reference.by]: reference.value },
				{ dryRun, reason: `No Freshservice user (requester or agent) has ${reference.by === 'email' ? 'this email' : 'this ID'}; nothing was done.` },
			),
		];
	}
	const plan = planDeactivate(user);
	if (plan.step === 'none') return [userItem(user, plan.outcome, { dryRun, reason: plan.reason })];
	if (dryRun) return [userItem(user, 'wouldDeactivate', { dryRun })];
	return [userItem(await deactivateUser(session, user, itemIndex), 'deactivated')];
}
