/**
 * The workflow and credential the editor check opens. They are copies of the new-hire example with
 * their own ids: n8n 2.x autosaves what the check changes in the editor (the operation, the API
 * key), and neither the example `npm start` publishes nor the credential the e2e cases run with
 * may change under them.
 */
import type { CredentialToImport, N8nInstance } from '../../scripts/lib/n8n-instance';
import { loadExample, NODE_TYPE, simulatorCredential, type Workflow } from '../../scripts/lib/examples';

const EXAMPLE_FILE = 'new-hire-create-requester.json';

export const EDITOR_CHECK_CREDENTIAL = { id: 'fsProvEditorCrd1', name: 'Freshservice (editor check)' } as const;

export const EDITOR_CHECK_WORKFLOW_ID = 'fsProvEditorChk1';

export interface EditorCheckSimulator {
	apiBaseUrl: string;
	apiKey: string;
}

export function editorCheckCredential(simulator: EditorCheckSimulator): CredentialToImport {
	return { ...simulatorCredential(simulator.apiBaseUrl, simulator.apiKey), ...EDITOR_CHECK_CREDENTIAL };
}

/** The example's Freshservice node behind a Manual Trigger (no webhook path to clash with the example's). */
export function editorCheckWorkflow(): { workflow: Workflow; nodeName: string } {
	const example = loadExample(EXAMPLE_FILE);
	const node = example.nodes.find((candidate) => candidate.type === NODE_TYPE);
	if (!node) throw new Error(`examples/${EXAMPLE_FILE} has no ${NODE_TYPE} node`);
	const trigger = {
		id: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01',
		name: 'Manual trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const workflow: Workflow = {
		id: EDITOR_CHECK_WORKFLOW_ID,
		name: 'Editor check: Freshservice Provisioning',
		active: false,
		nodes: [
			trigger,
			{
				...node,
				position: [260, 0],
				credentials: { freshserviceProvisioningApi: { ...EDITOR_CHECK_CREDENTIAL } },
			},
		],
		connections: { [trigger.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
	return { workflow, nodeName: node.name };
}

/**
 * Imports (again, which resets them) the workflow and credential the check opens. Call it before
 * every check: a previous run left the workflow on "Update" and its autosave kept that.
 */
export async function prepareEditorCheck(instance: N8nInstance, simulator: EditorCheckSimulator): Promise<void> {
	await instance.importCredentials([editorCheckCredential(simulator)]);
	await instance.importWorkflows([editorCheckWorkflow().workflow]);
}
