/**
 * Sync Roster: every input item together is the HR roster, one person each. One listing pass
 * reads every user; each person is then planned as Create or Update plans them (same mapping,
 * same comparison) against the listed record; the users in the deprovisioning scope whom no row
 * matched are deactivated, within a safety limit checked before any write. Plan, then apply:
 * Dry Run returns the plan, a real run applies exactly that plan.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DeprovisionPlan, DeprovisionScope } from '../../provisioning/deprovision';
import { describeScope, planDeprovisioning } from '../../provisioning/deprovision';
import { CUSTOM_FIELD_PREFIX } from '../../provisioning/diff';
import type { UserType } from '../../provisioning/fields';
import { MATCHING_COLUMN } from '../../provisioning/mapping';
import { resolveNames, toNamesOrIds } from '../../provisioning/names';
import type { DesiredUser, PlanOptions, UserPlan } from '../../provisioning/plan';
import { planUser } from '../../provisioning/plan';
import type { MatchField, RosterKey, UserDirectory } from '../../provisioning/roster';
import { indexDirectory, matchFieldForColumn, matchFieldLabel, matchPerson, normaliseMatchValue, rosterDuplicates, usersNamedBy } from '../../provisioning/roster';
import { InvalidValueError, isBlank, toEmail } from '../../provisioning/values';
import { keyOwnerId, listDirectory } from '../../transport/directory';
import { readCustomFields, readNamedList } from '../../transport/lookups';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { findUserByEmail } from '../../transport/userLookups';
import { deactivateUser } from '../../transport/userWrites';
import type { WholeInputResult } from '../router';
import { userItem } from './output';
import { planItem } from './plans';
import { rememberUser } from './references';
import { comparable, description as upsertDescription, PARAMETERS as UPSERT, provisionUser, readColumns, readDesiredUser, readOptions } from './upsert.operation';

const show = { resource: ['user'], operation: ['syncRoster'] };
const whenDeprovisioning = { ...show, deprovision: [true] };

export const PARAMETERS = {
	columns: UPSERT.columns,
	deprovision: { name: 'deprovision', displayName: 'Deactivate Users Missing From Roster' },
	scope: { name: 'deprovisionScope', displayName: 'Deprovisioning Scope' },
	domains: { name: 'scopeEmailDomains', displayName: 'Email Domains' },
	department: { name: 'scopeDepartment', displayName: 'Department Name or ID' },
	agents: { name: 'deprovisionAgents', displayName: 'Deactivate Agents Too' },
	maxCount: { name: 'maxDeactivations', displayName: 'Safety Limit: Users' },
	maxPercent: { name: 'maxDeactivationPercent', displayName: 'Safety Limit: Percent of Scope' },
	output: { name: 'output', displayName: 'Output' },
} as const;

/** One of Create or Update's parameters, shown for Sync Roster. */
function fromUpsert(name: string, extraShow: IDataObject = {}): INodeProperties {
	const property = upsertDescription.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`Create or Update has no parameter ${name}`);
	return { ...property, displayOptions: { show: { ...show, ...extraShow } } };
}

const upsertColumns = fromUpsert(UPSERT.columns.name);
const upsertOptions = fromUpsert('options');

