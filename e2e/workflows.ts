/** Workflows the suite builds itself, for operations no example covers: Manual Trigger → input → node. */
import { EXAMPLE_CREDENTIAL, CREDENTIAL_TYPE, NODE_TYPE, type Workflow, type WorkflowNode } from '../scripts/lib/examples';
import { jsonNode, manualNode } from './variants';

export interface NodeUnderTest {
	name: string;
	parameters: Record<string, unknown>;
	/** n8n's per-node error setting; 'continueRegularOutput' is "On Error: Continue". */
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
}

/**
 * Manual Trigger → "Input" (the given items) → the Freshservice Provisioning node. Several input
 * items go through a Split Out node, as a roster would arrive.
 */
export function nodeWorkflow(id: string, name: string, input: object | object[], node: NodeUnderTest): Workflow {
	const nodes: WorkflowNode[] = [manualNode('Run (e2e)', [0, 0])];
	const chain: string[] = ['Run (e2e)'];
	if (Array.isArray(input)) {
		nodes.push(jsonNode('Input', { people: input }, [220, 0]), {
			id: 'e2e-split',
			name: 'One item per person',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, 0],
			parameters: { fieldToSplitOut: 'people', options: {} },
		});
		chain.push('Input', 'One item per person');
	} else {
		nodes.push(jsonNode('Input', input, [220, 0]));
		chain.push('Input');
	}
	nodes.push({
		id: 'e2e-node-under-test',
		name: node.name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [660, 0],
		parameters: { resource: 'user', ...node.parameters },
		credentials: { [CREDENTIAL_TYPE]: { ...EXAMPLE_CREDENTIAL } },
		...(node.onError ? { onError: node.onError } : {}),
	});
	chain.push(node.name);
	const connections: Workflow['connections'] = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A resource locator value "by email", as the editor saves it. */
export function byEmail(value: string): Record<string, unknown> {
	return { __rl: true, mode: 'email', value };
}
