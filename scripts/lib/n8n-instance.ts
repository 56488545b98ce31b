/**
 * One n8n instance on this machine: a user folder, the packed package installed into it the way
 * n8n installs a community package, credentials and workflows imported with n8n's CLI, and
 * optionally a running `n8n start` bound to 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, waitForHttpOk } from './net';
import { run, runOrThrow, type RunResult } from './proc';
import type { N8nRuntime } from './runtime';

/** The flags n8n itself passes to `npm install` inside a community package's folder. */
const N8N_PACKAGE_INSTALL_FLAGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The parts of n8n's run data (IRun) the tooling reads. */
export interface RunData {
	finished?: boolean;
	status?: string;
	data: {
		resultData: {
			error?: { message: string; description?: string; node?: { name: string } };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					error?: { message: string; description?: string };
					data?: { main: Array<OutputItem[] | null> };
				}>
			>;
		};
	};
}

export interface ExecuteResult extends RunResult {
	/** n8n's run data, when it printed any (on success and on a failed execution alike). */
	run?: RunData;
}

export class N8nInstance {
	/** The n8n folder (N8N_USER_FOLDER/.n8n) that holds the database, config and community nodes. */
	readonly n8nFolder: string;

	readonly logFile: string;

	private server?: ChildProcess;

	private serverExit?: string;

	private port?: number;

	constructor(
		readonly runtime: N8nRuntime,
		readonly userFolder: string,
		/** Set for every command and server of this instance, over the defaults (queue mode, a shared database). */
		readonly extraEnv: Record<string, string> = {},
	) {
		this.n8nFolder = path.join(userFolder, '.n8n');
		this.logFile = path.join(userFolder, 'n8n.log');
	}

	/** Makes an empty user folder (deleting whatever was there when `fresh`). */
	static create(
		runtime: N8nRuntime,
		userFolder: string,
		{ fresh, env }: { fresh: boolean; env?: Record<string, string> },
	): N8nInstance {
		if (fresh) rmSync(userFolder, { recursive: true, force: true });
		mkdirSync(userFolder, { recursive: true });
		return new N8nInstance(runtime, userFolder, env);
	}

