import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { customColumnId, mapperFields } from '../provisioning/mapping';
import { isMatchableCustomField } from '../provisioning/roster';
import { readCustomFields } from '../transport/lookups';
import { createSession } from '../transport/session';
import { userTypeOf } from './userType';

export { getRequestFormFields } from './onboardingForm';

/**
 * The columns of Create or Update: the documented writable fields of the chosen user type, then
 * the instance's custom fields, each with its type (dropdowns with their choices).
 */
export async function getUserFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const userType = userTypeOf(this);
	const customFields = await readCustomFields(createSession(this), userType);
	return { fields: mapperFields(userType, customFields) };
}

/**
 * The columns of Sync Roster: those of Create or Update, and besides the email, External ID and
 * the text and number custom fields (an employee number) may be the match key.
 */
export async function getRosterFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const userType = userTypeOf(this);
	const customFields = await readCustomFields(createSession(this), userType);
	const matchable = new Set(['external_id', ...customFields.filter(isMatchableCustomField).map((field) => customColumnId(field.name))]);
	return { fields: mapperFields(userType, customFields).map((field) => (matchable.has(field.id) ? { ...field, canBeUsedToMatch: true } : field)) };
}
