import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/source';
import { byEmail, createRequester, useSimulator } from './fixtures';

const { sim, credentials, apiCalls } = useSimulator();

describe('Create and Update take names instead of IDs', () => {
	it('Create: departments and location by name, the manager by email; each list read once for all items', async () => {
		const boss = sim().control.userById(sim().control.seed({ requesters: 1, randomSeed: 5 }).requesterIds[0])!.record as unknown as IDataObject;
		sim().control.clearLog();
		const result = await runNode({
			credentials: credentials(),
			parameters: createRequester('={{ $json.first }}', '={{ $json.email }}', {
				departmentIds: '={{ $json.departments }}',
				locationId: '={{ $json.location }}',
				reportingManagerId: '={{ $json.manager }}',
			}),
			input: [
				{ first: 'Ann', email: 'ann@hr.example', departments: ['Sales', 'it'], location: 'Berlin', manager: String(boss.primary_email).toUpperCase() },
				{ first: 'Bob', email: 'bob@hr.example', departments: 'Finance', location: 'new york', manager: String(boss.primary_email) },
			],
		});
		expect(result.error).toBeUndefined();
		const state = sim().control.state();
		const department = (name: string) => state.departments.find((record) => record.name === name)!.id;
		expect(sim().control.requesterByEmail('ann@hr.example')).toMatchObject({
			department_ids: [department('Sales'), department('IT')],
			location_id: state.locations.find((record) => record.name === 'Berlin')!.id,
			reporting_manager_id: boss.id,
		});
		const reads = apiCalls().filter((entry) => entry.method === 'GET').map((entry) => entry.path);
		expect(reads.filter((path) => path === '/api/v2/departments')).toHaveLength(1);
		expect(reads.filter((path) => path === '/api/v2/locations')).toHaveLength(1);
		expect(reads.filter((path) => path === '/api/v2/requesters')).toHaveLength(1);
	});

	it('Create: an unknown department name fails the item with the closest names, and creates nobody', async () => {
		const result = await runNode({ credentials: credentials(), parameters: createRequester('Jane', 'jane@example.com', { departmentIds: 'Slaes' }) });
		expect(result.error?.message).toBe(`'Department Names or IDs': Freshservice has no department named "Slaes"; the closest are "Sales", "IT", "Finance" [item 0]`);
		expect(result.error?.description).toBe("Fix the value of 'Department Names or IDs'. Nothing was sent to Freshservice for this item.");
		expect(apiCalls().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /api/v2/departments']);
	});

	it('Update: a location by name; Fields to Clear sends only what is not already empty', async () => {
		await runNode({ credentials: credentials(), parameters: createRequester('Jane', 'jane@example.com', { jobTitle: 'Engineer' }) });
		sim().control.clearLog();
		const update = (updateFields: INodeParameters, fieldsToClear: string[]) =>
			runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'update', user: byEmail('jane@example.com'), updateFields, fieldsToClear } });
		const moved = await update({ locationId: 'London HQ' }, ['job_title', 'address']);
		expect(moved.error).toBeUndefined();
		const put = apiCalls().filter((entry) => entry.method === 'PUT');
		expect(put.map((entry) => entry.requestBody)).toEqual([{ location_id: sim().control.state().locations.find((record) => record.name === 'London HQ')!.id, job_title: null }]);

		sim().control.clearLog();
		const again = await update({}, ['job_title', 'address']);
		expect(again.items[0].json.provisioning).toMatchObject({ action: 'unchanged' });
		expect(apiCalls().filter((entry) => entry.method !== 'GET')).toEqual([]);
	});

	it('Get Many: the department and location filters take names too, each list read once for all items', async () => {
		const create = (first: string, email: string, departmentIds: string, locationId: string) =>
			runNode({ credentials: credentials(), parameters: createRequester(first, email, { departmentIds, locationId }) });
		await create('Ann', 'ann@hr.example', 'Sales', 'Berlin');
		await create('Bob', 'bob@hr.example', 'Sales', 'London HQ');
		await create('Cat', 'cat@hr.example', 'Finance', 'Berlin');
		sim().control.clearLog();
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true, filters: { departmentId: '={{ $json.department }}', locationId: '={{ $json.location }}' } },
			input: [
				{ department: 'sales', location: 'berlin' },
				{ department: 'Sales', location: 'London HQ' },
			],
		});
		expect(result.error).toBeUndefined();
		const emailsFor = (item: number) => result.items.filter((entry) => (entry.pairedItem as { item: number }).item === item).map((entry) => entry.json.primary_email);
		expect(emailsFor(0)).toEqual(['ann@hr.example']);
		expect(emailsFor(1)).toEqual(['bob@hr.example']);
		const reads = apiCalls().map((entry) => entry.path);
		expect(reads.filter((path) => path === '/api/v2/departments')).toHaveLength(1);
		expect(reads.filter((path) => path === '/api/v2/locations')).toHaveLength(1);
	});
});
