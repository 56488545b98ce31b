/** The importable example workflows in examples/ and the credential they are wired to. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CredentialToImport } from './n8n-instance';
import { REPO_ROOT } from './package';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

export const CREDENTIAL_TYPE = 'freshserviceProvisioningApi';
export const NODE_TYPE = 'n8n-nodes-freshservice-provisioning.freshserviceProvisioning';

/** The credential every example refers to, by this id and name, so an import links them. */
export const EXAMPLE_CREDENTIAL = { id: 'fsProvDemoCred01', name: 'Freshservice (demo)' } as const;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	continueOnFail?: boolean;
	onError?: string;
	[key: string]: unknown;
}

export interface Workflow {
	id: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export function loadExample(fileName: string): Workflow {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, fileName), 'utf8')) as Workflow;
}

export function listExamples(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort();
}

/** A credential of the package's type, pointed at a simulator (or any API root). */
export function simulatorCredential(apiBaseUrl: string, apiKey: string): CredentialToImport {
	return {
		...EXAMPLE_CREDENTIAL,
		type: CREDENTIAL_TYPE,
		data: { instanceName: 'demo', apiKey, baseUrl: apiBaseUrl },
	};
}
