// Deterministic bulk seeding of realistic people, straight into the store (no HTTP, no validation),
// fast enough for tens of thousands of users.
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES, SEED_TIME_ZONES } from './names';
import { createRandom, integerBetween, pick, type Random } from './prng';
import { Store, createAgentData, createUserRecord, type UserRecord } from './store';
import { TENANT_DOMAIN, roleIdByName } from './tenant';
import type { SeedOptions, SeedResult } from './types';

const SEED_EPOCH = Date.UTC(2019, 0, 1);
const SEED_SPAN_MS = 5 * 365 * 86_400_000;

export const MAX_SEED_USERS = 200_000;

function emailPart(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

class EmailAllocator {
	private readonly nextSuffix = new Map<string, number>();

	constructor(
		private readonly store: Store,
		private readonly domain: string,
	) {}

	/** first.last@domain, numbered (first.last2@domain) when taken. */
	allocate(first: string, last: string): string {
		const local = `${emailPart(first)}.${emailPart(last)}`;
		let suffix = this.nextSuffix.get(local) ?? 1;
		let email = suffix === 1 ? `${local}@${this.domain}` : `${local}${suffix}@${this.domain}`;
		while (this.store.emailOwner(email)) {
			suffix++;
			email = `${local}${suffix}@${this.domain}`;
		}
		this.nextSuffix.set(local, suffix + 1);
		return email;
	}
}

function phoneNumber(random: Random): string {
	return `+1 555 ${integerBetween(random, 100, 999)} ${integerBetween(random, 1000, 9999)}`;
}

function seededPerson(store: Store, random: Random, emails: EmailAllocator, ordinal: number, deactivatedRatio: number): UserRecord {
	const departments = [...store.departments.values()];
	const locations = [...store.locations.values()];
	const first = pick(random, FIRST_NAMES);
	const last = pick(random, LAST_NAMES);
	const departmentIndex = Math.floor(random() * departments.length);
	const department = departments[departmentIndex];
	const hasDepartment = random() < 0.9;
	const costCenters = store.requesterCustomFields.find((field) => field.name === 'cost_center')?.choices ?? [];
	const createdAt = SEED_EPOCH + Math.floor(random() * SEED_SPAN_MS);
	return createUserRecord(store.newUserId(), createdAt, {
		first_name: first,
		last_name: last,
		job_title: pick(random, JOB_TITLES[department.name] ?? ['Specialist']),
		primary_email: emails.allocate(first, last),
		work_phone_number: random() < 0.6 ? phoneNumber(random) : null,
		mobile_phone_number: random() < 0.4 ? phoneNumber(random) : null,
		department_ids: hasDepartment ? [department.id] : [],
		location_id: random() < 0.85 ? pick(random, locations).id : null,
		time_zone: pick(random, SEED_TIME_ZONES),
		custom_fields: {
			employee_id: `E${100000 + ordinal}`,
			cost_center: hasDepartment && costCenters.length > 0 ? costCenters[departmentIndex % costCenters.length] : null,
			remote_worker: random() < 0.3,
		},
		has_logged_in: random() < 0.6,
		active: random() >= deactivatedRatio,
		updated_at: createdAt + Math.floor(random() * 30 * 86_400_000),
	});
}

export function seedPeople(store: Store, options: SeedOptions): SeedResult {
	const requesters = options.requesters ?? 0;
	const agents = options.agents ?? 0;
	for (const [name, count] of [['requesters', requesters], ['agents', agents]] as const) {
		if (!Number.isInteger(count) || count < 0 || count > MAX_SEED_USERS) {
			throw new Error(`seed.${name} must be an integer from 0 to ${MAX_SEED_USERS}`);
		}
	}
	const deactivatedRatio = options.deactivatedRatio ?? 0;
	if (!(deactivatedRatio >= 0 && deactivatedRatio <= 1)) throw new Error('seed.deactivatedRatio must be between 0 and 1');
	const random = createRandom(options.randomSeed ?? 1);
	const emails = new EmailAllocator(store, options.domain ?? TENANT_DOMAIN);
	const result: SeedResult = { requesterIds: [], agentIds: [] };
	const managers: number[] = [];

	for (let index = 0; index < agents; index++) {
		const person = seededPerson(store, random, emails, index, deactivatedRatio);
		person.agent = createAgentData({
			occasional: random() < 0.2,
			scoreboard_level_id: integerBetween(random, 1, 6),
			member_of: [pick(random, [...store.groups.values()].filter((group) => !group.restricted).map((group) => group.id))],
			roles: [
				random() < 0.8
					? { role_id: roleIdByName(store, 'SD Agent'), assignment_scope: 'entire_helpdesk', groups: [] }
					: { role_id: roleIdByName(store, 'SD Supervisor'), assignment_scope: 'member_groups', groups: [] },
			],
			custom_fields: { employee_id: `A${100000 + index}`, shift: pick(random, ['Day', 'Night', 'Follow the sun']), on_call: random() < 0.2 },
			last_login_at: person.has_logged_in ? person.updated_at : null,
			last_active_at: person.has_logged_in ? person.updated_at : null,
		});
		store.addUser(person);
		result.agentIds.push(person.id);
		if (person.active) managers.push(person.id);
	}
	for (let index = 0; index < requesters; index++) {
		const person = seededPerson(store, random, emails, agents + index, deactivatedRatio);
		if (managers.length > 0 && random() < 0.3) person.reporting_manager_id = pick(random, managers);
		store.addUser(person);
		result.requesterIds.push(person.id);
		if (person.active && random() < 0.05) managers.push(person.id);
	}
	return result;
}
