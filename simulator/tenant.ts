// The base tenant every reset starts from: the three API keys' owner agents, departments, locations,
// roles, groups, requester groups and the requester/agent field definitions.
import {
	AGENT_CUSTOM_FIELDS,
	LANGUAGES,
	REQUESTER_CUSTOM_FIELDS,
	TIME_FORMATS,
	type CustomFieldDefinition,
} from './fields';
import { createEmployeeRequestTenant } from './onboarding-tenant';
import { ID_BASES, Store, createAgentData, createUserRecord } from './store';
import type { Role } from './types';
import { formatTimestamp } from './views';

/** The admin agent's key ("Account Admin" role). */
export const SIMULATOR_API_KEY = 'sim-admin-key-7f3a9c';
/** A non-admin agent's key: reads work, writes answer 403 access_denied. */
export const SIMULATOR_READONLY_API_KEY = 'sim-readonly-key-2b8e41';
/** A supervisor's key without the "Manage Agents" permission: requesters and lookups only; /agents answers 403. */
export const SIMULATOR_SUPERVISOR_API_KEY = 'sim-supervisor-key-4c6d18';

export type KeyKind = 'admin' | 'readonly' | 'supervisor';

export interface KeyAccess {
	/** POST, PUT and DELETE calls. */
	writes: boolean;
	/** Any /agents route, and converting a requester to an agent. */
	agents: boolean;
	/** The "Manage Agents" permission (what `include_agents=true` may require, by switch). */
	manageAgents: boolean;
}

export const KEY_ACCESS: Record<KeyKind, KeyAccess> = {
	admin: { writes: true, agents: true, manageAgents: true },
	readonly: { writes: false, agents: true, manageAgents: false },
	supervisor: { writes: true, agents: false, manageAgents: false },
};

export const API_KEY_KINDS: Record<string, KeyKind> = {
	[SIMULATOR_API_KEY]: 'admin',
	[SIMULATOR_READONLY_API_KEY]: 'readonly',
	[SIMULATOR_SUPERVISOR_API_KEY]: 'supervisor',
};

export const TENANT_DOMAIN = 'acme.example';
const TENANT_CREATED_AT = Date.UTC(2021, 2, 15, 9, 0, 0);

export const DEPARTMENT_NAMES = ['Engineering', 'Sales', 'Human Resources', 'Finance', 'IT', 'Marketing'];

const LOCATIONS = [
	{ name: 'London HQ', line1: '20 Farringdon Road', city: 'London', state: 'England', country: 'United Kingdom', zipcode: 'EC1M 3HE' },
	{ name: 'New York', line1: '350 Fifth Avenue', city: 'New York', state: 'New York', country: 'United States', zipcode: '10118' },
	{ name: 'Berlin', line1: 'Friedrichstrasse 68', city: 'Berlin', state: 'Berlin', country: 'Germany', zipcode: '10117' },
	{ name: 'Bengaluru', line1: '80 Feet Road, Koramangala', city: 'Bengaluru', state: 'Karnataka', country: 'India', zipcode: '560034' },
];

const ROLES: Array<Pick<Role, 'name' | 'description' | 'role_type'>> = [
	{ name: 'Account Admin', role_type: 1, description: 'Has complete control over the help desk including access to Account or Billing related information, and receives Invoices.' },
	{ name: 'Admin', role_type: 1, description: 'Can configure all features through the Admin tab, but is restricted from viewing Account or Billing related information.' },
	{ name: 'SD Supervisor', role_type: 2, description: 'Can perform all agent related activities and access reports, but cannot access or change configurations in the Admin tab.' },
	{ name: 'SD Agent', role_type: 2, description: 'Can log, view, reply, update and resolve tickets and manage contacts.' },
	{ name: 'Problem Manager', role_type: 2, description: 'Can view, create, update and resolve problems.' },
	{ name: 'Change Manager', role_type: 2, description: 'Can view, create, update and close changes.' },
];

const GROUPS = [
	{ name: 'Service Desk', description: 'First line support for all employees', unassigned_for: '30m' },
	{ name: 'Hardware', description: 'Laptops, monitors and peripherals', unassigned_for: '1h' },
	{ name: 'Network', description: 'Network, VPN and Wi-Fi', unassigned_for: '2h' },
	{ name: 'Onboarding', description: 'Joiners, movers and leavers', unassigned_for: '4h' },
	// Restricted and approval-enabled: a new member waits for a group leader's approval.
	{ name: 'Security Operations', description: 'Incidents with security impact', unassigned_for: '30m', restricted: true },
];

const REQUESTER_GROUPS = [
	{ name: 'All Employees', description: 'Every employee, maintained by rules', type: 'rule_based' as const },
	{ name: 'Contractors', description: 'External contractors', type: 'manual' as const },
	{ name: 'Branch Managers', description: 'Requester group for branch managers across all locations', type: 'manual' as const },
	{ name: 'Sales Team', description: 'Everyone in Sales', type: 'manual' as const },
	{ name: 'Finance Approvers', description: 'May approve purchases', type: 'manual' as const },
];

