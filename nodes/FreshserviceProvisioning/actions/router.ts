import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidValueError } from '../provisioning/values';
import type { FreshserviceSession } from '../transport/session';
import { createSession } from '../transport/session';
import type { FreshserviceProvisioningType } from './node.type';
import type { RequestSettings } from './requestOptions.description';
import { readRequestSettings } from './requestOptions.description';
import * as employeeRequest from './employeeRequest';
import * as requesterGroup from './requesterGroup';
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
	onboardingRequest: employeeRequest.operations('onboarding'),
	offboardingRequest: employeeRequest.operations('offboarding'),
	requesterGroup: {
		addMembers: requesterGroup.addMembers.execute,
		removeMembers: requesterGroup.removeMembers.execute,
		getMembers: requesterGroup.getMembers.execute,
		getAll: requesterGroup.getAll.execute,
		create: requesterGroup.create.execute,
	},
};

/**
 * What an operation that takes every input item at once returns for each output item: the item,
 * or a failure the router words as n8n shows it (under Continue an error item, paired as given).
 */
export type WholeInputResult = INodeExecutionData | { error: unknown; itemIndex?: number; pairedItem: IPairedItemData | IPairedItemData[] };

/** What an operation that takes every input item at once gives: the main output, and a summary for the second output. */
export interface WholeInputRun {
	items: WholeInputResult[];
	/** One item on the Summary output (Sync Roster), paired with every input item. */
	summary?: INodeExecutionData;
}

/**
 * Operations that need all items together (Sync Roster: the items are one roster). They pair
 * every output item themselves, and throw only for what stops the whole run.
 */
type WholeInputOperation = (this: IExecuteFunctions, session: FreshserviceSession, settings: RequestSettings) => Promise<WholeInputRun>;

const wholeInputOperations: { [R in FreshserviceProvisioningType['resource']]: Partial<Record<string, WholeInputOperation>> } = {
	user: { syncRoster: user.syncRoster.execute },
	onboardingRequest: {},
	offboardingRequest: {},
	requesterGroup: {},
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

/** Outcomes that change nothing in Freshservice (the `would…` forms of Dry Run aside). */
const NOTHING_WRITTEN = new Set(['found', 'unchanged', 'alreadyDeactivated', 'notFound', 'skipped']);

/** "created ada@example.com" for an output item that changed a user; undefined when it changed nothing. */
function writtenBy(json: IDataObject): string | undefined {
	const provisioning = json.provisioning as { action?: unknown; dryRun?: unknown } | undefined;
	const action = provisioning?.action;
	if (typeof action !== 'string' || provisioning?.dryRun === true || NOTHING_WRITTEN.has(action) || action.startsWith('would')) return undefined;
	const who = json.primary_email ?? json.email ?? (json.id !== undefined ? `the user with ID ${String(json.id)}` : undefined);
	return who === undefined ? action : `${action} ${String(who)}`;
}

/**
 * The error that stops the node, completed with what the items after the failing one did: they
 * were under way beside it (Parallel Requests) and were let finish, but their output is not passed
 * on, so the error is the only place the user can read which of them wrote and how.
 */
function stoppingError(
	failed: { itemIndex: number; error: NodeApiError | NodeOperationError },
	after: Array<{ itemIndex: number; output?: INodeExecutionData[]; error?: NodeApiError | NodeOperationError }>,
): NodeApiError | NodeOperationError {
	const written = after.flatMap(({ itemIndex, output }) =>
		(output ?? []).flatMap(({ json }) => {
			const what = writtenBy(json);
			return what === undefined ? [] : [{ itemIndex, what }];
		}),
	);
	const alsoFailed = after.filter((outcome) => outcome.error !== undefined);
	if (written.length === 0 && alsoFailed.length === 0) return failed.error;
	const { error } = failed;
	if (written.length > 0) {
		const indexes = [...new Set(written.map((entry) => entry.itemIndex))];
		error.message =
			`${error.message.replace(/\.$/, '')}. ${indexes.length === 1 ? 'Item' : 'Items'} ${indexes.join(', ')}, after it, ${indexes.length === 1 ? 'was' : 'were'} written before the node stopped: ` +
			written.map((entry) => `item ${entry.itemIndex} ${entry.what}`).join(', ');
	}
	const started = after.map((outcome) => outcome.itemIndex).join(', ');
	error.description = [
		error.description,
		`Parallel Requests had item${after.length === 1 ? '' : 's'} ${started} under way when item ${failed.itemIndex} failed; ` +
			'they were let finish rather than cut off halfway, and their output is not passed on. No later item was started.',
		...alsoFailed.map((outcome) => `Item ${outcome.itemIndex} failed too: ${outcome.error!.message}`),
		'Set Parallel Requests to 1 to stop at the first failure with nothing after it under way, or On Error to Continue to get every item\'s outcome.',
	]
		.filter(Boolean)
		.join('\n');
	return error;
}

/** The main output, and the Summary output (empty when the operation gave no summary, or failed whole). */
async function runWholeInput(context: IExecuteFunctions, run: WholeInputOperation, session: FreshserviceSession, settings: RequestSettings): Promise<INodeExecutionData[][]> {
	let result: WholeInputRun;
	try {
		result = await run.call(context, session, settings);
	} catch (error) {
		const nodeError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error);
		if (!context.continueOnFail()) throw nodeError;
		// Under Continue, a failure of the whole run is one error item, from every input item.
		return [[{ json: errorJson(nodeError), pairedItem: context.getInputData().map((_, item) => ({ item })) }], []];
	}
	const items = result.items.map((item) => {
		if ('json' in item) return item;
		const nodeError = asNodeError(context, item.error, item.itemIndex ?? 0);
		return { json: errorJson(nodeError), pairedItem: item.pairedItem };
	});
	return [items, result.summary ? [result.summary] : []];
}

/**
 * Runs the chosen operation once per input item, up to Parallel Requests items at a time; every
 * item yields output or one error item, in the input's order. Without On Error → Continue, the
 * first failing item in input order stops the node as it would one item at a time: no item after
 * it is started, the items already under way are let finish (a write cut off halfway would leave
 * its outcome unknown), and then that error is thrown, naming what those items wrote.
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
	if (wholeInput) return await runWholeInput(this, wholeInput, session, settings);
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	// Without Continue: every failure, so that the first in input order can be thrown and the others told.
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	const stop: { first?: { itemIndex: number; error: NodeApiError | NodeOperationError } } = {};
	const stopAt = (itemIndex: number, error: NodeApiError | NodeOperationError) => {
		failures.set(itemIndex, error);
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
	if (stop.first) {
		const { itemIndex: failedAt } = stop.first;
		const after = [];
		for (let itemIndex = failedAt + 1; itemIndex < items.length; itemIndex++) {
			if (results[itemIndex] !== undefined || failures.has(itemIndex)) after.push({ itemIndex, output: results[itemIndex], error: failures.get(itemIndex) });
		}
		throw stoppingError(stop.first, after);
	}
	return [results.flat()];
}
