import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAX_PER_PAGE, nextPageFromLink } from './pagination';
import type { FreshserviceRequest, FreshserviceResponse } from './request';
import { headerValue, sendFreshserviceRequest } from './request';
import type { FreshserviceSession } from './session';

/** The filter API answers 30 a page and refuses pages past 40 (documented). */
export const FILTER_PAGE_SIZE = 30;
export const FILTER_MAX_PAGES = 40;

/** Users as one read returned them, and the server's clock at that moment. */
export interface UserBatch {
	records: IDataObject[];
	/** Epoch ms from the answer's `Date` header (the host's clock when absent). */
	serverNow: number;
	/** False when the filter hit its 40-page cap: more records matched than it returns. */
	complete: boolean;
}

/** One page of `/requesters?include_agents=true`; a refusal of `include_agents` says what the key lacks. */
async function readUserPage(session: FreshserviceSession, qs: IDataObject, action: string): Promise<FreshserviceResponse<IDataObject>> {
	const request: FreshserviceRequest = { method: 'GET', path: '/requesters', qs: { ...qs, include_agents: true }, action, idempotent: true };
	const outcome = await sendFreshserviceRequest<IDataObject>(session, request);
	if (outcome.ok) return outcome.response;
	if (outcome.statusCode === 403) {
		throw new NodeApiError(session.context.getNode(), {}, {
			message: 'The API key may not read agents together with requesters, which the trigger needs',
			description: 'Use an admin agent\'s API key in the credential, or give its owner a role with the "Manage Agents" permission.',
			httpCode: '403',
		});
	}
	throw outcome.error;
}

function serverTime(headers: FreshserviceResponse<unknown>['headers'], fallback: number): number {
	const parsed = Date.parse(headerValue(headers, 'date') ?? '');
	return Number.isNaN(parsed) ? fallback : parsed;
}

/**
 * Requesters and agents (in requester shape, `is_agent` set) updated on or after a UTC day, through
 * the filter API: one request on a quiet day, at most 40.
 */
export async function readUsersUpdatedSince(session: FreshserviceSession, day: string, maxPages = FILTER_MAX_PAGES): Promise<UserBatch> {
	const records: IDataObject[] = [];
	let serverNow = Date.now();
	for (let page = 1; page <= maxPages; page++) {
		const response = await readUserPage(session, { query: `"updated_at:>'${day}'"`, page }, 'look for changed users');
		if (page === 1) serverNow = serverTime(response.headers, serverNow);
		const batch = (response.body?.requesters as IDataObject[] | undefined) ?? [];
		records.push(...batch);
		if (batch.length < FILTER_PAGE_SIZE) return { records, serverNow, complete: true };
	}
	return { records, serverNow, complete: false };
}

/** Every requester and agent through the plain listing (for a baseline, or a day the filter cannot hold). */
export async function readAllUsers(session: FreshserviceSession): Promise<UserBatch> {
	const records: IDataObject[] = [];
	let serverNow = Date.now();
	for (let page = 1; ; ) {
		const response = await readUserPage(session, { per_page: MAX_PER_PAGE, page }, 'list users');
		if (page === 1) serverNow = serverTime(response.headers, serverNow);
		records.push(...((response.body?.requesters as IDataObject[] | undefined) ?? []));
		const next = nextPageFromLink(headerValue(response.headers, 'link'));
		if (next === undefined || next <= page) return { records, serverNow, complete: true };
		page = next;
	}
}
