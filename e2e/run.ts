/**
 * `npm run test:e2e`: the packed package installed as a community package into real n8n (2.x on
 * Node 24 and 1.x on Node 22), each workflow run with `n8n execute`, checked on the node's output
 * and on the simulator's records.
 *
 * Options:
 *   --n8n v2|v1      only this n8n flavour (repeatable; default both)
 *   --only TEXT      only the cases whose title contains TEXT
 *   --keep           keep the n8n user folders (kept anyway when something fails)
 *   --no-editor      skip the editor check in Chromium (run on n8n 2.x only)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator, type SimulatorControl } from '../simulator';
import { listExamples, simulatorCredential } from '../scripts/lib/examples';
import { N8nInstance, nodeItems, type ExecuteResult } from '../scripts/lib/n8n-instance';
import { buildAndPack } from '../scripts/lib/package';
import { ensureN8n, RUNTIME_VERSIONS, type Flavour } from '../scripts/lib/runtime';
import { buildCases, CheckFailure, runSuite, type E2eCase } from './cases';
import { EditorCheckFailure, runEditorCheck } from './editor/check';
import { startRosterServer } from './fixtures';
import { runTriggerCheck, TRIGGER_EXAMPLE } from './trigger';

interface Outcome {
	/** Unset for a check that is not about one n8n version. */
	flavour?: Flavour;
	title: string;
	workflow: string;
	node: string;
	ok: boolean;
	message?: string;
	seconds: number;
}

function parseArgs(argv: string[]): { flavours: Flavour[]; only?: string; keep: boolean; editor: boolean } {
	const flavours: Flavour[] = [];
	let only: string | undefined;
	let keep = false;
	let editor = true;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--n8n') {
			const value = argv[++i];
			if (value !== 'v1' && value !== 'v2') throw new Error(`--n8n takes v1 or v2, not ${value}`);
			flavours.push(value);
		} else if (argv[i] === '--only') only = argv[++i];
		else if (argv[i] === '--keep') keep = true;
		else if (argv[i] === '--no-editor') editor = false;
		else throw new Error(`Unknown option ${argv[i]}`);
	}
	return { flavours: flavours.length > 0 ? flavours : ['v2', 'v1'], only, keep, editor: editor && !only };
}

function label(flavour: Flavour | undefined): string {
	if (!flavour) return 'every n8n version';
	const versions = RUNTIME_VERSIONS[flavour];
	return `n8n ${versions.n8n} (Node ${versions.node})`;
}

function tail(text: string, lines = 15): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}

/** A crash at exit (SIGSEGV) after n8n printed the whole run as finished and successful. */
function crashedAfterFinishing(result: ExecuteResult): boolean {
	return result.signal === 'SIGSEGV' && result.run?.finished === true && result.run.status === 'success';
}

/** Why an execution that had to succeed did not, naming the node n8n blames. */
function executionProblem(result: ExecuteResult, fallbackNode: string): { node: string; message: string } | undefined {
	const error = result.run?.data.resultData.error;
	if (error) {
		const node = error.node?.name ?? result.run?.data.resultData.lastNodeExecuted ?? fallbackNode;
		return { node, message: [error.message, error.description].filter(Boolean).join(' — ') };
	}
	if (crashedAfterFinishing(result)) {
		// n8n 1.123 on Node 22 sometimes dies in its own teardown after the run is complete (more
		// often on a loaded machine): the run data is whole, so the case is judged on it.
		console.log(`  note: n8n execute was ended by ${result.signal} after printing a finished, successful run`);
		return undefined;
	}
	if (result.code !== 0 || !result.run) {
		const how = result.signal ? `was ended by ${result.signal}` : `exited with ${result.code}`;
		const printed = result.run ? 'after printing its run data' : 'without printing run data';
		return { node: fallbackNode, message: `n8n execute ${how} ${printed}:\n${tail(result.stderr || result.stdout)}` };
	}
	return undefined;
}

