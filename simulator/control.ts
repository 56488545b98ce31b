// The simulator's mutable core: data, switches, rate limiter, faults, request log and counters.
// It is the in-process SimulatorControl; the HTTP control interface and the API server use it too.
import { DEFAULT_BEHAVIOURS, checkRateLimitNumbers, mergeBehaviours } from './config';
import { seedDemoTenant } from './demo';
import { FAULT_KINDS, FaultInjector } from './faults';
import { RateLimiter, resolveRateLimit } from './rate-limit';
import type { ApiEnvironment } from './routes/context';
import { requesterGroupMemberIds } from './routes/groups';
import { seedPeople } from './seed';
import { Store, type UserRecord } from './store';
import { createBaseTenant } from './tenant';
import type {
	AgentView,
	Behaviours,
	FaultKind,
	FaultSpec,
	LogEntry,
	RequesterView,
	SeedOptions,
	SeedResult,
	SimulatorConfig,
	SimulatorConfigUpdate,
	SimulatorControl,
	SimulatorOptions,
	SimulatorState,
	UserLookup,
} from './types';
import { toAgentView, toRequesterView } from './views';

export const DEFAULT_LOG_LIMIT = 20_000;

export class SimulatorCore implements SimulatorControl {
	store = new Store();
	behaviours: Behaviours = DEFAULT_BEHAVIOURS;
	readonly limiter = new RateLimiter(resolveRateLimit());
	readonly faults = new FaultInjector();
	apiRequests = 0;
	rateLimited = 0;
	private byStatus: Record<string, number> = {};
	private entries: LogEntry[] = [];
	private nextSeq = 1;
	private readonly logLimit: number;
	/** The simulator's time: Date.now, or the test's clock. */
	readonly now: () => number;

	constructor(private readonly startOptions: SimulatorOptions = {}) {
		this.logLimit = startOptions.logLimit ?? DEFAULT_LOG_LIMIT;
		this.now = startOptions.clock ?? Date.now;
		this.reset();
	}

	env(): ApiEnvironment {
		return { store: this.store, behaviours: this.behaviours };
	}

	reset(): void {
		const options = this.startOptions;
		const behaviours = mergeBehaviours(DEFAULT_BEHAVIOURS, options.behaviours);
		checkRateLimitNumbers(options.rateLimit ?? {});
		const store = new Store();
		createBaseTenant(store);
		if (options.demo) seedDemoTenant(store);
		if (options.seed) seedPeople(store, options.seed);
		// Start data counts as already indexed; only later writes lag.
		store.searchLagMs = behaviours.searchIndexLagMs;
		this.store = store;
		this.behaviours = behaviours;
		this.limiter.configure(resolveRateLimit(options.rateLimit));
		this.faults.reset();
		this.faults.configure(options.faults ?? {});
		this.clearLog();
		this.apiRequests = 0;
		this.rateLimited = 0;
		this.byStatus = {};
	}

	/** Seeded people count as already indexed by search, whatever searchIndexLagMs says. */
	seed(options: SeedOptions): SeedResult {
		const lag = this.store.searchLagMs;
		this.store.searchLagMs = 0;
		try {
			return seedPeople(this.store, options);
		} finally {
			this.store.searchLagMs = lag;
		}
	}

	configure(update: SimulatorConfigUpdate): SimulatorConfig {
		if (typeof update !== 'object' || update === null) throw new Error('configure expects an object');
		const unknown = Object.keys(update).filter((key) => !['behaviours', 'rateLimit', 'faults'].includes(key));
		if (unknown.length > 0) throw new Error(`Unknown config keys: ${unknown.join(', ')}; use behaviours, rateLimit, faults`);
		const behaviours = mergeBehaviours(this.behaviours, update.behaviours);
		if (update.rateLimit) checkRateLimitNumbers(update.rateLimit);
		const rateLimit = update.rateLimit ? resolveRateLimit(update.rateLimit, this.limiter.settings) : undefined;
		if (update.faults) this.faults.configure(update.faults);
		this.behaviours = behaviours;
		this.store.searchLagMs = behaviours.searchIndexLagMs;
		if (behaviours.searchIndexLagMs === 0) this.store.clearSearchHistory();
		if (rateLimit) this.limiter.configure(rateLimit);
		return this.config();
	}

