import { spawn, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface RunResult {
	code: number | null;
	/** The signal that ended the command, if one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions extends SpawnOptions {
	/** Append everything the command prints to this file (installs are long; the log explains a failure). */
	logFile?: string;
	/** Print the command's output live as well as capturing it. */
	echo?: boolean;
	/** Kill the command after this many milliseconds. */
	timeoutMs?: number;
	input?: string;
}

/** Runs a command to completion and captures its output; never throws for a non-zero exit. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const { logFile, echo, timeoutMs, input, ...spawnOptions } = options;
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
		const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
		log?.write(`\n$ ${command} ${args.join(' ')}\n`);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			log?.write(chunk);
			if (echo) process.stdout.write(chunk);
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			log?.write(chunk);
			if (echo) process.stderr.write(chunk);
		});
		const timer = timeoutMs
			? setTimeout(() => {
					stderr += `\n[killed after ${timeoutMs} ms]`;
					child.kill('SIGKILL');
				}, timeoutMs)
			: undefined;
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			log?.end();
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			log?.end();
			resolve({ code, signal, stdout, stderr });
		});
		if (input !== undefined) child.stdin?.end(input);
		else child.stdin?.end();
	});
}

/** Like run(), but throws with the command's tail output when it fails. */
export async function runOrThrow(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = (result.stderr || result.stdout).trim().split('\n').slice(-25).join('\n');
		const where = options.logFile ? ` (full log: ${options.logFile})` : '';
		const how = result.signal ? `was ended by ${result.signal}` : `exited with ${result.code}`;
		throw new Error(`\`${command} ${args.join(' ')}\` ${how}${where}\n${tail}`);
	}
	return result;
}
