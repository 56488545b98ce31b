import type { IDataObject, INodeParameters, ResourceMapperFields } from 'n8n-workflow';

import { SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';
import { loadOptions, runNode } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes } = useSimulator();

beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

type Item = IDataObject & { provisioning: IDataObject };

/** Create with *Map Automatically*, one request per person by the employee's email (the editor's default). */
function createParameters(resource: string, options: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters {
	return {
		resource,
		operation: 'create',
		formFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['cf_employee_email'], schema: [] },
		options,
		...extra,
	};
}

async function onboard(input: IDataObject[], options: INodeParameters = {}, extra: INodeParameters = {}) {
	const result = await runNode({ credentials: credentials(), parameters: createParameters('onboardingRequest', options, extra), input, continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	return result.items.map((item) => item.json as Item);
}

/** A hire as an HR system sends it: columns named like the form's labels or field names, in any case. */
const hire = (index: number, extra: IDataObject = {}): IDataObject => ({
	'Employee Name': `Hire ${index}`,
	'employee email': `hire${index}@acme.example`,
	cf_date_of_joining: '2027-01-04',
	first_name: 'ignored: not a form field',
	...extra,
});

const posts = () => writes().filter((entry) => entry.method === 'POST');
const departmentId = (name: string) => sim().control.state().departments.find((department) => department.name === name)!.id;

describe('Create Onboarding Request: safe to send twice', () => {
	it('the same hire event sent three times opens one request; the second and third return it as unchanged, saying why', async () => {
		const [first] = await onboard([hire(1)]);
		const [second] = await onboard([hire(1, { 'employee email': ' HIRE1@acme.example ' })]);
		const [third] = await onboard([hire(1)]);
		expect(posts()).toHaveLength(1);
		expect(posts()[0].requestBody).toEqual({ fields: { cf_employee_name: 'Hire 1', cf_employee_email: 'hire1@acme.example', cf_date_of_joining: '2027-01-04' } });
		expect(first.provisioning).toEqual({ action: 'created', requestType: 'onboarding', dryRun: false });
		expect(second.provisioning.reason).toBe(
			`An onboarding request for Employee Email "HIRE1@acme.example" exists (${String(first.id)}, Awaiting Information); Freshservice cannot update or cancel one, so no second request was opened. Turn off 'One Request per Person' to open another.`,
		);
		for (const again of [second, third]) {
			expect(again.id).toBe(first.id);
			expect(again.provisioning).toMatchObject({ action: 'unchanged', requestType: 'onboarding', dryRun: false });
		}
		// The listing was read once per execution: three executions, three listings.
		expect(apiCalls().filter((entry) => entry.method === 'GET' && entry.path === '/api/v2/onboarding_requests')).toHaveLength(3);
	});

	it('the same person three times in one execution opens one request, with Parallel Requests too, reading the listing once', async () => {
		const items = await onboard([hire(2), hire(2), hire(2)], {}, { requestOptions: { parallelRequests: 3 } });
		expect(items.map((item) => item.provisioning.action)).toEqual(['created', 'unchanged', 'unchanged']);
		expect(posts()).toHaveLength(1);
		expect(apiCalls().filter((entry) => entry.path === '/api/v2/onboarding_requests' && entry.method === 'GET')).toHaveLength(1);
	});

	it('a cancelled request for the person does not count: a new one is opened', async () => {
		const [item] = await onboard([{ 'Employee Name': 'Casey Brandt', 'Employee Email': 'casey.brandt@acme.example', 'Date of Joining': '2027-02-01' }]);
		expect(item.provisioning.action).toBe('created');
		expect(posts()).toHaveLength(1);
	});

	it("turning 'One Request per Person' off opens a request every time and reads no listing", async () => {
		await onboard([hire(3)]);
		const [again] = await onboard([hire(3)], { onePerPerson: false });
		expect(again.provisioning.action).toBe('created');
		expect(posts()).toHaveLength(2);
		expect(apiCalls().filter((entry) => entry.path === '/api/v2/onboarding_requests' && entry.method === 'GET')).toHaveLength(1);
	});

	it('without a Same Person By field, the item fails naming it, before any lookup or write', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: createParameters('onboardingRequest', {}, { formFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] } }),
			input: [hire(4)],
		});
		expect(result.error?.message).toContain("'Fields → Same Person By': no field is chosen");
		expect(apiCalls().map((entry) => entry.path)).toEqual(['/api/v2/onboarding_requests/form']);
	});
});

