import type { IExecuteFunctions, INodeProperties, INodeParameterResourceLocator } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { findUserByEmail, findUserById } from '../../transport/userLookups';
import { toEmail, toId } from '../../provisioning/values';
import { userNotFound } from './errors';

export const EMAIL_REGEX = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

/** The "which user" parameter, shared by every operation that acts on one user. */
export function userLocator(displayName: string, operation: string): INodeProperties {
	return {
		displayName,
		name: 'user',
		type: 'resourceLocator',
		default: { mode: 'email', value: '' },
		required: true,
		description: 'The user to act on: found by email (either type), by ID, or picked from a list',
		displayOptions: { show: { resource: ['user'], operation: [operation] } },
		modes: [
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				validation: [
					{
						type: 'regex',
						properties: { regex: EMAIL_REGEX, errorMessage: 'Not an email address' },
					},
				],
			},
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a user...',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '21000418006',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a Freshservice ID (digits only)' },
					},
				],
			},
		],
	};
}

export interface UserReference {
	by: 'email' | 'id';
	value: string | number;
	/** How the user named them, for messages. */
	label: string;
}

/** Reads and checks the locator without any request. */
export function readUserReference(context: IExecuteFunctions, itemIndex: number, displayName: string): UserReference {
	const locator = context.getNodeParameter('user', itemIndex) as INodeParameterResourceLocator;
	// The checks trim text and name whatever else an expression gave (null, an object...).
	if (locator.mode === 'email') {
		const email = toEmail(displayName, locator.value);
		return { by: 'email', value: email, label: email };
	}
	const id = toId(displayName, locator.value);
	return { by: 'id', value: id, label: `ID ${id}` };
}

export async function resolveUser(
	session: FreshserviceSession,
	reference: UserReference,
	itemIndex: number,
): Promise<FoundUser | undefined> {
	return reference.by === 'email'
		? await findUserByEmail(session, String(reference.value), itemIndex)
		: await findUserById(session, Number(reference.value), itemIndex);
}

/** The user the reference names; fails the item, naming the parameter to fix, when there is none. */
export async function requireUser(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	reference: UserReference,
	displayName: string,
	itemIndex: number,
): Promise<FoundUser> {
	const user = await resolveUser(session, reference, itemIndex);
	if (!user) throw userNotFound(context, reference, displayName, itemIndex);
	return user;
}