export const description: INodeProperties[] = [
	{
		...fromUpsert('userType'),
		description:
			'Whether people missing from Freshservice are created as requesters (employees) or agents (service desk staff); a person found as the other type is left alone unless Convert User Type is on',
	},
	{
		...upsertColumns,
		description:
			"Each person's fields, as for Create or Update: every input item is one person of the roster. Blank values leave a field as it is; use Fields to Clear to empty one.",
		typeOptions: {
			loadOptionsDependsOn: ['userType'],
			resourceMapper: {
				resourceMapperMethod: 'getRosterFields',
				mode: 'upsert',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Match By',
					description:
						'How a roster person is found in Freshservice: by email (primary or secondary, any case), by External ID, or by a text or number custom field such as an employee number',
				},
			},
		},
	},
	fromUpsert('roles', { userType: ['agent'] }),
	fromUpsert(UPSERT.clear.name),
	{
		displayName: PARAMETERS.deprovision.displayName,
		name: PARAMETERS.deprovision.name,
		type: 'boolean',
		default: false,
		description:
			'Whether to deactivate the users in a scope you choose who are not in the roster (leavers). Checked against a safety limit before anything is written.',
		displayOptions: { show },
	},
	{
		displayName: PARAMETERS.scope.displayName,
		name: PARAMETERS.scope.name,
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Department', value: 'department', description: 'Users in one department' },
			{ name: 'Email Domain', value: 'emailDomain', description: 'Users whose primary email is at one of your domains' },
			{
				name: 'Users This Sync Manages',
				value: 'managed',
				description: 'Users holding a value in the Match By field (External ID or the custom field): those this sync has put there',
			},
		],
		default: 'emailDomain',
		description: 'Which users may be deactivated when they are missing from the roster. Deactivated users, and the owner of the API key, are never touched.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		displayName: PARAMETERS.domains.displayName,
		name: PARAMETERS.domains.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'acme.com, acme.co.uk',
		description: 'Domains of the primary emails in scope, separated by commas',
		displayOptions: { show: { ...whenDeprovisioning, deprovisionScope: ['emailDomain'] } },
	},
	{
		displayName: PARAMETERS.department.displayName,
		name: PARAMETERS.department.name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDepartments' },
		default: '',
		required: true,
		description:
			'The department in scope. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { ...whenDeprovisioning, deprovisionScope: ['department'] } },
	},
	{
		displayName: PARAMETERS.agents.displayName,
		name: PARAMETERS.agents.name,
		type: 'boolean',
		default: false,
		description: 'Whether agents in the scope who are missing from the roster are deactivated too. Off: agents are never deactivated.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		displayName: PARAMETERS.maxCount.displayName,
		name: PARAMETERS.maxCount.name,
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		// DEFAULT_SAFETY_LIMIT.maxCount: n8n's lint wants the literal (a test holds them equal).
		default: 50,
		description:
			'The most users one run may deactivate. Above it, the whole sync stops before any change and says who would have gone: a truncated HR export must not off-board the company.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		displayName: PARAMETERS.maxPercent.displayName,
		name: PARAMETERS.maxPercent.name,
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 10,
		description: 'The largest share of the scope one run may deactivate, in percent. Above it, the whole sync stops before any change.',
		displayOptions: { show: whenDeprovisioning },
	},
	{
		...upsertOptions,
		options: [
			...(upsertOptions.options as INodeProperties[]),
			{
				displayName: PARAMETERS.output.displayName,
				name: PARAMETERS.output.name,
				type: 'options',
				options: [
					{ name: 'Every Person', value: 'everyPerson', description: 'One item per roster person, one per deactivated user, and a summary' },
					{ name: 'Summary Only', value: 'summaryOnly', description: 'One summary item: counts, and the failures. For large rosters.' },
				],
				default: 'everyPerson',
			},
		],
	},
];

// ---------------------------------------------------------------------------------------------

interface Settings {
	options: PlanOptions;
	dryRun: boolean;
	summaryOnly: boolean;
	/** The matching column the mapper chose, and its label. */
	matchColumn: string;
	matchLabel: string;
	deprovision?: { scope: ScopeSetting; includeAgents: boolean; limit: { maxCount: number; maxPercent: number } };
}

type ScopeSetting = { kind: 'emailDomain'; domains: string[] } | { kind: 'department'; value: unknown } | { kind: 'managed' };

/** A whole-roster parameter that is wrong: the sync cannot start. */
function settingError(context: IExecuteFunctions, parameter: string, message: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description: `Fix '${parameter}'. Nothing was sent to Freshservice.` });
}

function readLimit(context: IExecuteFunctions, parameter: { name: string; displayName: string }, max: number): number {
	const value = context.getNodeParameter(parameter.name, 0, undefined) as unknown;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
		throw settingError(context, parameter.displayName, `'${parameter.displayName}' must be a number from 0 to ${max}, not ${JSON.stringify(value)}`);
	}
	return value;
}

