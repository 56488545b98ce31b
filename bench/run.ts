/**
 * `npm run bench [-- --smoke]`: the built node, run through n8n-core against the simulator (real
 * HTTP, the simulator in a process of its own), next to a minimal n8n node sending the same
 * requests through the same harness (bench/minimal-node.ts) and a plain axios loop.
 * Prints one table and writes bench/results.json; asserts nothing (the README holds one run's table).
 *
 * 1. Ceiling: new users at 250 ms latency under 500 calls a minute scaled to 50 per 6 s.
 * 2. Overhead: no latency, no limit; node, minimal node and bare loop interleaved, medians with
 *    their spread. 2b. Where the node's CPU goes, from a `--cpu-prof` profile (bench/profile.ts).
 * 3. Economy: requests per person and per listing.
 * 4. Memory: Return All in a child process of its own; peak RSS growth against the output's JSON.
 * 5. Sync Roster against Create or Update once per person; 6. Sync Roster's first load under the
 *    rate limit; 7. a big roster with 1 % changes: requests and peak RSS (bench/sync-roster.ts).
 */
import axios from 'axios';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import type { LogEntry } from '../simulator';
import type { RunResult } from '../test/harness/n8n';
import { MinimalCreateNode, minimalCreateParameters } from './minimal-node';
import type { ProfileResult } from './profile';
import { profileCreates } from './profile';
import { resetHighWaterMark } from './memory';
import { ROOT, SimulatorProcess, TSX_REQUIRE } from './simulator-process';
import type { BigSyncBench, FirstLoadBench, SyncRosterBench } from './sync-roster';
import { benchBigSync, benchFirstLoad, benchSyncRoster } from './sync-roster';

// n8n-core keeps its settings in $N8N_USER_FOLDER/.n8n: a temporary one, removed at the end.
const ownUserFolder = process.env.N8N_USER_FOLDER ? undefined : mkdtempSync(join(tmpdir(), 'fs-prov-bench-'));
if (ownUserFolder) process.env.N8N_USER_FOLDER = ownUserFolder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require('../test/harness/n8n') as typeof import('../test/harness/n8n');

const SMOKE = process.argv.includes('--smoke');
/** `--only overhead,memory`: run only some of the parts (ceiling, overhead, profile, economy, memory, sync, firstload, bigsync). */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : undefined;
const part = (name: 'ceiling' | 'overhead' | 'profile' | 'economy' | 'memory' | 'sync' | 'firstload' | 'bigsync') => ONLY === undefined || ONLY.includes(name);
const SIZE = SMOKE
	? { firstLoad: 60, firstLoadWindow: { perWindow: 10, windowMs: 1000 }, firstLoadLatencyMs: 50, bigSync: 2_000, bigSyncChanges: 20, syncRoster: 200, syncChanges: 10, ceilingUsers: 40, ceilingWindow: { perWindow: 10, windowMs: 1000 }, ceilingLatencyMs: 50, roster: 500, creates: 40, profileRounds: 1, warmUps: 1, runs: 2, bigRoster: 2_000, memoryRuns: 1 }
	: { firstLoad: 2000, firstLoadWindow: { perWindow: 50, windowMs: 6000 }, firstLoadLatencyMs: 250, bigSync: 50_000, bigSyncChanges: 500, syncRoster: 5000, syncChanges: 50, ceilingUsers: 1000, ceilingWindow: { perWindow: 50, windowMs: 6000 }, ceilingLatencyMs: 250, roster: 5000, creates: 1000, profileRounds: 5, warmUps: 3, runs: 7, bigRoster: 50_000, memoryRuns: 3 };

const TARGETS = { ownCpuPerPersonMs: 0.2, ceilingFraction: 0.9, throttledShare: 0.01, overheadRatio: 1.1, memoryRatio: 3 };

interface Package {
	nodeType: INodeType;
	credentialType: ICredentialType;
	defaultParallel: number;
	hasUpsert: boolean;
}

