/**
 * The long-running processes this suite starts (Redis, n8n main, n8n workers), each in its own
 * process group so that stopping one also stops what it started (n8n's task runner), and so that
 * a worker can be killed the way a machine dies. Everything is stopped by process ID, also when
 * the suite fails or is interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';

export interface ManagedProcess {
	name: string;
	pid: number;
	logFile: string;
	/** Set once the process has exited. */
	exit?: { code: number | null; signal: NodeJS.Signals | null };
	/** Resolves when the process has exited. */
	exited: Promise<void>;
	child: ChildProcess;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		// A negative pid addresses the process group this suite created for the process.
		process.kill(-pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

export class ProcessSet {
	private readonly running = new Map<number, ManagedProcess>();

	constructor() {
		// Never leave a process behind, however the suite ends.
		process.once('exit', () => this.killAllNow());
	}

	/** Starts a command in a new process group, its output appended to logFile. */
	start(
		name: string,
		command: string,
		args: string[],
		options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string; uid?: number; gid?: number },
	): ManagedProcess {
		const fd = openSync(options.logFile, 'a');
		writeSync(fd, `\n$ ${command} ${args.join(' ')}\n`);
		let child: ChildProcess;
		try {
			child = spawn(command, args, {
				env: options.env,
				cwd: options.cwd,
				detached: true,
				stdio: ['ignore', fd, fd],
				uid: options.uid,
				gid: options.gid,
			});
		} finally {
			closeSync(fd);
		}
		if (child.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
		let markExited: () => void = () => undefined;
		const managed: ManagedProcess = {
			name,
			pid: child.pid,
			logFile: options.logFile,
			child,
			exited: new Promise<void>((resolve) => {
				markExited = resolve;
			}),
		};
		child.on('exit', (code, signal) => {
			managed.exit = { code, signal };
			this.running.delete(managed.pid);
			// The group may still hold children of the process (a task runner): end them too.
			signalGroup(managed.pid, 'SIGKILL');
			markExited();
		});
		child.on('error', () => {
			managed.exit = managed.exit ?? { code: null, signal: null };
			this.running.delete(managed.pid);
			markExited();
		});
		this.running.set(managed.pid, managed);
		return managed;
	}

	/** Kills a process group at once, as a machine that dies would. */
	kill(managed: ManagedProcess): void {
		signalGroup(managed.pid, 'SIGKILL');
	}

	/** Asks a process to stop (SIGTERM to its group), and kills it after graceMs. */
	async stop(managed: ManagedProcess, graceMs = 15_000): Promise<void> {
		if (managed.exit) return;
		signalGroup(managed.pid, 'SIGTERM');
		const timer = setTimeout(() => signalGroup(managed.pid, 'SIGKILL'), graceMs);
		await managed.exited;
		clearTimeout(timer);
	}

	/** Stops every process still running, the most recently started first. */
	async stopAll(graceMs = 15_000): Promise<void> {
		const all = [...this.running.values()].reverse();
		await Promise.all(all.map((managed) => this.stop(managed, graceMs)));
	}

	killAllNow(): void {
		for (const managed of this.running.values()) signalGroup(managed.pid, 'SIGKILL');
	}
}
