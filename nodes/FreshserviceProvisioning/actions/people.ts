/**
 * Items of one execution that name the same person take turns: each holds the person from its
 * lookup to its last write, so that at any Parallel Requests two Deactivate items for one email
 * send one DELETE, and the second reads what the first wrote instead of looking the user up again.
 * A person named by email is then held by ID as well: always email first, then ID, so two items
 * never wait on each other.
 */

import { emailKey as bodyEmailKey } from '../provisioning/fields';
import type { FreshserviceSession } from '../transport/session';
import type { FoundUser } from '../transport/users';

export const personByEmail = (email: string): string => `email:${email.trim().toLowerCase()}`;
export const personById = (id: number | string): string => `id:${String(id).trim()}`;

/** The manager-lookup cache's key (actions/user/references.ts): one fact, one place. */
export const managerLookupKey = (email: string): string => `user:${email.toLowerCase()}`;

/**
 * Takes the person's turn: at once when nobody holds it (no promise to wait on, the common case
 * of a roster where each person comes once), else after the holders before. The function ends it.
 */
function takeTurn(session: FreshserviceSession, key: string): { wait?: Promise<void>; end: () => void } {
	const { turns } = session.people;
	const before = turns.get(key);
	let end!: () => void;
	const mine = new Promise<void>((resolve) => (end = resolve));
	const last = before === undefined ? mine : before.then(async () => await mine);
	turns.set(key, last);
	return {
		wait: before,
		end: () => {
			end();
			if (turns.get(key) === last) turns.delete(key);
		},
	};
}

/** Runs `work` holding each of `keys` in turn (in the order given). */
export async function withPeople<T>(session: FreshserviceSession, keys: readonly string[], work: () => Promise<T>): Promise<T> {
	const ends: Array<() => void> = [];
	try {
		for (const key of keys) {
			const turn = takeTurn(session, key);
			ends.push(turn.end);
			if (turn.wait !== undefined) await turn.wait;
		}
		return await work();
	} finally {
		for (let index = ends.length - 1; index >= 0; index--) ends[index]();
	}
}

/**
 * Waits until nobody holds `key` (an item writing that person now), unless the holder waits, at
 * the end of a chain, for `self`: two new people naming each other as manager would wait forever.
 */
export async function awaitPerson(session: FreshserviceSession, key: string, self?: string): Promise<void> {
	const { turns, waits } = session.people;
	const busy = turns.get(key);
	if (!busy) return;
	for (let holder: string | undefined = key, hops = 0; holder !== undefined && hops < 1000; holder = waits.get(holder), hops++) {
		if (holder === self) return;
	}
	if (self !== undefined) waits.set(self, key);
	try {
		await busy;
	} finally {
		if (self !== undefined) waits.delete(self);
	}
}

/** What this execution's writes left of the person: a user, null (deleted), or undefined (nothing written). */
export function writtenUser(session: FreshserviceSession, key: string): FoundUser | null | undefined {
	return session.people.written.get(key) as FoundUser | null | undefined;
}

function emailsOf(user: FoundUser): string[] {
	const { record } = user;
	const primary = record[bodyEmailKey(user.userType)] ?? record.primary_email ?? record.email;
	const emails = typeof primary === 'string' && primary !== '' ? [primary] : [];
	if (Array.isArray(record.secondary_emails)) {
		for (const email of record.secondary_emails) if (typeof email === 'string' && email !== '') emails.push(email);
	}
	return emails;
}

/** After a write: later items of this execution (and manager lookups) see the user as written. */
export function rememberWritten(session: FreshserviceSession, user: FoundUser, deleted = false): void {
	const id = Number(user.record.id);
	const known = Number.isSafeInteger(id);
	const { written } = session.people;
	const value = deleted ? null : user;
	const lookup = deleted || !known ? undefined : Promise.resolve(id);
	for (const email of emailsOf(user)) {
		written.set(personByEmail(email), value);
		if (deleted) session.lookups.delete(managerLookupKey(email));
		else if (lookup) session.lookups.set(managerLookupKey(email), lookup);
	}
	if (known) written.set(personById(id), value);
}

/** A user this run listed or created, so that an item naming them as manager needs no lookup. */
export function rememberUser(session: FreshserviceSession, email: string, id: number): void {
	if (Number.isSafeInteger(id)) session.lookups.set(managerLookupKey(email), Promise.resolve(id));
}
