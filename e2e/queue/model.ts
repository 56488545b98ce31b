/**
 * The burst of `npm run test:queue` on a virtual clock, in a second instead of minutes: 50
 * executions of 20 people (a lookup and a write each), 20 at a time, against 100 calls per 5 s,
 * each execution pacing itself with the node's own RateLimiter. For working on the limiter: its
 * figures follow the real queue runs closely (39.7 % 429s at n8n's defaults against 37 to 41 %
 * measured, 14.5 % against 14.3 % at one request per execution, 1.9 % against 1.9 % at one execution
 * per worker). It checks nothing; `npm run test:queue` is the test.
 *
 *   npx tsx e2e/queue/model.ts [--concurrent N] [--parallel N] [--seeds N] [--executions N]
 *                              [--per-window N --window-ms N]   (another account limit)
 */
import { Account, burst } from '../../test/nodes/transport/virtual-account';
import { BURST, BURST_RATE_LIMIT, DEFAULT_WORKER_CONCURRENCY, WORKERS } from './burst';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(name);
	if (index < 0) return fallback;
	const value = Number(process.argv[index + 1]);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a whole number from 1, not ${process.argv[index + 1]}`);
	return value;
}

const concurrent = option('--concurrent', WORKERS * DEFAULT_WORKER_CONCURRENCY);
const parallel = option('--parallel', 5);
const seeds = option('--seeds', 3);
const executions = option('--executions', BURST.calls);
const limit = { ...BURST_RATE_LIMIT, perWindow: option('--per-window', BURST_RATE_LIMIT.perWindow), windowMs: option('--window-ms', BURST_RATE_LIMIT.windowMs) };
limit.listPerWindow = limit.perWindow;
const allowedPerMs = limit.perWindow / limit.windowMs;
for (let seed = 1; seed <= seeds; seed++) {
	const account = new Account(limit);
	const result = burst(account, {
		executions,
		concurrent,
		items: BURST.perCall,
		parallel,
		latencyMs: [15, 80],
		startGapMs: 30,
		seed: seed * 7919,
	});
	const share = ((100 * result.throttled) / result.requests).toFixed(1);
	const fraction = (result.accepted / result.elapsedMs / allowedPerMs).toFixed(2);
	const where = Object.entries(result.throttledWhen)
		.map(([knew, count]) => `${knew} ${count}`)
		.join(', ');
	console.log(
		`${concurrent} at once × Parallel ${parallel}, seed ${seed}: ${result.finished} executions, ${result.requests} requests, ` +
			`${result.throttled} 429s (${share} %; sent when: ${where || 'none'}), ${fraction} of the allowed rate, ${(result.elapsedMs / 1000).toFixed(0)} s`,
	);
}