	config(): SimulatorConfig {
		return {
			behaviours: { ...this.behaviours },
			rateLimit: { ...this.limiter.settings },
			faults: { queue: this.faults.pending(), random: this.faults.randomSettings() },
		};
	}

	state(): SimulatorState {
		const requesters: RequesterView[] = [];
		const agents: AgentView[] = [];
		for (const user of this.store.users.values()) {
			if (user.agent) agents.push(toAgentView(user, this.store));
			else requesters.push(toRequesterView(user, this.store));
		}
		const faultsInjected = {} as Record<FaultKind, number>;
		for (const kind of FAULT_KINDS) faultsInjected[kind] = this.faults.injected[kind];
		return {
			requesters,
			agents,
			departments: [...this.store.departments.values()],
			locations: [...this.store.locations.values()],
			roles: [...this.store.roles.values()],
			groups: [...this.store.groups.values()],
			requesterGroups: [...this.store.requesterGroups.values()],
			requesterGroupMembers: Object.fromEntries(
				[...this.store.requesterGroups.values()].map((group) => [String(group.id), [...requesterGroupMemberIds(this.store, group)]]),
			),
			counters: {
				apiRequests: this.apiRequests,
				byStatus: { ...this.byStatus },
				rateLimited: this.rateLimited,
				faultsInjected,
				pendingFaults: this.faults.pending().length,
				requesters: requesters.length,
				agents: agents.length,
				rateLimitWindow: this.limiter.snapshot(this.now()),
			},
		};
	}

	requesterByEmail(email: string): RequesterView | undefined {
		const user = this.store.emailOwner(email);
		return user && !user.agent ? toRequesterView(user, this.store) : undefined;
	}

	agentByEmail(email: string): AgentView | undefined {
		const user = this.store.emailOwner(email);
		return user?.agent ? toAgentView(user, this.store) : undefined;
	}

	userById(id: number): UserLookup | undefined {
		const user: UserRecord | undefined = this.store.users.get(id);
		if (!user) return undefined;
		return user.agent
			? { type: 'agent', record: toAgentView(user, this.store) }
			: { type: 'requester', record: toRequesterView(user, this.store) };
	}

	/**
	 * Puts a requester in a manual requester group, as an admin would by hand (no API call, nothing
	 * logged): for arranging a test's starting point.
	 */
	joinRequesterGroup(groupName: string, requesterId: number): void {
		const group = [...this.store.requesterGroups.values()].find((candidate) => candidate.name === groupName);
		if (!group || group.type !== 'manual') throw new Error(`No manual requester group is named ${groupName}`);
		const user = this.store.users.get(requesterId);
		if (!user || user.agent) throw new Error(`No requester has the ID ${requesterId}`);
		const members = this.store.requesterGroupMembers.get(group.id) ?? [];
		if (!members.includes(requesterId)) this.store.requesterGroupMembers.set(group.id, [...members, requesterId]);
	}

	log(): LogEntry[] {
		return this.entries.slice(-this.logLimit);
	}

	clearLog(): void {
		this.entries = [];
	}

	injectFaults(...faults: FaultSpec[]): void {
		this.faults.enqueue(faults);
	}

	/** Records one API call: log entry and counters. */
	record(entry: Omit<LogEntry, 'seq'>, countsAsApiCall = true): void {
		this.entries.push({ seq: this.nextSeq++, ...entry });
		// Trim in batches so a long benchmark does not pay for a shift on every call.
		if (this.entries.length > this.logLimit * 1.25) this.entries = this.entries.slice(-this.logLimit);
		if (!countsAsApiCall) return;
		this.apiRequests++;
		const key = entry.status === null ? 'dropped' : String(entry.status);
		this.byStatus[key] = (this.byStatus[key] ?? 0) + 1;
	}
}
