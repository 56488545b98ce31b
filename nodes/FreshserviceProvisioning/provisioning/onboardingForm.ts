/**
 * The initiator's onboarding or offboarding form as fields: the form Freshservice answers, the
 * columns the resource mapper shows, and one person's values checked against it. Pure: the form
 * comes in, checked values (and the names and emails still to look up) or an error naming the
 * field's label come out.
 */

import type { NameOrId } from './names';
import { closestNames, toEmailOrId, toNameOrId } from './names';
import { describeValue as describe, InvalidValueError, isBlank, toBoolean, toId } from './values';

export type EmployeeRequestKind = 'onboarding' | 'offboarding';

export type FormFieldKind = 'text' | 'date' | 'number' | 'checkbox' | 'dropdown' | 'multiDropdown' | 'lookup' | 'multiLookup' | 'other';

/** What a lookup field points to; Freshservice numbers them (data_source) 1 to 6. */
export type LookupSource = 'location' | 'requester' | 'agent' | 'asset' | 'user' | 'department';

const LOOKUP_SOURCES: Record<number, LookupSource> = { 1: 'location', 2: 'requester', 3: 'agent', 4: 'asset', 5: 'user', 6: 'department' };

const FIELD_KINDS: Record<string, FormFieldKind> = {
	custom_text: 'text',
	custom_paragraph: 'text',
	custom_url: 'text',
	custom_phone_number: 'text',
	custom_date: 'date',
	custom_number: 'number',
	custom_decimal: 'number',
	custom_checkbox: 'checkbox',
	custom_dropdown: 'dropdown',
	custom_multi_select_dropdown: 'multiDropdown',
	custom_lookup_bigint: 'lookup',
	custom_multi_lookup: 'multiLookup',
};

export interface FormField {
	/** The key in `fields`: `cf_employee_email`, `actor_2`... */
	name: string;
	label: string;
	kind: FormFieldKind;
	required: boolean;
	choices?: string[];
	source?: LookupSource;
}

/** One entry of `GET /{kind}_requests/form`. */
export function formFieldOf(raw: Record<string, unknown>): FormField {
	const name = String(raw.name ?? '');
	const kind = FIELD_KINDS[String(raw.field_type ?? '')] ?? 'other';
	const source = LOOKUP_SOURCES[Number(raw.data_source)];
	const choices = Array.isArray(raw.choices) ? raw.choices.map(String) : undefined;
	return {
		name,
		label: typeof raw.label === 'string' && raw.label.trim() !== '' ? raw.label.trim() : name,
		kind,
		required: raw.required === true,
		...(choices ? { choices } : {}),
		...((kind === 'lookup' || kind === 'multiLookup') && source ? { source } : {}),
	};
}

/** A resource mapper column; structurally n8n's ResourceMapperField. */
export interface FormColumn {
	id: string;
	displayName: string;
	type: 'string' | 'number' | 'options' | 'dateTime';
	options?: Array<{ name: string; value: string | boolean }>;
	required: boolean;
	defaultMatch: boolean;
	canBeUsedToMatch: boolean;
	display: boolean;
}

/** Text fields may say who the request is for; an email field is the likely one. */
function isMatchable(field: FormField): boolean {
	return field.kind === 'text';
}

function looksLikeEmail(field: FormField): boolean {
	return /e-?mail/i.test(field.name) || /e-?mail/i.test(field.label);
}

/** The form's fields as the mapper shows them, each by its label, required ones marked. */
export function formColumns(form: readonly FormField[]): FormColumn[] {
	const defaultMatch = form.find((field) => isMatchable(field) && looksLikeEmail(field))?.name;
	return form.map((field) => {
		const options =
			field.kind === 'checkbox'
				? [
						{ name: 'Yes', value: true },
						{ name: 'No', value: false },
					]
				: field.kind === 'dropdown' && field.choices
					? field.choices.map((choice) => ({ name: choice, value: choice }))
					: undefined;
		const type = options ? 'options' : field.kind === 'date' ? 'dateTime' : field.kind === 'number' ? 'number' : 'string';
		return {
			id: field.name,
			displayName: field.label,
			type,
			...(options ? { options } : {}),
			required: field.required,
			defaultMatch: field.name === defaultMatch,
			canBeUsedToMatch: isMatchable(field),
			display: true,
		};
	});
}

const fold = (text: string) => text.trim().toLowerCase();

/**
 * One person's values by field name. Mapped columns are keyed by field name; under *Map
 * Automatically* the input item's keys are matched to the form's field names or labels, in any
 * case. A mapped column the form no longer has is an error, not a value silently dropped.
 */
