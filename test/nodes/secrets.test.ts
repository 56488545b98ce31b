/**
 * The API key never shows: not when Freshservice (or a gateway before it) quotes the request's
 * Authorization header back in an error answer, whether the item fails under Continue or the
 * execution stops.
 */
import { runNode } from '../harness/source';
import { byEmail, useSimulator } from './fixtures';

const { sim, credentials } = useSimulator();

const secrets = () => [sim().apiKey, Buffer.from(`${sim().apiKey}:X`).toString('base64')];

function expectNoSecret(what: unknown): void {
	const text = JSON.stringify(what);
	for (const secret of secrets()) expect(text).not.toContain(secret);
}

describe('an error answer that quotes the Authorization header (simulator fault echoAuth)', () => {
	it('under Continue: the failing item says what Freshservice refused, with the header masked; the next item runs', async () => {
		sim().control.injectFaults({ kind: 'echoAuth', method: 'GET', pathPattern: '/api/v2/requesters' });
		const result = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			input: [{ email: 'sam.okafor@acme.example' }, { email: 'sam.okafor@acme.example' }],
			parameters: { resource: 'user', operation: 'get', user: byEmail('={{ $json.email }}') },
		});
		expect(sim().control.log()[0]).toMatchObject({ fault: 'echoAuth', status: 400 });
		const [failed, found] = result.items;
		expect(failed.json.error).toBe(
			'Freshservice refused the request while trying to look up requesters by email: authorization: Not accepted: Basic ***',
		);
		expect(found.json).toMatchObject({ email: 'sam.okafor@acme.example', provisioning: { action: 'found' } });
		expectNoSecret(result.items);
		expectNoSecret(result.run);
	});

	// n8n keeps an error's errorResponse and messages in the run data (its database): the transport
	// hands NodeApiError the answer with credentials masked (withoutSecrets), never the raw one.
	it('without Continue: the error n8n shows and keeps in the run data holds no credential', async () => {
		sim().control.injectFaults({ kind: 'echoAuth', status: 401, method: 'POST' });
		const result = await runNode({
			credentials: credentials(),
			parameters: { resource: 'user', operation: 'create', userType: 'requester', firstName: 'Jane', email: 'jane@example.com', additionalFields: {} },
		});
		expect(result.error?.message).toMatch(/^Freshservice refused the request while trying to create the requester jane@example.com: authorization: Not accepted: Basic \*\*\*$/);
		expectNoSecret(result.error);
		expectNoSecret(result.run);
	});
});
