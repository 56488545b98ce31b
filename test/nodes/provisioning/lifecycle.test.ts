import { planConvert, planDeactivate, planReactivate, sameRoles } from '../../../nodes/FreshserviceProvisioning/provisioning/lifecycle';

const requester = (active: unknown) => ({ userType: 'requester' as const, record: { id: 21000418006, active } });
const agent = { userType: 'agent' as const, record: { id: 21000418007, active: true } };

describe('lifecycle plans', () => {
	it('deactivates only an active user', () => {
		expect(planDeactivate(requester(true))).toEqual({ step: 'deactivate' });
		expect(planDeactivate(requester(false))).toMatchObject({ step: 'none', outcome: 'alreadyDeactivated' });
	});

	it('reactivates only a user Freshservice says is deactivated', () => {
		expect(planReactivate(requester(false))).toEqual({ step: 'reactivate' });
		expect(planReactivate(requester(true))).toEqual({
			step: 'none',
			outcome: 'unchanged',
			reason: 'The user is already active; nothing was sent to Freshservice.',
		});
		expect(planReactivate(requester(undefined))).toMatchObject({ step: 'none', outcome: 'unchanged' });
	});

	it('converts only a user of the other type', () => {
		expect(planConvert(requester(true), 'agent')).toEqual({ step: 'convert' });
		expect(planConvert(agent, 'requester')).toEqual({ step: 'convert' });
		expect(planConvert(agent, 'agent')).toMatchObject({ step: 'none', outcome: 'unchanged', reason: expect.stringMatching(/already an agent/) });
		expect(planConvert(requester(true), 'requester')).toMatchObject({ step: 'none', reason: expect.stringMatching(/already a requester/) });
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
