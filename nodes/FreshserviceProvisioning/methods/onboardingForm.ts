import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { kindOfResource } from '../actions/employeeRequest/resources';
import { formColumns, formFieldOf } from '../provisioning/onboardingForm';
import { readRequestForm } from '../transport/onboarding';
import { createSession } from '../transport/session';

/**
 * The columns of Create Onboarding (or Offboarding) Request: the instance's form, each field by its
 * label and type, required ones marked, an email field offered to tell people apart.
 */
export async function getRequestFormFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const kind = kindOfResource(this.getCurrentNodeParameter('resource')) ?? 'onboarding';
	const form = await readRequestForm(createSession(this), kind);
	return { fields: formColumns(form.map(formFieldOf)) };
}
