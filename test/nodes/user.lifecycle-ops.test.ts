/**
 * Reactivate, Convert to Agent / Requester, Permanently Delete, Deactivate's If Not Found, and Dry
 * Run on each of them, through n8n-core against the simulator, with the request log as evidence.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_BEHAVIOURS } from '../../simulator';
import type { Behaviours } from '../../simulator';
import { runNode } from '../harness/source';
import { byEmail, byId, createRequester, useSimulator } from './fixtures';

const { sim, credentials, apiCalls, writes } = useSimulator();

const calls = (entries = apiCalls()) => entries.map((entry) => `${entry.method} ${entry.path}`);

/** The simulator's records, without the request counters a dry run's lookups move. */
const records = () => {
	const state: Partial<ReturnType<ReturnType<typeof sim>['control']['state']>> = sim().control.state();
	delete state.counters;
	return JSON.stringify(state);
};

const run = (parameters: INodeParameters, extra: { input?: IDataObject[]; continueOnFail?: boolean } = {}) =>
	runNode({ credentials: credentials(), parameters: { resource: 'user', ...parameters }, ...extra });

async function hire(firstName: string, email: string, additionalFields: INodeParameters = {}) {
	const result = await runNode({ credentials: credentials(), parameters: createRequester(firstName, email, additionalFields) });
	expect(result.error).toBeUndefined();
	return result.items[0].json as Record<string, unknown> & { id: number };
}

async function hireAgent(email: string, roleName = 'SD Supervisor') {
	const result = await run({
		operation: 'create',
		userType: 'agent',
		firstName: 'Ada',
		email,
		roles: { role: [{ roleId: roleId(roleName), assignmentScope: 'entire_helpdesk' }] },
		additionalFields: { lastName: 'Lovelace', jobTitle: 'Engineer' },
	});
	expect(result.error).toBeUndefined();
	return result.items[0].json as Record<string, unknown> & { id: number };
}

async function deactivate(email: string) {
	const result = await run({ operation: 'deactivate', user: byEmail(email) });
	expect(result.items[0]?.json.provisioning).toMatchObject({ action: 'deactivated' });
}

function roleId(name: string): number {
	const role = sim().control.state().roles.find((candidate) => candidate.name === name);
	if (!role) throw new Error(`no role ${name}`);
	return role.id;
}

/** Every combination of the undocumented answers reactivation depends on; the sim's newer switch where it exists. */
function reactivationSettings(): Array<Partial<Behaviours>> {
	const reactivateActive = 'reactivateActive' in DEFAULT_BEHAVIOURS ? ['succeed', 'conflict', 'invalidValue'] : [undefined];
	const settings: Array<Partial<Behaviours>> = [];
	for (const deactivateClearsFields of [true, false]) {
		for (const updateInactive of ['allow', 'reject'] as const) {
			for (const answer of reactivateActive) {
				settings.push({ deactivateClearsFields, updateInactive, ...(answer ? ({ reactivateActive: answer } as Partial<Behaviours>) : {}) });
			}
		}
	}
	return settings;
}

describe.each(reactivationSettings().map((behaviours) => [JSON.stringify(behaviours), behaviours]))('Reactivate with %s', (_name, behaviours) => {
	beforeEach(() => {
		sim().control.configure({ behaviours });
	});

	it('reactivates a deactivated requester found by email, with one write', async () => {
		const hired = await hire('Jane', 'jane@example.com', { jobTitle: 'Engineer' });
		await deactivate('jane@example.com');
		sim().control.clearLog();
		const result = await run({ operation: 'reactivate', user: byEmail('Jane@Example.com') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			id: hired.id,
			active: true,
			provisioning: { action: 'reactivated', userType: 'requester', dryRun: false },
		});
		expect(sim().control.requesterByEmail('jane@example.com')).toMatchObject({ id: hired.id, active: true, job_title: 'Engineer' });
		expect(calls(writes())).toEqual([`PUT /api/v2/requesters/${hired.id}/reactivate`]);
	});

	it('leaves an active user alone: unchanged, with a reason, and no write', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		sim().control.clearLog();
		const result = await run({ operation: 'reactivate', user: byId(hired.id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: hired.id, active: true, provisioning: { action: 'unchanged', userType: 'requester' } });
		expect(result.items[0].json.provisioning).toMatchObject({ reason: 'The user is already active; nothing was sent to Freshservice.' });
		expect(writes()).toEqual([]);
	});

	it('reactivates a deactivated agent by ID', async () => {
		const agent = await hireAgent('ada@example.com');
		await deactivate('ada@example.com');
		sim().control.clearLog();
		const result = await run({ operation: 'reactivate', user: byId(agent.id) });
		expect(result.items[0].json).toMatchObject({ id: agent.id, active: true, provisioning: { action: 'reactivated', userType: 'agent' } });
		expect(sim().control.agentByEmail('ada@example.com')?.active).toBe(true);
		expect(calls(writes())).toEqual([`PUT /api/v2/agents/${agent.id}/reactivate`]);
	});

	it('reports reactivated when the answer was lost and the retry meets an already active user', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		await deactivate('jane@example.com');
		sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'PUT', pathPattern: '/api/v2/requesters/*/reactivate' });
		sim().control.clearLog();
		const result = await run({ operation: 'reactivate', user: byEmail('jane@example.com') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: hired.id, active: true, provisioning: { action: 'reactivated' } });
		expect(sim().control.requesterByEmail('jane@example.com')?.active).toBe(true);
		expect(calls(writes())).toEqual([`PUT /api/v2/requesters/${hired.id}/reactivate`, `PUT /api/v2/requesters/${hired.id}/reactivate`]);
	});
});

