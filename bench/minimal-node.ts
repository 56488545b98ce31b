/**
 * The yardstick for the node's overhead: the least a user could write inside n8n to send the same
 * creates. For each item it reads its parameters with `getNodeParameter`, sends one POST through
 * `httpRequestWithAuthentication` with the same credential, and returns the answer paired with its
 * item, Parallel Requests items at a time. No validation, limiter, retries, planning or summary:
 * what is left is n8n's own cost (expressions, the execute context, the credential, its HTTP
 * helper), which any node pays. Run by the same n8n-core harness as the real node (bench/run.ts).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export class MinimalCreateNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Minimal Freshservice Create',
		name: 'minimalFreshserviceCreate',
		group: ['output'],
		version: 1,
		description: 'Creates one requester per item, and nothing else',
		defaults: { name: 'Minimal Freshservice Create' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'freshserviceProvisioningApi', required: true }],
		properties: [
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', default: '' },
			{ displayName: 'Parallel Requests', name: 'parallelRequests', type: 'number', default: 5 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const parallel = this.getNodeParameter('parallelRequests', 0) as number;
		const output: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const item = next++;
				const body = { first_name: this.getNodeParameter('firstName', item), primary_email: this.getNodeParameter('email', item) };
				const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'freshserviceProvisioningApi', {
					method: 'POST',
					url: '/requesters',
					body,
					json: true,
				})) as { requester: IDataObject };
				output[item] = { json: answer.requester, pairedItem: { item } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
		return [output];
	}
}

/** The minimal node's parameters for the creates the real node's bench run makes. */
export const minimalCreateParameters = (parallelRequests: number) => ({
	firstName: '={{ $json.first }}',
	email: '={{ $json.email }}',
	parallelRequests,
});
