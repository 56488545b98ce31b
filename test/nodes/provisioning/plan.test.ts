import type { FieldChanges } from '../../../nodes/FreshserviceProvisioning/provisioning/diff';
import { diffUser, sameValue } from '../../../nodes/FreshserviceProvisioning/provisioning/diff';
import type { CurrentUser, DesiredUser, PlanOptions } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';
import { needsFullAgentRecord, planAction, planUser } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';
import { InvalidValueError } from '../../../nodes/FreshserviceProvisioning/provisioning/values';

const DEFAULTS: PlanOptions = { reactivate: true, convertUserType: false };

function requesterRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: 21000418006,
		is_agent: false,
		first_name: 'Jane',
		last_name: 'Doe',
		job_title: 'Engineer',
		primary_email: 'jane.doe@acme.example',
		secondary_emails: ['jd@old.example'],
		work_phone_number: '+44 20 7946 0000',
		mobile_phone_number: null,
		department_ids: [21000000101, 21000000102],
		can_see_all_tickets_from_associated_departments: false,
		reporting_manager_id: 21000000900,
		address: null,
		time_zone: 'London',
		time_format: '12h',
		language: 'en',
		location_id: 21000000201,
		background_information: null,
		custom_fields: { employee_id: 'E100', cost_center: 'CC-100 Engineering', remote_worker: false, badge: 7 },
		external_id: null,
		active: true,
		...overrides,
	};
}

const requester = (overrides: Record<string, unknown> = {}): CurrentUser => ({ userType: 'requester', record: requesterRecord(overrides) });

function desired(fields: Record<string, unknown>, extra: Partial<DesiredUser> = {}): DesiredUser {
	return {
		userType: 'requester',
		email: 'jane.doe@acme.example',
		fields: { first_name: 'Jane', primary_email: 'jane.doe@acme.example', ...fields },
		clear: [],
		...extra,
	};
}

/** Each row: the desired fields (on top of name and email), what Freshservice holds, and the update body expected (undefined: no write). */
const DIFF_CASES: Array<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown> | undefined]> = [
	['same title', { job_title: 'Engineer' }, {}, undefined],
	['new title', { job_title: 'CTO' }, {}, { job_title: 'CTO' }],
	['title differing only in stored whitespace', { job_title: 'Engineer' }, { job_title: ' Engineer ' }, undefined],
	['title differing in case is a change', { job_title: 'engineer' }, {}, { job_title: 'engineer' }],
	['email in another case', { primary_email: 'jane.doe@acme.example' }, { primary_email: 'Jane.Doe@ACME.example' }, undefined],
	['departments in another order', { department_ids: [21000000102, 21000000101] }, {}, undefined],
	['departments given as strings', { department_ids: ['21000000101', '21000000102'] }, {}, undefined],
	['one department more', { department_ids: [21000000101, 21000000102, 21000000103] }, {}, { department_ids: [21000000101, 21000000102, 21000000103] }],
	['secondary emails as a set, any case', { secondary_emails: ['JD@old.example'] }, {}, undefined],
	['secondary email added', { secondary_emails: ['jd@old.example', 'j@new.example'] }, {}, { secondary_emails: ['jd@old.example', 'j@new.example'] }],
	['manager id as string equals number', { reporting_manager_id: '21000000900' }, {}, undefined],
	['other manager', { reporting_manager_id: 21000000901 }, {}, { reporting_manager_id: 21000000901 }],
	['location set from null', { location_id: 21000000201 }, { location_id: null }, { location_id: 21000000201 }],
	['phone given as number, stored as string', { mobile_phone_number: 5551234 }, { mobile_phone_number: '5551234' }, undefined],
	['boolean unchanged', { can_see_all_tickets_from_associated_departments: false }, {}, undefined],
	['boolean changed', { can_see_all_tickets_from_associated_departments: true }, {}, { can_see_all_tickets_from_associated_departments: true }],
	['custom text same', { custom_fields: { employee_id: 'E100' } }, {}, undefined],
	['custom text "true" is not the checkbox true', { custom_fields: { employee_id: 'true' } }, { custom_fields: { employee_id: true } }, { custom_fields: { employee_id: 'true' } }],
	['custom checkbox same', { custom_fields: { remote_worker: false } }, {}, undefined],
	['custom checkbox changed: only that key is sent', { custom_fields: { remote_worker: true, employee_id: 'E100' } }, {}, { custom_fields: { remote_worker: true } }],
	['custom number as stored', { custom_fields: { badge: 7 } }, {}, undefined],
	['custom dropdown changed', { custom_fields: { cost_center: 'CC-200 Sales' } }, {}, { custom_fields: { cost_center: 'CC-200 Sales' } }],
	['custom field unknown to the record', { custom_fields: { new_field: 'x' } }, {}, { custom_fields: { new_field: 'x' } }],
	['department visibility kept on an update', { job_title: 'CTO' }, { can_see_all_tickets_from_associated_departments: true }, { job_title: 'CTO', can_see_all_tickets_from_associated_departments: true }],
	['department visibility alone needs no write', {}, { can_see_all_tickets_from_associated_departments: true }, undefined],
	['time zone same', { time_zone: 'London' }, {}, undefined],
	['first name trimmed by Freshservice', { first_name: 'Jane' }, { first_name: 'Jane ' }, undefined],
];