export function formInput(kind: EmployeeRequestKind, form: readonly FormField[], columns: Record<string, unknown>, autoMap: boolean): Record<string, unknown> {
	const byKey = new Map<string, FormField>();
	for (const field of form) {
		byKey.set(fold(field.name), field);
		if (autoMap && !byKey.has(fold(field.label))) byKey.set(fold(field.label), field);
	}
	const input: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(columns)) {
		const field = byKey.get(fold(key));
		if (field === undefined) {
			if (!autoMap && !isBlank(value)) {
				throw new InvalidValueError('Fields', `'${key}' is no longer a field of the ${kind} form: open the node and refresh its fields`);
			}
			continue;
		}
		// An exact name beats a label that happens to read the same.
		if (input[field.name] === undefined || key === field.name) input[field.name] = value;
	}
	return input;
}

/** A name or email that still has to become an ID, for one field. */
export interface LookupNeed {
	field: string;
	label: string;
	source: LookupSource;
	many: boolean;
	values: Array<NameOrId | { email: string }>;
}

export interface CheckedForm {
	/** Every value given, checked and typed; lookups still as given until resolved. */
	values: Record<string, unknown>;
	lookups: LookupNeed[];
}

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;

function toDate(label: string, value: unknown): string {
	if (typeof value === 'string') {
		const text = value.trim();
		const prefix = DATE_PREFIX.exec(text);
		if (prefix && !Number.isNaN(Date.parse(prefix[1]))) return prefix[1];
		const parsed = Date.parse(text);
		if (!Number.isNaN(parsed)) return new Date(parsed).toISOString().slice(0, 10);
	}
	throw new InvalidValueError(label, `'${label}' is a date field, and ${describe(value)} is not a date (use 2027-01-04)`);
}

function toChoice(label: string, choices: readonly string[], value: unknown): string {
	const wanted = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	const choice = wanted === undefined ? undefined : choices.find((candidate) => fold(candidate) === fold(wanted));
	if (choice !== undefined) return choice;
	const closest = wanted === undefined ? [] : closestNames(wanted, choices);
	const hint = closest.length > 0 ? `; the closest are ${closest.map((name) => `"${name}"`).join(', ')}` : '';
	throw new InvalidValueError(label, `'${label}' must be one of its choices in the form, not ${describe(value)}${hint}`);
}

const listOf = (value: unknown): unknown[] =>
	(Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]).filter((part) => !isBlank(part));

function lookupValue(field: FormField, value: unknown): NameOrId | { email: string } {
	const label = field.label;
	switch (field.source) {
		case 'requester':
		case 'agent':
		case 'user':
			return toEmailOrId(label, value);
		case 'department':
		case 'location':
			return toNameOrId(label, value);
		default:
			return { id: toId(label, value) };
	}
}

/** One value checked against its field; throws InvalidValueError naming the label. */
function checkValue(field: FormField, value: unknown): unknown {
	const label = field.label;
	switch (field.kind) {
		case 'text':
			if (typeof value === 'string') return value.trim();
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			throw new InvalidValueError(label, `'${label}' takes text, not ${describe(value)}`);
		case 'date':
			return toDate(label, value);
		case 'number': {
			const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
			if (Number.isFinite(number)) return number;
			throw new InvalidValueError(label, `'${label}' is a number field, and ${describe(value)} is not a number`);
		}
		case 'checkbox':
			return toBoolean(label, typeof value === 'string' ? value.trim().toLowerCase() : value);
		case 'dropdown':
			return toChoice(label, field.choices ?? [], value);
		case 'multiDropdown':
			return listOf(value).map((part) => toChoice(label, field.choices ?? [], part));
		case 'lookup':
		case 'multiLookup':
			return value;
		case 'other':
			return value;
	}
}

/**
 * One person's values checked against the form, before any lookup: every required field has a
 * value, every value fits its field. Blank values are left out (not sent).
 */
export function checkForm(kind: EmployeeRequestKind, form: readonly FormField[], input: Record<string, unknown>): CheckedForm {
	const values: Record<string, unknown> = {};
	const lookups: LookupNeed[] = [];
	for (const field of form) {
		const value = input[field.name];
		if (isBlank(value)) {
			if (field.required) {
				throw new InvalidValueError(field.label, `'${field.label}' is required by the ${kind} form, and this item has no value for it`);
			}
			continue;
		}
		if (field.kind === 'lookup' || field.kind === 'multiLookup') {
			const many = field.kind === 'multiLookup';
			const given = (many ? listOf(value) : [value]).map((part) => lookupValue(field, part));
			lookups.push({ field: field.name, label: field.label, source: field.source ?? 'asset', many, values: given });
		}
		values[field.name] = checkValue(field, value);
	}
	return { values, lookups };
}

/** The values with every lookup's IDs in place: what `fields` sends. */
export function withLookupIds(checked: CheckedForm, ids: Record<string, number[]>): Record<string, unknown> {
	const fields = { ...checked.values };
	for (const lookup of checked.lookups) {
		const found = ids[lookup.field] ?? [];
		fields[lookup.field] = lookup.many ? [...new Set(found)] : found[0];
	}
	return fields;
}
