import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FreshserviceRequest } from './request';
import { freshserviceRequest, headerValue } from './request';
import type { FreshserviceSession } from './session';

export const MAX_PER_PAGE = 100;
/** `query` searches answer 30 a page, without a link header, for at most 40 pages. */
const QUERY_PAGE_SIZE = 30;
const QUERY_MAX_PAGES = 40;

/** The page number in a `link: <...page=3...>; rel="next"` header, if there is a next page. */
export function nextPageFromLink(link: string | undefined): number | undefined {
	if (!link) return undefined;
	for (const part of link.split(',')) {
		const match = /<([^>]*)>\s*;\s*rel="?next"?/i.exec(part);
		if (!match) continue;
		const page = /[?&]page=(\d+)/.exec(match[1]);
		if (page) return Number(page[1]);
	}
	return undefined;
}

/**
 * The page after this one, if any: `query` searches have no link header, so a full page means
 * there may be more (up to their 40-page cap); plain lists say so in `link`.
 */
export function nextPage(
	isQuery: boolean,
	page: number,
	pageLength: number,
	headers: Parameters<typeof headerValue>[0],
): number | undefined {
	if (isQuery) return pageLength >= QUERY_PAGE_SIZE && page < QUERY_MAX_PAGES ? page + 1 : undefined;
	return nextPageFromLink(headerValue(headers, 'link'));
}

export interface ListRequest extends Omit<FreshserviceRequest, 'method' | 'body' | 'idempotent'> {
	/** The list's key in the answer: `requesters`, `agents`, `departments`... */
	key: string;
	/** Stop after this many records; undefined means all. */
	limit?: number;
	/** Records to drop before counting towards the limit (a filter the API cannot apply). */
	keep?: (record: IDataObject) => boolean;
}

/** A listing Freshservice answered in a way that cannot be complete: everything built on it would be wrong. */
function truncatedListing(session: FreshserviceSession, request: Pick<ListRequest, 'itemIndex'>, statusCode: number, message: string): NodeApiError {
	return new NodeApiError(session.context.getNode(), {} as JsonObject, {
		message: `${message}. Nothing was written on its basis`,
		description:
			'A listing that stops early would make everyone missing from it look new (or gone). Run the node again; if this persists, Freshservice or a gateway in between is cutting its answers short.',
		httpCode: String(statusCode),
		itemIndex: request.itemIndex,
	});
}

/** The list in a page's answer; a 2xx page without it is an error: the listing would be short. */
function listInPage(session: FreshserviceSession, request: Omit<ListRequest, 'limit' | 'keep'>, response: { statusCode: number; body?: IDataObject }, page: number): IDataObject[] {
	const records = response.body?.[request.key];
	if (Array.isArray(records)) return records as IDataObject[];
	const listName = request.key.replace(/_/g, ' ');
	throw truncatedListing(
		session,
		request,
		response.statusCode,
		`Freshservice answered page ${page} of its listing of ${listName} without the list of ${listName} (HTTP ${response.statusCode}), so the listing is incomplete`,
	);
}

/**
 * Reads a list page by page, asking for no more records than the limit needs and following the
 * `link` header (or, for `query` searches, full pages) until the end or the limit. A page without
 * the list, or a full page without a `link` whose next page still holds records, is an error: a
 * silently short listing would turn everyone left out into a create or a leaver.
 */
export async function listAll(session: FreshserviceSession, request: ListRequest): Promise<IDataObject[]> {
	const isQuery = request.qs?.query !== undefined;
	const listName = request.key.replace(/_/g, ' ');
	const records: IDataObject[] = [];
	const wanted = request.limit;
	let page = 1;
	/** The size of the page before this one when it was full yet had no link: this page only checks whether the list ended. */
	let unlinkedFullPage: number | undefined;
	for (;;) {
		const remaining = wanted === undefined ? MAX_PER_PAGE : wanted - records.length;
		const qs: IDataObject = { ...request.qs, page };
		// Only when every record counts can a page be cut to the limit.
		const perPage = request.keep ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(remaining, 1));
		if (!isQuery) qs.per_page = perPage;
		const response = await freshserviceRequest<IDataObject>(session, {
			...request,
			method: 'GET',
			qs,
			idempotent: true,
		});
		const batch = listInPage(session, request, response, page);
		if (unlinkedFullPage !== undefined) {
			if (batch.length === 0) return records;
			throw truncatedListing(
				session,
				request,
				response.statusCode,
				`Freshservice's listing of ${listName} ended early at page ${page - 1}: the page was full (${unlinkedFullPage} records) but did not link to a next page, and page ${page} holds more`,
			);
		}
		for (const record of batch) {
			if (request.keep && !request.keep(record)) continue;
			records.push(record);
			if (wanted !== undefined && records.length >= wanted) return records;
		}
		const next = nextPage(isQuery, page, batch.length, response.headers);
		if (next !== undefined && next > page) {
			page = next;
			continue;
		}
		// A full page is all the list may have had, or the link was lost: one more page tells. A page
		// longer than asked for is a list answered whole, without paging.
		if (isQuery || batch.length !== perPage) return records;
		unlinkedFullPage = perPage;
		page++;
	}
}

/**
 * One page of a list, for the editor's pickers: its records and the page after it, if there may
 * be one. A page without the list is an error, as in `listAll`; a full page without a `link`
 * offers the next page anyway (the picker's "more" then finds out), instead of hiding the rest.
 */
export async function listPage(
	session: FreshserviceSession,
	request: Omit<ListRequest, 'limit' | 'keep'> & { page: number },
): Promise<{ records: IDataObject[]; next?: number }> {
	const isQuery = request.qs?.query !== undefined;
	const qs: IDataObject = { ...request.qs, page: request.page };
	if (!isQuery) qs.per_page = MAX_PER_PAGE;
	const response = await freshserviceRequest<IDataObject>(session, { ...request, method: 'GET', qs, idempotent: true });
	const records = listInPage(session, request, response, request.page);
	const linked = nextPage(isQuery, request.page, records.length, response.headers);
	const next = linked !== undefined && linked > request.page ? linked : !isQuery && records.length === MAX_PER_PAGE ? request.page + 1 : undefined;
	return { records, next };
}

/**
 * A whole list (departments, locations, roles, groups, user fields) read at most once per
 * execution, however many items ask for it.
 */
export async function listOnce(
	session: FreshserviceSession,
	request: Omit<ListRequest, 'limit' | 'keep'>,
): Promise<IDataObject[]> {
	const key = `${request.path}?${JSON.stringify(request.qs ?? {})}`;
	let records = session.lists.get(key);
	if (!records) {
		records = listAll(session, request);
		session.lists.set(key, records);
		// A failed read is not remembered: the next item tries again.
		records.catch(() => session.lists.delete(key));
	}
	return await records;
}
