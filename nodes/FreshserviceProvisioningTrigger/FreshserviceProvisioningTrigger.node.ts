import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { UserEvent } from '../FreshserviceProvisioning/provisioning/changes';
import { createSession } from '../FreshserviceProvisioning/transport/session';
import { triggerProperties } from './events';
import type { ChangeSource } from './sources';
import { CHANGE_SOURCES } from './sources';

export class FreshserviceProvisioningTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Freshservice Provisioning Trigger',
		name: 'freshserviceProvisioningTrigger',
		icon: { light: 'file:freshservice.svg', dark: 'file:freshservice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when requesters or agents are created, changed, deactivated, reactivated or converted in Freshservice',
		defaults: { name: 'Freshservice Provisioning Trigger' },
		credentials: [{ name: 'freshserviceProvisioningApi', required: true }],
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as UserEvent[];
		if (events.length === 0) {
			throw new NodeOperationError(this.getNode(), "Choose at least one event in 'Events'", {
				description: 'The trigger has nothing to watch for until at least one event is chosen.',
			});
		}
		const session = createSession(this);
		if (this.getMode() === 'manual') {
			for (const source of CHANGE_SOURCES) {
				const [sample] = await source.sample(session, events);
				if (sample) return [[sample]];
			}
			return null;
		}
		const staticData = this.getWorkflowStaticData('node');
		const results: Array<Awaited<ReturnType<ChangeSource['poll']>>> = [];
		for (const source of CHANGE_SOURCES) results.push(await source.poll(session, events, staticData[source.key]));
		// Only once every source has answered: a poll that fails keeps the state it started from.
		// Set as a whole, so n8n notices the change and saves it with the next execution.
		CHANGE_SOURCES.forEach((source, index) => (staticData[source.key] = results[index].state));
		const items = results.flatMap((result) => result.items);
		return items.length > 0 ? [items] : null;
	}
}