	get url(): string {
		if (!this.port) throw new Error('n8n is not running');
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * The tooling's own environment without what must not reach n8n or its npm: the lifecycle and
	 * config variables of the `npm run` that started the tooling, and any N8N_* of the caller's shell.
	 */
	private baseEnv(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = { ...process.env, PATH: this.runtime.pathEnv };
		for (const key of Object.keys(env)) {
			if (key.startsWith('npm_') || key.startsWith('N8N_') || key === 'NODE_OPTIONS') delete env[key];
		}
		return env;
	}

	/** The environment every n8n command of this instance runs with (also for n8n processes started elsewhere, such as workers). */
	async env(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		return {
			...this.baseEnv(),
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// This package is not on n8n's verified list; n8n 2.x will stop allowing such by default.
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_LOG_OUTPUT: 'console',
			GENERIC_TIMEZONE: 'UTC',
			// Every n8n process starts a task-runner broker; a fixed port would clash between instances.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			// n8n 1.x warns unless these are set; these are 2.x's defaults. Not DB_SQLITE_POOL_SIZE: with
			// a pool, 1.123's `n8n execute` often dies of SIGSEGV at exit after printing its result.
			...(this.runtime.flavour === 'v1'
				? {
						N8N_RUNNERS_ENABLED: 'true',
						N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
						N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
					}
				: {}),
			...this.extraEnv,
			...extra,
		};
	}

	private n8nArgs(args: string[]): [string, string[]] {
		return [this.runtime.nodeBin, [this.runtime.n8nBin, ...args]];
	}

	/** Runs one n8n CLI command against this user folder. */
	async cli(args: string[], { check = true, timeoutMs = 180_000 } = {}): Promise<RunResult> {
		const [command, commandArgs] = this.n8nArgs(args);
		const options = { env: await this.env(), logFile: this.logFile, timeoutMs, cwd: this.userFolder };
		return check ? runOrThrow(command, commandArgs, options) : run(command, commandArgs, options);
	}

	/**
	 * Installs a packed community package the way n8n's CommunityPackagesService does it: unpack
	 * into `<.n8n>/nodes/node_modules/<name>`, drop dev, peer and optional dependencies (n8n
	 * provides n8n-workflow itself), `npm install` inside that folder with n8n's flags, and record
	 * the package in `<.n8n>/nodes/package.json`. n8n loads every package in that folder at start.
	 */
	async installPackageTarball(tarball: string): Promise<{ name: string; version: string }> {
		const nodesFolder = path.join(this.n8nFolder, 'nodes');
		const nodesPackageJson = path.join(nodesFolder, 'package.json');
		mkdirSync(nodesFolder, { recursive: true });
		if (!existsSync(nodesPackageJson)) {
			writeFileSync(
				nodesPackageJson,
				JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
			);
		}
		const staging = path.join(nodesFolder, '.unpack');
		rmSync(staging, { recursive: true, force: true });
		mkdirSync(staging, { recursive: true });
		await runOrThrow('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
		const manifest = JSON.parse(readFileSync(path.join(staging, 'package.json'), 'utf8')) as Record<string, unknown>;
		const name = manifest.name as string;
		const version = manifest.version as string;
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		delete manifest.optionalDependencies;
		writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest, null, 2));

		const packageDir = path.join(nodesFolder, 'node_modules', name);
		rmSync(packageDir, { recursive: true, force: true });
		mkdirSync(path.dirname(packageDir), { recursive: true });
		renameSync(staging, packageDir);
		await runOrThrow('npm', ['install', ...N8N_PACKAGE_INSTALL_FLAGS, '--loglevel=error'], {
			cwd: packageDir,
			env: this.baseEnv(),
			logFile: this.logFile,
		});

		const installed = JSON.parse(readFileSync(nodesPackageJson, 'utf8')) as { dependencies: Record<string, string> };
		installed.dependencies[name] = version;
		writeFileSync(nodesPackageJson, JSON.stringify(installed, null, 2));
		return { name, version };
	}

	/** Imports credentials with `n8n import:credentials`; plain `data` is encrypted by n8n on import. */
	async importCredentials(credentials: CredentialToImport[]): Promise<void> {
		const file = path.join(this.userFolder, 'import-credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			rmSync(file, { force: true });
		}
	}

	/** Imports workflows (objects in n8n's export format, each with a stable `id`) with `n8n import:workflow`. */
	async importWorkflows(workflows: object[]): Promise<void> {
		const file = path.join(this.userFolder, 'import-workflows.json');
		writeFileSync(file, JSON.stringify(workflows, null, 2));
		try {
			await this.cli(['import:workflow', `--input=${file}`]);
		} finally {
			rmSync(file, { force: true });
		}
	}

