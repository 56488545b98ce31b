/**
 * Dry Run on Create and Update: every check and lookup a real run makes, nothing written, and the
 * item reports what the real run then does (the same action in its would… form, the same changes).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/source';
import { byEmail, byId, createRequester, useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes, stored } = useSimulator();

beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

type Item = IDataObject & { provisioning?: IDataObject };

async function run(parameters: INodeParameters, input: IDataObject[] = [{}]): Promise<Item[]> {
	sim().control.clearLog();
	const result = await runNode({ credentials: credentials(), parameters, input, continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	return result.items.map((item) => item.json as Item);
}

async function hire(firstName: string, email: string, additionalFields: INodeParameters = {}): Promise<number> {
	const [item] = await run(createRequester(firstName, email, additionalFields));
	expect(item.error).toBeUndefined();
	return Number(item.id);
}

const dryRun = { options: { dryRun: true } };

describe('Create under Dry Run', () => {
	const newHire = createRequester('Nina', 'Nina.New@Example.com', { lastName: 'New', jobTitle: 'Analyst', departmentIds: 'Sales' });

	it('looks up the email and the department, sends nothing, and reports what the real create then does', async () => {
		const before = stored();
		const [planned] = await run({ ...newHire, ...dryRun });
		expect(stored()).toBe(before);
		expect(writes()).toEqual([]);
		expect(apiCalls().map((entry) => entry.path)).toEqual(expect.arrayContaining(['/api/v2/requesters', '/api/v2/departments']));
		const sales = sim().control.state().departments.find((department) => department.name === 'Sales')!.id;
		expect(planned).toEqual({
			provisioning: {
				action: 'wouldCreate',
				userType: 'requester',
				dryRun: true,
				changes: {
					first_name: { from: null, to: 'Nina' },
					primary_email: { from: null, to: 'nina.new@example.com' },
					last_name: { from: null, to: 'New' },
					job_title: { from: null, to: 'Analyst' },
					department_ids: { from: null, to: [sales] },
				},
			},
		});

		const [real] = await run(newHire);
		expect(real.provisioning).toEqual({ ...planned.provisioning, action: 'created', dryRun: false });
		expect(writes().map((entry) => [entry.method, entry.path])).toEqual([['POST', '/api/v2/requesters']]);
		expect(real.id).toBe(sim().control.requesterByEmail('nina.new@example.com')!.id);
	});

	it("fails the item, as the real create does, when the email belongs to someone (here a deactivated requester's)", async () => {
		const id = await hire('Dan', 'dan@example.com');
		await run({ resource: 'user', operation: 'deactivate', user: byId(id) });
		const before = stored();
		const [planned] = await run({ ...createRequester('Dan', 'DAN@example.com'), ...dryRun });
		expect(planned.error).toBe(`The email dan@example.com already belongs to deactivated requester ${id}: Create would be refused (Dry Run, nothing was sent)`);
		expect(planned.description).toMatch(/Use Create or Update to change that user/);
		expect(stored()).toBe(before);
		expect(writes()).toEqual([]);

		const [real] = await run(createRequester('Dan', 'DAN@example.com'));
		expect(real.error).toMatch(/primary_email: It should be a unique value/);
		expect(stored()).toBe(before);
	});

	it('refuses bad input before any request, as the real create does', async () => {
		const [planned] = await run({ ...createRequester('Nina', 'nina@'), ...dryRun });
		expect(planned.error).toMatch(/^'Email' must be an email address/);
		expect(apiCalls()).toEqual([]);
	});
});

describe('Update under Dry Run, and the changes a real Update reports', () => {
	it('finds the user, sends nothing, and reports the changes; the real Update then makes exactly those', async () => {
		const id = await hire('Jane', 'jane@example.com', { jobTitle: 'Engineer', lastName: 'Doe', mobilePhoneNumber: '+49 151 000' });
		const parameters: INodeParameters = {
			resource: 'user',
			operation: 'update',
			user: byEmail('Jane@Example.com'),
			updateFields: { jobTitle: 'Staff Engineer', lastName: 'Doe', departmentIds: 'IT' },
			fieldsToClear: ['mobile_phone_number'],
		};
		const before = stored();
		const [planned] = await run({ ...parameters, ...dryRun });
		expect(stored()).toBe(before);
		expect(writes()).toEqual([]);
		const itDepartment = sim().control.state().departments.find((department) => department.name === 'IT')!.id;
		const changes = {
			job_title: { from: 'Engineer', to: 'Staff Engineer' },
			department_ids: { from: [], to: [itDepartment] },
			mobile_phone_number: { from: '+49 151 000', to: null },
		};
		expect(planned).toMatchObject({ id, job_title: 'Engineer', provisioning: { action: 'wouldUpdate', userType: 'requester', dryRun: true, changes } });
		expect(Object.keys(planned.provisioning!.changes as IDataObject).sort()).toEqual(Object.keys(changes).sort());

		const [real] = await run(parameters);
		expect(real).toMatchObject({ id, job_title: 'Staff Engineer', mobile_phone_number: null });
		expect(real.provisioning).toEqual({ ...planned.provisioning, action: 'updated', dryRun: false });
		// Only what differs: the last name already is Doe.
		expect(writes().map((entry) => [entry.method, entry.path, entry.requestBody])).toEqual([
			['PUT', `/api/v2/requesters/${id}`, { job_title: 'Staff Engineer', department_ids: [itDepartment], mobile_phone_number: null }],
		]);
	});

	it('an Update that changes nothing sends nothing and says so, under Dry Run and for real', async () => {
		const id = await hire('Jane', 'jane@example.com', { jobTitle: 'Engineer' });
		const parameters: INodeParameters = { resource: 'user', operation: 'update', user: byId(id), updateFields: { jobTitle: ' Engineer ' } };
		for (const options of [dryRun, {}]) {
			const [item] = await run({ ...parameters, ...options });
			expect(item.provisioning).toMatchObject({ action: 'unchanged', dryRun: options === dryRun });
			expect(item.provisioning!.reason).toMatch(/nothing was sent/);
			expect(writes()).toEqual([]);
		}
	});

	it('a user who is not there fails the item under Dry Run as for real', async () => {
		const [item] = await run({ resource: 'user', operation: 'update', user: byEmail('nobody@example.com'), updateFields: { jobTitle: 'X' }, ...dryRun });
		expect(item.error).toBe('No Freshservice user (requester or agent) has the email nobody@example.com');
		expect(writes()).toEqual([]);
	});
});
