/**
 * `npm start`: the package running in a real n8n editor against the Freshservice simulator.
 *
 * Builds and packs the package, installs it into an n8n 2.x user folder as a community package,
 * imports a credential pointing at the simulator's demo tenant and the "New hire → create or
 * update requester" example, publishes that workflow so its webhook is live, starts the editor and
 * prints how to log in and what to curl. Ctrl-C stops n8n and the simulator.
 *
 * Options:
 *   --fresh   start from an empty n8n user folder (drops the owner account and any edits)
 *   --smoke   after start-up, send the printed curl twice: the first creates the requester, the
 *             second (a resent hire) must answer provisioning.action "unchanged"; then exit
 * Environment: N8N_PORT (default 5678, or a free port if taken), SIMULATOR_PORT (default: free),
 * FS_PROV_CACHE_DIR (default ~/.cache/n8n-nodes-freshservice-provisioning).
 */
import path from 'node:path';
import { startSimulator } from '../simulator';
import { EXAMPLE_CREDENTIAL, loadExample, simulatorCredential } from './lib/examples';
import { N8nInstance } from './lib/n8n-instance';
import { freePort, isPortFree } from './lib/net';
import { buildAndPack } from './lib/package';
import { cacheDir, ensureN8n } from './lib/runtime';

const EXAMPLE_FILE = 'new-hire-create-or-update-requester.json';
const WEBHOOK_PATH = 'new-hire';
const DEFAULT_N8N_PORT = 5678;

const SAMPLE_HIRE = {
	firstName: 'Margaret',
	lastName: 'Hamilton',
	email: 'margaret.hamilton@acme.example',
	jobTitle: 'Flight Software Engineer',
};

function step(message: string): void {
	console.log(`▸ ${message}`);
}

/** n8n's usual port when it is free, so the URLs look familiar; any free port otherwise. */
async function pickN8nPort(): Promise<number> {
	const wanted = Number(process.env.N8N_PORT ?? DEFAULT_N8N_PORT);
	return (await isPortFree(wanted)) ? wanted : freePort();
}

async function main(): Promise<void> {
	const args = new Set(process.argv.slice(2));
	const started = Date.now();
	const workDir = path.join(cacheDir(), 'start');

	step(`Preparing n8n and the package (cache: ${cacheDir()})`);
	const [runtime, tarball] = await Promise.all([
		ensureN8n('v2', (line) => console.log(`  ${line}`)),
		buildAndPack(path.join(workDir, 'package'), (line) => step(line)),
	]);
	step(`Packed ${path.basename(tarball)}; runtime n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}`);

	const simulator = await startSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 0), demo: true });
	step(`Freshservice simulator listening at ${simulator.url}`);

	const instance = N8nInstance.create(runtime, path.join(workDir, 'n8n-user'), { fresh: args.has('--fresh') });
	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the simulator...');
		await instance.stop().catch((error: Error) => console.error(error.message));
		await simulator.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		step('Installing the package into n8n as a community package');
		await instance.installPackageTarball(tarball);
		step('Importing the simulator credential and the example workflow');
		await instance.importCredentials([simulatorCredential(simulator.apiBaseUrl, simulator.apiKey)]);
		const example = loadExample(EXAMPLE_FILE);
		await instance.importWorkflows([example]);
		await instance.activateWorkflow(example.id);

		step('Starting n8n');
		const url = await instance.start({ port: await pickN8nPort() });
		const owner = await instance.ensureOwner();
		const seconds = Math.round((Date.now() - started) / 1000);

		const curl =
			`curl -X POST ${url}/webhook/${WEBHOOK_PATH} -H 'content-type: application/json' ` +
			`-d '${JSON.stringify(SAMPLE_HIRE)}'`;
		console.log(`
n8n ${runtime.n8nVersion} is ready (${seconds} s).

  Editor      ${url}
  Login       ${owner ? `${owner.email} / ${owner.password}` : 'the owner account you set up in the editor (npm start -- --fresh starts over)'}
  Workflow    ${url}/workflow/${example.id}  ("${example.name}", published)
  Credential  "${EXAMPLE_CREDENTIAL.name}" -> ${simulator.apiBaseUrl}

Create the requester through the workflow (send it again: the answer says "unchanged"):
  ${curl}

See what the simulator holds:
  curl ${simulator.url}/_simulator/state

n8n log: ${instance.logFile}
Press Ctrl-C to stop.
`);

		if (args.has('--smoke')) {
			if (!owner) throw new Error('--smoke needs the owner login this script set up: run with --fresh');
			await shutdown((await smokeTest(instance, owner, url, simulator.url)) ? 0 : 1);
		}
	} catch (error) {
		console.error(`\nnpm start failed: ${(error as Error).message}`);
		console.error(`n8n log: ${instance.logFile}`);
		await shutdown(1);
	}
}

/** Sends the printed curl's request once; the webhook answers the node's output item. */
async function fireHire(url: string): Promise<{ ok: boolean; action?: unknown }> {
	const hook = await fetch(`${url}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(SAMPLE_HIRE),
	});
	const text = await hook.text();
	console.log(`smoke: webhook: HTTP ${hook.status} ${text.slice(0, 300)}`);
	try {
		const answer = JSON.parse(text) as { provisioning?: { action?: unknown } };
		return { ok: hook.ok, action: answer.provisioning?.action };
	} catch {
		return { ok: false };
	}
}

/**
 * Does what the printed instructions tell a person to do, and checks the outcome: the curl
 * creates the requester, and the same curl again (an HR system resending the hire) changes nothing.
 */
async function smokeTest(
	instance: N8nInstance,
	owner: { email: string; password: string },
	url: string,
	simulatorUrl: string,
): Promise<boolean> {
	const login = await instance.login(owner);
	console.log(`smoke: login as ${owner.email}: HTTP ${login.status}`);
	const first = await fireHire(url);
	const second = await fireHire(url);
	console.log(`smoke: provisioning.action ${JSON.stringify(first.action)}, then ${JSON.stringify(second.action)} (expected "created", then "unchanged")`);
	const state = (await (await fetch(`${simulatorUrl}/_simulator/state`)).json()) as {
		requesters: Array<{ primary_email: string | null; active: boolean }>;
	};
	const held = state.requesters.filter((record) => record.primary_email === SAMPLE_HIRE.email && record.active).length;
	console.log(`smoke: simulator holds ${held} active requester(s) ${SAMPLE_HIRE.email} (expected 1)`);
	return login.ok && first.ok && second.ok && first.action === 'created' && second.action === 'unchanged' && held === 1;
}

main().catch((error: Error) => {
	console.error(`\nnpm start failed: ${error.message}`);
	process.exit(1);
});