function loadPackage(): Package {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { FreshserviceProvisioning } = require('../dist/nodes/FreshserviceProvisioning/FreshserviceProvisioning.node.js');
	const { FreshserviceProvisioningApi } = require('../dist/credentials/FreshserviceProvisioningApi.credentials.js');
	/* eslint-enable @typescript-eslint/no-require-imports */
	const nodeType = new FreshserviceProvisioning() as INodeType;
	const credentialType = new FreshserviceProvisioningApi() as ICredentialType;
	harness.usePackage({ nodeType, credentialType });
	const properties = nodeType.description.properties;
	const requestOptions = properties.find((property) => property.name === 'requestOptions');
	const parallel = requestOptions?.options?.find((option) => 'name' in option && option.name === 'parallelRequests') as { default?: number } | undefined;
	const operation = properties.find((property) => property.name === 'operation');
	const hasUpsert = (operation?.options ?? []).some((option) => 'value' in option && option.value === 'upsert');
	return { nodeType, credentialType, defaultParallel: parallel?.default ?? 1, hasUpsert };
}

// ---------- small statistics ----------

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values: number[], digits = 2) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

interface Measured<T> {
	ms: number;
	cpuMs: number;
	result: T;
}

async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
	const cpu = process.cpuUsage();
	const start = performance.now();
	const result = await run();
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

// ---------- the node and the bare loop ----------

function nodeRunner(sim: SimulatorProcess) {
	const credentials = { instanceName: 'bench', apiKey: sim.apiKey, baseUrl: sim.apiBaseUrl };
	return async (parameters: INodeParameters, input?: IDataObject[]): Promise<RunResult> => {
		const result = await harness.runNode({ credentials, parameters, input, continueOnFail: true });
		if (result.error) throw new Error(`the node failed: ${result.error.message}`);
		return result;
	};
}

/** The minimal n8n node (bench/minimal-node.ts) through the same harness, in the real node's place for one run. */
function minimalRunner(sim: SimulatorProcess, pkg: Package) {
	const credentials = { instanceName: 'bench', apiKey: sim.apiKey, baseUrl: sim.apiBaseUrl };
	const minimal = new MinimalCreateNode();
	return async (parameters: INodeParameters, input?: IDataObject[]): Promise<RunResult> => {
		harness.usePackage({ nodeType: minimal, credentialType: pkg.credentialType });
		try {
			const result = await harness.runNode({ credentials, parameters, input });
			if (result.error) throw new Error(`the minimal node failed: ${result.error.message}`);
			return result;
		} finally {
			harness.usePackage({ nodeType: pkg.nodeType, credentialType: pkg.credentialType });
		}
	};
}

const failedItems = (result: RunResult) => result.items.filter((item) => item.json.error !== undefined).length;

const createParameters = (parallelRequests?: number): INodeParameters => ({
	resource: 'user',
	operation: 'create',
	userType: 'requester',
	firstName: '={{ $json.first }}',
	email: '={{ $json.email }}',
	additionalFields: {},
	...(parallelRequests ? { requestOptions: { parallelRequests } } : {}),
});

const returnAllParameters: INodeParameters = { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true };

const people = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, index) => ({ first: `Hire${index}`, email: `${prefix}-${index}@bench.example` }));

function bareClient(sim: SimulatorProcess) {
	// A plain loop as a user would write it: axios with Node's default (keep-alive) agent.
	const http = axios.create({ baseURL: sim.apiBaseUrl, auth: { username: sim.apiKey, password: 'X' }, headers: { Accept: 'application/json' } });
	return {
		async returnAll(): Promise<number> {
			let count = 0;
			for (let page = 1; ; page++) {
				const response = await http.get('/requesters', { params: { page, per_page: 100 } });
				count += response.data.requesters.length;
				if (!response.headers.link) return count;
			}
		},
		async create(hires: Array<{ first: string; email: string }>): Promise<void> {
			for (const hire of hires) await http.post('/requesters', { first_name: hire.first, primary_email: hire.email });
		},
	};
}

