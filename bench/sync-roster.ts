/**
 * Bench scenario: Sync Roster against Create or Update run once per person, on the same roster
 * of a tenant of the same size with a few changes. Both through n8n-core, against the simulator
 * (loopback, no rate limit). Needs the package loaded with `usePackage` first (bench/run.ts does
 * it), or run it alone after `npm run build`: `npx tsx bench/sync-roster.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { startSimulator } from '../simulator';
import { runNode, usePackage } from '../test/harness/n8n';

export interface SyncRosterBench {
	scenario: string;
	sync: { ms: number; requests: number; writes: number };
	perPerson: { ms: number; requests: number; writes: number };
}

const actionOf = (json: Record<string, unknown>) => (json.provisioning as { action?: string } | undefined)?.action;

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
	const columns = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] };

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
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { FreshserviceProvisioning } = require('../dist/nodes/FreshserviceProvisioning/FreshserviceProvisioning.node.js');
	const { FreshserviceProvisioningApi } = require('../dist/credentials/FreshserviceProvisioningApi.credentials.js');
	/* eslint-enable @typescript-eslint/no-require-imports */
	usePackage({ nodeType: new FreshserviceProvisioning(), credentialType: new FreshserviceProvisioningApi() });
	benchSyncRoster(Number(process.env.BENCH_ROSTER ?? 5000), Number(process.env.BENCH_CHANGES ?? 50))
		.then(printSyncRosterBench)
		.catch((error: unknown) => {
			console.error(error);
			process.exit(1);
		});
}
