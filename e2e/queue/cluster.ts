/**
 * n8n in queue mode on this machine: Redis, one shared database, a main process that takes the
 * webhooks and enqueues executions, and workers that run them. Each process has its own user
 * folder, as it would on its own machine, with the packed package installed into it as a
 * community package: a worker loads community nodes from its own `<user folder>/.n8n/nodes`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type CredentialToImport, N8nInstance, type RunData } from '../../scripts/lib/n8n-instance';
import { freePort, waitForHttpOk } from '../../scripts/lib/net';
import type { N8nRuntime } from '../../scripts/lib/runtime';
import { type DatabaseKind, type SharedDatabase, sharedSqlite, throwawayPostgres } from './database';
import { type ManagedProcess, ProcessSet } from './processes';
import { ensureRedisServer, type RunningRedis, startRedis } from './redis';

export interface N8nProcess {
	name: string;
	instance: N8nInstance;
	process: ManagedProcess;
	/** The main process's URL, or a worker's health server. */
	url: string;
}

export interface QueueClusterOptions {
	runtime: N8nRuntime;
	tarball: string;
	workRoot: string;
	workerCount: number;
	/** `n8n worker --concurrency`: how many executions one worker runs at once (n8n's default is 10). */
	concurrency: number;
	database: DatabaseKind;
	log: (line: string) => void;
}

const START_TIMEOUT_MS = 180_000;

export class QueueCluster {
	main?: N8nProcess;

	workers: N8nProcess[] = [];

	private constructor(
		readonly processes: ProcessSet,
		readonly options: QueueClusterOptions,
		readonly redis: RunningRedis,
		readonly database: SharedDatabase,
		readonly mainInstance: N8nInstance,
		readonly workerInstances: N8nInstance[],
	) {}

	/** Redis running, the database chosen, a user folder per process with the package installed in each. */
	static async create(options: QueueClusterOptions): Promise<QueueCluster> {
		await ensureRedisServer(options.log);
		const processes = new ProcessSet();
		try {
			return await QueueCluster.assemble(processes, options);
		} catch (error) {
			await processes.stopAll();
			throw error;
		}
	}

