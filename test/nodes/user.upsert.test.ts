import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes, stored } = useSimulator();

// Each lookup counts against the list-requesters sub-limit (140 a minute on Enterprise); waiting
// out the window is the rate limiter's business, tested elsewhere.
beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

interface Person extends IDataObject {
	first_name: string;
	last_name: string;
	email: string;
	job_title: string;
}

function roster(size: number, prefix = 'person'): Person[] {
	return Array.from({ length: size }, (_, index) => ({
		first_name: `First${index}`,
		last_name: `Last${index}`,
		email: `${prefix}${index}@hr.example`,
		job_title: `Title ${index}`,
	}));
}

/** Create or Update with *Map Automatically*: each input item is one person, as an HR system sends them. */
function upsertParameters(extra: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'user',
		operation: 'upsert',
		userType: 'requester',
		columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
		options,
		...extra,
	};
}

async function upsert(input: IDataObject[], extra: INodeParameters = {}, options: INodeParameters = {}) {
	const result = await runNode({ credentials: credentials(), parameters: upsertParameters(extra, options), input, continueOnFail: true });
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json as IDataObject & { provisioning: IDataObject });
}

const actions = (items: Array<{ provisioning: IDataObject }>) => items.map((item) => item.provisioning?.action);

describe('Create or Update: a roster sent again and again', () => {
	it('creates 50 people, then writes nothing when the same roster comes again; 3 new titles are 3 updates of job_title only', async () => {
		const people = roster(50);
		const first = await upsert(people);
		expect(actions(first)).toEqual(Array(50).fill('created'));
		expect(writes().map((entry) => entry.method)).toEqual(Array(50).fill('POST'));
		expect(first.map((item) => item.id)).toEqual(people.map((person) => sim().control.requesterByEmail(person.email)!.id));

		sim().control.clearLog();
		const second = await upsert(people);
		expect(actions(second)).toEqual(Array(50).fill('unchanged'));
		expect(writes()).toEqual([]);
		// One lookup per person, nothing else.
		expect(apiCalls()).toHaveLength(50);

		sim().control.clearLog();
		const promoted = people.map((person, index) => ([4, 17, 33].includes(index) ? { ...person, job_title: `Senior ${person.job_title}` } : person));
		const third = await upsert(promoted);
		expect(actions(third).filter((action) => action === 'updated')).toHaveLength(3);
		expect(writes().map((entry) => [entry.method, entry.requestBody])).toEqual(
			[4, 17, 33].map((index) => ['PUT', { job_title: `Senior Title ${index}` }]),
		);
		expect(third[17].provisioning.changes).toEqual({ job_title: { from: 'Title 17', to: 'Senior Title 17' } });
		expect(sim().control.requesterByEmail('person17@hr.example')!.job_title).toBe('Senior Title 17');
	});

	it('an unchanged requester costs exactly one request', async () => {
		const [person] = roster(1);
		await upsert([person]);
		sim().control.clearLog();
		const [item] = await upsert([{ ...person, email: person.email.toUpperCase(), job_title: ` ${person.job_title} ` }]);
		expect(item.provisioning).toEqual({ action: 'unchanged', userType: 'requester', dryRun: false });
		expect(apiCalls().map((entry) => [entry.method, entry.path, entry.query])).toEqual([
			['GET', '/api/v2/requesters', { email: person.email, include_agents: 'true' }],
		]);
	});

	it('reactivates a rehire, then updates what differs', async () => {
		const [person] = roster(1);
		const [created] = await upsert([person]);
		await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: person.email } },
		});
		expect(sim().control.requesterByEmail(person.email)!.active).toBe(false);
		sim().control.clearLog();

		const [item] = await upsert([{ ...person, job_title: 'Rehired' }]);
		expect(item).toMatchObject({ id: created.id, active: true, job_title: 'Rehired' });
		expect(item.provisioning).toMatchObject({ action: 'reactivated', changes: { job_title: { from: person.job_title, to: 'Rehired' } } });
		expect(writes().map((entry) => [entry.method, entry.path, entry.requestBody])).toEqual([
			['PUT', `/api/v2/requesters/${String(created.id)}/reactivate`, null],
			['PUT', `/api/v2/requesters/${String(created.id)}`, { job_title: 'Rehired' }],
		]);
		expect(sim().control.requesterByEmail(person.email)).toMatchObject({ active: true, job_title: 'Rehired' });
	});

	it('leaves a deactivated user alone when Reactivate Deactivated Users is off, and says so', async () => {
		const [person] = roster(1);
		await upsert([person]);
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: person.email } } });
		sim().control.clearLog();
		const [item] = await upsert([{ ...person, job_title: 'Rehired' }], {}, { reactivateDeactivated: false });
		expect(item.provisioning).toMatchObject({ action: 'skipped', reason: expect.stringContaining("'Reactivate Deactivated Users' is off") });
		expect(writes()).toEqual([]);
	});
});

