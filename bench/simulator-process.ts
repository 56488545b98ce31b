/**
 * The simulator in a child process of its own, driven through its HTTP control interface, so that
 * the CPU time the benchmark measures is the client's alone (the node's, or the bare loop's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { LogEntry, SimulatorConfigUpdate, SimulatorState } from '../simulator';

export const ROOT = join(__dirname, '..');
/** Runs a TypeScript file with tsx's CommonJS hook, as `npm run bench` itself is run. */
export const TSX_REQUIRE = ['-r', require.resolve('tsx/cjs')];

export class SimulatorProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly apiBaseUrl: string,
		readonly apiKey: string,
	) {}

	static async start(): Promise<SimulatorProcess> {
		const child = spawn(process.execPath, [...TSX_REQUIRE, join(ROOT, 'simulator/cli.ts'), '--port', '0'], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const found = await new Promise<{ url: string; key: string }>((resolve, reject) => {
			let output = '';
			child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before it was ready:\n${output}`)));
			child.stdout!.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const url = /API base URL:\s+(\S+)/.exec(output)?.[1];
				const key = /API key:\s+(\S+)/.exec(output)?.[1];
				if (url && key) resolve({ url, key });
			});
		});
		child.removeAllListeners('exit');
		return new SimulatorProcess(child, found.url, found.key);
	}

	private get controlUrl(): string {
		return this.apiBaseUrl.replace(/\/api\/v2$/, '/_simulator');
	}

	private async control<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.controlUrl}${path}`, {
			method,
			headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status} ${text}`);
		return (text === '' ? undefined : JSON.parse(text)) as T;
	}

	/** Back to the base tenant, rate limit off, no faults, empty log. */
	async reset(config: SimulatorConfigUpdate = {}): Promise<void> {
		await this.control('POST', '/reset');
		await this.control('PUT', '/config', { rateLimit: { enabled: false }, ...config });
	}

	async configure(config: SimulatorConfigUpdate): Promise<void> {
		await this.control('PUT', '/config', config);
	}

	async seed(requesters: number, randomSeed = 1): Promise<void> {
		await this.control('POST', '/seed', { requesters, randomSeed });
	}

	/** Everything the tenant holds (users as the API shows them). */
	async state(): Promise<SimulatorState> {
		return await this.control<SimulatorState>('GET', '/state');
	}

	async log(): Promise<LogEntry[]> {
		return await this.control<LogEntry[]>('GET', '/log');
	}

	async clearLog(): Promise<void> {
		await this.control('DELETE', '/log');
	}

	/** API calls since the log was last cleared. */
	async apiCalls(): Promise<LogEntry[]> {
		return (await this.log()).filter((entry) => entry.path.startsWith('/api/v2/'));
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			this.child.once('exit', () => resolve());
			this.child.kill('SIGTERM');
		});
	}
}
