// The documented request fields of requesters and agents, and the value lists they are checked against.
// One place for these facts: validation, query and seeding read them from here.

export type FieldType =
	| 'string'
	| 'requiredString'
	| 'email'
	| 'emailList'
	| 'phone'
	| 'boolean'
	| 'userId'
	| 'departmentIds'
	| 'locationId'
	| 'groupIds'
	| 'timeZone'
	| 'timeFormat'
	| 'language'
	| 'customFields'
	| 'roles'
	| 'scoreboardLevel'
	| 'workspaceIds'
	| 'externalId';

export interface FieldSpec {
	type: FieldType;
	maxLength?: number;
}

const TEXT: FieldSpec = { type: 'string', maxLength: 255 };

const SHARED_WRITABLE_FIELDS: Record<string, FieldSpec> = {
	first_name: { type: 'requiredString', maxLength: 255 },
	last_name: TEXT,
	job_title: TEXT,
	work_phone_number: { type: 'phone', maxLength: 255 },
	mobile_phone_number: { type: 'phone', maxLength: 255 },
	department_ids: { type: 'departmentIds' },
	can_see_all_tickets_from_associated_departments: { type: 'boolean' },
	reporting_manager_id: { type: 'userId' },
	address: { type: 'string', maxLength: 2000 },
	time_zone: { type: 'timeZone' },
	time_format: { type: 'timeFormat' },
	language: { type: 'language' },
	location_id: { type: 'locationId' },
	background_information: { type: 'string', maxLength: 65535 },
	custom_fields: { type: 'customFields' },
};

/** Writable requester fields (POST and PUT /requesters). Anything else is `invalid_field`. */
export const REQUESTER_WRITABLE_FIELDS: Record<string, FieldSpec> = {
	...SHARED_WRITABLE_FIELDS,
	primary_email: { type: 'email', maxLength: 255 },
	secondary_emails: { type: 'emailList' },
	external_id: { type: 'externalId', maxLength: 255 },
};

/** Writable agent fields (POST and PUT /agents). external_id is shown in answers but not accepted. */
export const AGENT_WRITABLE_FIELDS: Record<string, FieldSpec> = {
	...SHARED_WRITABLE_FIELDS,
	email: { type: 'email', maxLength: 255 },
	occasional: { type: 'boolean' },
	scoreboard_level_id: { type: 'scoreboardLevel' },
	member_of: { type: 'groupIds' },
	observer_of: { type: 'groupIds' },
	roles: { type: 'roles' },
	signature: { type: 'string', maxLength: 65535 },
	workspace_ids: { type: 'workspaceIds' },
	api_key_enabled: { type: 'boolean' },
};

/** Agent keys retired in 2023: sending them is a 400 (as is any other `*_scope` key). */
export const RETIRED_AGENT_FIELDS = ['scopes', 'group_ids', 'role_ids'];

export function isRetiredAgentField(key: string): boolean {
	return RETIRED_AGENT_FIELDS.includes(key) || key.endsWith('_scope');
}

export const ASSIGNMENT_SCOPES = ['entire_helpdesk', 'member_groups', 'specified_groups', 'assigned_items'] as const;

/** Keys accepted inside one element of `roles`. */
export const ROLE_ASSIGNMENT_KEYS = ['role_id', 'assignment_scope', 'groups', 'workspace_id'];

export const TIME_FORMATS = ['12h', '24h'];

export const SCOREBOARD_LEVELS = [1, 2, 3, 4, 5, 6];

/** Language codes with their labels, as `/requester_fields` lists them for `language`. */
export const LANGUAGES: Record<string, string> = {
	ar: 'Arabic',
	ca: 'Catalan',
	'zh-CN': 'Chinese',
	'zh-TW': 'Chinese (Traditional)',
	cs: 'Czech',
	da: 'Danish',
	nl: 'Dutch',
	en: 'English',
	et: 'Estonian',
	fi: 'Finnish',
	fr: 'French',
	de: 'German',
	hu: 'Hungarian',
	id: 'Indonesian',
	it: 'Italian',
	'ja-JP': 'Japanese',
	ko: 'Korean',
	'nb-NO': 'Norwegian',
	pl: 'Polish',
	'pt-BR': 'Portuguese (BR)',
	'pt-PT': 'Portuguese/Portugal',
	'ru-RU': 'Russian',
	sk: 'Slovak',
	sl: 'Slovenian',
	es: 'Spanish',
	'es-LA': 'Spanish (Latin America)',
	'sv-SE': 'Swedish',
	th: 'Thai',
	tr: 'Turkish',
	vi: 'Vietnamese',
	'cy-GB': 'Welsh',
};