/** The settings of the whole run, read once: they belong to the roster, not to one person. */
function readSettings(context: IExecuteFunctions): Settings {
	const { options, dryRun } = readOptions(context, 0);
	const extra = context.getNodeParameter('options', 0, {}) as IDataObject;
	const mapper = (context.getNodeParameter(PARAMETERS.columns.name, 0, {}) ?? {}) as {
		matchingColumns?: string[];
		schema?: Array<{ id: string; displayName?: string }>;
	};
	const matchColumn = mapper.matchingColumns?.[0] ?? MATCHING_COLUMN;
	const matchLabel = mapper.schema?.find((field) => field.id === matchColumn)?.displayName ?? (matchColumn === MATCHING_COLUMN ? 'Email' : matchColumn);
	const settings: Settings = { options, dryRun, summaryOnly: extra[PARAMETERS.output.name] === 'summaryOnly', matchColumn, matchLabel };
	if (context.getNodeParameter(PARAMETERS.deprovision.name, 0, false) !== true) return settings;

	const kind = context.getNodeParameter(PARAMETERS.scope.name, 0, 'emailDomain') as ScopeSetting['kind'];
	let scope: ScopeSetting;
	if (kind === 'emailDomain') {
		const raw = String(context.getNodeParameter(PARAMETERS.domains.name, 0, '') ?? '');
		const domains = raw
			.split(',')
			.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
			.filter((domain) => domain !== '');
		const bad = domains.find((domain) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain));
		if (domains.length === 0 || bad !== undefined) {
			throw settingError(context, PARAMETERS.domains.displayName, `'${PARAMETERS.domains.displayName}' must list domains like acme.com, separated by commas, not ${JSON.stringify(raw)}`);
		}
		scope = { kind, domains };
	} else if (kind === 'department') {
		scope = { kind, value: context.getNodeParameter(PARAMETERS.department.name, 0, '') };
	} else {
		if (matchColumn === MATCHING_COLUMN) {
			throw settingError(
				context,
				PARAMETERS.scope.displayName,
				`'${PARAMETERS.scope.displayName}' is 'Users This Sync Manages', which needs the roster matched by External ID or a custom field: set Match By in '${PARAMETERS.columns.displayName}', or choose another scope`,
			);
		}
		scope = { kind };
	}
	settings.deprovision = {
		scope,
		includeAgents: context.getNodeParameter(PARAMETERS.agents.name, 0, false) === true,
		limit: { maxCount: readLimit(context, PARAMETERS.maxCount, Number.MAX_SAFE_INTEGER), maxPercent: readLimit(context, PARAMETERS.maxPercent, 100) },
	};
	return settings;
}

/** One roster row, as far as it got. */
interface Person {
	itemIndex: number;
	columns?: ReturnType<typeof readColumns>;
	key?: RosterKey;
	current?: FoundUser;
	desired?: DesiredUser;
	plan?: UserPlan;
	/** Why the row cannot be synced; found before any write. */
	error?: unknown;
}

/** The match value a row gives, checked: the sync cannot place a person without it. */
function readRosterKey(settings: Settings, person: Person): RosterKey {
	const { columns } = person.columns!;
	// Read as the mapping reads it: primary_email stands in for a blank email.
	const email = toEmail('Email', isBlank(columns[MATCHING_COLUMN]) && !isBlank(columns.primary_email) ? columns.primary_email : columns[MATCHING_COLUMN]);
	if (settings.matchColumn === MATCHING_COLUMN) return { itemIndex: person.itemIndex, email };
	const raw = columns[settings.matchColumn] ?? (settings.matchColumn.startsWith(CUSTOM_FIELD_PREFIX) ? undefined : columns[CUSTOM_FIELD_PREFIX + settings.matchColumn]);
	const key = normaliseMatchValue(raw);
	if (key === undefined) {
		const what = isBlank(raw) ? 'is empty' : `must be text or a number, not ${JSON.stringify(raw)}`;
		throw new InvalidValueError(settings.matchLabel, `'${settings.matchLabel}' ${what}: Sync Roster matches people on it`);
	}
	return { itemIndex: person.itemIndex, email, key };
}

