/**
 * The directory Sync Roster deprovisions against: who owns the API key (never deactivated), and
 * listings that Freshservice answers truncated. Through n8n-core, against the simulator.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FaultSpec } from '../../../simulator';
import { runNode } from '../../harness/source';
import { useSimulator } from '../fixtures';

const { sim, credentials, writes } = useSimulator();

beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

const OWNER_EMAIL = 'sam.okafor@acme.example';

/** Everyone in the tenant's requester list, as roster rows: only agents are missing from it. */
function requesterRoster(): IDataObject[] {
	return sim()
		.control.state()
		.requesters.filter((record) => record.active)
		.map((record) => ({ email: record.primary_email, first_name: record.first_name, last_name: record.last_name ?? '' }));
}

function syncDeactivatingAgents(input: IDataObject[]) {
	const parameters: INodeParameters = {
		resource: 'user',
		operation: 'syncRoster',
		userType: 'requester',
		columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
		options: {},
		deprovision: true,
		deprovisionScope: 'emailDomain',
		scopeEmailDomains: 'acme.example',
		deprovisionAgents: true,
		maxDeactivations: 1000,
		maxDeactivationPercent: 100,
	};
	return runNode({ credentials: credentials(), parameters, input });
}

describe('the owner of the API key', () => {
	it.each<[string, FaultSpec]>([
		['without an agent', { kind: 'strip', pathPattern: '/api/v2/agents/me', keys: ['agent'] }],
		['with an ID that is not a number', { kind: 'status', status: 200, pathPattern: '/api/v2/agents/me', body: { agent: { id: 'me' } } }],
		['with an ID that is not a whole number', { kind: 'status', status: 200, pathPattern: '/api/v2/agents/me', body: { agent: { id: 12.5 } } }],
		['with an ID of 0', { kind: 'status', status: 200, pathPattern: '/api/v2/agents/me', body: { agent: { id: 0 } } }],
	])('when /agents/me answers %s, stops the sync before any write and deactivates nobody', async (_answer, fault) => {
		sim().control.seed({ requesters: 5, agents: 3, randomSeed: 4 });
		sim().control.configure({ faults: { queue: [fault] } });
		sim().control.clearLog();
		const result = await syncDeactivatingAgents(requesterRoster());
		expect(result.error?.message).toBe(
			'Could not tell which agent owns the API key: Freshservice answered GET /agents/me without a usable agent ID. Nothing was changed',
		);
		expect(result.error?.description).toMatch(/never deactivates the owner of its API key/);
		expect(writes()).toEqual([]);
		expect(sim().control.agentByEmail(OWNER_EMAIL)!.active).toBe(true);
		expect(sim().control.state().agents.every((agent) => agent.active)).toBe(true);
	});

	it('answered as documented, is left alone while the other agents are deactivated', async () => {
		sim().control.seed({ requesters: 5, agents: 3, randomSeed: 4 });
		const result = await syncDeactivatingAgents(requesterRoster());
		expect(result.error).toBeUndefined();
		expect(sim().control.agentByEmail(OWNER_EMAIL)!.active).toBe(true);
		expect(sim().control.state().agents.filter((agent) => agent.active).map((agent) => agent.email)).toEqual([OWNER_EMAIL]);
	});
});

describe('a listing that Freshservice answers truncated', () => {
	const getAll = () => runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true } });
	const listCalls = () =>
		sim()
			.control.log()
			.filter((entry) => entry.method === 'GET' && entry.path === '/api/v2/requesters');
	/** Requesters in the tenant made exactly `count`. */
	function requestersInTenant(count: number): void {
		const have = sim().control.state().requesters.length;
		sim().control.seed({ requesters: count - have, randomSeed: 9 });
		expect(sim().control.state().requesters).toHaveLength(count);
	}
	/** The fault for the n-th page asked for (1-based): the pages before it pass untouched. */
	const onPage = (page: number, fault: FaultSpec): FaultSpec[] => [
		...(page > 1 ? [{ kind: 'latency', ms: 0, method: 'GET', pathPattern: '/api/v2/requesters', times: page - 1 } as FaultSpec] : []),
		{ ...fault, method: 'GET', pathPattern: '/api/v2/requesters' } as FaultSpec,
	];

	it('a 2xx page without the list is an error naming the list and the page, not an empty page', async () => {
		requestersInTenant(250);
		sim().control.configure({ faults: { queue: onPage(2, { kind: 'strip', keys: ['requesters'] }) } });
		const result = await getAll();
		expect(result.error?.message).toBe(
			"Freshservice answered page 2 of its listing of requesters without the list of requesters (HTTP 200), so the listing is incomplete. Nothing was written on its basis",
		);
		expect(result.items).toEqual([]);
	});

	it('a full page without a link header asks for the next page, and fails when that one holds records', async () => {
		requestersInTenant(250);
		sim().control.configure({ faults: { queue: onPage(1, { kind: 'strip', headers: ['link'] }) } });
		const result = await getAll();
		expect(result.error?.message).toBe(
			"Freshservice's listing of requesters ended early at page 1: the page was full (100 records) but did not link to a next page, and page 2 holds more. Nothing was written on its basis",
		);
		expect(listCalls().map((entry) => entry.query.page)).toEqual(['1', '2']);
	});

	it('a full last page without a link header costs one more request, which finds the listing really ended', async () => {
		requestersInTenant(200);
		const result = await getAll();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		expect(listCalls().map((entry) => entry.query.page)).toEqual(['1', '2', '3']);
	});

	it('Sync Roster stops before any write when its directory listing ends early', async () => {
		requestersInTenant(150);
		const roster = requesterRoster().slice(0, 120);
		sim().control.configure({ faults: { queue: onPage(1, { kind: 'strip', headers: ['link'] }) } });
		sim().control.clearLog();
		const result = await syncDeactivatingAgents(roster);
		expect(result.error?.message).toMatch(/^Freshservice's listing of requesters ended early at page 1: .* Nothing was written on its basis$/);
		expect(writes()).toEqual([]);
	});
});
