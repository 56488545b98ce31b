import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FoundUser } from '../../transport/users';
import type { UserReference } from './locator';

export function userNotFound(
	context: IExecuteFunctions,
	reference: UserReference,
	parameter: string,
	itemIndex: number,
): NodeOperationError {
	const what = reference.by === 'email' ? `the email ${reference.label}` : reference.label;
	return new NodeOperationError(context.getNode(), `No Freshservice user (requester or agent) has ${what}`, {
		itemIndex,
		description: `Double-check the value in '${parameter}'.`,
	});
}

/**
 * Create under Dry Run: the email already belongs to someone, so a real Create would be refused
 * (Freshservice allows an email once, among requesters and agents, active or not).
 */
export function emailTaken(context: IExecuteFunctions, email: string, user: FoundUser, itemIndex: number): NodeOperationError {
	const state = user.record.active === false ? 'deactivated ' : '';
	return new NodeOperationError(context.getNode(), `The email ${email} already belongs to ${state}${user.userType} ${String(user.record.id)}: Create would be refused (Dry Run, nothing was sent)`, {
		itemIndex,
		description: 'Freshservice allows an email once, among requesters and agents, active or deactivated. Use Create or Update to change that user, or Get to see who it is.',
	});
}

/**
 * A create whose answer was lost, for an email that belongs to someone who existed before it:
 * Freshservice refused it, and the item says so rather than "created".
 */
export function emailAlreadyTaken(context: IExecuteFunctions, user: FoundUser, itemIndex: number): NodeOperationError {
	const email = String(user.record.primary_email ?? user.record.email ?? '');
	const created = typeof user.record.created_at === 'string' ? `, created ${user.record.created_at}` : '';
	return new NodeOperationError(context.getNode(), `The email ${email} already belongs to ${user.userType} ${String(user.record.id)}${created}; nothing was created`, {
		itemIndex,
		description: "Freshservice's answer to the create was lost, and a lookup found this existing user. Use Create or Update to change them, or Get to see who it is.",
	});
}
