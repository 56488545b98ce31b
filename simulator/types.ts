// Public types of the Freshservice API v2 simulator. Field names of API records stay snake_case,
// exactly as the API spells them, so tests can compare simulator state with API answers directly.

/** Behaviours the Freshservice documentation leaves open; each is switchable (see README.md). */
export interface Behaviours {
	/** Status of a create/update whose email is already taken by any user. */
	duplicateEmailStatus: 409 | 400;
	/** Whether `GET /requesters?email=` and `GET /agents?email=` also return deactivated users. */
	emailFilterIncludesInactive: boolean;
	/** Whether the `email` filter also matches secondary emails. */
	emailFilterMatchesSecondary: boolean;
	/** Whether deactivation clears department_ids, reporting_manager_id and location_id. */
	deactivateClearsFields: boolean;
	/** Whether `PUT` on a deactivated user is allowed; 'reject' answers 409 incompatible_field. */
	updateInactive: 'allow' | 'reject';
	/** What `DELETE` on an already deactivated user answers. */
	deactivateInactive: 'succeed' | 'notFound' | 'conflict';
	/** Body of a 404 for an unknown record or route under /api/v2. */
	notFoundBody: 'json' | 'empty' | 'html';
	/** Body of a 429. */
	rateLimitBody: 'json' | 'empty';
	/** Spelling of the rate-limit and Retry-After header names on the wire. */
	rateLimitHeaderCase: 'canonical' | 'lower';
	/** How long `?query=` results lag behind writes (the search index). */
	searchIndexLagMs: number;
	/** Whether stored emails are lower-cased (a client comparing them must not see a diff). */
	lowercaseEmails: boolean;
	/** Whether `?query=` search returns deactivated users. */
	searchIncludesInactive: boolean;
	/** Whether `include_agents=true` answers 403 access_denied to a key without the "Manage Agents" permission. */
	includeAgentsNeedsManageAgents: boolean;
	/** Whether the `email` filter matches regardless of case (false: exactly as stored). */
	emailFilterIgnoresCase: boolean;
	/** Whether `GET /requesters` without an `email` filter lists deactivated requesters. */
	unfilteredListIncludesInactive: boolean;
	/** What `GET /requesters/{id}` answers for an agent's id: 404, or the record with `is_agent: true`. */
	requesterByIdForAgent: 'notFound' | 'record';
	/** What `PUT .../reactivate` answers for a user who is already active. */
	reactivateActive: 'succeed' | 'conflict' | 'invalidValue';
	/** Whether `GET /onboarding_requests` (and offboarding) pages like other lists, or answers every request at once. */
	employeeRequestListPaging: 'paged' | 'all';
	/** What `?status=` on those lists does: filters, is ignored, or is an unknown parameter (400). */
	employeeRequestStatusFilter: 'applied' | 'ignored' | 'rejected';
	/** What creating a request without a required form field answers: 400 missing_field, or a request all the same. */
	employeeRequestMissingRequired: 'missingField' | 'accepted';
	/** What lookup form fields take: IDs only, or also a name or email the server looks up (as the documentation's sample sends). */
	employeeRequestLookupValues: 'ids' | 'idsOrNames';
	/** What `POST /requester_groups/{id}/members/{requester_id}` answers for a requester already in the group. */
	addExistingMember: 'succeed' | 'conflict' | 'invalidValue';
	/** What `DELETE /requester_groups/{id}/members/{requester_id}` answers for a requester not in the group. */
	removeNonMember: 'succeed' | 'notFound' | 'invalidValue';
	/**
	 * How `GET /requester_groups/{id}/members` pages: like the other lists (`link` header), pages
	 * without a `link` header (a full page may have more), or everyone in one answer (`page` ignored).
	 */
	groupMembersPaging: 'link' | 'noLink' | 'unpaged';
	/** Whether a reactivated requester is put back into the requester groups deactivation removed them from. */
	reactivateRestoresGroups: boolean;
	/** Status of adding a member to, or removing one from, a rule-based requester group. */
	ruleBasedGroupStatus: 400 | 403;
}

