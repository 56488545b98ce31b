/**
 * The bad-input catalogue: what users really type and expressions really yield, one row each, run
 * through n8n-core next to a good item with On Error → Continue. Every row asserts what the user
 * reads on the bad item (the parameter and the item), whether anything reached Freshservice for
 * it, and that the good item still ran. Rows that are valid input assert that it was stored as sent.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { LogEntry, RequesterView, RunningSimulator } from '../../simulator';
import { SIMULATOR_API_KEY } from '../../simulator';
import { apiClient } from '../simulator/helpers';
import { runNode } from '../harness/source';
import { byEmail, byId, useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

/** The good item's person; every request made for a good item names "good" (its email) or this person's id. */
const GOOD_EMAIL = 'good@example.com';
/** Whom a good Create item creates. */
const NEW_GOOD_EMAIL = 'good.hire@example.com';
/** A second existing person, whom bad items of Update, Get and Deactivate aim at. */
const OTHER_EMAIL = 'jane@example.com';
let goodId = 0;
let otherId = 0;

beforeEach(async () => {
	const api = apiClient(sim(), SIMULATOR_API_KEY);
	const engineering = sim().control.state().departments.find((department) => department.name === 'Engineering')!.id;
	goodId = (await api.post('/requesters', { first_name: 'Good', primary_email: GOOD_EMAIL, department_ids: [engineering] })).data.requester.id;
	otherId = (await api.post('/requesters', { first_name: 'Jane', primary_email: OTHER_EMAIL })).data.requester.id;
	sim().control.clearLog();
});

/**
 * Where a row's value goes: the node's parameters read it from `$json.value` (as a mapped field
 * does), the good item carries a valid value or none.
 */
interface Slot {
	parameters: INodeParameters;
	good: Record<string, unknown>;
	bad: (value: unknown) => Record<string, unknown>;
}

const requesterCreate = (additionalFields: INodeParameters = {}): INodeParameters => ({
	resource: 'user',
	operation: 'create',
	userType: 'requester',
	firstName: '={{ $json.name }}',
	email: '={{ $json.email }}',
	additionalFields,
});