async function matchFieldOf(session: FreshserviceSession, settings: Settings, userType: UserType): Promise<MatchField> {
	if (settings.matchColumn === MATCHING_COLUMN) return { kind: 'email' };
	if (settings.matchColumn === 'external_id') return { kind: 'externalId' };
	return matchFieldForColumn(settings.matchColumn, await readCustomFields(session, userType, 0), PARAMETERS.columns.displayName);
}

async function deprovisionScope(session: FreshserviceSession, setting: ScopeSetting, field: MatchField): Promise<DeprovisionScope> {
	switch (setting.kind) {
		case 'emailDomain':
			return setting;
		case 'managed':
			return { kind: 'managed', field: field as Exclude<MatchField, { kind: 'email' }> };
		case 'department': {
			const values = toNamesOrIds(PARAMETERS.department.displayName, setting.value);
			if (values.length === 0) throw new InvalidValueError(PARAMETERS.department.displayName, `'${PARAMETERS.department.displayName}' is empty: choose a department`);
			const departments = await readNamedList(session, 'department', 0);
			const departmentIds = resolveNames(PARAMETERS.department.displayName, 'department', values, departments);
			const names = departmentIds.map((id) => departments.find((department) => department.id === id)?.name ?? String(id));
			return { kind: 'department', departmentIds, names };
		}
	}
}

/** Each row's columns, email and match value, and the rows that name a person twice: no request. */
function readRoster(context: IExecuteFunctions, settings: Settings): Person[] {
	const people: Person[] = context.getInputData().map((_, itemIndex) => ({ itemIndex }));
	for (const person of people) {
		try {
			person.columns = readColumns(context, person.itemIndex);
			person.key = readRosterKey(settings, person);
		} catch (error) {
			person.error = error;
		}
	}
	const keys = people.flatMap((person) => (person.key ? [person.key] : []));
	const duplicates = rosterDuplicates(keys, settings.matchColumn === MATCHING_COLUMN ? undefined : settings.matchLabel);
	for (const [itemIndex, message] of duplicates) people[itemIndex].error = new InvalidValueError(settings.matchLabel, message);
	return people;
}

/** Plans every row against the listing. Errors stay on their row; nothing here writes. */
async function planPeople(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	settings: Settings,
	people: Person[],
	index: UserDirectory<FoundUser>,
	inactiveRequestersListed: boolean,
): Promise<void> {
	for (const person of people) {
		if (person.error !== undefined) continue;
		try {
			const match = matchPerson(index, person.key!);
			if ('error' in match) throw new InvalidValueError(matchFieldLabel(index.field), match.error);
			const desired = await readDesiredUser(context, session, person.itemIndex, person.columns);
			let current = match.user;
			if (!current && settings.dryRun && !inactiveRequestersListed) {
				// The listing may hide deactivated requesters: a real run meets them when its create
				// finds the email taken; Dry Run asks, so that it reports what the real run will do.
				current = await findUserByEmail(session, desired.email, person.itemIndex, { fullAgentRecord: false });
			}
			person.current = await comparable(session, desired, current, person.itemIndex);
			person.desired = desired;
			person.plan = planUser(desired, person.current, settings.options);
		} catch (error) {
			person.error = error;
		}
	}
}

function idOf(user: FoundUser): number {
	return Number(user.record.id);
}

interface Deprovisioning {
	scope: string;
	plan?: DeprovisionPlan<FoundUser>;
	/** Why nobody is deactivated this run, when the roster cannot tell who is missing. */
	skipped?: string;
}

