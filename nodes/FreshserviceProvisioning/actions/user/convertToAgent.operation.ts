import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RoleInput } from '../../provisioning/mapping';
import { resolvedPayload, splitReferences } from '../../provisioning/mapping';
import { preserveOnUpdate } from '../../provisioning/payload';
import type { AgentRole } from '../../provisioning/lifecycle';
import { planConvert, sameRoles } from '../../provisioning/lifecycle';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { convertUser, updateUser } from '../../transport/userWrites';
import { ensureIdKept } from './errors';
import { dryRunOption, optionsProperty, readDryRun, rolesProperty } from './fields.description';
import { readUserReference, requireUser, userLocator } from './locator';
import { userItem } from './output';
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

/** Sets the chosen roles on a freshly converted agent; a failure says the conversion itself happened. */
async function applyRoles(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	agent: FoundUser,
	roles: AgentRole[],
	itemIndex: number,
): Promise<FoundUser> {
	try {
		return await updateUser(session, agent, preserveOnUpdate(agent.record, { roles }), itemIndex);
	} catch (error) {
		const failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		failure.message = `The user ${String(agent.record.id)} is now an agent with Freshservice's default role, but setting the chosen roles failed: ${failure.message}`;
		failure.description = [failure.description, 'Set the roles with Update: running this item again would leave an agent as it is']
			.filter(Boolean)
			.join('. ');
		throw failure;
	}
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const reference = readUserReference(this, itemIndex, LOCATOR);
	const dryRun = readDryRun(this, itemIndex);
	const roles = await readRoles(this, session, itemIndex);
	const user = await requireUser(this, session, reference, LOCATOR, itemIndex);
	const plan = planConvert(user, 'agent');
	if (plan.step === 'none') {
		const rolesNote = roles.length > 0 && !sameRoles(user.record.roles, roles) ? ' Their roles were left as they are: change them with Update.' : '';
		return [userItem(user, plan.outcome, { dryRun, reason: plan.reason + rolesNote })];
	}
	if (dryRun) {
		return [
			userItem(user, 'wouldConvert', {
				dryRun,
				reason: `Dry run: this requester would become an occasional agent with Freshservice's default role (SD Agent)${roles.length > 0 ? ', then get the chosen roles' : ''}.`,
			}),
		];
	}
	const agent = ensureIdKept(this, user, await convertUser(session, user, itemIndex), itemIndex);
	if (roles.length === 0 || sameRoles(agent.record.roles, roles)) return [userItem(agent, 'converted')];
	const withRoles = await applyRoles(this, session, agent, roles, itemIndex);
	return [
		userItem(withRoles, 'converted', {
			changes: { roles: { from: agent.record.roles ?? [], to: withRoles.record.roles ?? roles } },
		}),
	];
}
