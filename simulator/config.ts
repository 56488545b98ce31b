// Behaviour switches: defaults and checking of updates (an unknown switch or value is an error, so a
// typo in a test cannot silently test the default).
import type { Behaviours } from './types';

export const DEFAULT_BEHAVIOURS: Behaviours = {
	duplicateEmailStatus: 409,
	emailFilterIncludesInactive: true,
	emailFilterMatchesSecondary: false,
	deactivateClearsFields: true,
	updateInactive: 'allow',
	deactivateInactive: 'succeed',
	notFoundBody: 'json',
	rateLimitBody: 'json',
	rateLimitHeaderCase: 'canonical',
	searchIndexLagMs: 0,
	lowercaseEmails: true,
	searchIncludesInactive: true,
	includeAgentsNeedsManageAgents: false,
	emailFilterIgnoresCase: true,
	unfilteredListIncludesInactive: true,
	requesterByIdForAgent: 'notFound',
	reactivateActive: 'succeed',
	employeeRequestListPaging: 'paged',
	employeeRequestStatusFilter: 'ignored',
	employeeRequestMissingRequired: 'missingField',
	employeeRequestLookupValues: 'ids',
	addExistingMember: 'succeed',
	removeNonMember: 'succeed',
	groupMembersPaging: 'link',
	reactivateRestoresGroups: false,
	ruleBasedGroupStatus: 400,
};

/** Every switch's possible values ('boolean': true and false; 'milliseconds': any duration). */
export const BEHAVIOUR_VALUES: { [K in keyof Behaviours]: readonly Behaviours[K][] | 'boolean' | 'milliseconds' } = {
	duplicateEmailStatus: [409, 400],
	emailFilterIncludesInactive: 'boolean',
	emailFilterMatchesSecondary: 'boolean',
	deactivateClearsFields: 'boolean',
	updateInactive: ['allow', 'reject'],
	deactivateInactive: ['succeed', 'notFound', 'conflict'],
	notFoundBody: ['json', 'empty', 'html'],
	rateLimitBody: ['json', 'empty'],
	rateLimitHeaderCase: ['canonical', 'lower'],
	searchIndexLagMs: 'milliseconds',
	lowercaseEmails: 'boolean',
	searchIncludesInactive: 'boolean',
	includeAgentsNeedsManageAgents: 'boolean',
	emailFilterIgnoresCase: 'boolean',
	unfilteredListIncludesInactive: 'boolean',
	requesterByIdForAgent: ['notFound', 'record'],
	reactivateActive: ['succeed', 'conflict', 'invalidValue'],
	employeeRequestListPaging: ['paged', 'all'],
	employeeRequestStatusFilter: ['applied', 'ignored', 'rejected'],
	employeeRequestMissingRequired: ['missingField', 'accepted'],
	employeeRequestLookupValues: ['ids', 'idsOrNames'],
	addExistingMember: ['succeed', 'conflict', 'invalidValue'],
	removeNonMember: ['succeed', 'notFound', 'invalidValue'],
	groupMembersPaging: ['link', 'noLink', 'unpaged'],
	reactivateRestoresGroups: 'boolean',
	ruleBasedGroupStatus: [400, 403],
};

export function mergeBehaviours(base: Behaviours, update: Partial<Behaviours> = {}): Behaviours {
	if (typeof update !== 'object' || update === null) throw new Error('behaviours must be an object');
	for (const [key, value] of Object.entries(update)) {
		if (!Object.prototype.hasOwnProperty.call(BEHAVIOUR_VALUES, key)) {
			throw new Error(`Unknown behaviour ${key}; known: ${Object.keys(BEHAVIOUR_VALUES).join(', ')}`);
		}
		const allowed = BEHAVIOUR_VALUES[key as keyof Behaviours];
		const valid =
			allowed === 'boolean' ? typeof value === 'boolean'
			: allowed === 'milliseconds' ? typeof value === 'number' && Number.isFinite(value) && value >= 0
			: (allowed as readonly unknown[]).includes(value);
		if (!valid) {
			const expected = typeof allowed === 'string' ? allowed : allowed.map((item) => JSON.stringify(item)).join(' | ');
			throw new Error(`Behaviour ${key} must be ${expected}, not ${JSON.stringify(value)}`);
		}
	}
	return { ...base, ...update };
}

export function checkRateLimitNumbers(options: { perWindow?: number; listPerWindow?: number; windowMs?: number }): void {
	for (const key of ['perWindow', 'listPerWindow', 'windowMs'] as const) {
		const value = options[key];
		if (value !== undefined && !(Number.isInteger(value) && value >= (key === 'windowMs' ? 1 : 0))) {
			throw new Error(`rateLimit.${key} must be a ${key === 'windowMs' ? 'positive' : 'non-negative'} integer`);
		}
	}
}
