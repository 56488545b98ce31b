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

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	return JSON.stringify(value) ?? String(value);
}

export function requireText(parameter: string, value: unknown): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InvalidValueError(parameter, `'${parameter}' is empty: enter a value`);
	return text;
}

export function toEmail(parameter: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InvalidValueError(parameter, `'${parameter}' is empty: enter an email address`);
	if (!isEmail(text)) {
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
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
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

/** Whether a parameter was left empty, so that it is not sent at all. */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}
