// The onboarding and offboarding forms every reset starts with, and a few requests already raised
// (one of them cancelled), so that "a request for this person exists" has something to find.
import type { EmployeeRequestRecord, Store } from './store';
import type { EmployeeFormField, EmployeeRequestKind } from './types';

/** Lookup data sources, as Freshservice numbers them. */
export const DATA_SOURCES = { locations: 1, requesters: 2, agents: 3, assets: 4, allUsers: 5, departments: 6 } as const;

type FieldSpec = Omit<EmployeeFormField, 'position' | 'default' | 'placeholder'> & { default?: boolean; placeholder?: string };

const ONBOARDING_FORM: FieldSpec[] = [
	{ label: 'Employee Name', name: 'cf_employee_name', required: true, field_type: 'custom_text', placeholder: 'Enter employee name' },
	{ label: 'Employee Email', name: 'cf_employee_email', required: true, field_type: 'custom_text', placeholder: 'Enter employee email' },
	{ label: 'Job Title', name: 'cf_job_title', required: false, field_type: 'custom_text' },
	{ label: 'Date of Joining', name: 'cf_date_of_joining', required: true, field_type: 'custom_date' },
	{ label: 'Department', name: 'cf_department', required: false, field_type: 'custom_lookup_bigint', data_source: DATA_SOURCES.departments },
	{ label: 'Location', name: 'cf_location', required: false, field_type: 'custom_lookup_bigint', data_source: DATA_SOURCES.locations },
	{ label: 'Reporting Manager', name: 'cf_reporting_manager', required: false, field_type: 'custom_lookup_bigint', data_source: DATA_SOURCES.allUsers },
	{ label: 'IT Buddy', name: 'cf_it_buddy', required: false, field_type: 'custom_lookup_bigint', data_source: DATA_SOURCES.agents },
	{ label: 'Hierarchy', name: 'cf_hierarchy', required: false, field_type: 'custom_dropdown', choices: ['L3', 'L2', 'L1'] },
	{ label: 'Laptop Needed', name: 'cf_laptop_needed', required: false, field_type: 'custom_checkbox' },
	{ label: 'Experience', name: 'cf_experience', required: false, field_type: 'custom_decimal' },
	{ label: 'Software', name: 'msf_software', required: false, field_type: 'custom_multi_select_dropdown', choices: ['Slack', 'Figma', 'GitHub', 'Salesforce'] },
];

const OFFBOARDING_FORM: FieldSpec[] = [
	{ label: 'Reporting Manager', name: 'actor_2', required: true, default: true, field_type: 'custom_lookup_bigint', data_source: DATA_SOURCES.allUsers },
	{ label: 'Employee Email', name: 'cf_employee_email', required: true, field_type: 'custom_text', placeholder: 'Enter employee email' },
	{ label: 'Employee Name', name: 'cf_employee_name', required: false, field_type: 'custom_text', placeholder: 'Enter employee name' },
	{ label: 'Last Working Date', name: 'cf_last_working_date', required: true, field_type: 'custom_date' },
	{ label: 'Department', name: 'cf_department', required: false, field_type: 'custom_lookup_bigint', data_source: DATA_SOURCES.departments },
	{
		label: 'Separation Type',
		name: 'cf_separation_type',
		required: false,
		field_type: 'custom_dropdown',
		choices: ['Voluntary Separation', 'Internal transfer to another geographical location', 'Involuntary Separation', 'Deceased', 'Absconding'],
	},
	{ label: 'Location', name: 'cf_location', required: false, field_type: 'custom_lookup_bigint', data_source: DATA_SOURCES.locations },
];

const FORMS: Record<EmployeeRequestKind, FieldSpec[]> = { onboarding: ONBOARDING_FORM, offboarding: OFFBOARDING_FORM };

const RAISED_AT = Date.UTC(2026, 9, 5, 10, 0, 0);

/** Requests raised before the test starts: for people who are not users yet (or no longer). */
const EXISTING: Record<EmployeeRequestKind, Array<{ status: EmployeeRequestRecord['status']; name: string; email: string; date: string }>> = {
	onboarding: [
		{ status: 3, name: 'Noor Haddad', email: 'noor.haddad@acme.example', date: '2026-11-02' },
		{ status: 2, name: 'Casey Brandt', email: 'casey.brandt@acme.example', date: '2026-11-09' },
	],
	offboarding: [{ status: 4, name: 'Ola Brennan', email: 'ola.brennan@acme.example', date: '2026-10-31' }],
};

/** Sets the two forms and the requests already raised; the initiator is the admin agent. */
export function createEmployeeRequestTenant(store: Store, initiatorId: number): void {
	for (const kind of ['onboarding', 'offboarding'] as const) {
		store.employeeForms[kind] = FORMS[kind].map((field, index) => ({
			placeholder: field.placeholder ?? '',
			...field,
			position: index + 1,
			default: field.default ?? false,
		}));
		for (const request of EXISTING[kind]) {
			const fields: Record<string, unknown> = Object.fromEntries(store.employeeForms[kind].map((field) => [field.name, null]));
			Object.assign(fields, {
				cf_employee_name: request.name,
				cf_employee_email: request.email,
				[kind === 'onboarding' ? 'cf_date_of_joining' : 'cf_last_working_date']: request.date,
				...(kind === 'offboarding' ? { actor_2: initiatorId } : {}),
			});
			const id = store.newEmployeeRequestId();
			const label = kind === 'onboarding' ? 'Onboarding' : 'Offboarding';
			store.employeeRequests[kind].set(id, {
				id,
				status: request.status,
				subject: `Employee ${label} Request for ${request.name}`,
				initiator_id: initiatorId,
				fields,
				created_at: RAISED_AT,
				updated_at: RAISED_AT,
				tickets: [{ id: store.newTicketId(), subject: `Employee ${label} Request for ${request.name}`, status: 2 }],
			});
		}
	}
}
