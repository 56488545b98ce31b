// People changing in the simulator, through its API, each change noted with the event the trigger
// should emit for it: the expected side of the trigger's tests.
import type { AxiosInstance } from 'axios';
import axios from 'axios';

import type { UserEvent } from '../../nodes/FreshserviceProvisioning/provisioning/changes';
import type { RunningSimulator } from '../../simulator';

export interface Person {
	id: number;
	active: boolean;
	agent: boolean;
}

export interface ExpectedChange {
	id: number;
	event: UserEvent;
}

export const ALL_EVENTS: UserEvent[] = [
	'requesterCreated',
	'agentCreated',
	'updated',
	'deactivated',
	'reactivated',
	'becameAgent',
	'becameRequester',
];

/** A clock the simulator reads; it moves only when the test moves it. */
export function manualClock(startIso: string): { now: () => number; advance: (ms: number) => void; set: (iso: string) => void } {
	let now = Date.parse(startIso);
	return {
		now: () => now,
		advance: (ms) => {
			now += ms;
		},
		set: (iso) => {
			now = Date.parse(iso);
		},
	};
}

export class World {
	readonly people = new Map<number, Person>();
	readonly expected: ExpectedChange[] = [];
	private readonly api: AxiosInstance;
	private counter = 0;
	private readonly roleId: number;

	constructor(sim: RunningSimulator) {
		this.api = axios.create({ baseURL: sim.apiBaseUrl, auth: { username: sim.apiKey, password: 'X' }, validateStatus: () => true });
		const role = sim.control.state().roles.find((candidate) => candidate.name === 'SD Agent');
		if (!role) throw new Error('SD Agent role missing');
		this.roleId = role.id;
	}

	private async send(method: 'post' | 'put' | 'delete', path: string, body?: unknown): Promise<Record<string, { id: number }>> {
		const response = await this.api.request({ method, url: path, data: body });
		if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.data)}`);
		return response.data as Record<string, { id: number }>;
	}

	private note(id: number, event: UserEvent): void {
		this.expected.push({ id, event });
	}

	async createRequester(): Promise<number> {
		const n = ++this.counter;
		const body = await this.send('post', '/requesters', { first_name: `Req${n}`, last_name: 'Test', primary_email: `req${n}@trigger.example` });
		this.people.set(body.requester.id, { id: body.requester.id, active: true, agent: false });
		this.note(body.requester.id, 'requesterCreated');
		return body.requester.id;
	}

	async createAgent(): Promise<number> {
		const n = ++this.counter;
		const body = await this.send('post', '/agents', {
			first_name: `Agent${n}`,
			email: `agent${n}@trigger.example`,
			roles: [{ role_id: this.roleId, assignment_scope: 'entire_helpdesk' }],
		});
		this.people.set(body.agent.id, { id: body.agent.id, active: true, agent: true });
		this.note(body.agent.id, 'agentCreated');
		return body.agent.id;
	}

	async update(person: Person): Promise<void> {
		await this.send('put', `/${person.agent ? 'agents' : 'requesters'}/${person.id}`, { job_title: `Title ${++this.counter}` });
		this.note(person.id, 'updated');
	}

	async deactivate(person: Person): Promise<void> {
		await this.send('delete', `/${person.agent ? 'agents' : 'requesters'}/${person.id}`);
		person.active = false;
		this.note(person.id, 'deactivated');
	}

	async reactivate(person: Person): Promise<void> {
		await this.send('put', `/${person.agent ? 'agents' : 'requesters'}/${person.id}/reactivate`);
		person.active = true;
		this.note(person.id, 'reactivated');
	}

	async convert(person: Person): Promise<void> {
		await this.send('put', person.agent ? `/agents/${person.id}/convert_to_requester` : `/requesters/${person.id}/convert_to_agent`);
		person.agent = !person.agent;
		this.note(person.id, person.agent ? 'becameAgent' : 'becameRequester');
	}

	/** One change of the given kind (cycling through all kinds), on a person not yet changed in this interval. */
	async change(kind: number, untouched: Set<number>): Promise<void> {
		const pick = (fits: (person: Person) => boolean): Person | undefined => {
			for (const person of this.people.values()) {
				if (untouched.has(person.id) && fits(person)) {
					untouched.delete(person.id);
					return person;
				}
			}
			return undefined;
		};
		switch (kind % 7) {
			case 0:
				return void (await this.createRequester());
			case 1:
				return void (await this.createAgent());
			case 2: {
				const person = pick(() => true);
				return person ? await this.update(person) : void (await this.createRequester());
			}
			case 3: {
				const person = pick((candidate) => candidate.active);
				return person ? await this.deactivate(person) : void (await this.createRequester());
			}
			case 4: {
				const person = pick((candidate) => !candidate.active);
				return person ? await this.reactivate(person) : void (await this.createAgent());
			}
			case 5: {
				const person = pick((candidate) => candidate.active && !candidate.agent);
				return person ? await this.convert(person) : void (await this.createRequester());
			}
			default: {
				const person = pick((candidate) => candidate.active && candidate.agent);
				return person ? await this.convert(person) : void (await this.createAgent());
			}
		}
	}

	/** Everyone the test made, for picking people to change in the next interval. */
	untouched(): Set<number> {
		return new Set(this.people.keys());
	}
}

export const key = (change: ExpectedChange): string => `${change.id}:${change.event}`;
export const sortedKeys = (changes: ExpectedChange[]): string[] => changes.map(key).sort();
