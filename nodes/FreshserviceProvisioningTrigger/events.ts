import type { INodeProperties } from 'n8n-workflow';

import type { UserEvent, UserRecordLike } from '../FreshserviceProvisioning/provisioning/changes';

export const EVENT_OPTIONS: Array<{ name: string; value: UserEvent; description: string }> = [
	{ name: 'Agent Created', value: 'agentCreated', description: 'A new agent appears' },
	{ name: 'Became Agent', value: 'becameAgent', description: 'A requester was converted to an agent' },
	{ name: 'Became Requester', value: 'becameRequester', description: 'An agent was converted to a requester' },
	{ name: 'Deactivated', value: 'deactivated', description: 'A requester or agent was deactivated' },
	{ name: 'Reactivated', value: 'reactivated', description: 'A deactivated requester or agent was reactivated' },
	{ name: 'Requester Created', value: 'requesterCreated', description: 'A new requester appears' },
	{
		name: 'Updated',
		value: 'updated',
		description: 'Any other change to a requester or agent (name, email, department, manager, custom fields...)',
	},
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: EVENT_OPTIONS,
		default: ['requesterCreated', 'agentCreated'],
		description: 'Which changes to people in Freshservice start the workflow. Each change arrives once, as the user record plus a "change" object.',
	},
	{
		displayName:
			'Freshservice has no webhooks for users: this trigger asks its filter API for the users updated today on every poll (one request on a quiet day). The first poll after activation only remembers where things stand.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
];

/** Which records could illustrate an event, for a manual run's sample. */
const SAMPLE_FITS: Record<UserEvent, (record: UserRecordLike) => boolean> = {
	requesterCreated: (record) => record.is_agent !== true,
	agentCreated: (record) => record.is_agent === true,
	updated: () => true,
	deactivated: (record) => record.active === false,
	reactivated: (record) => record.active !== false,
	becameAgent: (record) => record.is_agent === true,
	becameRequester: (record) => record.is_agent !== true,
};

const newest = (record: UserRecordLike, event: UserEvent): number =>
	Date.parse(String(event.endsWith('Created') ? record.created_at : record.updated_at)) || 0;

/** The latest record that fits one of the chosen events, for the user to map fields from. */
export function pickSample(records: UserRecordLike[], events: UserEvent[]): { record: UserRecordLike; event: UserEvent } | undefined {
	let best: { record: UserRecordLike; event: UserEvent; at: number } | undefined;
	for (const record of records) {
		for (const event of events) {
			if (!SAMPLE_FITS[event](record)) continue;
			const at = newest(record, event);
			if (!best || at > best.at) best = { record, event, at };
		}
	}
	return best && { record: best.record, event: best.event };
}
