// Fault injection for API calls: a queue of deterministic faults (first matching one wins) and
// optional random faults drawn from a seeded PRNG, so a failing run can be replayed exactly.
import { createRandom, integerBetween, pick, type Random } from './prng';
import type { FaultConfig, FaultKind, FaultMatch, FaultSpec, RandomFaultConfig } from './types';

export const FAULT_KINDS: FaultKind[] = ['status', 'drop', 'dropAfterCommit', 'latency', 'rateLimit', 'hang', 'echoAuth', 'strip'];

/** What the server must do for one call. */
export type ResolvedFault =
	| { kind: 'status'; status: number; body?: unknown }
	| { kind: 'drop' }
	| { kind: 'dropAfterCommit' }
	| { kind: 'latency'; ms: number }
	| { kind: 'rateLimit'; retryAfterSeconds: number }
	| { kind: 'hang'; afterCommit: boolean }
	| { kind: 'echoAuth'; status: number }
	| { kind: 'strip'; keys: string[]; headers: string[] };

interface QueuedFault {
	spec: FaultSpec;
	remaining: number;
	pattern?: RegExp;
}

const DEFAULT_RANDOM_STATUSES = [500, 502, 503, 504];
const DEFAULT_RANDOM_LATENCY = { min: 50, max: 250 };
const DEFAULT_ECHO_STATUS = 400;

