/** A throwaway Redis for n8n's queue: Debian's redis-server on a free loopback port, no persistence. */
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort } from '../../scripts/lib/net';
import { run, runOrThrow } from '../../scripts/lib/proc';
import type { ManagedProcess, ProcessSet } from './processes';

async function hasCommand(name: string): Promise<boolean> {
	return (await run('sh', ['-c', `command -v ${name}`])).code === 0;
}

/** Installs Debian's redis-server when the machine lacks it, as the e2e suite installs Chromium. */
export async function ensureRedisServer(log: (line: string) => void): Promise<void> {
	if (await hasCommand('redis-server')) return;
	log('Installing redis-server from Debian packages (apt-get)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = ['install', '-y', '-qq', 'redis-server'];
	if ((await run('apt-get', install, { env })).code !== 0) {
		await runOrThrow('apt-get', ['update', '-qq'], { env });
		await runOrThrow('apt-get', install, { env });
	}
}

/** Whether a Redis answers PING on 127.0.0.1:port. */
function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}

export interface RunningRedis {
	port: number;
	process: ManagedProcess;
}

export async function startRedis(processes: ProcessSet, dir: string): Promise<RunningRedis> {
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'];
	const redis = processes.start('redis', 'redis-server', args, { env: process.env, cwd: dir, logFile: path.join(dir, 'redis.log') });
	const deadline = Date.now() + 15_000;
	while (!(await ping(port))) {
		if (redis.exit) throw new Error(`redis-server exited (code ${redis.exit.code}); see ${redis.logFile}`);
		if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port} within 15 s; see ${redis.logFile}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { port, process: redis };
}