describe('Create or Update: names instead of IDs', () => {
	it('a 200-person roster naming departments, locations and managers reads each list once', async () => {
		const managers = sim().control.seed({ requesters: 4, randomSeed: 7 }).requesterIds.map((id) => sim().control.userById(id)!.record as unknown as IDataObject);
		const departments = ['Engineering', 'sales', ' Human Resources ', 'Finance, IT'];
		const locations = ['London HQ', 'new york', 'Berlin'];
		const people = roster(200).map((person, index) => ({
			...person,
			department_ids: departments[index % departments.length],
			location_id: locations[index % locations.length],
			reporting_manager_id: String(managers[index % managers.length].primary_email).toUpperCase(),
		}));
		sim().control.clearLog();
		const items = await upsert(people);
		expect(items.filter((item) => item.provisioning.action !== 'created')).toEqual([]);
		const reads = (path: string) => apiCalls().filter((entry) => entry.method === 'GET' && entry.path === path).length;
		expect(reads('/api/v2/departments')).toBe(1);
		expect(reads('/api/v2/locations')).toBe(1);
		const state = sim().control.state();
		const departmentId = (name: string) => state.departments.find((department) => department.name === name)!.id;
		const stored = sim().control.requesterByEmail('person3@hr.example')!;
		expect(stored.department_ids).toEqual([departmentId('Finance'), departmentId('IT')]);
		expect(stored.location_id).toBe(state.locations.find((location) => location.name === 'London HQ')!.id);
		expect(stored.reporting_manager_id).toBe(managers[3].id);
		// Each manager is looked up once, however many people report to them.
		const managerLookups = apiCalls().filter((entry) => entry.method === 'GET' && managers.some((manager) => entry.query.email === manager.primary_email));
		expect(managerLookups).toHaveLength(4);

		sim().control.clearLog();
		expect(actions(await upsert(people))).toEqual(Array(200).fill('unchanged'));
		expect(writes()).toEqual([]);
	});

	it('bad values fail only their item, naming the field; only the unknown names reach the network', async () => {
		const good = roster(1, 'good')[0];
		const input = [
			{ ...roster(1, 'dept')[0], department_ids: 'Enginering' },
			{ ...roster(1, 'mgr')[0], reporting_manager_id: 'nobody@hr.example' },
			{ ...roster(1, 'choice')[0], cost_center: 'CC-999 Nowhere' },
			{ ...roster(1, 'number')[0], desk_number: 'abc' },
			good,
		];
		const items = await upsert(input);
		expect(items.map((item) => item.error ?? item.provisioning.action)).toEqual([
			expect.stringMatching(/^'Departments \(Names or IDs\)': Freshservice has no department named "Enginering"; the closest are "Engineering"/),
			expect.stringMatching(/^'Reporting Manager \(Email or ID\)': no Freshservice user \(requester or agent\) has the email nobody@hr\.example/),
			expect.stringMatching(/^'Cost Center' must be one of its choices in Freshservice, not "CC-999 Nowhere"/),
			expect.stringMatching(/^'Desk Number' is a number field and takes whole numbers only, not "abc"/),
			'created',
		]);
		const touched = (email: string) => apiCalls().filter((entry) => entry.query.email === email || JSON.stringify(entry.requestBody ?? '').includes(email));
		for (const prefix of ['dept', 'mgr', 'choice', 'number']) expect(touched(`${prefix}0@hr.example`)).toEqual([]);
		expect(apiCalls().filter((entry) => entry.query.email === 'nobody@hr.example').length).toBeGreaterThan(0);
		expect(writes().map((entry) => (entry.requestBody as IDataObject).primary_email)).toEqual([good.email]);
	});
});

