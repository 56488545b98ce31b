/**
 * `npm run test:queue`: the packed package in n8n 2.x queue mode (Redis, one main process, two
 * workers, one shared database), driven through webhooks as an HR system would drive it
 * (`n8n execute` ignores queue mode), against the Freshservice simulator.
 *
 * Cases:
 *   1. the webhook examples give what they give in one process; executions run on both workers
 *   2. a burst of 50 webhook calls of 20 people at once under a tight rate limit, 100 people in two
 *      calls at once: duplicates, missing people, failed items, 429s, pace, executions per worker
 *   3. a worker is killed mid-burst: what the HR system sees, and nothing duplicated once it resends
 *   4. after all that, the API key is in no process's log and nowhere in the shared database
 *
 * Options:
 *   --case N         only case N (repeatable)
 *   --db KIND        the database all n8n processes share: postgres (default, a throwaway PostgreSQL
 *                    from Debian's packages) or sqlite (one file; collides under load, see database.ts)
 *   --concurrency N  executions each worker runs at once (default 10, n8n's default)
 *   --parallel N     the node's Request Options → Parallel Requests in the burst workflow
 *                    (default: the node's own default)
 *   --keep           keep the work folder (n8n user folders and logs; kept anyway when something fails)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simulatorCredential } from '../../scripts/lib/examples';
import { buildAndPack } from '../../scripts/lib/package';
import { nodeOutput } from '../../scripts/lib/n8n-instance';
import { ensureN8n } from '../../scripts/lib/runtime';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { CheckFailure, runSuite } from '../cases';
import { startRosterServer, type RosterServer } from '../fixtures';
import { apiKeyForms } from '../secrets';
import {
	answerIsComplete,
	BURST,
	BURST_RATE_LIMIT,
	burstWorkflow,
	DEFAULT_WORKER_CONCURRENCY,
	MAX_429_SHARE,
	WORKERS,
	type CallAnswer,
	errorItems,
	executionIdOf,
	inspectState,
	planBurst,
	PROVISION_OPERATION,
	sendBurst,
	sendCall,
	trafficFigures,
} from './burst';
import { QueueCluster } from './cluster';
import type { DatabaseKind } from './database';
import { webhookExamples } from './examples';

const CRASH_BURST = { calls: 30, perCall: 20, sharedPairs: 0, sharedPerPair: 0 };
/** Longer than n8n takes to give up on a dead worker's job (lock 60 s + stalled check 30 s) plus the queue. */
const CALL_TIMEOUT_MS = 240_000;

const BURST_WORKFLOW = { id: 'queueBurst000001', path: 'queue-burst' };

interface Outcome {
	title: string;
	ok: boolean;
	message?: string;
	summary?: string;
	seconds: number;
}

interface Context {
	cluster: QueueCluster;
	simulator: RunningSimulator;
	roster: RosterServer;
}

function log(line: string): void {
	console.log(line);
}

function ensure(condition: unknown, message: string): asserts condition {
	if (!condition) throw new CheckFailure(message);
}

