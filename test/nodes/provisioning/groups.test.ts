import type { GroupRef, GroupStep } from '../../../nodes/FreshserviceProvisioning/provisioning/groups';
import {
	agentGroupList,
	membershipChanges,
	planGroupChange,
	planMembership,
	resolveGroups,
} from '../../../nodes/FreshserviceProvisioning/provisioning/groups';
import { InvalidValueError } from '../../../nodes/FreshserviceProvisioning/provisioning/values';

const requesterGroups: GroupRef[] = [
	{ id: 1, name: 'Sales Team', type: 'requester' },
	{ id: 2, name: 'Contractors', type: 'requester' },
	{ id: 3, name: 'All Employees', type: 'requester', ruleBased: true },
	{ id: 4, name: 'Finance Approvers', type: 'requester' },
	{ id: 5, name: 'Sales Leads', type: 'requester' },
];
const agentGroups: GroupRef[] = [
	{ id: 11, name: 'Service Desk', type: 'agent' },
	{ id: 12, name: 'Security Operations', type: 'agent', restricted: true },
];
const all = [...requesterGroups, ...agentGroups];
const group = (name: string) => all.find((candidate) => candidate.name === name)!;

describe('resolveGroups', () => {
	it.each([
		['an array of names', ['Sales Team', 'Contractors'], [1, 2]],
		['comma-separated names', 'Sales Team, contractors ', [1, 2]],
		['IDs as numbers and digits', [4, '2'], [4, 2]],
		['names and IDs mixed, repeats once', 'sales team,1,Contractors', [1, 2]],
		['blank parts dropped', 'Sales Team,, ,', [1]],
		['an empty text', '', []],
		['an empty array', [], []],
	])('%s', (_, value, ids) => {
		expect(resolveGroups('Requester Groups', 'requester', value, all).map((found) => found.id)).toEqual(ids);
	});

	it('names an unknown group, the parameter and the closest names', () => {
		expect(() => resolveGroups('Requester Groups', 'requester', 'Sales Tem', all)).toThrow(
			`'Requester Groups': Freshservice has no requester group named "Sales Tem"; the closest are "Sales Team", "Sales Leads"`,
		);
	});

	it('refuses an ID the list does not hold, and an agent group where a requester group is asked for', () => {
		expect(() => resolveGroups('Requester Groups', 'requester', [99], all)).toThrow(/no requester group with ID 99/);
		expect(() => resolveGroups('Requester Groups', 'requester', 'Service Desk', all)).toThrow(/no requester group named "Service Desk"/);
		expect(() => resolveGroups('Member Of', 'agent', 'Sales Team', all)).toThrow(/'Member Of': Freshservice has no agent group/);
	});

	it('throws an InvalidValueError carrying the parameter', () => {
		try {
			resolveGroups('Requester Groups', 'requester', [{}], all);
			throw new Error('no error');
		} catch (error) {
			expect(error).toBeInstanceOf(InvalidValueError);
			expect((error as InvalidValueError).parameter).toBe('Requester Groups');
		}
	});
});

