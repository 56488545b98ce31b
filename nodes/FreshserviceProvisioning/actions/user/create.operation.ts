import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import type { UserType } from '../../provisioning/fields';
import type { ParameterValues } from '../../provisioning/payload';
import { buildUserPayload } from '../../provisioning/payload';
import { resolvedPayload, splitReferences } from '../../provisioning/mapping';
import { InvalidValueError } from '../../provisioning/values';
import { createUser } from '../../transport/users';
import { optionalFieldOptions, rolesProperty, userTypeProperty } from './fields.description';
import { emailAlreadyTaken } from './errors';
import { userItem } from './output';
import { resolveReferences } from './references';

const show = { resource: ['user'], operation: ['create'] };

export const description: INodeProperties[] = [
	userTypeProperty('create', 'Whether the new user is a requester (an employee) or an agent (service desk staff)'),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Jane',
		description: 'First name of the new user',
		displayOptions: { show },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@email.com',
		description: 'Primary email address of the new user; Freshservice refuses one that another user already has',
		displayOptions: { show },
	},
	{
		...rolesProperty,
		required: true,
		displayOptions: { show: { ...show, userType: ['agent'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: optionalFieldOptions({ exclude: ['firstName', 'email'], filterByUserType: true }),
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const userType = this.getNodeParameter('userType', itemIndex) as UserType;
	const values: ParameterValues = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		firstName: this.getNodeParameter('firstName', itemIndex, ''),
		email: this.getNodeParameter('email', itemIndex, ''),
	};
	if (userType === 'agent') {
		values.roles = this.getNodeParameter('roles', itemIndex, {}) as ParameterValues['roles'];
		if ((values.roles?.role ?? []).length === 0) {
			throw new InvalidValueError('Roles', "'Roles' is empty: Freshservice needs at least one role to create an agent");
		}
	}
	const { values: plain, references } = splitReferences(userType, values);
	// Everything checked locally first; names cost a list read (once per execution).
	const payload = buildUserPayload(userType, plain, { required: ['firstName', 'email'] });
	Object.assign(payload, resolvedPayload(await resolveReferences(session, references, itemIndex)));
	const result = await createUser(session, userType, payload, itemIndex);
	if (result.status === 'duplicate') throw result.error;
	if (result.status === 'existing') throw emailAlreadyTaken(this, result.user, itemIndex);
	return [userItem(result.user, 'created')];
}
