/**
 * Bench scenarios of Sync Roster, through n8n-core against the simulator:
 * - against Create or Update run once per person, on the same roster of a tenant of the same size
 *   with a few changes (loopback, no rate limit);
 * - a first load of new people under a scaled rate limit and latency: how much of the account's
 *   allowed rate it reaches, and whether anyone is lost;
 * - a big roster against a tenant of the same size with 1 % changes, in a process of its own:
 *   which requests it sends (listing, writes, nothing else) and its peak memory.
 * Needs the package loaded with `usePackage` first (bench/run.ts does it), or run the first alone
 * after `npm run build`: `npx tsx bench/sync-roster.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LogEntry } from '../simulator';
import { startSimulator } from '../simulator';
import type { RunResult } from '../test/harness/n8n';
import { runNode, usePackage } from '../test/harness/n8n';
import { resetHighWaterMark } from './memory';
import type { SimulatorProcess } from './simulator-process';
import { ROOT, TSX_REQUIRE } from './simulator-process';

export interface SyncRosterBench {
	scenario: string;
	sync: { ms: number; requests: number; writes: number };
	perPerson: { ms: number; requests: number; writes: number };
}

const actionOf = (json: Record<string, unknown>) => (json.provisioning as { action?: string } | undefined)?.action;
const columns = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] };
const syncParameters = (options: INodeParameters = {}): INodeParameters => ({ resource: 'user', operation: 'syncRoster', userType: 'requester', columns, options });

/** Runs both on `size` people, `changes` of whom have a new job title; each on a fresh tenant. */
export async function benchSyncRoster(size = 5000, changes = 50): Promise<SyncRosterBench> {
	const sim = await startSimulator({ rateLimit: { enabled: false }, seed: { requesters: size, randomSeed: 1 } });
	const credentials = { instanceName: 'bench', apiKey: sim.apiKey, baseUrl: sim.apiBaseUrl };
	const apiCalls = () => sim.control.log().filter((entry) => entry.path.startsWith('/api/v2/'));
	const roster = sim.control.state().requesters.map((record) => ({
		email: record.primary_email,
		first_name: record.first_name,
		last_name: record.last_name,
		job_title: record.job_title,
	}));
	const step = Math.max(1, Math.floor(size / changes));
	for (let index = 0; index < changes; index++) roster[index * step].job_title = `Principal ${index}`;
	const measure = async (operation: 'syncRoster' | 'upsert') => {
		sim.control.reset();
		const start = performance.now();
		const result = await runNode({
			credentials,
			input: roster,
			parameters: { resource: 'user', operation, userType: 'requester', columns, options: operation === 'syncRoster' ? { output: 'summaryOnly' } : {} },
		});
		const ms = performance.now() - start;
		if (result.error) throw new Error(`${operation} failed: ${result.error.message}`);
		const updated = operation === 'upsert' ? result.items.filter((item) => actionOf(item.json) === 'updated').length : (result.outputs[1][0].json.summary as { actions: Record<string, number> }).actions.updated;
		if (updated !== changes) throw new Error(`${operation} updated ${updated} people, not ${changes}`);
		return { ms, requests: apiCalls().length, writes: apiCalls().filter((entry) => entry.method !== 'GET').length };
	};

	try {
		return {
			scenario: `Sync Roster vs. Create or Update per person (${size} people, ${changes} changes)`,
			sync: await measure('syncRoster'),
			perPerson: await measure('upsert'),
		};
	} finally {
		await sim.close();
	}
}

export interface FirstLoadBench {
	people: number;
	seconds: number;
	/** Calls Freshservice accepted per second, over what the account allows. */
	fraction: number;
	created: number;
	failed: number;
	requests: number;
	throttled: number;
}

/**
 * Sync Roster's first load: `size` people none of whom Freshservice holds, under a rate limit of
 * `perWindow` calls per `windowMs` and `latencyMs` per answer. The node's Request Options are left
 * at their defaults (Parallel Requests 5).
 */
export async function benchFirstLoad(
	sim: SimulatorProcess,
	run: (parameters: INodeParameters, input: IDataObject[]) => Promise<RunResult>,
	size: number,
	rate: { perWindow: number; windowMs: number },
	latencyMs: number,
): Promise<FirstLoadBench> {
	await sim.reset({ rateLimit: { enabled: true, ...rate }, faults: { random: { seed: 1, rates: { latency: 1 }, latencyMs: { min: latencyMs, max: latencyMs } } } });
	const roster = Array.from({ length: size }, (_, index) => ({ email: `joiner-${index}@bench.example`, first_name: `Joiner${index}`, job_title: 'Engineer' }));
	const start = performance.now();
	const result = await run(syncParameters(), roster);
	const seconds = (performance.now() - start) / 1000;
	const calls = await sim.apiCalls();
	const accepted = calls.filter((entry) => entry.status !== 429).length;
	return {
		people: size,
		seconds,
		fraction: accepted / seconds / (rate.perWindow / (rate.windowMs / 1000)),
		created: calls.filter((entry) => entry.method === 'POST' && entry.status === 201).length,
		failed: result.items.filter((item) => item.json.error !== undefined).length,
		requests: calls.length,
		throttled: calls.filter((entry) => entry.status === 429).length,
	};
}

export interface BigSyncBench {
	size: number;
	changes: number;
	ms: number;
	/** Pages of the user listings (GET /requesters, GET /agents, without a lookup filter). */
	listing: number;
	/** Every request that is not a GET. */
	writes: number;
	updated: number;
	/** Anything else, by method and path. */
	other: Record<string, number>;
	rssBeforeBytes: number;
	peakRssBytes: number;
}

