import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import * as syncRoster from '../../nodes/FreshserviceProvisioning/actions/user/syncRoster.operation';
import { DEFAULT_SAFETY_LIMIT } from '../../nodes/FreshserviceProvisioning/provisioning/deprovision';
import type { Behaviours, RequesterView } from '../../simulator';
import { BEHAVIOUR_VALUES, DEFAULT_BEHAVIOURS, SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';
import type { RunResult } from '../harness/source';
import { loadOptions, runNode } from '../harness/source';
import { apiClient } from '../simulator/helpers';
import { useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes, stored } = useSimulator();

// Listing 5,000 users is 50 calls against the list-requesters sub-limit; waiting out the window is
// the rate limiter's business, tested elsewhere.
beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

/** Writes run under Parallel Requests: compared as a set, each person's own steps still in order. */
const sortedBy = <T,>(entries: T[]) => [...entries].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const calls = (method: string, path: string) => apiCalls().filter((entry) => entry.method === method && entry.path === path);

interface Row extends IDataObject {
	email: string;
	first_name: string;
	last_name: string;
	job_title: string;
}

/** A roster row for a requester as Freshservice holds them: the HR system agrees with Freshservice. */
function rowOf(record: RequesterView): Row {
	return { email: record.primary_email!, first_name: record.first_name, last_name: record.last_name ?? '', job_title: record.job_title ?? '' };
}

function seededRequesters(options: { requesters: number; randomSeed: number; domain?: string }): RequesterView[] {
	const ids = new Set(sim().control.seed(options).requesterIds);
	return sim()
		.control.state()
		.requesters.filter((record) => ids.has(record.id));
}

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

async function sync(input: IDataObject[], extra: INodeParameters = {}, options: INodeParameters = {}, continueOnFail = true): Promise<RunResult> {
	return await runNode({ credentials: credentials(), parameters: syncParameters(extra, options), input, continueOnFail });
}

type Json = IDataObject & { provisioning?: IDataObject; summary?: IDataObject; error?: string };
const json = (item: INodeExecutionData) => item.json as Json;
const people = (result: RunResult, count: number) => result.items.slice(0, count).map(json);
/** The summary: the one item of the second output, Summary. */
const summaryOf = (result: RunResult) => {
	expect(result.outputs[1]).toHaveLength(1);
	return json(result.outputs[1][0]).summary as IDataObject & { actions: Record<string, number> };
};
const actionsOf = (items: Json[]) => items.map((item) => item.provisioning?.action ?? (item.error === undefined ? undefined : 'error'));
const everyInput = (count: number) => Array.from({ length: count }, (_, item) => ({ item }));

describe('Sync Roster: the fields mapper', () => {
	it('offers Email (the default), External ID and text or number custom fields to match by, and nothing else', async () => {
		const { fields } = (await loadOptions(credentials(), syncParameters(), { resourceMapping: 'getRosterFields' })) as { fields: Array<{ id: string; defaultMatch: boolean; canBeUsedToMatch?: boolean }> };
		expect(fields.filter((field) => field.canBeUsedToMatch).map((field) => field.id)).toEqual(['email', 'external_id', 'employee_id', 'desk_number']);
		expect(fields.filter((field) => field.defaultMatch).map((field) => field.id)).toEqual(['email']);
		expect(fields.map((field) => field.id)).toEqual(expect.arrayContaining(['first_name', 'department_ids', 'cost_center', 'remote_worker']));
	});
});

/**
 * The 5,000-person test takes about 10 s alone (two syncs over real HTTP on loopback); the whole
 * suite shares two cores, so it gets room to finish instead of leaving a run going into the next
 * test. No timing is asserted.
 */
const LARGE_ROSTER_TIMEOUT_MS = 120_000;

describe('Sync Roster: a whole roster in one listing pass', () => {
	it('5,000 people matching a tenant of 5,000 with 50 changes: 50 list pages, 50 writes, two lookups; the tenant then equals the roster; a second run writes nothing', async () => {
		const seeded = seededRequesters({ requesters: 5000, randomSeed: 11 });
		const state = sim().control.state();
		const emailOf = new Map([...state.requesters, ...state.agents].map((record) => [record.id, 'email' in record ? record.email : record.primary_email]));
		// Departments and location by name, the manager by email, as HR systems send them.
		const roster = seeded.map((record) => ({
			...rowOf(record),
			department_ids: record.department_names[0] ?? '',
			location_id: record.location_name ?? '',
			reporting_manager_id: record.reporting_manager_id === null ? '' : emailOf.get(record.reporting_manager_id)!,
		}));
		const changed = Array.from({ length: 50 }, (_, index) => index * 97);
		for (const index of changed) roster[index].job_title = `Principal ${index}`;
		sim().control.clearLog();

		const result = await sync(roster);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5000);
		const items = people(result, 5000);
		expect(actionsOf(items).filter((action) => action !== 'unchanged')).toEqual(Array(50).fill('updated'));
		expect(result.items.slice(0, 5000).map((item) => item.pairedItem)).toEqual(everyInput(5000));

		// The request log: one listing pass, the two lists the roster names, and only the writes.
		// The 50th page is full and has no link: one more page shows the listing really ended.
		expect(calls('GET', '/api/v2/requesters')).toHaveLength(5000 / 100 + 1);
		expect(calls('GET', '/api/v2/requesters').every((entry) => entry.query.per_page === '100')).toBe(true);
		expect(calls('GET', '/api/v2/agents').length).toBeLessThanOrEqual(2);
		expect(calls('GET', '/api/v2/departments')).toHaveLength(1);
		expect(calls('GET', '/api/v2/locations')).toHaveLength(1);
		expect(sortedBy(writes().map((entry) => [entry.method, entry.path, entry.requestBody]))).toEqual(
			sortedBy(changed.map((index) => ['PUT', `/api/v2/requesters/${seeded[index].id}`, { job_title: `Principal ${index}` }])),
		);
		const syncRequests = apiCalls().length;
		expect(syncRequests).toBe(51 + calls('GET', '/api/v2/agents').length + 2 + 50);
		expect(summaryOf(result)).toMatchObject({ people: 5000, actions: { updated: 50, unchanged: 4950 }, failed: 0, requests: syncRequests });

		// The tenant equals the roster.
		const departmentId = new Map(state.departments.map((department) => [department.name, department.id]));
		const locationId = new Map(state.locations.map((location) => [location.name, location.id]));
		const byEmail = new Map(sim().control.state().requesters.map((record) => [record.primary_email, record]));
		for (const row of roster) {
			const record = byEmail.get(row.email)!;
			expect([record.first_name, record.last_name ?? '', record.job_title]).toEqual([row.first_name, row.last_name, row.job_title]);
			expect(record.department_ids).toEqual(row.department_ids === '' ? [] : [departmentId.get(row.department_ids)]);
			expect(record.location_id).toBe(row.location_id === '' ? null : locationId.get(row.location_id));
			expect(record.reporting_manager_id === null ? '' : emailOf.get(record.reporting_manager_id)).toBe(row.reporting_manager_id);
		}

		// The same roster again: not a single write.
		sim().control.clearLog();
		const again = await sync(roster);
		expect(summaryOf(again).actions).toEqual({ unchanged: 5000 });
		expect(writes()).toEqual([]);

		// Create or Update per person costs one lookup per unchanged person, measured here on 200
		// of them (the cost is per person, so it scales): the same 5,000 with 50 changes is 5,050.
		sim().control.clearLog();
		const sample = roster.slice(0, 200).map(({ email, first_name, last_name, job_title }) => ({ email, first_name, last_name, job_title }));
		const upsert = await runNode({
			credentials: credentials(),
			parameters: { ...syncParameters(), operation: 'upsert' },
			input: sample,
			continueOnFail: true,
		});
		expect(upsert.items.map((item) => json(item).provisioning?.action)).toEqual(Array(200).fill('unchanged'));
		const perPerson = apiCalls().length / 200;
		expect(perPerson).toBe(1);
		const upsertRequests = perPerson * 5000 + 50;
		expect(upsertRequests / syncRequests).toBeGreaterThanOrEqual(40);
	}, LARGE_ROSTER_TIMEOUT_MS);

	it('creates, updates only what changed, reactivates a rehire and leaves the rest; an agent found for a requester row is left alone and says why', async () => {
		const [stays, promoted, rehire] = seededRequesters({ requesters: 3, randomSeed: 5 });
		const deactivated = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: rehire.primary_email } },
		});
		expect(deactivated.error).toBeUndefined();
		const agent = sim().control.state().agents.find((record) => record.email === 'riley.chen@acme.example')!;
		const roster = [
			rowOf(stays),
			{ ...rowOf(promoted), job_title: 'Head of Things' },
			{ ...rowOf(rehire), job_title: 'Rehired' },
			{ email: 'new.hire@acme.example', first_name: 'New', last_name: 'Hire', job_title: 'Analyst' },
			{ email: agent.email, first_name: agent.first_name, last_name: agent.last_name ?? '', job_title: 'Agent' },
		];
		sim().control.clearLog();
		const result = await sync(roster);
		const items = people(result, 5);
		expect(actionsOf(items)).toEqual(['unchanged', 'updated', 'reactivated', 'created', 'skipped']);
		expect(items[1].provisioning!.changes).toEqual({ job_title: { from: promoted.job_title, to: 'Head of Things' } });
		expect(items[4].provisioning!.reason).toMatch(/belongs to an agent, not a requester; nothing was changed/);
		expect(sortedBy(writes().map((entry) => [entry.method, entry.path]))).toEqual(
			sortedBy([
				['PUT', `/api/v2/requesters/${promoted.id}`],
				['PUT', `/api/v2/requesters/${rehire.id}/reactivate`],
				['PUT', `/api/v2/requesters/${rehire.id}`],
				['POST', '/api/v2/requesters'],
			]),
		);
		const paths = writes().map((entry) => entry.path);
		expect(paths.indexOf(`/api/v2/requesters/${rehire.id}/reactivate`)).toBeLessThan(paths.indexOf(`/api/v2/requesters/${rehire.id}`));
		expect(sim().control.requesterByEmail(rehire.primary_email!)).toMatchObject({ active: true, job_title: 'Rehired' });
		expect(sim().control.requesterByEmail('new.hire@acme.example')).toMatchObject({ first_name: 'New', job_title: 'Analyst' });
		expect(summaryOf(result)).toMatchObject({ people: 5, actions: { unchanged: 1, updated: 1, reactivated: 1, created: 1, skipped: 1 }, failed: 0 });
		expect(result.outputs[1][0].pairedItem).toEqual(everyInput(5));
		expect(result.items.every((item) => json(item).provisioning !== undefined)).toBe(true);
	});

	it('matches by a custom field (an employee number) across an email change; a first sync finds people by email and fills the number in', async () => {
		const [renamed, unnumbered] = seededRequesters({ requesters: 2, randomSeed: 9 });
		// Someone HR knows by number whom Freshservice has without one yet.
		await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'update', user: { __rl: true, mode: 'email', value: unnumbered.primary_email }, updateFields: {}, fieldsToClear: ['custom_fields.employee_id'] },
		});
		sim().control.clearLog();
		const columns = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['employee_id'], schema: [{ id: 'employee_id', displayName: 'Employee ID' }] };
		const roster = [
			{ ...rowOf(renamed), email: 'renamed.person@acme.example', employee_id: renamed.custom_fields.employee_id },
			{ ...rowOf(unnumbered), employee_id: 'E777' },
			{ email: 'new.number@acme.example', first_name: 'New', last_name: 'Number', job_title: 'Clerk', employee_id: 'E778' },
		];
		const result = await sync(roster, { columns });
		expect(result.error).toBeUndefined();
		const items = people(result, 3);
		expect(actionsOf(items)).toEqual(['updated', 'updated', 'created']);
		expect(items[0]).toMatchObject({ id: renamed.id, primary_email: 'renamed.person@acme.example' });
		expect(items[1]).toMatchObject({ id: unnumbered.id, custom_fields: { employee_id: 'E777' } });
		expect(summaryOf(result)).toMatchObject({ matchBy: 'Employee ID' });

		sim().control.clearLog();
		expect(summaryOf(await sync(roster, { columns })).actions).toEqual({ unchanged: 3 });
		expect(writes()).toEqual([]);
	});
});

