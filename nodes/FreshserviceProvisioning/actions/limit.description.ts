/** Return All and Limit, as every listing operation shows and reads them. */

import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isBlank, toBoolean, toLimit } from '../provisioning/values';

export function returnAllProperties(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** How many records the item asks for: undefined under Return All. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false);
	if (!isBlank(returnAll) && toBoolean('Return All', returnAll)) return undefined;
	return toLimit('Limit', context.getNodeParameter('limit', itemIndex, 50));
}
