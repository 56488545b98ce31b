/**
 * Where the API lives, worked out from what a user typed into the credential.
 * Pure: plain values in, a URL or an Error out. Shared by the credential's `authenticate` and the node.
 */

export const INSTANCE_NAME_FORMS =
	'Enter your instance name (acme), its address (acme.freshservice.com) or a link copied from it (https://acme.freshservice.com/a/tickets/1)';

export class ConnectionSettingError extends Error {
	constructor(
		readonly parameter: 'Instance Name' | 'Base URL' | 'API Key',
		message: string,
	) {
		super(message);
		this.name = 'ConnectionSettingError';
	}
}

/** A URL as it may be shown: whatever stands before an `@` in it may be a password. */
function shownUrl(value: string): string {
	return value.replace(/^([a-z]+:\/\/)?[^/@]*@/i, '$1***@');
}

// One DNS label: what Freshservice allows for an account's subdomain.
const INSTANCE_PATTERN =
	/^(?:https?:\/\/)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.freshservice\.com)?([/?#].*)?$/i;

/** `acme`, `acme.freshservice.com` and `https://acme.freshservice.com/a/tickets/1` all give `acme`. */
export function normalizeInstanceName(raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') {
		throw new ConnectionSettingError('Instance Name', `Instance Name is empty. ${INSTANCE_NAME_FORMS}.`);
	}
	const match = /[\s@\\]/.test(value) ? null : INSTANCE_PATTERN.exec(value);
	// A path is only believable after the full Freshservice host: `acme/../evil` is not a link.
	if (!match || (match[3] !== undefined && match[2] === undefined)) {
		throw new ConnectionSettingError(
			'Instance Name',
			`Instance Name "${shownUrl(value)}" is not a Freshservice address. ${INSTANCE_NAME_FORMS}; other hosts and ports are not accepted.`,
		);
	}
	return match[1].toLowerCase();
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
const BASE_URL_PATTERN = /^(https?):\/\/([^/?#@\s:]+|\[[0-9a-f:]+\])(:\d{1,5})?(\/[^?#\s]*)?$/i;

/** The optional Base URL override (API gateways, the local simulator): https anywhere, http only on loopback. */
export function normalizeBaseUrl(raw: string): string {
	const value = raw.trim();
	const match = BASE_URL_PATTERN.exec(value);
	if (!match) {
		throw new ConnectionSettingError(
			'Base URL',
			`Base URL "${shownUrl(value)}" is not a URL this node can call. Addresses with a user name or password in them are not accepted. Use the API root, like https://gateway.example.com/freshservice/api/v2, or leave it empty.`,
		);
	}
	if (match[1].toLowerCase() === 'http' && !LOOPBACK_HOST.test(match[2])) {
		throw new ConnectionSettingError(
			'Base URL',
			`Base URL "${value}" uses plain http on a host that is not this machine. Use https; plain http is only allowed for 127.0.0.1 or localhost.`,
		);
	}
	return value.replace(/\/+$/, '');
}

export interface ConnectionSettings {
	instanceName?: unknown;
	baseUrl?: unknown;
}

/** The last answer for each credential object: its settings as they were, and the URL they gave. */
const resolved = new WeakMap<ConnectionSettings, { instanceName: unknown; baseUrl: unknown; url: string }>();

/**
 * The API root every request is sent to, e.g. `https://acme.freshservice.com/api/v2`. The
 * credential's `authenticate` asks on every request with the same settings object; the answer is
 * kept with that object (while its values stay the same) rather than worked out again.
 */
export function resolveApiBaseUrl(settings: ConnectionSettings): string {
	const known = resolved.get(settings);
	if (known && known.instanceName === settings.instanceName && known.baseUrl === settings.baseUrl) return known.url;
	const override = typeof settings.baseUrl === 'string' ? settings.baseUrl.trim() : '';
	const url = override !== '' ? normalizeBaseUrl(override) : `https://${normalizeInstanceName(settings.instanceName)}.freshservice.com/api/v2`;
	resolved.set(settings, { instanceName: settings.instanceName, baseUrl: settings.baseUrl, url });
	return url;
}
