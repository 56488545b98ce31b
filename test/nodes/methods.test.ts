import type { INodeListSearchResult, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

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

	it('a picker page answered without its list is an error, and a full page without a link still offers more', async () => {
		sim().control.seed({ requesters: 150, randomSeed: 4 });
		const pick = async () => (await loadOptions(credentials(), { resource: 'user', operation: 'update' }, { listSearch: 'searchUsers' })) as INodeListSearchResult;
		sim().control.configure({ faults: { queue: [{ kind: 'strip', keys: ['requesters'], method: 'GET', pathPattern: '/api/v2/requesters' }] } });
		await expect(pick()).rejects.toThrow('Freshservice answered page 1 of its listing of requesters without the list of requesters (HTTP 200)');
		sim().control.configure({ faults: { queue: [{ kind: 'strip', headers: ['link'], method: 'GET', pathPattern: '/api/v2/requesters' }] } });
		const unlinked = await pick();
		expect(unlinked.results).toHaveLength(100);
		expect(unlinked.paginationToken).toBe('2');
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

describe('Create or Update: the resource mapper and Fields to Clear', () => {
	async function columns(userType: string) {
		const loaded = (await loadOptions(credentials(), { resource: 'user', operation: 'upsert', userType }, { resourceMapping: 'getUserFields' })) as ResourceMapperFields;
		return new Map(loaded.fields.map((field) => [field.id, field]));
	}

	it("loads the user type's writable fields by API name and the instance's custom fields with their types", async () => {
		const requester = await columns('requester');
		expect(requester.get('email')).toMatchObject({ displayName: 'Email', required: true, defaultMatch: true, canBeUsedToMatch: true, type: 'string' });
		expect([...requester.values()].filter((field) => field.canBeUsedToMatch).map((field) => field.id)).toEqual(['email']);
		expect(requester.get('first_name')).toMatchObject({ displayName: 'First Name', type: 'string' });
		expect(requester.get('department_ids')).toMatchObject({ displayName: 'Departments (Names or IDs)', type: 'string' });
		expect(requester.get('reporting_manager_id')).toMatchObject({ displayName: 'Reporting Manager (Email or ID)' });
		// Yes/No as a choice: n8n's mapper would set every shown switch to false, and so overwrite.
		const yesNo = { type: 'options', options: [{ name: 'Yes', value: true }, { name: 'No', value: false }] };
		expect(requester.get('can_see_all_tickets_from_associated_departments')).toMatchObject(yesNo);
		expect([...requester.values()].filter((field) => (field.type as string) === 'boolean')).toEqual([]);
		expect(requester.get('time_format')).toMatchObject({ type: 'options', options: [{ name: '12 Hour', value: '12h' }, { name: '24 Hour', value: '24h' }] });
		expect(requester.get('employee_id')).toMatchObject({ displayName: 'Employee ID', type: 'string' });
		expect(requester.get('desk_number')).toMatchObject({ displayName: 'Desk Number', type: 'number' });
		expect(requester.get('remote_worker')).toMatchObject({ displayName: 'Remote worker', ...yesNo });
		expect(requester.get('cost_center')).toMatchObject({ type: 'options', options: expect.arrayContaining([{ name: 'CC-200 Sales', value: 'CC-200 Sales' }]) });
		expect(requester.has('occasional')).toBe(false);
		expect(requester.has('language_choices')).toBe(false);
		expect(sim().control.log().map((entry) => entry.path)).toEqual(['/api/v2/requester_fields']);

		const agent = await columns('agent');
		expect(agent.has('external_id')).toBe(false);
		expect(agent.get('occasional')).toMatchObject(yesNo);
		expect(agent.get('member_of')).toMatchObject({ displayName: 'Member of Groups (Names or IDs)' });
		expect(agent.get('shift')).toMatchObject({ type: 'options', options: [{ name: 'Day', value: 'Day' }, { name: 'Night', value: 'Night' }, { name: 'Follow the sun', value: 'Follow the sun' }] });
		expect(agent.has('cost_center')).toBe(false);
	});

	it('Fields to Clear offers what may be emptied: not the name or email; custom fields by their key', async () => {
		const requester = await options('getClearableFields', { operation: 'upsert', userType: 'requester' });
		const values = requester.map((option) => option.value);
		expect(values).toEqual(expect.arrayContaining(['job_title', 'department_ids', 'reporting_manager_id', 'custom_fields.cost_center']));
		expect(values).not.toContain('first_name');
		expect(values).not.toContain('email');
		expect(values).not.toContain('member_of');
		const update = await options('getClearableFields', { operation: 'update' });
		expect(update.map((option) => option.value)).toEqual(expect.arrayContaining(['external_id', 'member_of', 'custom_fields.shift', 'custom_fields.cost_center']));
	});
});