async function runCase(
	instance: N8nInstance,
	testCase: E2eCase,
	simulatorControl: SimulatorControl,
): Promise<{ ok: boolean; node: string; message?: string }> {
	simulatorControl.reset();
	testCase.arrange?.();
	const result = await instance.execute(testCase.workflow.id);
	// Without run data n8n never ran the workflow (an unknown node type, say): its own words say why.
	if (testCase.expectSuccess || !result.run) {
		const problem = executionProblem(result, testCase.node);
		if (problem) return { ok: false, ...problem };
	}
	const rawItems = nodeItems(result.run, testCase.node);
	try {
		testCase.check({ result, items: rawItems.map((item) => item.json), rawItems, simulator: simulatorControl, instance });
		return { ok: true, node: testCase.node };
	} catch (error) {
		const prefix = error instanceof CheckFailure ? '' : 'check crashed: ';
		return { ok: false, node: testCase.node, message: prefix + (error as Error).message };
	}
}

/** The editor in Chromium against this instance: parameters render, lists load, the credential test answers. */
async function editorCheck(
	instance: N8nInstance,
	simulator: Awaited<ReturnType<typeof startSimulator>>,
	workRoot: string,
): Promise<Outcome> {
	const title = 'editor in Chromium: node panel, department list, user search, credential test';
	const started = Date.now();
	simulator.control.reset();
	try {
		await instance.start();
		const report = await runEditorCheck(instance, simulator, {
			artifactsDir: path.join(workRoot, 'editor-artifacts'),
			log: (line) => console.log(`    ${line}`),
		});
		const seconds = (Date.now() - started) / 1000;
		console.log(`  ✓ ${title}: ${report.steps.length} steps (${seconds.toFixed(1)} s)`);
		return { flavour: 'v2', title, workflow: 'editor check', node: '-', ok: true, seconds };
	} catch (error) {
		const seconds = (Date.now() - started) / 1000;
		const message = error instanceof EditorCheckFailure ? error.message : `could not run: ${(error as Error).message}`;
		console.log(`  ✗ ${title} (${seconds.toFixed(1)} s)\n      ${message}`);
		return { flavour: 'v2', title, workflow: 'editor check', node: '-', ok: false, message, seconds };
	} finally {
		await instance.stop().catch((error: Error) => console.log(`    could not stop n8n: ${error.message}`));
	}
}

const TRIGGER_TITLE = 'trigger (example: agent created → notify), activated: each new agent arrives once';

interface TriggerRun {
	outcome: Outcome;
	/** What the check said while it ran, printed when it is judged. */
	lines: string[];
}

/**
 * The trigger example activated in an n8n of its own (its own user folder and simulator) while
 * people change in that simulator. It mostly waits for n8n's minute polls, so it is started before
 * the other cases and judged after them; its log lines are held until then.
 */
async function triggerCheck(flavour: Flavour, tarball: string, workRoot: string): Promise<TriggerRun> {
	const started = Date.now();
	const lines: string[] = [];
	const outcome = { flavour, title: TRIGGER_TITLE, workflow: 'Agent created → notify (e2e, activated)', node: 'Agent created (Freshservice)' };
	const seconds = () => (Date.now() - started) / 1000;
	let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
	try {
		simulator = await startSimulator({ port: 0, demo: true });
		const runtime = await ensureN8n(flavour, (line) => lines.push(line));
		const instance = N8nInstance.create(runtime, path.join(workRoot, `${flavour}-trigger`), { fresh: true });
		await instance.installPackageTarball(tarball);
		await instance.importCredentials([simulatorCredential(simulator.apiBaseUrl, simulator.apiKey)]);
		await runTriggerCheck(instance, simulator, (line) => lines.push(line));
		return { outcome: { ...outcome, ok: true, seconds: seconds() }, lines };
	} catch (error) {
		const message = error instanceof CheckFailure ? error.message : `could not run: ${(error as Error).message}`;
		return { outcome: { ...outcome, ok: false, message, seconds: seconds() }, lines };
	} finally {
		await simulator?.close();
	}
}

