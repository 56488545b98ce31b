/**
 * Sync Roster's group columns (issue 15), through n8n-core against the simulator, with its request
 * log as evidence: each group the roster names read once before the first write, one write per
 * membership change, nothing the second time, Exact Within Managed Groups never touching a group
 * outside Managed Groups.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RequesterView } from '../../simulator';
import type { RunResult } from '../harness/source';
import { runNode } from '../harness/source';
import { useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes, stored } = useSimulator();

beforeEach(() => sim().control.configure({ rateLimit: { enabled: false } }));

const NEW_GROUPS = ['Berlin', 'Paris', 'Madrid', 'Rome', 'Vienna', 'Oslo', 'Lisbon'];
/** Ten manual groups the roster names; Finance Approvers stays outside it, kept by hand. */
const ROSTER_GROUPS = ['Contractors', 'Branch Managers', 'Sales Team', ...NEW_GROUPS];

const groupId = (name: string) => sim().control.state().requesterGroups.find((group) => group.name === name)!.id;
const membersOf = (name: string) => sim().control.state().requesterGroupMembers[String(groupId(name))];
const calls = (entries = apiCalls()) => entries.map((entry) => `${entry.method} ${entry.path}`);
const memberReads = (name: string) => {
	const path = `GET /api/v2/requester_groups/${groupId(name)}/members`;
	return calls().filter((call) => call === path).length;
};

type Json = IDataObject & { provisioning?: IDataObject; error?: string };
const json = (item: INodeExecutionData) => item.json as Json;
const summaryOf = (result: RunResult) => json(result.outputs[1][0]).summary as IDataObject & { memberships: IDataObject; actions: Record<string, number> };

async function setUp(count: number): Promise<RequesterView[]> {
	for (const name of NEW_GROUPS) {
		expect((await runNode({ credentials: credentials(), parameters: { resource: 'requesterGroup', operation: 'create', name } })).error).toBeUndefined();
	}
	const ids = new Set(sim().control.seed({ requesters: count, randomSeed: 15 }).requesterIds);
	sim().control.clearLog();
	return sim()
		.control.state()
		.requesters.filter((record) => ids.has(record.id));
}

function rosterOf(people: RequesterView[], groupOf: (index: number) => string | string[]): IDataObject[] {
	return people.map((record, index) => ({
		email: record.primary_email!,
		first_name: record.first_name,
		last_name: record.last_name ?? '',
		requester_groups: groupOf(index),
	}));
}

async function sync(input: IDataObject[], options: INodeParameters = {}): Promise<RunResult> {
	const parameters = {
		resource: 'user',
		operation: 'syncRoster',
		userType: 'requester',
		columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
		options,
	};
	const result = await runNode({ credentials: credentials(), parameters, input, continueOnFail: true });
	expect(result.error).toBeUndefined();
	return result;
}

const exact = () => ({ groupMembership: 'exactWithinManaged', managedGroups: ROSTER_GROUPS.map(groupId) });

/** The 2,000-person roster: two syncs over loopback HTTP; no timing is asserted. */
jest.setTimeout(120_000);

it('a 2,000-person roster naming 10 groups: each group read once, one write per membership; again: 0 writes; 5 people moved: 10 writes', async () => {
	const size = 2000;
	const people = await setUp(size);
	const roster = rosterOf(people, (index) => ROSTER_GROUPS[index % 10]);
	const first = await sync(roster, exact());
	expect(first.items.filter((item) => json(item).error !== undefined)).toEqual([]);
	for (const name of ROSTER_GROUPS) {
		expect(memberReads(name)).toBe(1);
		expect(membersOf(name)).toHaveLength(size / 10);
	}
	expect(writes()).toHaveLength(size);
	expect(writes().every((entry) => entry.method === 'POST' && /^\/api\/v2\/requester_groups\/\d+\/members\/\d+$/.test(entry.path))).toBe(true);
	expect(summaryOf(first).memberships).toEqual({ added: size, removed: 0, pendingApproval: 0 });
	expect(summaryOf(first).actions).toEqual({ updated: size });
	const firstCount = apiCalls().length;
	// Besides the writes: the listing pass, the group list, and each group's members, once.
	expect(firstCount - size).toBe(calls().filter((call) => call.startsWith('GET ')).length);

	sim().control.clearLog();
	const again = await sync(roster, exact());
	expect(writes()).toEqual([]);
	const againCount = apiCalls().length;
	expect(summaryOf(again).actions).toEqual({ unchanged: size });
	// 200 members a group: one listing each, two pages of 100.
	for (const name of ROSTER_GROUPS) expect(memberReads(name)).toBe(2);

	sim().control.clearLog();
	const moved = roster.map((row, index) => (index < 50 && index % 10 === 0 ? { ...row, requester_groups: 'Berlin' } : row));
	const move = await sync(moved, exact());
	expect(calls(writes()).filter((call) => call.startsWith('DELETE'))).toHaveLength(5);
	expect(calls(writes()).filter((call) => call.startsWith('POST'))).toHaveLength(5);
	expect(writes()).toHaveLength(10);
	expect(summaryOf(move).memberships).toEqual({ added: 5, removed: 5, pendingApproval: 0 });
	const [contractors, berlin] = [membersOf('Contractors'), membersOf('Berlin')];
	for (const index of [0, 10, 20, 30, 40]) {
		expect(contractors).not.toContain(people[index].id);
		expect(berlin).toContain(people[index].id);
	}
	// Measured: 2,035 requests the first time (2,000 of them writes), 45 the second, 55 for the move.
	expect(againCount).toBeLessThan(firstCount - size + 20);
});