const SLOTS = {
	firstName: {
		parameters: { ...requesterCreate(), firstName: '={{ $json.value }}' },
		good: { value: 'Good', email: NEW_GOOD_EMAIL },
		bad: (value: unknown) => ({ value, email: 'new.hire@example.com' }),
	},
	email: {
		parameters: { ...requesterCreate(), email: '={{ $json.value }}' },
		good: { name: 'Good', value: NEW_GOOD_EMAIL },
		bad: (value: unknown) => ({ name: 'New', value }),
	},
	createField: (parameter: string): Slot => ({
		parameters: requesterCreate({ [parameter]: '={{ $json.value }}' }),
		good: { name: 'Good', email: NEW_GOOD_EMAIL },
		bad: (value: unknown) => ({ name: 'New', email: 'new.hire@example.com', value }),
	}),
	customField: (name: string, goodValue: string): Slot => ({
		parameters: requesterCreate({ customFields: { field: [{ name, value: '={{ $json.value }}' }] } }),
		good: { name: 'Good', email: NEW_GOOD_EMAIL, value: goodValue },
		bad: (value: unknown) => ({ name: 'New', email: 'new.hire@example.com', value }),
	}),
	customFieldName: {
		parameters: requesterCreate({ customFields: { field: [{ name: '={{ $json.value }}', value: 'CC-200 Sales' }] } }),
		good: { name: 'Good', email: NEW_GOOD_EMAIL, value: 'cost_center' },
		bad: (value: unknown) => ({ name: 'New', email: 'new.hire@example.com', value }),
	},
	updateCustomField: (name: string): Slot => ({
		parameters: { resource: 'user', operation: 'update', user: byEmail('={{ $json.email }}'), updateFields: { customFields: { field: [{ name, value: '={{ $json.value }}' }] } } },
		good: { email: GOOD_EMAIL, value: 'CC-100 Engineering' },
		bad: (value: unknown) => ({ email: OTHER_EMAIL, value }),
	}),
	agentRole: {
		parameters: {
			resource: 'user',
			operation: 'create',
			userType: 'agent',
			firstName: 'Agent',
			email: '={{ $json.email }}',
			roles: { role: [{ roleId: '={{ $json.value }}', assignmentScope: 'entire_helpdesk' }] },
			additionalFields: {},
		},
		good: { email: 'good.agent@example.com', value: 'SD_AGENT_ROLE' },
		bad: (value: unknown) => ({ email: 'new.agent@example.com', value }),
	},
	updateField: (parameter: string): Slot => ({
		parameters: { resource: 'user', operation: 'update', user: byEmail('={{ $json.email }}'), updateFields: { [parameter]: '={{ $json.value }}' } },
		good: { email: GOOD_EMAIL, value: 'Engineer' },
		bad: (value: unknown) => ({ email: OTHER_EMAIL, value }),
	}),
	/** The bad item updates an agent (the admin who owns the key). */
	updateAgentField: (parameter: string): Slot => ({
		parameters: { resource: 'user', operation: 'update', user: byEmail('={{ $json.email }}'), updateFields: { [parameter]: '={{ $json.value }}' } },
		good: { email: GOOD_EMAIL, value: 'HR-1' },
		bad: (value: unknown) => ({ email: 'sam.okafor@acme.example', value }),
	}),
	updateFields: {
		parameters: {
			resource: 'user',
			operation: 'update',
			user: byEmail('={{ $json.email }}'),
			updateFields: { jobTitle: '={{ $json.value }}', lastName: '={{ $json.value }}' },
		},
		good: { email: GOOD_EMAIL, value: 'Engineer' },
		bad: (value: unknown) => ({ email: OTHER_EMAIL, value }),
	},
	locator: (operation: 'get' | 'update' | 'deactivate', mode: 'email' | 'id'): Slot => ({
		parameters: {
			resource: 'user',
			operation,
			user: mode === 'email' ? byEmail('={{ $json.value }}') : byId('={{ $json.value }}'),
			...(operation === 'update' ? { updateFields: { jobTitle: 'Engineer' } } : {}),
		},
		good: { value: mode === 'email' ? GOOD_EMAIL : 'GOOD_ID' },
		bad: (value: unknown) => ({ value }),
	}),
	limit: {
		parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: false, limit: '={{ $json.value }}', filters: { email: '={{ $json.email }}' } },
		good: { value: 5, email: GOOD_EMAIL },
		bad: (value: unknown) => ({ value, email: OTHER_EMAIL }),
	},
	getAllEmailWithDepartment: {
		parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true, filters: { email: '={{ $json.value }}', departmentId: '={{ $json.department }}' } },
		good: { value: GOOD_EMAIL, department: 'ENGINEERING_ID' },
		bad: (value: unknown) => ({ value, department: 'ENGINEERING_ID' }),
	},
	getAllFilter: (filter: string): Slot => ({
		parameters: { resource: 'user', operation: 'getAll', userType: 'requester', returnAll: true, filters: { email: '={{ $json.email }}', [filter]: '={{ $json.value }}' } },
		good: { email: GOOD_EMAIL },
		bad: (value: unknown) => ({ value, email: OTHER_EMAIL }),
	}),
} satisfies Record<string, Slot | ((...args: never[]) => Slot)>;

type Outcome =
	/** Refused by the node before any request: the message names the parameter and the item. */
	| { refused: string; says: RegExp }
	/** Refused by the node once the user is found (what is allowed depends on the user's type): reads only, no write. */
	| { refusedAfterLookup: string; says: RegExp }
	/** Sent, and refused by Freshservice: the message quotes its field error; the message or description names what to fix. */
	| { freshserviceRefuses: string; says: RegExp }
	/** Looked up and not found: the message says what was tried. */
	| { notFound: RegExp }
	/** Valid input: the bad item is not bad after all; check what was stored or found. */
	| { accepted: (item: IDataObject, sim: RunningSimulator) => void };

interface Row {
	input: string;
	slot: Slot;
	value: unknown;
	outcome: Outcome;
}

const stored = (email: string): RequesterView => {
	const user = sim().control.requesterByEmail(email);
	if (!user) throw new Error(`No requester ${email} in the simulator`);
	return user;
};

