/**
 * A burst of HR events as an HR system sends them: many webhook calls at once, each a batch of
 * people, through Webhook → Split Out → Freshservice Provisioning. What it produced is judged on
 * the simulator's records and request log, the webhook answers and n8n's execution records.
 */
import { CREDENTIAL_TYPE, EXAMPLE_CREDENTIAL, NODE_TYPE, type Workflow } from '../../scripts/lib/examples';
import type { LogEntry, RequesterView, SimulatorControl } from '../../simulator/types';

/** Two workers, each running up to this many executions at once (n8n's default; --concurrency changes it). */
export const WORKERS = 2;
export const DEFAULT_WORKER_CONCURRENCY = 10;

/** The account's limit during the bursts: tight, so the two workers together can exceed it many times over. */
export const BURST_RATE_LIMIT = { perWindow: 100, listPerWindow: 100, windowMs: 5_000 };

/** 50 calls of 20; calls 0 to 19 (what two workers take at once) are 10 pairs sharing 10 people each. */
export const BURST = { calls: 50, perCall: 20, sharedPairs: 10, sharedPerPair: 10 };
/** The burst's 429s must stay under this share of its requests. */
export const MAX_429_SHARE = 0.02;

/**
 * The operation the burst provisions with: Create or Update, which an HR system can send twice.
 * With Create, a person sent twice (or resent after a worker died) meets their own email.
 */
export const PROVISION_OPERATION: 'create' | 'upsert' = 'upsert';

export const DOMAIN = 'acme.example';

/** One person as the HR system sends them, keyed by Freshservice's field names (what Map Automatically reads). */
export interface Person {
	email: string;
	first_name: string;
	last_name: string;
	job_title: string;
	work_phone_number: string;
}

export interface BurstCall {
	index: number;
	people: Person[];
}

export interface BurstPlan {
	calls: BurstCall[];
	/** Every distinct person by email, with each version of them the calls carry (two for the shared ones). */
	versions: Map<string, Person[]>;
	/** People sent in two calls at once, with different job titles and phone numbers. */
	shared: Set<string>;
}

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim', 'Hedy', 'Linus'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Lee'];

function person(email: string, n: number, call: number): Person {
	return {
		email,
		first_name: FIRST_NAMES[n % FIRST_NAMES.length],
		last_name: `${LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length]}-${n}`,
		job_title: `Analyst (call ${call})`,
		work_phone_number: `+1 555 ${String(call).padStart(3, '0')} ${String(n).padStart(4, '0')}`,
	};
}

/**
 * `calls` calls of `perCall` people. The first `sharedPairs` pairs of calls (0 and 1, 2 and 3, ...)
 * share `sharedPerPair` people each, spread over the same positions in both calls, so that two
 * executions reach the same person at about the same moment. The first calls are the ones the
 * workers take at once, one each (see sendBurst). The two versions differ in job title and phone.
 */
export function planBurst({
	prefix,
	calls,
	perCall,
	sharedPairs,
	sharedPerPair,
}: {
	prefix: string;
	calls: number;
	perCall: number;
	sharedPairs: number;
	sharedPerPair: number;
}): BurstPlan {
	if (sharedPairs * 2 > calls || sharedPerPair > perCall) throw new Error('planBurst: more shared people than calls or positions');
	const versions = new Map<string, Person[]>();
	const shared = new Set<string>();
	const plan: BurstCall[] = [];
	const numbers = new Map<string, number>();
	const step = sharedPerPair > 0 ? Math.floor(perCall / sharedPerPair) : 0;
	let n = 0;
	for (let index = 0; index < calls; index++) {
		const pair = Math.floor(index / 2);
		const people: Person[] = [];
		for (let slot = 0; slot < perCall; slot++) {
			const sharedSlot = pair < sharedPairs && step > 0 && slot % step === 0 && slot / step < sharedPerPair;
			const email = sharedSlot ? `${prefix}-pair${pair}-${slot}@${DOMAIN}` : `${prefix}-${index}-${slot}@${DOMAIN}`;
			// Both versions of a shared person have the same name; a new person gets the next number.
			const number = numbers.get(email) ?? n++;
			numbers.set(email, number);
			const version = person(email, number, index);
			people.push(version);
			versions.set(email, [...(versions.get(email) ?? []), version]);
			if (sharedSlot) shared.add(email);
		}
		plan.push({ index, people });
	}
	return { calls: plan, versions, shared };
}

