// Error bodies in Freshservice's shapes: field errors on 400 (and on 409 for conflicts on a field),
// `{code, message}` on the others. Messages follow the wording the real API uses.

export interface FieldError {
	field: string;
	message: string;
	code: string;
}

export const MESSAGES = {
	invalidField: 'Unexpected/invalid field in request',
	duplicate: 'It should be a unique value',
	invalidEmail: "It should be in the 'valid email address' format",
	notBlank: 'It should not be blank',
	invalidCredentials: 'You have to be logged in to perform this action.',
	accessDenied: 'You are not authorized to perform this action.',
	invalidJson: 'Request body has invalid json format',
	invalidContentType: 'Content-Type header should have application/json',
	invalidAccept: 'Only application/json and */* are supported in the Accept header.',
	notFound: 'The requested resource could not be found',
	rateLimited: 'You have exceeded the limit of requests per minute',
	missingContact: 'Please fill at least 1 of primary_email, work_phone_number, mobile_phone_number fields',
	deactivatedUser: 'The user is deactivated. Reactivate the user before changing it.',
	alreadyDeactivated: 'The user is already deactivated.',
	alreadyActive: 'The user is already active.',
	invalidQuery: 'Given query is invalid, please correct it and try again',
} as const;

export const typeMessage = (type: string): string => `It should be a/an ${type}`;

export const tooLongMessage = (length: number, max: number): string =>
	`Has ${length} characters, it can have maximum of ${max} characters`;

export const oneOfMessage = (values: readonly (string | number)[]): string =>
	`It should be one of these values: '${values.join(',')}'`;

export function fieldError(field: string, code: string, message: string): FieldError {
	return { field, code, message };
}

export function validationFailed(errors: FieldError[]): { description: string; errors: FieldError[] } {
	return { description: 'Validation failed', errors };
}

/** invalid_json is the one 400 that names no field. */
export function invalidJsonBody(): { description: string; errors: { code: string; message: string }[] } {
	return { description: 'Validation failed', errors: [{ code: 'invalid_json', message: MESSAGES.invalidJson }] };
}

export function codeBody(code: string, message: string): { code: string; message: string } {
	return { code, message };
}

/** What an unknown Freshservice account (wrong instance name) answers: an HTML page, not JSON. */
export const UNKNOWN_ACCOUNT_HTML = `<!DOCTYPE html>
<html>
<head><title>Freshservice | Helpdesk not found</title></head>
<body>
<h1>Oops! This helpdesk doesn't exist.</h1>
<p>The helpdesk you are trying to reach is not available. Please check the URL and try again.</p>
</body>
</html>
`;

export const NOT_FOUND_HTML = `<!DOCTYPE html>
<html>
<head><title>The page you were looking for doesn't exist (404)</title></head>
<body><h1>The page you were looking for doesn't exist.</h1></body>
</html>
`;

export function gatewayHtml(status: number): string {
	return `<html>\n<head><title>${status}</title></head>\n<body><center><h1>${status}</h1></center></body>\n</html>\n`;
}
