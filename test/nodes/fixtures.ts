import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import type { RunningSimulator, SimulatorOptions } from '../../simulator';
import { startSimulator } from '../../simulator';

/** One simulator per test file, reset before each test; the credential points at it. */
export function useSimulator(options: SimulatorOptions = {}): {
	sim: () => RunningSimulator;
	credentials: () => ICredentialDataDecryptedObject;
} {
	let running: RunningSimulator | undefined;
	beforeAll(async () => {
		running = await startSimulator(options);
	});
	afterAll(async () => {
		await running?.close();
	});
	beforeEach(() => {
		running!.control.reset();
		running!.control.clearLog();
	});
	return {
		sim: () => running!,
		credentials: () => ({ instanceName: 'acme', apiKey: running!.apiKey, baseUrl: running!.apiBaseUrl }),
	};
}

export const byEmail = (value: string) => ({ __rl: true, mode: 'email', value });
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export function createRequester(firstName: string, email: string, additionalFields: INodeParameters = {}): INodeParameters {
	return { resource: 'user', operation: 'create', userType: 'requester', firstName, email, additionalFields };
}