/** The node's parameters for the operation under test, each person's fields taken from the item. */
function provisionParameters(parallelRequests?: number): Record<string, unknown> {
	// Request Options → Parallel Requests: items of one execution worked on at once (the node's default when unset).
	const requestOptions = parallelRequests === undefined ? {} : { requestOptions: { parallelRequests } };
	if (PROVISION_OPERATION === 'upsert') {
		return {
			resource: 'user',
			operation: 'upsert',
			userType: 'requester',
			// Map Automatically: the item's keys are Freshservice's field names.
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] },
			options: {},
			...requestOptions,
		};
	}
	return {
		...requestOptions,
		resource: 'user',
		operation: 'create',
		userType: 'requester',
		firstName: '={{ $json.first_name }}',
		email: '={{ $json.email }}',
		additionalFields: {
			lastName: '={{ $json.last_name }}',
			jobTitle: '={{ $json.job_title }}',
			workPhoneNumber: '={{ $json.work_phone_number }}',
		},
	};
}

export const PROVISION_NODE = 'Provision people';

/**
 * Webhook (answers with every item of the last node) → one item per person → the node, each
 * failing item an error item (On Error: Continue) → the execution's ID added to every item, so an
 * answer can be matched with n8n's execution record and the worker that ran it.
 */
export function burstWorkflow(id: string, webhookPath: string, { parallelRequests }: { parallelRequests?: number } = {}): Workflow {
	const node = (name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>) => ({
		id: `${id}-${x}`,
		name,
		type,
		typeVersion,
		position: [x, 0] as [number, number],
		parameters,
	});
	const webhook = {
		...node('HR events (webhook)', 'n8n-nodes-base.webhook', 2, 0, {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		}),
		webhookId: `${id}-webhook`,
	};
	const split = node('One item per person', 'n8n-nodes-base.splitOut', 1, 220, { fieldToSplitOut: 'body.people', options: {} });
	const provision = {
		...node(PROVISION_NODE, NODE_TYPE, 1, 440, provisionParameters(parallelRequests)),
		credentials: { [CREDENTIAL_TYPE]: { ...EXAMPLE_CREDENTIAL } },
		onError: 'continueRegularOutput',
	};
	const tag = node('Tag with execution', 'n8n-nodes-base.set', 3.4, 660, {
		mode: 'manual',
		includeOtherFields: true,
		assignments: {
			assignments: [{ id: `${id}-execution-id`, name: 'executionId', value: '={{ $execution.id }}', type: 'string' }],
		},
		options: {},
	});
	const chain = [webhook, split, provision, tag];
	const connections: Workflow['connections'] = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: `Queue burst (${webhookPath})`, active: false, nodes: chain, connections, settings: { executionOrder: 'v1' } };
}

export type Item = Record<string, unknown>;

export interface CallAnswer {
	call: BurstCall;
	/** HTTP status, or what kept an answer from arriving. */
	status: number | 'timeout' | 'network error';
	items: Item[];
	body: string;
	ms: number;
}

/** One webhook call as an HR system makes it; never throws. */
export async function sendCall(url: string, call: BurstCall, timeoutMs: number): Promise<CallAnswer> {
	const started = Date.now();
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ batch: call.index, people: call.people }),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const body = await response.text();
		let items: Item[] = [];
		try {
			const parsed = JSON.parse(body) as unknown;
			items = Array.isArray(parsed) ? (parsed as Item[]) : [parsed as Item];
		} catch {
			// not JSON: an error page; the status says what happened
		}
		return { call, status: response.status, items: response.ok ? items : [], body, ms: Date.now() - started };
	} catch (error) {
		const timedOut = (error as Error).name === 'TimeoutError';
		return { call, status: timedOut ? 'timeout' : 'network error', items: [], body: (error as Error).message, ms: Date.now() - started };
	}
}

/**
 * Sends every call of a plan, all in flight at once. The calls leave a few milliseconds apart, in
 * plan order, so that n8n enqueues them in that order and idle workers take them in turn.
 */
export async function sendBurst(url: string, calls: BurstCall[], timeoutMs: number): Promise<CallAnswer[]> {
	const pending: Array<Promise<CallAnswer>> = [];
	for (const call of calls) {
		pending.push(sendCall(url, call, timeoutMs));
		await new Promise((resolve) => setTimeout(resolve, 3));
	}
	return await Promise.all(pending);
}

/** Whether an answer carries every person of the call, none of them as an error item. */
export function answerIsComplete(answer: CallAnswer): boolean {
	return answer.status === 200 && answer.items.length === answer.call.people.length && answer.items.every((item) => !('error' in item));
}

export function errorItems(answer: CallAnswer): Item[] {
	return answer.items.filter((item) => 'error' in item);
}

export function executionIdOf(answer: CallAnswer): number | undefined {
	const id = answer.items.find((item) => item.executionId !== undefined)?.executionId;
	return id === undefined ? undefined : Number(id);
}

/** What the simulator holds for the planned people, and what is wrong with it. */
export interface StateFindings {
	people: number;
	missing: string[];
	/** People with more than one Freshservice record (by email, or by their name under another email). */
	duplicates: string[];
	/** People whose record matches none of the versions sent, or (for shared people) not the last one written. */
	wrongFields: string[];
	/** Shared people: which call's version won, 'first' or 'second' in call order. */
	sharedWinners: { first: number; second: number };
}