export function globToRegExp(glob: string): RegExp {
	const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`);
}

function matches(match: FaultMatch, pattern: RegExp | undefined, method: string, path: string): boolean {
	if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
	return !pattern || pattern.test(path);
}

const isHttpStatus = (status: unknown): boolean => Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599;

function validateFaultSpec(spec: FaultSpec): string | undefined {
	if (!FAULT_KINDS.includes(spec?.kind)) return `unknown fault kind ${String(spec?.kind)}; use one of ${FAULT_KINDS.join(', ')}`;
	if (spec.kind === 'status' && !isHttpStatus(spec.status)) {
		return 'a status fault needs a status between 100 and 599';
	}
	if (spec.kind === 'echoAuth' && spec.status !== undefined && !(isHttpStatus(spec.status) && spec.status >= 400)) {
		return 'an echoAuth fault needs an error status between 400 and 599';
	}
	if (spec.kind === 'latency' && !(typeof spec.ms === 'number' && spec.ms >= 0)) return 'a latency fault needs ms >= 0';
	if (spec.kind === 'strip') {
		const names = [...(spec.keys ?? []), ...(spec.headers ?? [])];
		const lists = [spec.keys, spec.headers].every((list) => list === undefined || Array.isArray(list));
		if (!lists || names.length === 0 || !names.every((name) => typeof name === 'string' && name !== '')) {
			return 'a strip fault needs keys and/or headers: lists of names';
		}
	}
	if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) return 'times must be a positive integer';
	return matchProblem(spec);
}

function matchProblem(match: FaultMatch): string | undefined {
	if (match.method !== undefined && typeof match.method !== 'string') return 'method must be a string';
	if (match.pathPattern !== undefined && typeof match.pathPattern !== 'string') return 'pathPattern must be a string glob';
	return undefined;
}

function validateRandomConfig(config: RandomFaultConfig): string | undefined {
	if (typeof config.rates !== 'object' || config.rates === null) return 'rates is required, e.g. { "status": 0.1 }';
	let sum = 0;
	for (const [kind, rate] of Object.entries(config.rates)) {
		if (!FAULT_KINDS.includes(kind as FaultKind)) return `unknown fault kind ${kind}`;
		if (kind === 'strip' && rate !== 0) return 'strip faults are queue only: they need keys or headers to strip';
		if (typeof rate !== 'number' || rate < 0 || rate > 1) return `rate of ${kind} must be between 0 and 1`;
		sum += rate;
	}
	if (sum > 1) return 'rates add up to more than 1';
	if (config.statuses !== undefined && !(Array.isArray(config.statuses) && config.statuses.length > 0 && config.statuses.every(isHttpStatus))) {
		return 'statuses must be a non-empty list of HTTP statuses';
	}
	if (config.latencyMs && !(config.latencyMs.min >= 0 && config.latencyMs.max >= config.latencyMs.min)) {
		return 'latencyMs needs 0 <= min <= max';
	}
	return matchProblem(config);
}

export class FaultInjector {
	readonly injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
	private queue: QueuedFault[] = [];
	private randomConfig: RandomFaultConfig | null = null;
	private randomPattern?: RegExp;
	private random: Random = createRandom(1);

	/** Checks everything before changing anything, so a bad update leaves the faults as they were. */
	configure(config: FaultConfig): void {
		if (typeof config !== 'object' || config === null) throw new Error('faults must be an object');
		if (config.queue !== undefined && !Array.isArray(config.queue)) throw new Error('faults.queue must be an array');
		const queueProblem = config.queue?.map(validateFaultSpec).find(Boolean);
		if (queueProblem) throw new Error(`Invalid fault: ${queueProblem}`);
		const randomProblem = config.random ? validateRandomConfig(config.random) : undefined;
		if (randomProblem) throw new Error(`Invalid random faults: ${randomProblem}`);
		if (config.queue !== undefined) {
			this.queue = [];
			this.enqueue(config.queue);
		}
		if (config.random !== undefined) {
			this.randomConfig = config.random ? { ...config.random, rates: { ...config.random.rates } } : null;
			this.randomPattern = config.random?.pathPattern ? globToRegExp(config.random.pathPattern) : undefined;
			this.random = createRandom(config.random?.seed ?? 1);
		}
	}

	enqueue(specs: FaultSpec[]): void {
		const problem = specs.map(validateFaultSpec).find(Boolean);
		if (problem) throw new Error(`Invalid fault: ${problem}`);
		for (const spec of specs) {
			this.queue.push({ spec: { ...spec }, remaining: spec.times ?? 1, pattern: spec.pathPattern ? globToRegExp(spec.pathPattern) : undefined });
		}
	}

	reset(): void {
		this.queue = [];
		this.randomConfig = null;
		this.randomPattern = undefined;
		for (const kind of FAULT_KINDS) this.injected[kind] = 0;
	}

	pending(): FaultSpec[] {
		return this.queue.map(({ spec, remaining }) => ({ ...spec, times: remaining }));
	}

	randomSettings(): RandomFaultConfig | null {
		return this.randomConfig ? { ...this.randomConfig, rates: { ...this.randomConfig.rates } } : null;
	}

	/** The fault for this call, if any; queued faults first, then a random draw. */
	take(method: string, path: string): ResolvedFault | undefined {
		const index = this.queue.findIndex((queued) => matches(queued.spec, queued.pattern, method, path));
		if (index >= 0) {
			const queued = this.queue[index];
			queued.remaining--;
			if (queued.remaining <= 0) this.queue.splice(index, 1);
			return this.count(resolveSpec(queued.spec));
		}
		const config = this.randomConfig;
		if (!config || !matches(config, this.randomPattern, method, path)) return undefined;
		return this.drawRandom(config);
	}

	private drawRandom(config: RandomFaultConfig): ResolvedFault | undefined {
		let draw = this.random();
		for (const kind of FAULT_KINDS) {
			const rate = config.rates[kind] ?? 0;
			if (draw < rate) return this.count(this.randomFault(kind, config));
			draw -= rate;
		}
		return undefined;
	}

	private randomFault(kind: FaultKind, config: RandomFaultConfig): ResolvedFault {
		switch (kind) {
			case 'status':
				return { kind, status: pick(this.random, config.statuses ?? DEFAULT_RANDOM_STATUSES) };
			case 'latency': {
				const range = config.latencyMs ?? DEFAULT_RANDOM_LATENCY;
				return { kind, ms: integerBetween(this.random, range.min, range.max) };
			}
			case 'rateLimit':
				return { kind, retryAfterSeconds: config.retryAfterSeconds ?? 1 };
			case 'hang':
				return { kind, afterCommit: false };
			case 'echoAuth':
				return { kind, status: DEFAULT_ECHO_STATUS };
			case 'strip':
				return { kind, keys: [], headers: [] };
			case 'drop':
			case 'dropAfterCommit':
				return { kind };
		}
	}

	private count(fault: ResolvedFault): ResolvedFault {
		this.injected[fault.kind]++;
		return fault;
	}
}

function resolveSpec(spec: FaultSpec): ResolvedFault {
	switch (spec.kind) {
		case 'status':
			return { kind: 'status', status: spec.status, body: spec.body };
		case 'latency':
			return { kind: 'latency', ms: spec.ms };
		case 'rateLimit':
			return { kind: 'rateLimit', retryAfterSeconds: spec.retryAfterSeconds ?? 1 };
		case 'hang':
			return { kind: 'hang', afterCommit: spec.afterCommit === true };
		case 'echoAuth':
			return { kind: 'echoAuth', status: spec.status ?? DEFAULT_ECHO_STATUS };
		case 'strip':
			return { kind: 'strip', keys: [...(spec.keys ?? [])], headers: [...(spec.headers ?? [])] };
		case 'drop':
		case 'dropAfterCommit':
			return { kind: spec.kind };
	}
}
