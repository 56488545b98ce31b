import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidValueError } from '../provisioning/values';
import type { FreshserviceSession } from '../transport/session';
import { createSession } from '../transport/session';
import type { FreshserviceProvisioningType } from './node.type';
import * as user from './user';

type Operation = (this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession) => Promise<IDataObject[]>;

const operations: { [R in FreshserviceProvisioningType['resource']]: Record<string, Operation> } = {
	user: {
		create: user.create.execute,
		update: user.update.execute,
		upsert: user.upsert.execute,
		deactivate: user.deactivate.execute,
		get: user.get.execute,
		getAll: user.getAll.execute,
	},
};

/** Every failure as the error n8n shows, naming the item; local value problems name the parameter. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof InvalidValueError) {
		return new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: `Fix the value of '${error.parameter}'. Nothing was sent to Freshservice for this item.`,
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** Runs the chosen operation once per input item; every item yields output or one error item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as FreshserviceProvisioningType['resource'];
	const returnData: INodeExecutionData[] = [];
	const session = createSession(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		try {
			const run = operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, { itemIndex });
			}
			const results = await run.call(this, itemIndex, session);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(results), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			returnData.push({
				json: {
					error: nodeError.message,
					...(nodeError.description ? { description: nodeError.description } : {}),
					...(nodeError instanceof NodeApiError && nodeError.httpCode ? { httpCode: nodeError.httpCode } : {}),
				},
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}
