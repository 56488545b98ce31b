import { planConvert, planDeactivate, planDelete, planReactivate, sameRoles } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';
import { planAction } from '../../../nodes/FreshserviceProvisioning/provisioning/steps';

const requester = (active: unknown) => ({ userType: 'requester' as const, record: { id: 21000418006, active } });
const agent = { userType: 'agent' as const, record: { id: 21000418007, active: true } };

const kinds = (plan: { steps: Array<{ kind: string }> }) => plan.steps.map((step) => step.kind);

describe('lifecycle plans: the one plan shape', () => {
	it('deactivates only an active user', () => {
		expect(planDeactivate(requester(true))).toEqual({ outcome: 'deactivate', steps: [{ kind: 'deactivate', userType: 'requester', id: 21000418006 }], changes: {}, userType: 'requester' });
		expect(planDeactivate(requester(false))).toMatchObject({ outcome: 'alreadyDeactivated', steps: [] });
		expect([planAction(planDeactivate(requester(true)), false), planAction(planDeactivate(requester(true)), true)]).toEqual(['deactivated', 'wouldDeactivate']);
	});

	it('reactivates only a user Freshservice says is deactivated', () => {
		expect(kinds(planReactivate(requester(false)))).toEqual(['reactivate']);
		expect(planReactivate(requester(true))).toEqual({
			outcome: 'none',
			steps: [],
			changes: {},
			userType: 'requester',
			reason: 'The user is already active; nothing was sent to Freshservice.',
		});
		expect(planReactivate(requester(undefined))).toMatchObject({ outcome: 'none', steps: [] });
	});

	it('converts only a user of the other type; to an agent with roles, the roles are an update that follows', () => {
		expect(kinds(planConvert(requester(true), 'agent'))).toEqual(['convert']);
		expect(kinds(planConvert(agent, 'requester'))).toEqual(['convert']);
		expect(planConvert(agent, 'agent')).toMatchObject({ outcome: 'none', reason: expect.stringMatching(/already an agent/) });
		expect(planConvert(requester(true), 'requester')).toMatchObject({ outcome: 'none', reason: expect.stringMatching(/already a requester/) });
		const roles = [{ role_id: 5, assignment_scope: 'entire_helpdesk' }];
		const withRoles = planConvert(requester(true), 'agent', roles);
		expect(withRoles.steps).toEqual([
			{ kind: 'convert', from: 'requester', to: 'agent', id: 21000418006 },
			{ kind: 'update', userType: 'agent', id: 21000418006, body: { roles }, changes: { roles: { from: null, to: roles } }, recompare: { fields: { roles }, clear: [] } },
		]);
		expect(planConvert(agent, 'agent', roles).reason).toMatch(/roles were left as they are/);
	});

	it('deletes for good, in one step', () => {
		expect(planDelete(agent)).toMatchObject({ outcome: 'delete', steps: [{ kind: 'delete', userType: 'agent', id: 21000418007 }] });
		expect(planAction(planDelete(agent), true)).toBe('wouldDelete');
	});
});

describe('sameRoles', () => {
	const sdAgent = { role_id: 4, assignment_scope: 'entire_helpdesk', groups: [] };
	it('compares role lists as sets, groups as sets, numbers whatever their spelling', () => {
		expect(sameRoles([sdAgent], [{ role_id: 4, assignment_scope: 'entire_helpdesk' }])).toBe(true);
		expect(sameRoles([sdAgent], [{ role_id: '4', assignment_scope: 'entire_helpdesk' }])).toBe(true);
		expect(
			sameRoles(
				[{ role_id: 7, assignment_scope: 'specified_groups', groups: [3, 1] }, sdAgent],
				[sdAgent, { role_id: 7, assignment_scope: 'specified_groups', groups: [1, 3] }],
			),
		).toBe(true);
	});

	it('tells a different role, scope, group or count apart', () => {
		expect(sameRoles([sdAgent], [{ role_id: 5, assignment_scope: 'entire_helpdesk' }])).toBe(false);
		expect(sameRoles([sdAgent], [{ role_id: 4, assignment_scope: 'assigned_items' }])).toBe(false);
		expect(sameRoles([sdAgent], [sdAgent, { role_id: 5, assignment_scope: 'entire_helpdesk' }])).toBe(false);
		expect(
			sameRoles([{ role_id: 7, assignment_scope: 'specified_groups', groups: [1] }], [{ role_id: 7, assignment_scope: 'specified_groups', groups: [2] }]),
		).toBe(false);
		expect(sameRoles(undefined, [sdAgent])).toBe(false);
		expect(sameRoles([], [])).toBe(true);
	});
});
