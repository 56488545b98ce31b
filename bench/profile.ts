/**
 * Where the node's CPU time per person goes: Create at the default Parallel Requests, run in a
 * child process started with `node --cpu-prof` (V8's sampling profiler, every 100 µs), and the
 * samples taken during the measured runs (after warm-ups) split by whose code was on top of the
 * stack: the package's own (dist/nodes, dist/credentials: parameters checks, planning, limiter,
 * output), n8n's (n8n-core, n8n-workflow, its expression engine), the HTTP client, Node itself
 * (garbage collection, the event loop, sockets). The minimal n8n node is profiled the same way,
 * for comparison. The .cpuprofile files stay in a temporary folder, printed, to open in DevTools.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { MinimalCreateNode, minimalCreateParameters } from './minimal-node';
import { ROOT, TSX_REQUIRE } from './simulator-process';

export type Profiled = 'node' | 'minimal';

export interface ProfileResult {
	which: Profiled;
	persons: number;
	/** CPU time of the whole process per person during the measured runs (process.cpuUsage). */
	cpuPerPersonMs: number;
	/** CPU time per person, by whose code was running (each category's share of the samples). */
	perPersonMs: Record<Category, number>;
	/** The package's own functions with the most self time, per person (CPU, as above). */
	topOwn: Array<{ name: string; perPersonMs: number }>;
	profilePath: string;
}

type Category = 'own' | 'n8n' | 'http' | 'node' | 'gc' | 'other';