/** Prints a trigger check's lines and result under its n8n version. */
function reportTrigger({ outcome, lines }: TriggerRun): Outcome {
	for (const line of lines) console.log(`    ${line}`);
	const took = `${outcome.seconds.toFixed(1)} s, alongside the other cases`;
	if (outcome.ok) console.log(`  ✓ ${TRIGGER_TITLE} (${took})`);
	else console.log(`  ✗ ${TRIGGER_TITLE} (${took})\n      ${outcome.message}`);
	return outcome;
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const workRoot = mkdtempSync(path.join(tmpdir(), 'fs-prov-e2e-'));
	const outcomes: Outcome[] = [];

	const tarball = await buildAndPack(path.join(workRoot, 'package'));
	console.log(`Packed ${path.basename(tarball)}`);
	const simulator = await startSimulator({ port: 0, demo: true });
	const roster = await startRosterServer();
	// Every example must run in the suite, or it can rot unnoticed.
	const covered = new Set(buildCases({ simulator: simulator.control, roster, apiKey: simulator.apiKey }).map((testCase) => testCase.example));
	covered.add(TRIGGER_EXAMPLE);
	// Every version's trigger check starts now and runs beside the cases (see triggerCheck).
	const triggers = new Map<Flavour, Promise<TriggerRun>>();
	if (!options.only || TRIGGER_TITLE.includes(options.only)) {
		for (const flavour of options.flavours) triggers.set(flavour, triggerCheck(flavour, tarball, workRoot));
	}
	try {
		for (const flavour of options.flavours) {
			const cases = buildCases({ simulator: simulator.control, roster, apiKey: simulator.apiKey }).filter(
				(testCase) => !options.only || testCase.title.includes(options.only),
			);
			console.log(`\n=== ${label(flavour)} ===`);
			let instance: N8nInstance;
			try {
				const runtime = await ensureN8n(flavour, (line) => console.log(`  ${line}`));
				instance = N8nInstance.create(runtime, path.join(workRoot, flavour), { fresh: true });
				const setupStarted = Date.now();
				await instance.installPackageTarball(tarball);
				await instance.importCredentials([simulatorCredential(simulator.apiBaseUrl, simulator.apiKey)]);
				if (cases.length > 0) await instance.importWorkflows(cases.map((testCase) => testCase.workflow));
				console.log(`  set up in ${Math.round((Date.now() - setupStarted) / 1000)} s (user folder ${instance.userFolder})`);
			} catch (error) {
				const message = `setup failed: ${(error as Error).message}`;
				console.log(`  ✗ ${message}`);
				for (const testCase of cases) {
					outcomes.push({ flavour, title: testCase.title, workflow: testCase.workflow.name, node: '-', ok: false, message, seconds: 0 });
				}
				const trigger = triggers.get(flavour);
				if (trigger) outcomes.push(reportTrigger(await trigger));
				continue;
			}
			for (const testCase of cases) {
				const caseStarted = Date.now();
				const outcome = await runCase(instance, testCase, simulator.control);
				const seconds = (Date.now() - caseStarted) / 1000;
				outcomes.push({ flavour, title: testCase.title, workflow: testCase.workflow.name, seconds, ...outcome });
				console.log(`  ${outcome.ok ? '✓' : '✗'} ${testCase.title} (${seconds.toFixed(1)} s)`);
				if (!outcome.ok) console.log(`      node "${outcome.node}": ${outcome.message}`);
			}
			if (flavour === 'v2' && options.editor) outcomes.push(await editorCheck(instance, simulator, workRoot));
			const trigger = triggers.get(flavour);
			if (trigger) outcomes.push(reportTrigger(await trigger));
		}
	} finally {
		// Each trigger check stops its own n8n and simulator; wait for them whatever happened above.
		await Promise.allSettled(triggers.values());
		await roster.close();
		await simulator.close();
	}

	for (const example of options.only ? [] : listExamples().filter((file) => !covered.has(file))) {
		outcomes.push({
			title: `examples/${example} has an e2e case`,
			workflow: example,
			node: '-',
			ok: false,
			message: `examples/${example} is not run by the e2e suite: add a case for it in e2e/cases.ts`,
			seconds: 0,
		});
	}

	const failures = outcomes.filter((outcome) => !outcome.ok);
	if (failures.length > 0) {
		console.log('\nFailures:');
		for (const failure of failures) {
			console.log(`✗ ${label(failure.flavour)} › workflow "${failure.workflow}" › node "${failure.node}"\n    ${failure.message}`);
		}
		console.log(`\nn8n user folders and logs kept in ${workRoot}`);
	} else if (options.keep) {
		console.log(`\nn8n user folders and logs kept in ${workRoot}`);
	} else {
		rmSync(workRoot, { recursive: true, force: true });
	}
	console.log(`\nE2e took ${Math.round((Date.now() - started) / 1000)} s.`);
	console.log(`${outcomes.length - failures.length} passed, ${failures.length} failed`);
	return failures.length > 0 || outcomes.length === 0 ? 1 : 0;
}

runSuite(main);