describe('Create Onboarding Request: a lost answer', () => {
	it('a create whose answer is lost is not sent again; the next run of the same event finds the request and opens no second one', async () => {
		sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'POST', pathPattern: '/api/v2/onboarding_requests' });
		const [lost] = await onboard([hire(30)]);
		expect(lost.error).toContain('create the onboarding request');
		expect(lost.description).toContain('Freshservice may have acted on it');
		expect(posts()).toHaveLength(1);
		const [again] = await onboard([hire(30)]);
		expect(again.provisioning.action).toBe('unchanged');
		expect(posts()).toHaveLength(1);
	});
});

describe('Create Onboarding Request: the form as fields', () => {
	it('twenty hires naming departments and locations by name and managers by email read each list once and send IDs', async () => {
		const managers = sim().control.seed({ requesters: 4, randomSeed: 11 }).requesterIds.map((id) => sim().control.userById(id)!.record as unknown as IDataObject);
		const departments = ['Engineering', 'sales', ' Human Resources ', 'Finance'];
		const input = Array.from({ length: 20 }, (_, index) =>
			hire(100 + index, { Department: departments[index % 4], Location: index % 2 ? 'london hq' : 'Berlin', 'Reporting Manager': String(managers[index % 4].primary_email).toUpperCase() }),
		);
		sim().control.clearLog();
		const items = await onboard(input);
		expect(items.map((item) => item.provisioning.action)).toEqual(Array(20).fill('created'));
		const reads = apiCalls().filter((entry) => entry.method === 'GET');
		const count = (path: string) => reads.filter((entry) => entry.path === path).length;
		expect(count('/api/v2/onboarding_requests/form')).toBe(1);
		expect(count('/api/v2/onboarding_requests')).toBe(1);
		expect(count('/api/v2/departments')).toBe(1);
		expect(count('/api/v2/locations')).toBe(1);
		// One lookup per manager, not per hire.
		expect(count('/api/v2/requesters')).toBe(4);
		expect(reads).toHaveLength(8);
		expect(posts()).toHaveLength(20);
		const bodyFor = (email: string) => posts().find((entry) => (entry.requestBody as { fields: IDataObject }).fields.cf_employee_email === email)?.requestBody;
		expect(bodyFor('hire101@acme.example')).toMatchObject({
			fields: { cf_department: departmentId('Sales'), cf_location: sim().control.state().locations.find((location) => location.name === 'London HQ')!.id, cf_reporting_manager: managers[1].id },
		});
		expect(items[1]).toMatchObject({ lookup_values: { cf_department: { name: 'Sales' } } });
	});

	it('a missing required field fails that item before any request for it, naming the label; the other items go through', async () => {
		const input = [hire(5), hire(6, { cf_date_of_joining: '' }), hire(7)];
		const items = await onboard(input);
		expect(items[1]).toMatchObject({ error: expect.stringContaining("'Date of Joining' is required by the onboarding form") });
		expect(items[1].error).toContain('[item 1]');
		expect(items[1].description).toContain("Fix the value of 'Date of Joining'");
		expect(posts().map((entry) => (entry.requestBody as { fields: IDataObject }).fields.cf_employee_email).sort()).toEqual(['hire5@acme.example', 'hire7@acme.example']);

		sim().control.clearLog();
		const alone = await runNode({ credentials: credentials(), parameters: createParameters('onboardingRequest'), input: [hire(8, { cf_date_of_joining: undefined })] });
		expect(alone.error?.message).toContain("'Date of Joining' is required by the onboarding form");
		// The form (read once per execution) is all that was asked: no lookup, no listing, no write.
		expect(apiCalls().map((entry) => entry.path)).toEqual(['/api/v2/onboarding_requests/form']);
	});

	it('values are checked against the form before any lookup: a dropdown choice, a date, a checkbox, an unknown department (closest names)', async () => {
		const items = await onboard([
			hire(9, { Hierarchy: 'l2', 'Laptop Needed': 'TRUE', Experience: '3.5', Software: 'slack, GitHub' }),
			hire(10, { Hierarchy: 'L9' }),
			hire(11, { 'Date of Joining': 'next monday', cf_date_of_joining: undefined }),
			hire(12, { Department: 'Sails' }),
		]);
		expect(items[0].provisioning.action).toBe('created');
		expect((posts()[0].requestBody as { fields: IDataObject }).fields).toMatchObject({ cf_hierarchy: 'L2', cf_laptop_needed: true, cf_experience: 3.5, msf_software: ['Slack', 'GitHub'] });
		expect(items[1].error).toContain("'Hierarchy' must be one of its choices in the form");
		expect(items[2].error).toContain("'Date of Joining' is a date field");
		expect(items[3].error).toContain('\'Department\': Freshservice has no department named "Sails"; the closest are "Sales"');
		expect(posts()).toHaveLength(1);
	});

	it('Dry Run writes nothing and reports the request it would open, with the resolved values', async () => {
		const manager = sim().control.state().agents.find((agent) => agent.first_name === 'Sam')!;
		const items = await onboard([hire(13, { Department: 'Engineering', 'Reporting Manager': manager.email }), hire(13)], { dryRun: true });
		expect(writes()).toEqual([]);
		expect(items[0]).toEqual({
			fields: { cf_employee_name: 'Hire 13', cf_employee_email: 'hire13@acme.example', cf_date_of_joining: '2027-01-04', cf_department: departmentId('Engineering'), cf_reporting_manager: manager.id },
			provisioning: { action: 'wouldCreate', requestType: 'onboarding', dryRun: true },
		});
		expect(items[1].provisioning).toMatchObject({ action: 'unchanged', dryRun: true, reason: expect.stringContaining('is to be opened by an earlier item of this run') });
	});

	it('a user lookup takes the type the form asks for: an agent field refuses a requester', async () => {
		const [requester] = sim().control.seed({ requesters: 1, randomSeed: 5 }).requesterIds.map((id) => sim().control.userById(id)!.record as unknown as IDataObject);
		const [item] = await onboard([hire(14, { 'IT Buddy': requester.primary_email })]);
		expect(item.error).toContain(`'IT Buddy' takes an agent, and ${String(requester.primary_email)} is a requester`);
		expect(posts()).toEqual([]);
	});

	it('the initiator by email is sent as initiator_id; a key that may not raise on behalf says so, naming Initiator', async () => {
		const hr = sim().control.state().agents.find((agent) => agent.first_name === 'Sam')!;
		const [item] = await onboard([hire(15)], {}, { initiator: hr.email });
		expect(item.provisioning.action).toBe('created');
		expect(posts()[0].requestBody).toMatchObject({ initiator_id: hr.id });

		const refused = await runNode({
			credentials: { ...credentials(), apiKey: SIMULATOR_SUPERVISOR_API_KEY },
			parameters: createParameters('onboardingRequest', {}, { initiator: String(hr.id) }),
			input: [hire(16)],
		});
		expect(refused.error).toMatchObject({ httpCode: '403', message: expect.stringContaining("on behalf of 'Initiator (Email or ID)'") });
		expect(refused.error?.description).toContain("Only an admin's API key");
	});

	it('defined below: mapped columns by field name; a column the form no longer has is an error, not dropped', async () => {
		const run = async (value: Record<string, string>) =>
			await runNode({
				credentials: credentials(),
				parameters: createParameters('onboardingRequest', {}, { formFields: { mappingMode: 'defineBelow', value, matchingColumns: ['cf_employee_email'], schema: [] } }),
				continueOnFail: true,
			});
		const ok = await run({ cf_employee_name: 'Mapped', cf_employee_email: 'mapped@acme.example', cf_date_of_joining: '2027-03-01T00:00:00.000Z' });
		expect(ok.items[0].json.provisioning).toMatchObject({ action: 'created' });
		expect((posts()[0].requestBody as { fields: IDataObject }).fields.cf_date_of_joining).toBe('2027-03-01');
		const stale = await run({ cf_employee_name: 'Mapped', cf_employee_email: 'stale@acme.example', cf_date_of_joining: '2027-03-01', cf_shoe_size: '42' });
		expect(stale.items[0].json.error).toContain("'cf_shoe_size' is no longer a field of the onboarding form");
	});
});

