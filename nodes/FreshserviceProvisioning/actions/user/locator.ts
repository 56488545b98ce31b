import type { IExecuteFunctions, INodeProperties, INodeParameterResourceLocator } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { findUserByEmail, findUserById } from '../../transport/userLookups';
import { toEmail, toId } from '../../provisioning/values';
import { personByEmail, personById, withPeople, writtenUser } from '../people';
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

async function lookUp(session: FreshserviceSession, reference: UserReference, itemIndex: number): Promise<FoundUser | undefined> {
	return reference.by === 'email'
		? await findUserByEmail(session, String(reference.value), itemIndex)
		: await findUserById(session, Number(reference.value), itemIndex);
}

/**
 * Runs `work` on the user the reference names (undefined: nobody), holding that person from the
 * lookup to the last write (actions/people.ts): items naming the same person never run at the
 * same time, and a later one starts from what an earlier one wrote, without a second lookup.
 */
export async function withUser<T>(
	session: FreshserviceSession,
	reference: UserReference,
	itemIndex: number,
	work: (user: FoundUser | undefined) => Promise<T>,
): Promise<T> {
	const named = reference.by === 'email' ? personByEmail(String(reference.value)) : personById(reference.value);
	return await withPeople(session, [named], async () => {
		const written = writtenUser(session, named);
		const user = written === undefined ? await lookUp(session, reference, itemIndex) : (written ?? undefined);
		if (reference.by === 'id' || !user) return await work(user);
		// Found by email: held by ID as well, against an item that names them by ID.
		const byId = personById(String(user.record.id));
		return await withPeople(session, [byId], async () => {
			const now = writtenUser(session, byId);
			return await work(now === undefined ? user : (now ?? undefined));
		});
	});
}

/** As withUser, for a user who must exist: fails the item, naming the parameter to fix, when there is none. */
export async function withRequiredUser<T>(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	reference: UserReference,
	displayName: string,
	itemIndex: number,
	work: (user: FoundUser) => Promise<T>,
): Promise<T> {
	return await withUser(session, reference, itemIndex, async (user) => {
		if (!user) throw userNotFound(context, reference, displayName, itemIndex);
		return await work(user);
	});
}
