import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserReference } from './locator';

export function userNotFound(
	context: IExecuteFunctions,
	reference: UserReference,
	parameter: string,
	itemIndex: number,
): NodeOperationError {
	const what = reference.by === 'email' ? `the email ${reference.label}` : reference.label;
	return new NodeOperationError(context.getNode(), `No Freshservice user (requester or agent) has ${what}`, {
		itemIndex,
		description: `Double-check the value in '${parameter}'.`,
	});
}
