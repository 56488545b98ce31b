// Shared set-up for the simulator's own tests: one simulator per test file, reset before each test,
// and axios clients that never throw on a status so tests assert the real answer.
import axios, { type AxiosInstance } from 'axios';

import { SIMULATOR_API_KEY, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator';

export function useSimulator(options: SimulatorOptions = {}): {
	sim: () => RunningSimulator;
	api: (apiKey?: string | null) => AxiosInstance;
} {
	let running: RunningSimulator | undefined;
	beforeAll(async () => {
		running = await startSimulator(options);
	});
	afterAll(async () => {
		await running?.close();
	});
	beforeEach(() => {
		current().control.reset();
	});
	const current = (): RunningSimulator => {
		if (!running) throw new Error('The simulator has not started');
		return running;
	};
	return { sim: current, api: (apiKey = SIMULATOR_API_KEY) => apiClient(current(), apiKey) };
}

/**
 * A simulator clock that follows real time plus whatever the test adds (or, frozen, only what the
 * test adds): waiting out a rate-limit window or the search lag becomes `advance(ms)`, the same on
 * an idle laptop and on a busy CI runner.
 */
export function testClock(options: { frozen?: boolean } = {}): { now: () => number; advance: (ms: number) => void } {
	const start = Date.now();
	let skew = 0;
	return {
		now: () => (options.frozen ? start : Date.now()) + skew,
		advance: (ms) => {
			skew += ms;
		},
	};
}

/** apiKey null: no Authorization header at all. */
export function apiClient(sim: RunningSimulator, apiKey: string | null = SIMULATOR_API_KEY): AxiosInstance {
	return axios.create({
		baseURL: sim.apiBaseUrl,
		auth: apiKey === null ? undefined : { username: apiKey, password: 'X' },
		validateStatus: () => true,
	});
}

export function controlClient(sim: RunningSimulator): AxiosInstance {
	return axios.create({ baseURL: `${sim.url}/_simulator`, validateStatus: () => true });
}

export function requesterPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { first_name: 'Jane', last_name: 'Doe', primary_email: 'jane.doe@example.com', ...overrides };
}

export function agentPayload(sim: RunningSimulator, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const role = sim.control.state().roles.find((candidate) => candidate.name === 'SD Agent');
	if (!role) throw new Error('SD Agent role missing');
	return {
		first_name: 'Ada',
		last_name: 'Byron',
		email: 'ada.byron@example.com',
		roles: [{ role_id: role.id, assignment_scope: 'entire_helpdesk' }],
		...overrides,
	};
}

export function departmentId(sim: RunningSimulator, name: string): number {
	const department = sim.control.state().departments.find((candidate) => candidate.name === name);
	if (!department) throw new Error(`No department ${name}`);
	return department.id;
}
