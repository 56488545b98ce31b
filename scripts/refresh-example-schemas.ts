/**
 * `npx tsx scripts/refresh-example-schemas.ts`: rewrites the field list saved in every resource
 * mapper of the examples with what its method loads from the simulator's demo tenant (what
 * `npm start` serves), so that the editor opens them without "Fields are outdated". Fields the
 * example does not map are kept, marked removed, as the editor saves them. test/examples.test.ts
 * fails when an example needs this. Uses the built node: run `npm run build` first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INodeProperties, INodeType, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { startSimulator } from '../simulator';
import { loadOptions, usePackage } from '../test/harness/n8n';
import { EXAMPLES_DIR, listExamples, loadExample, NODE_TYPE } from './lib/examples';

function shown(property: INodeProperties, parameters: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, values]) => (values as unknown[]).includes(parameters[name]));
}

/** Tab-indented JSON with arrays of plain values on one line, as the examples are written. */
function asExampleJson(value: unknown): string {
	return JSON.stringify(value, null, '\t').replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (_match, inner: string) =>
		`[${inner
			.split('\n')
			.map((line) => line.trim().replace(/,$/, ''))
			.join(', ')}]`,
	);
}

async function main(): Promise<void> {
	// n8n-core keeps a config in its user folder: a temporary one, never the real home folder.
	const userFolder = mkdtempSync(path.join(tmpdir(), 'fs-prov-schemas-'));
	process.env.N8N_USER_FOLDER = userFolder;
	const simulator = await startSimulator({ demo: true });
	const credentials = { instanceName: 'demo', apiKey: simulator.apiKey, baseUrl: simulator.apiBaseUrl };
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { FreshserviceProvisioning } = require('../dist/nodes/FreshserviceProvisioning/FreshserviceProvisioning.node.js');
	const { FreshserviceProvisioningApi } = require('../dist/credentials/FreshserviceProvisioningApi.credentials.js');
	/* eslint-enable @typescript-eslint/no-require-imports */
	const nodeType = new FreshserviceProvisioning() as INodeType;
	usePackage({ nodeType, credentialType: new FreshserviceProvisioningApi() });
	const mappers = nodeType.description.properties.filter((property) => property.type === 'resourceMapper');
	try {
		for (const file of listExamples()) {
			const workflow = loadExample(file);
			let changed = false;
			for (const node of workflow.nodes.filter((candidate) => candidate.type === NODE_TYPE)) {
				for (const property of mappers.filter((candidate) => shown(candidate, node.parameters) && node.parameters[candidate.name] !== undefined)) {
					const method = property.typeOptions!.resourceMapper!.resourceMapperMethod!;
					const loaded = (await loadOptions(credentials, node.parameters as never, { resourceMapping: method })) as ResourceMapperFields;
					const mapper = node.parameters[property.name] as { value?: Record<string, unknown> | null; matchingColumns?: string[]; schema?: ResourceMapperField[] };
					const mapped = new Set([...Object.keys(mapper.value ?? {}), ...(mapper.matchingColumns ?? [])]);
					mapper.schema = loaded.fields.map((field) => ({ ...field, removed: !mapped.has(field.id) }));
					changed = true;
					console.log(`${file}: ${node.name}: ${loaded.fields.length} fields, ${mapped.size} mapped`);
				}
			}
			if (changed) writeFileSync(path.join(EXAMPLES_DIR, file), `${asExampleJson(workflow)}\n`);
		}
	} finally {
		await simulator.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
