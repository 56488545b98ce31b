import type { DeprovisionOptions } from '../../../nodes/FreshserviceProvisioning/provisioning/deprovision';
import { DEFAULT_SAFETY_LIMIT, planDeprovisioning, SAFETY_FLOOR, withinLimit } from '../../../nodes/FreshserviceProvisioning/provisioning/deprovision';
import type { CurrentUser } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';

let nextId = 100;

function user(userType: CurrentUser['userType'], email: string | null, extra: Record<string, unknown> = {}): CurrentUser {
	const emailKey = userType === 'agent' ? 'email' : 'primary_email';
	return { userType, record: { id: nextId++, [emailKey]: email, department_ids: [], external_id: null, custom_fields: {}, active: true, ...extra } };
}

const ids = (users: CurrentUser[]) => users.map((entry) => Number(entry.record.id));

function options(overrides: Partial<DeprovisionOptions> = {}): DeprovisionOptions {
	return { scope: { kind: 'emailDomain', domains: ['acme.example'] }, includeAgents: false, keyOwnerId: 1, limit: { maxCount: 1000, maxPercent: 100 }, ...overrides };
}

describe('who is deprovisioned', () => {
	const stays = user('requester', 'stays@acme.example');
	const leaver = user('requester', 'Leaver@ACME.example');
	const outside = user('requester', 'partner@partner.example');
	const gone = user('requester', 'gone@acme.example', { active: false });
	const noEmail = user('requester', null, { department_ids: [7] });
	const agentLeaver = user('agent', 'agent@acme.example');
	const owner = user('agent', 'owner@acme.example');
	const everyone = [stays, leaver, outside, gone, noEmail, agentLeaver, owner];
	const kept = new Set([Number(stays.record.id)]);

	it('by email domain: active users at the domain missing from the roster; never agents by default', () => {
		const plan = planDeprovisioning(everyone, kept, options());
		expect(ids(plan.users)).toEqual(ids([leaver]));
		expect(plan.scopeSize).toBe(2);
		expect(plan.agentsLeftAlone).toBe(2);
		expect(plan.refusal).toBeUndefined();
	});

	it('agents when allowed, but never the key owner', () => {
		const plan = planDeprovisioning(everyone, kept, options({ includeAgents: true, keyOwnerId: Number(owner.record.id) }));
		expect(ids(plan.users)).toEqual(ids([agentLeaver, leaver]));
		expect(plan.scopeSize).toBe(3);
	});

	it('by department, users without an email included', () => {
		const plan = planDeprovisioning(everyone, kept, options({ scope: { kind: 'department', departmentIds: [7], names: ['IT'] } }));
		expect(ids(plan.users)).toEqual(ids([noEmail]));
	});

	it('managed users: those holding a value in the match field', () => {
		const managed = user('requester', 'managed@other.example', { external_id: 'X9' });
		const plan = planDeprovisioning([...everyone, managed], kept, options({ scope: { kind: 'managed', field: { kind: 'externalId' } } }));
		expect(ids(plan.users)).toEqual(ids([managed]));
	});
});

describe('the safety limit', () => {
	const scope = Array.from({ length: 100 }, (_, index) => user('requester', `p${String(index).padStart(3, '0')}@acme.example`));
	const keepAllBut = (missing: number) => new Set(ids(scope.slice(missing)));

	it('refuses 30 % of the scope under 10 %, naming how many and the first few', () => {
		const plan = planDeprovisioning(scope, keepAllBut(30), options({ limit: { maxCount: 50, maxPercent: 10 } }));
		expect(plan.users).toHaveLength(30);
		expect(plan.refusal).toBe(
			'Sync Roster stopped before any change: it would deactivate 30 of the 100 users in scope (emails at acme.example), 30 %, above the safety limit of 50 users and 10 % (up to 2 are always allowed within the count). ' +
				'The first 5: p000@acme.example, p001@acme.example, p002@acme.example, p003@acme.example, p004@acme.example, …',
		);
	});

	it('allows 5 % under 10 %, and exactly the limit', () => {
		expect(planDeprovisioning(scope, keepAllBut(5), options({ limit: DEFAULT_SAFETY_LIMIT })).refusal).toBeUndefined();
		expect(planDeprovisioning(scope, keepAllBut(10), options({ limit: DEFAULT_SAFETY_LIMIT })).refusal).toBeUndefined();
		expect(planDeprovisioning(scope, keepAllBut(11), options({ limit: DEFAULT_SAFETY_LIMIT })).refusal).toMatch(/11 of the 100 users/);
	});

	it('the count caps a large scope', () => {
		expect(withinLimit(50, 1000, DEFAULT_SAFETY_LIMIT)).toBe(true);
		expect(withinLimit(51, 1000, DEFAULT_SAFETY_LIMIT)).toBe(false);
		expect(withinLimit(0, 0, DEFAULT_SAFETY_LIMIT)).toBe(true);
	});
});

describe('issue 14: what a real roster needs', () => {
	it('a small scope may lose a person: one leaver of nine is deactivated at the defaults; more than the floor still needs the percentage', () => {
		const nine = Array.from({ length: 9 }, (_, index) => user('requester', `s${index}@acme.example`));
		const keep = (missing: number) => new Set(ids(nine.slice(missing)));
		expect(planDeprovisioning(nine, keep(1), options({ limit: DEFAULT_SAFETY_LIMIT })).refusal).toBeUndefined();
		expect(planDeprovisioning(nine, keep(SAFETY_FLOOR), options({ limit: DEFAULT_SAFETY_LIMIT })).refusal).toBeUndefined();
		expect(planDeprovisioning(nine, keep(SAFETY_FLOOR + 1), options({ limit: DEFAULT_SAFETY_LIMIT })).refusal).toMatch(/above the safety limit/);
		// The count caps the floor: a limit of 0 users deactivates nobody.
		expect(withinLimit(1, 9, { maxCount: 0, maxPercent: 10 })).toBe(false);
	});

	it('an agent-flagged record (is_agent in the requester listing) is left alone while agents are off', () => {
		const flagged = user('requester', 'flagged@acme.example', { is_agent: true });
		const plan = planDeprovisioning([flagged, user('requester', 'stays2@acme.example')], new Set<number>(), options());
		expect(ids(plan.users)).not.toContain(Number(flagged.record.id));
		expect(plan.agentsLeftAlone).toBe(1);
	});

	it.each([[Number.NaN], [undefined], [1.5]])('no whole-number key owner ID (%p): the plan is refused, nobody is deactivated', (keyOwnerId) => {
		const owner = user('agent', 'owner2@acme.example');
		const plan = planDeprovisioning([owner], new Set<number>(), options({ includeAgents: true, keyOwnerId: keyOwnerId as number }));
		expect(plan.refusal).toMatch(/owner of the API key/);
	});
});
