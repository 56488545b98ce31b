import { customFieldDefinition, mapDesiredUser, mapperFields, splitReferences, toCustomValue, typedCustomFields, withResolvedReferences } from '../../../nodes/FreshserviceProvisioning/provisioning/mapping';
import type { CustomFieldDefinition } from '../../../nodes/FreshserviceProvisioning/provisioning/mapping';
import { closestNames, resolveNames, toEmailOrId, toNamesOrIds } from '../../../nodes/FreshserviceProvisioning/provisioning/names';
import { InvalidValueError } from '../../../nodes/FreshserviceProvisioning/provisioning/values';

function problem(run: () => unknown): InvalidValueError {
	try {
		run();
	} catch (error) {
		if (error instanceof InvalidValueError) return error;
		throw error;
	}
	throw new Error('expected an InvalidValueError');
}

const CUSTOM: CustomFieldDefinition[] = [
	{ name: 'employee_id', label: 'Employee ID', kind: 'text' },
	{ name: 'desk_number', label: 'Desk Number', kind: 'number' },
	{ name: 'remote_worker', label: 'Remote worker', kind: 'checkbox' },
	{ name: 'cost_center', label: 'Cost Center', kind: 'dropdown', choices: ['CC-100 Engineering', 'CC-200 Sales'] },
	{ name: 'job_title', label: 'Job title (HR)', kind: 'text' },
];

describe('custom fields, typed from the instance', () => {
	it('reads requester_fields and agent_fields entries, skipping Freshservice\'s own', () => {
		expect(customFieldDefinition({ name: 'first_name', type: 'default_first_name', default: true })).toBeUndefined();
		expect(customFieldDefinition({ name: 'cost_center', label: 'Cost Center', type: 'custom_dropdown', default: false, choices: ['A', 'B'] })).toEqual({
			name: 'cost_center',
			label: 'Cost Center',
			kind: 'dropdown',
			choices: ['A', 'B'],
		});
		expect(customFieldDefinition({ name: 'shift', label_for_admins: 'Shift', type: 'custom_dropdown', default_field: false, choices: [{ id: 1, value: 'Day' }] })).toMatchObject({
			label: 'Shift',
			choices: ['Day'],
		});
		expect(customFieldDefinition({ name: 'n', type: 'custom_number', default: false })).toMatchObject({ kind: 'number' });
	});

	it.each([
		['text keeps "true" as text', 'employee_id', 'true', 'true'],
		['text trims', 'employee_id', '  E-1 ', 'E-1'],
		['text takes a number as text', 'employee_id', 42, '42'],
		['number from digits', 'desk_number', '12', 12],
		['number as number', 'desk_number', 7, 7],
		['checkbox from "TRUE"', 'remote_worker', 'TRUE', true],
		['checkbox as boolean', 'remote_worker', false, false],
		['dropdown in another case', 'cost_center', 'cc-200 sales', 'CC-200 Sales'],
	])('%s', (_name, field, value, expected) => {
		expect(toCustomValue(CUSTOM.find((definition) => definition.name === field)!, value)).toEqual(expected);
	});

	it.each([
		['a number field given "abc"', 'desk_number', 'abc', /^'Desk Number' is a number field and takes whole numbers only, not "abc"$/],
		['a number field given 1.5', 'desk_number', 1.5, /whole numbers only, not a number \(1\.5\)/],
		['a checkbox given "yes"', 'remote_worker', 'yes', /^'Remote worker' is a checkbox and takes true or false, not "yes"$/],
		['a dropdown value outside its choices', 'cost_center', 'CC-300', /^'Cost Center' must be one of its choices in Freshservice, not "CC-300"; the closest are "CC-200 Sales", "CC-100 Engineering"$/],
	])('refuses %s, naming the field', (_name, field, value, message) => {
		const error = problem(() => toCustomValue(CUSTOM.find((definition) => definition.name === field)!, value));
		expect(error.message).toMatch(message);
		expect(error.parameter).toBe(CUSTOM.find((definition) => definition.name === field)!.label);
	});

	it('a custom field named like a standard one gets its own column', () => {
		const ids = mapperFields('requester', CUSTOM).map((field) => field.id);
		expect(ids.filter((id) => id === 'job_title')).toHaveLength(1);
		expect(ids).toContain('custom_fields.job_title');
	});
});

