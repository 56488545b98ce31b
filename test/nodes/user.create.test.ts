import { runNode } from '../harness/source';
import { createRequester, useSimulator } from './fixtures';

const { sim, credentials, apiCalls } = useSimulator();

describe('Create', () => {
	it('creates a requester with department, job title and custom field, and returns what was done', async () => {
		const { departments } = sim().control.state();
		const engineering = departments.find((department) => department.name === 'Engineering')!;
		const result = await runNode({
			credentials: credentials(),
			parameters: createRequester('Jane', 'Jane.Doe@Example.com', {
				lastName: 'Doe',
				jobTitle: 'Platform Engineer',
				departmentIds: [engineering.id],
				customFields: { field: [{ name: 'employee_id', value: 'E-1001' }] },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			provisioning: { action: 'created', userType: 'requester', dryRun: false },
			first_name: 'Jane',
			last_name: 'Doe',
			primary_email: 'jane.doe@example.com',
			job_title: 'Platform Engineer',
			department_ids: [engineering.id],
			active: true,
		});
		const stored = sim().control.requesterByEmail('jane.doe@example.com')!;
		expect(stored).toBeDefined();
		expect(stored.id).toBe(item.json.id);
		expect(String(stored.id)).toMatch(/^\d{11}$/);
		expect(stored.job_title).toBe('Platform Engineer');
		expect(stored.custom_fields.employee_id).toBe('E-1001');
	});

	it('creates an agent with a role scoped to groups', async () => {
		const { roles, groups } = sim().control.state();
		const agentRole = roles.find((role) => role.name === 'SD Agent') ?? roles[0];
		const result = await runNode({
			credentials: credentials(),
			parameters: {
				resource: 'user',
				operation: 'create',
				userType: 'agent',
				firstName: 'Sam',
				email: 'sam.agent@example.com',
				roles: { role: [{ roleId: agentRole.id, assignmentScope: 'specified_groups', groupIds: [groups[0].id] }] },
				additionalFields: { occasional: true, jobTitle: 'Field technician' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'created', userType: 'agent' }, email: 'sam.agent@example.com', occasional: true });
		const stored = sim().control.agentByEmail('sam.agent@example.com')!;
		expect(stored.roles).toEqual([{ role_id: agentRole.id, assignment_scope: 'specified_groups', groups: [groups[0].id] }]);
	});

	it('refuses a taken email with the field and message Freshservice gave, and creates no second user', async () => {
		await runNode({ credentials: credentials(), parameters: createRequester('Jane', 'jane@example.com') });
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Janet', 'JANE@example.com') });
		expect(result.error?.message).toContain('primary_email: It should be a unique value');
		expect(result.error?.description).toContain("Check 'Email'");
		expect(sim().control.state().requesters.filter((user) => user.primary_email === 'jane@example.com')).toHaveLength(1);
	});

	it('with continue on fail, gives exactly one item per input item, errors paired with their input', async () => {
		await runNode({ credentials: credentials(), parameters: createRequester('Taken', 'taken@example.com') });
		const result = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			input: [
				{ first: 'Ann', email: 'ann@example.com' },
				{ first: 'Bob', email: 'bob@' },
				{ first: 'Tom', email: 'taken@example.com' },
				{ first: 'Eve', email: 'eve@example.com' },
			],
			parameters: createRequester('={{ $json.first }}', '={{ $json.email }}'),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.provisioning).toMatchObject({ action: 'created' });
		expect(result.items[1].json.error).toBe('\'Email\' must be an email address like jane.doe@example.com, not "bob@" [item 1]');
		expect(result.items[2].json.error).toContain('primary_email: It should be a unique value');
		expect(result.items[3].json.provisioning).toMatchObject({ action: 'created' });
		expect(sim().control.requesterByEmail('eve@example.com')).toBeDefined();
	});

	describe('bad input is refused before any request, naming the parameter and the item', () => {
		it('n8n itself refuses an empty required parameter typed into the node', async () => {
			const result = await runNode({ credentials: credentials(), parameters: createRequester('Jane', '') });
			expect(result.error?.message).toContain('Parameter "Email" is required');
			expect(apiCalls()).toEqual([]);
		});

		it.each([
			['no email (the HR record has none)', createRequester('Jane', '={{ $json.email }}'), "'Email' is empty: enter an email address [item 0]"],
			['a malformed email', createRequester('Jane', 'jane.example.com'), '\'Email\' must be an email address like jane.doe@example.com, not "jane.example.com" [item 0]'],
			['no first name', createRequester('={{ $json.first }}', 'jane@example.com'), "'First Name' is empty: enter a value [item 0]"],
			['a manager that is neither an email nor an ID', createRequester('Jane', 'jane@example.com', { reportingManagerId: 'Boss' }), "'Reporting Manager Email or ID' must be an email address or a Freshservice ID"],
			[
				'an agent without roles',
				{ resource: 'user', operation: 'create', userType: 'agent', firstName: 'Sam', email: 'sam@example.com', roles: {}, additionalFields: {} },
				"'Roles' is empty",
			],
		])('%s', async (_case, parameters, message) => {
			const result = await runNode({ credentials: credentials(), parameters, input: [{ email: '', first: '' }] });
			expect(result.error?.message).toContain(message);
			expect(result.error?.itemIndex).toBe(0);
			expect(apiCalls()).toEqual([]);
		});
	});

	it('an unknown department ID reaches Freshservice, and its refusal names the parameter', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: createRequester('Jane', 'jane@example.com', { departmentIds: ['21999999999'] }),
		});
		expect(result.error?.message).toMatch(/department_ids: .*21999999999/);
		expect(result.error?.description).toContain("Check 'Department Names or IDs'");
		expect(apiCalls().map((entry) => `${entry.method} ${entry.status}`)).toEqual(['POST 400']);
	});

	it('a connection dropped after Freshservice created the user does not create a second one', async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'dropAfterCommit', method: 'POST', pathPattern: '/api/v2/requesters' }] } });
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Dana', 'dana@example.com') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provisioning: { action: 'created' }, primary_email: 'dana@example.com' });
		expect(sim().control.state().requesters.filter((user) => user.primary_email === 'dana@example.com')).toHaveLength(1);
		expect(apiCalls().filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});

	it('a 502 before anything was created is retried after checking, and creates the user once', async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'status', status: 502, method: 'POST', pathPattern: '/api/v2/requesters' }] } });
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Rui', 'rui@example.com') });
		expect(result.error).toBeUndefined();
		expect(sim().control.state().requesters.filter((user) => user.primary_email === 'rui@example.com')).toHaveLength(1);
		expect(apiCalls().filter((entry) => entry.method === 'POST').map((entry) => entry.status)).toEqual([502, 201]);
	});

	it('waits out a 429 as Retry-After says, then creates', async () => {
		sim().control.configure({ faults: { queue: [{ kind: 'rateLimit', retryAfterSeconds: 1, method: 'POST' }] } });
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Lee', 'lee@example.com') });
		expect(result.error).toBeUndefined();
		const posts = apiCalls().filter((entry) => entry.method === 'POST');
		expect(posts.map((entry) => entry.status)).toEqual([429, 201]);
		expect(Date.parse(posts[1].time) - Date.parse(posts[0].time)).toBeGreaterThanOrEqual(900);
	});

	it('never lets the API key out: not in items, errors or the request log', async () => {
		const result = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			input: [{}, {}],
			// Two items with the same email: the second fails as a duplicate.
			parameters: createRequester('Jane', 'jane@example.com'),
		});
		const everything = JSON.stringify({ items: result.items, error: result.error, run: result.run, log: sim().control.log() });
		expect(result.items[1].json.error).toBeDefined();
		expect(everything).not.toContain(sim().apiKey);
		expect(everything).not.toContain(Buffer.from(`${sim().apiKey}:X`).toString('base64'));
	});

	it("types custom fields from the instance's field list, read once for all items: \"true\" stays text, a checkbox gets true", async () => {
		const result = await runNode({
			credentials: credentials(),
			input: [{ email: 'ann@example.com' }, { email: 'ben@example.com' }, { email: 'cat@example.com' }],
			continueOnFail: true,
			parameters: createRequester('New', '={{ $json.email }}', {
				customFields: {
					field: [
						{ name: 'employee_id', value: 'true' },
						{ name: 'remote_worker', value: 'true' },
						{ name: 'Cost Center', value: '={{ $json.email === "cat@example.com" ? "CC-999" : "cc-200 sales" }}' },
					],
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.slice(0, 2).map((item) => item.json.error)).toEqual([undefined, undefined]);
		expect(sim().control.requesterByEmail('ann@example.com')!.custom_fields).toMatchObject({ employee_id: 'true', remote_worker: true, cost_center: 'CC-200 Sales' });
		expect(result.items[2].json.error).toMatch(/^'Custom Fields → Cost Center' must be one of its choices in Freshservice, not "CC-999"/);
		expect(sim().control.requesterByEmail('cat@example.com')).toBeUndefined();
		expect(apiCalls().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /api/v2/requester_fields',
			'POST /api/v2/requesters',
			'POST /api/v2/requesters',
		]);
	});
});
