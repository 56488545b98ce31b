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

/** Waits for the person's turn; the function returned ends it. */
export async function takeTurn(session: FreshserviceSession, key: string): Promise<() => void> {
	const { turns } = session.people;
	const before = turns.get(key) ?? Promise.resolve();
	let end!: () => void;
	const mine = new Promise<void>((resolve) => (end = resolve));
	const last = before.then(async () => await mine);
	turns.set(key, last);
	await before;
	return () => {
		end();
		if (turns.get(key) === last) turns.delete(key);
	};
}

/** Runs `work` holding each of `keys` in turn (in the order given). */
export async function withPeople<T>(session: FreshserviceSession, keys: readonly string[], work: () => Promise<T>): Promise<T> {
	const ends: Array<() => void> = [];
	try {
		for (const key of keys) ends.push(await takeTurn(session, key));
		return await work();
	} finally {
		for (const end of ends.reverse()) end();
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
	const primary = user.record[bodyEmailKey(user.userType)] ?? user.record.primary_email ?? user.record.email;
	const secondary = Array.isArray(user.record.secondary_emails) ? user.record.secondary_emails : [];
	return [primary, ...secondary].filter((email): email is string => typeof email === 'string' && email !== '');
}

/** After a write: later items of this execution (and manager lookups) see the user as written. */
export function rememberWritten(session: FreshserviceSession, user: FoundUser, deleted = false): void {
	const id = Number(user.record.id);
	const keys = [...emailsOf(user).map(personByEmail), ...(Number.isSafeInteger(id) ? [personById(id)] : [])];
	for (const key of keys) session.people.written.set(key, deleted ? null : user);
	for (const email of emailsOf(user)) {
		if (deleted) session.lookups.delete(managerLookupKey(email));
		else if (Number.isSafeInteger(id)) session.lookups.set(managerLookupKey(email), Promise.resolve(id));
	}
}

/** A user this run listed or created, so that an item naming them as manager needs no lookup. */
export function rememberUser(session: FreshserviceSession, email: string, id: number): void {
	if (Number.isSafeInteger(id)) session.lookups.set(managerLookupKey(email), Promise.resolve(id));
}
