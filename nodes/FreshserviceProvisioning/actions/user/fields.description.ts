import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { UserField } from '../../provisioning/fields';
import { ASSIGNMENT_SCOPES, CUSTOM_FIELDS_PARAMETER, ROLES_PARAMETER, USER_FIELDS } from '../../provisioning/fields';
import { isBlank, toBoolean } from '../../provisioning/values';

type FieldUi = Omit<INodeProperties, 'displayName' | 'name'>;

const text = (description: string, placeholder?: string): FieldUi => ({
	type: 'string',
	default: '',
	description,
	...(placeholder ? { placeholder } : {}),
});

/** How each field of USER_FIELDS looks in the editor. */
const FIELD_UI: Record<string, FieldUi> = {
	firstName: text('First name of the user'),
	email: text('Primary email address: the user\'s login and the key this node matches people by', 'name@email.com'),
	lastName: text('Last name of the user'),
	jobTitle: text('Job title of the user'),
	secondaryEmails: text('Other addresses of a requester, separated by commas', 'jane@old-domain.com, j.doe@example.com'),
	workPhoneNumber: text('Work phone number'),
	mobilePhoneNumber: text('Mobile phone number'),
	departmentIds: {
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getDepartments' },
		default: [],
		description:
			'Departments the user belongs to. Choose from the list, or specify names or IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	canSeeAllTicketsFromAssociatedDepartments: {
		type: 'boolean',
		default: false,
		description: 'Whether the user may see all tickets raised by members of their departments',
	},
	reportingManagerId: text('The reporting manager: their email (looked up once per run) or their Freshservice ID', 'manager@example.com'),
	address: text('Postal address of the user'),
	timeZone: text('Time zone name as Freshservice spells it', 'Eastern Time (US & Canada)'),
	timeFormat: {
		type: 'options',
		options: [
			{ name: '12 Hour', value: '12h' },
			{ name: '24 Hour', value: '24h' },
		],
		default: '12h',
		description: 'How times are shown to the user',
	},
	language: text('Language code, like en, de or pt-BR', 'en'),
	locationId: {
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLocations' },
		default: '',
		description:
			'Location of the user. Choose from the list, or specify a name or an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	backgroundInformation: text('Background information about the user'),
	externalId: text('ID of the person in the HR system, for requesters'),
	occasional: {
		type: 'boolean',
		default: false,
		description: 'Whether the agent is occasional (logs in a few times a month) rather than full-time',
	},
	signature: text('Signature the agent\'s replies end with, in HTML'),
	scoreboardLevelId: {
		type: 'options',
		options: [
			{ name: 'Beginner', value: 1 },
			{ name: 'Expert', value: 4 },
			{ name: 'Guru', value: 6 },
			{ name: 'Intermediate', value: 2 },
			{ name: 'Master', value: 5 },
			{ name: 'Professional', value: 3 },
		],
		default: 1,
		description: 'Level of the agent in the Arcade',
	},
	memberOf: {
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getGroups' },
		default: [],
		description:
			'Agent groups the agent is a member of. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	observerOf: {
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getGroups' },
		default: [],
		description:
			'Agent groups the agent observes. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	workspaceIds: text('IDs of the workspaces the agent is added to, separated by commas'),
};

const ROLES_UI: INodeProperties = {
	displayName: ROLES_PARAMETER.displayName,
	name: ROLES_PARAMETER.parameter,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Role',
	default: {},
	description: 'Roles of the agent and where each applies. Freshservice needs at least one to create an agent.',
	options: [
		{
			displayName: 'Role',
			name: 'role',
			values: [
				{
					displayName: 'Role Name or ID',
					name: 'roleId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getRoles' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Assignment Scope',
					name: 'assignmentScope',
					type: 'options',
					options: ASSIGNMENT_SCOPES.map((scope) => ({
						name: {
							entire_helpdesk: 'Entire Helpdesk',
							member_groups: 'Member Groups',
							specified_groups: 'Specified Groups',
							assigned_items: 'Assigned Items',
						}[scope],
						value: scope,
					})),
					default: 'entire_helpdesk',
					description: 'Where the agent may use the role\'s permissions',
				},
				{
					displayName: 'Group Names or IDs',
					name: 'groupIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getGroups' },
					default: [],
					displayOptions: { show: { assignmentScope: ['specified_groups'] } },
					description:
						'Groups the role applies to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			],
		},
	],
};

const CUSTOM_FIELDS_UI: INodeProperties = {
	displayName: CUSTOM_FIELDS_PARAMETER.displayName,
	name: CUSTOM_FIELDS_PARAMETER.parameter,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'name',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFields', loadOptionsDependsOn: ['/userType'] },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'For checkbox fields use true or false',
				},
			],
		},
	],
};

function onlyFor(field: UserField): INodeProperties['displayOptions'] {
	const types = Object.keys(field.api);
	return types.length === 1 ? { show: { '/userType': types } } : undefined;
}

/** The optional fields as collection options, sorted as n8n lists them. */
export function optionalFieldOptions(options: { exclude: string[]; filterByUserType: boolean }): INodeProperties[] {
	const plain = USER_FIELDS.filter((field) => !options.exclude.includes(field.parameter)).map(
		(field): INodeProperties => ({
			displayName: field.displayName,
			name: field.parameter,
			...FIELD_UI[field.parameter],
			...(options.filterByUserType && onlyFor(field) ? { displayOptions: onlyFor(field) } : {}),
		}),
	);
	const structured = [CUSTOM_FIELDS_UI, ...(options.filterByUserType ? [] : [ROLES_UI])];
	return [...plain, ...structured].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const rolesProperty = ROLES_UI;

const userTypeOptions: INodePropertyOptions[] = [
	{ name: 'Agent', value: 'agent', description: 'A member of the service desk team' },
	{ name: 'Requester', value: 'requester', description: 'An employee who raises requests' },
];

/** The `userType` parameter of one operation. */
export function userTypeProperty(operation: string, description: string): INodeProperties {
	return {
		displayName: 'User Type',
		name: 'userType',
		type: 'options',
		options: userTypeOptions,
		default: 'requester',
		description,
		displayOptions: { show: { resource: ['user'], operation: [operation] } },
	};
}

/** Dry Run, offered in the Options of every write operation; read it with `readDryRun`. */
export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only report what would be done: every lookup still happens, no change is sent to Freshservice, and each item says what a real run would do (wouldCreate, wouldUpdate...)',
};

/** The Options collection of one operation (Dry Run and the operation's own settings), sorted as n8n lists them: a user operation by name, or any resource's by its `show`. */
export function optionsProperty(operation: string | NonNullable<IDisplayOptions['show']>, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: typeof operation === 'string' ? { resource: ['user'], operation: [operation] } : operation },
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The Dry Run setting of one item: off unless set; an expression must give true or false. */
export function readDryRun(context: IExecuteFunctions, itemIndex: number): boolean {
	const value = (context.getNodeParameter('options', itemIndex, {}) as IDataObject).dryRun;
	return isBlank(value) ? false : toBoolean(dryRunOption.displayName, value);
}
