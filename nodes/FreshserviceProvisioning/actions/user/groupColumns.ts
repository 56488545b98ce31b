/**
 * The group columns of Create or Update and Sync Roster: the Group Membership and Managed Groups
 * options, the columns resolved against the group lists (read once per execution), and the
 * requester groups' members a plan compares against (each read once per execution).
 */

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GroupRef, MembershipMode } from '../../provisioning/groups';
import { MEMBERSHIP_MODES, refuseRuleBased, resolveGroups } from '../../provisioning/groups';
import type { GroupColumnKey, References } from '../../provisioning/mapping';
import { GROUP_COLUMNS } from '../../provisioning/mapping';
import type { DesiredMembership, GroupMembers } from '../../provisioning/membershipPlan';
import { requesterGroupsNeeded } from '../../provisioning/membershipPlan';
import type { DesiredUser } from '../../provisioning/plan';
import type { RosterRow } from '../../provisioning/rosterPlan';
import type { UserType } from '../../provisioning/fields';
import { describeValue, InvalidValueError, isBlank } from '../../provisioning/values';
import { groupMembers, readAgentGroups, readRequesterGroups } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';

export const GROUP_OPTIONS = {
	membership: { name: 'groupMembership', displayName: 'Group Membership' },
	managed: { name: 'managedGroups', displayName: 'Managed Groups' },
} as const;

export const groupOptions: INodeProperties[] = [
	{
		displayName: GROUP_OPTIONS.membership.displayName,
		name: GROUP_OPTIONS.membership.name,
		type: 'options',
		default: 'addOnly',
		description: 'What the group columns (Requester Groups; Member of and Observer of Groups) mean. A blank column leaves that membership as it is.',
		options: [
			{ name: 'Add Only', value: 'addOnly', description: 'Add the person to the groups named that they are not in; never remove anyone' },
			{
				name: 'Exact Within Managed Groups',
				value: 'exactWithinManaged',
				description: 'Also remove the person from the Managed Groups their row does not name; groups outside Managed Groups are never touched',
			},
		],
	},
	{
		displayName: GROUP_OPTIONS.managed.displayName,
		name: GROUP_OPTIONS.managed.name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getManagedGroups', loadOptionsDependsOn: ['userType'] },
		default: [],
		description:
			'Under Exact Within Managed Groups, the only groups people are removed from: requester groups for requesters, agent groups for agents. Rule-based requester groups cannot be managed. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

function readMode(options: IDataObject): MembershipMode {
	const value = options[GROUP_OPTIONS.membership.name];
	if (isBlank(value)) return 'addOnly';
	if (!MEMBERSHIP_MODES.includes(value as MembershipMode)) {
		const parameter = GROUP_OPTIONS.membership.displayName;
		throw new InvalidValueError(parameter, `'${parameter}' must be addOnly or exactWithinManaged, not ${describeValue(value)}`);
	}
	return value as MembershipMode;
}

async function groupList(session: FreshserviceSession, type: GroupRef['type'], itemIndex: number): Promise<GroupRef[]> {
	return type === 'requester' ? await readRequesterGroups(session, itemIndex) : await readAgentGroups(session, itemIndex);
}

/**
 * A row's group columns as memberships: each name or ID resolved (an unknown one fails, naming the
 * column and the closest group names), rule-based requester groups refused, Managed Groups
 * resolved under Exact Within Managed Groups. Undefined when the row names no groups. No write.
 */
export async function readMembership(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	itemIndex: number,
	userType: UserType,
	references: References['groups'],
): Promise<DesiredMembership | undefined> {
	const named = Object.entries(references ?? {}) as Array<[GroupColumnKey, unknown]>;
	if (named.length === 0) return undefined;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mode = readMode(options);
	const type: GroupRef['type'] = userType === 'requester' ? 'requester' : 'agent';
	const groups = await groupList(session, type, itemIndex);
	const columns = named.map(([key, value]) => {
		const parameter = GROUP_COLUMNS[key].displayName;
		const resolved = resolveGroups(parameter, type, value, groups);
		refuseRuleBased(parameter, resolved);
		return { key, parameter, groups: resolved };
	});
	let managed: GroupRef[] = [];
	if (mode === 'exactWithinManaged') {
		const parameter = GROUP_OPTIONS.managed.displayName;
		managed = resolveGroups(parameter, type, options[GROUP_OPTIONS.managed.name] ?? [], groups);
		refuseRuleBased(parameter, managed);
	}
	return { mode, columns, managed, managedParameter: GROUP_OPTIONS.managed.displayName };
}

/**
 * The members of the requester groups a found requester's plan compares against: only the groups
 * the row or Managed Groups name, each read once per execution (and kept current by this
 * execution's own writes). Nothing is read for a person to create, or for agents.
 */
export async function membersFor(session: FreshserviceSession, desired: DesiredUser, current: FoundUser | undefined, itemIndex: number): Promise<GroupMembers> {
	const members = new Map<number, { has(userId: number): boolean }>();
	if (!current) return members;
	for (const id of requesterGroupsNeeded(desired.groups)) members.set(id, await groupMembers(session, id, itemIndex));
	return members;
}

/** Sync Roster: the members of every requester group a row (or Managed Groups) names, each read once, before any write. */
export async function rosterGroupMembers(session: FreshserviceSession, rows: ReadonlyArray<RosterRow<FoundUser>>): Promise<GroupMembers> {
	const members = new Map<number, { has(userId: number): boolean }>();
	for (const row of rows) {
		if (row.error !== undefined) continue;
		for (const id of requesterGroupsNeeded(row.desired?.groups)) {
			if (!members.has(id)) members.set(id, await groupMembers(session, id, row.itemIndex));
		}
	}
	return members;
}