describe("Create's and Update's Custom Fields entries, typed as the mapper types its columns", () => {
	it('types each value by its field: "true" stays text in a text field, a checkbox takes true, a dropdown its choice in any case', () => {
		expect(
			typedCustomFields('requester', [
				{ name: 'employee_id', value: 'true' },
				{ name: 'remote_worker', value: 'TRUE' },
				{ name: 'cost_center', value: 'cc-200 sales' },
				{ name: 'desk_number', value: ' 42 ' },
			], CUSTOM),
		).toEqual({ employee_id: 'true', remote_worker: true, cost_center: 'CC-200 Sales', desk_number: 42 });
	});

	it('takes a field by its label too (an expression may give it), in any case', () => {
		expect(typedCustomFields('requester', [{ name: 'cost center', value: 'CC-100 Engineering' }], CUSTOM)).toEqual({ cost_center: 'CC-100 Engineering' });
	});

	it("names 'Custom Fields → <label>' for a value its field does not take", () => {
		const outside = problem(() => typedCustomFields('requester', [{ name: 'cost_center', value: 'CC-999' }], CUSTOM));
		expect(outside.parameter).toBe('Custom Fields → Cost Center');
		expect(outside.message).toBe('\'Custom Fields → Cost Center\' must be one of its choices in Freshservice, not "CC-999"; the closest are "CC-200 Sales", "CC-100 Engineering"');
		expect(problem(() => typedCustomFields('requester', [{ name: 'desk_number', value: 'abc' }], CUSTOM)).message).toBe(
			'\'Custom Fields → Desk Number\' is a number field and takes whole numbers only, not "abc"',
		);
		expect(problem(() => typedCustomFields('requester', [{ name: 'remote_worker', value: 'yes' }], CUSTOM)).message).toMatch(/^'Custom Fields → Remote worker' is a checkbox/);
	});

	it('refuses a name that is no custom field of the user type, with the closest labels', () => {
		const unknown = problem(() => typedCustomFields('agent', [{ name: 'cost_centre', value: 'x' }], CUSTOM));
		expect(unknown.parameter).toBe('Custom Fields');
		expect(unknown.message).toMatch(/^'Custom Fields' sets "cost_centre", which is not a custom field of agents in this Freshservice; the closest are "Cost Center"/);
		expect(problem(() => typedCustomFields('requester', [{ name: 'cost_center', value: 'CC-100 Engineering' }, { name: 'Cost Center', value: 'CC-200 Sales' }], CUSTOM)).message).toMatch(/sets "Cost Center" twice/);
	});
});