const CHECKED_FIELDS = ['first_name', 'last_name', 'job_title', 'work_phone_number'] as const;

function fieldsOf(record: RequesterView): Pick<RequesterView, (typeof CHECKED_FIELDS)[number]> {
	return Object.fromEntries(CHECKED_FIELDS.map((field) => [field, record[field]])) as Pick<RequesterView, (typeof CHECKED_FIELDS)[number]>;
}

function sameFields(record: RequesterView, version: Person): boolean {
	return CHECKED_FIELDS.every((field) => record[field] === version[field]);
}

/** The job title of the last write to a user Freshservice accepted: a create with the email, or an update of the id. */
function lastWrittenJobTitle(log: LogEntry[], email: string, id: number): string | undefined {
	let title: string | undefined;
	for (const entry of log) {
		if (entry.status === null || entry.status < 200 || entry.status >= 300) continue;
		const body = entry.requestBody as Record<string, unknown> | null;
		const isCreate = entry.method === 'POST' && /\/requesters$/.test(entry.path) && String(body?.primary_email).toLowerCase() === email;
		const isUpdate = entry.method === 'PUT' && entry.path.endsWith(`/requesters/${id}`);
		if ((isCreate || isUpdate) && typeof body?.job_title === 'string') title = body.job_title;
	}
	return title;
}

/**
 * Checks the simulator against the plan: every person present once with the fields one call sent;
 * a shared person with the version whose write Freshservice accepted last ("last write wins":
 * n8n gives no order between executions, so neither call is "later" by itself).
 */
export function inspectState(sim: SimulatorControl, plan: BurstPlan): StateFindings {
	const { requesters, agents } = sim.state();
	const log = sim.log();
	const findings: StateFindings = { people: plan.versions.size, missing: [], duplicates: [], wrongFields: [], sharedWinners: { first: 0, second: 0 } };
	const byEmail = new Map<string, number>();
	const byName = new Map<string, number>();
	for (const record of [...requesters, ...agents]) {
		const email = ('primary_email' in record ? record.primary_email : record.email)?.toLowerCase() ?? '';
		byEmail.set(email, (byEmail.get(email) ?? 0) + 1);
		const name = `${record.first_name} ${record.last_name ?? ''}`;
		byName.set(name, (byName.get(name) ?? 0) + 1);
	}
	for (const [email, versions] of plan.versions) {
		const name = `${versions[0].first_name} ${versions[0].last_name}`;
		if ((byEmail.get(email) ?? 0) > 1 || (byName.get(name) ?? 0) > 1) findings.duplicates.push(email);
		const record = sim.requesterByEmail(email);
		if (!record) {
			findings.missing.push(email);
			continue;
		}
		const matching = versions.findIndex((version) => sameFields(record, version));
		if (matching < 0) {
			findings.wrongFields.push(`${email}: ${JSON.stringify(fieldsOf(record))}`);
			continue;
		}
		if (versions.length > 1) {
			const lastTitle = lastWrittenJobTitle(log, email, record.id);
			if (lastTitle !== record.job_title) {
				findings.wrongFields.push(`${email}: holds "${record.job_title}" but the last write Freshservice accepted set "${lastTitle}"`);
			}
			if (matching === 0) findings.sharedWinners.first++;
			else findings.sharedWinners.second++;
		}
	}
	return findings;
}

/** Requests, 429s and pace, from the simulator's request log of one burst. */
export interface TrafficFigures {
	requests: number;
	rateLimited: number;
	seconds: number;
	/** Requests Freshservice accepted per second, against what the account allows. */
	acceptedPerSecond: number;
	allowedPerSecond: number;
	/** 429s in each rate-limit window, from the first request on. */
	rateLimitedPerWindow: number[];
}

export function trafficFigures(log: LogEntry[], limit: { perWindow: number; windowMs: number }): TrafficFigures {
	const api = log.filter((entry) => entry.path.startsWith('/api/'));
	const times = api.map((entry) => Date.parse(entry.time));
	const first = Math.min(...times);
	const last = Math.max(...times);
	const seconds = Math.max(0.001, (last - first) / 1000);
	const rateLimited = api.filter((entry) => entry.status === 429).length;
	const perWindow: number[] = [];
	for (const entry of api) {
		if (entry.status !== 429) continue;
		const window = Math.floor((Date.parse(entry.time) - first) / limit.windowMs);
		while (perWindow.length <= window) perWindow.push(0);
		perWindow[window]++;
	}
	return {
		requests: api.length,
		rateLimited,
		seconds,
		acceptedPerSecond: (api.length - rateLimited) / seconds,
		allowedPerSecond: limit.perWindow / (limit.windowMs / 1000),
		rateLimitedPerWindow: perWindow,
	};
}
