/**
 * A key without the "Manage Agents" permission (a supervisor's), where Freshservice refuses
 * `include_agents=true` (simulator switch includeAgentsNeedsManageAgents) and the agent list: the
 * node falls back to asking requesters alone, learns each refusal once per execution, and says what
 * the key may not do where the answer depends on agents.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SIMULATOR_API_KEY, SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';
import { runNode } from '../harness/source';
import { byEmail, createRequester, useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

beforeEach(() => sim().control.configure({ behaviours: { includeAgentsNeedsManageAgents: true }, rateLimit: { enabled: false } }));

const calls = () =>
	sim()
		.control.log()
		.filter((entry) => entry.path.startsWith('/api/v2/'))
		.map((entry) => `${entry.status} ${entry.method} ${entry.path}${Object.keys(entry.query).length > 0 ? `?${new URLSearchParams(entry.query).toString()}` : ''}`);

/**
 * The calls, the first one as it came and the rest sorted: items run side by side, so only the
 * first call (the one that learns the refusal while the others wait) has a fixed place.
 */
const firstThenSorted = (list: string[]) => [list[0], ...list.slice(1).sort()];

async function hire(firstName: string, email: string): Promise<number> {
	const result = await runNode({ credentials: credentials(), parameters: createRequester(firstName, email, { jobTitle: 'Engineer' }) });
	expect(result.error).toBeUndefined();
	return Number(result.items[0].json.id);
}

async function run(apiKey: string, parameters: INodeParameters, input: IDataObject[]) {
	sim().control.clearLog();
	const result = await runNode({ credentials: { ...credentials(), apiKey }, parameters, input, continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	return result.items.map((item) => item.json);
}

const getByEmail: INodeParameters = { resource: 'user', operation: 'get', user: byEmail('={{ $json.email }}') };
const upsert: INodeParameters = {
	resource: 'user',
	operation: 'upsert',
	userType: 'requester',
	columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
	options: {},
};

describe('A key without "Manage Agents"', () => {
	it('finds requesters by email, and include_agents=true is refused once per execution, not once per item', async () => {
		const ids = [await hire('Ann', 'ann@example.com'), await hire('Ben', 'ben@example.com'), await hire('Cat', 'cat@example.com')];
		const items = await run(SIMULATOR_SUPERVISOR_API_KEY, getByEmail, [{ email: 'ann@example.com' }, { email: 'BEN@example.com' }, { email: 'cat@example.com' }]);
		expect(items.map((item) => item.id)).toEqual(ids);
		expect(items.map((item) => (item.provisioning as IDataObject).action)).toEqual(['found', 'found', 'found']);
		expect(firstThenSorted(calls())).toEqual([
			'403 GET /api/v2/requesters?email=ann%40example.com&include_agents=true',
			'200 GET /api/v2/requesters?email=ann%40example.com',
			'200 GET /api/v2/requesters?email=ben%40example.com',
			'200 GET /api/v2/requesters?email=cat%40example.com',
		]);
	});

	it('says what the key may not do when no requester has the email, and asks for agents once per execution', async () => {
		const items = await run(SIMULATOR_SUPERVISOR_API_KEY, getByEmail, [{ email: 'nobody@example.com' }, { email: 'noone@example.com' }]);
		for (const [index, email] of ['nobody@example.com', 'noone@example.com'].entries()) {
			expect(items[index].error).toBe(`The API key may not look up agents, so whether an agent has the email ${email} is unknown; no requester has it`);
			expect(items[index].description).toMatch(/Use the API key of an admin agent, or give the key's agent a role with "Manage Agents"/);
		}
		const refused = calls().filter((call) => call.startsWith('403'));
		expect(refused).toHaveLength(2);
		expect(refused[0]).toBe('403 GET /api/v2/requesters?email=nobody%40example.com&include_agents=true');
		expect(refused[1]).toMatch(/^403 GET \/api\/v2\/agents\?email=(nobody|noone)%40example\.com$/);
		expect(sim().control.log().every((entry) => entry.method === 'GET')).toBe(true);
	});

	it('Create or Update: an unchanged requester costs one request after the refusal; a new one is created', async () => {
		const id = await hire('Ann', 'ann@example.com');
		const items = await run(SIMULATOR_SUPERVISOR_API_KEY, upsert, [
			{ email: 'ann@example.com', first_name: 'Ann', job_title: 'Engineer' },
			{ email: 'ann@example.com', first_name: 'Ann', job_title: 'Engineer' },
			{ email: 'new@example.com', first_name: 'New' },
		]);
		expect(items.map((item) => (item.provisioning as IDataObject).action)).toEqual(['unchanged', 'unchanged', 'created']);
		expect(items[0].id).toBe(id);
		expect(firstThenSorted(calls())).toEqual([
			'403 GET /api/v2/requesters?email=ann%40example.com&include_agents=true',
			'200 GET /api/v2/requesters?email=ann%40example.com',
			'200 GET /api/v2/requesters?email=ann%40example.com',
			'200 GET /api/v2/requesters?email=new%40example.com',
			'201 POST /api/v2/requesters',
			'403 GET /api/v2/agents?email=new%40example.com',
		]);
		expect(sim().control.requesterByEmail('new@example.com')).toMatchObject({ first_name: 'New', active: true });
	});

	it("an admin's key keeps the one lookup under the same setting", async () => {
		await hire('Ann', 'ann@example.com');
		const items = await run(SIMULATOR_API_KEY, upsert, [{ email: 'ann@example.com', first_name: 'Ann', job_title: 'Engineer' }]);
		expect((items[0].provisioning as IDataObject).action).toBe('unchanged');
		expect(calls()).toEqual(['200 GET /api/v2/requesters?email=ann%40example.com&include_agents=true']);
	});
});
