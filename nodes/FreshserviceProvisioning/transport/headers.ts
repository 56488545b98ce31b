/** Reading Freshservice's answer headers: any case, Retry-After in either form, the rate-limit counts. */

import type { RateLimitHeaders } from './rateLimitTypes';

export type AnswerHeaders = Record<string, string | string[] | undefined>;

export function headerValue(headers: AnswerHeaders, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** Retry-After in ms: whole seconds, or an HTTP date. */
export function retryAfterMs(headers: AnswerHeaders): number | undefined {
	const value = headerValue(headers, 'retry-after')?.trim();
	if (value === undefined || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

export function rateLimitHeaders(statusCode: number, headers: AnswerHeaders): RateLimitHeaders {
	const numberHeader = (name: string): number | undefined => {
		const value = Number(headerValue(headers, name) ?? Number.NaN);
		return Number.isFinite(value) ? value : undefined;
	};
	return {
		status: statusCode,
		total: numberHeader('x-ratelimit-total'),
		remaining: numberHeader('x-ratelimit-remaining'),
		retryAfterMs: retryAfterMs(headers),
	};
}
