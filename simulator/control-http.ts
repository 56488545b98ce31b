// The HTTP control interface under /_simulator/: the same powers as SimulatorControl, for tools that
// run the simulator in another process. No auth, loopback callers only; not rate limited, not logged.
import type { ServerResponse } from 'node:http';
import type { SimulatorCore } from './control';
import type { FaultSpec, SeedOptions, SimulatorConfigUpdate } from './types';

export const CONTROL_PREFIX = '/_simulator';

const CONTROL_ROUTES = [
	'POST /_simulator/reset',
	'POST /_simulator/seed',
	'GET /_simulator/state',
	'GET /_simulator/log',
	'DELETE /_simulator/log',
	'GET /_simulator/config',
	'PUT /_simulator/config',
	'POST /_simulator/faults',
	'GET /_simulator/users?email=',
	'GET /_simulator/users/{id}',
];

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function reply(res: ServerResponse, status: number, body?: unknown): void {
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
	});
	res.end(payload);
}

function parseJson(rawBody: string): unknown {
	return rawBody.trim() === '' ? {} : JSON.parse(rawBody);
}

export function handleControl(
	core: SimulatorCore,
	method: string,
	url: URL,
	rawBody: string,
	remoteAddress: string | undefined,
	res: ServerResponse,
): void {
	if (!remoteAddress || !LOOPBACK.has(remoteAddress)) {
		reply(res, 403, { error: 'The control interface answers loopback callers only' });
		return;
	}
	try {
		const outcome = route(core, method, url, rawBody);
		reply(res, outcome.status, outcome.body);
	} catch (error) {
		reply(res, 400, { error: error instanceof Error ? error.message : String(error) });
	}
}

function route(core: SimulatorCore, method: string, url: URL, rawBody: string): { status: number; body?: unknown } {
	const path = url.pathname.replace(/\/+$/, '');
	const userMatch = /^\/_simulator\/users\/(\d+)$/.exec(path);
	switch (`${method} ${path}`) {
		case 'POST /_simulator/reset':
			core.reset();
			return { status: 200, body: { ok: true } };
		case 'POST /_simulator/seed':
			return { status: 200, body: core.seed(parseJson(rawBody) as SeedOptions) };
		case 'GET /_simulator/state':
			return { status: 200, body: core.state() };
		case 'GET /_simulator/log':
			return { status: 200, body: core.log() };
		case 'DELETE /_simulator/log':
			core.clearLog();
			return { status: 204 };
		case 'GET /_simulator/config':
			return { status: 200, body: core.config() };
		case 'PUT /_simulator/config':
			return { status: 200, body: core.configure(parseJson(rawBody) as SimulatorConfigUpdate) };
		case 'POST /_simulator/faults': {
			const faults = parseJson(rawBody);
			core.injectFaults(...((Array.isArray(faults) ? faults : [faults]) as FaultSpec[]));
			return { status: 200, body: core.config().faults };
		}
		case 'GET /_simulator/users': {
			const email = url.searchParams.get('email');
			if (!email) return { status: 400, body: { error: 'email is required' } };
			return { status: 200, body: { requester: core.requesterByEmail(email) ?? null, agent: core.agentByEmail(email) ?? null } };
		}
	}
	if (method === 'GET' && userMatch) {
		const user = core.userById(Number(userMatch[1]));
		return user ? { status: 200, body: user } : { status: 404, body: { error: `No user with id ${userMatch[1]}` } };
	}
	return { status: 404, body: { error: `Unknown control route ${method} ${path}`, routes: CONTROL_ROUTES } };
}
