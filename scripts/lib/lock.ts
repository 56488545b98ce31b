import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** When the lock directory was made; a directory that vanished counts as brand new. */
function lockAgeBase(lockDir: string): number {
	try {
		return statSync(lockDir).mtimeMs;
	} catch {
		return Date.now();
	}
}

/**
 * Runs `task` while holding a lock directory, so two runs never install into the same cache at
 * once. A lock left by a process that no longer exists is taken over.
 */
export async function withLock<T>(lockDir: string, log: (line: string) => void, task: () => Promise<T>): Promise<T> {
	const ownerFile = path.join(lockDir, 'owner');
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(ownerFile, String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let owner = NaN;
			try {
				owner = Number.parseInt(readFileSync(ownerFile, 'utf8'), 10);
			} catch {
				// The owner has made the directory but not yet written its pid.
			}
			const ownerless = Number.isNaN(owner) && Date.now() - lockAgeBase(lockDir) > 10_000;
			if (ownerless || (Number.isInteger(owner) && owner > 0 && !isAlive(owner))) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`Waiting for another run (pid ${owner || '?'}) to finish installing (${lockDir})`);
				announced = true;
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
	try {
		return await task();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
