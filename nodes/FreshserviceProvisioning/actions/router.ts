import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { deepCopy, isSafeObjectProperty, NodeApiError, NodeOperationError } from 'n8n-workflow';

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
};

/** Whether a raw parameter value holds an expression anywhere (`={{ ... }}` strings). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * `={{ $json.name }}` or `={{ $json["name"] }}`, and nothing else: what n8n's editor writes when a
 * field of the input is dragged onto a parameter, so what most per-person parameters hold.
 */
const INPUT_FIELD_EXPRESSION = /^=\{\{\s*\$json\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])\s*\}\}$/;

/** The input field a raw parameter value reads, when it is no more than that read. */
export function inputFieldOf(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = INPUT_FIELD_EXPRESSION.exec(value);
	const field = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
	// n8n refuses to read some names (`__proto__`, `constructor`, ...): left to n8n to say so.
	return field !== undefined && isSafeObjectProperty(field) ? field : undefined;
}

/**
 * The context the operations run in: n8n's own, with two shortcuts to the value n8n would give.
 * A parameter whose value holds no expression is resolved once per execution rather than once per
 * item: n8n would resolve it to the same value for every item. A parameter that only reads a text,
 * number or true/false field of the item (`={{ $json.email }}`) takes that field's value: n8n's
 * answer, without building its expression context for each item, which costs more than the
 * request on a fast network. Every other expression, and such a read of a missing field or of an
 * object, is resolved by n8n for every item as usual. Callers get their own copy of objects.
 */
export function withResolvedParameters(context: IExecuteFunctions): IExecuteFunctions {
	const raw = context.getNode().parameters;
	const items = context.getInputData();
	// What each parameter's raw value is, looked at once per execution rather than once per read.
	const shapes = new Map<string, { present: boolean; expression: boolean; field?: string }>();
	const shapeOf = (name: string) => {
		let shape = shapes.get(name);
		if (shape === undefined) {
			let value: unknown = raw;
			for (const key of name.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
			shape = { present: value !== undefined, expression: holdsExpression(value), field: inputFieldOf(value) };
			shapes.set(name, shape);
		}
		return shape;
	};
	const resolved = new Map<string, unknown>();
	const getNodeParameter = ((name: string, itemIndex: number, fallbackValue?: unknown, options?: IGetNodeParameterOptions) => {
		const shape = shapeOf(name);
		if (shape.field !== undefined && options === undefined) {
			const json = items[itemIndex]?.json;
			const fieldValue = json !== undefined && Object.prototype.hasOwnProperty.call(json, shape.field) ? json[shape.field] : undefined;
			if (typeof fieldValue === 'string' || typeof fieldValue === 'number' || typeof fieldValue === 'boolean') return fieldValue;
		}
		if (shape.expression) return context.getNodeParameter(name, itemIndex, fallbackValue, options);
		// n8n uses the fallback only for a parameter the node holds no value for.
		const key = `${name}\u0000${shape.present ? '' : (JSON.stringify(fallbackValue) ?? '')}\u0000${options === undefined ? '' : JSON.stringify(options)}`;
		if (!resolved.has(key)) resolved.set(key, context.getNodeParameter(name, itemIndex, fallbackValue, options));
		const result = resolved.get(key);
		return result !== null && typeof result === 'object' ? deepCopy(result) : result;
	}) as IExecuteFunctions['getNodeParameter'];
	return Object.assign(Object.create(context) as IExecuteFunctions, { getNodeParameter });
}

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
	const context = withResolvedParameters(this);
	const wholeInput = wholeInputOperations[resource]?.[operation];
	if (wholeInput) return await runWholeInput(context, wholeInput, session, settings);
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
				const output = await run.call(context, itemIndex, session);
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