const LONG_NAME = 'Maximilian'.repeat(1000);
const EMOJI_NAME = '🦄 Zoë 👩🏽‍💻';
const ARABIC_NAME = 'مريم الحسيني';
const HEBREW_NAME = 'שירה כהן';

const ROWS: Row[] = [
	// Emails
	{ input: 'email with a space inside', slot: SLOTS.email, value: 'jane doe@example.com', outcome: { refused: 'Email', says: /must be an email address like .*, not "jane doe@example\.com"/ } },
	{ input: 'email with spaces around it (pasted)', slot: SLOTS.email, value: '  new.hire@example.com\t', outcome: { accepted: (item) => expect(item.primary_email).toBe('new.hire@example.com') } },
	{ input: 'email in upper case', slot: SLOTS.email, value: 'New.Hire@EXAMPLE.COM', outcome: { accepted: () => expect(stored('new.hire@example.com').primary_email).toBe('new.hire@example.com') } },
	{ input: 'email with a trailing dot', slot: SLOTS.email, value: 'new.hire@example.com.', outcome: { refused: 'Email', says: /not "new\.hire@example\.com\."/ } },
	{ input: 'email with two @', slot: SLOTS.email, value: 'new@hire@example.com', outcome: { refused: 'Email', says: /must be an email address/ } },
	{ input: 'email with @@', slot: SLOTS.email, value: 'new@@example.com', outcome: { refused: 'Email', says: /must be an email address/ } },
	{ input: 'email without a domain', slot: SLOTS.email, value: 'new.hire@', outcome: { refused: 'Email', says: /not "new\.hire@"/ } },
	{ input: 'email in angle brackets (copied from a mail client)', slot: SLOTS.email, value: 'New Hire <new.hire@example.com>', outcome: { refused: 'Email', says: /must be an email address/ } },
	// Freshservice does not document whether it takes internationalised domains; the simulator refuses them.
	{ input: 'email with a unicode domain', slot: SLOTS.email, value: 'new.hire@bücher.de', outcome: { freshserviceRefuses: 'Email', says: /primary_email: It should be in the 'valid email address' format/ } },
	// Valid, and the node sends it; the simulator (Freshservice does not document it) refuses a quote in an address.
	{ input: "email with an apostrophe (o'brien), created", slot: SLOTS.email, value: "o'brien@example.com", outcome: { freshserviceRefuses: 'Email', says: /primary_email: It should be in the 'valid email address' format/ } },
	// Looked up by the email filters only: a quote never goes into a ?query= search.
	{ input: "email with an apostrophe (o'brien), looked up", slot: SLOTS.locator('get', 'email'), value: "o'brien@example.com", outcome: { notFound: /^No Freshservice user \(requester or agent\) has the email o'brien@example\.com$/ } },
	{ input: 'email with an apostrophe as a Get Many filter next to a department', slot: SLOTS.getAllEmailWithDepartment, value: "o'brien@example.com", outcome: { refused: 'Filters → Email', says: /cannot contain a quote together with a department or location filter/ } },
	{ input: 'email that is an empty string', slot: SLOTS.email, value: '', outcome: { refused: 'Email', says: /is empty: enter an email address/ } },
	{ input: 'email that is null (a missing HR field)', slot: SLOTS.email, value: null, outcome: { refused: 'Email', says: /must be an email address like .*, not null/ } },
	{ input: 'email that is an array of two addresses', slot: SLOTS.email, value: ['a@example.com', 'b@example.com'], outcome: { refused: 'Email', says: /not an array \(\["a@example\.com","b@example\.com"\]\)/ } },
	{ input: 'email that is an object', slot: SLOTS.email, value: { work: 'a@example.com' }, outcome: { refused: 'Email', says: /not an object \(\{"work":"a@example\.com"\}\)/ } },
	{ input: 'email that is a number', slot: SLOTS.email, value: 42, outcome: { refused: 'Email', says: /not a number \(42\)/ } },
	{ input: 'secondary emails with one broken address', slot: SLOTS.createField('secondaryEmails'), value: 'a@example.com, b@', outcome: { refused: 'Secondary Emails', says: /not "b@"/ } },

	// Names
	{ input: 'a 10,000-character first name', slot: SLOTS.firstName, value: LONG_NAME, outcome: { freshserviceRefuses: 'First Name', says: /first_name: Has 10000 characters, it can have maximum of 255/ } },
	{ input: 'emoji in the first name', slot: SLOTS.firstName, value: EMOJI_NAME, outcome: { accepted: (item) => expect([item.first_name, stored('new.hire@example.com').first_name]).toEqual([EMOJI_NAME, EMOJI_NAME]) } },
	{ input: 'a right-to-left (Arabic) first name', slot: SLOTS.firstName, value: ARABIC_NAME, outcome: { accepted: () => expect(stored('new.hire@example.com').first_name).toBe(ARABIC_NAME) } },
	{ input: 'a right-to-left (Hebrew) last name', slot: SLOTS.createField('lastName'), value: HEBREW_NAME, outcome: { accepted: () => expect(stored('new.hire@example.com').last_name).toBe(HEBREW_NAME) } },
	{ input: 'a first name of spaces only', slot: SLOTS.firstName, value: '   ', outcome: { refused: 'First Name', says: /is empty: enter a value/ } },
	{ input: 'a first name that is null', slot: SLOTS.firstName, value: null, outcome: { refused: 'First Name', says: /must be text, not null/ } },
	{ input: 'a first name that is an object', slot: SLOTS.firstName, value: { given: 'Jane' }, outcome: { refused: 'First Name', says: /must be text, not an object \(\{"given":"Jane"\}\)/ } },
	{ input: 'a first name that is an array', slot: SLOTS.firstName, value: ['Jane', 'Ann'], outcome: { refused: 'First Name', says: /must be text, not an array/ } },
	{ input: 'a first name that is a boolean', slot: SLOTS.firstName, value: true, outcome: { refused: 'First Name', says: /must be text, not a boolean \(true\)/ } },
	{ input: 'a job title that is an object', slot: SLOTS.createField('jobTitle'), value: { title: 'Engineer' }, outcome: { refused: 'Job Title', says: /must be text, not an object/ } },
	{ input: 'a job title that is null (left out)', slot: SLOTS.createField('jobTitle'), value: null, outcome: { accepted: () => expect(stored('new.hire@example.com').job_title).toBeNull() } },
	{ input: 'a phone number that is a number', slot: SLOTS.createField('mobilePhoneNumber'), value: 4915100000, outcome: { accepted: () => expect(stored('new.hire@example.com').mobile_phone_number).toBe('4915100000') } },

	// IDs
	{ input: 'a negative ID', slot: SLOTS.locator('update', 'id'), value: '-5', outcome: { refused: 'User to Update', says: /must be a Freshservice ID .*, not "-5"/ } },
	{ input: 'ID zero', slot: SLOTS.locator('get', 'id'), value: 0, outcome: { refused: 'User to Get', says: /not a number \(0\)|not "0"/ } },
	{ input: 'a decimal ID', slot: SLOTS.locator('deactivate', 'id'), value: '21000418006.5', outcome: { refused: 'User to Deactivate', says: /not "21000418006\.5"/ } },
	{ input: 'ID 9007199254740993 (16 digits, beyond exact numbers)', slot: SLOTS.locator('get', 'id'), value: '9007199254740993', outcome: { refused: 'User to Get', says: /not "9007199254740993"/ } },
	{ input: 'an ID of 20 digits', slot: SLOTS.locator('get', 'id'), value: '12345678901234567890', outcome: { refused: 'User to Get', says: /not "12345678901234567890"/ } },
	{ input: 'an ID that is a name', slot: SLOTS.locator('update', 'id'), value: 'jane', outcome: { refused: 'User to Update', says: /not "jane"/ } },
	{ input: 'an ID that is an object', slot: SLOTS.locator('get', 'id'), value: { id: 1 }, outcome: { refused: 'User to Get', says: /not an object \(\{"id":1\}\)/ } },
	{ input: 'an ID with spaces around it', slot: SLOTS.locator('get', 'id'), value: ' OTHER_ID ', outcome: { accepted: (item) => expect(item.id).toBe(otherId) } },
	{ input: 'an email locator that is null', slot: SLOTS.locator('deactivate', 'email'), value: null, outcome: { refused: 'User to Deactivate', says: /not null/ } },
	{ input: 'an email locator in upper case', slot: SLOTS.locator('get', 'email'), value: 'JANE@EXAMPLE.COM', outcome: { accepted: (item) => expect(item.id).toBe(otherId) } },
	{ input: 'a reporting manager ID that is negative', slot: SLOTS.createField('reportingManagerId'), value: -3, outcome: { refused: 'Reporting Manager Email or ID', says: /must be an email address or a Freshservice ID, not a number \(-3\)/ } },
	{ input: 'a reporting manager email that is nobody', slot: SLOTS.createField('reportingManagerId'), value: 'nobody@example.com', outcome: { refusedAfterLookup: 'Reporting Manager Email or ID', says: /no Freshservice user \(requester or agent\) has the email nobody@example\.com/ } },
	{ input: 'department IDs with a name among them', slot: SLOTS.createField('departmentIds'), value: ['21000151342', 'sales'], outcome: { accepted: (item) => expect(item.department_names).toEqual(['Engineering', 'Sales']) } },
	{ input: 'a department name the instance does not have', slot: SLOTS.createField('departmentIds'), value: 'Slaes', outcome: { refusedAfterLookup: 'Department Names or IDs', says: /has no department named "Slaes"; the closest are "Sales"/ } },
	{ input: 'a role given by name', slot: SLOTS.agentRole, value: 'SD Agent', outcome: { accepted: (item) => expect(item.roles).toEqual([expect.objectContaining({ assignment_scope: 'entire_helpdesk' })]) } },
	{ input: 'a role name the instance does not have', slot: SLOTS.agentRole, value: 'SD Agnet', outcome: { refusedAfterLookup: 'Roles → Role', says: /has no role named "SD Agnet"; the closest are "SD Agent"/ } },

	// Other typed values
	{ input: "'yes' for a true/false field", slot: SLOTS.createField('canSeeAllTicketsFromAssociatedDepartments'), value: 'yes', outcome: { refused: 'Can See All Tickets From Associated Departments', says: /must be true or false, not "yes"/ } },
	{ input: 'a time format of 25h', slot: SLOTS.createField('timeFormat'), value: '25h', outcome: { refused: 'Time Format', says: /must be 12h or 24h, not "25h"/ } },
	{ input: 'an IANA time zone (Europe/London)', slot: SLOTS.createField('timeZone'), value: 'Europe/London', outcome: { freshserviceRefuses: 'Time Zone', says: /time_zone: / } },
	{ input: 'an unknown language code', slot: SLOTS.createField('language'), value: 'xx', outcome: { freshserviceRefuses: 'Language', says: /language: / } },
	{ input: 'a requester-only field for an agent', slot: SLOTS.updateAgentField('externalId'), value: 'HR-1', outcome: { refusedAfterLookup: 'External ID', says: /applies only to requesters, and this user is an agent/ } },
	// Custom fields, typed from the instance's field list (read once per execution) before any write
	{ input: "a checkbox custom field given 'yes'", slot: SLOTS.customField('remote_worker', 'true'), value: 'yes', outcome: { refusedAfterLookup: 'Custom Fields → Remote worker', says: /is a checkbox and takes true or false, not "yes"/ } },
	{ input: 'a dropdown custom field given a value outside its choices', slot: SLOTS.customField('cost_center', 'CC-200 Sales'), value: 'CC-999', outcome: { refusedAfterLookup: 'Custom Fields → Cost Center', says: /must be one of its choices in Freshservice, not "CC-999"; the closest are/ } },
	{ input: 'a number custom field given "abc"', slot: SLOTS.customField('desk_number', '42'), value: 'abc', outcome: { refusedAfterLookup: 'Custom Fields → Desk Number', says: /is a number field and takes whole numbers only, not "abc"/ } },
	{ input: 'a text custom field given an object', slot: SLOTS.customField('employee_id', 'E-1'), value: { id: 'E-1' }, outcome: { refusedAfterLookup: 'Custom Fields → Employee ID', says: /takes text, not an object \(\{"id":"E-1"\}\)/ } },
	{ input: 'the text "true" in a text custom field', slot: SLOTS.customField('employee_id', 'E-1'), value: 'true', outcome: { accepted: () => expect(stored('new.hire@example.com').custom_fields.employee_id).toBe('true') } },
	{ input: 'a dropdown choice in other letter case', slot: SLOTS.customField('cost_center', 'CC-200 Sales'), value: 'cc-500 it', outcome: { accepted: () => expect(stored('new.hire@example.com').custom_fields.cost_center).toBe('CC-500 IT') } },
	{ input: 'a custom field name the instance does not have', slot: SLOTS.customFieldName, value: 'cost_centre', outcome: { refusedAfterLookup: 'Custom Fields', says: /sets "cost_centre", which is not a custom field of requesters in this Freshservice; the closest are "Cost Center"/ } },
	{ input: 'an update of a dropdown custom field outside its choices', slot: SLOTS.updateCustomField('cost_center'), value: 'CC-999', outcome: { refusedAfterLookup: 'Custom Fields → Cost Center', says: /must be one of its choices in Freshservice, not "CC-999"/ } },

	// Update Fields
	{ input: 'Update Fields whose only value is spaces', slot: SLOTS.updateField('jobTitle'), value: '   ', outcome: { refused: 'Update Fields', says: /has nothing to change: every field added is blank/ } },
	{ input: 'Update Fields that are all empty strings', slot: SLOTS.updateFields, value: '', outcome: { refused: 'Update Fields', says: /has nothing to change/ } },
	{ input: 'Update Fields that are all null', slot: SLOTS.updateFields, value: null, outcome: { refused: 'Update Fields', says: /has nothing to change/ } },
	// Checked once the user's type is known, so after the lookup; still before any write.
	{ input: 'an update with a job title that is an array', slot: SLOTS.updateField('jobTitle'), value: ['Engineer'], outcome: { refusedAfterLookup: 'Job Title', says: /must be text, not an array/ } },

	// Get Many
	{ input: 'a Limit of 0', slot: SLOTS.limit, value: 0, outcome: { refused: 'Limit', says: /must be a whole number of 1 or more, not a number \(0\)/ } },
	{ input: 'a Limit of -5', slot: SLOTS.limit, value: -5, outcome: { refused: 'Limit', says: /not a number \(-5\)/ } },
	{ input: "a Limit of 'abc'", slot: SLOTS.limit, value: 'abc', outcome: { refused: 'Limit', says: /not "abc"|not a number \(NaN\)/ } },
	{ input: 'a Limit of 2.5', slot: SLOTS.limit, value: 2.5, outcome: { refused: 'Limit', says: /not a number \(2\.5\)/ } },
	{ input: "a Limit of '10' (text from an expression)", slot: SLOTS.limit, value: '10', outcome: { accepted: (item) => expect(item.id).toBe(otherId) } },
	{ input: 'a department filter naming a department the instance does not have', slot: SLOTS.getAllFilter('departmentId'), value: 'Slaes', outcome: { refusedAfterLookup: 'Filters → Department', says: /Freshservice has no department named "Slaes"; the closest are "Sales"/ } },
	{ input: 'a location filter that is a decimal', slot: SLOTS.getAllFilter('locationId'), value: 2.5, outcome: { refused: 'Filters → Location', says: /must be a name or a Freshservice ID, not a number \(2\.5\)/ } },
];

/** An item whose bad value is a placeholder for something known only once the simulator is set up. */
function resolvePlaceholders(item: Record<string, unknown>): Record<string, unknown> {
	const replace = (value: unknown): unknown => {
		if (value === 'GOOD_ID') return String(goodId);
		if (value === 'ENGINEERING_ID') return sim().control.state().departments.find((department) => department.name === 'Engineering')!.id;
		if (typeof value === 'string' && value.includes('OTHER_ID')) return value.replace('OTHER_ID', String(otherId));
		if (value === 'SD_AGENT_ROLE') return sim().control.state().roles.find((role) => role.name === 'SD Agent')!.id;
		return value;
	};
	return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, replace(value)]));
}