describe('the resource mapper loads the form', () => {
	it('each field by label and type, required ones marked, dropdowns with their choices, the email field to tell people apart', async () => {
		const loaded = (await loadOptions(credentials(), { resource: 'onboardingRequest', operation: 'create' }, { resourceMapping: 'getRequestFormFields' })) as ResourceMapperFields;
		const byId = Object.fromEntries(loaded.fields.map((field) => [field.id, field]));
		expect(byId.cf_date_of_joining).toMatchObject({ displayName: 'Date of Joining', type: 'dateTime', required: true });
		expect(byId.cf_department).toMatchObject({ displayName: 'Department', type: 'string', required: false });
		expect(byId.cf_hierarchy).toMatchObject({ type: 'options', options: ['L3', 'L2', 'L1'].map((choice) => ({ name: choice, value: choice })) });
		expect(byId.cf_laptop_needed).toMatchObject({ type: 'options' });
		expect(byId.cf_experience).toMatchObject({ type: 'number' });
		expect(loaded.fields.filter((field) => field.defaultMatch).map((field) => field.id)).toEqual(['cf_employee_email']);
		expect(byId.cf_department.canBeUsedToMatch).toBe(false);
		const offboarding = (await loadOptions(credentials(), { resource: 'offboardingRequest', operation: 'create' }, { resourceMapping: 'getRequestFormFields' })) as ResourceMapperFields;
		expect(offboarding.fields[0]).toMatchObject({ id: 'actor_2', displayName: 'Reporting Manager', required: true });
	});
});

