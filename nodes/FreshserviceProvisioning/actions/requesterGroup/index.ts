import type { INodeProperties } from 'n8n-workflow';

import * as addMembers from './addMembers.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as removeMembers from './removeMembers.operation';

export { addMembers, create, getAll, getMembers, removeMembers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['requesterGroup'] } },
		options: [
			{
				name: 'Add Members',
				value: 'addMembers',
				description: 'Add requesters to a manual requester group; those already in it are left as they are',
				action: 'Add members to a requester group',
			},
			{ name: 'Create', value: 'create', description: 'Create a manual requester group', action: 'Create a requester group' },
			{ name: 'Get Many', value: 'getAll', description: 'List requester groups, manual and rule-based', action: 'Get many requester groups' },
			{ name: 'Get Members', value: 'getMembers', description: 'List the requesters in a requester group', action: 'Get the members of a requester group' },
			{
				name: 'Remove Members',
				value: 'removeMembers',
				description: 'Remove requesters from a manual requester group; those not in it are left as they are',
				action: 'Remove members from a requester group',
			},
		],
		default: 'addMembers',
	},
	...addMembers.description,
	...removeMembers.description,
	...getMembers.description,
	...getAll.description,
	...create.description,
];