const LISTING = /^\/api\/v2\/(requesters|agents)$/;
const isListing = (entry: LogEntry) => entry.method === 'GET' && LISTING.test(entry.path) && entry.query.email === undefined && entry.query.query === undefined;

/**
 * A roster of `size` people against a tenant of the same people, `changes` of whom have a new job
 * title: the node in a child process of its own (its peak RSS is the node's, the roster's and
 * n8n's, not the simulator's), the requests read from the simulator's log.
 */
export async function benchBigSync(sim: SimulatorProcess, size: number, changes: number): Promise<BigSyncBench> {
	await sim.reset();
	await sim.seed(size);
	const roster = (await sim.state()).requesters.map((record) => ({
		email: record.primary_email,
		first_name: record.first_name,
		last_name: record.last_name,
		job_title: record.job_title,
	}));
	const step = Math.max(1, Math.floor(roster.length / changes));
	for (let index = 0; index < changes; index++) roster[index * step].job_title = `Principal ${index}`;
	const folder = mkdtempSync(join(tmpdir(), 'fs-prov-big-sync-'));
	try {
		const file = join(folder, 'roster.json');
		writeFileSync(file, JSON.stringify(roster));
		await sim.clearLog();
		const line = await new Promise<string>((resolve, reject) => {
			const child = spawn(process.execPath, ['--expose-gc', ...TSX_REQUIRE, __filename, '--big-child', sim.apiBaseUrl, sim.apiKey, file], {
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.once('exit', (code) => (code === 0 ? resolve(output.trim().split('\n').pop() ?? '') : reject(new Error(`the big sync exited with ${code}`))));
		});
		const measured = JSON.parse(line) as { ms: number; rssBeforeBytes: number; peakRssBytes: number };
		const calls = await sim.apiCalls();
		const other: Record<string, number> = {};
		for (const entry of calls.filter((candidate) => candidate.method === 'GET' && !isListing(candidate))) {
			const key = `${entry.method} ${entry.path}${Object.keys(entry.query).length ? `?${Object.keys(entry.query).sort().join('&')}` : ''}`;
			other[key] = (other[key] ?? 0) + 1;
		}
		return {
			size: roster.length,
			changes,
			...measured,
			listing: calls.filter(isListing).length,
			writes: calls.filter((entry) => entry.method !== 'GET').length,
			updated: calls.filter((entry) => entry.method === 'PUT' && entry.status === 200).length,
			other,
		};
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** In the child: the package and the roster loaded, one warm-up read, then the sync with its peak RSS. */
async function bigSyncChild(apiBaseUrl: string, apiKey: string, file: string): Promise<void> {
	loadBuiltPackage();
	const credentials = { instanceName: 'bench', apiKey, baseUrl: apiBaseUrl };
	const roster = JSON.parse(readFileSync(file, 'utf8')) as IDataObject[];
	await runNode({ credentials, parameters: { resource: 'user', operation: 'getAll', userType: 'requester', limit: 1 } });
	global.gc?.();
	const highWaterMark = resetHighWaterMark();
	const rssBeforeBytes = process.memoryUsage().rss;
	let peak = rssBeforeBytes;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const start = performance.now();
	const result = await runNode({ credentials, input: roster, parameters: syncParameters({ output: 'summaryOnly' }) });
	const ms = performance.now() - start;
	clearInterval(sampler);
	if (result.error) throw new Error(`Sync Roster failed: ${result.error.message}`);
	peak = Math.max(peak, process.memoryUsage().rss, highWaterMark?.() ?? 0);
	process.stdout.write(`${JSON.stringify({ ms, rssBeforeBytes, peakRssBytes: peak })}\n`);
}

function loadBuiltPackage(): void {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { FreshserviceProvisioning } = require('../dist/nodes/FreshserviceProvisioning/FreshserviceProvisioning.node.js');
	const { FreshserviceProvisioningApi } = require('../dist/credentials/FreshserviceProvisioningApi.credentials.js');
	/* eslint-enable @typescript-eslint/no-require-imports */
	usePackage({ nodeType: new FreshserviceProvisioning(), credentialType: new FreshserviceProvisioningApi() });
}

export function printSyncRosterBench(row: SyncRosterBench): void {
	console.log('\nSync Roster vs. Create or Update once per person, same roster (simulator on loopback, no rate limit)\n');
	console.log(['scenario'.padEnd(64), 'sync ms', 'per-person ms', 'time ratio', 'sync calls', 'per-person calls', 'call ratio'].join('  '));
	console.log(
		[
			row.scenario.padEnd(64),
			row.sync.ms.toFixed(0).padStart(7),
			row.perPerson.ms.toFixed(0).padStart(13),
			`${(row.perPerson.ms / row.sync.ms).toFixed(1)}x`.padStart(10),
			String(row.sync.requests).padStart(10),
			String(row.perPerson.requests).padStart(16),
			`${(row.perPerson.requests / row.sync.requests).toFixed(1)}x`.padStart(10),
		].join('  '),
	);
}

if (require.main === module) {
	const userFolder = mkdtempSync(join(tmpdir(), 'fs-prov-bench-'));
	process.env.N8N_USER_FOLDER ??= userFolder;
	process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));
	const done = (work: Promise<void>) =>
		work.then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	if (process.argv[2] === '--big-child') {
		void done(bigSyncChild(process.argv[3], process.argv[4], process.argv[5]));
	} else {
		loadBuiltPackage();
		void done(benchSyncRoster(Number(process.env.BENCH_ROSTER ?? 5000), Number(process.env.BENCH_CHANGES ?? 50)).then(printSyncRosterBench));
	}
}
