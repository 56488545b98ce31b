// In-memory data of one simulated Freshservice account: users (requesters and agents share one id
// space, as in Freshservice), an email index for O(1) duplicate checks and email filters, the lookup
// records, and the lagging search index behind `?query=`.
import type { CustomFieldDefinition } from './fields';
import { DEFAULT_LANGUAGE, DEFAULT_TIME_FORMAT, DEFAULT_TIME_ZONE, DEFAULT_WORKSPACE_ID } from './fields';
import type {
	CustomFieldValues,
	Department,
	EmployeeFormField,
	EmployeeRequestKind,
	EmployeeRequestStatus,
	Group,
	Location,
	RequesterGroup,
	Role,
	RoleAssignment,
} from './types';

export interface AgentData {
	occasional: boolean;
	scoreboard_level_id: number | null;
	member_of: number[];
	observer_of: number[];
	/** Restricted, approval-enabled groups the agent asked to join, awaiting a group leader. */
	member_of_pending_approval: number[];
	observer_of_pending_approval: number[];
	roles: RoleAssignment[];
	signature: string | null;
	workspace_ids: number[];
	api_key_enabled: boolean;
	custom_fields: CustomFieldValues;
	last_login_at: number | null;
	last_active_at: number | null;
}

/** One user. Field names are the API's; `primary_email` holds an agent's `email` too. */
export interface UserRecord {
	id: number;
	active: boolean;
	first_name: string;
	last_name: string | null;
	job_title: string | null;
	primary_email: string | null;
	secondary_emails: string[];
	work_phone_number: string | null;
	mobile_phone_number: string | null;
	department_ids: number[];
	can_see_all_tickets_from_associated_departments: boolean;
	reporting_manager_id: number | null;
	address: string | null;
	time_zone: string;
	time_format: string;
	language: string;
	location_id: number | null;
	background_information: string | null;
	/** Requester custom fields; kept while the user is an agent, so converting back loses nothing. */
	custom_fields: CustomFieldValues;
	external_id: string | number | null;
	has_logged_in: boolean;
	vip_user: boolean;
	created_at: number;
	updated_at: number;
	/** null for requesters. */
	agent: AgentData | null;
}

/** An onboarding or offboarding request; `fields` holds every form field (lookups as IDs). */
export interface EmployeeRequestRecord {
	id: number;
	status: EmployeeRequestStatus;
	subject: string;
	initiator_id: number;
	fields: Record<string, unknown>;
	created_at: number;
	updated_at: number;
	/** The kit's tickets: the parent first. */
	tickets: Array<{ id: number; subject: string; status: number }>;
}

export type UserListKind = 'requesters' | 'requestersAndAgents' | 'agents';

interface SearchVersion {
	at: number;
	user: UserRecord | null;
}

// Real ids are 11-digit numbers; each kind of record gets its own realistic range.
export const ID_BASES = {
	user: 21000418006,
	department: 21000151342,
	location: 21000087611,
	role: 21000329801,
	group: 21000225117,
	requesterGroup: 21000041022,
	field: 21000612001,
	employeeRequest: 21000009001,
	ticket: 4001,
} as const;

export function cloneUser(user: UserRecord): UserRecord {
	return {
		...user,
		secondary_emails: [...user.secondary_emails],
		department_ids: [...user.department_ids],
		custom_fields: { ...user.custom_fields },
		agent: user.agent
			? {
					...user.agent,
					member_of: [...user.agent.member_of],
					observer_of: [...user.agent.observer_of],
					member_of_pending_approval: [...user.agent.member_of_pending_approval],
					observer_of_pending_approval: [...user.agent.observer_of_pending_approval],
					roles: user.agent.roles.map((role) => ({ ...role, groups: [...role.groups] })),
					workspace_ids: [...user.agent.workspace_ids],
					custom_fields: { ...user.agent.custom_fields },
				}
			: null,
	};
}

