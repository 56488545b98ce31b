import type { GroupRef } from '../../../nodes/FreshserviceProvisioning/provisioning/groups';
import type { DesiredMembership } from '../../../nodes/FreshserviceProvisioning/provisioning/membershipPlan';
import { requesterGroupsNeeded } from '../../../nodes/FreshserviceProvisioning/provisioning/membershipPlan';
import type { DesiredUser } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';
import { planUser } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';
import { CREATED_USER } from '../../../nodes/FreshserviceProvisioning/provisioning/steps';

const sales: GroupRef = { id: 11, name: 'Sales', type: 'requester' };
const finance: GroupRef = { id: 12, name: 'Finance', type: 'requester' };
const everyone: GroupRef = { id: 13, name: 'Everyone', type: 'requester', ruleBased: true };
const network: GroupRef = { id: 21, name: 'Network', type: 'agent' };
const secOps: GroupRef = { id: 22, name: 'SecOps', type: 'agent', restricted: true };

const options = { reactivate: true, convertUserType: false };
const membership = (columns: DesiredMembership['columns'], extra: Partial<DesiredMembership> = {}): DesiredMembership => ({
	mode: 'addOnly',
	columns,
	managed: [],
	managedParameter: 'Managed Groups',
	...extra,
});
const requesterRow = (groups: GroupRef[], extra: Partial<DesiredMembership> = {}): DesiredUser => ({
	userType: 'requester',
	email: 'ann@example.com',
	fields: { first_name: 'Ann', primary_email: 'ann@example.com' },
	clear: [],
	groups: membership([{ key: 'requester_groups', parameter: 'Requester Groups (Names or IDs)', groups }], extra),
});
const ann = { userType: 'requester' as const, record: { id: 5, first_name: 'Ann', primary_email: 'ann@example.com', active: true } };

describe('withMembership (through planUser)', () => {
	it('a new requester: created, then added (the user ID comes from the create)', () => {
		const plan = planUser(requesterRow([sales]), undefined, options);
		expect(plan.outcome).toBe('create');
		expect(plan.steps.map((step) => step.kind)).toEqual(['create', 'addToGroup']);
		expect(plan.steps[1]).toMatchObject({ userId: CREATED_USER, group: sales });
		expect(plan.groupChanges).toEqual({ requester_groups: { added: ['Sales'], removed: [] } });
	});

	it('only memberships differ: an update; nothing differs: unchanged, no steps', () => {
		const members = new Map([[11, new Set([5])], [12, new Set<number>()]]);
		const plan = planUser(requesterRow([sales, finance]), ann, options, members);
		expect(plan.outcome).toBe('update');
		expect(plan.steps).toEqual([expect.objectContaining({ kind: 'addToGroup', group: finance, userId: 5 })]);
		const same = planUser(requesterRow([sales]), ann, options, members);
		expect(same).toMatchObject({ outcome: 'none', steps: [] });
		expect(same.groupChanges).toBeUndefined();
	});

	it('Exact Within Managed Groups removes from managed groups only', () => {
		const members = new Map([[11, new Set([5])], [12, new Set([5])]]);
		const plan = planUser(requesterRow([finance], { mode: 'exactWithinManaged', managed: [sales] }), ann, options, members);
		expect(plan.groupChanges).toEqual({ requester_groups: { added: [], removed: ['Sales'] } });
		expect(requesterGroupsNeeded(requesterRow([finance], { mode: 'exactWithinManaged', managed: [sales] }).groups)).toEqual([12, 11]);
		expect(requesterGroupsNeeded(requesterRow([finance], { mode: 'addOnly', managed: [sales] }).groups)).toEqual([12]);
	});

	it('a plan that writes nobody gets no group steps; a rule-based group is refused', () => {
		const deactivated = { ...ann, record: { ...ann.record, active: false } };
		expect(planUser(requesterRow([sales]), deactivated, { reactivate: false, convertUserType: false }).steps).toEqual([]);
		expect(() => planUser(requesterRow([everyone]), ann, options)).toThrow(/"Everyone" is a rule-based requester group/);
	});

	it("an agent: the record's approved and pending groups count; a restricted addition is planned as pendingApproval", () => {
		const agent = { userType: 'agent' as const, record: { id: 7, email: 'ann@example.com', member_of: [], member_of_pending_approval: [network.id], observer_of: [], roles: [] } };
		const desired: DesiredUser = {
			userType: 'agent',
			email: 'ann@example.com',
			fields: { email: 'ann@example.com' },
			clear: [],
			groups: membership([{ key: 'member_of', parameter: 'Member of Groups (Names or IDs)', groups: [network, secOps] }]),
		};
		const plan = planUser(desired, agent, options);
		expect(plan.steps).toEqual([expect.objectContaining({ kind: 'addToGroup', group: secOps, role: 'member', userId: 7 })]);
		expect(plan.groupChanges).toEqual({ member_of: { added: [], pendingApproval: ['SecOps'], removed: [] } });
	});
});
