/**
 * The webhook examples of examples/, fired through n8n's main process in queue mode and judged by
 * the single-process suite's own checks (e2e/cases.ts), so both suites expect the same output and
 * the same Freshservice records.
 */
import { loadExample, type Workflow, type WorkflowNode } from '../../scripts/lib/examples';
import { buildCases, type CaseContext, type E2eCase } from '../cases';

const WEBHOOK = 'n8n-nodes-base.webhook';

export interface WebhookExample {
	testCase: E2eCase;
	/** The example as a user imports it, with its real Webhook trigger. */
	workflow: Workflow;
	webhookPath: string;
	/** The request body the single-process suite feeds the same workflow. */
	body: Record<string, unknown>;
	/** Whether the webhook answers as soon as it is called, before the workflow runs. */
	answersOnReceipt: boolean;
}

function webhookTrigger(workflow: Workflow): WorkflowNode | undefined {
	return workflow.nodes.find((node) => node.type === WEBHOOK);
}

/**
 * The single-process suite replaces a Webhook trigger by a node of the same name that outputs what
 * the webhook would have received (e2e/variants.ts); the body it feeds is read back from there.
 */
function bodyFedBySuite(variant: Workflow, triggerName: string): Record<string, unknown> {
	const standIn = variant.nodes.find((node) => node.name === triggerName);
	const received = JSON.parse(String(standIn?.parameters.jsonOutput ?? 'null')) as { body?: Record<string, unknown> } | null;
	if (!received?.body) throw new Error(`"${variant.name}": no webhook body found in the e2e variant's "${triggerName}" node`);
	return received.body;
}

export function webhookExamples(context: CaseContext): WebhookExample[] {
	const examples: WebhookExample[] = [];
	for (const testCase of buildCases(context)) {
		if (!testCase.example) continue;
		const workflow = loadExample(testCase.example);
		const trigger = webhookTrigger(workflow);
		if (!trigger) continue;
		examples.push({
			testCase,
			workflow,
			webhookPath: String(trigger.parameters.path),
			body: bodyFedBySuite(testCase.workflow, trigger.name),
			answersOnReceipt: trigger.parameters.responseMode === 'onReceived',
		});
	}
	return examples;
}
