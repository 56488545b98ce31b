/** A stand-in for the HR system the leavers example polls: GET /roster answers the roster set last. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RosterServer {
	url: string;
	setRoster(people: object[]): void;
	close(): Promise<void>;
}

export async function startRosterServer(): Promise<RosterServer> {
	let roster: object[] = [];
	const server: Server = createServer((request, response) => {
		if (request.method === 'GET' && request.url?.startsWith('/roster')) {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(roster));
			return;
		}
		response.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/roster`,
		setRoster: (people) => {
			roster = people;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