/** Who in the scope is missing from the roster, within the safety limit or refused whole. */
async function planLeavers(
	context: IExecuteFunctions,
	session: FreshserviceSession,
	setting: NonNullable<Settings['deprovision']>,
	people: Person[],
	index: UserDirectory<FoundUser>,
): Promise<Deprovisioning> {
	const scope = await deprovisionScope(session, setting.scope, index.field).catch((error: unknown) => {
		throw error instanceof InvalidValueError ? settingError(context, error.parameter, error.message) : error;
	});
	const unplaced = people.filter((person) => person.key === undefined).map((person) => person.itemIndex);
	if (unplaced.length > 0) {
		return {
			scope: describeScope(scope),
			skipped: `Nobody was deactivated: items ${unplaced.join(', ')} of the roster have no usable email or '${matchFieldLabel(index.field)}', so who is missing cannot be told.`,
		};
	}
	// Everyone a row names stays, even when the row itself failed.
	const kept = new Set(people.flatMap((person) => (person.key ? usersNamedBy(index, person.key) : [])).map(idOf));
	const plan = planDeprovisioning(index.users, kept, { scope, includeAgents: setting.includeAgents, keyOwnerId: await keyOwnerId(session), limit: setting.limit });
	return { scope: describeScope(scope), plan };
}

export interface SyncSummary {
	dryRun: boolean;
	matchBy: string;
	/** Roster rows (input items). */
	people: number;
	/** Outcomes by `provisioning.action`, deactivations and failures included. */
	actions: Record<string, number>;
	failed: number;
	deprovisioning?: { scope: string; inScope: number; deactivated: number; agentsLeftAlone: number } | { skipped: string };
	listed: { requesters: number; agents: number };
	/** Requests sent to Freshservice, retries included. */
	requests: number;
	durationMs: number;
	failures: Array<{ item?: number; email?: string; error: string }>;
}

/** The outcomes of the run as they come, for the summary. */
class Tally {
	readonly actions: Record<string, number> = {};
	readonly failures: SyncSummary['failures'] = [];

	done(json: IDataObject): void {
		const action = String((json.provisioning as IDataObject).action);
		this.actions[action] = (this.actions[action] ?? 0) + 1;
	}

	failed(error: unknown, who: { item?: number; email?: unknown }): void {
		this.actions.failed = (this.actions.failed ?? 0) + 1;
		this.failures.push({
			...(who.item === undefined ? {} : { item: who.item }),
			...(typeof who.email === 'string' ? { email: who.email } : {}),
			error: error instanceof Error ? error.message : String(error),
		});
	}
}

/** Applies each person's plan (under Dry Run: reports it), in roster order. */
async function applyPeople(context: IExecuteFunctions, session: FreshserviceSession, settings: Settings, people: Person[], tally: Tally): Promise<WholeInputResult[]> {
	const results: WholeInputResult[] = [];
	for (const person of people) {
		const pairedItem = { item: person.itemIndex };
		if (person.error === undefined) {
			try {
				const json = settings.dryRun
					? planItem(person.current ?? { userType: person.desired!.userType, record: {} }, person.plan!, true)
					: await provisionUser(context, session, person.desired!, person.current, settings.options, person.itemIndex);
				tally.done(json);
				results.push({ json, pairedItem });
				continue;
			} catch (error) {
				person.error = error;
			}
		}
		tally.failed(person.error, { item: person.itemIndex, email: person.key?.email });
		results.push({ error: person.error, itemIndex: person.itemIndex, pairedItem });
	}
	return results;
}

/** Deactivates the leavers (under Dry Run: reports them); each item comes from the whole roster. */
async function applyLeavers(session: FreshserviceSession, settings: Settings, leavers: Deprovisioning, everyInput: IPairedItemData[], tally: Tally): Promise<WholeInputResult[]> {
	const results: WholeInputResult[] = [];
	const reason = `Not in the roster, and in the deprovisioning scope (${leavers.scope}).`;
	for (const user of leavers.plan?.users ?? []) {
		try {
			const json = settings.dryRun
				? userItem(user, 'wouldDeactivate', { dryRun: true, reason })
				: userItem(await deactivateUser(session, user, 0), 'deactivated', { reason });
			tally.done(json);
			results.push({ json, pairedItem: everyInput });
		} catch (error) {
			tally.failed(error, { email: user.record.primary_email ?? user.record.email });
			results.push({ error, pairedItem: everyInput });
		}
	}
	return results;
}

