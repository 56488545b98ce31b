/**
 * The workflow and credential the editor check opens: a Create node and a credential with their
 * own ids. n8n 2.x autosaves what the check changes in the editor (the operation, the API key),
 * and neither the example `npm start` publishes nor the credential the e2e cases run with may
 * change under them.
 */
import type { CredentialToImport, N8nInstance } from '../../scripts/lib/n8n-instance';
import { NODE_TYPE, simulatorCredential, type Workflow, type WorkflowNode } from '../../scripts/lib/examples';

/** A Create requester node as the editor saves one (the panel the check opens shows Create's fields). */
const CREATE_NODE: WorkflowNode = {
	id: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a02',
	name: 'Create requester',
	type: NODE_TYPE,
	typeVersion: 1,
	position: [260, 0],
	parameters: {
		resource: 'user',
		operation: 'create',
		userType: 'requester',
		firstName: '={{ $json.firstName }}',
		email: '={{ $json.email }}',
		additionalFields: { lastName: '={{ $json.lastName }}', jobTitle: '={{ $json.jobTitle }}' },
	},
};

export const EDITOR_CHECK_CREDENTIAL = { id: 'fsProvEditorCrd1', name: 'Freshservice (editor check)' } as const;

export const EDITOR_CHECK_WORKFLOW_ID = 'fsProvEditorChk1';

export interface EditorCheckSimulator {
	apiBaseUrl: string;
	apiKey: string;
}

export function editorCheckCredential(simulator: EditorCheckSimulator): CredentialToImport {
	return { ...simulatorCredential(simulator.apiBaseUrl, simulator.apiKey), ...EDITOR_CHECK_CREDENTIAL };
}

/** A Create node behind a Manual Trigger (no webhook path to clash with the example's). */
export function editorCheckWorkflow(): { workflow: Workflow; nodeName: string } {
	const node = CREATE_NODE;
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
