// Building blocks for handler answers.
import { MESSAGES, NOT_FOUND_HTML, codeBody, validationFailed, type FieldError } from '../errors';
import type { Behaviours } from '../types';
import type { ApiResponse } from './context';

export function ok(body: unknown, status = 200): ApiResponse {
	return { status, body };
}

export function noContent(): ApiResponse {
	return { status: 204 };
}

export function badRequest(errors: FieldError[]): ApiResponse {
	return { status: 400, body: validationFailed(errors) };
}

/** Field errors with another status (duplicate emails, conflicting state). */
export function fieldErrors(status: number, errors: FieldError[]): ApiResponse {
	return { status, body: validationFailed(errors) };
}

export function notFound(behaviours: Behaviours): ApiResponse {
	switch (behaviours.notFoundBody) {
		case 'json':
			return { status: 404, body: codeBody('not_found', MESSAGES.notFound) };
		case 'html':
			return { status: 404, html: NOT_FOUND_HTML };
		case 'empty':
			return { status: 404 };
	}
}
