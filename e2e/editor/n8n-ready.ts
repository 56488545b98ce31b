/**
 * Adapter for scripts/lib/n8n-instance.ts: its start() returns once /rest/settings answers 200,
 * but n8n 2.x answers every path with a 200 "n8n is starting up. Please wait" page while its
 * migrations run, so the REST API may not be there yet. This waits for the real settings JSON.
 */
export async function waitForN8nReady(baseUrl: string, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let lastSeen = 'no answer yet';
	while (Date.now() < deadline) {
		try {
			const response = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(2_000) });
			const body = await response.text();
			if (response.ok && (response.headers.get('content-type') ?? '').includes('application/json')) return;
			lastSeen = `HTTP ${response.status}: ${body.slice(0, 80)}`;
		} catch (error) {
			lastSeen = (error as Error).message;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n at ${baseUrl} did not serve its REST API within ${Math.round(timeoutMs / 1000)} s (${lastSeen})`);
}