/** Requests made for the good item name "good" or the good person's id; everything else was sent for the bad item. */
function sentForBadItem(log: LogEntry[]): LogEntry[] {
	return log.filter((entry) => {
		const request = JSON.stringify([entry.path, entry.query, entry.requestBody]);
		return !request.includes('good') && !request.includes(String(goodId));
	});
}

const isGoodPerson = (item: INodeExecutionData) => item.json.id === goodId || /^good/.test(String(item.json.primary_email ?? item.json.email));

const itemsFor = (items: INodeExecutionData[], index: number) =>
	items.filter((item) => (item.pairedItem as { item: number }).item === index);

describe('bad-input catalogue (each row next to a good item, On Error → Continue)', () => {
	afterAll(() => {
		process.stdout.write(`Bad-input catalogue: ${ROWS.length} rows\n`);
	});

	it.each(ROWS.map((row, index) => [row.input, row, index] as const))('%s', async (_input, row, rowIndex) => {
		// The bad item goes first in even rows and second in odd ones, so [item N] is checked both ways.
		const badIndex = rowIndex % 2;
		const good = resolvePlaceholders(row.slot.good);
		const bad = resolvePlaceholders(row.slot.bad(row.value));
		const input = (badIndex === 0 ? [bad, good] : [good, bad]) as IDataObject[];
		const result = await runNode({ credentials: credentials(), parameters: row.slot.parameters, input, continueOnFail: true });

		expect(result.error).toBeUndefined();
		const goodItems = itemsFor(result.items, 1 - badIndex);
		expect(goodItems.length).toBeGreaterThan(0);
		for (const item of goodItems) expect(item.json.error).toBeUndefined();
		expect(goodItems.some(isGoodPerson)).toBe(true);

		const badItems = itemsFor(result.items, badIndex);
		const sent = sentForBadItem(sim().control.log());
		const { outcome } = row;
		if ('accepted' in outcome) {
			expect(badItems.map((item) => item.json.error)).toEqual(badItems.map(() => undefined));
			outcome.accepted(badItems[0].json, sim());
			return;
		}
		expect(badItems).toHaveLength(1);
		const message = String(badItems[0].json.error);
		if ('notFound' in outcome) {
			expect(message).toMatch(outcome.notFound);
			expect(sent.length).toBeGreaterThan(0);
			expect(sent.every((entry) => entry.method === 'GET' && entry.query.query === undefined)).toBe(true);
			return;
		}
		expect(message).toMatch(outcome.says);
		if ('freshserviceRefuses' in outcome) {
			expect(`${message} ${String(badItems[0].json.description)}`).toContain(outcome.freshserviceRefuses);
			expect(sent.filter((entry) => entry.method !== 'GET')).toHaveLength(1);
			return;
		}
		const parameter = 'refused' in outcome ? outcome.refused : outcome.refusedAfterLookup;
		expect(message).toContain(`'${parameter}'`);
		expect(message).toMatch(new RegExp(` \\[item ${badIndex}\\]$`));
		expect(badItems[0].json.description).toBe(`Fix the value of '${parameter}'. Nothing was sent to Freshservice for this item.`);
		if ('refused' in outcome) expect(sent).toEqual([]);
		else {
			expect(sent.length).toBeGreaterThan(0);
			expect(sent.every((entry) => entry.method === 'GET')).toBe(true);
		}
	});
});

describe('an empty API key', () => {
	it('fails every item before any request, naming the credential field', async () => {
		const result = await runNode({
			credentials: { ...credentials(), apiKey: '  ' },
			parameters: { resource: 'user', operation: 'get', user: byEmail(GOOD_EMAIL) },
			input: [{}, {}],
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.items) {
			expect(item.json.error).toBe('The API Key is empty: copy it from Profile Settings in Freshservice');
			expect(item.json.description).toBe('Fix the API Key in the Freshservice Provisioning credential. Nothing was sent.');
		}
		expect(sim().control.log()).toEqual([]);
	});
});