function percent(part: number, whole: number): string {
	return whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(1)} %`;
}

function countBy<T>(values: T[]): Map<T, number> {
	const counts = new Map<T, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

function describeCounts(counts: Map<string, number>): string {
	return [...counts.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, count]) => `${key} ${count}`)
		.join(', ');
}

async function lastExecutionId(cluster: QueueCluster): Promise<number> {
	const all = await cluster.database.executions();
	return all.length > 0 ? all[all.length - 1].id : 0;
}

/** Executions since `afterId`, each with the worker that ran it (from the workers' logs). */
async function executionsSince(cluster: QueueCluster, afterId: number) {
	const records = await cluster.database.executions(afterId);
	const owners = cluster.workerOfExecutions();
	return records.map((record) => ({ ...record, worker: owners.get(record.id) ?? 'no worker' }));
}

/** The first execution after `afterId` once n8n records it as ended (not new, running or waiting). */
async function endedExecution(cluster: Context['cluster'], afterId: number, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const [execution] = await cluster.database.executions(afterId);
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution;
		if (Date.now() > deadline) return undefined;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function caseExamples({ cluster, simulator, roster }: Context): Promise<string> {
	const sim = simulator.control;
	const examples = webhookExamples({ simulator: sim, roster, apiKey: simulator.apiKey });
	ensure(examples.length > 0, 'no webhook example found in examples/');
	const before = await lastExecutionId(cluster);
	for (const example of examples) {
		sim.reset();
		example.testCase.arrange?.();
		const beforeCall = await lastExecutionId(cluster);
		const response = await fetch(`${cluster.url}/webhook/${example.webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(example.body),
		});
		const text = await response.text();
		ensure(response.ok, `${example.workflow.name}: webhook answered HTTP ${response.status}: ${text.slice(0, 300)}`);
		// The last node's first item, or all of its items when the webhook is set to answer with all.
		const answer = JSON.parse(text) as Record<string, unknown> | Array<Record<string, unknown>>;
		const items = Array.isArray(answer) ? answer : [answer];
		// What the other nodes of the workflow output comes from n8n's record of the execution, once it
		// has ended: a webhook that answers on receipt (the termination example waits for the last day)
		// answers before its workflow has run.
		const execution = await endedExecution(cluster, beforeCall);
		ensure(execution, `${example.workflow.name}: n8n recorded no execution that ended within 60 s`);
		const run = await cluster.runData(execution.id);
		// A webhook that answers on receipt says only that the workflow started: the items judged are
		// then those the node under test output, as n8n recorded them.
		const judged = example.answersOnReceipt ? nodeOutput(run, example.testCase.node) : items;
		try {
			example.testCase.check({
				result: { code: 0, signal: null, stdout: '', stderr: '', run },
				items: judged,
				rawItems: judged.map((json) => ({ json })),
				simulator: sim,
				instance: cluster.mainInstance,
			});
		} catch (error) {
			throw new CheckFailure(`${example.workflow.name}: ${(error as Error).message}`);
		}
	}

	// The same example, several hires at once, so that both workers take some.
	sim.reset();
	const hires = Array.from({ length: 8 }, (_, i) => ({
		firstName: 'Spread',
		lastName: `Hire-${i}`,
		email: `spread.hire-${i}@acme.example`,
		jobTitle: 'Engineer',
	}));
	const newHire = examples.find((example) => example.workflow.id === 'fsProvNewHire001') ?? examples[0];
	const answers = await Promise.all(
		hires.map((hire) =>
			fetch(`${cluster.url}/webhook/${newHire.webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(hire),
			}),
		),
	);
	for (const [i, answer] of answers.entries()) {
		ensure(answer.ok, `hire ${i}: webhook answered HTTP ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
		ensure(sim.requesterByEmail(hires[i].email)?.last_name === hires[i].lastName, `hire ${i}: no requester ${hires[i].email} in Freshservice`);
	}

	const executions = await executionsSince(cluster, before);
	const expected = examples.length + hires.length;
	ensure(executions.length === expected, `expected ${expected} execution records, found ${executions.length}`);
	const notSuccessful = executions.filter((execution) => execution.status !== 'success');
	ensure(notSuccessful.length === 0, `executions not successful: ${JSON.stringify(notSuccessful)}`);
	const perWorker = countBy(executions.map((execution) => execution.worker));
	for (const worker of cluster.workers) {
		ensure((perWorker.get(worker.name) ?? 0) > 0, `${worker.name} ran none of the ${expected} executions (${describeCounts(perWorker)})`);
	}
	ensure(!perWorker.has('no worker'), `executions no worker logged: ${describeCounts(perWorker)}`);
	return `${examples.map((example) => example.webhookPath).join(', ')} as in one process; ${expected} executions, all successful: ${describeCounts(perWorker)}`;
}

function failedItemCount(answers: CallAnswer[]): number {
	return answers.reduce((sum, answer) => sum + (answer.status === 200 ? errorItems(answer).length : answer.call.people.length), 0);
}

function firstErrors(answers: CallAnswer[], max = 3): string {
	const messages: string[] = [];
	for (const answer of answers) {
		if (answer.status !== 200) messages.push(`call ${answer.call.index}: ${answer.status} ${answer.body.slice(0, 200)}`);
		for (const item of errorItems(answer)) messages.push(`call ${answer.call.index}: ${String(item.error)}`);
		if (messages.length >= max) break;
	}
	return messages.slice(0, max).join('; ');
}

async function caseBurst({ cluster, simulator }: Context): Promise<string> {
	const sim = simulator.control;
	sim.reset();
	sim.configure({ rateLimit: BURST_RATE_LIMIT });
	const plan = planBurst({ prefix: 'burst', ...BURST });
	const before = await lastExecutionId(cluster);
	const url = `${cluster.url}/webhook/${BURST_WORKFLOW.path}`;
	const answers = await sendBurst(url, plan.calls, CALL_TIMEOUT_MS);

	const traffic = trafficFigures(sim.log(), BURST_RATE_LIMIT);
	const state = inspectState(sim, plan);
	const executions = await executionsSince(cluster, before);
	const perWorker = countBy(executions.map((execution) => execution.worker));
	const workerOf = new Map(executions.map((execution) => [execution.id, execution]));
	let pairsApart = 0;
	let pairsOverlapping = 0;
	let pairsRaced = 0;
	const pairs = BURST.sharedPairs;
	for (let pair = 0; pair < pairs; pair++) {
		const [a, b] = [answers[2 * pair], answers[2 * pair + 1]].map((answer) => workerOf.get(executionIdOf(answer) ?? -1));
		if (!a || !b) continue;
		if (a.worker !== b.worker) pairsApart++;
		const overlap = a.startedAt && b.startedAt && a.stoppedAt && b.stoppedAt && a.startedAt < b.stoppedAt && b.startedAt < a.stoppedAt;
		if (overlap) pairsOverlapping++;
		if (overlap && a.worker !== b.worker) pairsRaced++;
	}
	// What an HR system can rely on for order: an event sent after the previous one was answered wins.
	const followUpPeople = [...plan.shared].slice(0, 10).map((email) => ({
		...plan.versions.get(email)![0],
		job_title: 'Analyst (follow-up)',
		work_phone_number: '+1 555 999 0000',
	}));
	const followUp = await sendCall(url, { index: plan.calls.length, people: followUpPeople }, CALL_TIMEOUT_MS);
	const followUpLost = followUpPeople.filter((person) => sim.requesterByEmail(person.email)?.job_title !== person.job_title);

	const failedItems = failedItemCount(answers);
	const share429 = traffic.rateLimited / Math.max(1, traffic.requests);
	const items = plan.calls.length * BURST.perCall;
	const summary =
		`${PROVISION_OPERATION}: ${plan.calls.length} calls × ${BURST.perCall} = ${items} items, ${state.people} people (${plan.shared.size} in two calls at once); ` +
		`duplicates ${state.duplicates.length}, missing ${state.missing.length}, failed items ${failedItems}, wrong fields ${state.wrongFields.length}; ` +
		`requests ${traffic.requests}, 429s ${traffic.rateLimited} (${percent(traffic.rateLimited, traffic.requests)}); ` +
		`executions ${describeCounts(perWorker)}; ${traffic.seconds.toFixed(1)} s, ${traffic.acceptedPerSecond.toFixed(1)} accepted req/s = ` +
		`${percent(traffic.acceptedPerSecond, traffic.allowedPerSecond)} of the allowed ${traffic.allowedPerSecond} req/s; ` +
		`shared pairs on different workers ${pairsApart}/${pairs}, overlapping in time ${pairsOverlapping}/${pairs}, ` +
		`last write won: first call's version ${state.sharedWinners.first}, second call's ${state.sharedWinners.second}; ` +
		`follow-up sent after the answer won ${followUpPeople.length - followUpLost.length}/${followUpPeople.length}`;
	log(`    429s per ${BURST_RATE_LIMIT.windowMs / 1000} s window: ${traffic.rateLimitedPerWindow.join(' ') || 'none'}`);

	const problems: string[] = [];
	if (state.duplicates.length > 0) problems.push(`duplicates: ${state.duplicates.slice(0, 3).join(', ')}`);
	if (state.missing.length > 0) problems.push(`missing: ${state.missing.slice(0, 3).join(', ')}`);
	if (failedItems > 0) problems.push(`${failedItems} failed items, e.g. ${firstErrors(answers)}`);
	if (state.wrongFields.length > 0) problems.push(`wrong fields: ${state.wrongFields.slice(0, 3).join('; ')}`);
	if (share429 >= MAX_429_SHARE) problems.push(`429s on ${percent(traffic.rateLimited, traffic.requests)} of requests (limit ${MAX_429_SHARE * 100} %)`);
	for (const worker of cluster.workers) {
		if ((perWorker.get(worker.name) ?? 0) === 0) problems.push(`${worker.name} ran no execution`);
	}
	if (!answerIsComplete(followUp) || followUpLost.length > 0) {
		problems.push(`the follow-up call (sent after the burst was answered) did not win for ${followUpLost.length} people: ${firstErrors([followUp])}`);
	}
	if (pairsRaced === 0) problems.push('no shared person was provisioned by two workers at the same time: the race was not tested');
	const unsuccessful = executions.filter((execution) => execution.status !== 'success');
	if (unsuccessful.length > 0) problems.push(`${unsuccessful.length} executions not successful (${describeCounts(countBy(unsuccessful.map((e) => e.status)))})`);
	if (problems.length > 0) throw new CheckFailure(`${summary}\n      ${problems.join('\n      ')}`);
	return summary;
}

function describeAnswers(answers: CallAnswer[]): string {
	const kinds = answers.map((answer) => {
		if (answerIsComplete(answer)) return 'all people provisioned';
		if (answer.status === 200) return 'HTTP 200 with error items';
		if (typeof answer.status === 'number') return `HTTP ${answer.status} ${answer.body.slice(0, 60)}`;
		return answer.status;
	});
	return describeCounts(countBy(kinds));
}

async function caseWorkerDies({ cluster, simulator }: Context): Promise<string> {
	const sim = simulator.control;
	sim.reset();
	sim.configure({ rateLimit: BURST_RATE_LIMIT });
	const plan = planBurst({ prefix: 'crash', ...CRASH_BURST });
	const before = await lastExecutionId(cluster);
	const url = `${cluster.url}/webhook/${BURST_WORKFLOW.path}`;
	const victim = cluster.workers[cluster.workers.length - 1];
	const started = Date.now();
	const sending = sendBurst(url, plan.calls, CALL_TIMEOUT_MS);

	// Kill the worker once it is provisioning: some of its executions under way, some people created.
	const writes = () => sim.log().filter((entry) => entry.method === 'POST' && entry.status === 201).length;
	const running = () => {
		const { started: owners, finished } = cluster.workerLogs();
		return [...owners.entries()].filter(([id, worker]) => id > before && worker === victim.name && !finished.has(id)).map(([id]) => id);
	};
	const deadline = Date.now() + 120_000;
	while (!(running().length >= 2 && writes() >= plan.versions.size / 5)) {
		if (Date.now() > deadline) throw new CheckFailure(`${victim.name} never got going (${running().length} executions, ${writes()} creates)`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const killedAfter = (Date.now() - started) / 1000;
	const victimExecutions = running();
	cluster.killWorker(victim);
	await victim.process.exited;
	log(`    killed ${victim.name} (pid ${victim.process.pid}) after ${killedAfter.toFixed(1)} s, running executions ${victimExecutions.join(', ')}; ${writes()} people created so far`);

	const firstAnswers = await sending;
	const firstRound = describeAnswers(firstAnswers);
	const failedAnswers = firstAnswers.filter((answer) => !answerIsComplete(answer));
	const slowest = Math.max(...failedAnswers.map((answer) => answer.ms), 0) / 1000;
	log(`    first answers: ${firstRound}${failedAnswers.length > 0 ? `; the failed ones came after up to ${slowest.toFixed(0)} s` : ''}`);
	const records = await executionsSince(cluster, before);
	const onVictim = records.filter((record) => record.worker === victim.name);
	const victimStatuses = describeCounts(countBy(onVictim.map((record) => record.status)));
	log(`    n8n's records of ${victim.name}'s executions: ${victimStatuses}`);

	// The HR system resends every call whose answer was not a full success.
	let toResend = failedAnswers.map((answer) => answer.call);
	const resent: number[] = [];
	const finalAnswers = new Map(firstAnswers.map((answer) => [answer.call.index, answer]));
	for (let round = 1; round <= 2 && toResend.length > 0; round++) {
		resent.push(toResend.length);
		const again = await Promise.all(toResend.map((call) => sendCall(url, call, CALL_TIMEOUT_MS)));
		for (const answer of again) finalAnswers.set(answer.call.index, answer);
		toResend = again.filter((answer) => !answerIsComplete(answer)).map((answer) => answer.call);
	}

	const state = inspectState(sim, plan);
	const stillFailing = [...finalAnswers.values()].filter((answer) => !answerIsComplete(answer));
	const victimIds = new Set(onVictim.map((record) => record.id));
	const laterStatuses = describeCounts(
		countBy((await cluster.database.executions(before)).filter((record) => victimIds.has(record.id)).map((record) => record.status)),
	);
	log(`    n8n's records of ${victim.name}'s executions at the end: ${laterStatuses}`);
	const summary =
		`${PROVISION_OPERATION}: ${plan.calls.length} calls × ${CRASH_BURST.perCall}, ${victim.name} killed after ${killedAfter.toFixed(1)} s ` +
		`with ${victimExecutions.length} executions running; first answers: ${firstRound}; ${victim.name}'s executions in n8n: ${victimStatuses}, later ${laterStatuses}; ` +
		`resent ${resent.join(' then ') || 'nothing'}; after resending: duplicates ${state.duplicates.length}, missing ${state.missing.length}, ` +
		`wrong fields ${state.wrongFields.length}, calls still failing ${stillFailing.length}`;
	const problems: string[] = [];
	if (state.duplicates.length > 0) problems.push(`duplicates: ${state.duplicates.slice(0, 3).join(', ')}`);
	if (state.missing.length > 0) problems.push(`missing: ${state.missing.slice(0, 3).join(', ')}`);
	if (state.wrongFields.length > 0) problems.push(`wrong fields: ${state.wrongFields.slice(0, 3).join('; ')}`);
	if (stillFailing.length > 0) problems.push(`calls still failing after resending: ${firstErrors(stillFailing)}`);
	if (problems.length > 0) throw new CheckFailure(`${summary}\n      ${problems.join('\n      ')}`);
	return summary;
}

/** The API key is in no log of any process and nowhere in the shared database (execution data included). */
async function caseApiKeyNowhere({ cluster, simulator }: Context): Promise<string> {
	const places = [
		{ name: `the ${cluster.database.kind} database`, bytes: await cluster.database.dump() },
		...cluster.logFiles().map((file) => ({ name: path.relative(cluster.options.workRoot, file), bytes: readFileSync(file) })),
	];
	// A search that cannot find anything proves nothing: what is surely stored must be found.
	ensure(places[0].bytes.includes(BURST_WORKFLOW.path), `the database dump does not even hold the workflow "${BURST_WORKFLOW.path}"`);
	const holders = places.filter((place) => apiKeyForms(simulator.apiKey).some((form) => place.bytes.includes(form)));
	ensure(holders.length === 0, `the API key (as typed or in a Basic header) is in ${holders.map((place) => place.name).join(', ')}`);
	const bytes = places.reduce((sum, place) => sum + place.bytes.length, 0);
	return `searched ${places.map((place) => place.name).join(', ')} (${(bytes / 1e6).toFixed(1)} MB): not there`;
}

const CASES: Array<{ number: number; title: string; run: (context: Context) => Promise<string> }> = [
	{ number: 1, title: 'webhook examples in queue mode, executions on both workers', run: caseExamples },
	{ number: 2, title: 'burst: 1,000 items in 50 calls at once, 100 people in two calls at once', run: caseBurst },
	{ number: 3, title: 'a worker dies mid-burst; the HR system resends what failed', run: caseWorkerDies },
	{ number: 4, title: "the API key is in no process's log and nowhere in the database", run: caseApiKeyNowhere },
];

interface Options {
	only: Set<number>;
	keep: boolean;
	database: DatabaseKind;
	concurrency: number;
	parallelRequests?: number;
}

function wholeNumberArg(name: string, value: string | undefined, max: number): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1 || number > max) throw new Error(`${name} takes a whole number from 1 to ${max}, not ${value}`);
	return number;
}

function parseArgs(argv: string[]): Options {
	const only = new Set<number>();
	let keep = false;
	let database: DatabaseKind = 'postgres';
	let concurrency = DEFAULT_WORKER_CONCURRENCY;
	let parallelRequests: number | undefined;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--concurrency') concurrency = wholeNumberArg('--concurrency', argv[++i], 100);
		else if (argv[i] === '--parallel') parallelRequests = wholeNumberArg('--parallel', argv[++i], 10);
		else if (argv[i] === '--db') {
			const value = argv[++i];
			if (value !== 'postgres' && value !== 'sqlite') throw new Error(`--db takes postgres or sqlite, not ${value}`);
			database = value;
		} else if (argv[i] === '--case') {
			const value = Number(argv[++i]);
			if (!CASES.some((testCase) => testCase.number === value)) throw new Error(`--case takes ${CASES.map((c) => c.number).join(', ')}`);
			only.add(value);
		} else if (argv[i] === '--keep') keep = true;
		else throw new Error(`Unknown option ${argv[i]}`);
	}
	return { only, keep, database, concurrency, parallelRequests };
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const workRoot = mkdtempSync(path.join(tmpdir(), 'fs-prov-queue-'));
	const outcomes: Outcome[] = [];
	const selected = CASES.filter((testCase) => options.only.size === 0 || options.only.has(testCase.number));

	const [runtime, tarball] = await Promise.all([
		ensureN8n('v2', (line) => log(`  ${line}`)),
		buildAndPack(path.join(workRoot, 'package'), (line) => log(line)),
	]);
	log(`Packed ${path.basename(tarball)}; n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}`);
	const simulator = await startSimulator({ port: 0, demo: true });
	const roster = await startRosterServer();
	let cluster: QueueCluster | undefined;
	const shutdown = async () => {
		await cluster?.stop().catch((error: Error) => log(`could not stop n8n: ${error.message}`));
		await roster.close();
		await simulator.close();
	};
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			log(`\n${signal}: stopping everything this run started`);
			void shutdown().finally(() => process.exit(130));
		});
	}
	try {
		const setupStarted = Date.now();
		cluster = await QueueCluster.create({ runtime, tarball, workRoot, workerCount: WORKERS, concurrency: options.concurrency, database: options.database, log });
		const context: Context = { cluster, simulator, roster };
		const examples = webhookExamples({ simulator: simulator.control, roster, apiKey: simulator.apiKey });
		const burst = burstWorkflow(BURST_WORKFLOW.id, BURST_WORKFLOW.path, { parallelRequests: options.parallelRequests });
		// Each example once, however many cases fire it.
		const workflows = [...new Map(examples.map((example) => [example.workflow.id, example.workflow])).values(), burst];
		await cluster.prepare([simulatorCredential(simulator.apiBaseUrl, simulator.apiKey)], workflows, workflows.map((workflow) => workflow.id));
		await cluster.start();
		await cluster.waitForWebhooks([...new Set([...examples.map((example) => example.webhookPath), BURST_WORKFLOW.path])]);
		log(
			`n8n main ${cluster.url} (pid ${cluster.main?.process.pid}) and ${cluster.workers.map((w) => `${w.name} (pid ${w.process.pid})`).join(', ')}, ` +
				`concurrency ${options.concurrency} each, node's parallel requests ${options.parallelRequests ?? 'default'}; set up in ${Math.round((Date.now() - setupStarted) / 1000)} s (work folder ${workRoot})`,
		);
		for (const testCase of selected) {
			const caseStarted = Date.now();
			const title = `${testCase.number}. ${testCase.title}`;
			log(`\n${title}`);
			try {
				const summary = await testCase.run(context);
				const seconds = (Date.now() - caseStarted) / 1000;
				outcomes.push({ title, ok: true, summary, seconds });
				log(`  ✓ (${seconds.toFixed(1)} s) ${summary}`);
			} catch (error) {
				const seconds = (Date.now() - caseStarted) / 1000;
				const message = error instanceof CheckFailure ? error.message : `crashed: ${(error as Error).stack ?? (error as Error).message}`;
				outcomes.push({ title, ok: false, message, seconds });
				log(`  ✗ (${seconds.toFixed(1)} s) ${message}`);
			}
		}
	} catch (error) {
		const message = `setup failed: ${(error as Error).message}`;
		log(`✗ ${message}`);
		for (const testCase of selected.filter((candidate) => !outcomes.some((outcome) => outcome.title.startsWith(`${candidate.number}.`)))) {
			outcomes.push({ title: `${testCase.number}. ${testCase.title}`, ok: false, message, seconds: 0 });
		}
	} finally {
		await shutdown();
	}

	const failures = outcomes.filter((outcome) => !outcome.ok);
	if (failures.length > 0 || options.keep) log(`\nn8n user folders and logs kept in ${workRoot}`);
	else rmSync(workRoot, { recursive: true, force: true });
	log(`\nQueue-mode suite took ${Math.round((Date.now() - started) / 1000)} s.`);
	log(`${outcomes.length - failures.length} passed, ${failures.length} failed`);
	return failures.length > 0 || outcomes.length === 0 ? 1 : 0;
}

runSuite(main);
