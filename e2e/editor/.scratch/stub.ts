import { createServer } from 'node:http';
export async function startStub(): Promise<{ apiBaseUrl: string; apiKey: string }> {
	const depts = ['Engineering', 'Sales', 'Finance', 'IT'].map((name, i) => ({ id: 1000 + i, name }));
	const people = [['Grace', 'Hopper'], ['Linus', 'Berg'], ['Ada', 'Lovelace'], ['Priya', 'Natarajan']].map(([f, l], i) => ({ id: 2000 + i, first_name: f, last_name: l, primary_email: `${f}.${l}@demo.example`.toLowerCase(), active: true }));
	const server = createServer((req, res) => {
		const auth = Buffer.from((req.headers.authorization ?? '').replace('Basic ', ''), 'base64').toString();
		const send = (code: number, body: unknown) => { res.writeHead(code, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
		if (!auth.startsWith('goodkey:')) return send(401, { code: 'access_denied', message: 'You are not authorized' });
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname.endsWith('/agents/me')) return send(200, { agent: { id: 1 } });
		if (url.pathname.endsWith('/departments')) return send(200, { departments: depts });
		if (url.pathname.endsWith('/requesters')) {
			const q = url.searchParams.get('query') ?? '';
			const term = /'([^']*)'/.exec(q)?.[1]?.toLowerCase() ?? '';
			return send(200, { requesters: people.filter((p) => !term || p.first_name.toLowerCase().startsWith(term) || p.last_name.toLowerCase().startsWith(term)) });
		}
		send(404, { message: 'nope' });
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.address() as { port: number }).port;
	return { apiBaseUrl: `http://127.0.0.1:${port}/api/v2`, apiKey: 'goodkey' };
}
