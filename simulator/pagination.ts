// `?page=` / `?per_page=` and the `link` header of list answers.
import { fieldError, type FieldError } from './errors';

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;
/** `?query=` answers: fixed page size, at most this many pages. */
export const QUERY_PER_PAGE = 30;
export const QUERY_MAX_PAGES = 40;

export interface Paging {
	page: number;
	perPage: number;
}

const DIGITS = /^\d+$/;

export function parsePaging(params: URLSearchParams): { ok: true; paging: Paging } | { ok: false; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const rawPage = params.get('page');
	const rawPerPage = params.get('per_page');
	let page = 1;
	let perPage = DEFAULT_PER_PAGE;
	if (rawPage !== null) {
		page = DIGITS.test(rawPage) ? Number(rawPage) : 0;
		if (page < 1) errors.push(fieldError('page', 'invalid_value', 'It should be a/an Positive Integer'));
	}
	if (rawPerPage !== null) {
		perPage = DIGITS.test(rawPerPage) ? Number(rawPerPage) : 0;
		if (perPage < 1 || perPage > MAX_PER_PAGE) {
			errors.push(fieldError('per_page', 'invalid_value', `It should be a/an Positive Integer less than or equal to ${MAX_PER_PAGE}`));
		}
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, paging: { page, perPage } };
}

export function pageOf<T>(items: readonly T[], paging: Paging): { items: T[]; hasMore: boolean } {
	const start = (paging.page - 1) * paging.perPage;
	return { items: items.slice(start, start + paging.perPage), hasMore: items.length > start + paging.perPage };
}

/** `<absolute url with page=N+1 and the same other parameters>; rel="next"` */
export function nextLink(baseUrl: string, path: string, params: URLSearchParams, page: number): string {
	const next = new URLSearchParams(params);
	next.set('page', String(page + 1));
	return `<${baseUrl}${path}?${next.toString()}>; rel="next"`;
}