/** Time zone names Freshservice accepts (Rails names, not IANA ids such as 'Europe/London'). */
export const TIME_ZONES = [
	'International Date Line West',
	'Midway Island',
	'American Samoa',
	'Hawaii',
	'Alaska',
	'Pacific Time (US & Canada)',
	'Tijuana',
	'Mountain Time (US & Canada)',
	'Arizona',
	'Chihuahua',
	'Mazatlan',
	'Central Time (US & Canada)',
	'Saskatchewan',
	'Guadalajara',
	'Mexico City',
	'Monterrey',
	'Central America',
	'Eastern Time (US & Canada)',
	'Indiana (East)',
	'Bogota',
	'Lima',
	'Quito',
	'Atlantic Time (Canada)',
	'Caracas',
	'La Paz',
	'Santiago',
	'Newfoundland',
	'Brasilia',
	'Buenos Aires',
	'Montevideo',
	'Georgetown',
	'Puerto Rico',
	'Greenland',
	'Mid-Atlantic',
	'Azores',
	'Cape Verde Is.',
	'Dublin',
	'Edinburgh',
	'Lisbon',
	'London',
	'Casablanca',
	'Monrovia',
	'UTC',
	'Belgrade',
	'Bratislava',
	'Budapest',
	'Ljubljana',
	'Prague',
	'Sarajevo',
	'Skopje',
	'Warsaw',
	'Zagreb',
	'Brussels',
	'Copenhagen',
	'Madrid',
	'Paris',
	'Amsterdam',
	'Berlin',
	'Bern',
	'Zurich',
	'Rome',
	'Stockholm',
	'Vienna',
	'West Central Africa',
	'Bucharest',
	'Cairo',
	'Helsinki',
	'Kyiv',
	'Riga',
	'Sofia',
	'Tallinn',
	'Vilnius',
	'Athens',
	'Istanbul',
	'Minsk',
	'Jerusalem',
	'Harare',
	'Pretoria',
	'Kaliningrad',
	'Moscow',
	'St. Petersburg',
	'Volgograd',
	'Samara',
	'Kuwait',
	'Riyadh',
	'Nairobi',
	'Baghdad',
	'Tehran',
	'Abu Dhabi',
	'Muscat',
	'Baku',
	'Tbilisi',
	'Yerevan',
	'Kabul',
	'Ekaterinburg',
	'Islamabad',
	'Karachi',
	'Tashkent',
	'Chennai',
	'Kolkata',
	'Mumbai',
	'New Delhi',
	'Kathmandu',
	'Dhaka',
	'Sri Jayawardenepura',
	'Almaty',
	'Novosibirsk',
	'Rangoon',
	'Bangkok',
	'Hanoi',
	'Jakarta',
	'Krasnoyarsk',
	'Beijing',
	'Chongqing',
	'Hong Kong',
	'Urumqi',
	'Kuala Lumpur',
	'Singapore',
	'Taipei',
	'Perth',
	'Irkutsk',
	'Ulaanbaatar',
	'Seoul',
	'Osaka',
	'Sapporo',
	'Tokyo',
	'Yakutsk',
	'Darwin',
	'Adelaide',
	'Canberra',
	'Melbourne',
	'Sydney',
	'Brisbane',
	'Hobart',
	'Vladivostok',
	'Guam',
	'Port Moresby',
	'Magadan',
	'Srednekolymsk',
	'Solomon Is.',
	'New Caledonia',
	'Fiji',
	'Kamchatka',
	'Marshall Is.',
	'Auckland',
	'Wellington',
	"Nuku'alofa",
	'Tokelau Is.',
	'Chatham Is.',
	'Samoa',
];

export const DEFAULT_TIME_ZONE = 'Eastern Time (US & Canada)';
export const DEFAULT_TIME_FORMAT = '12h';
export const DEFAULT_LANGUAGE = 'en';
/** Freshservice's primary workspace. */
export const DEFAULT_WORKSPACE_ID = 2;

export type CustomFieldType = 'custom_text' | 'custom_dropdown' | 'custom_checkbox' | 'custom_number' | 'custom_date';

export interface CustomFieldDefinition {
	name: string;
	label: string;
	type: CustomFieldType;
	choices?: string[];
}

export const REQUESTER_CUSTOM_FIELDS: CustomFieldDefinition[] = [
	{ name: 'employee_id', label: 'Employee ID', type: 'custom_text' },
	{
		name: 'cost_center',
		label: 'Cost Center',
		type: 'custom_dropdown',
		choices: ['CC-100 Engineering', 'CC-200 Sales', 'CC-300 People', 'CC-400 Finance', 'CC-500 IT', 'CC-600 Marketing'],
	},
	{ name: 'remote_worker', label: 'Remote worker', type: 'custom_checkbox' },
	{ name: 'desk_number', label: 'Desk Number', type: 'custom_number' },
];

export const AGENT_CUSTOM_FIELDS: CustomFieldDefinition[] = [
	{ name: 'employee_id', label: 'Employee ID', type: 'custom_text' },
	{ name: 'shift', label: 'Shift', type: 'custom_dropdown', choices: ['Day', 'Night', 'Follow the sun'] },
	{ name: 'on_call', label: 'On call', type: 'custom_checkbox' },
];

export function emptyCustomFields(definitions: CustomFieldDefinition[]): Record<string, null> {
	const values: Record<string, null> = {};
	for (const definition of definitions) values[definition.name] = null;
	return values;
}
