/**
 * E2e variants of the example workflows: the same workflow, run headlessly. A Webhook trigger
 * becomes a Manual Trigger feeding a node of the trigger's name that emits what the webhook would
 * (so `$json.body...` and `$('<trigger>')` expressions still resolve); any other trigger becomes a
 * Manual Trigger of the same name; HTTP Request nodes can be pointed at a local fixture server.
 */
import type { Workflow, WorkflowNode } from '../scripts/lib/examples';

const WEBHOOK = 'n8n-nodes-base.webhook';
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';
const RUN_NODE_NAME = 'Run (e2e)';

export interface VariantOptions {
	/** For a Webhook trigger: the request body the webhook receives. */
	webhookBody?: Record<string, unknown>;
	/** HTTP Request node name → URL to call instead. */
	httpUrls?: Record<string, string>;
}

function isTrigger(node: WorkflowNode, workflow: Workflow): boolean {
	const hasInput = Object.values(workflow.connections).some((outputs) =>
		outputs.main.some((targets) => (targets ?? []).some((target) => target.node === node.name)),
	);
	return !hasInput && (node.type === WEBHOOK || /trigger$/i.test(node.type));
}

export function manualNode(name: string, position: [number, number]): WorkflowNode {
	return { id: `e2e-${name}`, name, type: MANUAL_TRIGGER, typeVersion: 1, position, parameters: {} };
}

/** A Set node (raw JSON mode) that outputs one item holding `json`. */
export function jsonNode(name: string, json: unknown, position: [number, number]): WorkflowNode {
	return {
		id: `e2e-${name}`,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify(json), options: {} },
	};
}

export function manualVariant(example: Workflow, options: VariantOptions = {}): Workflow {
	const workflow = JSON.parse(JSON.stringify(example)) as Workflow;
	workflow.name = `${example.name} (e2e)`;
	workflow.active = false;
	const triggers = workflow.nodes.filter((node) => isTrigger(node, workflow));
	if (triggers.length !== 1) {
		throw new Error(`"${example.name}": expected exactly one trigger, found ${triggers.length}`);
	}
	const [trigger] = triggers;
	const index = workflow.nodes.indexOf(trigger);
	if (trigger.type === WEBHOOK) {
		if (!options.webhookBody) throw new Error(`"${example.name}" starts with a webhook: give the e2e variant a body`);
		const [x, y] = trigger.position;
		// What n8n's Webhook node outputs for a JSON POST.
		const received = { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body: options.webhookBody };
		workflow.nodes[index] = jsonNode(trigger.name, received, trigger.position);
		workflow.nodes.push(manualNode(RUN_NODE_NAME, [x - 220, y]));
		workflow.connections[RUN_NODE_NAME] = { main: [[{ node: trigger.name, type: 'main', index: 0 }]] };
	} else {
		workflow.nodes[index] = manualNode(trigger.name, trigger.position);
	}
	for (const [nodeName, url] of Object.entries(options.httpUrls ?? {})) {
		const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
		if (node?.type !== HTTP_REQUEST) throw new Error(`"${example.name}" has no HTTP Request node "${nodeName}"`);
		node.parameters = { ...node.parameters, url };
	}
	return workflow;
}