describe('mapDesiredUser', () => {
	const map = (columns: Record<string, unknown>, extra: Partial<Parameters<typeof mapDesiredUser>[0]> = {}) =>
		mapDesiredUser({ userType: 'requester', columns, mappingMode: 'autoMapInputData', customFields: CUSTOM, ...extra });

	it('maps an HR payload by column name; other columns are ignored, blanks mean "leave as it is"', () => {
		const mapped = map({
			email: ' Jane.Doe@Example.com ',
			first_name: 'Jane ',
			last_name: '   ',
			job_title: 'Engineer',
			department_ids: 'Sales, 21000000101',
			location_id: 'London HQ',
			reporting_manager_id: 'Boss@Example.com',
			desk_number: '12',
			cost_center: 'cc-100 engineering',
			hire_date: '2024-01-01',
			occasional: true,
		});
		expect(mapped.desired).toEqual({
			userType: 'requester',
			email: 'jane.doe@example.com',
			fields: {
				primary_email: 'jane.doe@example.com',
				first_name: 'Jane',
				job_title: 'Engineer',
				custom_fields: { desk_number: 12, cost_center: 'CC-100 Engineering' },
			},
			clear: [],
		});
		expect(mapped.references.fields).toEqual({
			department_ids: { kind: 'department', parameter: 'Departments (Names or IDs)', values: [{ name: 'Sales' }, { id: 21000000101 }], many: true },
			location_id: { kind: 'location', parameter: 'Location (Name or ID)', values: [{ name: 'London HQ' }], many: false },
			reporting_manager_id: { kind: 'manager', parameter: 'Reporting Manager (Email or ID)', value: { email: 'boss@example.com' } },
		});
		expect(withResolvedReferences(mapped, { fields: { department_ids: [5, 21000000101], location_id: 9, reporting_manager_id: 3 } }).fields).toMatchObject({
			department_ids: [5, 21000000101],
			location_id: 9,
			reporting_manager_id: 3,
		});
	});

	it('takes primary_email for email, and spells it as agents do for agents', () => {
		expect(mapDesiredUser({ userType: 'agent', columns: { primary_email: 'a@x.example' }, mappingMode: 'autoMapInputData' }).desired.fields).toEqual({ email: 'a@x.example' });
	});

	it.each([
		['no email', {}, 'Email', /'Email' is empty/],
		['a bad email', { email: 'nope' }, 'Email', /must be an email address/],
		['a manager that is a name', { email: 'a@x.example', reporting_manager_id: 'The Boss' }, 'Reporting Manager (Email or ID)', /email address or a Freshservice ID/],
		['a boolean given junk', { email: 'a@x.example', can_see_all_tickets_from_associated_departments: 'maybe' }, 'Can See All Tickets From Associated Departments', /true or false/],
	])('refuses %s before any request', (_name, columns, parameter, message) => {
		const error = problem(() => map(columns));
		expect(error.parameter).toBe(parameter);
		expect(error.message).toMatch(message);
	});

	it('Map Each Field Below refuses a column the instance does not have; Map Automatically ignores it', () => {
		expect(problem(() => map({ email: 'a@x.example', old_field: 'x' }, { mappingMode: 'defineBelow' })).message).toMatch(/sets "old_field", which is not a field of requesters/);
		expect(map({ email: 'a@x.example', old_field: 'x' }).desired.fields).toEqual({ primary_email: 'a@x.example' });
		expect(problem(() => map({ email: 'a@x.example', occasional: true }, { mappingMode: 'defineBelow' })).message).toMatch(/applies only to agents/);
	});

	it('roles only for agents, by name or ID', () => {
		expect(problem(() => map({ email: 'a@x.example' }, { roles: [{ roleId: 'Admin' }] })).parameter).toBe('Roles');
		const agent = mapDesiredUser({
			userType: 'agent',
			columns: { email: 'a@x.example' },
			mappingMode: 'defineBelow',
			roles: [{ roleId: 'SD Agent' }, { roleId: '7', assignmentScope: 'specified_groups', groupIds: 'Network, 9' }],
		});
		expect(agent.references.roles).toEqual([
			{ role: { name: 'SD Agent' }, assignmentScope: 'entire_helpdesk', groups: [] },
			{ role: { id: 7 }, assignmentScope: 'specified_groups', groups: [{ name: 'Network' }, { id: 9 }] },
		]);
	});

	it('splits the Create and Update parameters the same way', () => {
		const { values, references } = splitReferences('requester', { firstName: 'J', departmentIds: ['Sales'], reportingManagerId: '42', memberOf: ['x'] });
		expect(values).toEqual({ firstName: 'J', memberOf: ['x'] });
		expect(references.fields).toEqual({
			department_ids: { kind: 'department', parameter: 'Department Names or IDs', values: [{ name: 'Sales' }], many: true },
			reporting_manager_id: { kind: 'manager', parameter: 'Reporting Manager Email or ID', value: { id: 42 } },
		});
	});
});

describe('names instead of IDs', () => {
	const departments = [
		{ id: 1, name: 'Engineering' },
		{ id: 2, name: 'Sales' },
		{ id: 3, name: 'Human Resources' },
		{ id: 4, name: 'IT' },
	];
	it('resolves names in any case, and passes IDs through', () => {
		expect(resolveNames('Departments', 'department', toNamesOrIds('Departments', ' sales , 99, human resources'), departments)).toEqual([2, 99, 3]);
	});

	it('an unknown name fails, naming the parameter and the closest names', () => {
		const error = problem(() => resolveNames('Departments', 'department', [{ name: 'Enginering' }], departments));
		expect(error.parameter).toBe('Departments');
		expect(error.message).toBe(`'Departments': Freshservice has no department named "Enginering"; the closest are "Engineering", "IT", "Sales"`);
		expect(closestNames('human', departments.map((department) => department.name))[0]).toBe('Human Resources');
		expect(problem(() => resolveNames('Location', 'location', [{ name: 'Paris' }], [])).message).toMatch(/has no locations yet/);
	});

	it('a manager is an email or an ID', () => {
		expect(toEmailOrId('M', 'Boss@X.example')).toEqual({ email: 'boss@x.example' });
		expect(toEmailOrId('M', 21000000001)).toEqual({ id: 21000000001 });
		expect(problem(() => toEmailOrId('M', 'boss@')).parameter).toBe('M');
	});
});
