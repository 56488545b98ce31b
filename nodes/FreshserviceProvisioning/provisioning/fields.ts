/**
 * The one list of user fields: the node's parameter name, what the user reads, and the key
 * Freshservice expects for each user type. Anything the API does not list is never sent.
 */

export type UserType = 'requester' | 'agent';

export type FieldKind =
	| 'text'
	| 'email'
	| 'emailList'
	| 'id'
	| 'idList'
	| 'boolean'
	| 'timeFormat';

export interface UserField {
	/** The node parameter's name: part of saved workflows, never renamed. */
	parameter: string;
	displayName: string;
	kind: FieldKind;
	/** The API key per user type; a type without a key cannot take the field. */
	api: Partial<Record<UserType, string>>;
}

const both = (key: string): Record<UserType, string> => ({ requester: key, agent: key });

export const USER_FIELDS: readonly UserField[] = [
	{ parameter: 'firstName', displayName: 'First Name', kind: 'text', api: both('first_name') },
	{ parameter: 'email', displayName: 'Email', kind: 'email', api: { requester: 'primary_email', agent: 'email' } },
	{ parameter: 'lastName', displayName: 'Last Name', kind: 'text', api: both('last_name') },
	{ parameter: 'jobTitle', displayName: 'Job Title', kind: 'text', api: both('job_title') },
	{ parameter: 'secondaryEmails', displayName: 'Secondary Emails', kind: 'emailList', api: { requester: 'secondary_emails' } },
	{ parameter: 'workPhoneNumber', displayName: 'Work Phone Number', kind: 'text', api: both('work_phone_number') },
	{ parameter: 'mobilePhoneNumber', displayName: 'Mobile Phone Number', kind: 'text', api: both('mobile_phone_number') },
	{ parameter: 'departmentIds', displayName: 'Department Names or IDs', kind: 'idList', api: both('department_ids') },
	{
		parameter: 'canSeeAllTicketsFromAssociatedDepartments',
		displayName: 'Can See All Tickets From Associated Departments',
		kind: 'boolean',
		api: both('can_see_all_tickets_from_associated_departments'),
	},
	{ parameter: 'reportingManagerId', displayName: 'Reporting Manager Email or ID', kind: 'id', api: both('reporting_manager_id') },
	{ parameter: 'address', displayName: 'Address', kind: 'text', api: both('address') },
	{ parameter: 'timeZone', displayName: 'Time Zone', kind: 'text', api: both('time_zone') },
	{ parameter: 'timeFormat', displayName: 'Time Format', kind: 'timeFormat', api: both('time_format') },
	{ parameter: 'language', displayName: 'Language', kind: 'text', api: both('language') },
	{ parameter: 'locationId', displayName: 'Location Name or ID', kind: 'id', api: both('location_id') },
	{ parameter: 'backgroundInformation', displayName: 'Background Information', kind: 'text', api: both('background_information') },
	{ parameter: 'externalId', displayName: 'External ID', kind: 'text', api: { requester: 'external_id' } },
	{ parameter: 'occasional', displayName: 'Occasional Agent', kind: 'boolean', api: { agent: 'occasional' } },
	{ parameter: 'signature', displayName: 'Signature', kind: 'text', api: { agent: 'signature' } },
	{ parameter: 'scoreboardLevelId', displayName: 'Scoreboard Level', kind: 'id', api: { agent: 'scoreboard_level_id' } },
	{ parameter: 'memberOf', displayName: 'Member of Group Names or IDs', kind: 'idList', api: { agent: 'member_of' } },
	{ parameter: 'observerOf', displayName: 'Observer of Group Names or IDs', kind: 'idList', api: { agent: 'observer_of' } },
	{ parameter: 'workspaceIds', displayName: 'Workspace IDs', kind: 'idList', api: { agent: 'workspace_ids' } },
];

/** Parameters that are not plain fields but structured ones, handled by their own mapping. */
export const CUSTOM_FIELDS_PARAMETER = { parameter: 'customFields', displayName: 'Custom Fields', api: 'custom_fields' };
export const ROLES_PARAMETER = { parameter: 'roles', displayName: 'Roles', api: 'roles' };

export const ASSIGNMENT_SCOPES = ['entire_helpdesk', 'member_groups', 'specified_groups', 'assigned_items'] as const;
export type AssignmentScope = (typeof ASSIGNMENT_SCOPES)[number];

/** The API's email key for a user type: `primary_email` or `email`. */
export function emailKey(userType: UserType): string {
	return userType === 'agent' ? 'email' : 'primary_email';
}

/** The parameter a Freshservice field error points at, for messages: `primary_email` → `Email`. */
export function displayNameForApiField(apiField: string): string | undefined {
	const plain = USER_FIELDS.find((field) => Object.values(field.api).includes(apiField));
	if (plain) return plain.displayName;
	if (apiField === CUSTOM_FIELDS_PARAMETER.api || apiField.startsWith('custom_fields')) return CUSTOM_FIELDS_PARAMETER.displayName;
	if (apiField === ROLES_PARAMETER.api || apiField.startsWith('roles')) return ROLES_PARAMETER.displayName;
	return undefined;
}