describe('Sync Roster: deprovisioning', () => {
	it('offers the documented safety limit by default', () => {
		const defaults = Object.fromEntries(syncRoster.description.map((property) => [property.name, property.default]));
		expect([defaults[syncRoster.PARAMETERS.maxCount.name], defaults[syncRoster.PARAMETERS.maxPercent.name]]).toEqual([DEFAULT_SAFETY_LIMIT.maxCount, DEFAULT_SAFETY_LIMIT.maxPercent]);
	});

	const deprovision = (limits: INodeParameters = {}): INodeParameters => ({
		deprovision: true,
		deprovisionScope: 'emailDomain',
		scopeEmailDomains: 'acme.example',
		maxDeactivations: 50,
		maxDeactivationPercent: 10,
		...limits,
	});
	let staff: RequesterView[];
	let partners: RequesterView[];
	beforeEach(() => {
		staff = seededRequesters({ requesters: 100, randomSeed: 21 });
		partners = seededRequesters({ requesters: 20, randomSeed: 22, domain: 'partner.example' });
		sim().control.clearLog();
	});

	it('stops before any write when 30 % of the scope would go under a 10 % limit, saying how many and who first', async () => {
		const roster = [...staff.slice(30), ...partners].map(rowOf);
		roster[0] = { ...roster[0], job_title: 'Would have changed' };
		const before = stored();
		const missing = staff
			.slice(0, 30)
			.map((record) => record.primary_email!)
			.sort();

		const stopped = await sync(roster, deprovision(), {}, false);
		expect(stopped.error?.message).toBe(
			`Sync Roster stopped before any change: it would deactivate 30 of the 100 users in scope (emails at acme.example), 30 %, above the safety limit of 50 users and 10 % (up to 2 are always allowed within the count). The first 5: ${missing.slice(0, 5).join(', ')}, …`,
		);
		expect(stopped.error?.description).toMatch(/^Nothing was sent to Freshservice/);
		expect(writes()).toEqual([]);
		expect(stored()).toBe(before);

		// Under Continue the refusal is one error item, paired with the whole roster; still no write.
		const continued = await sync(roster, deprovision());
		expect(continued.items).toHaveLength(1);
		expect(json(continued.items[0]).error).toBe(stopped.error?.message);
		expect(continued.items[0].pairedItem).toEqual(everyInput(roster.length));
		expect(writes()).toEqual([]);
		expect(stored()).toBe(before);
	});

	it('at 5 % deactivates exactly the missing people in scope: no one at another domain, no agent', async () => {
		const leavers = staff.slice(0, 5);
		const roster = [...staff.slice(5), ...partners.slice(3)].map(rowOf);
		const result = await sync(roster, deprovision());
		expect(result.error).toBeUndefined();
		expect(calls('GET', '/api/v2/agents/me')).toHaveLength(1);
		expect(sortedBy(writes().map((entry) => [entry.method, entry.path]))).toEqual(sortedBy(leavers.map((record) => ['DELETE', `/api/v2/requesters/${record.id}`])));
		const deactivated = result.items.slice(roster.length);
		expect(deactivated.map((item) => [json(item).id, json(item).provisioning!.action])).toEqual(
			[...leavers].sort((a, b) => a.primary_email!.localeCompare(b.primary_email!)).map((record) => [record.id, 'deactivated']),
		);
		expect(deactivated.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify(everyInput(roster.length)))).toBe(true);
		const state = sim().control.state();
		const inactive = state.requesters.filter((record) => !record.active).map((record) => record.id);
		expect(inactive.sort()).toEqual(leavers.map((record) => record.id).sort());
		expect(state.agents.every((record) => record.active)).toBe(true);
		expect(summaryOf(result)).toMatchObject({ actions: { unchanged: 112, deactivated: 5 }, deprovisioning: { scope: 'emails at acme.example', inScope: 100, deactivated: 5, agentsLeftAlone: 2 } });

		// Run again: the leavers are gone already, so nothing is written.
		sim().control.clearLog();
		expect(summaryOf(await sync(roster, deprovision())).actions).toEqual({ unchanged: 112 });
		expect(writes()).toEqual([]);
	});

	it('never takes a person whose row failed for a leaver: both rows of a duplicate keep their user', async () => {
		const twice = staff[7];
		const roster = [...staff.slice(2), ...partners].map(rowOf);
		roster.push({ ...rowOf(twice), job_title: 'Second row' });
		const result = await sync(roster, deprovision());
		expect(result.error).toBeUndefined();
		expect(people(result, roster.length).filter((item) => item.error !== undefined)).toHaveLength(2);
		expect(writes().map((entry) => entry.path).sort()).toEqual(staff.slice(0, 2).map((record) => `/api/v2/requesters/${record.id}`).sort());
		expect(sim().control.requesterByEmail(twice.primary_email!)!.active).toBe(true);
	});

	it('deactivates agents only when allowed, and never the owner of the API key', async () => {
		const roster = staff.map(rowOf);
		const owner = sim().control.agentByEmail('sam.okafor@acme.example')!;
		const result = await sync(roster, deprovision({ deprovisionAgents: true }));
		expect(result.error).toBeUndefined();
		const others = sim()
			.control.state()
			.agents.filter((record) => record.id !== owner.id);
		expect(writes().map((entry) => entry.path).sort()).toEqual(others.map((record) => `/api/v2/agents/${record.id}`).sort());
		expect(sim().control.agentByEmail('sam.okafor@acme.example')!.active).toBe(true);
		expect(others.every((record) => !sim().control.userById(record.id)!.record.active)).toBe(true);
	});

	it('by department, and for the users this sync manages (those holding an External ID)', async () => {
		const state = sim().control.state();
		const finance = state.departments.find((department) => department.name === 'Finance')!;
		const everyone = [...staff, ...partners];
		const inFinance = everyone.filter((record) => record.department_ids.includes(finance.id));
		expect(inFinance.length).toBeGreaterThan(2);
		const roster = everyone.filter((record) => record !== inFinance[0]).map(rowOf);
		const result = await sync(roster, deprovision({ deprovisionScope: 'department', scopeDepartment: 'finance', maxDeactivationPercent: 100 }));
		expect(result.error).toBeUndefined();
		expect(writes().map((entry) => entry.path)).toEqual([`/api/v2/requesters/${inFinance[0].id}`]);
		expect(summaryOf(result).deprovisioning).toMatchObject({ scope: 'department Finance', inScope: inFinance.length });

		// External IDs mark the users this sync manages; the rest of the tenant is out of its reach.
		sim().control.reset();
		sim().control.configure({ rateLimit: { enabled: false } });
		const managed = seededRequesters({ requesters: 10, randomSeed: 23 });
		const columns = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['external_id'], schema: [{ id: 'external_id', displayName: 'External ID' }] };
		const managedRoster = managed.map((record, index) => ({ ...rowOf(record), external_id: `HR-${index}` }));
		expect((await sync(managedRoster, { columns })).error).toBeUndefined();
		sim().control.clearLog();
		const leaving = await sync(managedRoster.slice(1), { columns, ...deprovision({ deprovisionScope: 'managed', maxDeactivationPercent: 100 }) });
		expect(leaving.error).toBeUndefined();
		expect(writes().map((entry) => entry.path)).toEqual([`/api/v2/requesters/${managed[0].id}`]);
		expect(summaryOf(leaving).deprovisioning).toMatchObject({ scope: "users with a value in 'External ID'", inScope: 10, deactivated: 1 });
	});
});

