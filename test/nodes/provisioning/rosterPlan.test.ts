import type { DesiredUser } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';
import type { CurrentUser } from '../../../nodes/FreshserviceProvisioning/provisioning/steps';
import { indexDirectory } from '../../../nodes/FreshserviceProvisioning/provisioning/roster';
import type { RosterOptions, RosterRow } from '../../../nodes/FreshserviceProvisioning/provisioning/rosterPlan';
import { createsToCheck, planRoster, unmatchedEmails } from '../../../nodes/FreshserviceProvisioning/provisioning/rosterPlan';

let nextId = 500;
const listed = (email: string, extra: Record<string, unknown> = {}): CurrentUser => ({
	userType: 'requester',
	record: { id: nextId++, primary_email: email, first_name: email.split('@')[0], secondary_emails: [], active: true, ...extra },
});

function row(itemIndex: number, email: string, fields: Record<string, unknown> = {}): RosterRow {
	const desired: DesiredUser = { userType: 'requester', email, fields: { primary_email: email, first_name: email.split('@')[0], ...fields }, clear: [] };
	return { itemIndex, key: { itemIndex, email }, desired };
}

const OPTIONS: RosterOptions = { plan: { reactivate: true, convertUserType: false }, reactivationLimit: { maxCount: 50, maxPercent: 10 } };
const SCOPE = { kind: 'emailDomain' as const, domains: ['acme.example'] };

describe('planRoster: the whole roster, planned on plain values', () => {
	it('a new report listed before their new manager: the manager is started first; people who are there come first of all', () => {
		const directory = indexDirectory([listed('old@acme.example')], { kind: 'email' });
		const rows = [row(0, 'report@acme.example', { reporting_manager_id: { plannedCreate: 'boss@acme.example' } }), row(1, 'boss@acme.example'), row(2, 'old@acme.example')];
		expect([...unmatchedEmails(rows, directory)]).toEqual(['report@acme.example', 'boss@acme.example']);
		const plan = planRoster(rows, directory, OPTIONS);
		expect(plan.people.map((person) => person.plan?.outcome)).toEqual(['create', 'create', 'none']);
		expect(plan.order).toEqual([1, 2, 0]);
		expect(plan.people.map((person) => person.depth)).toEqual([1, 0, 0]);
		expect(plan.refusal).toBeUndefined();
	});

	it('two new people naming each other as manager both fail, saying so; the rest is planned', () => {
		const directory = indexDirectory([], { kind: 'email' });
		const rows = [
			row(0, 'a@acme.example', { reporting_manager_id: { plannedCreate: 'b@acme.example' } }),
			row(1, 'b@acme.example', { reporting_manager_id: { plannedCreate: 'a@acme.example' } }),
			row(2, 'c@acme.example'),
		];
		const plan = planRoster(rows, directory, OPTIONS);
		expect(plan.people.map((person) => (person.error as Error | undefined)?.message)).toEqual([
			'a@acme.example, b@acme.example are new and name each other as manager: sync one of them without a manager first',
			'a@acme.example, b@acme.example are new and name each other as manager: sync one of them without a manager first',
			undefined,
		]);
		expect(plan.people[2].plan?.outcome).toBe('create');
	});

	it('reactivations have a limit of their own: more than the floor and the percentage of the roster is refused', () => {
		const former = Array.from({ length: 5 }, (_, index) => listed(`former${index}@acme.example`, { active: false }));
		const present = Array.from({ length: 15 }, (_, index) => listed(`p${index}@acme.example`));
		const directory = indexDirectory([...former, ...present], { kind: 'email' });
		const rows = [...former, ...present].map((user, index) => row(index, String(user.record.primary_email)));
		const plan = planRoster(rows, directory, OPTIONS);
		expect(plan.reactivations).toBe(5);
		expect(plan.refusal).toMatch(/^Sync Roster stopped before any change: it would reactivate 5 deactivated users for a roster of 20/);
		expect(planRoster(rows.slice(3), directory, OPTIONS).refusal).toBeUndefined();
		expect(planRoster(rows, directory, { ...OPTIONS, reactivationLimit: { maxCount: 50, maxPercent: 25 } }).refusal).toBeUndefined();
	});

	it('deprovisioning: refused without a whole-number key owner ID; skipped (not refused) when told why', () => {
		const directory = indexDirectory([listed('stays@acme.example'), listed('leaves@acme.example')], { kind: 'email' });
		const rows = [row(0, 'stays@acme.example')];
		const deprovision = { scope: SCOPE, includeAgents: false, keyOwnerId: Number.NaN, limit: { maxCount: 50, maxPercent: 10 } };
		expect(planRoster(rows, directory, { ...OPTIONS, deprovision }).refusal).toMatch(/owner of the API key could not be identified/);
		const withOwner = planRoster(rows, directory, { ...OPTIONS, deprovision: { ...deprovision, keyOwnerId: 1 } });
		expect(withOwner.leavers?.plan?.users.map((user) => user.record.primary_email)).toEqual(['leaves@acme.example']);
		const skipped = planRoster(rows, directory, { ...OPTIONS, deprovision: { ...deprovision, skip: 'In a loop.' } });
		expect(skipped.refusal).toBeUndefined();
		expect(skipped.leavers).toEqual({ scope: 'emails at acme.example', skipped: 'In a loop.' });
	});

	it('creates to check against a listing that missed people: at most three, spread over the roster', () => {
		const directory = indexDirectory([], { kind: 'email' });
		const rows = Array.from({ length: 10 }, (_, index) => row(index, `n${index}@acme.example`));
		expect(createsToCheck(planRoster(rows, directory, OPTIONS))).toEqual(['n0@acme.example', 'n4@acme.example', 'n9@acme.example']);
		expect(createsToCheck(planRoster(rows.slice(0, 2), directory, OPTIONS))).toEqual(['n0@acme.example', 'n1@acme.example']);
	});
});