/** A local problem of one row, worded as the router words it, for the node to stop on. */
function rowError(context: IExecuteFunctions, person: Person): NodeApiError | NodeOperationError {
	const { error, itemIndex } = person;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidValueError) {
		return new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: `Fix the value of '${error.parameter}'. Sync Roster stopped before any change: nothing was sent to Freshservice.`,
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

export async function execute(this: IExecuteFunctions, session: FreshserviceSession): Promise<WholeInputResult[]> {
	const started = Date.now();
	const everyInput: IPairedItemData[] = this.getInputData().map((_, item) => ({ item }));
	const continueOnFail = this.continueOnFail();
	const settings = readSettings(this);

	// 1. The roster, checked row by row.
	const people = readRoster(this, settings);
	// Without Continue, a bad row stops the node before any write (before any request, if it can).
	const stopOnBadRow = () => {
		const bad = people.find((person) => person.error !== undefined);
		if (bad && !continueOnFail) throw rowError(this, bad);
	};
	stopOnBadRow();

	// 2. One listing pass, then every person planned against it.
	const directory = await listDirectory(session);
	const field = await matchFieldOf(session, settings, this.getNodeParameter('userType', 0) as UserType);
	const index = indexDirectory(directory.users, field);
	// A manager named by email is then found in the listing, not looked up.
	for (const user of index.users) {
		const email = user.record.primary_email ?? user.record.email;
		if (typeof email === 'string' && email !== '') rememberUser(session, email, idOf(user));
	}
	await planPeople(this, session, settings, people, index, directory.inactiveRequestersListed);
	stopOnBadRow();

	// 3. Leavers, planned whole: over the safety limit nothing at all is written.
	const leavers = settings.deprovision ? await planLeavers(this, session, settings.deprovision, people, index) : undefined;
	if (leavers?.plan?.refusal) {
		throw new NodeOperationError(this.getNode(), leavers.plan.refusal, {
			description: `Nothing was sent to Freshservice. If these people really left, raise '${PARAMETERS.maxCount.displayName}' or '${PARAMETERS.maxPercent.displayName}' for one run; otherwise check the roster (a truncated export, a filter that drops people).`,
		});
	}

	// 4. Apply the plan (Dry Run: report it).
	const tally = new Tally();
	const personResults = await applyPeople(this, session, settings, people, tally);
	const leaverResults = leavers ? await applyLeavers(session, settings, leavers, everyInput, tally) : [];

	if (tally.failures.length > 0 && !continueOnFail) {
		const shown = tally.failures.slice(0, 5).map((failure) => (failure.item === undefined ? failure.error : `[item ${failure.item}] ${failure.error}`));
		throw new NodeOperationError(this.getNode(), `Sync Roster finished, but ${tally.failures.length} of its changes failed: ${shown.join('; ')}${tally.failures.length > 5 ? '; …' : ''}`, {
			description: 'Everyone else was synced. Turn on Continue (On Error) to get one item per person, with the error on each failed one, and a summary.',
		});
	}
	const summary: SyncSummary = {
		dryRun: settings.dryRun,
		matchBy: matchFieldLabel(field),
		people: people.length,
		actions: tally.actions,
		failed: tally.failures.length,
		...(leavers
			? {
					deprovisioning: leavers.skipped
						? { skipped: leavers.skipped }
						: { scope: leavers.scope, inScope: leavers.plan!.scopeSize, deactivated: leavers.plan!.users.length, agentsLeftAlone: leavers.plan!.agentsLeftAlone },
				}
			: {}),
		listed: {
			requesters: index.users.filter((user) => user.userType === 'requester').length,
			agents: index.users.filter((user) => user.userType === 'agent').length,
		},
		requests: session.stats.requests,
		durationMs: Date.now() - started,
		failures: tally.failures,
	};
	const summaryItem: INodeExecutionData = { json: { summary } as unknown as IDataObject, pairedItem: everyInput };
	return settings.summaryOnly ? [summaryItem] : [...personResults, ...leaverResults, summaryItem];
}
