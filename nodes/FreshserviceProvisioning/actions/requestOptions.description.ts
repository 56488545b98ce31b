import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidValueError, isBlank } from '../provisioning/values';
import { DEFAULT_TIMEOUT_MS } from '../transport/session';

/**
 * How many items are worked on at once. Five keeps an Enterprise account (500 calls a minute) at
 * its ceiling up to about 600 ms per answer, and stays well inside the limiter's window budget;
 * see the README's Performance section for the measurements behind it.
 */
export const DEFAULT_PARALLEL_REQUESTS = 5;
export const MAX_PARALLEL_REQUESTS = 10;
const MAX_TIMEOUT_SECONDS = 300;
const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;

/** Settings of the whole execution, shown for every operation; read once, from the first item. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS, numberPrecision: 0 },
			default: DEFAULT_PARALLEL_REQUESTS,
			description:
				"How many items to work on at the same time (1 to 10). Output keeps the input's order either way; the node paces all of them under the account's rate limit.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long to wait for each answer from Freshservice. A request without an answer by then fails its item; reads, updates and deactivations are first tried again until three timeouts (at least 30 s) have been spent in all.',
		},
	],
};

export interface RequestSettings {
	parallelRequests: number;
	timeoutMs: number;
}

function wholeNumber(parameter: string, value: unknown, min: number, max: number, fallback: number): number {
	if (isBlank(value)) return fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
		throw new InvalidValueError(parameter, `'${parameter}' must be a number from ${min} to ${max}, not ${JSON.stringify(value)}`);
	}
	return number;
}

/** The Request Options of this execution, checked. */
export function readRequestSettings(context: IExecuteFunctions): RequestSettings {
	const options = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const parallel = wholeNumber('Parallel Requests', options.parallelRequests, 1, MAX_PARALLEL_REQUESTS, DEFAULT_PARALLEL_REQUESTS);
	if (!Number.isInteger(parallel)) {
		throw new InvalidValueError('Parallel Requests', `'Parallel Requests' must be a whole number from 1 to ${MAX_PARALLEL_REQUESTS}, not ${parallel}`);
	}
	const timeoutSeconds = wholeNumber('Timeout (Seconds)', options.timeout, 1, MAX_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS);
	return { parallelRequests: parallel, timeoutMs: Math.round(timeoutSeconds * 1000) };
}