// ---------- 1. Ceiling ----------

interface CeilingResult {
	parallel: number;
	users: number;
	seconds: number;
	fraction: number;
	failed: number;
	requests: number;
	throttled: number;
	windowFractions: number[];
}

/** The simulator's fixed windows, rebuilt from its log: a window opens with the first counted call. */
function windowCounts(entries: LogEntry[], windowMs: number): number[] {
	const counted = entries
		.filter((entry) => entry.status !== 429)
		.map((entry) => Date.parse(entry.time) - entry.durationMs)
		.sort((a, b) => a - b);
	const counts: number[] = [];
	let start = Number.NEGATIVE_INFINITY;
	for (const time of counted) {
		if (time - start >= windowMs) {
			start = time;
			counts.push(0);
		}
		counts[counts.length - 1]++;
	}
	return counts.slice(0, -1); // the last window is cut short by the end of the run
}

async function ceiling(sim: SimulatorProcess, parallel: number): Promise<CeilingResult> {
	const { perWindow, windowMs } = SIZE.ceilingWindow;
	await sim.reset({
		rateLimit: { enabled: true, perWindow, windowMs },
		faults: { random: { seed: 1, rates: { latency: 1 }, latencyMs: { min: SIZE.ceilingLatencyMs, max: SIZE.ceilingLatencyMs } } },
	});
	const users = SIZE.ceilingUsers;
	const run = nodeRunner(sim);
	const measured = await measure(() => run(createParameters(parallel), people(`ceiling${parallel}`, users)));
	const calls = await sim.apiCalls();
	const accepted = calls.filter((entry) => entry.status !== 429).length;
	const seconds = measured.ms / 1000;
	return {
		parallel,
		users,
		seconds,
		fraction: accepted / seconds / (perWindow / (windowMs / 1000)),
		failed: failedItems(measured.result),
		requests: calls.length,
		throttled: calls.filter((entry) => entry.status === 429).length,
		windowFractions: windowCounts(calls, windowMs).map((count) => count / perWindow),
	};
}

// ---------- 2. Overhead ----------

type Contender = 'node' | 'minimal' | 'bare';

interface Timings {
	ms: number[];
	cpuPerItemMs: number[];
	requests: number;
}

interface OverheadResult {
	name: string;
	/** Printed for comparison, not judged against the target. */
	comparison?: boolean;
	items: number;
	/** Per round: the node's time over the minimal n8n node's, and over the plain axios loop's. */
	ratios: { minimal: number[]; bare: number[] };
	timings: Partial<Record<Contender, Timings>>;
}

/**
 * The node, the minimal n8n node (where given) and the plain loop, interleaved (the order rotates
 * each round), after warm-up runs of each: n8n-core and the expression engine take a few thousand
 * items before the JIT has them at their steady pace.
 */
async function sideBySide(
	sim: SimulatorProcess,
	name: string,
	items: number,
	runs: Partial<Record<Contender, (round: number) => Promise<unknown>>>,
): Promise<OverheadResult> {
	const contenders = (['node', 'minimal', 'bare'] as const).filter((which) => runs[which] !== undefined);
	const result: OverheadResult = { name, items, ratios: { minimal: [], bare: [] }, timings: {} };
	for (const which of contenders) result.timings[which] = { ms: [], cpuPerItemMs: [], requests: 0 };
	for (let warmUp = 0; warmUp < SIZE.warmUps; warmUp++) {
		for (const which of contenders) {
			await sim.clearLog();
			await runs[which]!(-1 - warmUp);
			result.timings[which]!.requests = (await sim.apiCalls()).length;
		}
	}
	for (let round = 1; round <= SIZE.runs; round++) {
		const order = contenders.map((_, index) => contenders[(index + round) % contenders.length]);
		const times: Partial<Record<Contender, Measured<unknown>>> = {};
		for (const which of order) {
			await sim.clearLog();
			times[which] = await measure(() => runs[which]!(round));
			result.timings[which]!.ms.push(times[which]!.ms);
			result.timings[which]!.cpuPerItemMs.push(times[which]!.cpuMs / items);
		}
		if (times.minimal) result.ratios.minimal.push(times.node!.ms / times.minimal.ms);
		if (times.bare) result.ratios.bare.push(times.node!.ms / times.bare.ms);
	}
	return result;
}

