/**
 * What the suite runs in each n8n version, and what a user would check afterwards: the item the
 * node returned and the record in Freshservice (the simulator).
 */
import type { SimulatorControl } from '../simulator/types';
import { CREDENTIAL_TYPE, EXAMPLE_CREDENTIAL, loadExample, NODE_TYPE, type Workflow } from '../scripts/lib/examples';
import { nodeOutput, type ExecuteResult, type OutputItem } from '../scripts/lib/n8n-instance';
import type { RosterServer } from './fixtures';
import { apiKeyForms, filesHolding, readStoredFiles } from './secrets';
import { manualNode, manualVariant } from './variants';
import { byEmail, nodeWorkflow } from './workflows';

export type Item = Record<string, unknown>;

export interface CaseContext {
	simulator: SimulatorControl;
	roster: RosterServer;
	/** The key of the credential every workflow uses. */
	apiKey: string;
}

export interface CheckInput {
	result: ExecuteResult;
	/** The JSON of the items the node under test output. */
	items: Item[];
	/** The same items with n8n's metadata (pairedItem). */
	rawItems: OutputItem[];
	simulator: SimulatorControl;
	/** Where the instance keeps its database and its log. */
	instance: { n8nFolder: string; logFile: string };
}

export interface E2eCase {
	title: string;
	/** The examples/ file the workflow is derived from, if any. */
	example?: string;
	workflow: Workflow;
	/** The node whose output is checked, named in a failure. */
	node: string;
	/** Whether the execution as a whole must succeed; when false, check() judges the failure. */
	expectSuccess: boolean;
	/** Runs after the simulator is reset, before the workflow runs. */
	arrange?: () => void;
	/** Throws an Error saying what a user would see is wrong. */
	check(input: CheckInput): void;
}

export class CheckFailure extends Error {}

/** Runs a suite and exits with its code; a suite that crashes still ends with the counts CI reads. */
export function runSuite(main: () => Promise<number>): void {
	main().then(
		(code) => process.exit(code),
		(error: Error) => {
			console.error(error.stack ?? error.message);
			console.log('0 passed, 1 failed');
			process.exit(1);
		},
	);
}

export function ensure(condition: unknown, message: string): asserts condition {
	if (!condition) throw new CheckFailure(message);
}

/** The `provisioning` object every output item carries: what the node did, to which user type. */
function provisioningOf(item: Item): Item {
	const provisioning = item.provisioning;
	ensure(provisioning !== null && typeof provisioning === 'object', `the output item has no provisioning object: ${JSON.stringify(item).slice(0, 300)}`);
	return provisioning as Item;
}

function single(items: Item[]): Item {
	ensure(items.length === 1, `expected 1 output item, got ${items.length}: ${JSON.stringify(items).slice(0, 400)}`);
	return items[0];
}

