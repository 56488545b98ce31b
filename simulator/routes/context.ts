// What an API handler gets and gives back. Handlers never touch sockets: the server decides whether
// the answer is sent, delayed or dropped (fault injection), and adds the common headers.
import type { ListKind } from '../rate-limit';
import type { Store, UserRecord } from '../store';
import type { Behaviours } from '../types';

export interface ApiResponse {
	status: number;
	/** Sent as JSON when present. */
	body?: unknown;
	/** Sent as text/html instead of a JSON body. */
	html?: string;
	headers?: Record<string, string>;
}

export interface ApiRequest {
	method: string;
	/** Path below /api/v2, e.g. /requesters/21000418006. */
	path: string;
	params: URLSearchParams;
	/** The numeric id in the path, when the route has one. */
	id: number;
	/** Parsed JSON body, for routes that take one. */
	body: Record<string, unknown>;
	/** Scheme and host the client used, for Location and link headers. */
	origin: string;
	/** The agent who owns the API key. */
	owner: UserRecord;
	now: number;
}

export interface ApiEnvironment {
	store: Store;
	behaviours: Behaviours;
}

export type Handler = (request: ApiRequest, env: ApiEnvironment) => ApiResponse;

export interface RouteHandler {
	run: Handler;
	/** The route takes a JSON body: Content-Type must be JSON (415) and the body must parse (400). */
	takesBody?: boolean;
	/** Counted against the list sub-limit. */
	listKind?: ListKind;
}