describe('planMembership', () => {
	const plan = (desired: string[], current: number[], mode: 'addOnly' | 'exactWithinManaged', managed: string[] = []) =>
		planMembership({ userId: 7, desired: desired.map(group), current: new Set(current), mode, managed: managed.map(group) });

	it('Add Only adds what is missing and never removes', () => {
		const result = plan(['Sales Team', 'Contractors'], [2, 4], 'addOnly', ['Finance Approvers']);
		expect(result.steps).toEqual([
			{ kind: 'addToGroup', group: group('Sales Team'), role: 'member', userId: 7, reason: 'the row names "Sales Team"' },
		]);
		expect(result.change).toEqual({ added: ['Sales Team'], removed: [] });
	});

	it('an unchanged membership plans nothing', () => {
		expect(plan(['Sales Team'], [1], 'addOnly').steps).toEqual([]);
		expect(plan(['Sales Team'], [1], 'exactWithinManaged', ['Sales Team', 'Contractors']).steps).toEqual([]);
	});

	it('Exact Within Managed Groups removes only from managed groups the row does not name', () => {
		const result = plan(['Sales Team'], [2, 4, 5], 'exactWithinManaged', ['Sales Team', 'Contractors', 'Sales Leads']);
		expect(result.change).toEqual({ added: ['Sales Team'], removed: ['Contractors', 'Sales Leads'] });
		expect(result.steps.map((step) => step.group.id)).not.toContain(4);
	});

	it('an empty row under Exact removes from every managed group the person is in', () => {
		expect(plan([], [1, 2, 4], 'exactWithinManaged', ['Sales Team', 'Contractors']).change).toEqual({ added: [], removed: ['Sales Team', 'Contractors'] });
	});

	it('Exact with no managed groups is Add Only', () => {
		expect(plan(['Contractors'], [1], 'exactWithinManaged').change).toEqual({ added: ['Contractors'], removed: [] });
	});

	it('refuses a rule-based group in the row or in Managed Groups before any step', () => {
		expect(() => plan(['Sales Team', 'All Employees'], [], 'addOnly')).toThrow(
			`'Requester Groups': "All Employees" is a rule-based requester group: Freshservice keeps their members by its rules, and its API cannot add or remove them`,
		);
		expect(() => plan(['Sales Team'], [], 'exactWithinManaged', ['All Employees'])).toThrow(/'Managed Groups': "All Employees" is a rule-based/);
		// Under Add Only, Managed Groups means nothing.
		expect(plan(['Sales Team'], [], 'addOnly', ['All Employees']).change.added).toEqual(['Sales Team']);
	});

	it('agent groups: observer steps and their changes key', () => {
		const result = planMembership({
			userId: 9,
			desired: [group('Security Operations')],
			current: new Set([11]),
			mode: 'exactWithinManaged',
			managed: agentGroups,
			role: 'observer',
		});
		expect(membershipChanges(result.steps)).toEqual({ observer_of: { added: ['Security Operations'], removed: ['Service Desk'] } });
	});

	it('holds its invariants on many random cases', () => {
		let seed = 42;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const manual = requesterGroups.filter((candidate) => !candidate.ruleBased);
		const subset = () => manual.filter(() => random() < 0.5);
		for (let index = 0; index < 1000; index++) {
			const desired = subset();
			const managed = subset();
			const current = new Set(subset().map((candidate) => candidate.id));
			const mode = random() < 0.5 ? 'addOnly' : 'exactWithinManaged';
			const { steps } = planMembership({ userId: 1, desired, current, mode, managed });
			const after = new Set(current);
			for (const step of steps) {
				expect(step.kind === 'addToGroup' ? current.has(step.group.id) : !current.has(step.group.id)).toBe(false);
				if (step.kind === 'addToGroup') after.add(step.group.id);
				else after.delete(step.group.id);
			}
			for (const wanted of desired) expect(after.has(wanted.id)).toBe(true);
			for (const id of current) {
				const touchable = mode === 'exactWithinManaged' && managed.some((candidate) => candidate.id === id);
				if (!touchable || desired.some((candidate) => candidate.id === id)) expect(after.has(id)).toBe(true);
				else expect(after.has(id)).toBe(false);
			}
			// Planning again from the result changes nothing.
			expect(planMembership({ userId: 1, desired, current: after, mode, managed }).steps).toEqual([]);
		}
	});
});

describe('agentGroupList', () => {
	const step = (kind: GroupStep['kind'], name: string, role: 'member' | 'observer' = 'member'): GroupStep => ({
		kind,
		group: group(name),
		role,
		userId: 9,
		reason: '',
	});

	it('keeps pending requests, adds and removes', () => {
		expect(agentGroupList([11], [12], [step('removeFromGroup', 'Service Desk')], 'member')).toEqual([12]);
		expect(agentGroupList([], [], [step('addToGroup', 'Security Operations')], 'member')).toEqual([12]);
		expect(agentGroupList([11], [12], [step('addToGroup', 'Service Desk', 'observer')], 'member')).toBeUndefined();
	});
});

describe('planGroupChange', () => {
	it('adds only non-members, removes only members, each person once', () => {
		const members = new Set([1, 2]);
		expect(planGroupChange(group('Sales Team'), 'addToGroup', [1, 3, 3], members, 'Group').map((step) => step.userId)).toEqual([3]);
		expect(planGroupChange(group('Sales Team'), 'removeFromGroup', [1, 3], members, 'Group').map((step) => step.userId)).toEqual([1]);
	});

	it('refuses a rule-based group', () => {
		expect(() => planGroupChange(group('All Employees'), 'addToGroup', [1], new Set(), 'Group')).toThrow(/'Group': "All Employees" is a rule-based/);
	});
});
