// Change detection for the trigger: the previous snapshot and what Freshservice answers now →
// the changes to emit and the next snapshot. Plain values in, plain values out.

/** A user as the requester filter/listing answers it (agents too, with `is_agent: true`). */
export type UserRecordLike = Record<string, unknown>;

export const USER_EVENTS = [
	'requesterCreated',
	'agentCreated',
	'updated',
	'deactivated',
	'reactivated',
	'becameAgent',
	'becameRequester',
] as const;
export type UserEvent = (typeof USER_EVENTS)[number];

export interface UserChange {
	event: UserEvent;
	/** The values the changed fields held before, where the snapshot knew them. */
	previous: Record<string, unknown>;
}

/**
 * What the trigger remembers between polls (n8n's static data: small, JSON).
 * `seen` holds only users updated on or after `day`, the filter's lower bound; the flags that
 * events depend on (deactivated, agent) are kept for every user as two short lists of IDs.
 */
export interface UserSnapshot {
	version: 1;
	/** UTC day (YYYY-MM-DD) the next filter reads from. */
	day: string;
	/** When the baseline was taken (epoch ms): nothing older is ever emitted as created. */
	baselineAt: number;
	/** ID → [updated_at epoch ms, fingerprint of the record as last seen]. */
	seen: Record<string, [number, string]>;
	inactive: number[];
	agents: number[];
	/** A day the filter could not hold (over 1,200 changes): read through the listing instead. */
	overflowDay?: string;
}

/**
 * How long after a write the search index may still miss it ("a few minutes", documented). The
 * filter's day moves on only once the previous day's writes are this old.
 */
export const INDEX_LAG_ALLOWANCE_MS = 15 * 60_000;

export const utcDay = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

function timestamp(value: unknown): number {
	const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(parsed) ? 0 : parsed;
}

// Fields whose change a user would call an update; read-only noise (logins) is left out so a
// record read from the listing and from the filter fingerprints the same.
const FINGERPRINT_FIELDS = [
	'first_name',
	'last_name',
	'job_title',
	'primary_email',
	'email',
	'secondary_emails',
	'work_phone_number',
	'mobile_phone_number',
	'department_ids',
	'reporting_manager_id',
	'address',
	'time_zone',
	'time_format',
	'language',
	'location_id',
	'background_information',
	'custom_fields',
	'external_id',
	'vip_user',
	'active',
	'is_agent',
];

/** A short hash of the record's meaningful fields (FNV-1a), to tell two writes in one second apart. */
export function fingerprint(record: UserRecordLike): string {
	const text = JSON.stringify(FINGERPRINT_FIELDS.map((field) => record[field] ?? null));
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(36);
}

const isAgent = (record: UserRecordLike): boolean => record.is_agent === true;
const isActive = (record: UserRecordLike): boolean => record.active !== false;

function nextDay(current: string, serverNow: number): string {
	const candidate = utcDay(serverNow - INDEX_LAG_ALLOWANCE_MS);
	return candidate > current ? candidate : current;
}

function seenSince(seen: UserSnapshot['seen'], day: string): UserSnapshot['seen'] {
	const from = dayStart(day);
	const kept: UserSnapshot['seen'] = {};
	for (const [id, entry] of Object.entries(seen)) if (entry[0] >= from) kept[id] = entry;
	return kept;
}

/** The first poll: remember everything as it is, emit nothing. */
export function takeBaseline(records: UserRecordLike[], serverNow: number): UserSnapshot {
	const day = utcDay(serverNow - INDEX_LAG_ALLOWANCE_MS);
	const seen: UserSnapshot['seen'] = {};
	const inactive: number[] = [];
	const agents: number[] = [];
	for (const record of records) {
		const id = Number(record.id);
		seen[id] = [timestamp(record.updated_at), fingerprint(record)];
		if (!isActive(record)) inactive.push(id);
		if (isAgent(record)) agents.push(id);
	}
	return { version: 1, day, baselineAt: serverNow, seen: seenSince(seen, day), inactive, agents };
}

function classify(record: UserRecordLike, wasActive: boolean, wasAgent: boolean): UserChange {
	const active = isActive(record);
	const agent = isAgent(record);
	const previous: Record<string, unknown> = {};
	if (active !== wasActive) previous.active = wasActive;
	if (agent !== wasAgent) previous.is_agent = wasAgent;
	if (wasActive && !active) return { event: 'deactivated', previous };
	if (!wasActive && active) return { event: 'reactivated', previous };
	if (!wasAgent && agent) return { event: 'becameAgent', previous };
	if (wasAgent && !agent) return { event: 'becameRequester', previous };
	return { event: 'updated', previous };
}

/**
 * Compares what Freshservice answered (every user updated on or after `snapshot.day`, from the
 * filter or a listing, in any order, possibly older versions from a lagging index) with the
 * snapshot. A user counts as changed when its `updated_at` is newer than the one last seen, or the
 * same second with different contents; each change is returned once, oldest first.
 */
export function detectChanges(
	snapshot: UserSnapshot,
	records: UserRecordLike[],
	serverNow: number,
): { changes: Array<{ record: UserRecordLike; change: UserChange }>; snapshot: UserSnapshot } {
	const seen = { ...snapshot.seen };
	const inactive = new Set(snapshot.inactive);
	const agents = new Set(snapshot.agents);
	const windowStart = dayStart(snapshot.day);
	const changes: Array<{ record: UserRecordLike; change: UserChange }> = [];
	const ordered = [...records].sort((a, b) => timestamp(a.updated_at) - timestamp(b.updated_at) || Number(a.id) - Number(b.id));
	for (const record of ordered) {
		const id = Number(record.id);
		const updatedAt = timestamp(record.updated_at);
		if (updatedAt < windowStart) continue;
		const print = fingerprint(record);
		const last = seen[id];
		if (last && (updatedAt < last[0] || (updatedAt === last[0] && print === last[1]))) continue;
		const createdAt = timestamp(record.created_at);
		// Not seen before yet changed before the baseline: visible only now (a lagging index, a
		// user the baseline listing hid). Not news, but its flags are. (The baseline's own second
		// counts as after it: what the listing held then is in `seen`.)
		const beforeBaseline = !last && updatedAt < snapshot.baselineAt;
		if (!beforeBaseline) {
			// Created inside the window and never seen: new. (One created earlier and seen would
			// still be in `seen`, since its updated_at is inside the window too.)
			const created = !last && createdAt >= windowStart && createdAt >= snapshot.baselineAt;
			const change: UserChange = created
				? { event: isAgent(record) ? 'agentCreated' : 'requesterCreated', previous: {} }
				: classify(record, !inactive.has(id), agents.has(id));
			changes.push({ record, change });
		}
		seen[id] = [updatedAt, print];
		if (isActive(record)) inactive.delete(id);
		else inactive.add(id);
		if (isAgent(record)) agents.add(id);
		else agents.delete(id);
	}
	const day = nextDay(snapshot.day, serverNow);
	return {
		changes,
		snapshot: { ...snapshot, day, seen: seenSince(seen, day), inactive: [...inactive], agents: [...agents] },
	};
}