/** Onboarding or offboarding: the two request kinds share one shape. */
export type EmployeeRequestKind = 'onboarding' | 'offboarding';

/** A field of the initiator's form, as `GET /{kind}_requests/form` answers it. */
export interface EmployeeFormField {
	placeholder: string | null;
	label: string;
	name: string;
	position: number;
	required: boolean;
	default: boolean;
	field_type: string;
	/** Lookups: 1 locations, 2 requesters, 3 agents, 4 assets, 5 all users, 6 departments. */
	data_source?: number;
	choices?: string[];
}

/** 1 Awaiting Information, 2 Request Cancelled, 3 Request In Progress, 4 Request Completed. */
export type EmployeeRequestStatus = 1 | 2 | 3 | 4;

export type RatePlan = 'starter' | 'growth' | 'pro' | 'enterprise';

export interface RateLimitOptions {
	/** Sets perWindow and listPerWindow to the plan's numbers unless they are given too. */
	plan?: RatePlan;
	/** Overall calls per window, account-wide. */
	perWindow?: number;
	/** Calls per window for list-requesters and for list-agents, each. */
	listPerWindow?: number;
	windowMs?: number;
	/** false: never answer 429 (headers are still sent). */
	enabled?: boolean;
}

export interface RateLimitSettings {
	plan: RatePlan | 'custom';
	perWindow: number;
	listPerWindow: number;
	windowMs: number;
	enabled: boolean;
}

export type FaultKind = 'status' | 'drop' | 'dropAfterCommit' | 'latency' | 'rateLimit' | 'hang' | 'echoAuth' | 'strip';

/** Which API calls a fault applies to. pathPattern is a glob on the path without query (`*` = any characters). */
export interface FaultMatch {
	method?: string;
	pathPattern?: string;
}

interface FaultBase extends FaultMatch {
	/** How many matching calls the fault hits before it is used up (default 1). */
	times?: number;
}

export interface StatusFault extends FaultBase {
	kind: 'status';
	status: number;
	/** Object: sent as JSON; string: sent as text/html; absent: a default body for the status. */
	body?: unknown;
}
export interface DropFault extends FaultBase {
	kind: 'drop';
}
export interface DropAfterCommitFault extends FaultBase {
	kind: 'dropAfterCommit';
}
export interface LatencyFault extends FaultBase {
	kind: 'latency';
	ms: number;
}
export interface RateLimitFault extends FaultBase {
	kind: 'rateLimit';
	retryAfterSeconds?: number;
}
/** Accepts the call and never answers; the connection stays open until the client gives up (or the simulator closes). */
export interface HangFault extends FaultBase {
	kind: 'hang';
	/** Apply the call in full before hanging (the client cannot know it succeeded). Default false: nothing is applied. */
	afterCommit?: boolean;
}
/** An error answer whose body quotes the request's Authorization header, as a careless gateway might. */
export interface EchoAuthFault extends FaultBase {
	kind: 'echoAuth';
	/** Default 400. */
	status?: number;
}
/**
 * The call is applied and answered as usual, less the named top-level keys of the JSON body and
 * the named headers (any case): a truncated or malformed 2xx answer, e.g. a list page without its
 * list key or its `link` header, or `/agents/me` without `agent`. Queue only (not drawn at random).
 */
export interface StripFault extends FaultBase {
	kind: 'strip';
	keys?: string[];
	headers?: string[];
}
export type FaultSpec = StatusFault | DropFault | DropAfterCommitFault | LatencyFault | RateLimitFault | HangFault | EchoAuthFault | StripFault;

export interface RandomFaultConfig extends FaultMatch {
	/** PRNG seed: the same seed and the same call sequence give the same faults. */
	seed?: number;
	/** Probability per call of each kind (summed, at most 1). */
	rates: Partial<Record<FaultKind, number>>;
	/** Statuses drawn for 'status' faults (default 500, 502, 503, 504). */
	statuses?: number[];
	latencyMs?: { min: number; max: number };
	retryAfterSeconds?: number;
}