describe('what the modes leave alone', () => {
	async function handMade(people: RequesterView[]) {
		const parameters = { resource: 'requesterGroup', operation: 'addMembers', group: { __rl: true, mode: 'name', value: 'Finance Approvers' }, requesters: people.map((record) => record.id).join(',') };
		expect((await runNode({ credentials: credentials(), parameters })).error).toBeUndefined();
		sim().control.clearLog();
	}

	it('Add Only: moving people adds the new group and keeps every membership made by hand or before', async () => {
		const people = await setUp(20);
		await sync(rosterOf(people, () => 'Contractors'));
		await handMade(people.slice(0, 3));
		const result = await sync(rosterOf(people, (index) => (index < 5 ? 'Berlin' : 'Contractors')));
		expect(calls(writes()).sort()).toEqual(people.slice(0, 5).map((record) => `POST /api/v2/requester_groups/${groupId('Berlin')}/members/${record.id}`).sort());
		expect(membersOf('Contractors')).toHaveLength(20);
		expect(membersOf('Finance Approvers')).toHaveLength(3);
		expect(summaryOf(result).memberships).toEqual({ added: 5, removed: 0, pendingApproval: 0 });
	});

	it('Exact Within Managed Groups: a group outside Managed Groups is never read or written', async () => {
		const people = await setUp(20);
		await handMade(people.slice(0, 3));
		await sync(rosterOf(people, (index) => (index < 10 ? ['Contractors', 'Paris'] : 'Contractors')), exact());
		const outside = `/requester_groups/${groupId('Finance Approvers')}`;
		expect(calls().some((call) => call.includes(outside))).toBe(false);
		expect(membersOf('Finance Approvers')).toEqual(people.slice(0, 3).map((record) => record.id));
		expect(membersOf('Paris')).toHaveLength(10);
	});

	it('Dry Run: nothing changes, and each row reports exactly what the real run then does', async () => {
		const people = await setUp(12);
		await sync(rosterOf(people, () => 'Contractors'));
		const roster = rosterOf(people, (index) => (index % 3 === 0 ? 'Paris' : 'Contractors'));
		const before = stored();
		const dry = await sync(roster, { ...exact(), dryRun: true });
		expect(stored()).toBe(before);
		const real = await sync(roster, exact());
		const changes = (result: RunResult) => result.outputs[0].map((item) => json(item).provisioning?.changes ?? null);
		expect(changes(dry)).toEqual(changes(real));
		expect(changes(real).filter((entry) => entry !== null)).toEqual(Array(4).fill({ requester_groups: { added: ['Paris'], removed: ['Contractors'] } }));
		expect(summaryOf(dry).memberships).toEqual(summaryOf(real).memberships);
	});

	it('a row naming an unknown or rule-based group fails that row only, before any write for it', async () => {
		const people = await setUp(3);
		const roster = rosterOf(people, (index) => ['Contractors', 'Contractrs', 'All Employees'][index]);
		const result = await sync(roster);
		const items = result.outputs[0].map(json);
		expect(items[0].provisioning).toMatchObject({ action: 'updated' });
		expect(items[1].error).toMatch(/^'Requester Groups \(Names or IDs\)': Freshservice has no requester group named "Contractrs"; the closest are "Contractors"/);
		expect(items[2].error).toMatch(/"All Employees" is a rule-based requester group/);
		expect(calls(writes())).toEqual([`POST /api/v2/requester_groups/${groupId('Contractors')}/members/${people[0].id}`]);
	});
});
