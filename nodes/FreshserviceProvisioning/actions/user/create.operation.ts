import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import type { UserType } from '../../provisioning/fields';
import type { ParameterValues } from '../../provisioning/payload';
import { buildUserPayload, customFieldEntries } from '../../provisioning/payload';
import { resolvedPayload, splitReferences } from '../../provisioning/mapping';
import { InvalidValueError } from '../../provisioning/values';
import { emailKey } from '../../provisioning/fields';
import type { PlanOptions } from '../../provisioning/plan';
import { planUser } from '../../provisioning/plan';
import { findUserByEmail } from '../../transport/userLookups';
import { dryRunOption, optionalFieldOptions, optionsProperty, readDryRun, rolesProperty, userTypeProperty } from './fields.description';
import { emailAlreadyTaken, emailTaken } from './errors';
import { executePlan, planItem } from '../executor';
import { personByEmail, withPeople } from '../people';
import { customFieldsPayload, resolveReferences } from './references';

/** Create plans against nobody: it never looks for the person, so never reactivates or converts them. */
const CREATE_ONLY: PlanOptions = { reactivate: false, convertUserType: false };

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
	optionsProperty('create', [dryRunOption]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const dryRun = readDryRun(this, itemIndex);
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
	// Everything checked locally first; names and custom field types cost a list read each (once per execution).
	const payload = buildUserPayload(userType, plain, { required: ['firstName', 'email'] });
	Object.assign(payload, await customFieldsPayload(session, userType, customFieldEntries(plain), itemIndex));
	Object.assign(payload, resolvedPayload(await resolveReferences(session, references, itemIndex)));
	const email = String(payload[emailKey(userType)]);
	const plan = planUser({ userType, email, fields: payload, clear: [] }, undefined, CREATE_ONLY);

	// Two items creating one email take turns: the second meets the first's user.
	return await withPeople(session, [personByEmail(email)], async () => {
		if (dryRun) {
			// A real create is refused when anyone, active or deactivated, has the email already.
			const holder = await findUserByEmail(session, email, itemIndex, { fullAgentRecord: false });
			if (holder) throw emailTaken(this, email, holder, itemIndex);
			return [planItem(undefined, plan, true)];
		}
		const executed = await executePlan(session, plan, undefined, itemIndex);
		if (executed.status === 'emailTaken') throw executed.user ? emailAlreadyTaken(this, executed.user, itemIndex) : executed.error!;
		return [planItem(executed.user, plan, false, { changes: executed.changes })];
	});
}