describe('Create or Update: Dry Run', () => {
	it('changes nothing, and reports item by item what the real run then does', async () => {
		const people = roster(6);
		await upsert(people.slice(0, 4));
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: people[2].email } } });
		const next = [
			people[0],
			{ ...people[1], job_title: 'Promoted', department_ids: 'Sales' },
			{ ...people[2], job_title: 'Rehired' },
			{ ...people[3], cost_center: 'CC-200 Sales' },
			people[4],
			{ ...people[5], first_name: '   ' },
		];
		const before = stored();
		sim().control.clearLog();
		const dry = await upsert(next, {}, { dryRun: true });
		expect(stored()).toBe(before);
		expect(writes()).toEqual([]);
		const real = await upsert(next);
		expect(actions(dry)).toEqual(['unchanged', 'wouldUpdate', 'wouldReactivate', 'wouldUpdate', 'wouldCreate', undefined]);
		expect(actions(real)).toEqual(['unchanged', 'updated', 'reactivated', 'updated', 'created', undefined]);
		expect(dry.map((item) => item.provisioning?.changes)).toEqual(real.map((item) => item.provisioning?.changes));
		expect(dry.every((item) => item.provisioning === undefined || item.provisioning.dryRun === true)).toBe(true);
		// A blank first name is no first name: the new person cannot be created, either way.
		expect(dry[5].error).toBe(real[5].error);
		expect(real[5].error).toMatch(/^'First Name' is empty/);
	});
});

describe('Create or Update: agents and the other user type', () => {
	const agentParameters = (roles: INodeParameters[]): INodeParameters => ({ userType: 'agent', roles: { role: roles } });

	it('creates an agent with a role named, then an unchanged agent costs one request unless agent-only fields are mapped', async () => {
		const ada = { first_name: 'Ada', email: 'ada@hr.example', job_title: 'Analyst' };
		const [created] = await upsert([ada], agentParameters([{ roleId: 'SD Agent', assignmentScope: 'entire_helpdesk' }]));
		expect(created.provisioning).toMatchObject({ action: 'created', userType: 'agent' });
		const sdAgent = sim().control.state().roles.find((role) => role.name === 'SD Agent')!;
		expect(sim().control.agentByEmail('ada@hr.example')!.roles).toEqual([{ role_id: sdAgent.id, assignment_scope: 'entire_helpdesk', groups: [] }]);

		sim().control.clearLog();
		const [plain] = await upsert([ada], { userType: 'agent' });
		expect(plain.provisioning).toMatchObject({ action: 'unchanged', userType: 'agent' });
		expect(apiCalls()).toHaveLength(1);

		sim().control.clearLog();
		const [withRoles] = await upsert([ada], agentParameters([{ roleId: String(sdAgent.id), assignmentScope: 'entire_helpdesk' }]));
		expect(withRoles.provisioning).toMatchObject({ action: 'unchanged' });
		expect(apiCalls().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /api/v2/requesters', `GET /api/v2/agents/${String(created.id)}`]);

		sim().control.clearLog();
		const [promoted] = await upsert([ada], agentParameters([{ roleId: 'SD Supervisor', assignmentScope: 'entire_helpdesk' }]));
		expect(promoted.provisioning).toMatchObject({ action: 'updated' });
		expect(writes().map((entry) => entry.requestBody)).toEqual([
			{ roles: [{ role_id: sim().control.state().roles.find((role) => role.name === 'SD Supervisor')!.id, assignment_scope: 'entire_helpdesk' }] },
		]);
	});

	it('leaves a requester alone when asked for an agent, and converts only with Convert User Type; the ID stays', async () => {
		const [requester] = await upsert([{ first_name: 'Jo', email: 'jo@hr.example' }]);
		sim().control.clearLog();
		const roles = [{ roleId: 'SD Agent', assignmentScope: 'entire_helpdesk' }];
		const [skipped] = await upsert([{ first_name: 'Jo', email: 'jo@hr.example' }], agentParameters(roles));
		expect(skipped.provisioning).toMatchObject({ action: 'skipped', userType: 'requester', reason: expect.stringContaining("'Convert User Type'") });
		expect(writes()).toEqual([]);

		const [dry] = await upsert([{ first_name: 'Jo', email: 'jo@hr.example' }], agentParameters(roles), { convertUserType: true, dryRun: true });
		expect(dry.provisioning).toMatchObject({ action: 'wouldConvert', dryRun: true });
		expect(writes()).toEqual([]);

		const [converted] = await upsert([{ first_name: 'Jo', email: 'jo@hr.example' }], agentParameters(roles), { convertUserType: true });
		expect(converted).toMatchObject({ id: requester.id, provisioning: { action: 'converted', userType: 'agent' } });
		expect(writes().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`PUT /api/v2/requesters/${String(requester.id)}/convert_to_agent`,
			`PUT /api/v2/agents/${String(requester.id)}`,
		]);
		expect(sim().control.agentByEmail('jo@hr.example')).toMatchObject({ id: requester.id });
	});
});