async function overhead(sim: SimulatorProcess, pkg: Package): Promise<OverheadResult[]> {
	await sim.reset();
	await sim.seed(SIZE.roster);
	const run = nodeRunner(sim);
	const runMinimal = minimalRunner(sim, pkg);
	const bare = bareClient(sim);
	const results: OverheadResult[] = [];
	// Return All first, over the seeded roster alone (the creates below add to the tenant).
	results.push({
		...(await sideBySide(sim, `Return All (${SIZE.roster.toLocaleString('en')} requesters)`, SIZE.roster, {
			node: async () => {
				const result = await run(returnAllParameters);
				if (result.items.length < SIZE.roster) throw new Error(`Return All gave ${result.items.length} items`);
			},
			bare: async () => {
				if ((await bare.returnAll()) < SIZE.roster) throw new Error('the bare loop missed requesters');
			},
		})),
		comparison: true,
	});
	for (const parallel of [pkg.defaultParallel, 1]) {
		const label = parallel === pkg.defaultParallel ? `default, ${parallel}` : String(parallel);
		const measured = await sideBySide(sim, `Create (${SIZE.creates}), Parallel Requests ${label}`, SIZE.creates, {
			node: async (round) => {
				const result = await run(createParameters(parallel), people(`node-p${parallel}-r${round}`, SIZE.creates));
				if (failedItems(result) > 0) throw new Error('a create failed');
			},
			minimal: async (round) => {
				const result = await runMinimal(minimalCreateParameters(parallel), people(`minimal-p${parallel}-r${round}`, SIZE.creates));
				if (result.items.length !== SIZE.creates) throw new Error('the minimal node missed creates');
			},
			bare: async (round) => bare.create(people(`bare-p${parallel}-r${round}`, SIZE.creates)),
		});
		results.push({ ...measured, comparison: parallel !== pkg.defaultParallel });
	}
	return results;
}

// ---------- 3. Economy ----------

/** Lists a write may need to turn names into IDs: read once per execution, however many items. */
const LOOKUP_LIST = /^\/api\/v2\/(departments|locations|roles|groups|requester_groups|requester_fields|agent_fields)$/;

interface EconomyRow {
	name: string;
	value: string;
	target?: string;
	ok?: boolean;
}

