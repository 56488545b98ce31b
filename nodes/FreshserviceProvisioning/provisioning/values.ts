/**
 * Checks and conversions for values users type or map from an HR system. Each returns the clean
 * value or throws an InvalidValueError that names the parameter, so the node can report it
 * before any request.
 */

export class InvalidValueError extends Error {
	constructor(
		readonly parameter: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidValueError';
	}
}

// Deliberately plain: one @, a dot in the domain, no spaces, quotes or brackets. Apostrophes
// are allowed in the local part (o'brien@example.com is a real address).
const EMAIL_PATTERN = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:']+\.[^\s@"<>()[\]\\,;:'.]{2,}$/;

export function isEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}

const SHOWN_CHARACTERS = 60;

function shorten(text: string): string {
	return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}… (${text.length} characters)` : text;
}

/** What a value is, for messages: `"jane@"`, `null`, `a number (42)`, `an object ({"a":1})`. */
function describe(value: unknown): string {
	if (typeof value === 'string') return `"${shorten(value)}"`;
	if (value === null || value === undefined) return String(value);
	const shown = shorten(typeof value === 'object' ? JSON.stringify(value) : String(value));
	if (Array.isArray(value)) return `an array (${shown})`;
	if (typeof value === 'object') return `an object (${shown})`;
	return `a ${typeof value} (${shown})`;
}

/** The same, for the other checks of provisioning/ (names, custom fields). */
export const describeValue = describe;

/** Text as typed, or a number an expression gave (phone numbers, IDs); undefined for anything else. */
function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return value === undefined ? '' : undefined;
}

export function requireText(parameter: string, value: unknown): string {
	const text = asText(value);
	if (text === undefined) throw new InvalidValueError(parameter, `'${parameter}' must be text, not ${describe(value)}`);
	if (text === '') throw new InvalidValueError(parameter, `'${parameter}' is empty: enter a value`);
	return text;
}

export function toEmail(parameter: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : value === undefined ? '' : undefined;
	if (text === '') throw new InvalidValueError(parameter, `'${parameter}' is empty: enter an email address`);
	if (text === undefined || !isEmail(text)) {
		throw new InvalidValueError(parameter, `'${parameter}' must be an email address like jane.doe@example.com, not ${describe(value)}`);
	}
	return text.toLowerCase();
}

export function toEmailList(parameter: string, value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	return parts
		.map((part) => (typeof part === 'string' ? part.trim() : part))
		.filter((part) => part !== '' && part !== undefined && part !== null)
		.map((part) => toEmail(parameter, part));
}

/** Freshservice IDs are large integers (21000418006); kept as numbers, never rounded. */
export function toId(parameter: string, value: unknown): number {
	const text = asText(value) ?? '';
	if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) === 0) {
		throw new InvalidValueError(parameter, `'${parameter}' must be a Freshservice ID (a whole number like 21000418006), not ${describe(value)}`);
	}
	return Number(text);
}

export function toIdList(parameter: string, value: unknown): number[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	return parts
		.filter((part) => !(typeof part === 'string' && part.trim() === ''))
		.map((part) => toId(parameter, part));
}

export function toBoolean(parameter: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InvalidValueError(parameter, `'${parameter}' must be true or false, not ${describe(value)}`);
}

export function toTimeFormat(parameter: string, value: unknown): string {
	if (value === '12h' || value === '24h') return value;
	throw new InvalidValueError(parameter, `'${parameter}' must be 12h or 24h, not ${describe(value)}`);
}

/** A positive whole number of records (a Limit typed, or given by an expression as a number or text). */
export function toLimit(parameter: string, value: unknown): number {
	const text = asText(value) ?? '';
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) {
		throw new InvalidValueError(parameter, `'${parameter}' must be a whole number of 1 or more, not ${describe(value)}`);
	}
	return Number(text);
}

/** Whether a parameter was left empty (whitespace counts as empty), so that it is not sent at all. */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}
