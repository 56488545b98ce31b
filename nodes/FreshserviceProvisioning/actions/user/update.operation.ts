import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FreshserviceSession } from '../../transport/session';
import { clearKeys, resolvedPayload, splitReferences } from '../../provisioning/mapping';
import type { ParameterValues } from '../../provisioning/payload';
import { buildUserPayload, customFieldEntries } from '../../provisioning/payload';
import { planUpdate } from '../../provisioning/plan';
import { CUSTOM_FIELDS_PARAMETER, ROLES_PARAMETER } from '../../provisioning/fields';
import { InvalidValueError, isBlank } from '../../provisioning/values';
import { dryRunOption, optionalFieldOptions, optionsProperty, readDryRun } from './fields.description';
import { planItem, runPlan } from '../executor';
import { readUserReference, userLocator, withRequiredUser } from './locator';
import { customFieldsPayload, resolveReferences } from './references';

const LOCATOR = 'User to Update';
const FIELDS_TO_CLEAR = { name: 'fieldsToClear', displayName: 'Fields to Clear' };

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
	{
		displayName: FIELDS_TO_CLEAR.displayName,
		name: FIELDS_TO_CLEAR.name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getClearableFields' },
		default: [],
		description:
			'Fields to empty (a field left out of Update Fields stays as it is). Only fields that are not already empty are sent. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: ['user'], operation: ['update'] } },
	},
	optionsProperty('update', [dryRunOption]),
];

/** Whether any field holds something to send: blank and whitespace-only values (custom fields' too) are left out of the payload. */
function hasValues(fields: IDataObject): boolean {
	return Object.entries(fields).some(([name, value]) => {
		if (name === CUSTOM_FIELDS_PARAMETER.parameter) return customFieldEntries(fields as ParameterValues).length > 0;
		if (name === ROLES_PARAMETER.parameter) {
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
	const dryRun = readDryRun(this, itemIndex);
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const rawClear = this.getNodeParameter(FIELDS_TO_CLEAR.name, itemIndex, []) as unknown;
	const clear = Array.isArray(rawClear) ? rawClear : [rawClear].filter((value) => !isBlank(value));
	if (!hasValues(updateFields) && clear.length === 0) {
		const added = Object.keys(updateFields).length > 0;
		throw new InvalidValueError(
			'Update Fields',
			added
				? "'Update Fields' has nothing to change: every field added is blank (a blank field is left as it is)"
				: "'Update Fields' is empty: add at least one field to change",
		);
	}
	return await withRequiredUser(this, session, reference, LOCATOR, itemIndex, async (user) => {
		const { values, references } = splitReferences(user.userType, updateFields as ParameterValues);
		const payload = buildUserPayload(user.userType, values as ParameterValues);
		Object.assign(payload, await customFieldsPayload(session, user.userType, customFieldEntries(values), itemIndex));
		const keysToClear = clearKeys(user.userType, clear, undefined, FIELDS_TO_CLEAR.displayName);
		for (const key of keysToClear) {
			const [field, custom] = key.split('.');
			const setToo = custom === undefined ? field in payload || field in references.fields : custom in ((payload[field] as IDataObject | undefined) ?? {});
			if (setToo) throw new InvalidValueError(FIELDS_TO_CLEAR.displayName, `'${FIELDS_TO_CLEAR.displayName}' lists "${key}", which Update Fields also sets: keep one of the two`);
		}
		Object.assign(payload, resolvedPayload(await resolveReferences(session, references, itemIndex)));
		// Only what differs from the user as found is sent; clearing counts only where there is something to clear.
		const plan = planUpdate(user, { fields: payload, clear: keysToClear });
		if (plan.outcome === 'none') {
			return [planItem(user, plan, dryRun, { reason: 'Every field already holds the value given (a cleared field is already empty); nothing was sent to Freshservice.' })];
		}
		// An update creates nobody, so it never meets a taken email.
		return [await runPlan(session, plan, user, { dryRun, itemIndex })];
	});
}
