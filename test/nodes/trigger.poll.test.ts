// The trigger through n8n-core's PollContext against the simulator, whose clock the test moves:
// every change made between polls is emitted exactly once, across midnight, restarts and a day
// the filter cannot hold.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Behaviours } from '../../simulator';
import { SIMULATOR_SUPERVISOR_API_KEY } from '../../simulator';
import { activeTrigger, type ActiveTrigger } from '../harness/poll';
import { useSimulator } from './fixtures';
import { ALL_EVENTS, manualClock, sortedKeys, World, type ExpectedChange } from './trigger-world';

const clock = manualClock('2026-12-01T20:00:00Z');
const { sim, credentials, apiCalls } = useSimulator({ clock: clock.now, rateLimit: { enabled: false } });

const MINUTE = 60_000;

function changesIn(items: INodeExecutionData[]): ExpectedChange[] {
	return items.map((item) => ({ id: item.json.id as number, event: (item.json.change as IDataObject).event as ExpectedChange['event'] }));
}

async function pollOk(trigger: ActiveTrigger): Promise<INodeExecutionData[]> {
	const result = await trigger.poll();
	if (result.error) throw result.error;
	return result.items;
}

/** Some people before activation, then the baseline poll, which must emit nothing. */
async function activate(world: World, parameters: INodeParameters = { events: ALL_EVENTS }): Promise<ActiveTrigger> {
	for (let index = 0; index < 20; index++) await world.createRequester();
	for (let index = 0; index < 6; index++) await world.createAgent();
	world.expected.length = 0;
	clock.advance(MINUTE);
	const trigger = activeTrigger(credentials(), parameters);
	expect(await pollOk(trigger)).toEqual([]);
	return trigger;
}

/** `count` changes of mixed kinds, three to a second, each on a person not changed since the last poll. */
async function mixedChanges(world: World, count: number, seed: number): Promise<void> {
	const untouched = world.untouched();
	for (let index = 0; index < count; index++) {
		await world.change(seed + index, untouched);
		if (index % 3 === 2) clock.advance(1000);
	}
}

const LAGS: Array<Partial<Behaviours>> = [{ searchIndexLagMs: 0 }, { searchIndexLagMs: 2 * MINUTE }, { searchIndexLagMs: 10 * MINUTE }];

describe.each(LAGS)('trigger with %j', (behaviours) => {
	beforeEach(() => {
		clock.set('2026-12-01T20:00:00Z');
		sim().control.configure({ behaviours });
	});

	it('emits each of 200 mixed changes over 20 polls exactly once, across midnight and two restarts', async () => {
		const world = new World(sim());
		const trigger = await activate(world);
		const emitted: ExpectedChange[] = [];
		for (let poll = 1; poll <= 20; poll++) {
			await mixedChanges(world, 10, poll * 10);
			clock.advance(20 * MINUTE);
			if (poll === 7 || poll === 13) trigger.restart();
			emitted.push(...changesIn(await pollOk(trigger)));
		}
		expect(new Date(clock.now()).toISOString().slice(0, 10)).toBe('2026-12-02');
		expect(world.expected).toHaveLength(200);
		expect(new Set(world.expected.map((change) => change.event))).toEqual(new Set(ALL_EVENTS));
		expect(sortedKeys(emitted)).toEqual(sortedKeys(world.expected));
	});

	it('falls back to the listing on a day with 1,500 changes, and still emits each once', async () => {
		clock.set('2026-12-02T08:00:00Z');
		const world = new World(sim());
		const trigger = await activate(world);
		for (let index = 0; index < 1500; index++) {
			await world.createRequester();
			if (index % 7 === 0) clock.advance(1000);
		}
		await mixedChanges(world, 20, 3);
		clock.advance(20 * MINUTE);
		sim().control.clearLog();
		const emitted = changesIn(await pollOk(trigger));
		const { requesters, agents } = sim().control.state();
		const listingPages = Math.ceil((requesters.length + agents.length) / 100);
		const queried = apiCalls().filter((call) => call.query.query !== undefined);
		expect(queried).toHaveLength(40);
		expect(apiCalls()).toHaveLength(40 + listingPages);
		// Still the same day: straight to the listing, no filter pages spent.
		await mixedChanges(world, 20, 5);
		clock.advance(20 * MINUTE);
		sim().control.clearLog();
		emitted.push(...changesIn(await pollOk(trigger)));
		expect(apiCalls().filter((call) => call.query.query !== undefined)).toHaveLength(0);
		expect(apiCalls()).toHaveLength(listingPages);
		// The next day: the filter again.
		clock.set('2026-12-03T00:30:00Z');
		await mixedChanges(world, 10, 1);
		clock.advance(MINUTE);
		emitted.push(...changesIn(await pollOk(trigger)));
		clock.advance(20 * MINUTE);
		sim().control.clearLog();
		emitted.push(...changesIn(await pollOk(trigger)));
		expect(apiCalls()).toHaveLength(1);
		expect(world.expected).toHaveLength(1550);
		expect(sortedKeys(emitted)).toEqual(sortedKeys(world.expected));
	});
});

