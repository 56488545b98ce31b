import { checkForm, formColumns, formFieldOf, formInput, withLookupIds } from '../../nodes/FreshserviceProvisioning/provisioning/onboardingForm';
import { findSameRequest, planRequest, samePersonOf } from '../../nodes/FreshserviceProvisioning/provisioning/onboardingPlan';

// Fields as Freshservice's documentation shows the onboarding form, and one required email field.
const FORM = [
	{ label: 'Employee Name', name: 'cf_employee_name', required: true, field_type: 'custom_text' },
	{ label: 'Employee Email', name: 'cf_employee_email', required: true, field_type: 'custom_text' },
	{ label: 'Date of joining', name: 'cf_date_of_joining', required: false, field_type: 'custom_date' },
	{ label: 'All users', name: 'cf_all_users', required: false, field_type: 'custom_lookup_bigint', data_source: 5 },
	{ label: 'Department', name: 'cf_department', required: false, field_type: 'custom_lookup_bigint', data_source: 6 },
	{ label: 'Assets', name: 'cf_assets', required: false, field_type: 'custom_lookup_bigint', data_source: 4 },
	{ label: 'Hierarchy', name: 'cf_hierarchy', required: false, field_type: 'custom_dropdown', choices: ['L3', 'L2', 'L1'] },
	{ label: 'Experience', name: 'cf_experience', required: false, field_type: 'custom_decimal' },
	{ label: 'Verified', name: 'cf_verified', required: false, field_type: 'custom_checkbox' },
	{ label: 'Area of expertise ', name: 'msf_area_of_expertise', required: false, field_type: 'custom_multi_select_dropdown', choices: ['Ruby', 'Java'] },
	{ label: 'Preferred Locations', name: 'msf_preferred_locations', required: false, field_type: 'custom_multi_lookup', data_source: 1 },
].map(formFieldOf);

const person = { cf_employee_name: 'Andrea', cf_employee_email: 'andrea@example.com' };