describe('Reactivate', () => {
	it('finds a deactivated user even where the email filter hides deactivated users', async () => {
		sim().control.configure({ behaviours: { emailFilterIncludesInactive: false } });
		const hired = await hire('Jane', 'jane@example.com');
		await deactivate('jane@example.com');
		const result = await run({ operation: 'reactivate', user: byEmail('jane@example.com') });
		expect(result.items[0].json).toMatchObject({ id: hired.id, provisioning: { action: 'reactivated' } });
	});

	it('takes a refusal of the retry (user already active) as done: the first attempt did it', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		await deactivate('jane@example.com');
		const path = '/api/v2/requesters/*/reactivate';
		sim().control.injectFaults(
			{ kind: 'dropAfterCommit', method: 'PUT', pathPattern: path },
			{ kind: 'status', status: 409, method: 'PUT', pathPattern: path, body: { code: 'incompatible_field', message: 'already active' } },
		);
		sim().control.clearLog();
		const result = await run({ operation: 'reactivate', user: byEmail('jane@example.com') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: hired.id, active: true, provisioning: { action: 'reactivated' } });
		expect(calls().slice(-3)).toEqual([
			`PUT /api/v2/requesters/${hired.id}/reactivate`,
			`PUT /api/v2/requesters/${hired.id}/reactivate`,
			`GET /api/v2/requesters/${hired.id}`,
		]);
	});

	it('fails with Freshservice\'s words when it refuses and the user stays deactivated', async () => {
		await hire('Jane', 'jane@example.com');
		await deactivate('jane@example.com');
		sim().control.injectFaults({
			kind: 'status',
			status: 409,
			method: 'PUT',
			pathPattern: '/api/v2/requesters/*/reactivate',
			body: { code: 'incompatible_field', message: 'The requester cannot be reactivated' },
		});
		const result = await run({ operation: 'reactivate', user: byEmail('jane@example.com') });
		expect(result.error?.message).toMatch(/^Freshservice refused the change because of the record's current state while trying to reactivate requester \d+: The requester cannot be reactivated$/);
		expect(result.error?.httpCode).toBe('409');
		expect(sim().control.requesterByEmail('jane@example.com')?.active).toBe(false);
	});

	it('says which email it could not find, naming the parameter', async () => {
		const result = await run({ operation: 'reactivate', user: byEmail('nobody@example.com') });
		expect(result.error?.message).toBe('No Freshservice user (requester or agent) has the email nobody@example.com');
		expect(result.error?.description).toBe("Double-check the value in 'User to Reactivate'.");
		expect(writes()).toEqual([]);
	});
});

