import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidValueError } from '../provisioning/values';
import type { FreshserviceSession } from '../transport/session';
import { createSession } from '../transport/session';
import type { FreshserviceProvisioningType } from './node.type';
import type { RequestSettings } from './requestOptions.description';
import { readRequestSettings } from './requestOptions.description';
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
		reactivate: user.reactivate.execute,
		convertToAgent: user.convertToAgent.execute,
		convertToRequester: user.convertToRequester.execute,
		permanentlyDelete: user.permanentlyDelete.execute,
	},
};

/**
 * What an operation that takes every input item at once returns for each output item: the item,
 * or a failure the router words as n8n shows it (under Continue an error item, paired as given).
 */
export type WholeInputResult = INodeExecutionData | { error: unknown; itemIndex?: number; pairedItem: IPairedItemData | IPairedItemData[] };

/**
 * Operations that need all items together (Sync Roster: the items are one roster). They pair
 * every output item themselves, and throw only for what stops the whole run.
 */
type WholeInputOperation = (this: IExecuteFunctions, session: FreshserviceSession) => Promise<WholeInputResult[]>;

const wholeInputOperations: { [R in FreshserviceProvisioningType['resource']]: Partial<Record<string, WholeInputOperation>> } = {
	user: { syncRoster: user.syncRoster.execute },
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

/** An error item's JSON: the message, what to do, and Freshservice's status where there was one. */
function errorJson(nodeError: NodeApiError | NodeOperationError): IDataObject {
	return {
		error: nodeError.message,
		...(nodeError.description ? { description: nodeError.description } : {}),
		...(nodeError instanceof NodeApiError && nodeError.httpCode ? { httpCode: nodeError.httpCode } : {}),
	};
}

async function runWholeInput(context: IExecuteFunctions, run: WholeInputOperation, session: FreshserviceSession): Promise<INodeExecutionData[]> {
	let results: WholeInputResult[];
	try {
		results = await run.call(context, session);
	} catch (error) {
		const nodeError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error);
		if (!context.continueOnFail()) throw nodeError;
		// Under Continue, a failure of the whole run is one error item, from every input item.
		return [{ json: errorJson(nodeError), pairedItem: context.getInputData().map((_, item) => ({ item })) }];
	}
	return results.map((result) => {
		if ('json' in result) return result;
		const nodeError = asNodeError(context, result.error, result.itemIndex ?? 0);
		return { json: errorJson(nodeError), pairedItem: result.pairedItem };
	});
}

/**
 * Runs the chosen operation once per input item, up to Parallel Requests items at a time; every
 * item yields output or one error item, in the input's order. Without On Error → Continue, the
 * first failing item in input order stops the node as it would one item at a time: no item after
 * it is started, the items already under way are let finish (a write cut off halfway would leave
 * its outcome unknown), and then that error is thrown.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as FreshserviceProvisioningType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	let settings: RequestSettings;
	try {
		settings = readRequestSettings(this);
	} catch (error) {
		throw asNodeError(this, error, 0);
	}
	const session = createSession(this, { timeoutMs: settings.timeoutMs });
	const wholeInput = wholeInputOperations[resource]?.[operation];
	if (wholeInput) return [await runWholeInput(this, wholeInput, session)];
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const stop: { first?: { itemIndex: number; error: NodeApiError | NodeOperationError } } = {};
	const stopAt = (itemIndex: number, error: NodeApiError | NodeOperationError) => {
		if (stop.first === undefined || itemIndex < stop.first.itemIndex) stop.first = { itemIndex, error };
	};
	let next = 0;

	const worker = async () => {
		while (next < items.length && stop.first === undefined) {
			const itemIndex = next++;
			try {
				const output = await run.call(this, itemIndex, session);
				// What returnJsonArray and constructExecutionMetaData make, in one object per item
				// instead of two (Return All can give 50,000 of them).
				const pairedItem = { item: itemIndex };
				results[itemIndex] = output.map((json) => ({ json, pairedItem }));
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (continueOnFail) results[itemIndex] = [{ json: errorJson(nodeError), pairedItem: { item: itemIndex } }];
				else stopAt(itemIndex, nodeError);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(settings.parallelRequests, items.length) }, worker));
	if (stop.first) throw stop.first.error;
	return [results.flat()];
}
