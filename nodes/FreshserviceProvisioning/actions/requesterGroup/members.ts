/**
 * Add Members and Remove Members: one requester group, one or many people per item. Everything is
 * checked and looked up before the first write (the group, each person), so an item that fails
 * writes nothing; then only the differences are written, as group steps through the one executor
 * (one request per person).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GroupRef, GroupStep } from '../../provisioning/groups';
import { planGroupChange, refuseRuleBased } from '../../provisioning/groups';
import { toEmailOrId } from '../../provisioning/names';
import { InvalidValueError } from '../../provisioning/values';
import type { GroupMember } from '../../transport/groups';
import { groupMembers } from '../../transport/groups';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { findUserByEmail, findUserById } from '../../transport/userLookups';
import { executeGroupSteps } from '../executor';
import { asMember } from '../groupSteps';
import { dryRunOption, optionsProperty, readDryRun } from '../user/fields.description';
import { groupItem } from './output';
import { groupLocator, readGroup } from './locator';

export const PEOPLE = 'Requesters';
export const GROUP = 'Requester Group';

export function membersDescription(operation: 'addMembers' | 'removeMembers'): INodeProperties[] {
	const show = { resource: ['requesterGroup'], operation: [operation] };
	return [
		groupLocator(GROUP, [operation]),
		{
			displayName: PEOPLE,
			name: 'requesters',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ann.lee@example.com, 21000418006',
			description: 'Emails or IDs of the requesters, separated by commas (an expression may give an array)',
			displayOptions: { show },
		},
		optionsProperty(show, [dryRunOption]),
	];
}

type PersonRef = { id: number } | { email: string };

/** The people a value names: an array, or emails and IDs separated by commas; each once. */
export function readPeople(value: unknown): PersonRef[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const people = parts
		.filter((part) => !(part === null || part === undefined || (typeof part === 'string' && part.trim() === '')))
		.map((part) => toEmailOrId(PEOPLE, part));
	if (people.length === 0) throw new InvalidValueError(PEOPLE, `'${PEOPLE}' needs at least one email or ID`);
	const seen = new Set<string>();
	return people.filter((person) => {
		const key = 'id' in person ? `#${person.id}` : person.email;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function notFound(context: IExecuteFunctions, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: `Double-check the value in '${PEOPLE}'. Nothing was written for this item.`,
	});
}

/** A person as a requester; fails the item, naming the parameter, for nobody, an agent, or (to add) a deactivated requester. */
async function requireRequester(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	person: PersonRef,
	adding: boolean,
	itemIndex: number,
): Promise<FoundUser> {
	const label = 'id' in person ? `ID ${person.id}` : person.email;
	const key = `requesterGroupPerson:${label}`;
	let lookup = session.lookups.get(key) as Promise<FoundUser | undefined> | undefined;
	if (!lookup) {
		lookup =
			'id' in person
				? findUserById(session, person.id, itemIndex)
				: findUserByEmail(session, person.email, itemIndex, { fullAgentRecord: false });
		session.lookups.set(key, lookup);
		lookup.catch(() => session.lookups.delete(key));
	}
	const user = await lookup;
	if (!user) throw notFound(context, itemIndex, `No Freshservice requester has ${'id' in person ? 'the ' : 'the email '}${label}`);
	if (user.userType === 'agent') throw notFound(context, itemIndex, `${label} is an agent: requester groups hold requesters only`);
	if (adding && user.record.active === false) {
		throw notFound(context, itemIndex, `${label} is a deactivated requester: Freshservice keeps deactivated requesters out of requester groups; reactivate them first`);
	}
	return user;
}

const RESULTS = {
	addToGroup: { done: 'added', would: 'wouldAdd', none: 'alreadyMember' },
	removeFromGroup: { done: 'removed', would: 'wouldRemove', none: 'notMember' },
} as const;

/**
 * People already in the group are known from its members listing (read once per execution), so
 * they cost no lookup: running the same Add Members again reads the group and writes nothing.
 */
export async function executeMembershipChange(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	itemIndex: number,
	kind: GroupStep['kind'],
): Promise<IDataObject[]> {
	const people = readPeople(context.getNodeParameter('requesters', itemIndex));
	const dryRun = readDryRun(context, itemIndex);
	const group: GroupRef = await readGroup(context, session, itemIndex, GROUP);
	// Refused before the members are read: a rule-based group cannot change through the API.
	refuseRuleBased(GROUP, [group]);
	const current = await groupMembers(session, group.id, itemIndex);
	const memberByEmail = new Map([...current.values()].map((member) => [String(member.email ?? '').toLowerCase(), member]));
	const requesters = new Map<number, GroupMember>();
	const named: GroupMember[] = [];
	for (const person of people) {
		const member = 'id' in person ? current.get(person.id) : memberByEmail.get(person.email);
		const requester = member ?? asMember((await requireRequester(context, session, person, kind === 'addToGroup', itemIndex)).record);
		if (!requesters.has(requester.id)) named.push(requester);
		requesters.set(requester.id, requester);
	}
	const steps = planGroupChange(group, kind, [...requesters.keys()], new Set(current.keys()), GROUP);
	if (!dryRun) await executeGroupSteps(session, steps, requesters, itemIndex);
	const changing = new Set(steps.map((step) => step.userId));
	const report = named.map((requester) => {
		const result = changing.has(requester.id) ? (dryRun ? RESULTS[kind].would : RESULTS[kind].done) : RESULTS[kind].none;
		return { id: requester.id, email: String(requester.email ?? ''), result };
	});
	const changed = report.filter((requester) => changing.has(requester.id)).map((requester) => requester.email);
	const fields = { group: { id: group.id, name: group.name, type: 'manual' }, requesters: report };
	if (steps.length === 0) {
		const state = kind === 'addToGroup' ? 'already a member' : 'not a member';
		return [groupItem(fields, 'unchanged', { dryRun, reason: `Every requester named is ${state}; nothing was written.` })];
	}
	const members = kind === 'addToGroup' ? { added: changed, removed: [] } : { added: [], removed: changed };
	return [groupItem(fields, dryRun ? 'wouldUpdate' : 'updated', { dryRun, changes: { members } })];
}