const compareByFirstName = (a: UserRecord, b: UserRecord): number => {
	const left = a.first_name.toLowerCase();
	const right = b.first_name.toLowerCase();
	if (left !== right) return left < right ? -1 : 1;
	return a.id - b.id;
};

export class Store {
	readonly users = new Map<number, UserRecord>();
	readonly departments = new Map<number, Department>();
	readonly locations = new Map<number, Location>();
	readonly roles = new Map<number, Role>();
	readonly groups = new Map<number, Group>();
	readonly requesterGroups = new Map<number, RequesterGroup>();
	/** Members of manual requester groups, in the order they were added (rule-based groups follow their rule). */
	readonly requesterGroupMembers = new Map<number, number[]>();
	/** The requester groups deactivation took each requester out of (for `reactivateRestoresGroups`). */
	readonly groupsBeforeDeactivation = new Map<number, number[]>();
	requesterCustomFields: CustomFieldDefinition[] = [];
	agentCustomFields: CustomFieldDefinition[] = [];
	readonly employeeForms: Record<EmployeeRequestKind, EmployeeFormField[]> = { onboarding: [], offboarding: [] };
	readonly employeeRequests: Record<EmployeeRequestKind, Map<number, EmployeeRequestRecord>> = { onboarding: new Map(), offboarding: new Map() };
	private nextEmployeeRequestId: number = ID_BASES.employeeRequest;
	private nextTicketId: number = ID_BASES.ticket;
	/** API key → id of the agent who owns it. */
	readonly apiKeys = new Map<string, number>();
	/** How long `?query=` lags writes; set from the behaviours. */
	searchLagMs = 0;

	private readonly emailIndex = new Map<string, number>();
	private nextUserId: number = ID_BASES.user;
	private version = 0;
	private readonly sortedCache = new Map<UserListKind, { version: number; users: UserRecord[] }>();
	private readonly searchHistory = new Map<number, SearchVersion[]>();

	newEmployeeRequestId(): number {
		return this.nextEmployeeRequestId++;
	}

	newTicketId(): number {
		return this.nextTicketId++;
	}

	newUserId(): number {
		return this.nextUserId++;
	}

	/** The user who holds this email as primary or secondary address, case-insensitively. */
	emailOwner(email: string): UserRecord | undefined {
		const id = this.emailIndex.get(email.toLowerCase());
		return id === undefined ? undefined : this.users.get(id);
	}

	addUser(user: UserRecord, now = Date.now()): void {
		this.rememberSearchVersion(user.id, null);
		this.users.set(user.id, user);
		this.indexEmails(user);
		this.version++;
		this.recordSearchVersion(user, now);
	}

	/** Every change to a user goes through here so the email index and search index stay right. */
	mutateUser(user: UserRecord, change: (user: UserRecord) => void, now = Date.now()): void {
		this.rememberSearchVersion(user.id, user);
		this.unindexEmails(user);
		change(user);
		this.indexEmails(user);
		this.version++;
		this.recordSearchVersion(user, now);
	}

	removeUser(user: UserRecord, now = Date.now()): void {
		this.rememberSearchVersion(user.id, user);
		this.unindexEmails(user);
		this.users.delete(user.id);
		this.version++;
		if (this.searchLagMs > 0) this.searchHistory.get(user.id)?.push({ at: now, user: null });
		for (const [groupId, members] of this.requesterGroupMembers) {
			if (members.includes(user.id)) this.requesterGroupMembers.set(groupId, members.filter((id) => id !== user.id));
		}
		this.groupsBeforeDeactivation.delete(user.id);
		for (const other of this.users.values()) {
			if (other.reporting_manager_id === user.id) {
				this.mutateUser(other, (report) => (report.reporting_manager_id = null), now);
			}
		}
	}

