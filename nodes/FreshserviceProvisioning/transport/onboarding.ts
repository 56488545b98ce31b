/**
 * Onboarding and offboarding requests (`/onboarding_requests`, `/offboarding_requests`): the
 * initiator's form, create, view one, view all, its tickets. Both share one shape.
 */

import type { IDataObject } from 'n8n-workflow';

import type { EmployeeRequestKind } from '../provisioning/onboardingForm';
import type { FreshserviceOutcome } from './request';
import { freshserviceRequest, sendFreshserviceRequest } from './request';
import { listAll, listOnce } from './pagination';
import type { FreshserviceSession } from './session';

const ENDPOINTS: Record<EmployeeRequestKind, { path: string; one: string; many: string; tickets: string }> = {
	onboarding: { path: '/onboarding_requests', one: 'onboarding_request', many: 'onboarding_requests', tickets: 'onboarding_tickets' },
	offboarding: { path: '/offboarding_requests', one: 'offboarding_request', many: 'offboarding_requests', tickets: 'offboarding_tickets' },
};

/** The initiator's form: read once per execution, however many items ask. */
export async function readRequestForm(session: FreshserviceSession, kind: EmployeeRequestKind, itemIndex?: number): Promise<IDataObject[]> {
	const key = `form:${kind}`;
	let form = session.lookups.get(key) as Promise<IDataObject[]> | undefined;
	if (!form) {
		form = freshserviceRequest<IDataObject>(session, {
			method: 'GET',
			path: `${ENDPOINTS[kind].path}/form`,
			action: `load the ${kind} form`,
			itemIndex,
			idempotent: true,
		}).then((response) => (response.body?.fields as IDataObject[] | undefined) ?? []);
		session.lookups.set(key, form);
		form.catch(() => session.lookups.delete(key));
	}
	return await form;
}

/** Requests as View All answers them (no documented filter), page by page; `keep` filters on the node's side. */
export async function listEmployeeRequests(
	session: FreshserviceSession,
	kind: EmployeeRequestKind,
	options: { limit?: number; keep?: (record: IDataObject) => boolean; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const { path, many } = ENDPOINTS[kind];
	return await listAll(session, { path, key: many, action: `list the ${kind} requests`, ...options });
}

/**
 * Every request of a kind, read once per execution; requests this execution opens (or, under Dry
 * Run, would open) are added, so that a later item for the same person finds them.
 */
export async function employeeRequestsOnce(session: FreshserviceSession, kind: EmployeeRequestKind, itemIndex: number): Promise<IDataObject[]> {
	const { path, many } = ENDPOINTS[kind];
	return await listOnce(session, { path, key: many, action: `list the ${kind} requests`, itemIndex });
}

export async function rememberEmployeeRequest(session: FreshserviceSession, kind: EmployeeRequestKind, request: IDataObject, itemIndex: number): Promise<void> {
	(await employeeRequestsOnce(session, kind, itemIndex)).push(request);
}

/** Creates a request; not retried where Freshservice may have opened it (a second kit). */
export async function createEmployeeRequest(
	session: FreshserviceSession,
	kind: EmployeeRequestKind,
	body: IDataObject,
	itemIndex: number,
): Promise<FreshserviceOutcome<IDataObject>> {
	const outcome = await sendFreshserviceRequest<IDataObject>(session, {
		method: 'POST',
		path: ENDPOINTS[kind].path,
		body,
		action: `create the ${kind} request`,
		itemIndex,
	});
	if (!outcome.ok) return outcome;
	const record = (outcome.response.body?.[ENDPOINTS[kind].one] as IDataObject | undefined) ?? {};
	return { ok: true, response: { ...outcome.response, body: record } };
}

/** One request; undefined when Freshservice has none with this ID. */
export async function getEmployeeRequest(session: FreshserviceSession, kind: EmployeeRequestKind, id: number, itemIndex: number): Promise<IDataObject | undefined> {
	const outcome = await sendFreshserviceRequest<IDataObject>(session, {
		method: 'GET',
		path: `${ENDPOINTS[kind].path}/${id}`,
		action: `read ${kind} request ${id}`,
		itemIndex,
		idempotent: true,
	});
	if (!outcome.ok) {
		if (outcome.statusCode === 404) return undefined;
		throw outcome.error;
	}
	return (outcome.response.body?.[ENDPOINTS[kind].one] as IDataObject | undefined) ?? {};
}

/** The tickets Freshservice raised for a request (the parent first); undefined when there is no such request. */
export async function getEmployeeRequestTickets(
	session: FreshserviceSession,
	kind: EmployeeRequestKind,
	id: number,
	itemIndex: number,
): Promise<IDataObject[] | undefined> {
	const outcome = await sendFreshserviceRequest<IDataObject>(session, {
		method: 'GET',
		path: `${ENDPOINTS[kind].path}/${id}/tickets`,
		action: `read the tickets of ${kind} request ${id}`,
		itemIndex,
		idempotent: true,
	});
	if (!outcome.ok) {
		if (outcome.statusCode === 404) return undefined;
		throw outcome.error;
	}
	return (outcome.response.body?.[ENDPOINTS[kind].tickets] as IDataObject[] | undefined) ?? [];
}
