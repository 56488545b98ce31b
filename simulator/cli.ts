// Standalone simulator: `npm run simulator -- --demo --port 8787`. Stays up until Ctrl-C / SIGTERM.
import { startSimulator } from './index';
import { RATE_PLANS } from './rate-limit';
import type { RatePlan, SimulatorOptions } from './types';

export const DEFAULT_CLI_PORT = 8787;

const USAGE = `Freshservice API v2 simulator

  --port N             port on 127.0.0.1 (default ${DEFAULT_CLI_PORT}; 0 picks a free port)
  --requesters N       seed N generated requesters
  --agents N           seed N generated agents
  --seed N             random seed for generated people (default 1)
  --demo               seed the small demo tenant
  --window-seconds N   rate-limit window (default 60)
  --plan NAME          rate-limit plan: ${Object.keys(RATE_PLANS).join(', ')} (default enterprise)
  --help               show this text`;

function parseArguments(argv: string[]): SimulatorOptions {
	const options: SimulatorOptions = { port: DEFAULT_CLI_PORT };
	const seed: { requesters?: number; agents?: number; randomSeed?: number } = {};
	const numberAfter = (flag: string, index: number): number => {
		const value = Number(argv[index + 1]);
		if (argv[index + 1] === undefined || !Number.isInteger(value) || value < 0) {
			throw new Error(`${flag} needs a non-negative integer`);
		}
		return value;
	};
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		switch (flag) {
			case '--port':
				options.port = numberAfter(flag, index++);
				break;
			case '--requesters':
				seed.requesters = numberAfter(flag, index++);
				break;
			case '--agents':
				seed.agents = numberAfter(flag, index++);
				break;
			case '--seed':
				seed.randomSeed = numberAfter(flag, index++);
				break;
			case '--demo':
				options.demo = true;
				break;
			case '--window-seconds':
				options.rateLimit = { ...options.rateLimit, windowMs: numberAfter(flag, index++) * 1000 };
				break;
			case '--plan': {
				const plan = argv[++index];
				if (!(plan in RATE_PLANS)) throw new Error(`--plan must be one of ${Object.keys(RATE_PLANS).join(', ')}`);
				options.rateLimit = { ...options.rateLimit, plan: plan as RatePlan };
				break;
			}
			case '--help':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${flag}\n\n${USAGE}`);
		}
	}
	if (seed.requesters !== undefined || seed.agents !== undefined) options.seed = seed;
	return options;
}

async function main(): Promise<void> {
	const options = parseArguments(process.argv.slice(2));
	const simulator = await startSimulator(options);
	const counts = simulator.control.state().counters;
	console.log(`Freshservice simulator running (${counts.requesters} requesters, ${counts.agents} agents)`);
	console.log(`  API base URL:  ${simulator.apiBaseUrl}`);
	console.log(`  API key:       ${simulator.apiKey}   (Basic auth, password X)`);
	console.log(`  Control URL:   ${simulator.url}/_simulator/   (state, log, config, reset, seed, faults)`);
	console.log('Press Ctrl-C to stop.');
	const stop = () => {
		void simulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