async function economy(sim: SimulatorProcess, hasUpsert: boolean): Promise<EconomyRow[]> {
	await sim.reset();
	await sim.seed(300);
	const run = nodeRunner(sim);
	const count = 20;
	const rows: EconomyRow[] = [];
	const perPerson = async (name: string, parameters: INodeParameters, input: IDataObject[], target?: number) => {
		await sim.clearLog();
		const result = await run(parameters, input);
		const calls = await sim.apiCalls();
		// Lists read once for the whole execution are counted apart from each person's requests.
		const listReads = calls.filter((entry) => LOOKUP_LIST.test(entry.path)).length;
		const value = (calls.length - listReads) / input.length;
		rows.push({
			name,
			value: `${value.toFixed(2)} requests per person${listReads ? `, + ${listReads} list read${listReads > 1 ? 's' : ''} for all ${input.length}` : ''}${failedItems(result) ? ` (${failedItems(result)} failed)` : ''}`,
			...(target !== undefined ? { target: `${target}`, ok: value <= target } : {}),
		});
		return calls;
	};
	const hires = people('economy', count);
	await perPerson('Create', createParameters(), hires, 1);
	if (hasUpsert) {
		// Create or Update with Map Automatically, naming a department: the roster as an HR system sends it.
		const roster = (jobTitle: string) =>
			Array.from({ length: count }, (_, index) => ({ email: `upsert-${index}@bench.example`, first_name: `Person${index}`, job_title: jobTitle, department_ids: 'Engineering' }));
		const upsert: INodeParameters = {
			resource: 'user',
			operation: 'upsert',
			userType: 'requester',
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
		};
		const created = await perPerson('Create or Update, new (naming a department)', upsert, roster('Engineer'));
		const listReads = created.filter((entry) => entry.path === '/api/v2/departments').length;
		rows.push({ name: 'Lookup lists read (Create or Update, 20 people naming a department)', value: `departments read ${listReads} time${listReads === 1 ? '' : 's'}`, target: '1', ok: listReads === 1 });
		await perPerson('Create or Update, unchanged', upsert, roster('Engineer'), 1);
		await perPerson('Create or Update, changed', upsert, roster('Staff Engineer'));
	} else {
		rows.push({ name: 'Create or Update, unchanged', value: 'n/a (not on main yet)' }, { name: 'Create or Update, changed', value: 'n/a (not on main yet)' });
	}
	await perPerson(
		'Deactivate (by email)',
		{ resource: 'user', operation: 'deactivate', user: { __rl: true, mode: 'email', value: '={{ $json.email }}' } },
		hires,
	);
	for (const [limit, target] of [
		[1, 1],
		[50, 1],
		[250, 3],
	]) {
		await sim.clearLog();
		const result = await run({ resource: 'user', operation: 'getAll', userType: 'requester', limit });
		const requests = (await sim.apiCalls()).length;
		rows.push({
			name: `Get Many, limit ${limit}`,
			value: `${requests} request${requests === 1 ? '' : 's'} (${result.items.length} users)`,
			target: String(target),
			ok: requests <= target && result.items.length === limit,
		});
	}
	return rows;
}

// ---------- 4. Memory (and Return All's cost over the big roster) ----------

interface MemoryResult {
	items: number;
	outputJsonBytes: number;
	rssGrowthBytes: number;
	requests: number;
}

/** In a child process: load everything, then Return All once, sampling RSS; prints one JSON line. */
async function memoryChild(apiBaseUrl: string, apiKey: string): Promise<void> {
	loadPackage();
	const credentials = { instanceName: 'bench', apiKey, baseUrl: apiBaseUrl };
	// A warm-up run of one page, so that module loading and JIT are not counted as growth.
	await harness.runNode({ credentials, parameters: { resource: 'user', operation: 'getAll', userType: 'requester', limit: 10 } });
	global.gc?.();
	const highWaterMark = resetHighWaterMark();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const result = await harness.runNode({ credentials, parameters: returnAllParameters });
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss, highWaterMark?.() ?? 0);
	const json = JSON.stringify(result.items.map((item) => item.json));
	const output: Omit<MemoryResult, 'requests'> = { items: result.items.length, outputJsonBytes: Buffer.byteLength(json), rssGrowthBytes: peak - before };
	process.stdout.write(`${JSON.stringify(output)}\n`);
}

