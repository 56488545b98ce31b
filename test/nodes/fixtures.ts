import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import type { LogEntry, RunningSimulator, SimulatorOptions } from '../../simulator';
import { startSimulator } from '../../simulator';

/** One simulator per test file, reset before each test; the credential points at it. */
export function useSimulator(options: SimulatorOptions = {}): {
	sim: () => RunningSimulator;
	credentials: () => ICredentialDataDecryptedObject;
	/** Requests to Freshservice's API since the log was last cleared (control routes left out). */
	apiCalls: () => LogEntry[];
	/** The API requests that could change something: all but GETs. */
	writes: () => LogEntry[];
	/** What the simulator holds, without its request counters, for comparing before and after. */
	stored: () => string;
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
	const apiCalls = () => running!.control.log().filter((entry) => entry.path.startsWith('/api/v2/'));
	return {
		sim: () => running!,
		credentials: () => ({ instanceName: 'acme', apiKey: running!.apiKey, baseUrl: running!.apiBaseUrl }),
		apiCalls,
		writes: () => apiCalls().filter((entry) => entry.method !== 'GET'),
		stored: () => {
			const data: Partial<ReturnType<RunningSimulator['control']['state']>> = running!.control.state();
			delete data.counters;
			return JSON.stringify(data);
		},
	};
}

export const byEmail = (value: string) => ({ __rl: true, mode: 'email', value });
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export function createRequester(firstName: string, email: string, additionalFields: INodeParameters = {}): INodeParameters {
	return { resource: 'user', operation: 'create', userType: 'requester', firstName, email, additionalFields };
}
