import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { mapperFields } from '../provisioning/mapping';
import { readCustomFields } from '../transport/lookups';
import { createSession } from '../transport/session';
import { userTypeOf } from './userType';

/**
 * The columns of Create or Update: the documented writable fields of the chosen user type, then
 * the instance's custom fields, each with its type (dropdowns with their choices).
 */
export async function getUserFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const userType = userTypeOf(this);
	const customFields = await readCustomFields(createSession(this), userType);
	return { fields: mapperFields(userType, customFields) };
}