	/** Users of a kind sorted by first name, as the list endpoints answer; cached until the next write. */
	sortedUsers(kind: UserListKind): UserRecord[] {
		const cached = this.sortedCache.get(kind);
		if (cached && cached.version === this.version) return cached.users;
		const users: UserRecord[] = [];
		for (const user of this.users.values()) {
			if (kind === 'agents' ? user.agent : kind === 'requestersAndAgents' || !user.agent) users.push(user);
		}
		users.sort(compareByFirstName);
		this.sortedCache.set(kind, { version: this.version, users });
		return users;
	}

	/** Users as the search index sees them `searchLagMs` after the fact (forgotten users linger too). */
	searchableUsers(now = Date.now()): UserRecord[] {
		if (this.searchHistory.size === 0) return [...this.users.values()];
		const cutoff = now - this.searchLagMs;
		const result: UserRecord[] = [];
		for (const user of this.users.values()) {
			if (!this.searchHistory.has(user.id)) result.push(user);
		}
		for (const [id, versions] of this.searchHistory) {
			let visible: SearchVersion | undefined;
			for (const version of versions) if (version.at <= cutoff) visible = version;
			if (versions[versions.length - 1].at <= cutoff) {
				// Fully indexed: the live record is the truth again.
				this.searchHistory.delete(id);
				const live = this.users.get(id);
				if (live) result.push(live);
				continue;
			}
			if (visible?.user) result.push(visible.user);
		}
		return result;
	}

	clearSearchHistory(): void {
		this.searchHistory.clear();
	}

	counts(): { requesters: number; agents: number } {
		let agents = 0;
		for (const user of this.users.values()) if (user.agent) agents++;
		return { requesters: this.users.size - agents, agents };
	}

	private indexEmails(user: UserRecord): void {
		if (user.primary_email) this.emailIndex.set(user.primary_email.toLowerCase(), user.id);
		for (const email of user.secondary_emails) this.emailIndex.set(email.toLowerCase(), user.id);
	}

	private unindexEmails(user: UserRecord): void {
		if (user.primary_email) this.emailIndex.delete(user.primary_email.toLowerCase());
		for (const email of user.secondary_emails) this.emailIndex.delete(email.toLowerCase());
	}

	/** Before the first write under lag, keep what the index held until then. */
	private rememberSearchVersion(id: number, before: UserRecord | null): void {
		if (this.searchLagMs <= 0 || this.searchHistory.has(id)) return;
		this.searchHistory.set(id, [{ at: Number.NEGATIVE_INFINITY, user: before ? cloneUser(before) : null }]);
	}

	private recordSearchVersion(user: UserRecord, now: number): void {
		if (this.searchLagMs <= 0) return;
		this.searchHistory.get(user.id)?.push({ at: now, user: cloneUser(user) });
	}
}

/** A user with every field at its default (what POST fills in for keys it was not sent). */
export function createUserRecord(id: number, now: number, fields: Partial<UserRecord> & { first_name: string }): UserRecord {
	return {
		id,
		active: true,
		last_name: null,
		job_title: null,
		primary_email: null,
		secondary_emails: [],
		work_phone_number: null,
		mobile_phone_number: null,
		department_ids: [],
		can_see_all_tickets_from_associated_departments: false,
		reporting_manager_id: null,
		address: null,
		time_zone: DEFAULT_TIME_ZONE,
		time_format: DEFAULT_TIME_FORMAT,
		language: DEFAULT_LANGUAGE,
		location_id: null,
		background_information: null,
		custom_fields: {},
		external_id: null,
		has_logged_in: false,
		vip_user: false,
		created_at: now,
		updated_at: now,
		agent: null,
		...fields,
	};
}

export function createAgentData(fields: Partial<AgentData> = {}): AgentData {
	return {
		occasional: false,
		scoreboard_level_id: null,
		member_of: [],
		observer_of: [],
		member_of_pending_approval: [],
		observer_of_pending_approval: [],
		roles: [],
		signature: null,
		workspace_ids: [DEFAULT_WORKSPACE_ID],
		api_key_enabled: false,
		custom_fields: {},
		last_login_at: null,
		last_active_at: null,
		...fields,
	};
}
