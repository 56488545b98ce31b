/**
 * Sync Roster's input, read and checked: the settings of the whole run (read once, from the first
 * item: they belong to the roster, not to one person) and each row's columns and match value.
 */

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DeprovisionScope, SafetyLimit } from '../../provisioning/deprovision';
import { CUSTOM_FIELD_PREFIX } from '../../provisioning/diff';
import type { UserType } from '../../provisioning/fields';
import { MATCHING_COLUMN } from '../../provisioning/mapping';
import { resolveNames, toNamesOrIds } from '../../provisioning/names';
import type { PlanOptions } from '../../provisioning/plan';
import type { MatchField, RosterKey } from '../../provisioning/roster';
import { matchFieldForColumn, normaliseMatchValue, rosterDuplicates } from '../../provisioning/roster';
import type { RosterRow } from '../../provisioning/rosterPlan';
import { InvalidValueError, isBlank } from '../../provisioning/values';
import { readCustomFields, readNamedList } from '../../transport/lookups';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { PARAMETERS } from './syncRoster.description';
import { matchingEmail, readColumns, readOptions } from './upsert.operation';

export interface Settings {
	options: PlanOptions;
	dryRun: boolean;
	summaryOnly: boolean;
	/** The matching column the mapper chose, and its label. */
	matchColumn: string;
	matchLabel: string;
	reactivationLimit: SafetyLimit;
	deprovision?: { scope: ScopeSetting; includeAgents: boolean; limit: SafetyLimit };
}

type ScopeSetting = { kind: 'emailDomain'; domains: string[] } | { kind: 'department'; value: unknown } | { kind: 'managed' };

/** A whole-roster parameter that is wrong: the sync cannot start. */
export function settingError(context: IExecuteFunctions, parameter: string, message: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description: `Fix '${parameter}'. Nothing was sent to Freshservice.` });
}

function readLimit(context: IExecuteFunctions, parameter: { name: string; displayName: string }, max: number, fallback?: number): number {
	const value = context.getNodeParameter(parameter.name, 0, fallback) as unknown;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
		throw settingError(context, parameter.displayName, `'${parameter.displayName}' must be a number from 0 to ${max}, not ${JSON.stringify(value)}`);
	}
	return value;
}

/** The settings of the whole run, read once: they belong to the roster, not to one person. */
export function readSettings(context: IExecuteFunctions): Settings {
	const { options, dryRun } = readOptions(context, 0);
	const extra = context.getNodeParameter('options', 0, {}) as IDataObject;
	const mapper = (context.getNodeParameter(PARAMETERS.columns.name, 0, {}) ?? {}) as {
		matchingColumns?: string[];
		schema?: Array<{ id: string; displayName?: string }>;
	};
	const matchColumn = mapper.matchingColumns?.[0] ?? MATCHING_COLUMN;
	const matchLabel = mapper.schema?.find((field) => field.id === matchColumn)?.displayName ?? (matchColumn === MATCHING_COLUMN ? 'Email' : matchColumn);
	const settings: Settings = {
		options,
		dryRun,
		summaryOnly: extra[PARAMETERS.output.name] === 'summaryOnly',
		matchColumn,
		matchLabel,
		reactivationLimit: { maxCount: readLimit(context, PARAMETERS.maxReactivations, Number.MAX_SAFE_INTEGER, 50), maxPercent: readLimit(context, PARAMETERS.maxReactivationPercent, 100, 10) },
	};
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
export interface Person extends RosterRow<FoundUser> {
	columns?: ReturnType<typeof readColumns>;
}

/** The match value a row gives, checked: the sync cannot place a person without it. */
function readRosterKey(settings: Settings, person: Person): RosterKey {
	const { columns } = person.columns!;
	// Read as the mapping reads it: primary_email stands in for a blank email.
	const email = matchingEmail(columns);
	if (settings.matchColumn === MATCHING_COLUMN) return { itemIndex: person.itemIndex, email };
	const raw = columns[settings.matchColumn] ?? (settings.matchColumn.startsWith(CUSTOM_FIELD_PREFIX) ? undefined : columns[CUSTOM_FIELD_PREFIX + settings.matchColumn]);
	const key = normaliseMatchValue(raw);
	if (key === undefined) {
		const what = isBlank(raw) ? 'is empty' : `must be text or a number, not ${JSON.stringify(raw)}`;
		throw new InvalidValueError(settings.matchLabel, `'${settings.matchLabel}' ${what}: Sync Roster matches people on it`);
	}
	return { itemIndex: person.itemIndex, email, key };
}

export async function matchFieldOf(session: FreshserviceSession, settings: Settings, userType: UserType): Promise<MatchField> {
	if (settings.matchColumn === MATCHING_COLUMN) return { kind: 'email' };
	if (settings.matchColumn === 'external_id') return { kind: 'externalId' };
	return matchFieldForColumn(settings.matchColumn, await readCustomFields(session, userType, 0), PARAMETERS.columns.displayName);
}

export async function deprovisionScope(session: FreshserviceSession, setting: ScopeSetting, field: MatchField): Promise<DeprovisionScope> {
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
export function readRoster(context: IExecuteFunctions, settings: Settings): Person[] {
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

/** A local problem of one row, worded as the router words it, for the node to stop on. */
export function rowError(context: IExecuteFunctions, person: Person): NodeApiError | NodeOperationError {
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


/** What to do about a refusal of the whole roster: the parameters to raise, or the key to use. */
export function refusalHelp(refusal: string, deactivations: boolean): string {
	if (/owner of the API key/.test(refusal)) {
		return 'Nothing was sent to Freshservice. Use the API key of an agent (GET /agents/me must answer their ID), or turn off deprovisioning.';
	}
	const [count, percent] = deactivations ? [PARAMETERS.maxCount, PARAMETERS.maxPercent] : [PARAMETERS.maxReactivations, PARAMETERS.maxReactivationPercent];
	return `Nothing was sent to Freshservice. If this is right, raise '${count.displayName}' or '${percent.displayName}' for one run; otherwise check the roster (a truncated export, a filter that drops or adds people).`;
}
