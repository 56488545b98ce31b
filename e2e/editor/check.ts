/**
 * The editor check: the package used the way a person uses it, in a real n8n 2.x editor in a real
 * browser, against the Freshservice simulator. It signs in (setting up the owner on a fresh
 * instance), opens the node, loads departments, searches users, and tests the credential with a
 * good and a bad API key. Each step fails with what it expected and what the page showed.
 *
 * The instance must be running (`instance.start()`); the check imports its own workflow and
 * credential first (see fixtures.ts), so it works on any instance and can run again.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { N8nInstance, OwnerAccount } from '../../scripts/lib/n8n-instance';
import type { SimulatorControl } from '../../simulator';
import { launchBrowser } from './browser';
import {
	EDITOR_CHECK_CREDENTIAL,
	EDITOR_CHECK_WORKFLOW_ID,
	editorCheckWorkflow,
	prepareEditorCheck,
	type EditorCheckSimulator,
} from './fixtures';
import { N8N_TEXT, N8nEditor } from './n8n-editor';
import { Mismatch, StepRunner, type StepResult } from './steps';

export { EditorCheckFailure } from './steps';

/** The start of Create or Update's own hint under Match By (see upsert.operation.ts). */
const MATCH_BY_HINT = 'The email finds the user among requesters and agents';

/** The start of the message the credential's test rule shows for a 401. */
const REJECTED_KEY_MESSAGE = 'Freshservice rejected the API key';

/** The screenshots the check writes; docs/screenshots holds the ones `main.ts` takes. */
export const SCREENSHOTS = {
	nodePanel: 'node-panel.png',
	departmentList: 'department-list.png',
	userSearch: 'user-search.png',
	onboardingForm: 'onboarding-form.png',
	upsertMapper: 'upsert-mapper.png',
	syncRosterSettings: 'sync-roster-settings.png',
	credentialTest: 'credential-test.png',
	credentialTestFailure: 'credential-test-failure.png',
} as const;

const SCREENSHOT_SIZE_LIMIT = 200 * 1024;

export interface EditorCheckOptions {
	/** The owner to sign in as. Without it the instance must be fresh: the check sets up an owner in the UI. */
	owner?: OwnerAccount;
	/** Where the screenshots go (default: the artifacts folder). */
	screenshotsDir?: string;
	/** Failure screenshots and the browser console (default: a new folder in the OS temp dir). */
	artifactsDir?: string;
	/** Typed into the user list's search box; must be the start of a demo user's first or last name. */
	searchTerm?: string;
	/** How long one wait may take before its step fails (default 15 s). */
	timeoutMs?: number;
	log?: (line: string) => void;
}

export interface EditorCheckSimulatorHandle extends EditorCheckSimulator {
	control: SimulatorControl;
}

export interface EditorCheckReport {
	/** The account the check signed in with (set up through the UI when none was passed). */
	owner: OwnerAccount;
	ownerCreatedInUi: boolean;
	steps: StepResult[];
	screenshots: string[];
	artifactsDir: string;
	seconds: number;
}

