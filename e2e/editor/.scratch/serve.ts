import { writeFileSync } from 'node:fs';
import { EXAMPLE_CREDENTIAL, loadExample, simulatorCredential } from '../../../scripts/lib/examples';
import { N8nInstance } from '../../../scripts/lib/n8n-instance';
import { buildAndPack } from '../../../scripts/lib/package';
import { ensureN8n } from '../../../scripts/lib/runtime';
import { startStub } from './stub';
async function main() {
	const runtime = await ensureN8n('v2');
	const tarball = await buildAndPack('/tmp/editor-explore/package');
	const sim = await startStub();
	const instance = N8nInstance.create(runtime, process.argv.includes('--no-owner') ? '/tmp/editor-explore/n8n-user2' : '/tmp/editor-explore/n8n-user', { fresh: true });
	await instance.installPackageTarball(tarball);
	await instance.importCredentials([simulatorCredential(sim.apiBaseUrl, sim.apiKey)]);
	const example = loadExample('new-hire-create-requester.json');
	await instance.importWorkflows([example]);
	const t = Date.now();
	const url = await instance.start();
	console.log('start took', Date.now() - t);
	const owner = process.argv.includes('--no-owner') ? null : await instance.ensureOwner();
	writeFileSync(process.argv.includes('--no-owner') ? '/tmp/editor-explore/info2.json' : '/tmp/editor-explore/info.json', JSON.stringify({ url, owner, sim, workflowId: example.id, cred: EXAMPLE_CREDENTIAL }, null, 2));
	console.log('READY', url);
}
void main();