async function memory(sim: SimulatorProcess): Promise<MemoryResult[]> {
	await sim.reset();
	await sim.seed(SIZE.bigRoster);
	const results: MemoryResult[] = [];
	for (let run = 0; run < SIZE.memoryRuns; run++) {
		await sim.clearLog();
		const line = await new Promise<string>((resolve, reject) => {
			const child = spawn(process.execPath, ['--expose-gc', ...TSX_REQUIRE, __filename, '--memory-child', sim.apiBaseUrl, sim.apiKey], {
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.once('exit', (code) => (code === 0 ? resolve(output.trim().split('\n').pop() ?? '') : reject(new Error(`memory run exited with ${code}`))));
		});
		const requests = (await sim.apiCalls()).length;
		results.push({ ...(JSON.parse(line) as Omit<MemoryResult, 'requests'>), requests });
	}
	return results;
}

// ---------- the table ----------

const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'ok' : 'MISSED');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function printTable(rows: Row[]): string {
	const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
	return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

type Row = [string, string, string, string];

function ceilingRows(results: CeilingResult[], pkg: Package): Row[] {
	const { perWindow, windowMs } = SIZE.ceilingWindow;
	const rows: Row[] = [[`1. Ceiling: ${SIZE.ceilingUsers} new users, ${SIZE.ceilingLatencyMs} ms latency, ${perWindow} calls per ${windowMs / 1000} s`, '', '', '']];
	for (const result of results) {
		const isDefault = result.parallel === pkg.defaultParallel;
		const throttledShare = result.throttled / result.requests;
		const ok = isDefault ? result.fraction >= TARGETS.ceilingFraction && result.failed === 0 && throttledShare < TARGETS.throttledShare : undefined;
		rows.push([
			`   Parallel Requests ${result.parallel}${isDefault ? ' (default)' : ''}`,
			`${result.fraction.toFixed(2)} of the allowed rate (windows ${result.windowFractions.length ? spread(result.windowFractions) : 'n/a'}), ${result.failed} failed, ${result.throttled} 429s in ${result.requests} requests (${(100 * throttledShare).toFixed(1)} %), ${result.seconds.toFixed(0)} s`,
			isDefault ? '>= 0.90, 0 failed, < 1 %' : '(comparison)',
			mark(ok),
		]);
	}
	return rows;
}

function overheadRows(results: OverheadResult[]): Row[] {
	const rows: Row[] = [[`2. Overhead: no latency, no limit (median of ${SIZE.runs} interleaved runs [spread])`, '', '', '']];
	const line = (result: OverheadResult, against: 'minimal' | 'bare'): string => {
		const node = result.timings.node!;
		const other = result.timings[against]!;
		return (
			`${median(result.ratios[against]).toFixed(2)}x wall [${spread(result.ratios[against])}] (${median(node.ms).toFixed(0)} vs ${median(other.ms).toFixed(0)} ms); ` +
			`CPU per item ${median(node.cpuPerItemMs).toFixed(3)} vs ${median(other.cpuPerItemMs).toFixed(3)} ms; ${node.requests} vs ${other.requests} requests`
		);
	};
	for (const result of results.filter((candidate) => candidate.timings.minimal)) {
		const ratio = median(result.ratios.minimal);
		rows.push([
			`   ${result.name}: node vs minimal n8n node`,
			line(result, 'minimal'),
			result.comparison ? '(comparison)' : '<= 1.10x',
			result.comparison ? '' : mark(ratio <= TARGETS.overheadRatio),
		]);
	}
	for (const result of results) rows.push([`   ${result.name}: node vs plain axios loop`, line(result, 'bare'), '(information)', '']);
	return rows;
}

function profileRows(results: ProfileResult[], parallel: number): Row[] {
	const node = results.find((result) => result.which === 'node')!;
	const minimal = results.find((result) => result.which === 'minimal');
	const ms = (value: number) => value.toFixed(3);
	const rows: Row[] = [
		[`2b. CPU profile (node --cpu-prof, 100 µs samples): Create, Parallel Requests ${parallel}, ${node.persons} people after warm-ups`, '', '', ''],
		[
			"   The node's own code (dist/nodes, dist/credentials), self time",
			`${ms(node.perPersonMs.own)} ms per person; most: ${node.topOwn
				.slice(0, 3)
				.map((entry) => `${entry.name} ${ms(entry.perPersonMs)}`)
				.join(', ')}`,
			'<= 0.2 ms',
			mark(node.perPersonMs.own <= TARGETS.ownCpuPerPersonMs),
		],
	];
	const split = (result: ProfileResult) =>
		`${ms(result.cpuPerPersonMs)} ms per person (own ${ms(result.perPersonMs.own)}, n8n ${ms(result.perPersonMs.n8n)}, HTTP client ${ms(result.perPersonMs.http)}, Node ${ms(result.perPersonMs.node)}, GC ${ms(result.perPersonMs.gc)}, other ${ms(result.perPersonMs.other)})`;
	rows.push(['   Whole process, node', split(node), '(information)', '']);
	if (minimal) rows.push(['   Whole process, minimal n8n node', split(minimal), '(information)', '']);
	return rows;
}

function economyRows(rows: EconomyRow[], memoryResults: MemoryResult[]): Row[] {
	const table: Row[] = [['3. Economy', '', '', '']];
	if (memoryResults.length > 0) {
		const requests = median(memoryResults.map((result) => result.requests));
		const target = Math.ceil(SIZE.bigRoster / 100) + 1;
		rows.push({ name: `Return All over ${SIZE.bigRoster.toLocaleString('en')} users`, value: `${requests} requests`, target: String(target), ok: requests <= target });
	}
	for (const row of rows) table.push([`   ${row.name}`, row.value, row.target ? `<= ${row.target}` : '', mark(row.ok)]);
	return table;
}

function memoryRows(results: MemoryResult[]): Row[] {
	const ratios = results.map((result) => result.rssGrowthBytes / result.outputJsonBytes);
	const ratio = median(ratios);
	return [
		['4. Memory', '', '', ''],
		[
			`   Return All over ${SIZE.bigRoster.toLocaleString('en')} users (own process)`,
			`peak RSS growth ${mb(median(results.map((result) => result.rssGrowthBytes)))} = ${ratio.toFixed(2)}x the output's JSON (${mb(results[0].outputJsonBytes)}) [${spread(ratios)}], ${results.length} run${results.length > 1 ? 's' : ''}`,
			'< 3x',
			mark(ratio < TARGETS.memoryRatio),
		],
	];
}

function syncRosterRows(row: SyncRosterBench): Row[] {
	return [
		[`5. ${row.scenario}`, '', '', ''],
		[
			'   Sync Roster vs once per person',
			`${row.sync.requests} vs ${row.perPerson.requests} requests (${(row.perPerson.requests / row.sync.requests).toFixed(1)}x fewer), ${row.sync.ms.toFixed(0)} vs ${row.perPerson.ms.toFixed(0)} ms`,
			'',
			'',
		],
	];
}

function firstLoadRows(row: FirstLoadBench): Row[] {
	const { perWindow, windowMs } = SIZE.firstLoadWindow;
	const ok = row.fraction >= TARGETS.ceilingFraction && row.failed === 0 && row.created === row.people;
	return [
		[`6. Sync Roster, first load: ${row.people.toLocaleString('en')} new people, ${SIZE.firstLoadLatencyMs} ms latency, ${perWindow} calls per ${windowMs / 1000} s, default Request Options`, '', '', ''],
		[
			'   Rate reached, people lost',
			`${row.fraction.toFixed(2)} of the allowed rate, ${row.created} created, ${row.failed} failed items, ${row.throttled} 429s in ${row.requests} requests, ${row.seconds.toFixed(0)} s`,
			'>= 0.90, 0 failed',
			mark(ok),
		],
	];
}

function bigSyncRows(row: BigSyncBench): Row[] {
	const other = Object.entries(row.other);
	return [
		[`7. Sync Roster, ${row.size.toLocaleString('en')} people against a tenant of the same, ${row.changes} changed (${((100 * row.changes) / row.size).toFixed(0)} %), own process`, '', '', ''],
		[
			'   Requests',
			`${row.listing} listing pages + ${row.writes} writes (${row.updated} updates)${other.length ? `; other: ${other.map(([key, count]) => `${count} ${key}`).join(', ')}` : ', nothing else'}, ${(row.ms / 1000).toFixed(1)} s`,
			'listing + writes only',
			mark(other.length === 0 && row.writes === row.changes),
		],
		['   Peak memory', `peak RSS ${mb(row.peakRssBytes)} (${mb(row.peakRssBytes - row.rssBeforeBytes)} above the process with the roster loaded)`, '(stated)', ''],
	];
}

async function main(): Promise<void> {
	const started = performance.now();
	const pkg = loadPackage();
	const sim = await SimulatorProcess.start();
	const results: Record<string, unknown> = { smoke: SMOKE, size: SIZE, node: process.version, cpus: cpus().length, defaultParallel: pkg.defaultParallel };
	const rows: Row[] = [['scenario', 'measured', 'target', '']];
	try {
		if (part('ceiling')) {
			const ceilingResults: CeilingResult[] = [];
			for (const parallel of [1, pkg.defaultParallel]) ceilingResults.push(await ceiling(sim, parallel));
			results.ceiling = ceilingResults;
			rows.push(...ceilingRows(ceilingResults, pkg));
		}
		if (part('overhead')) {
			const overheadResults = await overhead(sim, pkg);
			results.overhead = overheadResults;
			rows.push(...overheadRows(overheadResults));
		}
		if (part('profile')) {
			const options = { creates: SIZE.creates, warmUps: SIZE.warmUps, rounds: SIZE.profileRounds, parallel: pkg.defaultParallel };
			await sim.reset();
			const profiles = [await profileCreates(sim.apiBaseUrl, sim.apiKey, 'node', options), await profileCreates(sim.apiBaseUrl, sim.apiKey, 'minimal', options)];
			results.profile = profiles;
			rows.push(...profileRows(profiles, pkg.defaultParallel));
		}
		// The memory runs are Return All over the big roster: they also give its request count.
		const memoryResults = part('memory') || part('economy') ? await memory(sim) : [];
		if (part('economy')) {
			const economyResults = await economy(sim, pkg.hasUpsert);
			rows.push(...economyRows(economyResults, memoryResults));
			results.economy = economyResults;
		}
		if (part('memory')) {
			results.memory = memoryResults;
			rows.push(...memoryRows(memoryResults));
		}
		if (part('sync')) {
			const sync = await benchSyncRoster(SIZE.syncRoster, SIZE.syncChanges);
			results.syncRoster = sync;
			rows.push(...syncRosterRows(sync));
		}
		if (part('firstload')) {
			const firstLoad = await benchFirstLoad(sim, nodeRunner(sim), SIZE.firstLoad, SIZE.firstLoadWindow, SIZE.firstLoadLatencyMs);
			results.firstLoad = firstLoad;
			rows.push(...firstLoadRows(firstLoad));
		}
		if (part('bigsync')) {
			const bigSync = await benchBigSync(sim, SIZE.bigSync, SIZE.bigSyncChanges);
			results.bigSync = bigSync;
			rows.push(...bigSyncRows(bigSync));
		}
	} finally {
		await sim.stop();
	}
	const seconds = (performance.now() - started) / 1000;
	results.wallSeconds = seconds;
	writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
	console.log(`\nnpm run bench${SMOKE ? ' -- --smoke (smoke sizes)' : ''}: ${cpus().length} CPUs, Node ${process.version}, the simulator on loopback in a process of its own\n`);
	console.log(printTable(rows));
	console.log(`\nWhole bench: ${seconds.toFixed(0)} s. Figures also in bench/results.json.`);
}

if (process.argv[2] === '--memory-child') {
	memoryChild(process.argv[3], process.argv[4])
		.then(() => process.exit(0))
		.catch((error: unknown) => {
			console.error(error);
			process.exit(1);
		});
} else {
	main()
		.catch((error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		})
		.finally(() => {
			if (ownUserFolder) rmSync(ownUserFolder, { recursive: true, force: true });
		});
}