describe('Convert to Agent and Convert to Requester', () => {
	it('round-trips a requester to an agent and back, keeping the ID', async () => {
		const hired = await hire('Jane', 'jane@example.com', { jobTitle: 'Engineer', lastName: 'Doe' });
		sim().control.clearLog();

		const toAgent = await run({ operation: 'convertToAgent', user: byEmail('jane@example.com') });
		expect(toAgent.error).toBeUndefined();
		expect(toAgent.items[0].json).toMatchObject({ id: hired.id, email: 'jane@example.com', provisioning: { action: 'converted', userType: 'agent' } });
		const agent = sim().control.agentByEmail('jane@example.com');
		expect(agent).toMatchObject({ id: hired.id, occasional: true, job_title: 'Engineer' });
		expect(agent!.roles).toEqual([{ role_id: roleId('SD Agent'), assignment_scope: 'entire_helpdesk', groups: [] }]);
		expect(sim().control.requesterByEmail('jane@example.com')).toBeUndefined();

		const toRequester = await run({ operation: 'convertToRequester', user: byId(hired.id) });
		expect(toRequester.error).toBeUndefined();
		expect(toRequester.items[0].json).toMatchObject({
			id: hired.id,
			primary_email: 'jane@example.com',
			provisioning: { action: 'converted', userType: 'requester' },
		});
		expect(sim().control.requesterByEmail('jane@example.com')).toMatchObject({ id: hired.id, last_name: 'Doe', job_title: 'Engineer' });
		expect(sim().control.agentByEmail('jane@example.com')).toBeUndefined();
		expect(sim().control.userById(hired.id)?.type).toBe('requester');
		expect(calls(writes())).toEqual([
			`PUT /api/v2/requesters/${hired.id}/convert_to_agent`,
			`PUT /api/v2/agents/${hired.id}/convert_to_requester`,
		]);
	});

	it('applies the chosen roles with one follow-up update when they differ from the default SD Agent', async () => {
		const hired = await hire('Jane', 'jane@example.com', { canSeeAllTicketsFromAssociatedDepartments: true });
		sim().control.clearLog();
		const wanted = [
			{ role_id: roleId('SD Supervisor'), assignment_scope: 'entire_helpdesk' },
			{ role_id: roleId('Problem Manager'), assignment_scope: 'assigned_items' },
		];
		const result = await run({
			operation: 'convertToAgent',
			user: byEmail('jane@example.com'),
			roles: {
				role: [
					{ roleId: String(roleId('SD Supervisor')), assignmentScope: 'entire_helpdesk' },
					{ roleId: roleId('Problem Manager'), assignmentScope: 'assigned_items' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		const agent = sim().control.agentByEmail('jane@example.com')!;
		expect(agent.id).toBe(hired.id);
		expect(agent.roles.map(({ role_id, assignment_scope }) => ({ role_id, assignment_scope }))).toEqual(wanted);
		expect(agent.can_see_all_tickets_from_associated_departments).toBe(true);
		expect(result.items[0].json).toMatchObject({ id: hired.id, provisioning: { action: 'converted', userType: 'agent' } });
		expect(result.items[0].json.provisioning).toMatchObject({
			changes: { roles: { from: [{ role_id: roleId('SD Agent'), assignment_scope: 'entire_helpdesk', groups: [] }], to: agent.roles } },
		});
		const sent = writes();
		expect(calls(sent)).toEqual([`PUT /api/v2/requesters/${hired.id}/convert_to_agent`, `PUT /api/v2/agents/${hired.id}`]);
		expect(sent[1].requestBody).toEqual({ roles: wanted, can_see_all_tickets_from_associated_departments: true });
	});

	it('sends no follow-up update when the chosen roles are what the conversion gives', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		sim().control.clearLog();
		const result = await run({
			operation: 'convertToAgent',
			user: byEmail('jane@example.com'),
			roles: { role: [{ roleId: roleId('SD Agent'), assignmentScope: 'entire_helpdesk' }] },
		});
		expect(result.items[0].json.provisioning).toEqual({ action: 'converted', userType: 'agent', dryRun: false });
		expect(calls(writes())).toEqual([`PUT /api/v2/requesters/${hired.id}/convert_to_agent`]);
	});

	it('takes roles by name: one read of the roles list, then the convert and the roles', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		sim().control.clearLog();
		const result = await run({
			operation: 'convertToAgent',
			user: byEmail('jane@example.com'),
			roles: { role: [{ roleId: 'sd supervisor', assignmentScope: 'entire_helpdesk' }] },
		});
		expect(result.error).toBeUndefined();
		expect(sim().control.agentByEmail('jane@example.com')!.roles.map((role) => role.role_id)).toEqual([roleId('SD Supervisor')]);
		expect(calls().filter((call) => call.startsWith('GET /api/v2/roles'))).toHaveLength(1);
		expect(calls(writes())).toEqual([`PUT /api/v2/requesters/${hired.id}/convert_to_agent`, `PUT /api/v2/agents/${hired.id}`]);
	});

	it('refuses an unknown role name after reading only the roles list, naming the closest', async () => {
		await hire('Jane', 'jane@example.com');
		sim().control.clearLog();
		const result = await run({
			operation: 'convertToAgent',
			user: byEmail('jane@example.com'),
			roles: { role: [{ roleId: 'SD Agnet', assignmentScope: 'entire_helpdesk' }] },
		});
		expect(result.error?.message).toMatch(/^'Roles → Role': Freshservice has no role named "SD Agnet"; the closest are "SD Agent".*\[item 0\]$/);
		expect(calls().map((call) => call.split('?')[0])).toEqual(['GET /api/v2/roles']);
		expect(sim().control.requesterByEmail('jane@example.com')).toBeDefined();
	});

	it('refuses a role entry without a role before any request', async () => {
		const result = await run({
			operation: 'convertToAgent',
			user: byEmail('jane@example.com'),
			roles: { role: [{ roleId: '', assignmentScope: 'entire_helpdesk' }] },
		});
		expect(result.error?.message).toBe("'Roles' has an entry without a role: pick a role or remove the entry [item 0]");
		expect(apiCalls()).toEqual([]);
	});

	it('leaves a user of the target type alone: unchanged, no write', async () => {
		const agent = await hireAgent('ada@example.com');
		const requester = await hire('Jane', 'jane@example.com');
		sim().control.clearLog();
		const toAgent = await run({
			operation: 'convertToAgent',
			user: byEmail('ada@example.com'),
			roles: { role: [{ roleId: roleId('Admin'), assignmentScope: 'entire_helpdesk' }] },
		});
		expect(toAgent.items[0].json).toMatchObject({ id: agent.id, provisioning: { action: 'unchanged', userType: 'agent' } });
		expect(String(toAgent.items[0].json.provisioning && (toAgent.items[0].json.provisioning as { reason: string }).reason)).toBe(
			'The user is already an agent; nothing was sent to Freshservice. Their roles were left as they are: change them with Update.',
		);
		const toRequester = await run({ operation: 'convertToRequester', user: byEmail('jane@example.com') });
		expect(toRequester.items[0].json).toMatchObject({
			id: requester.id,
			provisioning: { action: 'unchanged', userType: 'requester', reason: 'The user is already a requester; nothing was sent to Freshservice.' },
		});
		expect(writes()).toEqual([]);
		expect(sim().control.agentByEmail('ada@example.com')!.roles[0].role_id).toBe(roleId('SD Supervisor'));
	});

	it('reports converted when the answer was lost and the retry meets a user already converted', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'PUT', pathPattern: '/api/v2/requesters/*/convert_to_agent' });
		sim().control.clearLog();
		const result = await run({ operation: 'convertToAgent', user: byEmail('jane@example.com') });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: hired.id, provisioning: { action: 'converted', userType: 'agent' } });
		expect(sim().control.agentByEmail('jane@example.com')?.id).toBe(hired.id);
	});

	it.each(['notFound', 'record'] as const)(
		'tells a lost answer from a refusal when converting an agent back (requester by agent id: %s)',
		async (requesterByIdForAgent) => {
			sim().control.configure({ behaviours: { requesterByIdForAgent } });
			const agent = await hireAgent('ada@example.com');
			const path = '/api/v2/agents/*/convert_to_requester';
			sim().control.injectFaults({ kind: 'dropAfterCommit', method: 'PUT', pathPattern: path });
			const lost = await run({ operation: 'convertToRequester', user: byId(agent.id) });
			expect(lost.error).toBeUndefined();
			expect(lost.items[0].json).toMatchObject({ id: agent.id, provisioning: { action: 'converted', userType: 'requester' } });
			expect(sim().control.userById(agent.id)?.type).toBe('requester');

			const other = await hireAgent('grace@example.com');
			sim().control.injectFaults({ kind: 'status', status: 404, method: 'PUT', pathPattern: path });
			const refused = await run({ operation: 'convertToRequester', user: byId(other.id) });
			expect(refused.error?.httpCode).toBe('404');
			expect(refused.error?.message).toMatch(/while trying to convert agent \d+ to a requester/);
			expect(sim().control.userById(other.id)?.type).toBe('agent');
		},
	);
});