	private static async assemble(processes: ProcessSet, options: QueueClusterOptions): Promise<QueueCluster> {
		const redis = await startRedis(processes, path.join(options.workRoot, 'redis'));
		const databaseDir = path.join(options.workRoot, 'database');
		// PostgreSQL runs under its own account when this runs as root: let it through the private work folder.
		if (options.database === 'postgres') chmodSync(options.workRoot, 0o711);
		const database =
			options.database === 'postgres'
				? await throwawayPostgres(processes, databaseDir, options.log)
				: sharedSqlite(options.runtime, databaseDir);
		const env = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Every process must decrypt the credentials main imported.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_LOG_LEVEL: 'info',
			NO_COLOR: '1',
			// The MCP registry module polls api.n8n.io; this suite's traffic stays on 127.0.0.1.
			N8N_DISABLED_MODULES: 'mcp-registry',
			...database.env,
		};
		const folder = (name: string) => path.join(options.workRoot, name);
		const mainInstance = N8nInstance.create(options.runtime, folder('main'), { fresh: true, env });
		const workerInstances = Array.from({ length: options.workerCount }, (_, index) =>
			N8nInstance.create(options.runtime, folder(`worker-${index + 1}`), { fresh: true, env }),
		);
		const installStarted = Date.now();
		await Promise.all([mainInstance, ...workerInstances].map((instance) => instance.installPackageTarball(options.tarball)));
		options.log(`  installed the package into ${workerInstances.length + 1} user folders (${((Date.now() - installStarted) / 1000).toFixed(1)} s)`);
		const cluster = new QueueCluster(processes, options, redis, database, mainInstance, workerInstances);
		options.log(`Redis on 127.0.0.1:${redis.port} (pid ${redis.process.pid}); database: ${database.describe}`);
		return cluster;
	}

	/** Imports the credential and workflows through main's CLI and publishes the given workflows. */
	async prepare(credentials: CredentialToImport[], workflows: object[], publish: string[]): Promise<void> {
		const timed = async (what: string, step: () => Promise<void>) => {
			const started = Date.now();
			await step();
			this.options.log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		};
		await timed('imported the credential (n8n creates the shared database)', () => this.mainInstance.importCredentials(credentials));
		await timed(`imported ${workflows.length} workflows`, () => this.mainInstance.importWorkflows(workflows));
		for (const id of publish) await timed(`published ${id}`, () => this.mainInstance.activateWorkflow(id));
	}

	/**
	 * Waits until main serves these webhook paths. n8n 2.x registers published workflows in the
	 * background after its REST API is up; a CORS preflight asks without running anything.
	 */
	async waitForWebhooks(paths: string[], timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (const webhookPath of paths) {
			for (;;) {
				const response = await fetch(`${this.url}/webhook/${webhookPath}`, {
					method: 'OPTIONS',
					headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
				});
				await response.body?.cancel();
				if (response.status === 204) break;
				if (Date.now() > deadline) {
					throw new Error(`main does not serve the webhook /webhook/${webhookPath} ${Math.round(timeoutMs / 1000)} s after start (HTTP ${response.status})`);
				}
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		}
	}

	/** Starts main and the workers side by side and waits until each is ready. */
	async start(): Promise<void> {
		const started = Date.now();
		await Promise.all([this.startMain(), ...this.workerInstances.map((instance, index) => this.startWorker(instance, index))]);
		this.options.log(`  main and ${this.workerInstances.length} workers ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	}

	private n8n(name: string, instance: N8nInstance, args: string[], env: NodeJS.ProcessEnv): ManagedProcess {
		const { nodeBin, n8nBin } = this.options.runtime;
		return this.processes.start(name, nodeBin, [n8nBin, ...args], { env, cwd: instance.userFolder, logFile: instance.logFile });
	}

	private async startMain(): Promise<void> {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const env = await this.mainInstance.env({
			N8N_PORT: String(port),
			N8N_WEBHOOK_URL: `${url}/`,
			N8N_EDITOR_BASE_URL: `${url}/`,
		});
		const main = this.n8n('main', this.mainInstance, ['start'], env);
		this.main = { name: 'main', instance: this.mainInstance, process: main, url };
		const isDead = () => (main.exit ? `n8n main exited (code ${main.exit.code}); see ${main.logFile}` : undefined);
		await waitForHttpOk(`${url}/healthz`, { timeoutMs: START_TIMEOUT_MS, isDead });
		// n8n 2.x answers every path with a 200 "starting up" page until the REST API is mounted.
		await waitForHttpOk(`${url}/rest/settings`, { timeoutMs: START_TIMEOUT_MS, isDead, contentType: 'application/json' });
	}

	private async startWorker(instance: N8nInstance, index: number): Promise<void> {
		const name = `worker-${index + 1}`;
		const port = await freePort();
		const env = await instance.env({
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		const worker = this.n8n(name, instance, ['worker', `--concurrency=${this.options.concurrency}`], env);
		const url = `http://127.0.0.1:${port}`;
		this.workers[index] = { name, instance, process: worker, url };
		const isDead = () => (worker.exit ? `n8n ${name} exited (code ${worker.exit.code}); see ${worker.logFile}` : undefined);
		// Ready once its database and Redis connections are up and it takes jobs.
		await waitForHttpOk(`${url}/healthz/readiness`, { timeoutMs: START_TIMEOUT_MS, isDead });
	}

	get url(): string {
		if (!this.main) throw new Error('n8n main is not running');
		return this.main.url;
	}

	/** Kills a worker and what it started (its task runner) by process ID, as a machine that dies would. */
	killWorker(worker: N8nProcess): void {
		this.processes.kill(worker.process);
	}

	/**
	 * Which worker started each execution, from the workers' logs: n8n records no worker in its
	 * execution records, but each worker logs "Worker started execution <id> (job <id>)".
	 */
	workerOfExecutions(): Map<number, string> {
		return this.workerLogs().started;
	}

	/** The executions each worker logged as started, and those it logged as finished. */
	workerLogs(): { started: Map<number, string>; finished: Set<number> } {
		const started = new Map<number, string>();
		const finished = new Set<number>();
		for (const worker of this.workers) {
			const text = readFileSync(worker.instance.logFile, 'utf8');
			for (const match of text.matchAll(/Worker started execution (\d+) \(job/g)) started.set(Number(match[1]), worker.name);
			for (const match of text.matchAll(/Worker finished execution (\d+) \(job/g)) finished.add(Number(match[1]));
		}
		return { started, finished };
	}

	/**
	 * An execution as the single-process suite sees it from `n8n execute`: status and run data,
	 * decoded with n8n's own `flatted` (how n8n stores run data), from the cached n8n install.
	 */
	async runData(executionId: number): Promise<RunData | undefined> {
		const [record] = (await this.database.executions(executionId - 1)).filter((candidate) => candidate.id === executionId);
		const stored = await this.database.executionData(executionId);
		if (!record || stored === undefined) return undefined;
		const flatted = createRequire(this.options.runtime.n8nBin)('flatted') as { parse(text: string): unknown };
		return { finished: record.finished, status: record.status, data: flatted.parse(stored) as RunData['data'] };
	}

	/** Stops every process this cluster started, by process ID: n8n first, Redis last. */
	async stop(): Promise<void> {
		const n8n = [this.main, ...this.workers].filter((entry): entry is N8nProcess => entry !== undefined);
		await Promise.all(n8n.map((entry) => this.processes.stop(entry.process)));
		await this.processes.stopAll();
	}

	logFiles(): string[] {
		return [this.mainInstance, ...this.workerInstances].map((instance) => instance.logFile);
	}
}