export function roleIdByName(store: Store, name: string): number {
	for (const role of store.roles.values()) if (role.name === name) return role.id;
	throw new Error(`Role ${name} is not in the tenant`);
}

/** Fills an empty store with the base tenant. */
export function createBaseTenant(store: Store): void {
	const stamp = formatTimestamp(TENANT_CREATED_AT);
	DEPARTMENT_NAMES.forEach((name, index) => {
		const id = ID_BASES.department + index;
		store.departments.set(id, {
			id,
			name,
			description: `${name} department`,
			head_user_id: null,
			prime_user_id: null,
			domains: [],
			custom_fields: {},
			created_at: stamp,
			updated_at: stamp,
		});
	});
	LOCATIONS.forEach((location, index) => {
		const id = ID_BASES.location + index;
		store.locations.set(id, {
			id,
			name: location.name,
			parent_location_id: null,
			primary_contact_id: null,
			address: {
				line1: location.line1,
				line2: null,
				city: location.city,
				state: location.state,
				country: location.country,
				zipcode: location.zipcode,
			},
			contact_name: null,
			email: null,
			phone: null,
			created_at: stamp,
			updated_at: stamp,
		});
	});
	ROLES.forEach((role, index) => {
		const id = ID_BASES.role + index;
		store.roles.set(id, { id, ...role, default: true, created_at: stamp, updated_at: stamp });
	});
	GROUPS.forEach((group, index) => {
		const id = ID_BASES.group + index;
		store.groups.set(id, {
			id,
			...group,
			business_hours_id: null,
			escalate_to: null,
			workspace_id: 2,
			members: [],
			observers: [],
			leaders: [],
			members_pending_approval: [],
			observers_pending_approval: [],
			leaders_pending_approval: [],
			restricted: group.restricted ?? false,
			approval_required: group.restricted ?? false,
			auto_ticket_assign: false,
			created_at: stamp,
			updated_at: stamp,
		});
	});
	REQUESTER_GROUPS.forEach((group, index) => {
		const id = ID_BASES.requesterGroup + index;
		store.requesterGroups.set(id, { id, ...group });
	});
	store.requesterCustomFields = REQUESTER_CUSTOM_FIELDS.map((field) => ({ ...field }));
	store.agentCustomFields = AGENT_CUSTOM_FIELDS.map((field) => ({ ...field }));
	addKeyOwners(store);
}

function addKeyOwners(store: Store): void {
	const itDepartment = ID_BASES.department + DEPARTMENT_NAMES.indexOf('IT');
	const serviceDesk = ID_BASES.group;
	const admin = createUserRecord(store.newUserId(), TENANT_CREATED_AT, {
		first_name: 'Sam',
		last_name: 'Okafor',
		job_title: 'IT Director',
		primary_email: `sam.okafor@${TENANT_DOMAIN}`,
		department_ids: [itDepartment],
		location_id: ID_BASES.location,
		time_zone: 'London',
		has_logged_in: true,
		agent: createAgentData({
			roles: [{ role_id: roleIdByName(store, 'Account Admin'), assignment_scope: 'entire_helpdesk', groups: [] }],
			member_of: [serviceDesk],
			api_key_enabled: true,
			last_login_at: TENANT_CREATED_AT,
			last_active_at: TENANT_CREATED_AT,
		}),
	});
	const readonly = createUserRecord(store.newUserId(), TENANT_CREATED_AT, {
		first_name: 'Riley',
		last_name: 'Chen',
		job_title: 'Service Desk Analyst',
		primary_email: `riley.chen@${TENANT_DOMAIN}`,
		department_ids: [itDepartment],
		location_id: ID_BASES.location,
		reporting_manager_id: admin.id,
		time_zone: 'London',
		has_logged_in: true,
		agent: createAgentData({
			roles: [{ role_id: roleIdByName(store, 'SD Agent'), assignment_scope: 'assigned_items', groups: [] }],
			member_of: [serviceDesk],
			api_key_enabled: true,
		}),
	});
	const supervisor = createUserRecord(store.newUserId(), TENANT_CREATED_AT, {
		first_name: 'Priya',
		last_name: 'Nair',
		job_title: 'Service Desk Supervisor',
		primary_email: `priya.nair@${TENANT_DOMAIN}`,
		department_ids: [itDepartment],
		location_id: ID_BASES.location,
		reporting_manager_id: admin.id,
		time_zone: 'London',
		has_logged_in: true,
		agent: createAgentData({
			roles: [{ role_id: roleIdByName(store, 'SD Supervisor'), assignment_scope: 'entire_helpdesk', groups: [] }],
			member_of: [serviceDesk],
			api_key_enabled: true,
		}),
	});
	store.addUser(admin, TENANT_CREATED_AT);
	store.addUser(readonly, TENANT_CREATED_AT);
	store.addUser(supervisor, TENANT_CREATED_AT);
	store.apiKeys.set(SIMULATOR_API_KEY, admin.id);
	store.apiKeys.set(SIMULATOR_READONLY_API_KEY, readonly.id);
	store.apiKeys.set(SIMULATOR_SUPERVISOR_API_KEY, supervisor.id);
	createEmployeeRequestTenant(store, admin.id);
}