describe('the form as fields', () => {
	it('reads labels (trimmed), types, required flags, lookups with their source; the email field is the default match', () => {
		expect(FORM[9]).toEqual({ name: 'msf_area_of_expertise', label: 'Area of expertise', kind: 'multiDropdown', required: false, choices: ['Ruby', 'Java'] });
		expect(FORM[4]).toMatchObject({ kind: 'lookup', source: 'department' });
		const columns = formColumns(FORM);
		expect(columns.filter((column) => column.defaultMatch).map((column) => column.id)).toEqual(['cf_employee_email']);
		expect(columns.filter((column) => column.required).map((column) => column.displayName)).toEqual(['Employee Name', 'Employee Email']);
		expect(columns.find((column) => column.id === 'cf_verified')).toMatchObject({ type: 'options' });
	});

	it('Map Automatically takes input keys by field name or label in any case; an exact name wins over a label', () => {
		expect(formInput('onboarding', FORM, { 'EMPLOYEE NAME': 'A', cf_employee_name: 'B', 'date of joining': '2027-01-04', other: 1 }, true)).toEqual({
			cf_employee_name: 'B',
			cf_date_of_joining: '2027-01-04',
		});
		expect(() => formInput('onboarding', FORM, { cf_gone: 'x' }, false)).toThrow("'cf_gone' is no longer a field of the onboarding form");
		expect(formInput('onboarding', FORM, { cf_gone: '' }, false)).toEqual({});
	});

	it('checks each value against its field and lists the lookups still to resolve', () => {
		const checked = checkForm('onboarding', FORM, {
			...person,
			cf_date_of_joining: '2027-01-04T09:00:00.000+01:00',
			cf_all_users: 'Andrea@Example.com',
			cf_department: 'HR',
			cf_assets: '527',
			cf_hierarchy: ' l3 ',
			cf_experience: '2.5',
			cf_verified: 'TRUE',
			msf_area_of_expertise: 'ruby, Java',
			msf_preferred_locations: ['India', 57],
		});
		expect(checked.values).toMatchObject({ cf_date_of_joining: '2027-01-04', cf_hierarchy: 'L3', cf_experience: 2.5, cf_verified: true, msf_area_of_expertise: ['Ruby', 'Java'] });
		expect(checked.lookups.map((lookup) => [lookup.field, lookup.values])).toEqual([
			['cf_all_users', [{ email: 'andrea@example.com' }]],
			['cf_department', [{ name: 'HR' }]],
			['cf_assets', [{ id: 527 }]],
			['msf_preferred_locations', [{ name: 'India' }, { id: 57 }]],
		]);
		expect(withLookupIds(checked, { cf_all_users: [2], cf_department: [5], cf_assets: [527], msf_preferred_locations: [53, 57, 57] })).toMatchObject({
			cf_all_users: 2,
			cf_department: 5,
			msf_preferred_locations: [53, 57],
		});
	});

	it.each([
		[{ cf_employee_email: 'andrea@example.com' }, "'Employee Name' is required by the onboarding form"],
		[{ ...person, cf_employee_name: '  ' }, "'Employee Name' is required"],
		[{ ...person, cf_hierarchy: 'L4' }, "'Hierarchy' must be one of its choices in the form, not \"L4\"; the closest are"],
		[{ ...person, cf_experience: 'two' }, "'Experience' is a number field"],
		[{ ...person, cf_verified: 'maybe' }, "'Verified' must be true or false"],
		[{ ...person, cf_date_of_joining: '31/31/2027' }, "'Date of joining' is a date field"],
		[{ ...person, cf_all_users: 'Andrea Paul' }, "'All users' must be an email address or a Freshservice ID"],
		[{ ...person, cf_assets: "Andrea's Laptop" }, "'Assets' must be a Freshservice ID"],
		[{ ...person, cf_employee_name: { first: 'A' } }, "'Employee Name' takes text"],
	])('refuses %j naming the label', (input, message) => {
		expect(() => checkForm('onboarding', FORM, input)).toThrow(message);
	});
});

describe('safe to send twice', () => {
	const requests = [
		{ id: 1, status: 2, fields: { cf_employee_email: 'andrea@example.com' } },
		{ id: 2, status: 3, fields: { cf_employee_email: 'Andrea@Example.com ' } },
		{ id: 3, status: 1, fields: { cf_employee_email: 'other@example.com' } },
	];
	const samePerson = samePersonOf('onboarding', FORM, ['cf_employee_email'], { cf_employee_email: 'ANDREA@example.com' });

	it('finds the request for the same person in any case, cancelled ones left out', () => {
		expect(findSameRequest(requests, samePerson)?.id).toBe(2);
		expect(findSameRequest([requests[0]], samePerson)).toBeUndefined();
	});

	it('plans nothing with a reason when one exists, a create otherwise', () => {
		const found = planRequest({ kind: 'onboarding', fields: person, samePerson, requests });
		expect(found).toMatchObject({ action: 'unchanged', existing: { id: 2 }, reason: expect.stringContaining('exists (2, Request In Progress)') });
		expect(planRequest({ kind: 'onboarding', fields: person, initiatorId: 9, samePerson, requests: [requests[0]] })).toEqual({
			action: 'create',
			body: { initiator_id: 9, fields: person },
		});
		expect(planRequest({ kind: 'onboarding', fields: person, requests })).toMatchObject({ action: 'create' });
	});

	it('needs a match field and a value for it', () => {
		expect(() => samePersonOf('onboarding', FORM, [], person)).toThrow("'Fields → Same Person By': no field is chosen");
		expect(() => samePersonOf('onboarding', FORM, ['cf_gone'], person)).toThrow("'cf_gone' is not a field of the onboarding form");
		expect(() => samePersonOf('onboarding', FORM, ['cf_employee_email'], {})).toThrow("'Employee Email' is empty");
	});
});