export interface FaultConfig {
	/** Replaces the pending one-shot faults. */
	queue?: FaultSpec[];
	/** null switches random faults off. */
	random?: RandomFaultConfig | null;
}

export interface SeedOptions {
	requesters?: number;
	agents?: number;
	randomSeed?: number;
	/** Email domain of seeded people (default 'acme.example'). */
	domain?: string;
	/** Share of seeded users that are deactivated, 0..1 (default 0). */
	deactivatedRatio?: number;
}

export interface SeedResult {
	requesterIds: number[];
	agentIds: number[];
}

export interface SimulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	behaviours?: Partial<Behaviours>;
	rateLimit?: RateLimitOptions;
	faults?: FaultConfig;
	/** People seeded on start and again on every reset. */
	seed?: SeedOptions;
	/** Seed a small realistic demo tenant on start and on every reset. */
	demo?: boolean;
	/** Request-log entries kept (oldest dropped first, default 20 000). */
	logLimit?: number;
	/**
	 * The simulator's time in epoch ms (default Date.now): rate-limit windows, search-index lag and
	 * timestamps follow it, so a test can move time on instead of sleeping.
	 */
	clock?: () => number;
}

export interface SimulatorConfig {
	behaviours: Behaviours;
	rateLimit: RateLimitSettings;
	faults: { queue: FaultSpec[]; random: RandomFaultConfig | null };
}

export interface SimulatorConfigUpdate {
	behaviours?: Partial<Behaviours>;
	rateLimit?: RateLimitOptions;
	faults?: FaultConfig;
}

/** Which key a call used: see README.md for what each may do. */
export type AuthKind = 'admin' | 'readonly' | 'supervisor' | 'invalid' | 'none';

export interface LogEntry {
	seq: number;
	time: string;
	method: string;
	path: string;
	query: Record<string, string>;
	/** null when no answer was sent (dropped connection). */
	status: number | null;
	auth: AuthKind;
	/** Parsed JSON body, the raw text when it is not JSON, null when empty. */
	requestBody: unknown;
	durationMs: number;
	fault?: FaultKind;
}

export type AssignmentScope = 'entire_helpdesk' | 'member_groups' | 'specified_groups' | 'assigned_items';

export interface RoleAssignment {
	role_id: number;
	assignment_scope: AssignmentScope;
	groups: number[];
}

export type CustomFieldValues = Record<string, string | number | boolean | null>;

export interface RequesterView {
	id: number;
	is_agent: boolean;
	first_name: string;
	last_name: string | null;
	job_title: string | null;
	primary_email: string | null;
	secondary_emails: string[];
	work_phone_number: string | null;
	mobile_phone_number: string | null;
	department_ids: number[];
	department_names: string[];
	can_see_all_tickets_from_associated_departments: boolean;
	reporting_manager_id: number | null;
	address: string | null;
	time_zone: string;
	time_format: string;
	language: string;
	location_id: number | null;
	location_name: string | null;
	background_information: string | null;
	custom_fields: CustomFieldValues;
	external_id: string | number | null;
	active: boolean;
	has_logged_in: boolean;
	vip_user: boolean;
	created_at: string;
	updated_at: string;
}

export interface AgentView {
	id: number;
	first_name: string;
	last_name: string | null;
	occasional: boolean;
	active: boolean;
	job_title: string | null;
	email: string | null;
	work_phone_number: string | null;
	mobile_phone_number: string | null;
	department_ids: number[];
	department_names: string[];
	can_see_all_tickets_from_associated_departments: boolean;
	reporting_manager_id: number | null;
	address: string | null;
	time_zone: string;
	time_format: string;
	language: string;
	location_id: number | null;
	location_name: string | null;
	background_information: string | null;
	scoreboard_level_id: number | null;
	scoreboard_points: number | null;
	member_of: number[];
	observer_of: number[];
	member_of_pending_approval: number[];
	observer_of_pending_approval: number[];
	roles: RoleAssignment[];
	signature: string | null;
	custom_fields: CustomFieldValues;
	workspace_ids: number[];
	api_key_enabled: boolean;
	external_id: string | number | null;
	has_logged_in: boolean;
	vip_user: boolean;
	last_login_at: string | null;
	last_active_at: string | null;
	created_at: string;
	updated_at: string;
}

