// The HTTP server: control routes, the wrong-account 404, and for /api/v2 the pipeline
// rate limit → fault → auth → route checks → handler → answer (or a dropped or hung connection).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SimulatorCore } from './control';
import { CONTROL_PREFIX, handleControl } from './control-http';
import { MESSAGES, UNKNOWN_ACCOUNT_HTML, codeBody, gatewayHtml, invalidJsonBody } from './errors';
import type { ResolvedFault } from './faults';
import { matchRoute, type RouteMatch } from './router';
import type { ApiRequest, ApiResponse } from './routes/context';
import { notFound } from './routes/responses';
import type { UserRecord } from './store';
import { API_KEY_KINDS, KEY_ACCESS, SIMULATOR_API_KEY, type KeyKind } from './tenant';
import type { AuthKind, Behaviours, FaultKind, LogEntry, RunningSimulator, SimulatorOptions } from './types';

const API_PREFIX = '/api/v2';
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const LOGGED_BODY_CHARS = 10_000;

interface RateHeaders {
	total: number;
	remaining: number;
	used: number;
	retryAfterSeconds?: number;
}

type Auth = { kind: KeyKind; owner: UserRecord } | { kind: Exclude<AuthKind, KeyKind>; owner?: undefined };

function authenticate(header: string | undefined, core: SimulatorCore): Auth {
	if (!header) return { kind: 'none' };
	const match = /^Basic\s+(.+)$/i.exec(header.trim());
	if (!match) return { kind: 'invalid' };
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
	const ownerId = core.store.apiKeys.get(key);
	const owner = ownerId === undefined ? undefined : core.store.users.get(ownerId);
	const kind = API_KEY_KINDS[key];
	// A deactivated, forgotten or converted owner no longer has a working key.
	if (!kind || !owner || !owner.active || !owner.agent) return { kind: 'invalid' };
	return { kind, owner };
}

function rateHeaderNames(behaviours: Behaviours): Record<'total' | 'remaining' | 'used' | 'retryAfter', string> {
	const names = {
		total: 'X-Ratelimit-Total',
		remaining: 'X-Ratelimit-Remaining',
		used: 'X-Ratelimit-Used-CurrentRequest',
		retryAfter: 'Retry-After',
	};
	if (behaviours.rateLimitHeaderCase === 'lower') {
		for (const key of Object.keys(names) as (keyof typeof names)[]) names[key] = names[key].toLowerCase();
	}
	return names;
}

function rateLimitedAnswer(behaviours: Behaviours): ApiResponse {
	return behaviours.rateLimitBody === 'json'
		? { status: 429, body: codeBody('rate_limit_exceeded', MESSAGES.rateLimited) }
		: { status: 429 };
}

function faultAnswer(fault: Extract<ResolvedFault, { kind: 'status' }>): ApiResponse {
	if (typeof fault.body === 'string') return { status: fault.status, html: fault.body };
	if (fault.body !== undefined) return { status: fault.status, body: fault.body };
	if (fault.status >= 502 && fault.status <= 504) return { status: fault.status, html: gatewayHtml(fault.status) };
	return { status: fault.status, body: codeBody('internal_error', "We're sorry, but something went wrong.") };
}

/** The echoAuth fault: a careless gateway's error that quotes the Authorization header in every place a client reads. */
function echoAuthAnswer(status: number, authorization: string | undefined): ApiResponse {
	const header = authorization ?? '';
	return {
		status,
		body: {
			code: 'invalid_credentials',
			message: `Request refused. Authorization: ${header}`,
			description: 'Validation failed',
			errors: [{ field: 'authorization', code: 'invalid_value', message: `Not accepted: ${header}` }],
			request: { headers: { authorization: header } },
		},
	};
}

/** 403 for what the key's owner may not do: writes with the read-only key, agents without "Manage Agents". */
function forbidden(auth: Auth, method: string, url: URL, behaviours: Behaviours): boolean {
	if (!auth.owner) return false;
	const access = KEY_ACCESS[auth.kind];
	const path = url.pathname.slice(API_PREFIX.length);
	if (method !== 'GET' && !access.writes) return true;
	if (!access.agents && (/^\/agents(\/|$)/.test(path) || /\/convert_to_agent\/?$/.test(path))) return true;
	const includeAgents = /^\/requesters\/?$/.test(path) && url.searchParams.get('include_agents') === 'true';
	return includeAgents && behaviours.includeAgentsNeedsManageAgents && !access.manageAgents;
}

