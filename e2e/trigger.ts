/**
 * The trigger in real n8n: the "Agent created → notify" example, activated, polling the simulator
 * every minute while people change there; an HTTP Request node after the example's sink reports
 * each item to a local collector. Each new agent must arrive exactly once, and nothing else.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RunningSimulator } from '../simulator';
import { loadExample, type Workflow } from '../scripts/lib/examples';
import type { N8nInstance } from '../scripts/lib/n8n-instance';
import { ensure } from './cases';

export const TRIGGER_EXAMPLE = 'agent-created-notify.json';
const SINK = 'Notify (replace with Slack, Teams or email)';
const COLLECT = 'Collect (e2e)';
/** A poll comes every minute; n8n may take a while to start the workflow after it. */
const POLL_WAIT_MS = 150_000;

interface Collector {
	url: string;
	received: Array<{ id: number; event: string }>;
	close(): Promise<void>;
}

async function startCollector(): Promise<Collector> {
	const received: Collector['received'] = [];
	const server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		request.on('end', () => {
			try {
				received.push(JSON.parse(body) as { id: number; event: string });
			} catch {
				received.push({ id: -1, event: `unreadable: ${body.slice(0, 200)}` });
			}
			response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/collect`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The example, active, with its sink's items posted to the collector. */
export function activatedVariant(collectorUrl: string): Workflow {
	const workflow = loadExample(TRIGGER_EXAMPLE);
	workflow.id = 'e2eTriggerAgent01';
	workflow.name = `${workflow.name} (e2e, activated)`;
	workflow.nodes.push({
		id: 'e2e-collect',
		name: COLLECT,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [520, 0],
		parameters: {
			method: 'POST',
			url: collectorUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ id: $json.id, event: $json.change.event }) }}',
			options: {},
		},
	});
	workflow.connections[SINK] = { main: [[{ node: COLLECT, type: 'main', index: 0 }]] };
	return workflow;
}

const filterPolls = (simulator: RunningSimulator) =>
	simulator.control.log().filter((entry) => entry.path === '/api/v2/requesters' && entry.query.query !== undefined).length;
const listings = (simulator: RunningSimulator) =>
	simulator.control.log().filter((entry) => entry.path === '/api/v2/requesters' && entry.query.query === undefined).length;

async function waitFor(what: string, done: () => boolean, timeoutMs = POLL_WAIT_MS): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

async function api(simulator: RunningSimulator, method: string, path: string, body?: object): Promise<Record<string, { id: number }>> {
	const response = await fetch(`${simulator.apiBaseUrl}${path}`, {
		method,
		headers: {
			authorization: `Basic ${Buffer.from(`${simulator.apiKey}:X`).toString('base64')}`,
			'content-type': 'application/json',
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
	return (response.status === 204 ? {} : await response.json()) as Record<string, { id: number }>;
}

/** Activates the example, changes people between polls, and checks what reached the sink. */
export async function runTriggerCheck(instance: N8nInstance, simulator: RunningSimulator, log: (line: string) => void): Promise<void> {
	const collector = await startCollector();
	simulator.control.reset();
	const role = simulator.control.state().roles.find((candidate) => candidate.name === 'SD Agent');
	if (!role) throw new Error('the simulator has no "SD Agent" role');
	const newAgent = async (name: string) =>
		(await api(simulator, 'POST', '/agents', { first_name: name, email: `${name.toLowerCase()}@trigger.example`, roles: [{ role_id: role.id, assignment_scope: 'entire_helpdesk' }] })).agent.id;
	try {
		const workflow = activatedVariant(collector.url);
		await instance.importWorkflows([workflow]);
		await instance.activateWorkflow(workflow.id);
		await instance.start();
		await waitFor('the baseline poll (a listing of users)', () => listings(simulator) > 0);
		log('baseline taken');
		const expected: number[] = [];
		// Round 1: two agents, a requester, a deactivation; round 2: one more agent, a conversion.
		expected.push(await newAgent('Ingrid'), await newAgent('Tomas'));
		const requester = (await api(simulator, 'POST', '/requesters', { first_name: 'Rosa', primary_email: 'rosa@trigger.example' })).requester.id;
		await api(simulator, 'DELETE', `/requesters/${requester}`);
		let polls = filterPolls(simulator);
		await waitFor('the first round to arrive', () => collector.received.length >= 2 && filterPolls(simulator) > polls);
		log(`round 1: ${collector.received.length} item(s)`);
		expected.push(await newAgent('Kwame'));
		// A requester who was there before becomes an agent: Became Agent, not chosen here. (One
		// created and converted between two polls would be a new agent, rightly.)
		const existing = simulator.control.state().requesters.find((candidate) => candidate.active && candidate.primary_email);
		if (!existing) throw new Error('the demo tenant has no active requester with an email');
		await api(simulator, 'PUT', `/requesters/${existing.id}/convert_to_agent`);
		polls = filterPolls(simulator);
		await waitFor('the second round to arrive', () => collector.received.length >= 3 && filterPolls(simulator) > polls);
		// One more poll, quiet: nothing may arrive twice.
		polls = filterPolls(simulator);
		await waitFor('one more poll', () => filterPolls(simulator) > polls);
		await new Promise((resolve) => setTimeout(resolve, 5000));
		log(`after a quiet poll: ${collector.received.length} item(s)`);
		const got = collector.received.map((item) => `${item.id}:${item.event}`).sort();
		const want = expected.map((id) => `${id}:agentCreated`).sort();
		ensure(JSON.stringify(got) === JSON.stringify(want), `the sink received ${JSON.stringify(got)}, expected each new agent once: ${JSON.stringify(want)}`);
	} finally {
		await instance.stop().catch((error: Error) => log(`could not stop n8n: ${error.message}`));
		await collector.close();
	}
}
