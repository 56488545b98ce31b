/** The permission cache: what a key without "Manage Agents" is refused, learnt once per execution. */
import type { IDataObject } from 'n8n-workflow';

import type { FreshserviceOutcome, FreshserviceRequest } from './request';
import { sendFreshserviceRequest } from './request';
import type { FreshserviceSession } from './session';

/**
 * What the API key may be refused (HTTP 403) on a lookup, as keys of `session.lookups`: learnt
 * once per execution, so a refusal costs one request per execution, not one per item. Freshservice
 * documents that `include_agents=true` needs the "Manage Agents" permission; a key without it may
 * be refused the agent list as well.
 */
export const PERMISSIONS = {
	includeAgents: 'permission:GET /requesters?include_agents=true',
	listAgents: 'permission:GET /agents',
} as const;

export type Refused = 'refused';

/**
 * Sends a lookup that needs `permission`, unless this execution has learnt that the key lacks it
 * (then nothing is sent). The first lookup to need it goes alone: items running side by side wait
 * for its answer rather than each collecting the same 403.
 */
export async function sendIfPermitted(
	session: FreshserviceSession,
	permission: keyof typeof PERMISSIONS,
	request: FreshserviceRequest,
): Promise<FreshserviceOutcome<IDataObject> | Refused> {
	const key = PERMISSIONS[permission];
	const known = session.lookups.get(key) as Promise<boolean> | undefined;
	let learn: ((permitted: boolean) => void) | undefined;
	if (known) {
		if (!(await known)) return 'refused';
	} else {
		session.lookups.set(key, new Promise<boolean>((resolve) => (learn = resolve)));
	}
	let outcome: FreshserviceOutcome<IDataObject> | undefined;
	try {
		outcome = await sendFreshserviceRequest(session, request);
		return !outcome.ok && outcome.statusCode === 403 ? 'refused' : outcome;
	} finally {
		const refused = outcome !== undefined && !outcome.ok && outcome.statusCode === 403;
		if (refused) session.lookups.set(key, Promise.resolve(false));
		// Any other failure teaches nothing: the next lookup asks again.
		else if (learn && !outcome?.ok) session.lookups.delete(key);
		learn?.(!refused);
	}
}
