import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserType } from '../../provisioning/fields';
import type { RoleInput } from '../../provisioning/mapping';
import { MATCHING_COLUMN, mapDesiredUser, needsCustomFieldDefinitions, withResolvedReferences } from '../../provisioning/mapping';
import type { CurrentUser, DesiredUser, PlanOptions, UserPlan } from '../../provisioning/plan';
import { needsFullAgentRecord, planUser } from '../../provisioning/plan';
import { InvalidValueError, isBlank, toBoolean, toEmail } from '../../provisioning/values';
import { readCustomFields } from '../../transport/lookups';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { findUserByEmail, lookupUserByEmail, withFullRecord } from '../../transport/userLookups';
import { dryRunOption, optionsProperty, readDryRun, rolesProperty, userTypeProperty } from './fields.description';
import { executePlan, planItem } from '../executor';
import { personByEmail, withPeople, writtenUser } from '../people';
import { groupOptions, membersFor, readMembership } from './groupColumns';
import type { ReferenceOptions } from './references';
import { resolveReferences } from './references';

const show = { resource: ['user'], operation: ['upsert'] };

export const PARAMETERS = {
	columns: { name: 'columns', displayName: 'Fields' },
	clear: { name: 'fieldsToClear', displayName: 'Fields to Clear' },
	reactivate: { name: 'reactivateDeactivated', displayName: 'Reactivate Deactivated Users' },
	convert: { name: 'convertUserType', displayName: 'Convert User Type' },
} as const;

export const description: INodeProperties[] = [
	userTypeProperty('upsert', 'Whether a new user is created as a requester (an employee) or an agent (service desk staff); a user found as the other type is left alone unless Convert User Type is on'),
	{
		displayName: PARAMETERS.columns.displayName,
		name: PARAMETERS.columns.name,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: 'The person\'s fields. Blank values leave a field as it is; use Fields to Clear to empty one.',
		typeOptions: {
			loadOptionsDependsOn: ['userType'],
			resourceMapper: {
				resourceMapperMethod: 'getUserFields',
				mode: 'upsert',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Match By',
					description: 'Users are matched by email: primary or secondary, in any case, among requesters and agents',
					hint: 'The email finds the user among requesters and agents, as a primary or secondary email, in any case',
				},
			},
		},
		displayOptions: { show },
	},
	{
		...rolesProperty,
		description: 'Roles of the agent (names or IDs) and where each applies. Needed to create an agent; for a found agent, compared with the roles they have.',
		displayOptions: { show: { ...show, userType: ['agent'] } },
	},
	{
		displayName: PARAMETERS.clear.displayName,
		name: PARAMETERS.clear.name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getClearableFields', loadOptionsDependsOn: ['userType'] },
		default: [],
		description:
			'Fields to empty on a found user (a blank field above means "leave as it is"). Only fields that are not already empty count as changes. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	optionsProperty(show, [
		{
			displayName: PARAMETERS.convert.displayName,
			name: PARAMETERS.convert.name,
			type: 'boolean',
			default: false,
			description:
				'Whether to convert a user found as the other type (a requester when User Type is agent, or the other way round) before applying the fields. Off: such a user is left alone and the item says so.',
		},
		dryRunOption,
		...groupOptions,
		{
			displayName: PARAMETERS.reactivate.displayName,
			name: PARAMETERS.reactivate.name,
			type: 'boolean',
			default: true,
			description: 'Whether to reactivate a deactivated user (a rehire) and then apply the fields. Off: a deactivated user is left alone and the item says so.',
		},
	]),
];

function readSwitch(options: IDataObject, name: string, displayName: string, fallback: boolean): boolean {
	const value = options[name];
	return isBlank(value) ? fallback : toBoolean(displayName, value);
}

interface UpsertInput {
	options: PlanOptions;
	dryRun: boolean;
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): UpsertInput {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		options: {
			reactivate: readSwitch(options, PARAMETERS.reactivate.name, PARAMETERS.reactivate.displayName, true),
			convertUserType: readSwitch(options, PARAMETERS.convert.name, PARAMETERS.convert.displayName, false),
		},
		dryRun: readDryRun(context, itemIndex),
	};
}

/** The person's columns: the mapped values, or the input item itself under Map Automatically. */
export function readColumns(context: IExecuteFunctions, itemIndex: number): { columns: Record<string, unknown>; mappingMode: 'defineBelow' | 'autoMapInputData' } {
	// Read whole, so that the node checks each value against the instance's fields itself.
	const mapper = (context.getNodeParameter(PARAMETERS.columns.name, itemIndex, {}) ?? {}) as { mappingMode?: string; value?: IDataObject | null };
	if (mapper.mappingMode === 'autoMapInputData') {
		return { columns: { ...context.getInputData()[itemIndex].json }, mappingMode: 'autoMapInputData' };
	}
	return { columns: { ...(mapper.value ?? {}) }, mappingMode: 'defineBelow' };
}

/** The email a person is matched by: primary_email stands in for a blank Email. Checked, no request. */
export function matchingEmail(columns: Record<string, unknown>): string {
	return toEmail('Email', isBlank(columns[MATCHING_COLUMN]) && !isBlank(columns.primary_email) ? columns.primary_email : columns[MATCHING_COLUMN]);
}

