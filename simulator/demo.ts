// A small, hand-written demo tenant for `npm start` and manual exploration: managers and reports,
// a deactivated leaver, secondary emails, a phone-only requester, custom fields and a few agents.
import { Store, createAgentData, createUserRecord, type UserRecord } from './store';
import { TENANT_DOMAIN, roleIdByName } from './tenant';

interface DemoPerson {
	first: string;
	last: string;
	title: string;
	department: string;
	location: string;
	manager?: string;
	email?: string | null;
	secondary?: string[];
	mobile?: string;
	work?: string;
	active?: boolean;
	costCenter?: string;
	remote?: boolean;
	agentRole?: 'SD Agent' | 'SD Supervisor' | 'Admin';
	occasional?: boolean;
}

const DEMO_PEOPLE: DemoPerson[] = [
	{ first: 'Grace', last: 'Hopper', title: 'Chief Technology Officer', department: 'Engineering', location: 'New York', costCenter: 'CC-100 Engineering', work: '+1 212 555 0100' },
	{ first: 'Linus', last: 'Berg', title: 'Engineering Manager', department: 'Engineering', location: 'Berlin', manager: 'Grace Hopper', costCenter: 'CC-100 Engineering' },
	{ first: 'Ada', last: 'Lovelace', title: 'Staff Engineer', department: 'Engineering', location: 'London HQ', manager: 'Linus Berg', secondary: [`ada@lovelace.example`], costCenter: 'CC-100 Engineering', remote: true },
	{ first: 'Priya', last: 'Natarajan', title: 'Software Engineer', department: 'Engineering', location: 'Bengaluru', manager: 'Linus Berg', mobile: '+91 98450 12345', costCenter: 'CC-100 Engineering' },
	{ first: 'Marcus', last: 'Webb', title: 'Account Executive', department: 'Sales', location: 'New York', manager: 'Grace Hopper', costCenter: 'CC-200 Sales' },
	{ first: 'Sofia', last: 'Alvarez', title: 'HR Business Partner', department: 'Human Resources', location: 'London HQ', costCenter: 'CC-300 People' },
	{ first: 'Tom', last: 'Fischer', title: 'Financial Analyst', department: 'Finance', location: 'Berlin', active: false, costCenter: 'CC-400 Finance' },
	{ first: 'Nia', last: 'Okoye', title: 'Field Technician', department: 'IT', location: 'London HQ', email: null, mobile: '+44 7700 900123' },
	{ first: 'Hannah', last: 'Kim', title: 'Content Strategist', department: 'Marketing', location: 'New York', costCenter: 'CC-600 Marketing', remote: true },
	{ first: 'Jonas', last: 'Lindqvist', title: 'Systems Administrator', department: 'IT', location: 'Berlin', agentRole: 'SD Supervisor' },
	{ first: 'Aisha', last: 'Rahman', title: 'Service Desk Analyst', department: 'IT', location: 'London HQ', manager: 'Jonas Lindqvist', agentRole: 'SD Agent' },
	{ first: 'Kenji', last: 'Sato', title: 'Facilities Coordinator', department: 'IT', location: 'Bengaluru', agentRole: 'SD Agent', occasional: true },
];

const DEMO_CREATED_AT = Date.UTC(2023, 5, 1, 8, 30, 0);

export function seedDemoTenant(store: Store): number[] {
	const byName = new Map<string, UserRecord>();
	const findId = <T extends { id: number; name: string }>(records: Iterable<T>, name: string): number => {
		for (const record of records) if (record.name === name) return record.id;
		throw new Error(`Demo tenant refers to unknown ${name}`);
	};
	const ids: number[] = [];
	DEMO_PEOPLE.forEach((person, index) => {
		const createdAt = DEMO_CREATED_AT + index * 86_400_000;
		const email = person.email === undefined ? `${person.first}.${person.last}@${TENANT_DOMAIN}`.toLowerCase() : person.email;
		const user = createUserRecord(store.newUserId(), createdAt, {
			first_name: person.first,
			last_name: person.last,
			job_title: person.title,
			primary_email: email,
			secondary_emails: person.secondary ?? [],
			work_phone_number: person.work ?? null,
			mobile_phone_number: person.mobile ?? null,
			department_ids: [findId(store.departments.values(), person.department)],
			location_id: findId(store.locations.values(), person.location),
			reporting_manager_id: person.manager ? (byName.get(person.manager)?.id ?? null) : null,
			active: person.active ?? true,
			has_logged_in: index % 3 !== 0,
			custom_fields: {
				employee_id: `E${2000 + index}`,
				cost_center: person.costCenter ?? null,
				remote_worker: person.remote ?? false,
			},
			agent: person.agentRole
				? createAgentData({
						occasional: person.occasional ?? false,
						roles: [{ role_id: roleIdByName(store, person.agentRole), assignment_scope: 'entire_helpdesk', groups: [] }],
						member_of: [[...store.groups.keys()][0]],
					})
				: null,
		});
		store.addUser(user, createdAt);
		byName.set(`${person.first} ${person.last}`, user);
		ids.push(user.id);
	});
	return ids;
}