describe('Offboarding Request, Get, Get Many, Get Tickets', () => {
	it('offboards a leaver with the manager by email; the same termination again returns it; Get and Get Tickets read it back', async () => {
		const manager = sim().control.state().agents.find((agent) => agent.first_name === 'Sam')!;
		const leaver = { 'Employee Email': 'leaver@acme.example', 'Last Working Date': '2027-01-29', 'Reporting Manager': manager.email, 'Separation Type': 'voluntary separation' };
		const run = async () => (await runNode({ credentials: credentials(), parameters: createParameters('offboardingRequest'), input: [leaver] })).items[0].json as Item;
		const created = await run();
		expect(created.provisioning).toEqual({ action: 'created', requestType: 'offboarding', dryRun: false });
		expect(created.fields).toMatchObject({ actor_2: manager.id, cf_separation_type: 'Voluntary Separation' });
		expect((await run()).provisioning.action).toBe('unchanged');
		expect(posts()).toHaveLength(1);

		const got = await runNode({ credentials: credentials(), parameters: { resource: 'offboardingRequest', operation: 'get', requestId: String(created.id) } });
		expect(got.items[0].json).toMatchObject({ id: created.id, provisioning: { action: 'found', requestType: 'offboarding' } });
		const tickets = await runNode({ credentials: credentials(), parameters: { resource: 'offboardingRequest', operation: 'getTickets', requestId: String(created.id) } });
		expect(tickets.items).toHaveLength(3);
		expect(tickets.items.map((item) => item.pairedItem)).toEqual(Array(3).fill({ item: 0 }));
		const missing = await runNode({ credentials: credentials(), parameters: { resource: 'offboardingRequest', operation: 'get', requestId: '12345' } });
		expect(missing.error?.message).toContain("'Request ID': Freshservice has no offboarding request 12345");
		sim().control.clearLog();
		const junk = await runNode({ credentials: credentials(), parameters: { resource: 'onboardingRequest', operation: 'getTickets', requestId: 'JNY-6' } });
		expect(junk.error?.message).toContain("'Request ID' must be a Freshservice ID");
		expect(apiCalls()).toEqual([]);
	});

	it('Get Many: a limit, Return All, and a status filtered on the node side', async () => {
		await onboard([hire(20), hire(21), hire(22)]);
		const many = async (parameters: INodeParameters) =>
			(await runNode({ credentials: credentials(), parameters: { resource: 'onboardingRequest', operation: 'getAll', ...parameters } })).items.map((item) => item.json as Item);
		expect(await many({ limit: 2 })).toHaveLength(2);
		expect(await many({ returnAll: true })).toHaveLength(5);
		const cancelled = await many({ returnAll: true, filters: { status: 2 } });
		expect(cancelled.map((item) => item.fields)).toEqual([expect.objectContaining({ cf_employee_email: 'casey.brandt@acme.example' })]);
		expect(sim().control.log().every((entry) => entry.query.status === undefined)).toBe(true);
	});
});

describe('under every setting of what the documentation leaves open', () => {
	const settings = [
		{},
		{ employeeRequestListPaging: 'all' as const },
		{ employeeRequestStatusFilter: 'applied' as const },
		{ employeeRequestStatusFilter: 'rejected' as const },
		{ employeeRequestMissingRequired: 'accepted' as const },
		{ employeeRequestLookupValues: 'idsOrNames' as const },
	];
	it.each(settings)('%j: one request per person over 120 existing ones, a missing field caught locally, statuses filtered', async (behaviours) => {
		sim().control.configure({ behaviours });
		// More requests than one page holds, so that a listing that pages is followed to the end.
		await onboard(Array.from({ length: 120 }, (_, index) => hire(200 + index)), { onePerPerson: false });
		sim().control.clearLog();
		const items = await onboard([hire(200), hire(319, { Department: 'IT' }), hire(400, { cf_date_of_joining: '' }), hire(401, { Department: 'Finance' })]);
		expect(items.map((item) => item.provisioning?.action ?? 'error')).toEqual(['unchanged', 'unchanged', 'error', 'created']);
		expect(posts().map((entry) => entry.requestBody)).toEqual([{ fields: expect.objectContaining({ cf_employee_email: 'hire401@acme.example', cf_department: departmentId('Finance') }) }]);
		const cancelled = await runNode({ credentials: credentials(), parameters: { resource: 'onboardingRequest', operation: 'getAll', returnAll: true, filters: { status: 2 } } });
		expect(cancelled.items.map((item) => (item.json.fields as IDataObject).cf_employee_email)).toEqual(['casey.brandt@acme.example']);
	});
});
