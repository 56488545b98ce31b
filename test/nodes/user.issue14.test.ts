/**
 * Issue 14's defects, each reproduced through real n8n-core against the simulator: every test
 * here failed before its fix.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import type { RequesterView } from '../../simulator';
import { executeContextFor, runNode, types } from '../harness/source';
import { byEmail, useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes } = useSimulator();

beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

type Json = IDataObject & { provisioning?: IDataObject; summary?: IDataObject; error?: string };
const json = (item: INodeExecutionData) => item.json as Json;
const actionsOf = (items: INodeExecutionData[]) => items.map((item) => json(item).provisioning?.action ?? (json(item).error === undefined ? undefined : 'error'));

function seeded(count: number, domain: string, randomSeed: number, deactivatedRatio = 0): RequesterView[] {
	const ids = new Set(sim().control.seed({ requesters: count, randomSeed, domain, deactivatedRatio }).requesterIds);
	return sim()
		.control.state()
		.requesters.filter((record) => ids.has(record.id));
}

const rowOf = (record: RequesterView) => ({ email: record.primary_email!, first_name: record.first_name, last_name: record.last_name ?? '', job_title: record.job_title ?? '' });

function syncParameters(extra: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'user',
		operation: 'syncRoster',
		userType: 'requester',
		columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
		options,
		...extra,
	};
}

const deprovision = (domain: string, extra: INodeParameters = {}): INodeParameters => ({ deprovision: true, deprovisionScope: 'emailDomain', scopeEmailDomains: domain, ...extra });

describe('Sync Roster: safety', () => {
	it('the key owner cannot be identified (GET /agents/me answers no agent): the sync stops before any write', async () => {
		const staff = seeded(20, 'small.example', 3);
		sim().control.injectFaults({ kind: 'status', status: 200, body: {}, method: 'GET', pathPattern: '/api/v2/agents/me', times: 5 });
		sim().control.clearLog();
		const result = await runNode({ credentials: credentials(), parameters: syncParameters(deprovision('small.example', { deprovisionAgents: true })), input: staff.slice(1).map(rowOf) });
		// The planner refuses; transport/ may already refuse the answer itself: either stops before any write.
		expect(result.error?.message).toMatch(/owner of the API key could not be identified|Could not tell which agent owns the API key/);
		expect(writes()).toEqual([]);
	});

	it('one leaver in a scope of nine is deactivated at the default limits', async () => {
		const nine = seeded(9, 'nine.example', 4);
		sim().control.clearLog();
		const result = await runNode({ credentials: credentials(), parameters: syncParameters(deprovision('nine.example')), input: nine.slice(1).map(rowOf) });
		expect(result.error).toBeUndefined();
		expect(writes().map((entry) => `${entry.method} ${entry.path}`)).toEqual([`DELETE /api/v2/requesters/${nine[0].id}`]);
		expect(actionsOf(result.items)).toEqual([...Array(8).fill('unchanged'), 'deactivated']);
	});

	it('a roster that would reactivate many former employees stops before any write, on a limit of its own', async () => {
		const people = seeded(40, 'rehire.example', 5, 0.3);
		const former = people.filter((record) => !record.active);
		expect(former.length).toBeGreaterThan(2);
		sim().control.clearLog();
		const result = await runNode({ credentials: credentials(), parameters: syncParameters(), input: people.map(rowOf) });
		expect(result.error?.message).toMatch(new RegExp(`would reactivate ${former.length} deactivated users for a roster of 40, above the reactivation safety limit of 50 users and 10 %`));
		expect(result.error?.description).toMatch(/raise 'Reactivation Limit: Users' or 'Reactivation Limit: Percent of Roster' for one run/);
		expect(writes()).toEqual([]);
		// Raised for one run, it goes through.
		const raised = await runNode({ credentials: credentials(), parameters: syncParameters({ maxReactivationPercent: 100 }), input: people.map(rowOf) });
		expect(raised.error).toBeUndefined();
		expect(writes().filter((entry) => entry.path.endsWith('/reactivate'))).toHaveLength(former.length);
	});

	it('a listing that ends early (a page answered empty) makes creates of people who exist: the sync stops before any write', async () => {
		const staff = seeded(150, 'listed.example', 6);
		sim().control.clearLog();
		// The first listing page as usual, the second empty: 50 people look new.
		sim().control.injectFaults(
			{ kind: 'latency', ms: 0, method: 'GET', pathPattern: '/api/v2/requesters' },
			{ kind: 'status', status: 200, body: { requesters: [] }, method: 'GET', pathPattern: '/api/v2/requesters' },
		);
		const result = await runNode({ credentials: credentials(), parameters: syncParameters(), input: staff.map(rowOf) });
		expect(result.error?.message).toMatch(/^Sync Roster stopped before any change: it would create \S+, who already exists in Freshservice but was not in the listing of users/);
		expect(writes()).toEqual([]);
		expect(apiCalls().filter((entry) => entry.method === 'GET' && entry.path === '/api/v2/requesters' && entry.query.email !== undefined).length).toBeLessThanOrEqual(3);
	});

	it('run a second time in one execution (inside a loop), deprovisioning refuses to act and says how to feed the roster', async () => {
		const staff = seeded(30, 'loop.example', 7);
		const parameters = syncParameters(deprovision('loop.example'));
		const input = staff.slice(0, 10).map(rowOf);
		sim().control.clearLog();
		const context = executeContextFor(credentials(), parameters, input, 1);
		const outputs = (await types().nodeType.execute!.call(context)) as INodeExecutionData[][];
		expect(writes()).toEqual([]);
		expect(json(outputs[1][0]).summary).toMatchObject({ deprovisioning: { skipped: expect.stringMatching(/more than once in this execution.*Feed every roster row to one Sync Roster node at once/) } });
	});
});

describe('Sync Roster: a new manager and their new report in one run', () => {
	it('the report (listed first) gets the manager created in the same run; the summary is on its own output', async () => {
		const input = [
			{ email: 'report@new.example', first_name: 'Rita', last_name: 'Report', reporting_manager_id: 'boss@new.example' },
			{ email: 'boss@new.example', first_name: 'Bo', last_name: 'Boss', reporting_manager_id: '' },
		];
		const result = await runNode({ credentials: credentials(), parameters: syncParameters(), input, continueOnFail: false });
		expect(result.error).toBeUndefined();
		expect(actionsOf(result.items)).toEqual(['created', 'created']);
		const boss = sim().control.requesterByEmail('boss@new.example')!;
		expect(sim().control.requesterByEmail('report@new.example')!.reporting_manager_id).toBe(boss.id);
		expect(json(result.items[0]).provisioning!.changes).toMatchObject({ reporting_manager_id: { from: null, to: boss.id } });
		expect(result.outputs[1]).toHaveLength(1);
		expect(json(result.outputs[1][0]).summary).toMatchObject({ people: 2, actions: { created: 2 } });
	});
});

describe('Items of one execution that name the same person never run at the same time', () => {
	it('Parallel Requests 5, two Deactivate items for one email: one DELETE, then alreadyDeactivated', async () => {
		const [person] = seeded(1, 'twice.example', 8);
		sim().control.clearLog();
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'deactivate', user: byEmail('={{ $json.email }}'), requestOptions: { parallelRequests: 5 } },
			input: [{ email: person.primary_email }, { email: person.primary_email!.toUpperCase() }],
		});
		expect(result.error).toBeUndefined();
		expect(writes().map((entry) => entry.method)).toEqual(['DELETE']);
		expect(actionsOf(result.items)).toEqual(['deactivated', 'alreadyDeactivated']);
	});

	it('by email and by ID at once: still one DELETE', async () => {
		const [person] = seeded(1, 'both.example', 9);
		sim().control.clearLog();
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: '={{ $json.mode }}', value: '={{ $json.value }}' }, requestOptions: { parallelRequests: 5 } },
			input: [
				{ mode: 'email', value: person.primary_email },
				{ mode: 'id', value: String(person.id) },
			],
		});
		expect(result.error).toBeUndefined();
		expect(writes().map((entry) => entry.method)).toEqual(['DELETE']);
		expect(actionsOf(result.items).sort()).toEqual(['alreadyDeactivated', 'deactivated']);
	});

	it('Create or Update: a manager created by an earlier item of the same execution resolves for a later one', async () => {
		// The manager's create is slow, so the later item looks them up while it is in flight.
		sim().control.injectFaults({ kind: 'latency', ms: 300, method: 'POST', pathPattern: '/api/v2/requesters' });
		const result = await runNode({
			credentials: credentials(),
			parameters: {
				resource: 'user',
				operation: 'upsert',
				userType: 'requester',
				columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
				options: {},
				requestOptions: { parallelRequests: 5 },
			},
			input: [
				{ email: 'chief@new.example', first_name: 'Chief' },
				{ email: 'deputy@new.example', first_name: 'Deputy', reporting_manager_id: 'chief@new.example' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(actionsOf(result.items)).toEqual(['created', 'created']);
		expect(sim().control.requesterByEmail('deputy@new.example')!.reporting_manager_id).toBe(sim().control.requesterByEmail('chief@new.example')!.id);
	});
});

describe('the node\'s outputs, as n8n works them out from the operation', () => {
	const outputsFor = (operation: string) => {
		const { nodeType } = types();
		const node = { id: 'n', name: 'Freshservice Provisioning', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: { resource: 'user', operation } };
		const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return NodeHelpers.getNodeOutputs(workflow, node, nodeType.description);
	};

	it('Sync Roster: the users, then Summary; every other operation: one main output', () => {
		expect(outputsFor('syncRoster')).toEqual([
			{ type: 'main', displayName: 'Users' },
			{ type: 'main', displayName: 'Summary' },
		]);
		expect(outputsFor('upsert')).toEqual(['main']);
		expect(outputsFor('deactivate')).toEqual(['main']);
	});
});

describe('the one executor: a step that fails after others says what was done', () => {
	it('Convert to Agent with roles: the conversion happens, the roles update is refused; the error says the user is now an agent', async () => {
		const [person] = seeded(1, 'convert.example', 10);
		const admin = sim().control.state().roles.find((role) => role.name === 'Admin')!;
		sim().control.injectFaults({ kind: 'status', status: 400, method: 'PUT', pathPattern: `/api/v2/agents/${person.id}` });
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'convertToAgent', user: byEmail(person.primary_email!), roles: { role: [{ roleId: admin.id, assignmentScope: 'entire_helpdesk' }] } },
		});
		expect(result.error?.message).toMatch(new RegExp(`^The agent ${person.id} was converted, but the update that followed failed: `));
		expect(result.error?.description).toMatch(/What was done stays done/);
		expect(sim().control.agentByEmail(person.primary_email!)).toBeDefined();
	});
});
