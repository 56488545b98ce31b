import type { IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import type { GroupRef } from '../../provisioning/groups';
import { resolveGroups, unknownGroup } from '../../provisioning/groups';
import { InvalidValueError, isBlank } from '../../provisioning/values';
import { readRequesterGroups } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';

/** The "which requester group" parameter of the operations that act on one group. */
export function groupLocator(displayName: string, operations: string[]): INodeProperties {
	return {
		displayName,
		name: 'group',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The requester group: picked from the list, or given by name or ID',
		displayOptions: { show: { resource: ['requesterGroup'], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a requester group...',
				typeOptions: { searchListMethod: 'searchRequesterGroups', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'Sales Team' },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '21000041022',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a Freshservice ID (digits only)' } }],
			},
		],
	};
}

/**
 * The requester group the locator names, from the group list (read once per execution): by name
 * without regard to case, or by ID. An unknown group fails the item, naming the parameter and the
 * closest group names, before anything is written.
 */
export async function readGroup(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	itemIndex: number,
	displayName: string,
): Promise<GroupRef> {
	const locator = context.getNodeParameter('group', itemIndex) as INodeParameterResourceLocator;
	const value: unknown = locator.value;
	if (isBlank(value) || (typeof value !== 'string' && typeof value !== 'number')) {
		throw new InvalidValueError(displayName, `'${displayName}' needs a requester group, by name or ID`);
	}
	const text = String(value).trim();
	if (locator.mode !== 'name' && !/^\d+$/.test(text)) {
		throw new InvalidValueError(displayName, `'${displayName}' must be a Freshservice ID (digits only), not "${text}"`);
	}
	const groups = await readRequesterGroups(session, itemIndex);
	if (locator.mode !== 'name') return resolveGroups(displayName, 'requester', [Number(text)], groups)[0];
	// By Name: a name made of digits is still a name.
	const found = groups.find((group) => group.name.trim().toLowerCase() === text.toLowerCase());
	if (!found) throw unknownGroup(displayName, 'requester', { name: text }, groups);
	return found;
}
