import { runNode, testCredential } from '../harness/source';
import { useSimulator } from '../nodes/fixtures';
import { SIMULATOR_READONLY_API_KEY, SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';

const { sim, credentials } = useSimulator();

describe("the credential's Test button (n8n-core RoutingNode)", () => {
	it('succeeds with a good key, sending Basic auth with the key and X', async () => {
		expect(await testCredential(credentials())).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [probe] = sim().control.log();
		expect(probe).toMatchObject({ method: 'GET', path: '/api/v2/agents/me', status: 200, auth: 'admin' });
	});

	it('says the key was rejected', async () => {
		const result = await testCredential({ ...credentials(), apiKey: 'not-the-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Freshservice rejected the API key/);
	});

	it('says no account answers at a wrong instance, in other words than for a bad key', async () => {
		const wrongInstance = { ...credentials(), baseUrl: `${sim().url}/no-such-instance/api/v2` };
		const result = await testCredential(wrongInstance);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^No Freshservice account answers at this address/);
	});

	it('refuses an instance name with a path trick before sending anything', async () => {
		const result = await testCredential({ instanceName: 'acme.freshservice.com.evil.io', apiKey: sim().apiKey, baseUrl: '' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Instance Name "acme.freshservice.com.evil.io" is not a Freshservice address\. Enter your instance name \(acme\)/);
		expect(sim().control.log()).toEqual([]);
	});

	it('refuses plain http to a host other than this machine', async () => {
		const result = await testCredential({ ...credentials(), baseUrl: 'http://gateway.example.com/api/v2' });
		expect(result.message).toMatch(/plain http/);
	});

	it('says a key that may not read agents needs an admin, from the 403 the probe meets', async () => {
		const result = await testCredential({ ...credentials(), apiKey: SIMULATOR_SUPERVISOR_API_KEY });
		expect(result).toEqual({
			status: 'Error',
			message: 'The API key works but may not read agents. Provisioning needs the API key of an admin agent.',
		});
		expect(sim().control.log()).toEqual([expect.objectContaining({ path: '/api/v2/agents/me', status: 403, auth: 'supervisor' })]);
	});

	it('cannot tell a read-only key by a read: it passes, and its first write names the problem', async () => {
		expect((await testCredential({ ...credentials(), apiKey: SIMULATOR_READONLY_API_KEY })).status).toBe('OK');
		const result = await runNode({
			credentials: { ...credentials(), apiKey: SIMULATOR_READONLY_API_KEY },
			parameters: { resource: 'user', operation: 'create', userType: 'requester', firstName: 'Jane', email: 'jane@example.com', additionalFields: {} },
		});
		expect(result.error?.message).toMatch(/^The API key may not do this while trying to create the requester jane@example.com/);
		expect(result.error?.description).toMatch(/Provisioning needs the API key of an admin agent/);
	});
});

describe('a bad credential in a running workflow', () => {
	it('refuses an instance name with a path trick before any request, naming the field to fix', async () => {
		const result = await runNode({
			credentials: { instanceName: 'https://acme.freshservice.com@evil.example/', apiKey: sim().apiKey, baseUrl: '' },
			continueOnFail: true,
			input: [{}, {}],
			parameters: { resource: 'user', operation: 'get', user: { __rl: true, mode: 'email', value: 'jane@example.com' } },
		});
		expect(result.items).toHaveLength(2);
		for (const [index, item] of result.items.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatch(/^Instance Name "https:\/\/\*\*\*@evil.example\/" is not a Freshservice address/);
			expect(item.json.description).toBe('Fix the Instance Name in the Freshservice Provisioning credential. Nothing was sent.');
		}
		expect(sim().control.log()).toEqual([]);
	});
});
