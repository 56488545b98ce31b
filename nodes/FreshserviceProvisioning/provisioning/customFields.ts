/**
 * Custom fields, typed as the instance's `requester_fields` / `agent_fields` describe them: the
 * definition of each, and a value as Freshservice stores it (a number, a date, a dropdown's
 * choice). Pure: the definitions come in, read once per execution by transport/.
 */

import type { UserType } from './fields';
import { CUSTOM_FIELDS_PARAMETER } from './fields';
import { closestNames } from './names';
import { describeValue as describe, InvalidValueError } from './values';

/** How messages name the users of a type. */
export const TYPE_WORD: Record<UserType, string> = { requester: 'requesters', agent: 'agents' };

export type CustomFieldKind = 'text' | 'number' | 'decimal' | 'checkbox' | 'dropdown' | 'date' | 'other';

export interface CustomFieldDefinition {
	/** The key in `custom_fields`. */
	name: string;
	label: string;
	kind: CustomFieldKind;
	/** Dropdown choices, as Freshservice spells them. */
	choices?: string[];
}

const CUSTOM_KINDS: Record<string, CustomFieldKind> = {
	custom_text: 'text',
	custom_paragraph: 'text',
	custom_url: 'text',
	custom_phone_number: 'text',
	custom_number: 'number',
	custom_decimal: 'decimal',
	custom_checkbox: 'checkbox',
	custom_dropdown: 'dropdown',
	custom_date: 'date',
};

function choiceText(choice: unknown): string | undefined {
	if (typeof choice === 'string' || typeof choice === 'number') return String(choice);
	if (choice !== null && typeof choice === 'object') {
		const entry = choice as Record<string, unknown>;
		const value = entry.value ?? entry.name ?? entry.label;
		return value === undefined || value === null ? undefined : String(value);
	}
	return undefined;
}

/** One entry of `GET /requester_fields` or `/agent_fields`; undefined for Freshservice's own fields. */
export function customFieldDefinition(field: Record<string, unknown>): CustomFieldDefinition | undefined {
	const type = String(field.type ?? '');
	const custom = field.default === false || field.default_field === false || type.startsWith('custom_');
	if (!custom || typeof field.name !== 'string' || field.name === '') return undefined;
	const choices = Array.isArray(field.choices)
		? field.choices.map(choiceText).filter((choice): choice is string => choice !== undefined)
		: field.choices !== null && typeof field.choices === 'object'
			? Object.keys(field.choices)
			: undefined;
	return {
		name: field.name,
		label: String(field.label ?? field.label_for_admins ?? field.name),
		kind: CUSTOM_KINDS[type] ?? 'other',
		...(choices && choices.length > 0 ? { choices } : {}),
	};
}


/**
 * A custom field's value, checked against its type and choices: the text "true" stays text in a
 * text field, a number field takes whole numbers only, a dropdown only its choices (any case).
 */
export function toCustomValue(definition: CustomFieldDefinition, value: unknown, parameter = definition.label): unknown {
	const text = typeof value === 'string' ? value.trim() : value;
	switch (definition.kind) {
		case 'text':
			if (typeof text === 'string') return text;
			if (typeof text === 'number' || typeof text === 'boolean') return String(text);
			break;
		case 'number':
			if (typeof text === 'number' && Number.isSafeInteger(text)) return text;
			if (typeof text === 'string' && /^-?\d{1,15}$/.test(text)) return Number(text);
			throw new InvalidValueError(parameter, `'${parameter}' is a number field and takes whole numbers only, not ${describe(value)}`);
		case 'decimal':
			if (typeof text === 'number' && Number.isFinite(text)) return text;
			if (typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
			throw new InvalidValueError(parameter, `'${parameter}' is a number field, and ${describe(value)} is not a number`);
		case 'checkbox':
			if (typeof text === 'boolean') return text;
			if (typeof text === 'string' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
			throw new InvalidValueError(parameter, `'${parameter}' is a checkbox and takes true or false, not ${describe(value)}`);
		case 'dropdown': {
			const wanted = typeof text === 'number' ? String(text) : text;
			const choices = definition.choices ?? [];
			if (typeof wanted === 'string') {
				const choice = choices.find((candidate) => candidate.toLowerCase() === wanted.toLowerCase());
				if (choice !== undefined) return choice;
				const closest = closestNames(wanted, choices);
				throw new InvalidValueError(
					parameter,
					`'${parameter}' must be one of its choices in Freshservice, not ${describe(value)}${closest.length > 0 ? `; the closest are ${closest.map((name) => `"${name}"`).join(', ')}` : ''}`,
				);
			}
			break;
		}
		case 'date':
			if (typeof text === 'string' && !Number.isNaN(Date.parse(text))) return text;
			throw new InvalidValueError(parameter, `'${parameter}' is a date field, and ${describe(value)} is not a date (use 2024-05-31)`);
		case 'other':
			return text;
	}
	throw new InvalidValueError(parameter, `'${parameter}' takes text, not ${describe(value)}`);
}

/**
 * Create's and Update's Custom Fields entries, typed as the mapper types its columns: each name
 * must be a custom field of the user type (its key, as the editor offers it, or its label, as an
 * expression may give it), each value fit its type and choices. Messages name 'Custom Fields → <label>'.
 */
export function typedCustomFields(
	userType: UserType,
	entries: ReadonlyArray<{ name: string; value: unknown }>,
	definitions: readonly CustomFieldDefinition[],
): Record<string, unknown> {
	const parameter = CUSTOM_FIELDS_PARAMETER.displayName;
	const typed: Record<string, unknown> = {};
	for (const { name, value } of entries) {
		const byLabel = definitions.filter((definition) => definition.label.toLowerCase() === name.toLowerCase());
		const definition = definitions.find((candidate) => candidate.name === name) ?? (byLabel.length === 1 ? byLabel[0] : undefined);
		if (!definition) {
			const closest = closestNames(name, definitions.map((candidate) => candidate.label));
			throw new InvalidValueError(
				parameter,
				`'${parameter}' sets "${name}", which is not a custom field of ${TYPE_WORD[userType]} in this Freshservice${closest.length > 0 ? `; the closest are ${closest.map((label) => `"${label}"`).join(', ')}` : ''}`,
			);
		}
		if (definition.name in typed) throw new InvalidValueError(parameter, `'${parameter}' sets "${definition.label}" twice: keep one entry per field`);
		typed[definition.name] = toCustomValue(definition, value, `${parameter} → ${definition.label}`);
	}
	return typed;
}
