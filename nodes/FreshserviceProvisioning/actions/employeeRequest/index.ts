/**
 * Resources Onboarding Request and Offboarding Request: the same four operations on
 * `/onboarding_requests` and `/offboarding_requests`, which share one shape.
 */

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { EmployeeRequestKind } from '../../provisioning/onboardingForm';
import type { FreshserviceSession } from '../../transport/session';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { RESOURCES } from './resources';

export { RESOURCES, kindOfResource } from './resources';

type Operation = (this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession) => Promise<IDataObject[]>;

/** The operations of one resource, for the router. */
export function operations(kind: EmployeeRequestKind): Record<'create' | 'get' | 'getAll' | 'getTickets', Operation> {
	return { create: create.execute(kind), get: get.execute(kind), getAll: getAll.execute(kind), getTickets: get.executeTickets(kind) };
}

function descriptionFor(kind: EmployeeRequestKind): INodeProperties[] {
	const name = kind === 'onboarding' ? 'an onboarding request' : 'an offboarding request';
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [RESOURCES[kind]] } },
			options: [
				{
					name: 'Create',
					value: 'create',
					description: `Open ${name} from the instance's form, unless the same person already has one`,
					action: `Create ${name}`,
				},
				{ name: 'Get', value: 'get', description: `Get ${name} by ID`, action: `Get ${name}` },
				{ name: 'Get Many', value: 'getAll', description: `List ${kind} requests`, action: `Get many ${kind} requests` },
				{ name: 'Get Tickets', value: 'getTickets', description: `List the tickets raised for ${name}`, action: `Get the tickets of ${name}` },
			],
			default: 'create',
		},
		...create.description(kind),
		...get.description(kind, ['get', 'getTickets']),
		...getAll.description(kind),
	];
}

export const onboardingDescription = descriptionFor('onboarding');
export const offboardingDescription = descriptionFor('offboarding');
