import type { CurrentUser } from '../../../nodes/FreshserviceProvisioning/provisioning/plan';
import type { MatchField } from '../../../nodes/FreshserviceProvisioning/provisioning/roster';
import { indexDirectory, matchPerson, rosterDuplicates, usersNamedBy } from '../../../nodes/FreshserviceProvisioning/provisioning/roster';

let nextId = 21000418006;

function requester(email: string | null, extra: Record<string, unknown> = {}): CurrentUser {
	return { userType: 'requester', record: { id: nextId++, primary_email: email, secondary_emails: [], external_id: null, custom_fields: { employee_id: null }, active: true, ...extra } };
}

function agent(email: string, extra: Record<string, unknown> = {}): CurrentUser {
	return { userType: 'agent', record: { id: nextId++, email, external_id: null, custom_fields: {}, active: true, ...extra } };
}

const EMAIL: MatchField = { kind: 'email' };
const EMPLOYEE_ID: MatchField = { kind: 'customField', name: 'employee_id', label: 'Employee ID' };

describe('matching a roster person', () => {
	it('by email: primary or secondary, any case; a primary beats another user\'s secondary', () => {
		const jane = requester('jane@acme.example', { secondary_emails: ['J.Doe@Old.example'] });
		const sam = agent('Sam@acme.example');
		const taken = requester('old@acme.example', { secondary_emails: ['sam@acme.example'] });
		const directory = indexDirectory([jane, sam, taken], EMAIL);
		expect(matchPerson(directory, { itemIndex: 0, email: 'jane@acme.example' })).toEqual({ user: jane });
		expect(matchPerson(directory, { itemIndex: 0, email: 'j.doe@old.example' })).toEqual({ user: jane });
		expect(matchPerson(directory, { itemIndex: 0, email: 'sam@acme.example' })).toEqual({ user: sam });
		expect(matchPerson(directory, { itemIndex: 0, email: 'nobody@acme.example' })).toEqual({ user: undefined });
	});

	it('by a custom field: the holder of the value, even under a new email', () => {
		const jane = requester('jane@acme.example', { custom_fields: { employee_id: 'E100' } });
		const directory = indexDirectory([jane], EMPLOYEE_ID);
		expect(matchPerson(directory, { itemIndex: 0, email: 'jane.doe@acme.example', key: 'e100' })).toEqual({ user: jane });
	});

	it('by a custom field: falls back to the email when that user holds no value yet (a first sync)', () => {
		const jane = requester('jane@acme.example');
		const directory = indexDirectory([jane], EMPLOYEE_ID);
		expect(matchPerson(directory, { itemIndex: 0, email: 'jane@acme.example', key: 'e100' })).toEqual({ user: jane });
	});

	it('by a custom field: refuses an email whose user holds another value', () => {
		const jane = requester('jane@acme.example', { custom_fields: { employee_id: 'E200' } });
		const directory = indexDirectory([jane], EMPLOYEE_ID);
		const match = matchPerson(directory, { itemIndex: 0, email: 'jane@acme.example', key: 'e100' });
		expect(match).toEqual({ error: `jane@acme.example belongs to requester ${String(jane.record.id)} (jane@acme.example), whose 'Employee ID' is e200, not e100: correct the roster or that user` });
	});

	it('by External ID: a value two users hold is refused, naming both', () => {
		const a = requester('a@acme.example', { external_id: 'X1' });
		const b = requester('b@acme.example', { external_id: 'x1 ' });
		const match = matchPerson(indexDirectory([a, b], { kind: 'externalId' }), { itemIndex: 0, email: 'a@acme.example', key: 'x1' });
		expect('error' in match && match.error).toMatch(/^'External ID' x1 is held by 2 Freshservice users \(requester \d+ \(a@acme.example\), requester \d+ \(b@acme.example\)\)/);
	});

	it('a row names every user it could mean, for deprovisioning to keep: the key\'s holders and the email\'s', () => {
		const byKey = requester('old@acme.example', { custom_fields: { employee_id: 'E1' } });
		const byEmail = requester('new@acme.example', { custom_fields: { employee_id: 'E2' } });
		const directory = indexDirectory([byKey, byEmail], EMPLOYEE_ID);
		expect(usersNamedBy(directory, { itemIndex: 0, email: 'new@acme.example', key: 'e1' })).toEqual([byKey, byEmail]);
		expect(usersNamedBy(directory, { itemIndex: 0, email: 'nobody@acme.example', key: 'e9' })).toEqual([]);
	});

	it('counts a user listed twice (a list that shifted between pages) once', () => {
		const jane = requester('jane@acme.example', { external_id: 'X1' });
		const directory = indexDirectory([jane, { ...jane }], { kind: 'externalId' });
		expect(directory.users).toHaveLength(1);
		expect(matchPerson(directory, { itemIndex: 0, email: 'jane@acme.example', key: 'x1' })).toEqual({ user: jane });
	});
});

describe('duplicates inside the roster', () => {
	it('fails every row of a repeated email, naming the others', () => {
		const messages = rosterDuplicates(
			[
				{ itemIndex: 0, email: 'a@acme.example' },
				{ itemIndex: 3, email: 'jane@acme.example' },
				{ itemIndex: 7, email: 'jane@acme.example' },
			],
		);
		expect([...messages.keys()]).toEqual([3, 7]);
		expect(messages.get(7)).toBe("'Email' jane@acme.example is in items 3 and 7 of the roster: each person must appear once, so none of these rows was synced");
	});

	it('by the match field and by email, three rows named at once', () => {
		const messages = rosterDuplicates(
			[
				{ itemIndex: 1, email: 'a@acme.example', key: 'e1' },
				{ itemIndex: 2, email: 'b@acme.example', key: 'e1' },
				{ itemIndex: 4, email: 'c@acme.example', key: 'e1' },
				{ itemIndex: 5, email: 'd@acme.example', key: 'e5' },
				{ itemIndex: 6, email: 'd@acme.example', key: 'e6' },
			],
			'Employee ID',
		);
		expect(messages.get(2)).toBe("'Employee ID' e1 is in items 1, 2 and 4 of the roster: each person must appear once, so none of these rows was synced");
		expect(messages.get(6)).toMatch(/^'Email' d@acme.example is in items 5 and 6/);
		expect(messages.size).toBe(5);
	});
});

describe('issue 14: a person in both listings', () => {
	it('is indexed as the agent, whichever listing came first, and so is a requester-listing record flagged is_agent', () => {
		const asRequester = { userType: 'requester' as const, record: { id: 7, primary_email: 'both@acme.example', is_agent: true, active: true } };
		const asAgent = { userType: 'agent' as const, record: { id: 7, email: 'both@acme.example', roles: [], active: true } };
		const flagged = { userType: 'requester' as const, record: { id: 8, primary_email: 'flag@acme.example', is_agent: true, active: true } };
		const directory = indexDirectory([asRequester, flagged, asAgent], { kind: 'email' });
		expect(directory.users.map((entry) => [entry.record.id, entry.userType])).toEqual([
			[7, 'agent'],
			[8, 'agent'],
		]);
		expect(directory.byEmail.get('both@acme.example')?.userType).toBe('agent');
	});
});
