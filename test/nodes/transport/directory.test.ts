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