function send(res: ServerResponse, response: ApiResponse, behaviours: Behaviours, rate?: RateHeaders): void {
	const headers: Record<string, string | number> = {};
	if (rate) {
		headers['X-Freshservice-Api-Version'] = 'latest=v2; requested=v2';
		const names = rateHeaderNames(behaviours);
		headers[names.total] = rate.total;
		headers[names.remaining] = rate.remaining;
		headers[names.used] = rate.used;
		if (rate.retryAfterSeconds !== undefined) headers[names.retryAfter] = rate.retryAfterSeconds;
	}
	Object.assign(headers, response.headers);
	let payload = '';
	if (response.html !== undefined) {
		headers['Content-Type'] = 'text/html; charset=utf-8';
		payload = response.html;
	} else if (response.body !== undefined) {
		headers['Content-Type'] = 'application/json; charset=utf-8';
		payload = JSON.stringify(response.body);
	}
	headers['Content-Length'] = Buffer.byteLength(payload);
	res.writeHead(response.status, headers);
	res.end(payload);
}

/** The answer less the strip fault's body keys and headers. */
function stripped(response: ApiResponse, fault: Extract<ResolvedFault, { kind: 'strip' }>): ApiResponse {
	const body =
		response.body !== null && typeof response.body === 'object' && !Array.isArray(response.body)
			? Object.fromEntries(Object.entries(response.body).filter(([key]) => !fault.keys.includes(key)))
			: response.body;
	const unwanted = new Set(fault.headers.map((name) => name.toLowerCase()));
	const headers = Object.fromEntries(Object.entries(response.headers ?? {}).filter(([name]) => !unwanted.has(name.toLowerCase())));
	return { ...response, body, headers };
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('Request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function bodyForLog(rawBody: string): unknown {
	if (rawBody === '') return null;
	try {
		return JSON.parse(rawBody);
	} catch {
		return rawBody.slice(0, LOGGED_BODY_CHARS);
	}
}

const acceptsJson = (accept: string | undefined): boolean =>
	!accept || /(^|,)\s*(application\/json|application\/\*|\*\/\*)/i.test(accept);

const isJsonContentType = (contentType: string | undefined): boolean =>
	/^application\/json\s*(;|$)/i.test(contentType ?? '');

/** Everything after rate limit and faults: auth, route, method, permission, body checks, the handler. */
function answer(core: SimulatorCore, req: IncomingMessage, url: URL, route: RouteMatch, rawBody: string, auth: Auth): ApiResponse {
	const method = req.method ?? 'GET';
	const behaviours = core.behaviours;
	if (!auth.owner) return { status: 401, body: codeBody('invalid_credentials', MESSAGES.invalidCredentials) };
	if (!acceptsJson(req.headers.accept)) return { status: 406, body: codeBody('invalid_accept_header', MESSAGES.invalidAccept) };
	if (route.kind === 'notFound') return notFound(behaviours);
	if (route.kind === 'methodNotAllowed') {
		return {
			status: 405,
			body: codeBody('method_not_allowed', `${method} method is not allowed. It should be one of these method(s): ${route.allowed.join(', ')}`),
			headers: { Allow: route.allowed.join(', ') },
		};
	}
	if (forbidden(auth, method, url, behaviours)) return { status: 403, body: codeBody('access_denied', MESSAGES.accessDenied) };
	let body: Record<string, unknown> = {};
	if (route.handler.takesBody) {
		if (!isJsonContentType(req.headers['content-type'])) {
			return { status: 415, body: codeBody('invalid_content_type', MESSAGES.invalidContentType) };
		}
		try {
			const parsed: unknown = JSON.parse(rawBody);
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 400, body: invalidJsonBody() };
			body = parsed as Record<string, unknown>;
		} catch {
			return { status: 400, body: invalidJsonBody() };
		}
	}
	const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
	const request: ApiRequest = {
		method,
		path: url.pathname.slice(API_PREFIX.length).replace(/\/+$/, ''),
		params: url.searchParams,
		id: route.id,
		body,
		origin,
		owner: auth.owner,
		now: core.now(),
	};
	return route.handler.run(request, core.env());
}

class SimulatorServer {
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	readonly server = createServer((req, res) => {
		this.handle(req, res).catch((error: unknown) => {
			if (!res.headersSent && !res.destroyed) {
				send(res, { status: 500, body: codeBody('internal_error', String(error)) }, this.core.behaviours);
			}
		});
	});