describe('Create or Update: Fields to Clear', () => {
	it('clears only what is not already empty; whitespace is blank, never a write', async () => {
		const person = { first_name: 'Kim', email: 'kim@hr.example', job_title: 'Engineer', employee_id: 'E-7' };
		await upsert([person]);
		sim().control.clearLog();
		const clear = { fieldsToClear: ['job_title', 'custom_fields.employee_id', 'address'] };
		const [cleared] = await upsert([{ first_name: 'Kim', email: 'kim@hr.example', job_title: '   ' }], clear);
		expect(cleared.provisioning).toMatchObject({
			action: 'updated',
			changes: { job_title: { from: 'Engineer', to: null }, 'custom_fields.employee_id': { from: 'E-7', to: null } },
		});
		expect(writes().map((entry) => entry.requestBody)).toEqual([{ job_title: null, custom_fields: { employee_id: null } }]);
		expect(sim().control.requesterByEmail('kim@hr.example')).toMatchObject({ job_title: null, custom_fields: { employee_id: null } });

		sim().control.clearLog();
		const [again] = await upsert([{ first_name: 'Kim', email: 'kim@hr.example' }], clear);
		expect(again.provisioning.action).toBe('unchanged');
		expect(apiCalls()).toHaveLength(1);
	});

	it('refuses to clear a field the same item sets, or the name', async () => {
		const items = await upsert(
			[
				{ first_name: 'Kim', email: 'kim@hr.example', job_title: 'CTO' },
				{ first_name: 'Lee', email: 'lee@hr.example' },
			],
			{ fieldsToClear: '={{ $json.email.startsWith("kim") ? ["job_title"] : ["first_name"] }}' },
		);
		expect(items.map((item) => item.error)).toEqual([
			expect.stringMatching(/^'Fields to Clear' lists "job_title", which this item also sets/),
			expect.stringMatching(/^'Fields to Clear': Freshservice requires 'First Name', so it cannot be cleared/),
		]);
		expect(apiCalls()).toEqual([]);
	});
});

describe('Create or Update: an email Freshservice already holds', () => {
	it('a person the lookup does not list is found when the create meets their email, and carried on as an update', async () => {
		for (const duplicateEmailStatus of [409, 400] as const) {
			sim().control.reset();
			sim().control.configure({ rateLimit: { enabled: false }, behaviours: { emailFilterIncludesInactive: false, duplicateEmailStatus } });
			const [person] = roster(1);
			const [created] = await upsert([person]);
			await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: person.email } } });
			sim().control.clearLog();
			const [item] = await upsert([{ ...person, job_title: 'Back' }]);
			expect(item).toMatchObject({ id: created.id, active: true, job_title: 'Back', provisioning: { action: 'reactivated' } });
			expect(writes().map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
				`POST /api/v2/requesters ${duplicateEmailStatus}`,
				`PUT /api/v2/requesters/${String(created.id)}/reactivate 200`,
				`PUT /api/v2/requesters/${String(created.id)} 200`,
			]);
			expect(sim().control.state().requesters.filter((requester) => requester.primary_email === person.email)).toHaveLength(1);
		}
	});

	it('says which email is taken and what to check when no lookup finds who has it', async () => {
		await upsert([{ first_name: 'Pat', email: 'pat@hr.example', secondary_emails: 'p.old@hr.example' }]);
		sim().control.clearLog();
		const [item] = await upsert([{ first_name: 'Pat', email: 'p.old@hr.example' }]);
		expect(item.error).toBe('Freshservice says the email p.old@hr.example is taken, but no lookup finds who has it');
		expect(item.description).toMatch(/secondary email of another requester/);
	});

	it('matches a secondary email where the email filter does, and keeps that person\'s primary email', async () => {
		sim().control.configure({ behaviours: { emailFilterMatchesSecondary: true } });
		const [pat] = await upsert([{ first_name: 'Pat', email: 'pat@hr.example', secondary_emails: 'p.old@hr.example' }]);
		sim().control.clearLog();
		const [item] = await upsert([{ first_name: 'Pat', email: 'P.Old@hr.example', job_title: 'Lead' }]);
		expect(item).toMatchObject({ id: pat.id, primary_email: 'pat@hr.example', job_title: 'Lead', provisioning: { action: 'updated' } });
		expect(writes().map((entry) => entry.requestBody)).toEqual([{ job_title: 'Lead' }]);
	});

	it("a create whose answer is lost is checked with one lookup: the new user is reported created, once", async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'dropAfterCommit', method: 'POST', pathPattern: '/api/v2/requesters' }] } });
		const [person] = roster(1);
		const [item] = await upsert([person]);
		expect(item.provisioning).toMatchObject({ action: 'created' });
		expect(item.primary_email).toBe(person.email);
		expect(apiCalls().map((entry) => `${entry.method} ${entry.path} ${String(entry.status)}`)).toEqual([
			'GET /api/v2/requesters 200',
			'POST /api/v2/requesters null',
			'GET /api/v2/requesters 200',
		]);
		expect(sim().control.state().requesters.filter((requester) => requester.primary_email === person.email)).toHaveLength(1);
	});

	it('Create: a lost answer for an email someone had before is reported as taken, not as created', async () => {
		const seeded = sim().control.userById(sim().control.seed({ requesters: 1, randomSeed: 11 }).requesterIds[0])!.record as unknown as IDataObject;
		sim().control.configure({ faults: { queue: [{ kind: 'status', status: 502, method: 'POST', pathPattern: '/api/v2/requesters' }] } });
		sim().control.clearLog();
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'create', userType: 'requester', firstName: 'Again', email: String(seeded.primary_email), additionalFields: {} },
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toBe(`The email ${String(seeded.primary_email)} already belongs to requester ${String(seeded.id)}, created ${String(seeded.created_at)}; nothing was created`);
		expect(apiCalls().map((entry) => `${entry.method} ${entry.status}`)).toEqual(['POST 502', 'GET 200']);
	});
});

