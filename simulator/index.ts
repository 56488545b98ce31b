// Public entry of the Freshservice API v2 simulator (see README.md).
import { startServer } from './server';
import type { RunningSimulator, SimulatorOptions } from './types';

export { SIMULATOR_API_KEY, SIMULATOR_READONLY_API_KEY, SIMULATOR_SUPERVISOR_API_KEY } from './tenant';
export { BEHAVIOUR_VALUES, DEFAULT_BEHAVIOURS } from './config';
export { RATE_PLANS } from './rate-limit';
export type * from './types';

/** Starts a simulator on 127.0.0.1 (a free port unless options.port is set). */
export function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	return startServer(options);
}