	constructor(readonly core: SimulatorCore) {
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	close(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
			this.server.closeAllConnections();
		});
	}

	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = performance.now();
		const method = req.method ?? 'GET';
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const rawBody = await readBody(req);
		// The simulator's clock, not the host's, so a test clock moves the day a poller sees.
		res.setHeader('Date', new Date(this.core.now()).toUTCString());
		if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
			handleControl(this.core, method, url, rawBody, req.socket.remoteAddress, res);
			return;
		}
		const auth = authenticate(req.headers.authorization, this.core);
		const logEntry = (status: number | null, fault?: FaultKind): Omit<LogEntry, 'seq'> => ({
			time: new Date(this.core.now()).toISOString(),
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			status,
			auth: auth.kind,
			requestBody: bodyForLog(rawBody),
			durationMs: Math.round((performance.now() - started) * 100) / 100,
			...(fault ? { fault } : {}),
		});
		const behaviours = this.core.behaviours;

		if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) {
			// Another Freshservice account (a wrong instance name): not this account's calls or limits.
			send(res, { status: 404, html: UNKNOWN_ACCOUNT_HTML }, behaviours);
			this.core.record(logEntry(404), false);
			return;
		}

		const route = matchRoute(method, url.pathname.slice(API_PREFIX.length) || '/');
		const decision = this.core.limiter.take(route.kind === 'found' ? route.handler.listKind : undefined, this.core.now());
		if (!decision.allowed) {
			this.core.rateLimited++;
			send(res, rateLimitedAnswer(behaviours), behaviours, { ...decision, used: 0 });
			this.core.record(logEntry(429));
			return;
		}
		const rate: RateHeaders = { total: decision.total, remaining: decision.remaining, used: 1 };

		const fault = this.core.faults.take(method, url.pathname);
		if (fault?.kind === 'drop') {
			req.socket.destroy();
			this.core.record(logEntry(null, 'drop'));
			return;
		}
		if (fault?.kind === 'hang' && !fault.afterCommit) {
			// Accepted, never answered: the socket stays open until the client gives up or close() destroys it.
			this.core.record(logEntry(null, 'hang'));
			return;
		}
		if (fault?.kind === 'echoAuth') {
			const response = echoAuthAnswer(fault.status, req.headers.authorization);
			send(res, response, behaviours, rate);
			this.core.record(logEntry(response.status, 'echoAuth'));
			return;
		}
		if (fault?.kind === 'rateLimit') {
			const peek = this.core.limiter.peek(this.core.now());
			send(res, rateLimitedAnswer(behaviours), behaviours, { ...peek, used: 0, retryAfterSeconds: fault.retryAfterSeconds });
			this.core.record(logEntry(429, 'rateLimit'));
			return;
		}
		if (fault?.kind === 'status') {
			const response = faultAnswer(fault);
			send(res, response, behaviours, rate);
			this.core.record(logEntry(response.status, 'status'));
			return;
		}
		if (fault?.kind === 'latency') await this.delay(fault.ms);

		let response: ApiResponse;
		try {
			response = answer(this.core, req, url, route, rawBody, auth);
		} catch (error) {
			// A simulator bug must show up as a logged 500, not as a hung request.
			response = { status: 500, body: codeBody('internal_error', error instanceof Error ? error.message : String(error)) };
		}
		if (fault?.kind === 'dropAfterCommit') {
			req.socket.destroy();
			this.core.record(logEntry(null, 'dropAfterCommit'));
			return;
		}
		if (fault?.kind === 'hang') {
			this.core.record(logEntry(null, 'hang'));
			return;
		}
		if (fault?.kind === 'strip') response = stripped(response, fault);
		send(res, response, this.core.behaviours, rate);
		this.core.record(logEntry(response.status, fault?.kind));
	}
}

export async function startServer(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	const core = new SimulatorCore(options);
	const simulator = new SimulatorServer(core);
	await new Promise<void>((resolve, reject) => {
		simulator.server.once('error', reject);
		simulator.server.listen(options.port ?? 0, '127.0.0.1', () => {
			simulator.server.off('error', reject);
			resolve();
		});
	});
	const { port } = simulator.server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		apiBaseUrl: `${url}${API_PREFIX}`,
		apiKey: SIMULATOR_API_KEY,
		control: core,
		close: () => simulator.close(),
	};
}
