import type { INodeProperties } from 'n8n-workflow';

import * as convertToAgent from './convertToAgent.operation';
import * as convertToRequester from './convertToRequester.operation';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as permanentlyDelete from './permanentlyDelete.operation';
import * as reactivate from './reactivate.operation';
import * as syncRoster from './syncRoster.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { convertToAgent, convertToRequester, create, deactivate, get, getAll, permanentlyDelete, reactivate, syncRoster, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Convert to Agent',
				value: 'convertToAgent',
				description: 'Make a requester an agent (same ID), with the roles you choose',
				action: 'Convert a user to an agent',
			},
			{
				name: 'Convert to Requester',
				value: 'convertToRequester',
				description: 'Make an agent a requester (same ID)',
				action: 'Convert a user to a requester',
			},
			{ name: 'Create', value: 'create', description: 'Create a requester or an agent', action: 'Create a user' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a user',
			},
			{ name: 'Deactivate', value: 'deactivate', description: 'Deactivate a user, found by email or ID', action: 'Deactivate a user' },
			{ name: 'Get', value: 'get', description: 'Get a user, found by email or ID', action: 'Get a user' },
			{ name: 'Get Many', value: 'getAll', description: 'List requesters or agents', action: 'Get many users' },
			{
				name: 'Permanently Delete',
				value: 'permanentlyDelete',
				description: 'Delete a user and all the tickets they requested, for good; cannot be undone',
				action: 'Permanently delete a user',
			},
			{
				name: 'Reactivate',
				value: 'reactivate',
				description: 'Reactivate a deactivated user, found by email or ID',
				action: 'Reactivate a user',
			},
			{
				name: 'Sync Roster',
				value: 'syncRoster',
				description: 'Make Freshservice match a whole HR roster (every input item is one person), optionally deactivating those missing from it',
				action: 'Sync a roster of users',
			},
			{ name: 'Update', value: 'update', description: 'Change a user, found by email or ID', action: 'Update a user' },
		],
		default: 'create',
	},
	...create.description,
	...update.description,
	...upsert.description,
	...syncRoster.description,
	...deactivate.description,
	...get.description,
	...getAll.description,
	...reactivate.description,
	...convertToAgent.description,
	...convertToRequester.description,
	...permanentlyDelete.description,
];
