/** Sync Roster's parameters: Create or Update's mapper and options, deprovisioning, the safety limits. */

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { description as upsertDescription, PARAMETERS as UPSERT } from './upsert.operation';

const show = { resource: ['user'], operation: ['syncRoster'] };
const whenDeprovisioning = { ...show, deprovision: [true] };

export const PARAMETERS = {
	columns: UPSERT.columns,
	deprovision: { name: 'deprovision', displayName: 'Deactivate Users Missing From Roster' },
	scope: { name: 'deprovisionScope', displayName: 'Deprovisioning Scope' },
	domains: { name: 'scopeEmailDomains', displayName: 'Email Domains' },
	department: { name: 'scopeDepartment', displayName: 'Department Name or ID' },
	agents: { name: 'deprovisionAgents', displayName: 'Deactivate Agents Too' },
	maxCount: { name: 'maxDeactivations', displayName: 'Safety Limit: Users' },
	maxPercent: { name: 'maxDeactivationPercent', displayName: 'Safety Limit: Percent of Scope' },
	maxReactivations: { name: 'maxReactivations', displayName: 'Reactivation Limit: Users' },
	maxReactivationPercent: { name: 'maxReactivationPercent', displayName: 'Reactivation Limit: Percent of Roster' },
	output: { name: 'output', displayName: 'Output' },
} as const;

/** One of Create or Update's parameters, shown for Sync Roster. */
function fromUpsert(name: string, extraShow: IDataObject = {}): INodeProperties {
	const property = upsertDescription.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`Create or Update has no parameter ${name}`);
	return { ...property, displayOptions: { show: { ...show, ...extraShow } } };
}

const upsertColumns = fromUpsert(UPSERT.columns.name);
const upsertOptions = fromUpsert('options');

export const description: INodeProperties[] = [
	{
		...fromUpsert('userType'),
		description:
			'Whether people missing from Freshservice are created as requesters (employees) or agents (service desk staff); a person found as the other type is left alone unless Convert User Type is on',
	},
	{
		...upsertColumns,
		description:
			"Each person's fields, as for Create or Update: every input item is one person of the roster. Blank values leave a field as it is; use Fields to Clear to empty one.",
		typeOptions: {
			loadOptionsDependsOn: ['userType'],
			resourceMapper: {
				resourceMapperMethod: 'getRosterFields',
				mode: 'upsert',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Match By',
					description:
						'How a roster person is found in Freshservice: by email (primary or secondary, any case), by External ID, or by a text or number custom field such as an employee number',
					hint: 'Email matches primary or secondary emails in any case; External ID or a text or number custom field (an employee number) matches its exact value',
				},
			},
		},
	},
	fromUpsert('roles', { userType: ['agent'] }),
	fromUpsert(UPSERT.clear.name),
	{
		displayName: PARAMETERS.deprovision.displayName,
		name: PARAMETERS.deprovision.name,
		type: 'boolean',
		default: false,
		description:
			'Whether to deactivate the users in a scope you choose who are not in the roster (leavers). Checked against a safety limit before anything is written.',
		displayOptions: { show },
	},
	{
		displayName: PARAMETERS.scope.displayName,
		name: PARAMETERS.scope.name,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Department', value: 'department', description: 'Users in one department' },
			{ name: 'Email Domain', value: 'emailDomain', description: 'Users whose primary email is at one of your domains' },
			{
				name: 'Users This Sync Manages',
				value: 'managed',
				description: 'Users holding a value in the Match By field (External ID or the custom field): those this sync has put there',
			},
		],
		default: 'emailDomain',
		description: 'Which users may be deactivated when they are missing from the roster. Deactivated users, and the owner of the API key, are never touched.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		displayName: PARAMETERS.domains.displayName,
		name: PARAMETERS.domains.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'acme.com, acme.co.uk',
		description: 'Domains of the primary emails in scope, separated by commas',
		displayOptions: { show: { ...whenDeprovisioning, deprovisionScope: ['emailDomain'] } },
	},
	{
		displayName: PARAMETERS.department.displayName,
		name: PARAMETERS.department.name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDepartments' },
		default: '',
		required: true,
		description:
			'The department in scope. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { ...whenDeprovisioning, deprovisionScope: ['department'] } },
	},
	{
		displayName: PARAMETERS.agents.displayName,
		name: PARAMETERS.agents.name,
		type: 'boolean',
		default: false,
		description: 'Whether agents in the scope who are missing from the roster are deactivated too. Off: agents are never deactivated.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		displayName: PARAMETERS.maxCount.displayName,
		name: PARAMETERS.maxCount.name,
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		// DEFAULT_SAFETY_LIMIT.maxCount: n8n's lint wants the literal (a test holds them equal).
		default: 50,
		description:
			'The most users one run may deactivate. Above it, the whole sync stops before any change and says who would have gone: a truncated HR export must not off-board the company.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		displayName: PARAMETERS.maxPercent.displayName,
		name: PARAMETERS.maxPercent.name,
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 10,
		description:
			'The largest share of the scope one run may deactivate, in percent; up to 2 users are always allowed (within the count above). Above it, the whole sync stops before any change.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		displayName: PARAMETERS.maxReactivations.displayName,
		name: PARAMETERS.maxReactivations.name,
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 50,
		description:
			'The most deactivated users one run may reactivate (rehires). Above it, the whole sync stops before any change: an export that wrongly includes former employees must not bring them all back.',
		displayOptions: { show },
	},
	{
		displayName: PARAMETERS.maxReactivationPercent.displayName,
		name: PARAMETERS.maxReactivationPercent.name,
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 10,
		description:
			'The largest share of the roster one run may reactivate, in percent; up to 2 users are always allowed (within the count above). Above it, the whole sync stops before any change.',
		displayOptions: { show },
	},
	{
		...upsertOptions,
		options: [
			...(upsertOptions.options as INodeProperties[]),
			{
				displayName: PARAMETERS.output.displayName,
				name: PARAMETERS.output.name,
				type: 'options',
				options: [
					{ name: 'Every Person', value: 'everyPerson', description: 'One item per roster person and one per deactivated user; the summary on the Summary output' },
					{ name: 'Summary Only', value: 'summaryOnly', description: 'Only the summary (counts, and the failures) on the Summary output; nothing on the main output. For large rosters.' },
				],
				default: 'everyPerson',
			},
		],
	},
];