/** The desired user, every value checked and every name resolved; throws InvalidValueError naming the field. */
export async function readDesiredUser(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	itemIndex: number,
	{ columns, mappingMode }: ReturnType<typeof readColumns> = readColumns(context, itemIndex),
	referenceOptions: ReferenceOptions = {},
): Promise<DesiredUser> {
	const userType = context.getNodeParameter('userType', itemIndex) as UserType;
	const clear = context.getNodeParameter(PARAMETERS.clear.name, itemIndex, []) as unknown[];
	const roles = userType === 'agent' ? ((context.getNodeParameter('roles', itemIndex, {}) as { role?: RoleInput[] }).role ?? []) : [];
	// The matching email first: a person without one is refused before any request.
	matchingEmail(columns);
	const customFields = needsCustomFieldDefinitions(columns, clear) ? await readCustomFields(session, userType, itemIndex) : undefined;
	const mapped = mapDesiredUser({
		userType,
		columns,
		mappingMode,
		customFields,
		clear: Array.isArray(clear) ? clear : [clear],
		roles,
		parameters: { columns: PARAMETERS.columns.displayName, clear: PARAMETERS.clear.displayName },
	});
	const groups = await readMembership(context, session, itemIndex, userType, mapped.references.groups, referenceOptions.settingsItem);
	const desired = withResolvedReferences(mapped, await resolveReferences(session, mapped.references, itemIndex, referenceOptions));
	return groups ? { ...desired, groups } : desired;
}

export async function comparable(session: FreshserviceSession, desired: DesiredUser, user: CurrentUser | undefined, itemIndex: number): Promise<FoundUser | undefined> {
	const found = user as FoundUser | undefined;
	return found && needsFullAgentRecord(desired) ? await withFullRecord(session, found, itemIndex) : found;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: FreshserviceSession,
): Promise<IDataObject[]> {
	const { options, dryRun } = readOptions(this, itemIndex);
	const columns = readColumns(this, itemIndex);
	// Items naming the same person take turns (actions/people.ts); a later one starts from what an earlier one wrote.
	const self = personByEmail(matchingEmail(columns.columns));
	return await withPeople(session, [self], async () => {
		const desired = await readDesiredUser(this, session, itemIndex, columns, { self });
		const written = writtenUser(session, self);
		if (dryRun) {
			// Every lookup a real run may need, so that the report is what a real run does.
			const found = written === undefined ? await findUserByEmail(session, desired.email, itemIndex, { fullAgentRecord: false }) : (written ?? undefined);
			const current = await comparable(session, desired, found, itemIndex);
			return [planItem(current, planUser(desired, current, options, await membersFor(session, desired, current, itemIndex)), true)];
		}
		// One lookup finds active users of either type; anyone it misses is found when the create
		// meets their email, so a person who is not there costs the lookup and the create only.
		const found = written === undefined ? (await lookupUserByEmail(session, desired.email, itemIndex)).user : (written ?? undefined);
		return [await provisionUser(session, desired, await comparable(session, desired, found, itemIndex), options, itemIndex)];
	});
}

/**
 * Plans and executes one person against `current` (what a lookup, or Sync Roster's listing, found
 * for them); a create that meets a taken email carries on against the email's holder.
 */
export async function provisionUser(
	session: FreshserviceSession,
	desired: DesiredUser,
	current: FoundUser | undefined,
	options: PlanOptions,
	itemIndex: number,
	planned?: UserPlan,
): Promise<IDataObject> {
	const plan = planned ?? planUser(desired, current, options, await membersFor(session, desired, current, itemIndex));
	const executed = await executePlan(session, plan, current, itemIndex);
	if (executed.status === 'done') return planItem(executed.user, plan, false, { changes: executed.changes, groupChanges: executed.groupChanges });

	const holder = await comparable(
		session,
		desired,
		executed.user ?? (await findUserByEmail(session, desired.email, itemIndex, { fullAgentRecord: false })),
		itemIndex,
	);
	if (!holder) {
		throw new NodeOperationError(session.context.getNode(), `Freshservice says the email ${desired.email} is taken, but no lookup finds who has it`, {
			itemIndex,
			description:
				'It may be a secondary email of another requester, or belong to a deactivated agent your API key cannot see. Search for it under Admin → Requesters and Agents in Freshservice, then free it or use that user\'s primary email.',
		});
	}
	const replanned = planUser(desired, holder, options, await membersFor(session, desired, holder, itemIndex));
	const again = await executePlan(session, replanned, holder, itemIndex);
	if (again.status !== 'done') throw new InvalidValueError('Email', `${desired.email} could not be created or updated: Freshservice keeps answering that it is taken`);
	const reason = executed.user
		? `The create's answer was lost, and ${desired.email} belongs to a user created before this run (${String(holder.record.created_at ?? 'earlier')}); that user was ${replanned.outcome === 'none' ? 'left as it was' : 'updated'} instead.`
		: `${desired.email} already belonged to a user the first lookup did not list; that user was used instead of creating a new one.`;
	return planItem(again.user, replanned, false, { changes: again.changes, groupChanges: again.groupChanges, reason: replanned.reason ?? reason });
}