describe('planUser: found requester, compared field by field', () => {
	it.each(DIFF_CASES)('%s', (_name, fields, recordOverrides, expectedBody) => {
		const plan = planUser(desired(fields), requester(recordOverrides), DEFAULTS);
		if (expectedBody === undefined) {
			expect(plan).toEqual({ outcome: 'none', steps: [], changes: {}, userType: 'requester' });
			expect(planAction(plan, false)).toBe('unchanged');
			expect(planAction(plan, true)).toBe('unchanged');
		} else {
			expect(plan.outcome).toBe('update');
			expect(plan.steps).toEqual([{ kind: 'update', userType: 'requester', id: 21000418006, body: expectedBody, changes: plan.changes }]);
			expect(planAction(plan, false)).toBe('updated');
			expect(planAction(plan, true)).toBe('wouldUpdate');
		}
	});

	it('reports each change with what Freshservice held', () => {
		const plan = planUser(desired({ job_title: 'CTO', custom_fields: { cost_center: 'CC-200 Sales' } }), requester(), DEFAULTS);
		expect(plan.changes).toEqual<FieldChanges>({
			job_title: { from: 'Engineer', to: 'CTO' },
			'custom_fields.cost_center': { from: 'CC-100 Engineering', to: 'CC-200 Sales' },
		});
	});

	it('keeps the primary email of someone matched on a secondary email', () => {
		const plan = planUser(
			desired({ primary_email: 'jd@old.example', job_title: 'Engineer' }, { email: 'jd@old.example' }),
			requester(),
			DEFAULTS,
		);
		expect(plan.outcome).toBe('none');
	});

	it('changes the primary email when it is not one of theirs', () => {
		const plan = planUser(desired({ primary_email: 'jane@new.example' }, { email: 'jane@new.example' }), requester(), DEFAULTS);
		expect(plan.steps[0]).toMatchObject({ kind: 'update', body: { primary_email: 'jane@new.example' } });
	});
});

describe('planUser: clearing', () => {
	const CLEAR_CASES: Array<[string, string, Record<string, unknown>, unknown]> = [
		['a filled title', 'job_title', {}, null],
		['departments, as an empty list', 'department_ids', {}, []],
		['secondary emails, as an empty list', 'secondary_emails', {}, []],
		['a filled custom field', 'custom_fields.employee_id', {}, null],
		['the manager', 'reporting_manager_id', {}, null],
	];
	it.each(CLEAR_CASES)('clears %s', (_name, key, overrides, sent) => {
		const plan = planUser(desired({}, { clear: [key] }), requester(overrides), DEFAULTS);
		const custom = key.startsWith('custom_fields.');
		expect(plan.steps).toEqual([
			{
				kind: 'update',
				userType: 'requester',
				id: 21000418006,
				body: custom ? { custom_fields: { [key.slice('custom_fields.'.length)]: sent } } : { [key]: sent },
				changes: plan.changes,
			},
		]);
		expect(Object.keys(plan.changes)).toEqual([key]);
		expect(plan.changes[key].to).toEqual(sent);
	});

	it.each([
		['an empty address', 'address', { address: null }],
		['a blank address', 'address', { address: '   ' }],
		['no departments', 'department_ids', { department_ids: [] }],
		['an empty custom field', 'custom_fields.employee_id', { custom_fields: { employee_id: null } }],
		['a custom field the record does not have', 'custom_fields.nothing', {}],
	])('clearing %s is no change', (_name, key, overrides) => {
		expect(planUser(desired({}, { clear: [key] }), requester(overrides), DEFAULTS).outcome).toBe('none');
	});
});

