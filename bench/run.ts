/**
 * `npm run bench`: the built node, run through n8n-core against the simulator, next to the same
 * Freshservice calls made bare with axios. Prints the ratios of one run; asserts nothing.
 * Rate limiting is off here: this measures the node's own overhead, not the account's ceiling.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { startSimulator } from '../simulator';
import { runNode, usePackage } from '../test/harness/n8n';
import { benchSyncRoster, printSyncRosterBench } from './sync-roster';

if (process.env.N8N_USER_FOLDER === undefined) {
	const userFolder = mkdtempSync(join(tmpdir(), 'fs-prov-bench-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));
}

const ROSTER = Number(process.env.BENCH_ROSTER ?? 5000);
const WRITES = Number(process.env.BENCH_WRITES ?? 300);

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const start = performance.now();
	const result = await run();
	return { ms: performance.now() - start, result };
}

async function main() {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { FreshserviceProvisioning } = require('../dist/nodes/FreshserviceProvisioning/FreshserviceProvisioning.node.js');
	const { FreshserviceProvisioningApi } = require('../dist/credentials/FreshserviceProvisioningApi.credentials.js');
	/* eslint-enable @typescript-eslint/no-require-imports */
	usePackage({ nodeType: new FreshserviceProvisioning(), credentialType: new FreshserviceProvisioningApi() });

	const sim = await startSimulator({ rateLimit: { enabled: false } });
	const credentials = { instanceName: 'bench', apiKey: sim.apiKey, baseUrl: sim.apiBaseUrl };
	const http = axios.create({ baseURL: sim.apiBaseUrl, auth: { username: sim.apiKey, password: 'X' } });
	const apiCalls = () => sim.control.log().filter((entry) => entry.path.startsWith('/api/v2/')).length;
	const rows: Array<[string, number, number, number, number]> = [];

	try {
		sim.control.seed({ requesters: ROSTER, randomSeed: 1 });
		const total = sim.control.state().requesters.length;

		// 1. The whole roster, listed.
		sim.control.clearLog();
		const node = await timed(() =>
			runNode({ credentials, parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true } }),
		);
		const nodeCalls = apiCalls();
		if (node.result.items.length !== total) throw new Error(`Get Many returned ${node.result.items.length} of ${total}`);
		sim.control.clearLog();
		const bare = await timed(async () => {
			let count = 0;
			for (let page = 1; ; page++) {
				const response = await http.get('/requesters', { params: { per_page: 100, page } });
				count += response.data.requesters.length;
				if (!response.headers.link) return count;
			}
		});
		rows.push([`Get Many, return all (${total} requesters)`, node.ms, bare.ms, nodeCalls, apiCalls()]);

		// 2. New hires, one item each.
		const hires = Array.from({ length: WRITES }, (_, index) => ({ first: `Hire${index}`, email: `hire${index}@bench.example` }));
		sim.control.clearLog();
		const created = await timed(() =>
			runNode({
				credentials,
				input: hires,
				parameters: { resource: 'user', operation: 'create', userType: 'requester', firstName: '={{ $json.first }}', email: '={{ $json.email }}', additionalFields: {} },
			}),
		);
		const createCalls = apiCalls();
		if (created.result.items.some((item) => (item.json.provisioning as { action?: string } | undefined)?.action !== 'created')) throw new Error('a create failed');
		sim.control.clearLog();
		const bareCreate = await timed(async () => {
			for (const hire of hires) {
				await http.post('/requesters', { first_name: hire.first, primary_email: `bare-${hire.email}` });
			}
		});
		rows.push([`Create (${WRITES} requesters)`, created.ms, bareCreate.ms, createCalls, apiCalls()]);

		// 3. HR changes: update by email (look up, then write).
		sim.control.clearLog();
		const updated = await timed(() =>
			runNode({
				credentials,
				input: hires,
				parameters: { resource: 'user', operation: 'update', user: { __rl: true, mode: 'email', value: '={{ $json.email }}' }, updateFields: { jobTitle: 'Engineer' } },
			}),
		);
		const updateCalls = apiCalls();
		if (updated.result.items.some((item) => (item.json.provisioning as { action?: string } | undefined)?.action !== 'updated')) throw new Error('an update failed');
		sim.control.clearLog();
		const bareUpdate = await timed(async () => {
			for (const hire of hires) {
				const found = await http.get('/requesters', { params: { email: `bare-${hire.email}` } });
				await http.put(`/requesters/${found.data.requesters[0].id}`, { job_title: 'Engineer' });
			}
		});
		rows.push([`Update by email (${WRITES} requesters)`, updated.ms, bareUpdate.ms, updateCalls, apiCalls()]);
	} finally {
		await sim.close();
	}

	console.log('\nFreshservice Provisioning node vs. the same calls made bare (simulator on loopback, no rate limit)\n');
	console.log(['scenario'.padEnd(42), 'node ms', 'bare ms', 'time ratio', 'node calls', 'bare calls', 'call ratio'].join('  '));
	for (const [name, nodeMs, bareMs, nodeCalls, bareCalls] of rows) {
		console.log(
			[
				name.padEnd(42),
				nodeMs.toFixed(0).padStart(7),
				bareMs.toFixed(0).padStart(7),
				`${(nodeMs / bareMs).toFixed(2)}x`.padStart(10),
				String(nodeCalls).padStart(10),
				String(bareCalls).padStart(10),
				`${(nodeCalls / bareCalls).toFixed(2)}x`.padStart(10),
			].join('  '),
		);
	}
	printSyncRosterBench(await benchSyncRoster(ROSTER));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
