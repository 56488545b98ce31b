import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import type { ParameterValues } from '../../provisioning/payload';
import { buildUserPayload, preserveOnUpdate } from '../../provisioning/payload';
import { CUSTOM_FIELDS_PARAMETER, ROLES_PARAMETER } from '../../provisioning/fields';
import { InvalidValueError, isBlank } from '../../provisioning/values';
import { updateUser } from '../../transport/users';
import { optionalFieldOptions } from './fields.description';
import { readUserReference, resolveUser, userLocator } from './locator';
import { userNotFound } from './errors';
import { userItem } from './output';

const LOCATOR = 'User to Update';

export const description: INodeProperties[] = [
	userLocator(LOCATOR, 'update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are changed; everything else stays as it is',
		displayOptions: { show: { resource: ['user'], operation: ['update'] } },
		options: optionalFieldOptions({ exclude: [], filterByUserType: false }),
	},
];

const COLLECTIONS = [CUSTOM_FIELDS_PARAMETER.parameter, ROLES_PARAMETER.parameter];

/** Whether any field holds something to send: blank and whitespace-only values are left out of the payload. */
function hasValues(fields: IDataObject): boolean {
	return Object.entries(fields).some(([name, value]) => {
		if (COLLECTIONS.includes(name)) {
			return Object.values((value as IDataObject | null) ?? {}).some((inner) => Array.isArray(inner) && inner.length > 0);
		}
		return !isBlank(value);
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (!hasValues(updateFields)) {
		const added = Object.keys(updateFields).length > 0;
		throw new InvalidValueError(
			'Update Fields',
			added
				? "'Update Fields' has nothing to change: every field added is blank (a blank field is left as it is)"
				: "'Update Fields' is empty: add at least one field to change",
		);
	}
	const user = await resolveUser(session, reference, itemIndex);
	if (!user) throw userNotFound(this, reference, LOCATOR, itemIndex);
	const payload = buildUserPayload(user.userType, updateFields as ParameterValues);
	const updated = await updateUser(session, user, preserveOnUpdate(user.record, payload), itemIndex);
	return [userItem(updated, 'updated')];
}
