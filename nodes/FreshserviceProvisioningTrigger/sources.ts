// Where the trigger finds changes. Each source keeps its own state under its key in the node's
// static data. Users are the only source today; onboarding and offboarding requests (their
// status changes) are meant to be a second source here, once the node has those resources.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { UserEvent, UserSnapshot } from '../FreshserviceProvisioning/provisioning/changes';
import { detectChanges, takeBaseline, utcDay } from '../FreshserviceProvisioning/provisioning/changes';
import type { UserBatch } from '../FreshserviceProvisioning/transport/changeFeed';
import { readAllUsers, readUsersUpdatedSince } from '../FreshserviceProvisioning/transport/changeFeed';
import type { FreshserviceSession } from '../FreshserviceProvisioning/transport/session';
import { pickSample } from './events';

export interface ChangeSource {
	/** Its key in the node's static data. */
	key: string;
	/** One poll: the items to emit and the state to keep (the first poll only takes a baseline). */
	poll(session: FreshserviceSession, events: UserEvent[], state: unknown): Promise<{ items: INodeExecutionData[]; state: IDataObject }>;
	/** A manual run: the latest record that fits the chosen events, emitted nowhere. */
	sample(session: FreshserviceSession, events: UserEvent[]): Promise<INodeExecutionData[]>;
}

/** How far back a manual run looks for a sample. */
const SAMPLE_DAYS = 30;

const isSnapshot = (state: unknown): state is UserSnapshot => (state as UserSnapshot | undefined)?.version === 1;

export const userChanges: ChangeSource = {
	key: 'users',
	async poll(session, events, state) {
		if (!isSnapshot(state)) {
			const everyone = await readAllUsers(session);
			return { items: [], state: takeBaseline(everyone.records, everyone.serverNow) as unknown as IDataObject };
		}
		// More changes since that day than the filter returns (1,200): read the whole listing
		// instead, and go straight to it while the day stays the same.
		let overflow = state.overflowDay === state.day;
		let batch: UserBatch | undefined;
		if (!overflow) {
			batch = await readUsersUpdatedSince(session, state.day);
			overflow = !batch.complete;
		}
		if (overflow || !batch) batch = await readAllUsers(session);
		const { changes, snapshot } = detectChanges(state, batch.records, batch.serverNow);
		if (overflow) snapshot.overflowDay = state.day;
		const items = changes
			.filter(({ change }) => events.includes(change.event))
			.map(({ record, change }) => ({ json: { ...record, change } as IDataObject }));
		return { items, state: snapshot as unknown as IDataObject };
	},
	async sample(session, events) {
		const since = utcDay(Date.now() - SAMPLE_DAYS * 86_400_000);
		const { records } = await readUsersUpdatedSince(session, since, 1);
		const found = pickSample(records, events);
		if (!found) return [];
		return [{ json: { ...found.record, change: { event: found.event, previous: {} } } as IDataObject }];
	},
};

export const CHANGE_SOURCES: ChangeSource[] = [userChanges];
