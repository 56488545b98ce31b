/**
 * Names instead of IDs: HR data says "Sales" and "London HQ", Freshservice wants 21000000101.
 * Pure: the lists come in (read once per execution by transport), IDs or an error naming the
 * parameter and the closest names come out.
 */

import { describeValue as describe, InvalidValueError, isEmail } from './values';

/** A department, location, role or group as its list answers it. */
export interface NamedRecord {
	id: number;
	name: string;
}

/** What a list holds, for messages: "department". */
export type NamedKind = 'department' | 'location' | 'role' | 'group';

/** One value the user gave: an ID (digits) or a name to look up. */
export type NameOrId = { id: number } | { name: string };

const ID_PATTERN = /^\d{1,16}$/;

/** A value of a "name or ID" parameter; blank parts are the caller's to drop. */
export function toNameOrId(parameter: string, value: unknown): NameOrId {
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value) && value > 0) return { id: value };
	} else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		if (ID_PATTERN.test(text) && Number.isSafeInteger(Number(text)) && Number(text) > 0) return { id: Number(text) };
		if (!ID_PATTERN.test(text)) return { name: text };
	}
	throw new InvalidValueError(parameter, `'${parameter}' must be a name or a Freshservice ID, not ${describe(value)}`);
}

/**
 * A list parameter (departments, groups): an array, or text separated by commas. Every part is
 * a name or an ID.
 */
export function toNamesOrIds(parameter: string, value: unknown): NameOrId[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	return parts
		.filter((part) => !(part === null || part === undefined || (typeof part === 'string' && part.trim() === '')))
		.map((part) => toNameOrId(parameter, part));
}

/** The manager: an email to look up, or an ID. */
export function toEmailOrId(parameter: string, value: unknown): { id: number } | { email: string } {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (isEmail(text)) return { email: text.toLowerCase() };
	if (ID_PATTERN.test(text) && Number.isSafeInteger(Number(text)) && Number(text) > 0) return { id: Number(text) };
	throw new InvalidValueError(parameter, `'${parameter}' must be an email address or a Freshservice ID, not ${describe(value)}`);
}

export function needsLookup(values: readonly NameOrId[]): boolean {
	return values.some((value) => 'name' in value);
}

/** Edit distance between two short strings (names), case already folded by the caller. */
function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[b.length];
}

/** The names most like `wanted`: those it starts, or that contain it, first; then by edit distance. */
export function closestNames(wanted: string, names: readonly string[], limit = 3): string[] {
	const target = wanted.trim().toLowerCase();
	const score = (name: string): number => {
		const candidate = name.toLowerCase();
		if (candidate.startsWith(target) || target.startsWith(candidate)) return -2;
		if (candidate.includes(target) || target.includes(candidate)) return -1;
		return editDistance(target, candidate);
	};
	return [...new Set(names)]
		.map((name) => ({ name, score: score(name) }))
		.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
		.slice(0, limit)
		.map(({ name }) => name);
}

/**
 * The IDs for what the user gave: IDs pass as they are, names are matched without regard to case
 * or surrounding spaces. An unknown name fails, naming the parameter and the closest names.
 */
export function resolveNames(parameter: string, kind: NamedKind, values: readonly NameOrId[], records: readonly NamedRecord[]): number[] {
	const byName = new Map<string, number>();
	for (const record of records) {
		const key = record.name.trim().toLowerCase();
		if (!byName.has(key)) byName.set(key, record.id);
	}
	return values.map((value) => {
		if ('id' in value) return value.id;
		const id = byName.get(value.name.toLowerCase());
		if (id !== undefined) return id;
		const closest = closestNames(value.name, records.map((record) => record.name));
		const hint = closest.length > 0 ? `; the closest are ${closest.map((name) => `"${name}"`).join(', ')}` : `; Freshservice has no ${kind}s yet`;
		throw new InvalidValueError(parameter, `'${parameter}': Freshservice has no ${kind} named "${value.name}"${hint}`);
	});
}
