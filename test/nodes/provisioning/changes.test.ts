import type { UserRecordLike, UserSnapshot } from '../../../nodes/FreshserviceProvisioning/provisioning/changes';
import { detectChanges, INDEX_LAG_ALLOWANCE_MS, takeBaseline } from '../../../nodes/FreshserviceProvisioning/provisioning/changes';

const at = (iso: string) => Date.parse(iso);
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function user(id: number, fields: Partial<Record<string, unknown>> & { created: number; updated: number }): UserRecordLike {
	const { created, updated, ...rest } = fields;
	return { id, first_name: `U${id}`, active: true, is_agent: false, created_at: stamp(created), updated_at: stamp(updated), ...rest };
}

const T0 = at('2026-12-01T10:00:00Z');
const old = at('2026-11-01T09:00:00Z');

function events(snapshot: UserSnapshot, records: UserRecordLike[], now: number) {
	const result = detectChanges(snapshot, records, now);
	return { events: result.changes.map(({ record, change }) => [record.id, change.event]), result };
}

describe('detectChanges', () => {
	const alice = user(1, { created: old, updated: old });
	const bob = user(2, { created: old, updated: at('2026-12-01T08:00:00Z'), active: false });
	const carol = user(3, { created: old, updated: old, is_agent: true });
	const baseline = takeBaseline([alice, bob, carol], T0);

	it('keeps only the users updated inside the window, and the flags of everyone', () => {
		expect(baseline.day).toBe('2026-12-01');
		expect(Object.keys(baseline.seen)).toEqual(['2']);
		expect(baseline.inactive).toEqual([2]);
		expect(baseline.agents).toEqual([3]);
	});

	it('emits nothing for what the baseline already saw', () => {
		expect(events(baseline, [bob], T0 + 60_000).events).toEqual([]);
	});

	it('names each kind of change from the flags it remembers', () => {
		const now = T0 + 120_000;
		const records = [
			user(1, { created: old, updated: T0 + 1000, active: false }),
			user(2, { created: old, updated: T0 + 2000, active: true }),
			user(3, { created: old, updated: T0 + 3000, is_agent: false }),
			user(4, { created: T0 + 4000, updated: T0 + 4000, is_agent: true }),
			user(5, { created: T0 + 5000, updated: T0 + 5000 }),
			user(6, { created: old, updated: T0 + 6000, job_title: 'New' }),
		];
		const { events: found, result } = events(baseline, records, now);
		expect(found).toEqual([
			[1, 'deactivated'],
			[2, 'reactivated'],
			[3, 'becameRequester'],
			[4, 'agentCreated'],
			[5, 'requesterCreated'],
			[6, 'updated'],
		]);
		expect(result.changes[0].change.previous).toEqual({ active: true });
		expect(result.changes[2].change.previous).toEqual({ is_agent: true });
		// Read again: nothing new.
		expect(events(result.snapshot, records, now + 60_000).events).toEqual([]);
		expect(events(result.snapshot, [user(3, { created: old, updated: T0 + 9000, is_agent: true })], now).events).toEqual([[3, 'becameAgent']]);
	});

	it('reports several changes to one person between two polls as one, from the latest state', () => {
		const createdThenConverted = user(8, { created: T0 + 1000, updated: T0 + 2000, is_agent: true });
		const createdThenDeactivated = user(9, { created: T0 + 1000, updated: T0 + 2000, active: false });
		expect(events(baseline, [createdThenConverted, createdThenDeactivated], T0 + 60_000).events).toEqual([
			[8, 'agentCreated'],
			[9, 'requesterCreated'],
		]);
	});

	it('counts a user created in the baseline second, after the listing read, as created', () => {
		expect(events(baseline, [user(9, { created: T0, updated: T0 })], T0 + 60_000).events).toEqual([[9, 'requesterCreated']]);
	});

	it('sees a second write in the same second by its contents, and ignores an older version from a lagging index', () => {
		const first = detectChanges(baseline, [user(1, { created: old, updated: T0 + 1000, job_title: 'A' })], T0 + 1000);
		const second = events(first.snapshot, [user(1, { created: old, updated: T0 + 1000, job_title: 'B' })], T0 + 1000);
		expect(second.events).toEqual([[1, 'updated']]);
		const stale = events(second.result.snapshot, [user(1, { created: old, updated: T0 + 500, job_title: 'Z' })], T0 + 2000);
		expect(stale.events).toEqual([]);
	});

	it('moves the day on only once the index has had time, and forgets what is older than the day', () => {
		const late = detectChanges(baseline, [user(1, { created: old, updated: at('2026-12-01T23:59:59Z') })], at('2026-12-02T00:05:00Z'));
		expect(late.snapshot.day).toBe('2026-12-01');
		expect(Object.keys(late.snapshot.seen).sort()).toEqual(['1', '2']);
		const next = detectChanges(late.snapshot, [], at('2026-12-02T00:00:00Z') + INDEX_LAG_ALLOWANCE_MS);
		expect(next.snapshot.day).toBe('2026-12-02');
		expect(next.snapshot.seen).toEqual({});
		// Updated again the next day: an update, not a creation.
		expect(events(next.snapshot, [user(1, { created: T0 + 1000, updated: at('2026-12-02T09:00:00Z') })], at('2026-12-02T09:01:00Z')).events).toEqual([
			[1, 'updated'],
		]);
	});

	it('takes a user first seen after the baseline but changed before it as not news', () => {
		const hidden = user(7, { created: old, updated: T0 - 60_000, active: false });
		const { events: found, result } = events(baseline, [hidden], T0 + 60_000);
		expect(found).toEqual([]);
		expect(result.snapshot.inactive).toContain(7);
		expect(events(result.snapshot, [user(7, { created: old, updated: T0 + 120_000, active: true })], T0 + 180_000).events).toEqual([[7, 'reactivated']]);
	});
});