describe('Sync Roster: Dry Run', () => {
	const variants: Array<[string, Partial<Behaviours>]> = [
		['deactivated requesters listed', {}],
		['deactivated requesters hidden from the list', { unfilteredListIncludesInactive: false }],
		['hidden from the list and from the email filter', { unfilteredListIncludesInactive: false, emailFilterIncludesInactive: false }],
	];

	it.each(variants)('returns the whole plan without writing; the real run then does exactly that, item by item (%s)', async (_, behaviours) => {
		const [stays, promoted, rehire, leaver] = seededRequesters({ requesters: 4, randomSeed: 31 });
		await runNode({ credentials: credentials(), parameters: { resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: rehire.primary_email } } });
		sim().control.configure({ behaviours });
		const roster = [
			rowOf(stays),
			{ ...rowOf(promoted), job_title: 'Promoted', department_ids: 'Sales' },
			{ ...rowOf(rehire), job_title: 'Rehired' },
			{ email: 'new.hire@acme.example', first_name: 'New', last_name: 'Hire', job_title: 'Analyst' },
			{ email: 'no.name@acme.example', first_name: ' ', last_name: 'Nobody', job_title: 'Ghost' },
			{ email: 'riley.chen@acme.example', first_name: 'Riley', last_name: 'Chen', job_title: 'Agent' },
		];
		const limits = { deprovision: true, deprovisionScope: 'emailDomain', scopeEmailDomains: 'acme.example', maxDeactivationPercent: 100 };
		const before = stored();
		sim().control.clearLog();

		const dry = await sync(roster, limits, { dryRun: true });
		expect(dry.error).toBeUndefined();
		expect(writes()).toEqual([]);
		expect(stored()).toBe(before);
		const real = await sync(roster, limits);
		expect(real.error).toBeUndefined();

		// A real run's action, as Dry Run words it.
		const asDryRun: Record<string, string> = { created: 'wouldCreate', updated: 'wouldUpdate', reactivated: 'wouldReactivate', deactivated: 'wouldDeactivate' };
		const outcome = (item: INodeExecutionData) => {
			const { provisioning, error, id } = json(item);
			const action = provisioning ? String(provisioning.action) : undefined;
			return { action: action && (asDryRun[action] ?? action), changes: provisioning?.changes, error, id };
		};
		expect(actionsOf(dry.items.map(json))).toEqual(['unchanged', 'wouldUpdate', 'wouldReactivate', 'wouldCreate', 'error', 'skipped', 'wouldDeactivate']);
		expect(actionsOf(real.items.map(json))).toEqual(['unchanged', 'updated', 'reactivated', 'created', 'error', 'skipped', 'deactivated']);
		const withoutNewIds = (items: INodeExecutionData[]) => items.map(outcome).map((entry, index) => (index === 3 ? { ...entry, id: undefined } : entry));
		expect(withoutNewIds(dry.items)).toEqual(withoutNewIds(real.items));
		expect(json(dry.items[6]).id).toBe(leaver.id);
		expect(json(dry.items[4]).error).toMatch(/^'First Name' is empty: Freshservice needs a first name to create no\.name@acme\.example/);
		expect(summaryOf(dry)).toMatchObject({ dryRun: true, actions: { unchanged: 1, wouldUpdate: 1, wouldReactivate: 1, wouldCreate: 1, failed: 1, skipped: 1, wouldDeactivate: 1 } });
		expect(sim().control.requesterByEmail(rehire.primary_email!)).toMatchObject({ active: true, job_title: 'Rehired' });
	});
});