interface DefaultFieldSpec {
	name: string;
	label: string;
	type: string;
	requiredForAgents?: boolean;
	choices?: Record<string, string> | string[];
}

const DEFAULT_REQUESTER_FIELDS: DefaultFieldSpec[] = [
	{ name: 'first_name', label: 'First Name', type: 'default_first_name', requiredForAgents: true },
	{ name: 'last_name', label: 'Last Name', type: 'default_last_name' },
	{ name: 'job_title', label: 'Title', type: 'default_job_title' },
	{ name: 'email', label: 'Email', type: 'default_email', requiredForAgents: true },
	{ name: 'phone', label: 'Work Phone', type: 'default_phone' },
	{ name: 'mobile', label: 'Mobile Phone', type: 'default_mobile' },
	{ name: 'department', label: 'Department', type: 'default_department' },
	{ name: 'reporting_manager', label: 'Reporting Manager', type: 'default_reporting_manager' },
	{ name: 'address', label: 'Address', type: 'default_address' },
	{ name: 'time_zone', label: 'Time Zone', type: 'default_time_zone' },
	{ name: 'time_format', label: 'Time Format', type: 'default_time_format', choices: TIME_FORMATS },
	{ name: 'language', label: 'Language', type: 'default_language', choices: LANGUAGES },
	{ name: 'location_id', label: 'Location', type: 'default_location_id' },
	{ name: 'description', label: 'Background information', type: 'default_description' },
];

/** The body items of `GET /requester_fields`. */
export function requesterFieldList(store: Store): Record<string, unknown>[] {
	const stamp = formatTimestamp(TENANT_CREATED_AT);
	const fields: Array<DefaultFieldSpec & { isDefault: boolean }> = [
		...DEFAULT_REQUESTER_FIELDS.map((field) => ({ ...field, isDefault: true })),
		...store.requesterCustomFields.map((field) => customAsSpec(field)),
	];
	return fields.map((field, index) => ({
		id: ID_BASES.field + index,
		name: field.name,
		label: field.label,
		position: index + 1,
		type: field.type,
		default: field.isDefault,
		editable_in_signup: field.isDefault && field.name !== 'description',
		user_field_group_id: null,
		required_for_agents: field.requiredForAgents ?? false,
		requesters_can_edit: field.name !== 'email',
		label_for_requesters: field.label,
		required_for_requesters: field.name === 'first_name' || field.name === 'email',
		displayed_for_requesters: field.name !== 'description',
		choices: field.choices ?? null,
		created_at: stamp,
		updated_at: stamp,
	}));
}

const DEFAULT_AGENT_FIELDS: Array<{ name: string; label: string; mandatory?: boolean }> = [
	{ name: 'name', label: 'Full Name', mandatory: true },
	{ name: 'email', label: 'Email', mandatory: true },
	{ name: 'job_title', label: 'Title' },
	{ name: 'work_phone', label: 'Work Phone' },
	{ name: 'mobile_phone', label: 'Mobile Phone' },
	{ name: 'department_ids', label: 'Department' },
	{ name: 'location', label: 'Location' },
	{ name: 'reporting_manager', label: 'Reporting Manager' },
	{ name: 'address', label: 'Address' },
	{ name: 'groups', label: 'Groups' },
	{ name: 'role', label: 'Roles' },
	{ name: 'description', label: 'Background Information' },
	{ name: 'time_zone', label: 'Time Zone' },
	{ name: 'time_format', label: 'Time Format' },
	{ name: 'language', label: 'Language' },
	{ name: 'level', label: 'Level' },
];

/** The body items of `GET /agent_fields`. */
export function agentFieldList(store: Store): Record<string, unknown>[] {
	const defaults = DEFAULT_AGENT_FIELDS.map((field) => ({
		name: field.name,
		label: field.label,
		type: field.name,
		mandatory: field.mandatory ?? false,
		default_field: true,
		choices: null as string[] | null,
	}));
	const customs = store.agentCustomFields.map((field) => ({
		name: field.name,
		label: field.label,
		type: field.type as string,
		mandatory: false,
		default_field: false,
		choices: field.choices ?? null,
	}));
	return [...defaults, ...customs].map((field) => ({
		name: field.name,
		user_field_group_id: null,
		label_for_admins: field.label,
		mandatory_for_admins: field.mandatory,
		editable_by_admins: field.name !== 'name',
		label_for_agents: field.label,
		visible_to_agents: true,
		editable_by_agents: field.name !== 'email',
		mandatory_for_agents: field.mandatory,
		type: field.type,
		default_field: field.default_field,
		choices: field.choices,
	}));
}

function customAsSpec(field: CustomFieldDefinition): DefaultFieldSpec & { isDefault: boolean } {
	return { name: field.name, label: field.label, type: field.type, choices: field.choices, isDefault: false };
}