	/**
	 * Makes a workflow's triggers live the next time n8n starts. n8n 2.x "publishes" a version;
	 * n8n 1.x sets the workflow active. Both only take effect at start, so call this before start().
	 */
	async activateWorkflow(id: string): Promise<void> {
		if (this.runtime.flavour === 'v2') await this.cli(['publish:workflow', `--id=${id}`]);
		else await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/** Runs a workflow headlessly with `n8n execute --id` and parses the run data it prints. */
	async execute(id: string, { timeoutMs = 180_000 } = {}): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { check: false, timeoutMs });
		return { ...result, run: parseRunData(result.stdout) };
	}

	/** Starts `n8n start` on 127.0.0.1 (a free port unless given) and waits until its REST API answers. */
	async start({ port, timeoutMs = 180_000 }: { port?: number; timeoutMs?: number } = {}): Promise<string> {
		this.port = port ?? (await freePort());
		const url = `http://127.0.0.1:${this.port}`;
		const env = await this.env({
			N8N_PORT: String(this.port),
			// n8n 2.x renamed WEBHOOK_URL and warns about the old name; 1.x knows only the old one.
			[this.runtime.flavour === 'v2' ? 'N8N_WEBHOOK_URL' : 'WEBHOOK_URL']: `${url}/`,
			N8N_EDITOR_BASE_URL: `${url}/`,
		});
		const [command, args] = this.n8nArgs(['start']);
		const log = createWriteStream(this.logFile, { flags: 'a' });
		log.write(`\n$ n8n start (port ${this.port})\n`);
		const server = spawn(command, args, { env, cwd: this.userFolder, stdio: ['ignore', 'pipe', 'pipe'] });
		this.server = server;
		this.serverExit = undefined;
		server.stdout?.pipe(log, { end: false });
		server.stderr?.pipe(log, { end: false });
		server.on('exit', (code, signal) => {
			this.serverExit = `n8n exited (code ${code}, signal ${signal}); see ${this.logFile}`;
			log.end();
		});
		// Never leave an n8n behind when the tooling itself exits, however it exits.
		process.once('exit', () => server.kill('SIGKILL'));
		const isDead = () => this.serverExit;
		await waitForHttpOk(`${url}/healthz`, { timeoutMs, isDead });
		// /healthz answers before the REST API is mounted, and while its migrations run n8n 2.x answers
		// every path, this one too, with a 200 "n8n is starting up" HTML page: wait for the settings JSON.
		await waitForHttpOk(`${url}/rest/settings`, { timeoutMs, isDead, contentType: 'application/json' });
		return url;
	}

	/** Stops the n8n server this instance started, if any. */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server || this.serverExit) return;
		const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
		server.kill('SIGTERM');
		const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
		this.server = undefined;
	}

	/**
	 * Makes sure the instance has an owner account, so the editor opens at a login page rather than
	 * the setup form. The account is kept in the user folder and reused on later runs. Returns
	 * undefined when an owner exists whose login we do not know (set up or changed in the editor).
	 */
	async ensureOwner(): Promise<OwnerAccount | undefined> {
		const ownerFile = path.join(this.userFolder, 'owner-login.json');
		if (existsSync(ownerFile)) {
			const saved = JSON.parse(readFileSync(ownerFile, 'utf8')) as OwnerAccount;
			if ((await this.login(saved)).ok) return saved;
		}
		const settings = (await (await fetch(`${this.url}/rest/settings`)).json()) as {
			data: { userManagement: { showSetupOnFirstLoad?: boolean } };
		};
		if (settings.data.userManagement.showSetupOnFirstLoad === false) return undefined;
		const owner: OwnerAccount = {
			email: 'owner@example.com',
			// n8n requires 8+ characters with a digit and an upper-case letter.
			password: `Fs-${randomBytes(6).toString('hex')}-N8n1`,
			firstName: 'Demo',
			lastName: 'Owner',
		};
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!response.ok) {
			throw new Error(`Owner setup failed: HTTP ${response.status} ${await response.text()}`);
		}
		writeFileSync(ownerFile, JSON.stringify(owner, null, 2), { mode: 0o600 });
		return owner;
	}

	/** Logs in through the REST API; returns the session cookie on success. */
	async login(owner: Pick<OwnerAccount, 'email' | 'password'>): Promise<{ ok: boolean; status: number; cookie?: string }> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			// n8n 1.x and 2.x both name the field emailOrLdapLoginId.
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		const cookie = response.headers.get('set-cookie')?.split(';')[0];
		return { ok: response.ok, status: response.status, cookie };
	}
}

/** n8n prints the run data as pretty JSON: a line "{" through a line "}". */
export function parseRunData(stdout: string): RunData | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as RunData;
		} catch {
			// keep looking for an earlier closing brace
		}
	}
	return undefined;
}

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

/** The items a node output on its first run, first output. */
export function nodeItems(runData: RunData | undefined, nodeName: string, output = 0): OutputItem[] {
	const nodeRun = runData?.data.resultData.runData[nodeName]?.[0];
	return nodeRun?.data?.main[output] ?? [];
}

/** The JSON of the items a node output on its first run, first output (or the one given). */
export function nodeOutput(runData: RunData | undefined, nodeName: string, output = 0): Array<Record<string, unknown>> {
	return nodeItems(runData, nodeName, output).map((item) => item.json);
}