describe('Sync Roster: bad rows and partial failure', () => {
	it('a key that may not list agents stops the sync before any write; under Continue as one error item from the whole roster', async () => {
		const [person] = seededRequesters({ requesters: 1, randomSeed: 45 });
		const supervisor = { ...credentials(), apiKey: SIMULATOR_SUPERVISOR_API_KEY };
		const roster = [{ ...rowOf(person), job_title: 'Changed' }, { email: 'new.hire@acme.example', first_name: 'New' }];
		sim().control.clearLog();
		const stopped = await runNode({ credentials: supervisor, parameters: syncParameters(), input: roster });
		expect(stopped.error).toMatchObject({ message: expect.stringMatching(/^The API key may not do this while trying to list all agents/), httpCode: '403' });
		const continued = await runNode({ credentials: supervisor, parameters: syncParameters(), input: roster, continueOnFail: true });
		expect(continued.items).toHaveLength(1);
		expect(json(continued.items[0])).toMatchObject({ error: stopped.error!.message, httpCode: '403' });
		expect(continued.items[0].pairedItem).toEqual(everyInput(2));
		expect(writes()).toEqual([]);
	});

	it('a bad value stops the node before any request, naming the first bad item (without Continue)', async () => {
		const [person] = seededRequesters({ requesters: 1, randomSeed: 41 });
		sim().control.clearLog();
		const result = await sync([rowOf(person), { ...rowOf(person), email: 'jane@' }, { ...rowOf(person), email: '' }], {}, {}, false);
		expect(result.error?.message).toBe("'Email' must be an email address like jane.doe@example.com, not \"jane@\" [item 1]");
		expect(result.error?.description).toMatch(/nothing was sent to Freshservice/);
		expect(apiCalls()).toEqual([]);
	});

	it('a person twice in the roster: both rows fail, each naming the other, and the rest is synced', async () => {
		const [a, b] = seededRequesters({ requesters: 2, randomSeed: 42 });
		sim().control.clearLog();
		const roster = [{ ...rowOf(a), job_title: 'One' }, { ...rowOf(b), job_title: 'Changed' }, { ...rowOf(a), email: a.primary_email!.toUpperCase(), job_title: 'Two' }];
		const stopped = await sync(roster, {}, {}, false);
		expect(stopped.error?.message).toBe(`'Email' ${a.primary_email} is in items 0 and 2 of the roster: each person must appear once, so none of these rows was synced [item 0]`);
		expect(apiCalls()).toEqual([]);

		const result = await sync(roster);
		const items = people(result, 3);
		expect(items.map((item) => item.error ?? item.provisioning!.action)).toEqual([
			`'Email' ${a.primary_email} is in items 0 and 2 of the roster: each person must appear once, so none of these rows was synced [item 0]`,
			'updated',
			`'Email' ${a.primary_email} is in items 0 and 2 of the roster: each person must appear once, so none of these rows was synced [item 2]`,
		]);
		expect(result.items.slice(0, 3).map((item) => item.pairedItem)).toEqual(everyInput(3));
		expect(writes().map((entry) => entry.path)).toEqual([`/api/v2/requesters/${b.id}`]);
		expect(summaryOf(result)).toMatchObject({ actions: { updated: 1, failed: 2 }, failed: 2 });
	});

	it("one person's refusal by Freshservice fails only their item, counted in the summary; without Continue the node fails naming them after syncing the others", async () => {
		const [a, b, c] = seededRequesters({ requesters: 3, randomSeed: 43 });
		// An IANA time zone passes the node's text check; Freshservice wants its own names.
		const roster = [{ ...rowOf(a), job_title: 'A' }, { ...rowOf(b), time_zone: 'Europe/London' }, { ...rowOf(c), job_title: 'C' }];
		sim().control.clearLog();
		const result = await sync(roster);
		const items = people(result, 3);
		expect(actionsOf(items)).toEqual(['updated', 'error', 'updated']);
		expect(items[1]).toMatchObject({ error: expect.stringMatching(/time_zone/), httpCode: '400' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(summaryOf(result)).toMatchObject({ actions: { updated: 2, failed: 1 }, failed: 1, failures: [{ item: 1, email: b.primary_email, error: items[1].error }] });

		const again = await sync(
			roster.map((row) => ({ ...row, job_title: `${row.job_title} again` })),
			{},
			{},
			false,
		);
		expect(again.error?.message).toMatch(/^Sync Roster finished, but 1 of its changes failed: \[item 1\] .*time_zone/);
		expect(again.error?.description).toMatch(/^Everyone else was synced/);
		expect(sim().control.requesterByEmail(c.primary_email!)!.job_title).toBe('C again');
	});

	it('Summary Only: one item, paired with every input, holding the counts and the failures', async () => {
		const seeded = seededRequesters({ requesters: 20, randomSeed: 44 });
		const roster: IDataObject[] = seeded.map(rowOf);
		roster[3] = { ...roster[3], job_title: 'Changed' };
		roster[7] = { ...roster[7], email: 'not-an-email' };
		const result = await sync(roster, {}, { output: 'summaryOnly' });
		expect(result.items).toHaveLength(0);
		expect(result.outputs[1][0].pairedItem).toEqual(everyInput(20));
		expect(summaryOf(result)).toMatchObject({
			people: 20,
			actions: { updated: 1, unchanged: 18, failed: 1 },
			failures: [{ item: 7, error: expect.stringMatching(/^'Email' must be an email address/) }],
		});
	});
});

describe("Sync Roster under every setting of the simulator's switches", () => {
	/** Switches a listing, a lookup or a write depends on, each at every value but its default. */
	const SWITCHES = [
		'unfilteredListIncludesInactive',
		'emailFilterIncludesInactive',
		'emailFilterMatchesSecondary',
		'emailFilterIgnoresCase',
		'lowercaseEmails',
		'searchIncludesInactive',
		'duplicateEmailStatus',
		'updateInactive',
		'deactivateInactive',
		'deactivateClearsFields',
		'reactivateActive',
		'requesterByIdForAgent',
		'notFoundBody',
	] as const satisfies readonly (keyof Behaviours)[];
	const otherValues = (key: (typeof SWITCHES)[number]): unknown[] => {
		const values = BEHAVIOUR_VALUES[key];
		return values === 'boolean' ? [!DEFAULT_BEHAVIOURS[key]] : (values as readonly unknown[]).filter((value) => value !== DEFAULT_BEHAVIOURS[key]);
	};
	/** Where Freshservice offers no way at all to find a deactivated requester. */
	const HIDDEN_EVERYWHERE = 'no list, filter or search shows deactivated requesters';
	const settings: Array<[string, Partial<Behaviours>]> = [
		['defaults', {}],
		...SWITCHES.flatMap((key) => otherValues(key).map((value): [string, Partial<Behaviours>] => [`${key}=${String(value)}`, { [key]: value }])),
		['deactivated requesters hidden from the list and the email filter', { unfilteredListIncludesInactive: false, emailFilterIncludesInactive: false }],
		[HIDDEN_EVERYWHERE, { unfilteredListIncludesInactive: false, emailFilterIncludesInactive: false, searchIncludesInactive: false }],
		['case-sensitive email filter, emails stored as typed', { emailFilterIgnoresCase: false, lowercaseEmails: false }],
	];

	it.each(settings)('%s: Dry Run, then the same plan for real; the right people, no duplicate, no one else touched', async (name, behaviours) => {
		sim().control.configure({ behaviours });
		const api = apiClient(sim());
		const role = sim().control.state().roles.find((candidate) => candidate.name === 'SD Agent')!;
		const create = async (path: string, body: IDataObject) => {
			const response = await api.post(path, body);
			if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.data)}`);
			return (response.data.requester ?? response.data.agent) as IDataObject & { id: number };
		};
		const jane = await create('/requesters', { first_name: 'Jane', primary_email: 'Jane.Active@Example.com', secondary_emails: ['jane.alias@example.com'], job_title: 'Engineer' });
		const dan = await create('/requesters', { first_name: 'Dan', primary_email: 'dan.gone@example.com', job_title: 'Analyst' });
		const lee = await create('/requesters', { first_name: 'Lee', primary_email: 'lee.leaver@example.com' });
		const outsider = await create('/requesters', { first_name: 'Out', primary_email: 'out@partner.example' });
		const ada = await create('/agents', { first_name: 'Ada', email: 'ada.agent@example.com', roles: [{ role_id: role.id, assignment_scope: 'entire_helpdesk' }] });
		await api.delete(`/requesters/${dan.id}`);
		const roster = [
			{ email: 'JANE.ACTIVE@example.com', first_name: 'Jane', job_title: 'Staff Engineer' },
			{ email: 'dan.gone@example.com', first_name: 'Dan', job_title: 'Rehired' },
			{ email: 'ada.agent@example.com', first_name: 'Ada', job_title: 'Agent' },
			{ email: 'new.hire@example.com', first_name: 'New', job_title: 'Hire' },
			{ email: 'out@partner.example', first_name: 'Out' },
		];
		const parameters = { deprovision: true, deprovisionScope: 'emailDomain', scopeEmailDomains: 'example.com', maxDeactivationPercent: 100 };
		const before = stored();
		sim().control.clearLog();

		const dry = await sync(roster, parameters, { dryRun: true });
		expect(dry.error).toBeUndefined();
		expect(writes()).toEqual([]);
		expect(stored()).toBe(before);
		sim().control.clearLog();
		const real = await sync(roster, parameters);
		expect(real.error).toBeUndefined();

		const hiddenEverywhere = name === HIDDEN_EVERYWHERE;
		expect(actionsOf(dry.items.map(json))).toEqual(['wouldUpdate', hiddenEverywhere ? 'wouldCreate' : 'wouldReactivate', 'skipped', 'wouldCreate', 'unchanged', 'wouldDeactivate']);
		expect(actionsOf(real.items.map(json))).toEqual(['updated', hiddenEverywhere ? 'error' : 'reactivated', 'skipped', 'created', 'unchanged', 'deactivated']);
		if (hiddenEverywhere) {
			// Freshservice refuses the create and no list shows who has the email: the item says so.
			expect(json(real.items[1]).error).toBe('Freshservice says the email dan.gone@example.com is taken, but no lookup finds who has it');
		}
		const expectedWrites = [
			`PUT /api/v2/requesters/${jane.id}`,
			...(behaviours.unfilteredListIncludesInactive === false ? ['POST /api/v2/requesters'] : []),
			...(hiddenEverywhere ? [] : [`PUT /api/v2/requesters/${dan.id}/reactivate`, `PUT /api/v2/requesters/${dan.id}`]),
			'POST /api/v2/requesters',
			`DELETE /api/v2/requesters/${lee.id}`,
		];
		const sent = writes().map((entry) => `${entry.method} ${entry.path}`);
		expect([...sent].sort()).toEqual([...expectedWrites].sort());
		// Deactivations last; a rehire's reactivation before their update.
		expect(sent[sent.length - 1]).toBe(`DELETE /api/v2/requesters/${lee.id}`);
		if (!hiddenEverywhere) expect(sent.indexOf(`PUT /api/v2/requesters/${dan.id}/reactivate`)).toBeLessThan(sent.indexOf(`PUT /api/v2/requesters/${dan.id}`));
		expect(writes().find((entry) => entry.path === `/api/v2/requesters/${jane.id}`)!.requestBody).toEqual({ job_title: 'Staff Engineer' });
		const state = sim().control.state();
		expect(state.requesters.filter((record) => record.primary_email?.toLowerCase() === 'new.hire@example.com')).toHaveLength(1);
		expect(sim().control.userById(dan.id)!.record).toMatchObject(hiddenEverywhere ? { active: false, job_title: 'Analyst' } : { active: true, job_title: 'Rehired' });
		expect(sim().control.userById(lee.id)!.record.active).toBe(false);
		expect(sim().control.userById(outsider.id)!.record.active).toBe(true);
		expect(sim().control.userById(ada.id)!.record).toMatchObject({ active: true, job_title: null });
	});
});
