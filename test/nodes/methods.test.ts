import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { loadOptions } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

async function options(method: string, parameters = {}): Promise<INodePropertyOptions[]> {
	return (await loadOptions(credentials(), { resource: 'user', operation: 'create', ...parameters }, { loadOptions: method })) as INodePropertyOptions[];
}

describe('lists the editor loads from the instance', () => {
	it('departments, locations, roles and groups: every one, by name, with its id as value', async () => {
		const state = sim().control.state();
		for (const [method, records] of [
			['getDepartments', state.departments],
			['getLocations', state.locations],
			['getRoles', state.roles],
			['getGroups', state.groups],
		] as const) {
			const loaded = await options(method);
			expect(loaded.map((option) => option.value).sort()).toEqual(records.map((record) => record.id).sort());
			expect(loaded.map((option) => option.name)).toEqual([...loaded.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
		}
		expect((await options('getDepartments')).some((option) => option.name === 'Engineering')).toBe(true);
	});

	it("custom fields follow the user type, and Update (type unknown) shows both, labelled", async () => {
		const requester = await options('getCustomFields', { userType: 'requester' });
		expect(requester.map((option) => option.value)).toEqual(expect.arrayContaining(['employee_id', 'cost_center', 'remote_worker']));
		expect(requester.some((option) => option.value === 'first_name')).toBe(false);
		const update = await options('getCustomFields', { operation: 'update' });
		expect(update.filter((option) => option.value === 'employee_id').map((option) => option.name)).toEqual(['Employee ID (requesters, agents)']);
	});

	it('the From List picker lists users of both types, pages on, and searches by name through Freshservice', async () => {
		sim().control.seed({ requesters: 150, agents: 3, randomSeed: 3 });
		const first = (await loadOptions(credentials(), { resource: 'user', operation: 'update' }, { listSearch: 'searchUsers' })) as INodeListSearchResult;
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const state = sim().control.state();
		const someone = state.requesters.find((user) => user.last_name && user.last_name.length > 4)!;
		sim().control.clearLog();
		const found = (await loadOptions(credentials(), { resource: 'user', operation: 'update' }, {
			listSearch: 'searchUsers',
			filter: someone.last_name!.slice(0, 5),
		})) as INodeListSearchResult;
		expect(found.results.map((result) => result.value)).toContain(String(someone.id));
		// Freshservice's starts-with search: a first name, a last name or a part of the email begins with the text typed.
		const prefix = someone.last_name!.slice(0, 5).toLowerCase();
		const users = [...state.requesters, ...state.agents];
		for (const result of found.results) {
			const user = users.find((candidate) => String(candidate.id) === result.value)!;
			const email = 'email' in user ? user.email : user.primary_email;
			const words = [user.first_name, user.last_name ?? '', ...(email ?? '').split(/[.@]/)].map((word) => word.toLowerCase());
			expect(words.some((word) => word.startsWith(prefix))).toBe(true);
		}
		expect(sim().control.log()[0].query.query).toBe(`"~[first_name|last_name|primary_email]:'${someone.last_name!.slice(0, 5)}'"`);
	});

	it("a quote typed into the search cannot break out of Freshservice's query", async () => {
		const result = (await loadOptions(credentials(), { resource: 'user', operation: 'update' }, {
			listSearch: 'searchUsers',
			filter: "o'br",
		})) as INodeListSearchResult;
		expect(Array.isArray(result.results)).toBe(true);
		expect(sim().control.log()[0].query.query).toBe(`"~[first_name|last_name|primary_email]:'obr'"`);
	});
});