describe('Create or Update: a rehire under every undocumented behaviour', () => {
	const settings = [true, false].flatMap((emailFilterIncludesInactive) =>
		(['allow', 'reject'] as const).flatMap((updateInactive) =>
			[true, false].map((deactivateClearsFields) => ({ emailFilterIncludesInactive, updateInactive, deactivateClearsFields })),
		),
	);
	it.each(settings)('%j', async (behaviours) => {
		sim().control.configure({ behaviours });
		const person = { ...roster(1)[0], department_ids: 'Sales', location_id: 'Berlin' };
		const [created] = await upsert([person]);
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: person.email } } });
		const rehire = { ...person, job_title: 'Rehired' };
		const before = stored();
		const [dry] = await upsert([rehire], {}, { dryRun: true });
		expect(stored()).toBe(before);
		const [real] = await upsert([rehire]);
		expect([dry.provisioning.action, real.provisioning.action]).toEqual(['wouldReactivate', 'reactivated']);
		expect(dry.provisioning.changes).toEqual(real.provisioning.changes);
		const state = sim().control.state();
		expect(sim().control.requesterByEmail(person.email)).toMatchObject({
			id: created.id,
			active: true,
			job_title: 'Rehired',
			department_ids: [state.departments.find((department) => department.name === 'Sales')!.id],
			location_id: state.locations.find((location) => location.name === 'Berlin')!.id,
		});
		sim().control.clearLog();
		expect((await upsert([rehire]))[0].provisioning.action).toBe('unchanged');
		expect(writes()).toEqual([]);
	});
});

describe('Create or Update: Map Each Field Below', () => {
	it('takes each field from its expression; a Yes/No left empty leaves the field as it is', async () => {
		const columns = {
			mappingMode: 'defineBelow',
			value: { email: '={{ $json.mail }}', first_name: '={{ $json.given }}', job_title: '={{ $json.title }}', cost_center: '={{ $json.cc }}', remote_worker: true },
			matchingColumns: ['email'],
			schema: [],
		};
		const [created] = await upsert([{ mail: 'Max@HR.example', given: 'Max', title: 'Buyer', cc: 'CC-200 Sales' }], { columns });
		expect(created.provisioning.action).toBe('created');
		expect(sim().control.requesterByEmail('max@hr.example')).toMatchObject({
			first_name: 'Max',
			job_title: 'Buyer',
			custom_fields: { cost_center: 'CC-200 Sales', remote_worker: true },
		});
		sim().control.clearLog();
		const withoutSwitch = { ...columns, value: { email: '={{ $json.mail }}', first_name: '={{ $json.given }}' } };
		expect((await upsert([{ mail: 'max@hr.example', given: 'Max' }], { columns: withoutSwitch }))[0].provisioning.action).toBe('unchanged');
		expect(apiCalls().map((entry) => entry.path)).toEqual(['/api/v2/requesters']);
	});
});