/**
 * What a trigger can see when deactivated users are hidden from what it reads: no deactivation,
 * no change to a deactivated user, and a reactivation looks like any other update.
 */
function seenWithoutInactive(expected: ExpectedChange[]): ExpectedChange[] {
	const inactive = new Set<number>();
	const seen: ExpectedChange[] = [];
	for (const change of expected) {
		if (change.event === 'deactivated') inactive.add(change.id);
		else if (change.event === 'reactivated') {
			inactive.delete(change.id);
			seen.push({ id: change.id, event: 'updated' });
		} else if (!inactive.has(change.id)) seen.push(change);
	}
	return seen;
}

describe('trigger where Freshservice hides deactivated users', () => {
	beforeEach(() => clock.set('2026-12-01T20:00:00Z'));

	async function twentyPolls(world: World, trigger: ActiveTrigger): Promise<ExpectedChange[]> {
		const emitted: ExpectedChange[] = [];
		for (let poll = 1; poll <= 20; poll++) {
			await mixedChanges(world, 10, poll * 10);
			clock.advance(20 * MINUTE);
			emitted.push(...changesIn(await pollOk(trigger)));
		}
		return emitted;
	}

	it('from its listing only: no difference, the filter still sees them (searchIncludesInactive on)', async () => {
		sim().control.configure({ behaviours: { unfilteredListIncludesInactive: false } });
		const world = new World(sim());
		const trigger = await activate(world);
		expect(sortedKeys(await twentyPolls(world, trigger))).toEqual(sortedKeys(world.expected));
	});

	it('from search: deactivations cannot be seen, reactivations arrive as updates, nothing twice', async () => {
		sim().control.configure({ behaviours: { searchIncludesInactive: false } });
		const world = new World(sim());
		const trigger = await activate(world);
		const emitted = await twentyPolls(world, trigger);
		expect(world.expected.filter((change) => change.event === 'deactivated').length).toBeGreaterThan(10);
		expect(sortedKeys(emitted)).toEqual(sortedKeys(seenWithoutInactive(world.expected)));
	});
});

