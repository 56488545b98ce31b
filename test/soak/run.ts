/**
 * `npm run test:soak`: N people through the built node (n8n-core, as the benchmark) against the
 * simulator under a tight rate limit with random faults: 10 % 5xx, 5 % dropped connections (half
 * of them after Freshservice made the change), random latency and, when the node has a request
 * timeout, a few hung calls. Then it checks that the simulator holds exactly the people sent, each
 * once and with every field as sent, and that the node returned one item per person, in input
 * order, paired with its input. Prints one summary line; exits 1 on any failure.
 *
 *   npm run test:soak -- --size 1000 --seed 7 --operation create --hangs 3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { startSimulator } from '../../simulator';
import type { LogEntry, RequesterView } from '../../simulator';
import { createRandom, pick } from '../../simulator/prng';
import { FIRST_NAMES, LAST_NAMES } from '../../simulator/names';
import { runNode, usePackage } from '../harness/n8n';

// n8n-core reads the folder (and the key) when it first needs them, after these lines. Always a
// folder of its own: an inherited one (CI's, which jest used) holds a config with another key.
process.env.N8N_ENCRYPTION_KEY = 'soak-test-only-key';
const userFolder = mkdtempSync(join(tmpdir(), 'fs-prov-soak-'));
process.env.N8N_USER_FOLDER = userFolder;
process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));

const OPERATIONS = ['create', 'upsert'] as const;
type Operation = (typeof OPERATIONS)[number];

interface Options {
	size: number;
	seed: number;
	operation: Operation;
	/** undefined: a few when the node has a request timeout, none otherwise. */
	hangs?: number;
}

const USAGE = `npm run test:soak -- [--size N] [--seed N] [--operation create|upsert] [--hangs N]

  --size N        people to provision (default 1000)
  --seed N        seed of the people and of the faults (default 1)
  --operation     create (default), or upsert (Create or Update)
  --hangs N       about N calls that are accepted and never answered (default 3 when the node
                  has a request timeout; without one a hang would stop the run for good)`;

function parseArguments(argv: string[]): Options {
	const options: Options = { size: 1000, seed: 1, operation: 'create' };
	const whole = (flag: string, value: string | undefined, min: number): number => {
		const number = Number(value);
		if (value === undefined || !Number.isInteger(number) || number < min) throw new Error(`${flag} needs a whole number of at least ${min}\n\n${USAGE}`);
		return number;
	};
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		if (flag === '--size') options.size = whole(flag, argv[++index], 1);
		else if (flag === '--seed') options.seed = whole(flag, argv[++index], 0);
		else if (flag === '--hangs') options.hangs = whole(flag, argv[++index], 0);
		else if (flag === '--operation') {
			const operation = argv[++index] as Operation;
			if (!OPERATIONS.includes(operation)) throw new Error(`--operation must be one of ${OPERATIONS.join(', ')}\n\n${USAGE}`);
			options.operation = operation;
		} else if (flag === '--help') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`Unknown option ${flag}\n\n${USAGE}`);
	}
	return options;
}

interface Person extends IDataObject {
	first_name: string;
	last_name: string;
	email: string;
	job_title: string;
	mobile_phone_number: string;
}

/** Distinct people, the same for a seed; emails lower-case, as Freshservice stores them. */
function roster(size: number, seed: number): Person[] {
	const random = createRandom(seed);
	return Array.from({ length: size }, (_, index) => {
		const first = pick(random, FIRST_NAMES);
		const last = pick(random, LAST_NAMES);
		const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
		return {
			first_name: first,
			last_name: last,
			email: `${slug(first)}.${slug(last)}.${index}@soak.example`,
			job_title: `${pick(random, ['Engineer', 'Analyst', 'Designer', 'Manager', 'Recruiter'])} ${index}`,
			mobile_phone_number: `+44 7700 ${String(900000 + index)}`,
		};
	});
}

/** The node's parameters; every field comes from the input item, as an HR trigger's data would. */
function parametersFor(operation: Operation, requestOptions: INodeParameters): INodeParameters {
	const common = { resource: 'user', userType: 'requester', ...(Object.keys(requestOptions).length > 0 ? { requestOptions } : {}) };
	if (operation === 'upsert') {
		return { ...common, operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['email'], schema: [] }, options: {} };
	}
	return {
		...common,
		operation: 'create',
		firstName: '={{ $json.first_name }}',
		email: '={{ $json.email }}',
		additionalFields: { lastName: '={{ $json.last_name }}', jobTitle: '={{ $json.job_title }}', mobilePhoneNumber: '={{ $json.mobile_phone_number }}' },
	};
}

/** Requests sent again: the same method, path, query and body as an earlier one. */
function repeatedRequests(log: LogEntry[]): number {
	const seen = new Set<string>();
	let repeated = 0;
	for (const entry of log) {
		const key = JSON.stringify([entry.method, entry.path, entry.query, entry.requestBody]);
		if (seen.has(key)) repeated++;
		seen.add(key);
	}
	return repeated;
}

interface Findings {
	/** What went wrong with the first few items, for the run's stderr. */
	problems: string[];
	found: number;
	duplicates: number;
	wrongFields: number;
	lostItems: number;
	outOfOrder: number;
}

