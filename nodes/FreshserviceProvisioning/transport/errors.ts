/**
 * Turning Freshservice's answers into words a user can act on. Pure: no n8n, no HTTP client.
 */

export interface FreshserviceFieldError {
	field?: string;
	message?: string;
	code?: string;
}

export interface FreshserviceErrorBody {
	description?: string;
	errors?: FreshserviceFieldError[];
	code?: string;
	message?: string;
}

export interface ExplainedError {
	message: string;
	description: string;
}

// An answer may quote what it was sent (a proxy's or gateway's error page, a debug echo): never show credentials from it.
const CREDENTIAL_IN_TEXT = /\b(Basic|Bearer|Token)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_KEY = /^(proxy-)?authorization$|api[-_]?key|password|secret|token/i;

/** A copy of an answer's body with credentials masked: Authorization-style values in text, and secret-named keys. */
export function withoutSecrets<T>(value: T): T {
	if (typeof value === 'string') return value.replace(CREDENTIAL_IN_TEXT, '$1 ***') as T;
	if (Array.isArray(value)) return value.map((entry: unknown) => withoutSecrets(entry)) as T;
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, SECRET_KEY.test(key) && typeof entry === 'string' ? '***' : withoutSecrets(entry)]),
		) as T;
	}
	return value;
}

function asErrorBody(body: unknown): FreshserviceErrorBody {
	return body !== null && typeof body === 'object' && !Array.isArray(body)
		? (body as FreshserviceErrorBody)
		: {};
}

/** `primary_email: It should be a unique value`, one per field Freshservice complained about. */
export function fieldErrorLines(body: unknown): string[] {
	const { errors } = asErrorBody(body);
	if (!Array.isArray(errors)) return [];
	return errors.map((error) =>
		[error.field, error.message ?? error.code].filter((part) => part !== undefined && part !== '').join(': '),
	);
}

/** What a status means, and what the user can do about it. */
const STATUS_HINTS: Record<number, { hint: string; advice?: string }> = {
	400: { hint: 'Freshservice refused the request' },
	401: { hint: 'Freshservice rejected the API key', advice: 'Check the API Key in the Freshservice Provisioning credential' },
	403: { hint: 'The API key may not do this', advice: 'Provisioning needs the API key of an admin agent' },
	404: { hint: 'Freshservice has no such record' },
	405: { hint: 'Freshservice does not allow this call here' },
	409: { hint: "Freshservice refused the change because of the record's current state" },
	415: { hint: 'Freshservice did not accept the request format' },
	429: { hint: "Freshservice's rate limit for this account is used up" },
};

/** The message (first line the user reads) and description for a failed call. */
export function explainFreshserviceError(
	status: number,
	body: unknown,
	action: string,
	parameterFor: (apiField: string) => string | undefined = () => undefined,
): ExplainedError {
	body = withoutSecrets(body);
	const lines = fieldErrorLines(body);
	const parameters = [
		...new Set(
			(asErrorBody(body).errors ?? [])
				.map((error) => (error.field ? parameterFor(error.field) : undefined))
				.filter((name): name is string => name !== undefined),
		),
	];
	const { message: apiMessage, code } = asErrorBody(body);
	// Field errors say what is wrong whatever the status (a taken email comes as 400 or 409).
	const { hint, advice } =
		lines.length > 0 && status < 500
			? STATUS_HINTS[400]
			: (STATUS_HINTS[status] ?? { hint: status >= 500 ? 'Freshservice had an internal error' : `Freshservice answered HTTP ${status}` });
	const detail = lines.length > 0 ? lines.join('; ') : apiMessage ?? code ?? '';
	return {
		message: detail !== '' ? `${hint} while trying to ${action}: ${detail}` : `${hint} while trying to ${action}`,
		description: [
			`HTTP ${status}${code ? ` (${code})` : ''}`,
			advice ?? '',
			parameters.length > 0 ? `Check ${parameters.map((name) => `'${name}'`).join(' and ')}` : '',
			(asErrorBody(body).errors ?? []).some((error) => error.code === 'duplicate_value')
				? 'Another Freshservice user (requester or agent, active or deactivated) already has this value: use Update to change that user, or Get to see who it is'
				: '',
		]
			.filter((part) => part !== '')
			.join('. '),
	};
}