describe('Permanently Delete', () => {
	it('without Confirm Permanent Deletion fails before any request, naming the switch and the item', async () => {
		await hire('Jane', 'jane@example.com');
		sim().control.clearLog();
		const result = await run({ operation: 'permanentlyDelete', user: byEmail('jane@example.com') });
		expect(result.error?.message).toBe(
			"'Confirm Permanent Deletion' is off, so jane@example.com was not deleted: turn it on to permanently delete the user and all their tickets (this cannot be undone) [item 0]",
		);
		expect(result.error?.description).toBe("Fix the value of 'Confirm Permanent Deletion'. Nothing was sent to Freshservice for this item.");
		expect(apiCalls()).toEqual([]);
		expect(sim().control.requesterByEmail('jane@example.com')).toBeDefined();
	});

	it('with it, the requester is gone and the item says who they were, and no more', async () => {
		const hired = await hire('Jane', 'jane@example.com', { lastName: 'Doe', jobTitle: 'Engineer', mobilePhoneNumber: '+49 151 000' });
		sim().control.clearLog();
		const result = await run({ operation: 'permanentlyDelete', user: byEmail('jane@example.com'), confirmPermanentDeletion: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			id: hired.id,
			primary_email: 'jane@example.com',
			first_name: 'Jane',
			last_name: 'Doe',
			provisioning: { action: 'deleted', userType: 'requester', dryRun: false },
		});
		expect(sim().control.requesterByEmail('jane@example.com')).toBeUndefined();
		expect(sim().control.userById(hired.id)).toBeUndefined();
		expect(calls(writes())).toEqual([`DELETE /api/v2/requesters/${hired.id}/forget`]);
	});

	it('deletes an agent through the agents endpoint', async () => {
		const agent = await hireAgent('ada@example.com');
		sim().control.clearLog();
		const result = await run({ operation: 'permanentlyDelete', user: byId(agent.id), confirmPermanentDeletion: true });
		expect(result.items[0].json).toMatchObject({ id: agent.id, email: 'ada@example.com', provisioning: { action: 'deleted', userType: 'agent' } });
		expect(sim().control.userById(agent.id)).toBeUndefined();
		expect(calls(writes())).toEqual([`DELETE /api/v2/agents/${agent.id}/forget`]);
	});

	it('takes the confirmation per item from an expression: only the confirmed item reaches the network', async () => {
		const kept = await hire('Jane', 'jane@example.com');
		const gone = await hire('John', 'john@example.com');
		sim().control.clearLog();
		const result = await run(
			{ operation: 'permanentlyDelete', user: byEmail('={{ $json.email }}'), confirmPermanentDeletion: '={{ $json.confirmed }}' },
			{
				input: [
					{ email: 'jane@example.com', confirmed: false },
					{ email: 'john@example.com', confirmed: true },
				],
				continueOnFail: true,
			},
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toMatch(/^'Confirm Permanent Deletion' is off, so jane@example.com was not deleted: .* \[item 0\]$/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toMatchObject({ id: gone.id, provisioning: { action: 'deleted' } });
		expect(sim().control.userById(kept.id)).toBeDefined();
		expect(sim().control.userById(gone.id)).toBeUndefined();
		expect(apiCalls().some((entry) => JSON.stringify(entry).includes('jane'))).toBe(false);
		expect(calls(writes())).toEqual([`DELETE /api/v2/requesters/${gone.id}/forget`]);
	});
});

describe('Deactivate → If Not Found', () => {
	it('fails by default, naming the email and the parameter', async () => {
		const result = await run({ operation: 'deactivate', user: byEmail('nobody@example.com'), options: { ifNotFound: 'fail' } });
		expect(result.error?.message).toBe('No Freshservice user (requester or agent) has the email nobody@example.com');
		expect(result.error?.description).toBe("Double-check the value in 'User to Deactivate'.");
	});

	it('succeeds with nothing done when set to succeed: the item reports notFound', async () => {
		const before = records();
		const result = await run({ operation: 'deactivate', user: byEmail('Nobody@Example.com'), options: { ifNotFound: 'succeed' } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			email: 'nobody@example.com',
			provisioning: { action: 'notFound', dryRun: false, reason: 'No Freshservice user (requester or agent) has this email; nothing was done.' },
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(writes()).toEqual([]);
		expect(records()).toBe(before);
	});

	it('still deactivates people who exist', async () => {
		const hired = await hire('Jane', 'jane@example.com');
		const result = await run({ operation: 'deactivate', user: byEmail('jane@example.com'), options: { ifNotFound: 'succeed' } });
		expect(result.items[0].json).toMatchObject({ id: hired.id, provisioning: { action: 'deactivated' } });
	});
});

describe('Dry Run', () => {
	const dryRun = { options: { dryRun: true } };

	it.each(reactivationSettings().map((behaviours) => [JSON.stringify(behaviours), behaviours]))(
		'of every lifecycle operation leaves the records byte-for-byte unchanged and sends only lookups (%s)',
		async (_name, behaviours) => {
			sim().control.configure({ behaviours });
			const jane = await hire('Jane', 'jane@example.com');
			const gone = await hire('Gone', 'gone@example.com');
			await deactivate('gone@example.com');
			const agent = await hireAgent('ada@example.com');
			sim().control.clearLog();
			const before = records();

			const outcomes = [
				await run({ operation: 'deactivate', user: byEmail('jane@example.com'), ...dryRun }),
				await run({ operation: 'deactivate', user: byEmail('gone@example.com'), ...dryRun }),
				await run({ operation: 'deactivate', user: byEmail('nobody@example.com'), options: { dryRun: true, ifNotFound: 'succeed' } }),
				await run({ operation: 'reactivate', user: byEmail('gone@example.com'), ...dryRun }),
				await run({ operation: 'reactivate', user: byEmail('jane@example.com'), ...dryRun }),
				await run({ operation: 'convertToAgent', user: byEmail('jane@example.com'), roles: { role: [{ roleId: roleId('Admin') }] }, ...dryRun }),
				await run({ operation: 'convertToAgent', user: byEmail('ada@example.com'), ...dryRun }),
				await run({ operation: 'convertToRequester', user: byEmail('ada@example.com'), ...dryRun }),
				await run({ operation: 'convertToRequester', user: byEmail('jane@example.com'), ...dryRun }),
				await run({ operation: 'permanentlyDelete', user: byEmail('jane@example.com'), ...dryRun }),
				await run({ operation: 'permanentlyDelete', user: byId(agent.id), confirmPermanentDeletion: true, ...dryRun }),
			];
			expect(outcomes.map((outcome) => outcome.error)).toEqual(outcomes.map(() => undefined));
			const reported = outcomes.map((outcome) => outcome.items[0].json.provisioning as Record<string, unknown>);
			expect(reported.map((provisioning) => [provisioning.action, provisioning.dryRun])).toEqual([
				['wouldDeactivate', true],
				['alreadyDeactivated', true],
				['notFound', true],
				['wouldReactivate', true],
				['unchanged', true],
				['wouldConvert', true],
				['unchanged', true],
				['wouldConvert', true],
				['unchanged', true],
				['wouldDelete', true],
				['wouldDelete', true],
			]);
			expect(outcomes[0].items[0].json).toMatchObject({ id: jane.id, active: true });
			expect(outcomes[3].items[0].json).toMatchObject({ id: gone.id, active: false });
			expect(reported[5].reason).toBe(
				"Dry run: this requester would become an occasional agent with Freshservice's default role (SD Agent), then get the chosen roles.",
			);
			expect(reported[9].reason).toBe(
				"Dry run: this requester and all the tickets they requested would be deleted for good. A real run also needs 'Confirm Permanent Deletion' on, or it fails before anything is sent.",
			);
			expect(reported[10].reason).toBe('Dry run: this agent and all the tickets they requested would be deleted for good.');
			expect(writes()).toEqual([]);
			expect(records()).toBe(before);
		},
	);

	it('reports what the real run then does', async () => {
		const gone = await hire('Gone', 'gone@example.com');
		await deactivate('gone@example.com');
		const planned = await run({ operation: 'reactivate', user: byEmail('gone@example.com'), ...dryRun });
		const done = await run({ operation: 'reactivate', user: byEmail('gone@example.com') });
		expect(planned.items[0].json.provisioning).toMatchObject({ action: 'wouldReactivate', userType: 'requester' });
		expect(done.items[0].json).toMatchObject({ id: gone.id, provisioning: { action: 'reactivated', userType: 'requester', dryRun: false } });
	});

	it('refuses a Dry Run that an expression sets to something other than true or false, before any request', async () => {
		const result = await run({ operation: 'reactivate', user: byEmail('jane@example.com'), options: { dryRun: '={{ $json.mode }}' } }, { input: [{ mode: 'maybe' }] });
		expect(result.error?.message).toBe(`'Dry Run' must be true or false, not "maybe" [item 0]`);
		expect(apiCalls()).toEqual([]);
	});
});