interface CpuProfile {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

function categoryOf(url: string, functionName: string): Category {
	if (functionName === '(garbage collector)') return 'gc';
	if (/\/dist\/(nodes|credentials)\//.test(url)) return 'own';
	if (/node_modules\/(n8n-core|n8n-workflow|@n8n\/)/.test(url)) return 'n8n';
	if (/node_modules\/(axios|follow-redirects|form-data|proxy-from-env)\//.test(url)) return 'http';
	if (url.startsWith('node:') || url === '' || functionName.startsWith('(')) return 'node';
	return 'other';
}

/** Self time by category and by own function, over the samples taken between `fromUs` and `toUs`. */
function analyse(profile: CpuProfile, fromUs: number, toUs: number): { byCategory: Record<Category, number>; own: Map<string, number>; sampled: number } {
	const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const byCategory: Record<Category, number> = { own: 0, n8n: 0, http: 0, node: 0, gc: 0, other: 0 };
	const own = new Map<string, number>();
	let time = profile.startTime;
	let sampled = 0;
	for (let index = 0; index < profile.samples.length; index++) {
		time += profile.timeDeltas[index];
		const delta = profile.timeDeltas[index + 1] ?? 0;
		if (time < fromUs || time > toUs) continue;
		const frame = byId.get(profile.samples[index])!;
		if (frame.functionName === '(idle)') continue;
		sampled++;
		const category = categoryOf(frame.url, frame.functionName);
		byCategory[category] += delta / 1000;
		if (category === 'own') {
			const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/dist\//, '')}:${frame.lineNumber + 1}`;
			own.set(name, (own.get(name) ?? 0) + delta / 1000);
		}
	}
	return { byCategory, own, sampled };
}

/** Runs one profiled child and reads its profile. */
export async function profileCreates(apiBaseUrl: string, apiKey: string, which: Profiled, options: { creates: number; warmUps: number; rounds: number; parallel: number }): Promise<ProfileResult> {
	const dir = mkdtempSync(join(tmpdir(), `fs-prov-profile-${which}-`));
	const line = await new Promise<string>((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, ...TSX_REQUIRE, __filename, apiBaseUrl, apiKey, which, JSON.stringify(options)],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => (code === 0 ? resolve(output.trim().split('\n').pop() ?? '') : reject(new Error(`the profiled run exited with ${code}`))));
	});
	const window = JSON.parse(line) as { fromUs: number; toUs: number; persons: number; cpuMs: number };
	const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
	if (!file) throw new Error(`no .cpuprofile in ${dir}`);
	const profilePath = join(dir, file);
	const { byCategory, own, sampled } = analyse(JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile, window.fromUs, window.toUs);
	if (sampled === 0) throw new Error('no profile sample fell in the measured runs: the clocks disagree');
	// The profiler samples on a wall-clock timer, so a process that waits for a busy machine's CPU
	// gathers samples it did not run for: each share of the samples is taken of the CPU time used.
	const sampledMs = Object.values(byCategory).reduce((sum, ms) => sum + ms, 0);
	const perPerson = (ms: number) => ((ms / sampledMs) * window.cpuMs) / window.persons;
	return {
		which,
		persons: window.persons,
		cpuPerPersonMs: window.cpuMs / window.persons,
		perPersonMs: Object.fromEntries(Object.entries(byCategory).map(([category, ms]) => [category, perPerson(ms)])) as Record<Category, number>,
		topOwn: [...own.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 8)
			.map(([name, ms]) => ({ name, perPersonMs: perPerson(ms) })),
		profilePath,
	};
}

/** In the profiled child: warm-ups, then the measured rounds; prints the window and the CPU used. */
async function child(apiBaseUrl: string, apiKey: string, which: Profiled, options: { creates: number; warmUps: number; rounds: number; parallel: number }): Promise<void> {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const harness = require('../test/harness/n8n') as typeof import('../test/harness/n8n');
	const { FreshserviceProvisioning } = require('../dist/nodes/FreshserviceProvisioning/FreshserviceProvisioning.node.js');
	const { FreshserviceProvisioningApi } = require('../dist/credentials/FreshserviceProvisioningApi.credentials.js');
	/* eslint-enable @typescript-eslint/no-require-imports */
	const nodeType: INodeType = which === 'node' ? new FreshserviceProvisioning() : new MinimalCreateNode();
	harness.usePackage({ nodeType, credentialType: new FreshserviceProvisioningApi() });
	const credentials = { instanceName: 'bench', apiKey, baseUrl: apiBaseUrl };
	const parameters: INodeParameters =
		which === 'node'
			? { resource: 'user', operation: 'create', userType: 'requester', firstName: '={{ $json.first }}', email: '={{ $json.email }}', additionalFields: {}, requestOptions: { parallelRequests: options.parallel } }
			: minimalCreateParameters(options.parallel);
	const stamp = Date.now();
	const run = async (round: number) => {
		const input: IDataObject[] = Array.from({ length: options.creates }, (_, index) => ({ first: `Hire${index}`, email: `profile-${which}-${stamp}-${round}-${index}@bench.example` }));
		const result = await harness.runNode({ credentials, parameters, input });
		if (result.error || result.items.length !== options.creates) throw new Error(`the ${which} run failed: ${result.error?.message ?? `${result.items.length} items`}`);
	};
	for (let round = 0; round < options.warmUps; round++) await run(-1 - round);
	const fromUs = Number(process.hrtime.bigint() / 1000n);
	const cpu = process.cpuUsage();
	for (let round = 0; round < options.rounds; round++) await run(round);
	const used = process.cpuUsage(cpu);
	const toUs = Number(process.hrtime.bigint() / 1000n);
	process.stdout.write(`${JSON.stringify({ fromUs, toUs, persons: options.rounds * options.creates, cpuMs: (used.user + used.system) / 1000 })}\n`);
}

if (require.main === module) {
	const userFolder = mkdtempSync(join(tmpdir(), 'fs-prov-bench-'));
	process.env.N8N_USER_FOLDER ??= userFolder;
	process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));
	const [apiBaseUrl, apiKey, which, options] = process.argv.slice(2);
	child(apiBaseUrl, apiKey, which as Profiled, JSON.parse(options))
		.then(() => process.exit(0))
		.catch((error: unknown) => {
			console.error(error);
			process.exit(1);
		});
}