/** Polls until `probe` says ok; on timeout fails the step with the last thing it saw. */
async function waitUntil(
	probe: () => Promise<{ ok: boolean; seen: string }>,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let seen = 'nothing yet';
	while (Date.now() < deadline) {
		const result = await probe().catch((error: Error) => ({ ok: false, seen: error.message.split('\n')[0] }));
		if (result.ok) return;
		seen = result.seen;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Mismatch(`${seen} (after ${Math.round(timeoutMs / 1000)} s)`);
}

function quoteList(items: string[]): string {
	return items.length === 0 ? '(nothing)' : items.map((item) => JSON.stringify(item)).join(', ');
}

/** Names of simulator users the search term should find (prefix of first or last name, as the node searches). */
function usersMatching(control: SimulatorControl, term: string): string[] {
	const state = control.state();
	const prefix = term.toLowerCase();
	return [...state.requesters, ...state.agents]
		.filter((user) => [user.first_name, user.last_name ?? ''].some((part) => part.toLowerCase().startsWith(prefix)))
		.map((user) => [user.first_name, user.last_name].filter(Boolean).join(' '));
}

export async function runEditorCheck(
	instance: N8nInstance,
	simulator: EditorCheckSimulatorHandle,
	options: EditorCheckOptions = {},
): Promise<EditorCheckReport> {
	const started = Date.now();
	const log = options.log ?? ((line: string) => console.log(line));
	const timeoutMs = options.timeoutMs ?? 15_000;
	const artifactsDir = options.artifactsDir ?? mkdtempSync(path.join(tmpdir(), 'fs-prov-editor-check-'));
	const screenshotsDir = options.screenshotsDir ?? artifactsDir;
	mkdirSync(screenshotsDir, { recursive: true });
	if (instance.runtime.flavour !== 'v2') {
		throw new Error(`The editor check drives the n8n 2.x editor; this instance runs n8n ${instance.runtime.n8nVersion}.`);
	}
	const baseUrl = instance.url; // throws when n8n is not running

	const searchTerm = options.searchTerm ?? 'Hopper';
	const searchHits = usersMatching(simulator.control, searchTerm);
	const departments = simulator.control.state().departments.map((department) => department.name);
	if (searchHits.length === 0) throw new Error(`No simulator user's name starts with "${searchTerm}"; seed the demo tenant.`);
	if (departments.length === 0) throw new Error('The simulator has no departments to load.');
	const { nodeName } = editorCheckWorkflow();
	log(`Importing the editor-check workflow and credential into ${instance.userFolder}`);
	await prepareEditorCheck(instance, simulator);

	const browser = await launchBrowser({ defaultTimeoutMs: timeoutMs });
	const { page } = browser;
	const editor = new N8nEditor(page, baseUrl);
	const steps = new StepRunner(page, artifactsDir, log);
	const screenshots: string[] = [];
	const screenshot = async (name: string) => {
		const file = path.join(screenshotsDir, name);
		await page.screenshot({ path: file });
		const bytes = statSync(file).size;
		if (bytes > SCREENSHOT_SIZE_LIMIT) log(`  ! ${name} is ${Math.round(bytes / 1024)} KB (aim: under 200 KB)`);
		screenshots.push(file);
	};

	try {
		// 1. Owner setup on a fresh instance, the sign-in form otherwise.
		const { owner, ownerCreatedInUi } = await steps.run(
			'Sign in',
			'the owner setup form (fresh instance) or the sign-in form, then the editor behind it',
			async () => {
				await page.goto(`${baseUrl}/`);
				const signInEmail = editor.signInEmail();
				await editor.setupForm().or(signInEmail).first().waitFor();
				if (await editor.setupForm().isVisible()) {
					const account: OwnerAccount = options.owner ?? {
						email: 'owner@example.com',
						// n8n wants 8+ characters with a digit and a capital letter.
						password: `Fs-${randomBytes(6).toString('hex')}-N8n1`,
						firstName: 'Demo',
						lastName: 'Owner',
					};
					for (const field of ['email', 'firstName', 'lastName', 'password'] as const) {
						await editor.setupField(field).fill(account[field]);
					}
					const answer = page.waitForResponse((response) => response.url().includes('/rest/owner/setup'));
					await editor.submitButton().click();
					const response = await answer;
					if (!response.ok()) {
						throw new Mismatch(`n8n answered the owner setup with HTTP ${response.status()}: ${await response.text()}`);
					}
					await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
					return { owner: account, ownerCreatedInUi: true };
				}
				if (!options.owner) {
					throw new Mismatch('the sign-in form: this instance already has an owner, and no owner login was passed (options.owner)');
				}
				await signInEmail.fill(options.owner.email);
				await editor.signInPassword().fill(options.owner.password);
				const answer = page.waitForResponse((response) => response.url().includes('/rest/login'));
				await editor.submitButton().click();
				const response = await answer;
				if (!response.ok()) {
					throw new Mismatch(`n8n refused the login of ${options.owner.email}: HTTP ${response.status()}`);
				}
				await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
				return { owner: options.owner, ownerCreatedInUi: false };
			},
		);

		// 2. The node's panel renders the package's parameters.
		await steps.run(
			'Open the node panel',
			`the workflow's "${nodeName}" node opens with Credential "${EDITOR_CHECK_CREDENTIAL.name}", Resource "User", ` +
				'Operation "Create", and the First Name, Email and Additional Fields parameters',
			async () => {
				await editor.openWorkflow(EDITOR_CHECK_WORKFLOW_ID);
				try {
					await editor.canvasNode(nodeName).waitFor();
				} catch {
					throw new Mismatch(`canvas nodes: ${quoteList(await editor.canvasNodeNames())}`);
				}
				await editor.canvasNode(nodeName).dblclick();
				await editor.nodeParameters().waitFor();
				const labels = ['Resource', 'Operation', 'First Name', 'Email', 'Additional Fields'];
				await waitUntil(async () => {
					const resource = await editor.parameterValue('resource');
					const operation = await editor.parameterValue('operation');
					const credential = await editor.nodeCredentialSelect().locator('input').first().inputValue();
					const missing: string[] = [];
					for (const label of labels) if (!(await editor.parameterLabel(label).first().isVisible())) missing.push(label);
					for (const name of ['firstName', 'email']) if (!(await editor.parameter(name).isVisible())) missing.push(`${name} input`);
					return {
						ok: resource === 'User' && operation === 'Create' && credential === EDITOR_CHECK_CREDENTIAL.name && missing.length === 0,
						seen: `Credential "${credential}", Resource "${resource}", Operation "${operation}", missing: ${quoteList(missing)}`,
					};
				}, timeoutMs);
				await screenshot(SCREENSHOTS.nodePanel);
			},
		);

		// 3. Departments come from the simulator through the node's loadOptions method.
		await steps.run(
			'Load departments',
			`Additional Fields → "Department Names or IDs" lists the simulator's departments: ${quoteList(departments)}`,
			async () => {
				await editor.collectionAddField().click();
				await editor.collectionOption('Department Names or IDs').click();
				// The select stays disabled while n8n asks the node's getDepartments for the options.
				const select = editor.parameter('departmentIds');
				await waitUntil(async () => {
					const disabled = select.locator('input[disabled]');
					if ((await disabled.count()) === 0) return { ok: true, seen: '' };
					const placeholder = await disabled.first().getAttribute('placeholder');
					return { ok: false, seen: `the select stays disabled, showing "${placeholder}"` };
				}, timeoutMs);
				await select.click();
				await waitUntil(async () => {
					const shown = (await editor.openDropdownOptions().allInnerTexts()).map((text) => text.trim());
					const missing = departments.filter((name) => !shown.includes(name));
					return { ok: missing.length === 0, seen: `the dropdown lists ${quoteList(shown)}` };
				}, timeoutMs);
				await editor.settleDropdown();
				await screenshot(SCREENSHOTS.departmentList);
				await page.keyboard.press('Escape');
			},
		);

		// 4. "From list" mode of the user locator, searched on the server through listSearch.
		await steps.run(
			'Search users',
			`Operation "Update" → User to Update "From list" shows users, and typing "${searchTerm}" narrows it to ` +
				`${quoteList(searchHits)}, searched in the simulator`,
			async () => {
				await editor.chooseOption('operation', /^Update/);
				await editor.resourceLocatorModeSelector('user').click();
				await editor.openDropdownOptions().filter({ hasText: N8N_TEXT.listMode }).click();
				await editor.resourceLocatorInput('user').click();
				let unfiltered = 0;
				await waitUntil(async () => {
					unfiltered = await editor.resourceLocatorItems().count();
					return { ok: unfiltered > searchHits.length, seen: `${unfiltered} users in the list before searching` };
				}, timeoutMs);
				const lastSeq = simulator.control.log().at(-1)?.seq ?? 0;
				await editor.resourceLocatorSearch().fill(searchTerm);
				await waitUntil(async () => {
					const shown = await editor.resourceLocatorItems().allInnerTexts();
					const missing = searchHits.filter((name) => !shown.some((text) => text.startsWith(name)));
					const strays = shown.filter((text) => !text.toLowerCase().includes(searchTerm.toLowerCase()));
					return {
						ok: missing.length === 0 && strays.length === 0 && shown.length < unfiltered,
						seen: `the list shows ${quoteList(shown)} (${unfiltered} before searching)`,
					};
				}, timeoutMs);
				const searched = simulator.control
					.log()
					.filter((entry) => entry.seq > lastSeq && entry.path.endsWith('/requesters'))
					.some((entry) => (entry.query.query ?? '').includes(searchTerm));
				if (!searched) throw new Mismatch(`the list narrowed, but the simulator got no /requesters search for "${searchTerm}"`);
				await screenshot(SCREENSHOTS.userSearch);
				await page.keyboard.press('Escape');
			},
		);

		// 5. Create or Update: the resource mapper loads the user fields, and Match By says how people are matched.
		const userFieldLabels = ['Email', 'First Name', 'Last Name', 'Job Title'];
		const groupColumn = 'Requester Groups';
		await steps.run(
			'Open the Create or Update mapper',
			`Operation "Create or Update" shows the user fields ${quoteList(userFieldLabels)} and the "${groupColumn}" column loaded from the simulator, and under "Match By" the hint "${MATCH_BY_HINT}" (not n8n's "Usually an ID")`,
			async () => {
				await editor.chooseOption('operation', /^Create or Update/);
				await waitUntil(async () => {
					const missing: string[] = [];
					for (const label of [...userFieldLabels, 'Match By']) if (!(await editor.parameterLabel(label).first().isVisible())) missing.push(label);
					return { ok: missing.length === 0, seen: `missing: ${quoteList(missing)}` };
				}, timeoutMs);
				await waitUntil(async () => {
					const text = await editor.nodeParameters().innerText();
					return {
						ok: text.includes(MATCH_BY_HINT) && !/usually an id/i.test(text) && text.includes(groupColumn),
						seen: `the panel reads ${JSON.stringify(text.slice(0, 400))}`,
					};
				}, timeoutMs);
				await screenshot(SCREENSHOTS.upsertMapper);
			},
		);

		// 6. Sync Roster: its mapper and, once deprovisioning is on, the scope and both safety limits.
		const rosterSettings = ['Deprovisioning Scope', 'Email Domains', 'Deactivate Agents Too', 'Safety Limit: Users', 'Safety Limit: Percent of Scope'];
		await steps.run(
			'Open Sync Roster\'s settings',
			`Operation "Sync Roster" shows its mapper and "Deactivate Users Missing From Roster"; switched on, it shows ${quoteList(rosterSettings)}`,
			async () => {
				await editor.chooseOption('operation', /^Sync Roster/);
				await waitUntil(async () => {
					const missing: string[] = [];
					for (const label of ['Match By', 'Deactivate Users Missing From Roster']) if (!(await editor.parameterLabel(label).first().isVisible())) missing.push(label);
					return { ok: missing.length === 0, seen: `missing: ${quoteList(missing)}` };
				}, timeoutMs);
				await editor.parameter('deprovision').locator('.el-switch').first().click();
				await waitUntil(async () => {
					const missing: string[] = [];
					for (const label of rosterSettings) if (!(await editor.parameterLabel(label).first().isVisible())) missing.push(label);
					return { ok: missing.length === 0, seen: `missing: ${quoteList(missing)}` };
				}, timeoutMs);
				await screenshot(SCREENSHOTS.syncRosterSettings);
			},
		);

		// 7. Create Onboarding Request: the resource mapper loads the instance's form through getRequestFormFields.
		const formLabels = ['Employee Name', 'Employee Email', 'Date of Joining', 'Department', 'Reporting Manager'];
		await steps.run(
			'Load the onboarding form',
			`Resource "Onboarding Request" → Operation "Create" shows the form's fields ${quoteList(formLabels)}, loaded from the simulator's /onboarding_requests/form`,
			async () => {
				const lastSeq = simulator.control.log().at(-1)?.seq ?? 0;
				await editor.chooseOption('resource', /^Onboarding Request/);
				await waitUntil(async () => {
					const missing: string[] = [];
					for (const label of formLabels) if (!(await editor.parameterLabel(label).first().isVisible())) missing.push(label);
					return { ok: missing.length === 0, seen: `missing form fields: ${quoteList(missing)}` };
				}, timeoutMs);
				const loaded = simulator.control.log().some((entry) => entry.seq > lastSeq && entry.path.endsWith('/onboarding_requests/form'));
				if (!loaded) throw new Mismatch('the fields show, but the simulator got no /onboarding_requests/form request');
				await screenshot(SCREENSHOTS.onboardingForm);
			},
		);

		// 8. The credential's test against the simulator: the good key passes...
		await steps.run(
			'Test the credential',
			`the credential dialog of "${EDITOR_CHECK_CREDENTIAL.name}" shows "${N8N_TEXT.credentialTestSuccess}" after Retry`,
			async () => {
				await editor.nodeCredentialEditButton().click();
				await editor.credentialModal().waitFor();
				// n8n tests a saved credential as soon as its dialog opens.
				await editor.credentialTestSuccess().or(editor.credentialTestFailure()).first().waitFor();
				if (!(await editor.credentialTestSuccess().isVisible())) {
					throw new Mismatch(`the dialog opened with a failed test: ${(await editor.credentialModal().innerText()).slice(0, 600)}`);
				}
				const test = editor.nextCredentialTest(timeoutMs);
				const retry = editor.credentialTestSuccess().getByRole('button', { name: N8N_TEXT.retry });
				await retry.click();
				const result = (await (await test).json()) as { data?: { status?: string; message?: string } };
				if (result.data?.status !== 'OK') {
					throw new Mismatch(`n8n's credential test answered ${JSON.stringify(result)}`);
				}
				await editor.credentialTestSuccess().getByText(N8N_TEXT.credentialTestSuccess).waitFor();
				await editor.settleButton(retry, timeoutMs);
				await screenshot(SCREENSHOTS.credentialTest);
			},
		);

		// ...and a bad key fails with the credential's own message.
		await steps.run(
			'Test a bad API key',
			`saving the credential with a wrong API key shows n8n's failure banner and "${REJECTED_KEY_MESSAGE}..."`,
			async () => {
				await editor.credentialField('apiKey').fill(`wrong-key-${randomBytes(4).toString('hex')}`);
				const test = editor.nextCredentialTest(timeoutMs);
				await editor.credentialSaveButton().click();
				const result = (await (await test).json()) as { data?: { status?: string; message?: string } };
				if (result.data?.status !== 'Error' || !result.data.message?.startsWith(REJECTED_KEY_MESSAGE)) {
					throw new Mismatch(`n8n's credential test answered ${JSON.stringify(result)}`);
				}
				await editor.credentialTestFailure().waitFor();
				const details = editor.credentialModal().getByText(N8N_TEXT.moreDetails);
				if (await details.isVisible()) await details.click();
				try {
					await editor.credentialModal().getByText(REJECTED_KEY_MESSAGE).waitFor();
				} catch {
					throw new Mismatch(`the dialog shows: ${(await editor.credentialModal().innerText()).slice(0, 600)}`);
				}
				await screenshot(SCREENSHOTS.credentialTestFailure);
			},
		);

		// Put the good key back (n8n saved the bad one), so the instance stays usable.
		await steps.run(
			'Restore the API key',
			`saving the simulator's key again shows "${N8N_TEXT.credentialTestSuccess}"`,
			async () => {
				await editor.credentialField('apiKey').fill(simulator.apiKey);
				const test = editor.nextCredentialTest(timeoutMs);
				await editor.credentialSaveButton().click();
				const result = (await (await test).json()) as { data?: { status?: string } };
				if (result.data?.status !== 'OK') throw new Mismatch(`n8n's credential test answered ${JSON.stringify(result)}`);
				await editor.credentialTestSuccess().waitFor();
				await editor.closeCredentialModal();
			},
		);

		return {
			owner,
			ownerCreatedInUi,
			steps: steps.results,
			screenshots,
			artifactsDir,
			seconds: (Date.now() - started) / 1000,
		};
	} finally {
		await browser.close();
	}
}
