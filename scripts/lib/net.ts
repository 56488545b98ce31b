import { createServer } from 'node:net';

/** Asks the OS for a port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether nothing listens on 127.0.0.1:`port` right now. */
export function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** Polls `url` until it answers 200, the deadline passes, or `isDead` says the server process exited. */
export async function waitForHttpOk(
	url: string,
	{
		timeoutMs,
		isDead,
		contentType,
	}: { timeoutMs: number; isDead?: () => string | undefined; contentType?: string },
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let lastProblem = 'no answer yet';
	while (Date.now() < deadline) {
		const death = isDead?.();
		if (death) throw new Error(death);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			const type = response.headers.get('content-type') ?? '';
			await response.body?.cancel();
			if (response.status === 200 && (!contentType || type.includes(contentType))) return;
			lastProblem = `HTTP ${response.status} ${type}`;
		} catch (error) {
			lastProblem = (error as Error).message;
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${url} did not answer 200${contentType ? ` with ${contentType}` : ''} within ${Math.round(timeoutMs / 1000)} s (${lastProblem})`);
}
