import { buildUserPayload, customFieldEntries, preserveOnUpdate } from '../../../nodes/FreshserviceProvisioning/provisioning/payload';
import { InvalidValueError, toEmail, toId } from '../../../nodes/FreshserviceProvisioning/provisioning/values';
import { displayNameForApiField, USER_FIELDS } from '../../../nodes/FreshserviceProvisioning/provisioning/fields';

function problem(run: () => unknown): InvalidValueError {
	try {
		run();
	} catch (error) {
		if (error instanceof InvalidValueError) return error;
		throw error;
	}
	throw new Error('expected an InvalidValueError');
}

describe('buildUserPayload', () => {
	it('maps a requester to the documented keys and leaves blanks out', () => {
		expect(
			buildUserPayload('requester', {
				firstName: ' Jane ',
				email: 'Jane.Doe@Example.com',
				lastName: '',
				jobTitle: 'Engineer',
				departmentIds: ['21000418006', 21000418007],
				secondaryEmails: 'jd@old.example.com, ',
				canSeeAllTicketsFromAssociatedDepartments: true,
				timeFormat: '24h',
				locationId: '21000000042',
			}),
		).toEqual({
			first_name: 'Jane',
			primary_email: 'jane.doe@example.com',
			job_title: 'Engineer',
			department_ids: [21000418006, 21000418007],
			secondary_emails: ['jd@old.example.com'],
			can_see_all_tickets_from_associated_departments: true,
			time_format: '24h',
			location_id: 21000000042,
		});
	});

	it('maps an agent: email key, roles with scope and groups, occasional', () => {
		expect(
			buildUserPayload('agent', {
				firstName: 'Sam',
				email: 'sam@example.com',
				occasional: true,
				roles: {
					role: [
						{ roleId: '21000000001', assignmentScope: 'entire_helpdesk' },
						{ roleId: 21000000002, assignmentScope: 'specified_groups', groupIds: ['21000000100'] },
					],
				},
			}),
		).toEqual({
			first_name: 'Sam',
			email: 'sam@example.com',
			occasional: true,
			roles: [
				{ role_id: 21000000001, assignment_scope: 'entire_helpdesk' },
				{ role_id: 21000000002, assignment_scope: 'specified_groups', groups: [21000000100] },
			],
		});
	});

	it('leaves custom fields to be typed by the instance: the entries that set something, as given', () => {
		const values = { customFields: { field: [{ name: ' employee_id ', value: 'true' }, { name: 'remote_worker', value: '  ' }, { name: 'desk_number', value: 0 }] } };
		expect(buildUserPayload('requester', values)).toEqual({});
		expect(customFieldEntries(values)).toEqual([
			{ name: 'employee_id', value: 'true' },
			{ name: 'desk_number', value: 0 },
		]);
	});

	it('refuses required values that are blank instead of leaving them out', () => {
		expect(problem(() => buildUserPayload('requester', { firstName: ' ', email: 'a@b.co' }, { required: ['firstName', 'email'] })).message).toBe(
			"'First Name' is empty: enter a value",
		);
		expect(problem(() => buildUserPayload('agent', { firstName: 'A' }, { required: ['firstName', 'email'] })).message).toBe(
			"'Email' is empty: enter an email address",
		);
	});

	it('names the parameter of every local problem', () => {
		expect(problem(() => buildUserPayload('requester', { email: 'jane@' })).message).toMatch(/^'Email' must be an email address/);
		expect(problem(() => buildUserPayload('requester', { departmentIds: ['sales'] })).parameter).toBe('Department Names or IDs');
		expect(problem(() => buildUserPayload('requester', { occasional: true })).message).toMatch(/'Occasional Agent' applies only to agents/);
		expect(problem(() => buildUserPayload('agent', { externalId: 'x' })).message).toMatch(/'External ID' applies only to requesters/);
		expect(problem(() => buildUserPayload('requester', { roles: { role: [{ roleId: 1 }] } })).parameter).toBe('Roles');
		expect(
			problem(() => buildUserPayload('agent', { roles: { role: [{ roleId: 1, assignmentScope: 'specified_groups' }] } })).message,
		).toMatch(/needs at least one group/);
		expect(problem(() => buildUserPayload('requester', { timeFormat: '25h' })).message).toMatch(/12h or 24h/);
		expect(
			problem(() => buildUserPayload('requester', { customFields: { field: [{ name: 'a', value: 1 }, { name: 'a', value: 2 }] } })).message,
		).toMatch(/sets "a" twice/);
	});

	it('keeps ids exact: no rounding of 11-digit ids, no unsafe integers', () => {
		expect(toId('X', '21000418006')).toBe(21000418006);
		// 16 digits, so only the safe-integer check can refuse it (Number() would round it to ...992).
		expect(() => toId('X', '9007199254740993')).toThrow(/Freshservice ID/);
		// As a number (an expression's result) it is already rounded to 2^53, which is refused as unsafe too.
		expect(() => toId('X', Number('9007199254740993'))).toThrow(/Freshservice ID/);
		expect(toId('X', '9007199254740991')).toBe(9007199254740991);
		expect(() => toId('X', '99999999999999999')).toThrow(/Freshservice ID/);
		expect(() => toId('X', '1.5')).toThrow(/Freshservice ID/);
		expect(() => toId('X', '0')).toThrow(/Freshservice ID/);
	});

	it('accepts real-world emails and refuses broken ones', () => {
		expect(toEmail('Email', "o'brien@example.co.uk")).toBe("o'brien@example.co.uk");
		for (const bad of ['jane', 'jane@example', 'jane doe@example.com', '<jane@example.com>', 'a@b@c.com', 'jane@example.c']) {
			expect(() => toEmail('Email', bad)).toThrow(/'Email' must be an email address/);
		}
	});
});

describe('preserveOnUpdate', () => {
	it('resends "can see all tickets" when the user has it, since Freshservice would reset it', () => {
		const current = { can_see_all_tickets_from_associated_departments: true };
		expect(preserveOnUpdate(current, { job_title: 'Lead' })).toEqual({
			job_title: 'Lead',
			can_see_all_tickets_from_associated_departments: true,
		});
		expect(preserveOnUpdate(current, { can_see_all_tickets_from_associated_departments: false })).toEqual({
			can_see_all_tickets_from_associated_departments: false,
		});
		expect(preserveOnUpdate({ can_see_all_tickets_from_associated_departments: false }, { job_title: 'Lead' })).toEqual({
			job_title: 'Lead',
		});
	});
});

describe('field table', () => {
	it('has one parameter per name and points API fields back at parameters', () => {
		const names = USER_FIELDS.map((field) => field.parameter);
		expect(new Set(names).size).toBe(names.length);
		expect(displayNameForApiField('primary_email')).toBe('Email');
		expect(displayNameForApiField('email')).toBe('Email');
		expect(displayNameForApiField('department_ids')).toBe('Department Names or IDs');
		expect(displayNameForApiField('custom_fields.cost_center')).toBe('Custom Fields');
		expect(displayNameForApiField('no_such_field')).toBeUndefined();
	});
});