export type UserLookup = { type: 'requester'; record: RequesterView } | { type: 'agent'; record: AgentView };

export interface Department {
	id: number;
	name: string;
	description: string | null;
	head_user_id: number | null;
	prime_user_id: number | null;
	domains: string[];
	custom_fields: Record<string, unknown>;
	created_at: string;
	updated_at: string;
}

export interface Location {
	id: number;
	name: string;
	parent_location_id: number | null;
	primary_contact_id: number | null;
	address: {
		line1: string | null;
		line2: string | null;
		city: string | null;
		state: string | null;
		country: string | null;
		zipcode: string | null;
	};
	contact_name: string | null;
	email: string | null;
	phone: string | null;
	created_at: string;
	updated_at: string;
}

export interface Role {
	id: number;
	name: string;
	description: string;
	default: boolean;
	/** 1 admin role, 2 agent role. */
	role_type: 1 | 2;
	created_at: string;
	updated_at: string;
}

export interface Group {
	id: number;
	name: string;
	description: string | null;
	business_hours_id: number | null;
	escalate_to: number | null;
	unassigned_for: string | null;
	workspace_id: number;
	members: number[];
	observers: number[];
	leaders: number[];
	members_pending_approval: number[];
	observers_pending_approval: number[];
	leaders_pending_approval: number[];
	restricted: boolean;
	approval_required: boolean;
	auto_ticket_assign: boolean;
	created_at: string;
	updated_at: string;
}

export interface RequesterGroup {
	id: number;
	name: string;
	description: string | null;
	type: 'manual' | 'rule_based';
}

export interface SimulatorCounters {
	/** API calls answered or dropped (control calls and wrong-account calls excluded). */
	apiRequests: number;
	byStatus: Record<string, number>;
	/** 429s from the rate limiter itself (forced 429 faults are counted under faultsInjected). */
	rateLimited: number;
	faultsInjected: Record<FaultKind, number>;
	pendingFaults: number;
	requesters: number;
	agents: number;
	rateLimitWindow: { used: number; listRequestersUsed: number; listAgentsUsed: number; resetsInMs: number };
}

export interface SimulatorState {
	requesters: RequesterView[];
	agents: AgentView[];
	departments: Department[];
	locations: Location[];
	roles: Role[];
	groups: Group[];
	requesterGroups: RequesterGroup[];
	/** Members of each requester group by group id (rule-based groups: as their rule lists them). */
	requesterGroupMembers: Record<string, number[]>;
	counters: SimulatorCounters;
}

/** In-process control; the HTTP control interface under /_simulator/ has the same powers. */
export interface SimulatorControl {
	/** Back to the start state: base tenant plus the start options' seed/demo, default config, empty log. */
	reset(): void;
	seed(options: SeedOptions): SeedResult;
	configure(update: SimulatorConfigUpdate): SimulatorConfig;
	config(): SimulatorConfig;
	state(): SimulatorState;
	/** Non-agent user whose primary or secondary email matches (case-insensitive, active or not). */
	requesterByEmail(email: string): RequesterView | undefined;
	agentByEmail(email: string): AgentView | undefined;
	userById(id: number): UserLookup | undefined;
	/** Puts a requester in a manual requester group as if by hand (no API call, not logged): a test's starting point. */
	joinRequesterGroup(groupName: string, requesterId: number): void;
	log(): LogEntry[];
	clearLog(): void;
	injectFaults(...faults: FaultSpec[]): void;
}

export interface RunningSimulator {
	url: string;
	apiBaseUrl: string;
	apiKey: string;
	control: SimulatorControl;
	close(): Promise<void>;
}