function same(actual: unknown, expected: unknown, what: string): void {
	ensure(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const DOMAIN = 'acme.example';
const NEW_HIRE_EXAMPLE = 'new-hire-create-or-update-requester.json';
const NEW_HIRE_NODE = 'Create or update requester';
const ONBOARDING_EXAMPLE = 'new-hire-requester-and-onboarding-request.json';
const OFFBOARDING_EXAMPLE = 'termination-offboarding-then-deactivate.json';
const GROUPS_EXAMPLE = 'new-hire-requester-with-department-groups.json';
const GROUPS_NODE = 'Create or update requester with groups';

/** The onboarding or offboarding requests the run opened, as the simulator's request log holds them. */
function requestsOpened(sim: SimulatorControl, kind: 'onboarding' | 'offboarding') {
	return sim.log().filter((entry) => entry.method === 'POST' && entry.path === `/api/v2/${kind}_requests` && entry.status === 201);
}

/** The names of the manual requester groups a requester is in, sorted (rule-based ones follow Freshservice's rules). */
function requesterGroupsOf(sim: SimulatorControl, requesterId: unknown): string[] {
	const state = sim.state();
	return state.requesterGroups
		.filter((group) => group.type === 'manual' && (state.requesterGroupMembers[String(group.id)] ?? []).includes(Number(requesterId)))
		.map((group) => group.name)
		.sort();
}

function departmentId(sim: SimulatorControl, name: string): number | undefined {
	return sim.state().departments.find((department) => department.name === name)?.id;
}

/** Another variant of an example, under its own id and name (n8n keeps one workflow per id). */
function renamed(workflow: Workflow, id: string, suffix: string): Workflow {
	return { ...workflow, id, name: `${workflow.name} (${suffix})` };
}

/** The workflow with one node's Options set (Dry Run, say), as a user would tick them. */
function withOptions(workflow: Workflow, nodeName: string, options: Record<string, unknown>): Workflow {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`"${workflow.name}" has no node "${nodeName}"`);
	node.parameters = { ...node.parameters, options: { ...(node.parameters.options as object | undefined), ...options } };
	return workflow;
}

export function buildCases({ simulator, roster, apiKey }: CaseContext): E2eCase[] {
	const roleId = (name: string) => {
		const role = simulator.state().roles.find((candidate) => candidate.name === name);
		if (!role) throw new Error(`The simulator has no role "${name}"`);
		return role.id;
	};

	const hire = {
		firstName: 'Margaret',
		lastName: 'Hamilton',
		email: `margaret.hamilton@${DOMAIN}`,
		jobTitle: 'Flight Software Engineer',
	};
	const promotion = { email: `priya.natarajan@${DOMAIN}`, jobTitle: 'Senior Software Engineer' };
	const leaver = `marcus.webb@${DOMAIN}`;
	const stayer = `hannah.kim@${DOMAIN}`;
	const newAgent = { firstName: 'Mateo', lastName: 'Rossi', email: `mateo.rossi@${DOMAIN}` };
	const inactiveUsers = (sim: SimulatorControl) => {
		const { requesters, agents } = sim.state();
		return JSON.stringify([...requesters, ...agents].filter((record) => !record.active).map((record) => record.id));
	};
	let inactiveBefore = '';
	const onboardingHire = {
		firstName: 'Katherine',
		lastName: 'Johnson',
		email: `katherine.johnson@${DOMAIN}`,
		jobTitle: 'Research Mathematician',
		startDate: '2027-01-04',
		department: 'Engineering',
		managerEmail: `ada.lovelace@${DOMAIN}`,
	};
	// The simulator's tenant already holds an onboarding request in progress for Noor Haddad.
	const alreadyOnboarding = { ...onboardingHire, firstName: 'Noor', lastName: 'Haddad', email: `noor.haddad@${DOMAIN}` };
	const groupsHire = { firstName: 'Dorothy', lastName: 'Vaughan', email: `dorothy.vaughan@${DOMAIN}`, department: 'Sales' };
	// A demo requester moving to Finance, who is in Sales Team and (by hand) in Contractors.
	const groupsMover = { firstName: 'Priya', lastName: 'Natarajan', email: `priya.natarajan@${DOMAIN}`, department: 'Finance' };
	const termination = { email: leaver, name: 'Marcus Webb', lastDay: '2026-11-27', managerEmail: `ada.lovelace@${DOMAIN}`, separationType: 'Voluntary Separation' };
	// Ada as the demo tenant holds her: the HR system sending her again changes nothing.
	const resentHire = { firstName: 'Ada', lastName: 'Lovelace', email: `ada.lovelace@${DOMAIN}`, jobTitle: 'Staff Engineer' };
	const rehire = { firstName: 'Tom', lastName: 'Fischer', email: `tom.fischer@${DOMAIN}`, jobTitle: 'Senior Financial Analyst' };
	const moverToIt = { email: `hannah.kim@${DOMAIN}`, jobTitle: 'IT Support Analyst' };
	const groupId = (name: string) => {
		const group = simulator.state().groups.find((candidate) => candidate.name === name);
		if (!group) throw new Error(`The simulator has no group "${name}"`);
		return group.id;
	};
	/** The simulator's records, without the request counters that lookups move. */
	const records = (sim: SimulatorControl) => {
		const state: Partial<ReturnType<SimulatorControl['state']>> = sim.state();
		delete state.counters;
		return JSON.stringify(state);
	};
	let recordsBefore = '';

	// Sync Roster's example: the demo tenant's requesters as HR sees them. Marcus Webb has left,
	// Priya Natarajan is promoted, Margaret Hamilton is hired.
	const rosterSync = manualVariant(loadExample('nightly-roster-sync.json'), { httpUrls: { 'Fetch HR roster': roster.url } });
	const hrRoster = (sim: SimulatorControl) =>
		sim
			.state()
			.requesters.filter((record) => record.active && record.primary_email?.endsWith(`@${DOMAIN}`) && record.primary_email !== leaver)
			.map((record) => ({
				email: record.primary_email,
				firstName: record.first_name,
				lastName: record.last_name,
				jobTitle: record.primary_email === promotion.email ? promotion.jobTitle : record.job_title,
				department: record.department_names[0] ?? '',
			}))
			.concat([{ email: hire.email, firstName: hire.firstName, lastName: hire.lastName, jobTitle: hire.jobTitle, department: 'Engineering' }]);
	// Manual Trigger → the HR roster over HTTP (the roster server) → Sync Roster with these settings,
	// the fields mapped automatically from the roster's columns (named as Freshservice's fields).
	const rosterWorkflow = (id: string, name: string, parameters: Record<string, unknown>): Workflow => ({
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			manualNode('Run (e2e)', [0, 0]),
			{ id: `${id}-fetch`, name: 'Fetch HR roster', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [220, 0], parameters: { url: roster.url, options: {} } },
			{
				id: `${id}-sync`,
				name: 'Sync Roster',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'user',
					operation: 'syncRoster',
					userType: 'requester',
					columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
					...parameters,
				},
				credentials: { [CREDENTIAL_TYPE]: { ...EXAMPLE_CREDENTIAL } },
			},
		],
		connections: {
			'Run (e2e)': { main: [[{ node: 'Fetch HR roster', type: 'main', index: 0 }]] },
			'Fetch HR roster': { main: [[{ node: 'Sync Roster', type: 'main', index: 0 }]] },
		},
	});
	const nineDomain = 'nine.example';
	let nine: Array<{ id: number; email: string; first_name: string }> = [];
	const summaryOf = (items: Item[], what: string): Item => {
		const last = items[items.length - 1];
		ensure(last?.summary !== null && typeof last?.summary === 'object', `${what}: the last item is no summary: ${JSON.stringify(last).slice(0, 300)}`);
		return last.summary as Item;
	};

	return [
		{
			title: 'Create or update: a new hire is created (example: new hire webhook)',
			example: NEW_HIRE_EXAMPLE,
			workflow: manualVariant(loadExample(NEW_HIRE_EXAMPLE), { webhookBody: hire }),
			node: NEW_HIRE_NODE,
			expectSuccess: true,
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'created', 'output provisioning.action');
				same(provisioningOf(item).userType, 'requester', 'output provisioning.userType');
				same(item.primary_email, hire.email, 'output primary_email');
				const record = sim.requesterByEmail(hire.email);
				ensure(record, `no requester ${hire.email} in Freshservice after the run`);
				same(record.id, item.id, 'Freshservice id vs output id');
				same(record.first_name, hire.firstName, 'Freshservice first_name');
				same(record.last_name, hire.lastName, 'Freshservice last_name');
				same(record.job_title, hire.jobTitle, 'Freshservice job_title');
				same(record.active, true, 'Freshservice active');
			},
		},
		{
			title: 'Create or update: a resent hire (same person, same data) is unchanged, nothing written (example)',
			workflow: renamed(manualVariant(loadExample(NEW_HIRE_EXAMPLE), { webhookBody: resentHire }), 'e2eNewHireResent', 'resent'),
			node: NEW_HIRE_NODE,
			expectSuccess: true,
			arrange: () => {
				recordsBefore = records(simulator);
			},
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'unchanged', 'output provisioning.action');
				same(item.id, sim.requesterByEmail(resentHire.email)?.id, 'output id vs Freshservice id');
				ensure(records(sim) === recordsBefore, 'a resent hire changed records in Freshservice');
			},
		},
		{
			title: 'Create or update as a dry run: wouldCreate, nothing created (example with Dry Run on)',
			workflow: renamed(
				withOptions(manualVariant(loadExample(NEW_HIRE_EXAMPLE), { webhookBody: hire }), NEW_HIRE_NODE, { dryRun: true }),
				'e2eNewHireDryRun',
				'dry run',
			),
			node: NEW_HIRE_NODE,
			expectSuccess: true,
			arrange: () => {
				recordsBefore = records(simulator);
			},
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'wouldCreate', 'output provisioning.action');
				same(provisioningOf(item).dryRun, true, 'output provisioning.dryRun');
				ensure(!sim.requesterByEmail(hire.email), `a dry run created ${hire.email}`);
				ensure(records(sim) === recordsBefore, 'a dry run changed records in Freshservice');
			},
		},
		{
			title: 'Create an agent with a role',
			workflow: nodeWorkflow('e2eCreateAgent001', 'Create an agent with a role (e2e)', newAgent, {
				name: 'Create agent',
				parameters: {
					operation: 'create',
					userType: 'agent',
					firstName: '={{ $json.firstName }}',
					email: '={{ $json.email }}',
					roles: { role: [{ roleId: roleId('SD Agent'), assignmentScope: 'entire_helpdesk' }] },
					additionalFields: { lastName: '={{ $json.lastName }}', occasional: true },
				},
			}),
			node: 'Create agent',
			expectSuccess: true,
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'created', 'output provisioning.action');
				same(provisioningOf(item).userType, 'agent', 'output provisioning.userType');
				const record = sim.agentByEmail(newAgent.email);
				ensure(record, `no agent ${newAgent.email} in Freshservice after the run`);
				same(record.id, item.id, 'Freshservice id vs output id');
				same(record.occasional, true, 'Freshservice occasional');
				const roles = record.roles.map((role) => `${role.role_id}:${role.assignment_scope}`);
				ensure(
					roles.includes(`${roleId('SD Agent')}:entire_helpdesk`),
					`Freshservice roles: expected SD Agent on the entire helpdesk, got ${JSON.stringify(record.roles)}`,
				);
				ensure(!sim.requesterByEmail(newAgent.email), `${newAgent.email} was also created as a requester`);
			},
		},
		{
			title: 'Update by email (example: HR change webhook)',
			example: 'hr-change-update-by-email.json',
			workflow: manualVariant(loadExample('hr-change-update-by-email.json'), { webhookBody: promotion }),
			node: 'Update user',
			expectSuccess: true,
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'updated', 'output provisioning.action');
				same(item.job_title, promotion.jobTitle, 'output job_title');
				const record = sim.requesterByEmail(promotion.email);
				ensure(record, `requester ${promotion.email} disappeared`);
				same(record.job_title, promotion.jobTitle, 'Freshservice job_title');
				same(record.first_name, 'Priya', 'Freshservice first_name (must be kept)');
				same(record.mobile_phone_number, '+91 98450 12345', 'Freshservice mobile_phone_number (must be kept)');
			},
		},
		{
			title: 'Deactivate by email (example: nightly leavers from an HR roster)',
			example: 'termination-deactivate-by-email.json',
			workflow: manualVariant(loadExample('termination-deactivate-by-email.json'), {
				httpUrls: { 'Fetch HR roster': roster.url },
			}),
			node: 'Deactivate user',
			expectSuccess: true,
			arrange: () =>
				roster.setRoster([
					{ email: leaver, status: 'terminated', lastDay: '2026-11-27' },
					{ email: stayer, status: 'active' },
				]),
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'deactivated', 'output provisioning.action');
				same(item.primary_email, leaver, 'output primary_email');
				same(sim.requesterByEmail(leaver)?.active, false, `Freshservice active of ${leaver}`);
				same(sim.requesterByEmail(stayer)?.active, true, `Freshservice active of ${stayer} (not a leaver)`);
			},
		},
		{
			title: 'Sync Roster (example: nightly HR roster, dry run first, then for real)',
			example: 'nightly-roster-sync.json',
			workflow: rosterSync,
			node: 'Sync Roster',
			expectSuccess: true,
			arrange: () => {
				const people = hrRoster(simulator);
				ensure(people.length === 7, `the HR roster should hold 7 people, got ${people.length}`);
				roster.setRoster(people);
			},
			check: ({ result, items, rawItems, simulator: sim }) => {
				// The summary is on the node's second output, Summary.
				const dryRun = summaryOf(nodeOutput(result.run, 'Sync Roster (dry run)', 1), 'Sync Roster (dry run)');
				same(JSON.stringify(dryRun.actions), JSON.stringify({ unchanged: 5, wouldUpdate: 1, wouldCreate: 1, wouldDeactivate: 1 }), 'dry run summary.actions');
				same(dryRun.dryRun, true, 'dry run summary.dryRun');
				const summary = summaryOf(nodeOutput(result.run, 'Sync Roster', 1), 'Sync Roster');
				same(JSON.stringify(summary.actions), JSON.stringify({ unchanged: 5, updated: 1, created: 1, deactivated: 1 }), 'summary.actions');
				// One item per roster person (paired with it), one per deactivated user; each has provisioning.
				same(items.length, 8, 'output items');
				ensure(items.every((item) => item.provisioning !== undefined), 'an item on the main output without provisioning');
				for (let index = 0; index < 7; index++) same(JSON.stringify(rawItems[index].pairedItem), JSON.stringify({ item: index }), `pairedItem of item ${index}`);
				const byEmail = new Map(items.slice(0, 8).map((item) => [item.primary_email, provisioningOf(item).action]));
				same(byEmail.get(promotion.email), 'updated', `action for ${promotion.email}`);
				same(byEmail.get(hire.email), 'created', `action for ${hire.email}`);
				same(byEmail.get(leaver), 'deactivated', `action for ${leaver}`);
				same(sim.requesterByEmail(promotion.email)?.job_title, promotion.jobTitle, `Freshservice job_title of ${promotion.email}`);
				const hired = sim.requesterByEmail(hire.email);
				ensure(hired, `no requester ${hire.email} in Freshservice after the run`);
				same(JSON.stringify(hired.department_names), JSON.stringify(['Engineering']), `Freshservice departments of ${hire.email}`);
				same(sim.requesterByEmail(leaver)?.active, false, `Freshservice active of ${leaver} (a leaver)`);
				same(sim.requesterByEmail(stayer)?.active, true, `Freshservice active of ${stayer}`);
				ensure(sim.state().agents.every((agent) => agent.active), 'an agent was deactivated');
			},
		},
		{
			title: 'Sync Roster: a new manager and their new report arrive together and sync in one run',
			workflow: rosterWorkflow('fsProvE2eRosterManager', 'E2E: Sync Roster, a new manager and their report', {}),
			node: 'Sync Roster',
			expectSuccess: true,
			arrange: () =>
				// The report comes first: the manager they name is created in the same run, before them.
				roster.setRoster([
					{ email: `rita.report@${DOMAIN}`, first_name: 'Rita', last_name: 'Report', reporting_manager_id: `bo.boss@${DOMAIN}` },
					{ email: `bo.boss@${DOMAIN}`, first_name: 'Bo', last_name: 'Boss' },
				]),
			check: ({ result, items, simulator: sim }) => {
				same(items.length, 2, 'items on the main output');
				same(JSON.stringify(items.map((item) => provisioningOf(item).action)), JSON.stringify(['created', 'created']), 'actions');
				const boss = sim.requesterByEmail(`bo.boss@${DOMAIN}`);
				const report = sim.requesterByEmail(`rita.report@${DOMAIN}`);
				ensure(boss && report, 'the manager or the report is missing in Freshservice after the run');
				same(report.reporting_manager_id, boss.id, "Freshservice reporting_manager_id of the report (the new manager's id)");
				same(nodeOutput(result.run, 'Sync Roster', 1).length, 1, 'items on the Summary output');
			},
		},
		{
			title: 'Sync Roster: a roster of nine with one leaver deactivates that one, at the default limits',
			workflow: rosterWorkflow('fsProvE2eRosterNine', 'E2E: Sync Roster, nine people and one leaver', {
				deprovision: true,
				deprovisionScope: 'emailDomain',
				scopeEmailDomains: nineDomain,
			}),
			node: 'Sync Roster',
			expectSuccess: true,
			arrange: () => {
				simulator.seed({ requesters: 9, domain: nineDomain, randomSeed: 9 });
				nine = simulator
					.state()
					.requesters.filter((record) => record.primary_email?.endsWith(`@${nineDomain}`))
					.map((record) => ({ id: record.id, email: record.primary_email!, first_name: record.first_name }));
				ensure(nine.length === 9, `the simulator should hold 9 people at ${nineDomain}, got ${nine.length}`);
				roster.setRoster(nine.slice(1).map(({ email, first_name }) => ({ email, first_name })));
			},
			check: ({ result, items, simulator: sim }) => {
				const leaver = nine[0];
				const deactivated = items.filter((item) => provisioningOf(item).action === 'deactivated');
				same(JSON.stringify(deactivated.map((item) => item.primary_email)), JSON.stringify([leaver.email]), 'deactivated users');
				same(sim.requesterByEmail(leaver.email)?.active, false, `Freshservice active of ${leaver.email} (the leaver)`);
				ensure(nine.slice(1).every((person) => sim.requesterByEmail(person.email)?.active === true), 'someone in the roster was deactivated');
				const summary = summaryOf(nodeOutput(result.run, 'Sync Roster', 1), 'Sync Roster');
				same((summary.deprovisioning as Item | undefined)?.inScope, 9, 'summary.deprovisioning.inScope');
			},
		},
		{
			title: 'Sync Roster stops before any change when the roster lost too many people',
			workflow: rosterSync,
			node: 'Sync Roster (dry run)',
			expectSuccess: true,
			arrange: () => {
				roster.setRoster(hrRoster(simulator).slice(0, 2));
				inactiveBefore = inactiveUsers(simulator);
			},
			check: ({ result, items, simulator: sim }) => {
				const item = single(items);
				ensure(
					String(item.error ?? '').startsWith('Sync Roster stopped before any change: it would deactivate 5 of the 7 users in scope'),
					`the dry run should refuse, naming how many would go, got ${JSON.stringify(item).slice(0, 300)}`,
				);
				same(nodeOutput(result.run, 'Sync Roster').length, 0, "items out of the real 'Sync Roster' (it must not run)");
				same(inactiveUsers(sim), inactiveBefore, 'deactivated users in Freshservice (nothing may change)');
				ensure(!sim.requesterByEmail(hire.email), `${hire.email} was created`);
			},
		},
		{
			title: 'Rehire: reactivate, then update (example: rehire webhook)',
			example: 'rehire-reactivate-and-update.json',
			workflow: manualVariant(loadExample('rehire-reactivate-and-update.json'), { webhookBody: rehire }),
			node: 'Update user',
			expectSuccess: true,
			arrange: () => ensure(simulator.requesterByEmail(rehire.email)?.active === false, `the demo tenant should hold ${rehire.email} deactivated`),
			check: ({ result, items, simulator: sim }) => {
				const [reactivated] = nodeOutput(result.run, 'Reactivate user');
				ensure(reactivated, 'the node "Reactivate user" output nothing');
				same(provisioningOf(reactivated).action, 'reactivated', 'Reactivate user: provisioning.action');
				const item = single(items);
				same(provisioningOf(item).action, 'updated', 'Update user: provisioning.action');
				same(item.id, reactivated.id, 'Update user id vs Reactivate user id');
				const record = sim.requesterByEmail(rehire.email);
				ensure(record, `requester ${rehire.email} disappeared`);
				same(record.id, item.id, 'Freshservice id vs output id');
				same(record.active, true, 'Freshservice active');
				same(record.job_title, rehire.jobTitle, 'Freshservice job_title');
			},
		},
		{
			title: 'Moves into IT: convert to agent with a role, then full-time in a group (example)',
			example: 'moves-into-it-convert-to-agent.json',
			workflow: manualVariant(loadExample('moves-into-it-convert-to-agent.json'), { webhookBody: moverToIt }),
			node: 'Make full-time Service Desk agent',
			expectSuccess: true,
			check: ({ result, items, simulator: sim }) => {
				const [converted] = nodeOutput(result.run, 'Convert to agent');
				ensure(converted, 'the node "Convert to agent" output nothing');
				same(provisioningOf(converted).action, 'converted', 'Convert to agent: provisioning.action');
				same(provisioningOf(converted).userType, 'agent', 'Convert to agent: provisioning.userType');
				const item = single(items);
				same(provisioningOf(item).action, 'updated', 'Make full-time Service Desk agent: provisioning.action');
				const record = sim.agentByEmail(moverToIt.email);
				ensure(record, `no agent ${moverToIt.email} in Freshservice after the run`);
				ensure(!sim.requesterByEmail(moverToIt.email), `${moverToIt.email} is still a requester`);
				same(record.id, converted.id, 'Freshservice id vs output id');
				same(record.job_title, moverToIt.jobTitle, 'Freshservice job_title');
				same(record.occasional, false, 'Freshservice occasional');
				same(JSON.stringify(record.member_of), JSON.stringify([groupId('Service Desk')]), 'Freshservice member_of');
				same(
					JSON.stringify(record.roles.map((role) => [role.role_id, role.assignment_scope])),
					JSON.stringify([[roleId('SD Agent'), 'member_groups']]),
					'Freshservice roles',
				);
			},
		},
		{
			title: 'Dry run of Deactivate on a batch (active, already deactivated, unknown): reports, changes nothing',
			workflow: nodeWorkflow(
				'e2eDryRunDeact01',
				'Deactivate a batch as a dry run (e2e)',
				[{ email: leaver }, { email: rehire.email }, { email: `never.hired@${DOMAIN}` }],
				{
					name: 'Deactivate users',
					parameters: {
						operation: 'deactivate',
						user: byEmail('={{ $json.email }}'),
						options: { dryRun: true, ifNotFound: 'succeed' },
					},
				},
			),
			node: 'Deactivate users',
			expectSuccess: true,
			arrange: () => {
				recordsBefore = records(simulator);
			},
			check: ({ items, simulator: sim }) => {
				ensure(items.length === 3, `expected one item per person (3), got ${items.length}`);
				const actions = items.map((item) => [provisioningOf(item).action, provisioningOf(item).dryRun]);
				same(
					JSON.stringify(actions),
					JSON.stringify([
						['wouldDeactivate', true],
						['alreadyDeactivated', true],
						['notFound', true],
					]),
					'provisioning.action and dryRun of the 3 items',
				);
				same(sim.requesterByEmail(leaver)?.active, true, `Freshservice active of ${leaver} (a dry run)`);
				ensure(records(sim) === recordsBefore, 'the dry run changed records in Freshservice');
			},
		},
		{
			title: 'Get a user by email',
			workflow: nodeWorkflow('e2eGetByEmail0001', 'Get a user by email (e2e)', { email: `ada.lovelace@${DOMAIN}` }, {
				name: 'Get user',
				parameters: { operation: 'get', user: byEmail('={{ $json.email }}') },
			}),
			node: 'Get user',
			expectSuccess: true,
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				const record = sim.requesterByEmail(`ada.lovelace@${DOMAIN}`);
				ensure(record, 'the demo tenant has no Ada Lovelace');
				same(item.id, record.id, 'output id');
				same(item.first_name, 'Ada', 'output first_name');
				same(provisioningOf(item).userType, 'requester', 'output provisioning.userType');
				same(provisioningOf(item).action, 'found', 'output provisioning.action');
			},
		},
		{
			title: 'Get many requesters with a limit',
			workflow: nodeWorkflow('e2eGetManyLimit01', 'Get many requesters, limit 3 (e2e)', {}, {
				name: 'Get many users',
				parameters: { operation: 'getAll', userType: 'requester', returnAll: false, limit: 3 },
			}),
			node: 'Get many users',
			expectSuccess: true,
			check: ({ items, simulator: sim }) => {
				ensure(items.length === 3, `expected 3 items (the limit), got ${items.length}`);
				const known = new Set(sim.state().requesters.map((record) => record.id));
				ensure(sim.state().requesters.length > 3, 'the demo tenant should hold more than 3 requesters');
				for (const item of items) {
					ensure(known.has(item.id as number), `output id ${String(item.id)} is not a requester in Freshservice`);
					same(provisioningOf(item).userType, 'requester', `provisioning.userType of ${String(item.id)}`);
				}
				ensure(new Set(items.map((item) => item.id)).size === 3, 'the 3 items are not 3 different users');
			},
		},
		{
			title: 'Error path with "On Error: Continue" (one unknown email in a batch)',
			workflow: nodeWorkflow(
				'e2eContinueOnFail',
				'Update a batch with an unknown email, continue on fail (e2e)',
				[
					{ email: promotion.email, jobTitle: 'Principal Engineer' },
					{ email: `nobody@${DOMAIN}`, jobTitle: 'Ghost' },
				],
				{
					name: 'Update users',
					onError: 'continueRegularOutput',
					parameters: {
						operation: 'update',
						user: byEmail('={{ $json.email }}'),
						updateFields: { jobTitle: '={{ $json.jobTitle }}' },
					},
				},
			),
			node: 'Update users',
			expectSuccess: true,
			check: ({ items, rawItems, simulator: sim }) => {
				ensure(items.length === 2, `expected one item per input item (2), got ${items.length}`);
				same(provisioningOf(items[0]).action, 'updated', 'item 0 action');
				const error = String(items[1].error ?? '');
				ensure(error.includes(`nobody@${DOMAIN}`), `item 1 should be an error naming the email, got ${JSON.stringify(items[1])}`);
				ensure(
					String(items[1].description ?? '').includes('User to Update'),
					`item 1 should tell which parameter to fix, got ${JSON.stringify(items[1])}`,
				);
				same(JSON.stringify(rawItems[1].pairedItem), JSON.stringify({ item: 1 }), 'pairedItem of the error item');
				same(sim.requesterByEmail(promotion.email)?.job_title, 'Principal Engineer', 'Freshservice job_title of item 0');
				ensure(!sim.requesterByEmail(`nobody@${DOMAIN}`), 'a user nobody@ was created');
			},
		},
		{
			title: 'Error path without "On Error: Continue" (the execution stops and says why)',
			workflow: nodeWorkflow('e2eStopOnError001', 'Deactivate an unknown email, stop on error (e2e)', { email: `nobody@${DOMAIN}` }, {
				name: 'Deactivate user',
				parameters: { operation: 'deactivate', user: byEmail('={{ $json.email }}') },
			}),
			node: 'Deactivate user',
			expectSuccess: false,
			arrange: () => {
				inactiveBefore = inactiveUsers(simulator);
			},
			check: ({ result, simulator: sim }) => {
				const error = result.run?.data.resultData.error;
				ensure(error, `the execution should have failed, but n8n reported no error (exit code ${result.code})`);
				ensure(result.code !== 0, 'n8n execute should exit non-zero for a failed execution');
				same(error.node?.name, 'Deactivate user', 'node n8n blames');
				ensure(error.message.includes(`nobody@${DOMAIN}`), `error message should name the email, got "${error.message}"`);
				ensure(
					String(error.description ?? '').includes('User to Deactivate'),
					`error description should name the parameter to fix, got "${String(error.description)}"`,
				);
				same(inactiveUsers(sim), inactiveBefore, 'deactivated users in Freshservice (nothing may change)');
			},
		},
		// Last, so n8n's database then holds every execution above too.
		{
			title: "Secrets: an answer echoing the Authorization header, then the API key nowhere in n8n's database or log",
			workflow: nodeWorkflow(
				'e2eSecretsEcho001',
				'Get two users, the first answer echoes the Authorization header (e2e)',
				[{ email: `ada.lovelace@${DOMAIN}` }, { email: `ada.lovelace@${DOMAIN}` }],
				{ name: 'Get users', onError: 'continueRegularOutput', parameters: { operation: 'get', user: byEmail('={{ $json.email }}') } },
			),
			node: 'Get users',
			expectSuccess: true,
			// A careless gateway: the first lookup's error answer quotes the request's Authorization header.
			arrange: () => simulator.injectFaults({ kind: 'echoAuth', method: 'GET', pathPattern: '/api/v2/requesters' }),
			check: ({ items, rawItems, instance }) => {
				ensure(items.length === 2, `expected one item per input item (2), got ${items.length}`);
				same(provisioningOf(items[1]).action, 'found', 'item 1 action (the next item still runs)');
				same(JSON.stringify(rawItems.map((item) => item.pairedItem)), JSON.stringify([{ item: 0 }, { item: 1 }]), 'pairedItem');
				const shown = String(items[0].error ?? '');
				const stored = readStoredFiles(instance.n8nFolder, instance.logFile);
				ensure(stored.database.length > 0, `no n8n database in ${instance.n8nFolder}`);
				// The check reads where the executions are: this run's error item is in the database.
				ensure(
					shown !== '' && filesHolding(stored, shown).some((file) => file.startsWith('database.sqlite')),
					`this run's error item is not in n8n's database (${stored.database.map((entry) => entry.file).join(', ')}): the secret check would prove nothing`,
				);
				// Never print the key itself, not even in this check's own failure.
				const masked = apiKeyForms(apiKey).reduce((text, secret) => text.split(secret).join('<the API key>'), shown);
				const problems = shown.includes('authorization: Not accepted: Basic ***')
					? []
					: [`item 0 should show Freshservice's refusal with the header masked, got "${masked}"`];
				for (const secret of apiKeyForms(apiKey)) {
					const holders = [...filesHolding(stored, secret), ...(JSON.stringify(items).includes(secret) ? ['the output items'] : [])];
					if (holders.length > 0) problems.push(`the API key${secret === apiKey ? '' : ' (as a Basic Authorization header)'} is in ${holders.join(', ')}`);
				}
				ensure(problems.length === 0, problems.join('; '));
			},
		},
		{
			title: 'New hire → requester → onboarding request, department and manager by name and email (example)',
			example: ONBOARDING_EXAMPLE,
			workflow: manualVariant(loadExample(ONBOARDING_EXAMPLE), { webhookBody: onboardingHire }),
			node: 'Open onboarding request',
			expectSuccess: true,
			check: ({ result, items, simulator: sim }) => {
				const [requester] = nodeOutput(result.run, 'Create or update requester');
				ensure(requester, 'the node "Create or update requester" output nothing');
				same(provisioningOf(requester).action, 'created', 'Create or update requester: provisioning.action');
				const item = single(items);
				same(provisioningOf(item).action, 'created', 'output provisioning.action');
				same(provisioningOf(item).requestType, 'onboarding', 'output provisioning.requestType');
				const opened = requestsOpened(sim, 'onboarding');
				ensure(opened.length === 1, `expected 1 POST /onboarding_requests, got ${opened.length}`);
				const fields = (opened[0].requestBody as { fields: Item }).fields;
				same(fields.cf_employee_email, onboardingHire.email, 'sent cf_employee_email');
				same(fields.cf_department, departmentId(sim, onboardingHire.department), 'sent cf_department (the ID of the department named)');
				same(fields.cf_reporting_manager, sim.requesterByEmail(onboardingHire.managerEmail)?.id, 'sent cf_reporting_manager (the ID of the manager by email)');
				same(fields.cf_date_of_joining, onboardingHire.startDate, 'sent cf_date_of_joining');
			},
		},
		{
			title: 'A resent hire whose onboarding request is already open: unchanged, no second request (example)',
			workflow: renamed(manualVariant(loadExample(ONBOARDING_EXAMPLE), { webhookBody: alreadyOnboarding }), 'e2eOnboardResent', 'resent'),
			node: 'Open onboarding request',
			expectSuccess: true,
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'unchanged', 'output provisioning.action');
				ensure(String(provisioningOf(item).reason ?? '').includes(alreadyOnboarding.email), `the reason should name ${alreadyOnboarding.email}: ${JSON.stringify(provisioningOf(item))}`);
				same(requestsOpened(sim, 'onboarding').length, 0, 'POST /onboarding_requests sent');
			},
		},
		{
			title: 'Termination → offboarding request, then deactivate on the last day (example)',
			example: OFFBOARDING_EXAMPLE,
			workflow: manualVariant(loadExample(OFFBOARDING_EXAMPLE), { webhookBody: termination }),
			node: 'Deactivate user',
			expectSuccess: true,
			check: ({ result, items, simulator: sim }) => {
				const [request] = nodeOutput(result.run, 'Open offboarding request');
				ensure(request, 'the node "Open offboarding request" output nothing');
				same(provisioningOf(request).action, 'created', 'Open offboarding request: provisioning.action');
				const opened = requestsOpened(sim, 'offboarding');
				ensure(opened.length === 1, `expected 1 POST /offboarding_requests, got ${opened.length}`);
				const fields = (opened[0].requestBody as { fields: Item }).fields;
				same(fields.actor_2, sim.requesterByEmail(termination.managerEmail)?.id, 'sent actor_2 (the manager by email)');
				same(fields.cf_separation_type, termination.separationType, 'sent cf_separation_type');
				same(provisioningOf(single(items)).action, 'deactivated', 'Deactivate user: provisioning.action');
				same(sim.requesterByEmail(termination.email)?.active, false, `Freshservice active of ${termination.email}`);
			},
		},
		{
			title: "New hire → requester with their department's requester groups (example)",
			example: GROUPS_EXAMPLE,
			workflow: manualVariant(loadExample(GROUPS_EXAMPLE), { webhookBody: groupsHire }),
			node: GROUPS_NODE,
			expectSuccess: true,
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'created', 'output provisioning.action');
				const changes = provisioningOf(item).changes as Item;
				same(JSON.stringify(changes?.requester_groups), JSON.stringify({ added: ['Sales Team'], removed: [] }), 'provisioning.changes.requester_groups');
				const record = sim.requesterByEmail(groupsHire.email);
				ensure(record, `requester ${groupsHire.email} was not created`);
				same(JSON.stringify(requesterGroupsOf(sim, record.id)), JSON.stringify(['Sales Team']), `requester groups of ${groupsHire.email} in Freshservice`);
			},
		},
		{
			title: 'A mover to Finance leaves Sales Team for Finance Approvers; a group added by hand stays (example, Exact Within Managed Groups)',
			workflow: renamed(manualVariant(loadExample(GROUPS_EXAMPLE), { webhookBody: groupsMover }), 'e2eGroupsMover01', 'mover'),
			node: GROUPS_NODE,
			expectSuccess: true,
			arrange: () => {
				const mover = simulator.requesterByEmail(groupsMover.email);
				ensure(mover, `the demo tenant should hold ${groupsMover.email}`);
				simulator.joinRequesterGroup('Sales Team', mover.id);
				simulator.joinRequesterGroup('Contractors', mover.id);
			},
			check: ({ items, simulator: sim }) => {
				const item = single(items);
				same(provisioningOf(item).action, 'updated', 'output provisioning.action');
				const changes = provisioningOf(item).changes as Item;
				same(JSON.stringify(changes?.requester_groups), JSON.stringify({ added: ['Finance Approvers'], removed: ['Sales Team'] }), 'provisioning.changes.requester_groups');
				same(JSON.stringify(requesterGroupsOf(sim, item.id)), JSON.stringify(['Contractors', 'Finance Approvers']), `requester groups of ${groupsMover.email} in Freshservice`);
				const memberWrites = sim.log().filter((entry) => entry.method !== 'GET' && entry.path.includes('/members/'));
				same(memberWrites.length, 2, 'membership writes (one add, one removal)');
			},
		},
	];
}