function check(people: Person[], items: INodeExecutionData[], requesters: RequesterView[], operation: Operation): Findings {
	const byEmail = new Map<string, RequesterView[]>();
	for (const user of requesters) {
		const email = (user.primary_email ?? '').toLowerCase();
		byEmail.set(email, [...(byEmail.get(email) ?? []), user]);
	}
	const expected = new Set(people.map((person) => person.email));
	let found = 0;
	let wrongFields = 0;
	for (const person of people) {
		const holders = byEmail.get(person.email) ?? [];
		if (holders.length > 0) found++;
		const [user] = holders;
		if (user && (['first_name', 'last_name', 'job_title', 'mobile_phone_number'] as const).some((field) => user[field] !== person[field])) wrongFields++;
	}
	const duplicates =
		[...byEmail.values()].reduce((sum, holders) => sum + Math.max(0, holders.length - 1), 0) +
		requesters.filter((user) => !expected.has((user.primary_email ?? '').toLowerCase())).length;
	const goodActions = operation === 'create' ? ['created'] : ['created', 'updated', 'unchanged'];
	let lostItems = Math.max(0, people.length - items.length);
	let outOfOrder = 0;
	const problems: string[] = [];
	items.forEach((item, index) => {
		if ((item.pairedItem as { item?: number } | undefined)?.item !== index) outOfOrder++;
		const action = (item.json.provisioning as { action?: string } | undefined)?.action;
		const belongs = String(item.json.primary_email ?? '').toLowerCase() === people[index]?.email;
		if (item.json.error !== undefined || !goodActions.includes(action ?? '') || !belongs) {
			lostItems++;
			if (problems.length < 5) {
				const what = item.json.error !== undefined ? `${String(item.json.error)} (${String(item.json.description ?? '')})` : JSON.stringify(item.json).slice(0, 200);
				problems.push(`item ${index} (${people[index]?.email}): ${what}`);
			}
		}
	});
	return { problems, found, duplicates, wrongFields, lostItems, outOfOrder };
}

async function main(): Promise<void> {
	const options = parseArguments(process.argv.slice(2));
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { FreshserviceProvisioning } = require('../../dist/nodes/FreshserviceProvisioning/FreshserviceProvisioning.node.js');
	const { FreshserviceProvisioningApi } = require('../../dist/credentials/FreshserviceProvisioningApi.credentials.js');
	/* eslint-enable @typescript-eslint/no-require-imports */
	const nodeType = new FreshserviceProvisioning() as INodeType;
	usePackage({ nodeType, credentialType: new FreshserviceProvisioningApi() });
	const hasTimeout = nodeType.description.properties.some(
		(property) => property.name === 'requestOptions' && (property.options ?? []).some((option) => 'name' in option && option.name === 'timeout'),
	);
	if (options.hangs !== undefined && options.hangs > 0 && !hasTimeout) {
		throw new Error('The node has no request timeout yet: a hung call would stop the run for good. Use --hangs 0.');
	}
	const hangs = options.hangs ?? (hasTimeout ? 3 : 0);
	const people = roster(options.size, options.seed);
	const expectedRequests = options.size * 1.4;

	const sim = await startSimulator({
		logLimit: options.size * 20,
		rateLimit: { perWindow: 50, listPerWindow: 20, windowMs: 2000 },
		faults: {
			random: {
				seed: options.seed,
				rates: { status: 0.1, drop: 0.025, dropAfterCommit: 0.025, latency: 0.2, hang: Math.min(0.05, hangs / expectedRequests) },
				latencyMs: { min: 5, max: 120 },
			},
		},
	});
	const started = performance.now();
	let line: string;
	let failed: boolean;
	try {
		const result = await runNode({
			credentials: { instanceName: 'soak', apiKey: sim.apiKey, baseUrl: sim.apiBaseUrl },
			parameters: parametersFor(options.operation, hasTimeout ? { timeout: 2 } : {}),
			input: people,
			continueOnFail: true,
		});
		const seconds = (performance.now() - started) / 1000;
		const state = sim.control.state();
		const findings = check(people, result.items, state.requesters, options.operation);
		const { counters } = state;
		failed =
			result.error !== undefined ||
			result.items.length !== people.length ||
			findings.found !== people.length ||
			findings.duplicates > 0 ||
			findings.wrongFields > 0 ||
			findings.lostItems > 0 ||
			findings.outOfOrder > 0;
		const log = sim.control.log();
		for (const problem of findings.problems) {
			const email = /\(([^)]+@soak\.example)\)/.exec(problem)?.[1] ?? '';
			const calls = log
				.filter((entry) => JSON.stringify([entry.query, entry.requestBody]).includes(email))
				.map((entry) => `${entry.method} ${entry.status ?? 'no answer'}${entry.fault ? ` (${entry.fault})` : ''}`);
			console.error(`  ${problem}\n    its calls: ${calls.join(', ')}`);
		}
		line = [
			`soak ${options.operation} size=${options.size} seed=${options.seed}:`,
			`expected ${people.length}, found ${findings.found},`,
			`duplicates ${findings.duplicates}, fields wrong ${findings.wrongFields},`,
			`items ${result.items.length}, lost items ${findings.lostItems}, out of order ${findings.outOfOrder},`,
			`requests ${counters.apiRequests}, 429s ${counters.byStatus['429'] ?? 0}, retries ${repeatedRequests(log)},`,
			`5xx ${counters.faultsInjected.status}, drops ${counters.faultsInjected.drop + counters.faultsInjected.dropAfterCommit},`,
			`hangs ${counters.faultsInjected.hang}${hasTimeout ? '' : ' (no request timeout in the node yet)'},`,
			`${seconds.toFixed(1)} s`,
			failed ? `FAIL${result.error ? ` (${result.error.message})` : ''}` : 'PASS',
		].join(' ');
	} finally {
		await sim.close();
	}
	console.log(line);
	process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
