import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidValueError, isBlank, requireText } from '../../provisioning/values';
import { createRequesterGroup, readRequesterGroups } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';
import { dryRunOption, optionsProperty, readDryRun } from '../user/fields.description';
import { groupFields, groupItem } from './output';

const NAME = 'Name';
const show = { resource: ['requesterGroup'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: NAME,
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Sales Team',
		description: 'Name of the new manual requester group',
		displayOptions: { show },
	},
	optionsProperty(show, [
		{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'What the group is for' },
		dryRunOption,
	]),
];

/** A manual requester group. A name already in use (any case) fails the item before anything is sent. */
export async function execute(this: IExecuteFunctions, itemIndex: number, session: FreshserviceSession): Promise<IDataObject[]> {
	const name = requireText(NAME, this.getNodeParameter('name', itemIndex));
	const rawDescription = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).description;
	if (!isBlank(rawDescription) && typeof rawDescription !== 'string') {
		throw new InvalidValueError('Description', "'Description' must be text");
	}
	const fields = { name, ...(isBlank(rawDescription) ? {} : { description: String(rawDescription) }) };
	const dryRun = readDryRun(this, itemIndex);
	const existing = (await readRequesterGroups(session, itemIndex)).find((group) => group.name.trim().toLowerCase() === name.toLowerCase());
	if (existing) {
		throw new NodeOperationError(this.getNode(), `A requester group named "${existing.name}" already exists (ID ${existing.id}); nothing was created`, {
			itemIndex,
			description: `Double-check the value in '${NAME}', or use Add Members with that group.`,
		});
	}
	if (dryRun) return [groupItem({ ...fields, type: 'manual' }, 'wouldCreate', { dryRun })];
	return [groupItem(groupFields(await createRequesterGroup(session, fields, itemIndex)), 'created')];
}