describe('planUser: not found, deactivated, other type', () => {
	it('creates with every field the user set, email as the type spells it', () => {
		const plan = planUser(desired({ job_title: 'CTO', custom_fields: { employee_id: 'E1' } }, { clear: ['address'] }), undefined, DEFAULTS);
		expect(plan.outcome).toBe('create');
		expect(plan.steps).toEqual([
			{
				kind: 'create',
				userType: 'requester',
				payload: { first_name: 'Jane', primary_email: 'jane.doe@acme.example', job_title: 'CTO', custom_fields: { employee_id: 'E1' } },
			},
		]);
		expect(plan.changes).toEqual({
			first_name: { from: null, to: 'Jane' },
			primary_email: { from: null, to: 'jane.doe@acme.example' },
			job_title: { from: null, to: 'CTO' },
			'custom_fields.employee_id': { from: null, to: 'E1' },
		});
		expect([planAction(plan, false), planAction(plan, true)]).toEqual(['created', 'wouldCreate']);
	});

	it('creates an agent with the email key agents use', () => {
		const roles = [{ role_id: 5, assignment_scope: 'entire_helpdesk' }];
		const plan = planUser({ userType: 'agent', email: 'a@acme.example', fields: { first_name: 'A', roles }, clear: [] }, undefined, DEFAULTS);
		expect(plan.steps).toEqual([{ kind: 'create', userType: 'agent', payload: { first_name: 'A', roles, email: 'a@acme.example' } }]);
	});

	it('refuses to plan a create without a first name, or an agent without roles, naming the parameter', () => {
		expect(() => planUser({ userType: 'requester', email: 'x@acme.example', fields: { job_title: 'CTO' }, clear: [] }, undefined, DEFAULTS)).toThrow(
			expect.objectContaining({ parameter: 'First Name' }) as InvalidValueError,
		);
		expect(() => planUser({ userType: 'agent', email: 'x@acme.example', fields: { first_name: 'X' }, clear: [] }, undefined, DEFAULTS)).toThrow(
			expect.objectContaining({ parameter: 'Roles' }) as InvalidValueError,
		);
	});

	it('but a found user needs neither', () => {
		expect(planUser({ userType: 'requester', email: 'jane.doe@acme.example', fields: { job_title: 'Engineer' }, clear: [] }, requester(), DEFAULTS).outcome).toBe('none');
	});

	it('reactivates a deactivated user, then updates what differs', () => {
		const plan = planUser(desired({ job_title: 'CTO' }), requester({ active: false }), DEFAULTS);
		expect(plan.outcome).toBe('reactivate');
		expect(plan.steps).toEqual([
			{ kind: 'reactivate', userType: 'requester', id: 21000418006 },
			{ kind: 'update', userType: 'requester', id: 21000418006, body: { job_title: 'CTO' }, changes: { job_title: { from: 'Engineer', to: 'CTO' } } },
		]);
		expect([planAction(plan, false), planAction(plan, true)]).toEqual(['reactivated', 'wouldReactivate']);
	});

	it('reactivates alone when nothing else differs', () => {
		expect(planUser(desired({ job_title: 'Engineer' }), requester({ active: false }), DEFAULTS).steps).toEqual([
			{ kind: 'reactivate', userType: 'requester', id: 21000418006 },
		]);
	});

	it('skips a deactivated user when reactivation is off, saying why', () => {
		const plan = planUser(desired({ job_title: 'CTO' }), requester({ active: false }), { ...DEFAULTS, reactivate: false });
		expect(plan.outcome).toBe('skip');
		expect(plan.steps).toEqual([]);
		expect(plan.reason).toMatch(/deactivated requester; 'Reactivate Deactivated Users' is off/);
		expect(planAction(plan, true)).toBe('skipped');
	});

	it('skips a user of the other type by default, saying how to convert', () => {
		const agent: CurrentUser = { userType: 'agent', record: requesterRecord({ is_agent: true }) };
		const plan = planUser(desired({ job_title: 'CTO' }), agent, DEFAULTS);
		expect(plan).toMatchObject({ outcome: 'skip', steps: [], userType: 'agent' });
		expect(plan.reason).toMatch(/belongs to an agent, not a requester.*'Convert User Type'/);
	});

	it('converts first when asked, then updates against the old record', () => {
		const roles = [{ role_id: 5, assignment_scope: 'entire_helpdesk' }];
		const plan = planUser(
			{ userType: 'agent', email: 'jane.doe@acme.example', fields: { first_name: 'Jane', email: 'jane.doe@acme.example', roles }, clear: [] },
			requester(),
			{ ...DEFAULTS, convertUserType: true },
		);
		expect(plan.outcome).toBe('convert');
		expect(plan.steps).toEqual([
			{ kind: 'convert', from: 'requester', to: 'agent', id: 21000418006 },
			{ kind: 'update', userType: 'agent', id: 21000418006, body: { roles }, changes: { roles: { from: null, to: roles } } },
		]);
		expect([planAction(plan, false), planAction(plan, true)]).toEqual(['converted', 'wouldConvert']);
	});

	it('reactivates, then converts, then updates', () => {
		const plan = planUser(desired({}), { userType: 'agent', record: requesterRecord({ active: false }) }, { reactivate: true, convertUserType: true });
		expect(plan.steps.map((step) => step.kind)).toEqual(['reactivate', 'convert']);
		expect(plan.steps[0]).toMatchObject({ userType: 'agent' });
	});
});

