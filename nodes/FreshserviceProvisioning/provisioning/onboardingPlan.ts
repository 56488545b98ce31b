/**
 * Safe to send twice: Freshservice has no update and no cancel for onboarding and offboarding
 * requests, so an HR event sent again must not open a second kit. Pure: the requests Freshservice
 * holds come in, the one step to take (create, or nothing with the request found) comes out.
 */

import type { EmployeeRequestKind, FormField } from './onboardingForm';
import { InvalidValueError, isBlank } from './values';

/** The switch that turns the rule off, as the node's Options show it. */
export const ONE_PER_PERSON = { name: 'onePerPerson', displayName: 'One Request per Person' } as const;

/** The mapper's Match By, for messages. */
export const MATCH_BY = 'Fields → Same Person By';

export const REQUEST_STATUSES: Record<number, string> = {
	1: 'Awaiting Information',
	2: 'Request Cancelled',
	3: 'Request In Progress',
	4: 'Request Completed',
};

const CANCELLED = 2;

/** Who the request is for: a form field (the new hire's email) and this person's value of it. */
export interface SamePerson {
	field: string;
	label: string;
	value: string;
}

const fold = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '');

/** The field the user chose to tell people apart, and this item's value of it; errors name the label. */
export function samePersonOf(
	kind: EmployeeRequestKind,
	form: readonly FormField[],
	matchingColumns: readonly string[],
	values: Record<string, unknown>,
): SamePerson {
	const field = form.find((candidate) => candidate.name === matchingColumns[0]);
	if (field === undefined) {
		const chosen = matchingColumns[0] === undefined ? 'no field is chosen' : `'${matchingColumns[0]}' is not a field of the ${kind} form`;
		throw new InvalidValueError(
			MATCH_BY,
			`'${MATCH_BY}': ${chosen}. Choose the form field that tells who the request is for (the employee's email), or turn off '${ONE_PER_PERSON.displayName}'`,
		);
	}
	const value = values[field.name];
	if (isBlank(value)) {
		throw new InvalidValueError(field.label, `'${field.label}' is empty, and it tells whether this person already has a ${kind} request`);
	}
	return { field: field.name, label: field.label, value: String(value).trim() };
}

/** A request for the same person that is not cancelled (any case, surrounding spaces ignored); the newest first. */
export function findSameRequest<T extends { status?: unknown; fields?: unknown; id?: unknown }>(requests: readonly T[], person: SamePerson): T | undefined {
	const wanted = fold(person.value);
	return requests
		.filter((request) => Number(request.status) !== CANCELLED)
		.filter((request) => fold((request.fields as Record<string, unknown> | undefined)?.[person.field]) === wanted)
		.sort((a, b) => Number(b.id ?? 0) - Number(a.id ?? 0))[0];
}

export interface RequestBody {
	initiator_id?: number;
	fields: Record<string, unknown>;
}

export type RequestPlan<T> = { action: 'create'; body: RequestBody } | { action: 'unchanged'; existing: T; reason: string };

/** Open a request, unless the same person already has one that is not cancelled. */
export function planRequest<T extends { status?: unknown; fields?: unknown; id?: unknown }>(input: {
	kind: EmployeeRequestKind;
	fields: Record<string, unknown>;
	initiatorId?: number;
	samePerson?: SamePerson;
	requests?: readonly T[];
}): RequestPlan<T> {
	const existing = input.samePerson ? findSameRequest(input.requests ?? [], input.samePerson) : undefined;
	if (existing !== undefined && input.samePerson) {
		const { label, value } = input.samePerson;
		const what = existing.id === undefined || existing.id === null ? 'is to be opened by an earlier item of this run' : `exists (${String(existing.id)}, ${REQUEST_STATUSES[Number(existing.status)] ?? `status ${String(existing.status)}`})`;
		return {
			action: 'unchanged',
			existing,
			reason: `An ${input.kind} request for ${label} "${value}" ${what}; Freshservice cannot update or cancel one, so no second request was opened. Turn off '${ONE_PER_PERSON.displayName}' to open another.`,
		};
	}
	return { action: 'create', body: { ...(input.initiatorId !== undefined ? { initiator_id: input.initiatorId } : {}), fields: input.fields } };
}
