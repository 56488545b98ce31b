import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { requestOptionsProperty } from './actions/requestOptions.description';
import * as employeeRequest from './actions/employeeRequest';
import * as requesterGroup from './actions/requesterGroup';
import * as user from './actions/user';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class FreshserviceProvisioning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Freshservice Provisioning',
		name: 'freshserviceProvisioning',
		icon: { light: 'file:freshservice.svg', dark: 'file:freshservice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find and deactivate Freshservice requesters and agents, and open onboarding and offboarding requests, from HR events',
		defaults: { name: 'Freshservice Provisioning' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Sync Roster: one item per person on the first output, its summary on the second.
		outputs: `={{ $parameter.resource === "user" && $parameter.operation === "syncRoster" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Users" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Summary" }] : ["${NodeConnectionTypes.Main}"] }}`,
		credentials: [{ name: 'freshserviceProvisioningApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Offboarding Request', value: 'offboardingRequest' },
					{ name: 'Onboarding Request', value: 'onboardingRequest' },
					{ name: 'Requester Group', value: 'requesterGroup' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
			},
			...user.description,
			...employeeRequest.onboardingDescription,
			...employeeRequest.offboardingDescription,
			...requesterGroup.description,
			requestOptionsProperty,
		],
	};

	methods = { loadOptions, listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
