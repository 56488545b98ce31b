import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { EmployeeRequestKind } from '../../provisioning/onboardingForm';
import { InvalidValueError, toId } from '../../provisioning/values';
import { getEmployeeRequest, getEmployeeRequestTickets } from '../../transport/onboarding';
import type { FreshserviceSession } from '../../transport/session';
import { requestItem } from './output';
import { RESOURCES } from './resources';

export const REQUEST_ID = { name: 'requestId', displayName: 'Request ID' } as const;

/** Request ID, for Get and Get Tickets. */
export function description(kind: EmployeeRequestKind, operations: string[]): INodeProperties[] {
	return [
		{
			displayName: REQUEST_ID.displayName,
			name: REQUEST_ID.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: '21000009001',
			description: `The ID of the ${kind} request (the ID that Create returns)`,
			displayOptions: { show: { resource: [RESOURCES[kind]], operation: operations } },
		},
	];
}

function readRequestId(context: IExecuteFunctions, itemIndex: number): number {
	return toId(REQUEST_ID.displayName, context.getNodeParameter(REQUEST_ID.name, itemIndex, ''));
}

function notFound(kind: EmployeeRequestKind, id: number): InvalidValueError {
	return new InvalidValueError(REQUEST_ID.displayName, `'${REQUEST_ID.displayName}': Freshservice has no ${kind} request ${id}`);
}

export function execute(kind: EmployeeRequestKind) {
	return async function (this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
		const id = readRequestId(this, itemIndex);
		const record = await getEmployeeRequest(session, kind, id, itemIndex);
		if (record === undefined) throw notFound(kind, id);
		return [requestItem(record, kind, 'found')];
	};
}

/** One item per ticket Freshservice raised for the request, the parent first. */
export function executeTickets(kind: EmployeeRequestKind) {
	return async function (this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
		const id = readRequestId(this, itemIndex);
		const tickets = await getEmployeeRequestTickets(session, kind, id, itemIndex);
		if (tickets === undefined) throw notFound(kind, id);
		return tickets.map((ticket) => ({ ...ticket, requestId: id }));
	};
}
