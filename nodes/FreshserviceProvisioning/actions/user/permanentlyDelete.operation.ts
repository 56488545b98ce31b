import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { emailKey } from '../../provisioning/fields';
import { InvalidValueError, isBlank, toBoolean } from '../../provisioning/values';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { forgetUser } from '../../transport/userWrites';
import { dryRunOption, optionsProperty, readDryRun } from './fields.description';
import type { UserReference } from './locator';
import { readUserReference, requireUser, userLocator } from './locator';
import { userItem } from './output';

const LOCATOR = 'User to Delete';
const CONFIRM = { displayName: 'Confirm Permanent Deletion', name: 'confirmPermanentDeletion' } as const;
const show = { resource: ['user'], operation: ['permanentlyDelete'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Permanently deletes the user AND every ticket they requested, for good: this cannot be undone. To off-board someone, use Deactivate, which keeps the user and their tickets.',
		name: 'permanentDeletionNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	userLocator(LOCATOR, 'permanentlyDelete'),
	{
		displayName: CONFIRM.displayName,
		name: CONFIRM.name,
		type: 'boolean',
		default: false,
		description:
			'Whether to really delete the user and all their tickets for good. While off, the item fails before anything is sent. An expression may set it per item. Dry Run does not need it.',
		displayOptions: { show },
	},
	optionsProperty('permanentlyDelete', [dryRunOption]),
];

function readConfirmation(context: IExecuteFunctions, itemIndex: number, reference: UserReference, dryRun: boolean): boolean {
	const value = context.getNodeParameter(CONFIRM.name, itemIndex, false);
	const confirmed = isBlank(value) ? false : toBoolean(CONFIRM.displayName, value);
	if (!confirmed && !dryRun) {
		throw new InvalidValueError(
			CONFIRM.displayName,
			`'${CONFIRM.displayName}' is off, so ${reference.label} was not deleted: turn it on to permanently delete the user and all their tickets (this cannot be undone)`,
		);
	}
	return confirmed;
}

/** What the user was: enough to say who is gone, no more personal data than that. */
function whoItWas(user: FoundUser): FoundUser {
	const { record } = user;
	const key = emailKey(user.userType);
	return { userType: user.userType, record: { id: record.id, [key]: record[key], first_name: record.first_name, last_name: record.last_name } };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const dryRun = readDryRun(this, itemIndex);
	const confirmed = readConfirmation(this, itemIndex, reference, dryRun);
	const user = await requireUser(this, session, reference, LOCATOR, itemIndex);
	if (dryRun) {
		const unconfirmed = confirmed ? '' : ` A real run also needs '${CONFIRM.displayName}' on, or it fails before anything is sent.`;
		return [
			userItem(whoItWas(user), 'wouldDelete', {
				dryRun,
				reason: `Dry run: this ${user.userType} and all the tickets they requested would be deleted for good.${unconfirmed}`,
			}),
		];
	}
	await forgetUser(session, user, itemIndex);
	return [userItem(whoItWas(user), 'deleted')];
}