describe('roles compare by value, as a set', () => {
	const held = [
		{ role_id: 1, assignment_scope: 'entire_helpdesk', groups: [] },
		{ role_id: 2, assignment_scope: 'specified_groups', groups: [20, 10] },
	];
	it.each([
		['same, other order, groups other order', [held[1], held[0]].map((role) => ({ ...role, groups: [...role.groups].reverse() })), true],
		['groups ignored unless specified_groups', [{ role_id: 1, assignment_scope: 'entire_helpdesk' }, held[1]], true],
		['one role fewer', [held[0]], false],
		['another scope', [{ role_id: 1, assignment_scope: 'member_groups' }, held[1]], false],
		['another group', [held[0], { ...held[1], groups: [10, 30] }], false],
	])('%s', (_name, wanted, same) => {
		expect(sameValue('roles', held, wanted)).toBe(same);
	});
});

describe('needsFullAgentRecord', () => {
	const agent = (fields: Record<string, unknown>, clear: string[] = []): DesiredUser => ({ userType: 'agent', email: 'a@acme.example', fields, clear });
	it.each([
		[{ first_name: 'A', email: 'a@acme.example', job_title: 'x', department_ids: [1], location_id: 2 }, [], false],
		[{ first_name: 'A', roles: [] }, [], true],
		[{ first_name: 'A', occasional: true }, [], true],
		[{ first_name: 'A', member_of: [1] }, [], true],
		[{ first_name: 'A', custom_fields: { shift: 'Day' } }, [], true],
		[{ first_name: 'A' }, ['custom_fields.shift'], true],
		[{ first_name: 'A' }, ['job_title'], false],
	])('%j clearing %j → %s', (fields, clear, expected) => {
		expect(needsFullAgentRecord(agent(fields, clear as string[]))).toBe(expected);
	});
});

describe('diffUser', () => {
	it('sends only what differs, on plain values, many times', () => {
		// A quick property check: a record planned against itself never needs a write.
		for (let index = 0; index < 500; index++) {
			const record = requesterRecord({ job_title: `Title ${index}`, department_ids: [index + 1, index + 2] });
			const fields = { job_title: `Title ${index}`, department_ids: [index + 2, index + 1], primary_email: 'JANE.DOE@acme.example' };
			expect(diffUser(record, { userType: 'requester', fields, clear: [] }).changes).toEqual({});
		}
	});
});
