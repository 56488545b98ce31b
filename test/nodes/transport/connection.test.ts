import {
	ConnectionSettingError,
	normalizeBaseUrl,
	normalizeInstanceName,
	resolveApiBaseUrl,
} from '../../../nodes/FreshserviceProvisioning/transport/connection';

describe('instance name', () => {
	it.each([
		['acme', 'acme'],
		['  Acme  ', 'acme'],
		['acme.freshservice.com', 'acme'],
		['https://acme.freshservice.com', 'acme'],
		['https://acme.freshservice.com/a/tickets/1', 'acme'],
		['https://ACME.freshservice.com/support/home?x=1#top', 'acme'],
		['acme-eu-2', 'acme-eu-2'],
	])('accepts %j as %j', (raw, expected) => {
		expect(normalizeInstanceName(raw)).toBe(expected);
	});

	it('does not repeat what stands before an @, which may be a password', () => {
		expect(() => normalizeInstanceName('https://admin:hunter2@acme.freshservice.com')).toThrow(
			'Instance Name "https://***@acme.freshservice.com" is not a Freshservice address',
		);
	});

	it.each([
		['', /Instance Name is empty/],
		['acme.freshservice.com.evil.io', /not a Freshservice address/],
		['evil.io', /not a Freshservice address/],
		['acme.zendesk.com', /not a Freshservice address/],
		['acme.freshservice.com:8443', /not a Freshservice address/],
		['https://acme.freshservice.com:8443/a', /not a Freshservice address/],
		['acme corp', /not a Freshservice address/],
		['evil.io@acme.freshservice.com', /not a Freshservice address/],
		['https://acme.freshservice.com@evil.io/', /not a Freshservice address/],
		['acme/../evil', /not a Freshservice address/],
		['ftp://acme.freshservice.com', /not a Freshservice address/],
		['-acme', /not a Freshservice address/],
	])('refuses %j', (raw, message) => {
		expect(() => normalizeInstanceName(raw)).toThrow(message);
		try {
			normalizeInstanceName(raw);
		} catch (error) {
			expect(error).toBeInstanceOf(ConnectionSettingError);
			expect((error as ConnectionSettingError).parameter).toBe('Instance Name');
			// Every refusal shows the forms that are accepted.
			expect((error as Error).message).toContain('acme.freshservice.com');
		}
	});
});

describe('base URL override', () => {
	it('allows https anywhere and http on loopback only', () => {
		expect(normalizeBaseUrl('https://gw.example.com/fs/api/v2/')).toBe('https://gw.example.com/fs/api/v2');
		expect(normalizeBaseUrl('http://127.0.0.1:8787/api/v2')).toBe('http://127.0.0.1:8787/api/v2');
		expect(normalizeBaseUrl('http://localhost:1/api/v2')).toBe('http://localhost:1/api/v2');
		expect(() => normalizeBaseUrl('http://gw.example.com/api/v2')).toThrow(/plain http/);
		expect(() => normalizeBaseUrl('http://10.0.0.5/api/v2')).toThrow(/plain http/);
		expect(() => normalizeBaseUrl('https://user:s3cret@gw.example.com/')).toThrow('Base URL "https://***@gw.example.com/" is not a URL');
		expect(() => normalizeBaseUrl('gw.example.com')).toThrow(/not a URL/);
	});

	it('wins over the instance name when set', () => {
		expect(resolveApiBaseUrl({ instanceName: 'acme', baseUrl: '' })).toBe('https://acme.freshservice.com/api/v2');
		expect(resolveApiBaseUrl({ instanceName: 'acme', baseUrl: 'http://127.0.0.1:9/api/v2' })).toBe('http://127.0.0.1:9/api/v2');
	});

	it('answers for the settings as they are now when the same credential object is asked again', () => {
		const settings: { instanceName: string; baseUrl: string } = { instanceName: 'acme', baseUrl: '' };
		expect(resolveApiBaseUrl(settings)).toBe('https://acme.freshservice.com/api/v2');
		settings.instanceName = 'globex';
		expect(resolveApiBaseUrl(settings)).toBe('https://globex.freshservice.com/api/v2');
		settings.baseUrl = 'http://evil.example.com/api/v2';
		expect(() => resolveApiBaseUrl(settings)).toThrow(/plain http on a host that is not this machine/);
		settings.baseUrl = '';
		expect(resolveApiBaseUrl(settings)).toBe('https://globex.freshservice.com/api/v2');
	});
});