describe('trigger', () => {
	beforeEach(() => clock.set('2026-12-01T10:00:00Z'));

	it('a quiet poll costs one request while the day holds fewer than 30 changes, a poll with a few changes too', async () => {
		const world = new World(sim());
		const trigger = await activate(world);
		clock.advance(10 * MINUTE);
		sim().control.clearLog();
		expect(await pollOk(trigger)).toEqual([]);
		expect(apiCalls()).toHaveLength(1);
		await mixedChanges(world, 2, 0);
		clock.advance(10 * MINUTE);
		sim().control.clearLog();
		expect(await pollOk(trigger)).toHaveLength(2);
		expect(apiCalls()).toHaveLength(1);
		clock.advance(10 * MINUTE);
		sim().control.clearLog();
		expect(await pollOk(trigger)).toEqual([]);
		expect(apiCalls()).toHaveLength(1);
	});

	it('sees a second change to the same person in the same second, after a poll read the first', async () => {
		const world = new World(sim());
		const trigger = await activate(world);
		const person = world.people.values().next().value!;
		await world.update(person);
		const first = changesIn(await pollOk(trigger));
		await world.update(person);
		const second = changesIn(await pollOk(trigger));
		expect([...first, ...second]).toEqual([
			{ id: person.id, event: 'updated' },
			{ id: person.id, event: 'updated' },
		]);
	});

	it('emits nothing that happened before activation, and only the chosen events', async () => {
		const world = new World(sim());
		const trigger = await activate(world, { events: ['agentCreated', 'deactivated'] });
		clock.advance(MINUTE);
		expect(await pollOk(trigger)).toEqual([]);
		const agent = await world.createAgent();
		await world.createRequester();
		const requester = [...world.people.values()].find((person) => !person.agent)!;
		await world.deactivate(requester);
		clock.advance(MINUTE);
		const items = await pollOk(trigger);
		expect(sortedKeys(changesIn(items))).toEqual(sortedKeys([
			{ id: agent, event: 'agentCreated' },
			{ id: requester.id, event: 'deactivated' },
		]));
		const deactivation = items.find((item) => item.json.id === requester.id)!;
		expect(deactivation.json.change).toEqual({ event: 'deactivated', previous: { active: true } });
		expect(items.find((item) => item.json.id === agent)!.json.primary_email).toMatch(/@trigger\.example$/);
	});

	it('loses nothing when n8n restarts after quiet polls whose state it never saved', async () => {
		clock.set('2026-12-01T23:00:00Z');
		const world = new World(sim());
		const trigger = await activate(world);
		await mixedChanges(world, 5, 0);
		clock.advance(MINUTE);
		const emitted = changesIn(await pollOk(trigger));
		const saved = trigger.persisted();
		for (let quiet = 0; quiet < 6; quiet++) {
			clock.advance(20 * MINUTE);
			expect(await pollOk(trigger)).toEqual([]);
		}
		// The quiet polls moved the day on in memory only.
		expect(trigger.live()).not.toEqual(saved);
		expect(trigger.persisted()).toEqual(saved);
		trigger.restart();
		await mixedChanges(world, 7, 2);
		clock.advance(MINUTE);
		emitted.push(...changesIn(await pollOk(trigger)));
		expect(sortedKeys(emitted)).toEqual(sortedKeys(world.expected));
	});

	it('a manual run returns the latest record that fits the chosen events and keeps no state', async () => {
		const world = new World(sim());
		await activate(world);
		const newestAgent = await world.createAgent();
		await world.createRequester();
		const manual = activeTrigger(credentials(), { events: ['agentCreated'] }, 'manual');
		const result = await manual.poll();
		expect(result.error).toBeUndefined();
		expect(changesIn(result.items)).toEqual([{ id: newestAgent, event: 'agentCreated' }]);
		expect(manual.live()).toEqual({});
	});

	it('a poll that fails keeps the state it started from: the next one emits what it missed, once', async () => {
		const world = new World(sim());
		const trigger = await activate(world);
		await mixedChanges(world, 6, 0);
		clock.advance(MINUTE);
		// A transient 503 is retried by the transport (within its time budget); an answer it does not retry fails the poll.
		sim().control.injectFaults({ kind: 'status', status: 503, pathPattern: '/api/v2/requesters', times: 1 });
		const retried = changesIn(await pollOk(trigger));
		await mixedChanges(world, 6, 3);
		clock.advance(MINUTE);
		const before = trigger.live();
		sim().control.injectFaults({ kind: 'status', status: 400, pathPattern: '/api/v2/requesters', times: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/while trying to look for changed users/);
		expect(JSON.stringify(failed.error)).not.toContain(sim().apiKey);
		expect(trigger.live()).toEqual(before);
		const next = changesIn(await pollOk(trigger));
		expect(sortedKeys([...retried, ...next])).toEqual(sortedKeys(world.expected));
	});

	it('fails clearly, before any baseline, when the key may not read agents with requesters', async () => {
		sim().control.configure({ behaviours: { includeAgentsNeedsManageAgents: true } });
		const trigger = activeTrigger({ ...credentials(), apiKey: SIMULATOR_SUPERVISOR_API_KEY }, { events: ALL_EVENTS });
		const result = await trigger.poll();
		expect(result.error?.message).toBe('The API key may not read agents together with requesters, which the trigger needs');
		expect((result.error as { description?: string }).description).toMatch(/admin agent's API key.*"Manage Agents"/);
		expect(trigger.live()).toEqual({ 'node:Freshservice Provisioning Trigger': {} });
	});

	it('refuses to poll with no event chosen, naming the parameter', async () => {
		const trigger = activeTrigger(credentials(), { events: [] });
		const result = await trigger.poll();
		expect(result.error?.message).toBe("Choose at least one event in 'Events'");
		expect(apiCalls()).toHaveLength(0);
	});
});
