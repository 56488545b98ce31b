import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RoleInput } from '../../provisioning/mapping';
import { resolvedPayload, splitReferences } from '../../provisioning/mapping';
import type { AgentRole } from '../../provisioning/plan';
import { planConvert } from '../../provisioning/plan';
import type { FreshserviceSession } from '../../transport/session';
import { runPlan } from '../executor';
import { dryRunOption, optionsProperty, readDryRun, rolesProperty } from './fields.description';
import { readUserReference, userLocator, withRequiredUser } from './locator';
import { resolveReferences } from './references';

const LOCATOR = 'User to Convert';
const show = { resource: ['user'], operation: ['convertToAgent'] };

export const description: INodeProperties[] = [
	userLocator(LOCATOR, 'convertToAgent'),
	{
		...rolesProperty,
		description:
			'Roles the agent gets (names or IDs). Freshservice\'s conversion makes an occasional agent with the default "SD Agent" role and no groups; when the roles chosen here differ, the node sets them with a follow-up update. Leave empty to keep SD Agent.',
		displayOptions: { show },
	},
	optionsProperty('convertToAgent', [dryRunOption]),
];

/** The roles to set, checked before any request; names cost one read of the roles list. None when the parameter is empty. */
async function readRoles(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	itemIndex: number,
): Promise<AgentRole[]> {
	const role = (context.getNodeParameter('roles', itemIndex, {}) as { role?: RoleInput[] }).role ?? [];
	if (role.length === 0) return [];
	const { references } = splitReferences('agent', { roles: { role } });
	return (resolvedPayload(await resolveReferences(session, references, itemIndex)).roles as AgentRole[] | undefined) ?? [];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const dryRun = readDryRun(this, itemIndex);
	const roles = await readRoles(this, session, itemIndex);
	return await withRequiredUser(this, session, reference, LOCATOR, itemIndex, async (user) => [
		await runPlan(session, planConvert(user, 'agent', roles), user, { dryRun, itemIndex }),
	]);
}
